// Default lexicons: the words the pipeline starts with before an admin edits them (the database
// layer stores its own copies; these are plain data so they can be loaded into it as they are).
// Weights: 1 = a word that suggests, 2 = a word that is typical, 3 = a word that alone decides.
import type { CategoryRule, LexiconTerm, Lexicons } from './types.ts';

const w = (weight: number, words: string): LexiconTerm[] => words.split(/\s+/u).filter(Boolean).map((term) => ({ term, weight }));

/** Words that never make a keyword or a SimHash feature (function words, forum filler). */
export const DEFAULT_STOP_WORDS: string[] = (
  '的 了 是 在 和 与 及 或 有 没 没有 我 你 他 她 它 我们 你们 他们 咱们 大家 自己 这 那 这个 那个 这些 那些 这样 那样 这里 那里 ' +
  '就 都 也 还 又 再 很 太 更 最 挺 吧 吗 呢 啊 呀 哦 嗯 哈 哈哈 啦 嘛 么 着 过 把 被 让 给 对 从 向 往 到 于 为 为了 因为 所以 但是 但 ' +
  '可是 而且 并且 如果 虽然 然后 还是 就是 不是 只是 已经 现在 一直 真的 非常 特别 一个 一些 一下 什么 怎么 怎么办 为什么 多少 ' +
  '可以 能 会 要 想 说 看 听说 据说 觉得 感觉 知道 希望 请问 有没有 是不是 能不能 有人 网友 小编 楼主 转发 扩散 求 帮忙 谢谢 ' +
  '今天 昨天 明天 刚才 刚刚 目前 上午 下午 晚上 早上 时候 之后 之前 以后 以前 地方 事情 情况 问题 东西 这种 一样'
).split(/\s+/u);

/** Words that carry complaint, anger or distrust. */
export const DEFAULT_NEGATIVE: LexiconTerm[] = [
  ...w(1, '投诉 不满 质疑 担心 失望 无奈 着急 反映多次 没人管 无人管 不管 推诿 踢皮球 敷衍 拖延 迟迟 一直没 石沉大海 不回复 乱收费 强制 ' +
    '坑人 黑心 欺骗 忽悠 霸王条款 曝光 举报 维权 讨说法 求助 心寒 寒心 愤怒 气愤 太过分 离谱 荒唐 可恶 恶劣 不作为'),
  ...w(2, '乱作为 腐败 贪污 受贿 暴力执法 打人 威胁 恐吓 包庇 官官相护 欺压 逼迫 强拆 黑幕 造假 隐瞒 瞒报 谎报'),
];

/** Words that make an item sensitive whatever the tone: harm to people, crowds, public order. */
export const DEFAULT_SENSITIVE: LexiconTerm[] = [
  ...w(1, '受伤 被困 停水 停电 停运 中毒 感染 疫情 污染 坍塌 起火 冒烟 爆管 塌陷 失联 走失 溺水 拖欠工资 讨薪 上访 信访 聚集 围观'),
  ...w(2, '死亡 身亡 遇难 伤亡 爆炸 火灾 群体性 围堵 堵路 拉横幅 静坐 游行 罢工 罢课 冲突 踩踏 食物中毒 危化品 泄漏 决堤 溃坝'),
  ...w(3, '死伤惨重 群死群伤 大规模聚集 打砸 暴乱 恐怖袭击'),
];

/** The five categories (seed 004 §二 / 国办发〔2016〕61号) and the words that point to each. */
export const DEFAULT_CATEGORY_RULES: CategoryRule[] = [
  {
    category: 'policy_misread',
    threshold: 3,
    terms: [
      ...w(1, '政策 新政 新规 规定 文件 通知 公告 条例 办法 细则 实施 出台 调整 取消 停止 全面禁止 一刀切 到底 真的吗 是真的吗 官方'),
      ...w(2, '网传 据传 传言 谣传 误解 误读 曲解 理解错 解读 断章取义 不实 真假 澄清 被理解为 意思是 解释一下 出来解释 这个政策'),
      ...w(3, '政策误读 政策解读有误 辟谣 官方辟谣'),
    ],
  },
  {
    category: 'public_interest',
    threshold: 3,
    terms: [
      ...w(1, '收费 涨价 价格 物业 停车 公交 出行 小区 业主 房价 学区 学位 配套学校 交房 烂尾 医保 社保 养老金 低保 补贴 就业 工资 ' +
        '供水 供电 供气 供暖 噪音 异味 油烟 垃圾 排水 积水 道路 修路 菜价 看病 挂号'),
      ...w(2, '拆迁 征收 征地 补偿 安置 入学 上学难 看病难 停水 停电 拖欠工资 讨薪 农民工 水质 污染 垃圾焚烧 化工厂 房产证 产权'),
      ...w(3, '切身利益 民生问题'),
    ],
  },
  {
    category: 'moral',
    threshold: 3,
    terms: [
      ...w(1, '冷漠 欺负 辱骂 殴打 虐待 霸凌 欺凌 遗弃 不赡养 冒领 骗取 诈骗 被曝 不承认 隐瞒 压下去 食堂 伤痕'),
      ...w(2, '虐童 性侵 猥亵 见死不救 殴打老人 校园霸凌 遗弃老人 遗弃婴儿 骗保 诈捐 食品安全事件 黑作坊 地沟油 过期食材 变质食品 假药 假疫苗 毒奶粉'),
      ...w(3, '道德底线 丧尽天良 令人发指'),
    ],
  },
  {
    category: 'emergency',
    threshold: 3,
    terms: [
      ...w(1, '暴雨 大雨 强降雨 积水 内涝 大风 冰雹 高温 干旱 降雪 冰冻 雷击 起火 冒烟 被困 受伤 停运 停水 停电 封路 救援 转移 疏散'),
      ...w(2, '洪水 洪涝 汛情 防汛 台风 地震 山体滑坡 滑坡 泥石流 塌方 坍塌 垮塌 火灾 爆炸 车祸 交通事故 溺水 中毒 疫情 泄漏 ' +
        '决堤 溃坝 伤亡 遇难 死亡 失联 应急响应'),
      ...w(3, '突发事件 自然灾害 重大事故 安全事故 应急管理局通报'),
    ],
  },
  {
    category: 'higher_request',
    threshold: 3,
    terms: [
      ...w(1, '转办 交办 督办 批示 要求回应 限期 回复 领导留言板'),
      ...w(2, '上级交办 省政府交办 市政府交办 国务院督查 互联网+督查 督查转办 领导批示 责成 限期办结 限期答复 人民网留言板'),
      ...w(3, '上级要求回应 上级政府要求 请予回应'),
    ],
  },
];

export const DEFAULT_LEXICONS: Lexicons = {
  negative: DEFAULT_NEGATIVE,
  sensitive: DEFAULT_SENSITIVE,
  categories: DEFAULT_CATEGORY_RULES,
  stop: DEFAULT_STOP_WORDS,
};
