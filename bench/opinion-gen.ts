// Synthetic 政务舆情 stream for the opinion benchmark: short Chinese posts about a county (floods,
// schools, wages, property, food safety, policy rumours, traffic, pollution …) with planted copies:
//   - exact reposts: the original with platform decoration (【转发】, @mentions, links, emoji) that
//     normalisation removes;
//   - edited copies: one to three light edits (a word inserted, a synonym swapped, punctuation
//     changed, a character replaced, a short comment appended);
//   - Traditional copies: the original through OpenCC (cn → tw), sometimes decorated too.
// Post i is a pure function of (seed, i) given the posts before it (copies pick an original from the
// last COPY_WINDOW originals), so runs are repeatable. Generated lazily: a stream of 1,000,000 posts
// never sits in memory.
import * as OpenCC from 'opencc-js';
import { prng } from './prng.ts';

export type PlantedKind = 'original' | 'repost' | 'edited' | 'traditional';
export type Post = {
  /** Sequence number (0-based). */
  i: number;
  /** Sender's idempotency key for the push API. */
  id: string;
  source: string;
  title: string;
  text: string;
  publishedAt: Date;
  kind: PlantedKind;
  /** For a planted copy: the sequence number of its original; −1 for an original. */
  dupOf: number;
};

export type GenOptions = { seed?: number; start?: Date; secondsPerPost?: number; repost?: number; edited?: number; traditional?: number };

const TOWNS = ['莲塘镇', '向塘镇', '塔城乡', '泾口乡', '南新乡', '三江镇', '广福镇', '富山乡', '东新乡', '八一乡', '黄马乡', '幽兰镇', '蒋巷镇', '武阳镇', '冈上镇', '银三角'];
const VILLAGES = ['新农村', '桃花村', '罗家村', '万舍村', '前进村', '胡家村', '黄洲村', '刘家村', '小蓝村', '东岗村', '西湖村', '杨柳村', '塘南村', '水口村', '麻丘村', '高田村', '下湾村', '石岗村', '洪家村', '霞山村'];
const ROADS = ['澄碧湖路', '昌南大道', '迎宾大道', '莲西路', '向阳路', '金沙大道', '富山大道', '小蓝中大道', '汇仁大道', '东新大道', '五一路', '丰收路', '建设路', '文化路', '府前路', '工业大道'];
const ESTATES = ['金域名都', '江南名苑', '碧桂园', '恒大名都', '华润橡树湾', '莲湖小区', '书香苑', '阳光花园', '翠园', '锦绣江南', '城南雅居', '滨江花园', '御景湾', '幸福家园'];
const SCHOOLS = ['莲塘一中', '莲塘二小', '向塘中学', '八一中学', '实验小学', '三江中心小学', '城南幼儿园', '阳光幼儿园', '育才学校', '南新中学'];
const AGENCIES = ['县住建局', '县教体局', '县人社局', '县市场监管局', '县应急管理局', '县城管局', '县交通运输局', '县生态环境局', '县卫健委', '县自然资源局', '镇政府', '街道办', '县公安局交警大队', '县水务局'];
const TIMES = ['今天上午', '今天下午', '昨天晚上', '今天凌晨', '前天', '这两天', '上周末', '今天中午', '刚刚', '昨天下午', '本周一', '这个月'];
const NAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林'];

/**
 * Clause templates per topic; slots {镇}{村}{路}{区}{校}{局}{时}{数}{姓}, and {甲|乙|丙} picks one
 * alternative — independent posts then share words and slots, rarely a whole clause, as different
 * people writing about the same thing do.
 */
const TOPICS: string[][] = [
  ['{时}{镇}{路}{突降|下了一场|遭遇了}{暴雨|大暴雨|强降雨|雷阵雨}', '{积水|路面积水|水}{超过|将近|差不多有}{数}厘米', '{多辆|好几辆|十几辆}{小汽车|私家车|电动车}{被困|泡在水里|熄火}',
    '{这一段|这条路}的排水{管道|系统}{年久失修|太细了|早就堵了}', '{区}{地下车库|一楼商铺}{进水了|被淹了}，{业主|住户}{连夜|冒雨}搬沙袋', '{公交车|好几路公交}{临时停运|绕行}，{很多人|上班族}只能{蹚水|走路}回家',
    '{局}{派人|安排了抽水车}到现场，{效果不明显|水还是没退}', '{有老人|一户人家}被困在{村}的{平房|老房子}里', '积水{退了以后|退去后}{路面|街上}全是{淤泥|垃圾}', '{每年|年年}{一下雨|到了汛期}就{淹|内涝}，{钱都花到哪里去了|到底什么时候能改造}'],
  ['听说{校}{今年秋季|明年}{入学|招生}要{按房产证排序|看社保年限|划片调整}', '{没有房子的|租房的|外来务工}{家庭|人员}{子女|孩子}只能去{镇}{读书|上学}', '{区}{交房|入住}{两年|三年}了，{承诺的|规划的}{配套学校|幼儿园}还是{一片空地|没动工}',
    '孩子每天上学要{坐|花}{数}分钟{公交车|电动车}', '{家长们|我们}去{局}{反映|咨询}，{工作人员|窗口}说{等通知|还没定}', '{学校周边|校门口}的{校车接送点|临时停车点}{被取消了|没了}',
    '{班级|一个班}人数{超过|快到}{数}人，{老师|班主任}{顾不过来|管不过来}', '这个{政策|说法}到底是{真的|谣传|官方定的}', '{希望|恳请}{教育部门|{局}}{出来解释一下|给个准话}', '{校}的{食堂|校服|课后服务}{价格又涨了|收费不透明}'],
  ['{村}{附近|旁边}的{建筑工地|楼盘项目}拖欠{数}个{农民工|工人}的工资', '{包工头|老板}{电话关机|人找不到}，已经{大半年|好几个月}{没见人影|不露面}', '去{局}{劳动监察大队|信访窗口}反映了{三次|好几次}',
    '{眼看要过年了|马上秋收了}，家里{老人孩子|一家人}等着钱用', '{项目方|开发商}说钱{已经打给总包了|早就付了}，总包{说没收到|不认账}', '有{工友|工人}{急得|气得}在工地门口{拉横幅|讨说法}',
    '{姓}{师傅|大哥}说他{一家四口|全家}就靠这份{工钱|收入}', '{希望|恳请}有关部门{出面协调|帮帮忙}，把血汗钱{要回来|讨回来}', '合同上写的是{按月结算|完工付款}，实际{一分没给|只给了一半}', '{镇}还有{好几个|不少}工地都是{这种情况|这样}'],
  ['{区}物业{突然|擅自}宣布{物业费|停车费}上涨{数}%', '停车费从每月{一百|一百五}涨到{两百|三百}', '电梯{三天两头坏|经常关人}，物业一直{拖着不修|推说没钱}',
    '{业主群里|大家}都很{气愤|不满}，准备{集体投诉|找媒体}', '{小区绿化|公共区域}被改成了{收费停车位|商铺}', '{开发商|物业}承诺的{游泳池|健身房|会所}{变成了商铺|一直没建}',
    '晚上{数}点以后{小区门口|楼道}的{路灯|灯}{都不亮|全坏了}', '{局}说这是{物业和业主之间的事情|合同纠纷}', '{业委会选举|业主大会}被物业{暗中阻挠|一拖再拖}', '{希望|恳请}{住建部门|{局}}{管一管|查一查}'],
  ['{校}食堂被曝{使用过期食材|用变质的肉|卫生很差}', '有家长拍到{冰柜里的肉|仓库里的米}已经{发黑|发霉}', '{园方|校方}{一开始不承认|先是否认}，后来说是{供应商|承包商}的问题',
    '{局}已经{派人到现场|介入}{调查取证|封存样品}', '{好几个|十几个}孩子出现了{呕吐|腹泻|发烧}', '家长要求{公开|查看}{食材采购记录|检测报告}',
    '{镇}{菜市场|夜市}有商贩用{工业染料|不明添加剂}给{食品|熟食}上色', '这家店{之前就被举报过|早就有人投诉}，{没有下文|不了了之}', '{要求|强烈要求}{彻查|严查}并{向家长道歉|公开结果}', '{食品安全|孩子的健康}{不是小事|不能儿戏}'],
  ['网传{我县|县里}{明年起|下个月}{全面禁止|限制}{电动车|三轮车}上路', '有人说{镇}的{农村宅基地|承包地}要{统一收回|重新分配}', '群里都在转发一个关于{医保缴费|社保缴费}{翻倍|上调}的{通知|截图}',
    '据说{今年起|明年}养老金按{新的办法|新标准}计算，{很多人要少领|要补缴}', '这个说法{到底有没有依据|是不是真的}', '有关部门能不能{出来澄清一下|发个公告}',
    '{很多老人|村里的老人}看了以后{很着急|睡不着}', '有人已经去{局}{排队咨询|打听}了', '{官方文件|政府网站}里{好像没有这句话|查不到}', '{希望|恳请}{及时发布|尽快出}{权威解读|正式说明}'],
  ['{路}和{路}交叉口{红绿灯|信号灯}坏了{数}天', '{早晚高峰|上下班时间}堵成{一锅粥|一团}，差点{出了车祸|撞上}', '{时}一辆{渣土车|货车}在{路}{侧翻|失控}，{压坏了|撞坏了}{护栏|路灯}',
    '{大货车|渣土车}半夜{超速|超载}，路上全是{撒落的砂石|泥巴}', '{学校门口|小区门口}没有{人行横道|红绿灯}，{孩子|老人}过马路很危险', '{局}说{已经上报|在走流程}，等待维修',
    '新修的路才{半年|几个月}就{到处是坑|裂开了}', '{公交站台|站牌}被拆了{一直没有恢复|没人管}', '{希望|建议}{增设|安装}{减速带|监控|护栏}', '{附近居民|周边群众}出行{非常不便|很不方便}'],
  ['{村}{旁边|附近}的{化工厂|造纸厂|养猪场}{晚上偷偷排污|往河里排废水}', '河里的鱼{大片死亡|死了一大片}，水面{漂着一层油|全是泡沫}', '空气里{一股刺鼻的味道|臭味很重}，晚上{不敢开窗|睡不着}',
    '村民{多次|好几次}向{局}反映，{一直没有结果|没人来看}', '有人拍到{罐车|货车}在深夜往{沟里|河里}倒东西', '孩子们最近{老是咳嗽|皮肤过敏}',
    '{镇}的{垃圾焚烧厂|污水处理厂}要建在{居民区|学校}旁边', '{环评公示|规划公示}的时间{太短|只有几天}，很多人都不知道', '要求公开{检测数据|环评报告}', '{希望|恳请}{环保部门|{局}}{彻查|来现场看看}'],
  ['{村}的自来水已经停了{数}天', '水龙头里{流出来的是黄色的水|有一股怪味}', '{区}{一到夏天就限电|经常停电}，老人{热得受不了|吃不消}',
    '{燃气公司|供水公司}说{管道检修|设备升级}，{没有提前通知|说停就停}', '打了{好几次|无数次}12345热线，说已经{转交|转给}{局}', '买{桶装水|矿泉水}的钱{都快比水费高了|一个月好几百}',
    '{镇}的路灯坏了{半年|好几个月}没人修', '冬天{暖气|热水}一点都不热', '{客服|热线}一直{占线|没人接}', '{希望|恳请}给个{明确的恢复时间|说法}'],
  ['{姓}{老太太|大爷}在{村}独居，{儿女|子女}{多年不管|从不回来}', '有人看见{她|他}在{垃圾堆|菜市场}里{找吃的|捡菜叶}', '{时}{镇}{一名男子|几个年轻人}当街{殴打老人|欺负残疾人}，围观的人{没人上前|只顾拍视频}',
    '视频在网上{传开|疯传}，{大家|网友}都很{愤怒|气愤}', '有人{冒领|骗领}已故老人的养老金{好几年|多年}', '{村干部|有人}把低保名额给了{自己亲戚|关系户}',
    '{局}表示{正在核实情况|已经介入}', '这种事情{太寒心了|让人心寒}', '{希望|恳请}{严肃处理|严查}相关责任人', '{社会风气|人心}不能这样下去'],
];
/**
 * Who is writing and where (half the posts say it): different people's posts about one kind of problem
 * differ first of all in these details.
 */
const SPEAKERS = ['我是{镇}{村}的村民', '我家住在{镇}{路}附近', '{区}业主反映', '{镇}{村}的{姓}{先生|女士|师傅|阿姨}说', '我在{镇}{路}上班', '{姓}{先生|女士}（{镇}{村}）',
  '住在{区}的{姓}{阿姨|大爷|女士}反映', '{镇}{区}的居民', '家在{村}的网友说', '{镇}网友爆料'];
const OPENERS = ['', '', '', '求扩散！', '真心求助：', '大家评评理，', '实在忍不了了，', '有没有人管管？', '给{镇}的朋友提个醒，', '{镇}的朋友们注意了，', '本地人爆料：', '说个事，'];
const CLOSERS = ['', '', '', '希望有关部门重视！', '@{镇}发布 请回复', '已经打过12345了。', '到底有没有人管？', '转给需要的人。', '{局}能不能给个说法？', '谢谢大家关注。', '再这样下去怎么办啊！', '求官方回应。'];
const SOURCES = ['weibo', 'wechat', 'forum', 'board', 'news-comment', 'video'];

const DECOR_BEFORE = ['【转发】', '【转】', '转发微博：', '【扩散】', '//@{姓}先生:', '[视频]'];
const DECOR_AFTER = [' @{镇}发布', ' http://t.cn/A6{数}xK', ' 😡😡', ' [怒][怒]', ' 网页链接', ' 👍', ' @江西新闻 @南昌发布'];
const FILLERS = ['真的', '已经', '一直', '大家', '现在', '还是', '非常', '听说', '确实', '据说'];
const SYNONYMS: [string, string][] = [['希望', '恳请'], ['尽快', '赶紧'], ['非常', '特别'], ['已经', '早就'], ['很多', '好多'], ['没有', '没'], ['到底', '究竟'], ['一直', '始终'], ['反映', '投诉'], ['要求', '强烈要求']];
const COMMENTS = ['太可怕了', '支持', '扩散', '同感', '顶一下', '必须严查', '唉'];
const PUNCT = ['，', '。', '！', '？', '；'];


/** Originals that copies are drawn from: copies appear within a few thousand posts of their original. */
const COPY_WINDOW = 2000;

/** The stream of `n` posts (lazily generated). */
export function* generatePosts(n: number, opts: GenOptions = {}): Generator<Post> {
  const rnd = prng(opts.seed ?? 20261001);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Slots first: an alternative may itself be a slot ({教育部门|{局}}).
  const fill = (tpl: string): string => fillSlots(tpl).replace(/\{([^{}]*\|[^{}]*)\}/gu, (_, alts: string) => pick(alts.split('|')));
  const fillSlots = (tpl: string): string => tpl.replace(/\{(镇|村|路|区|校|局|时|数|姓)\}/gu, (_, k: string) => {
    switch (k) {
      case '镇': return pick(TOWNS);
      case '村': return pick(VILLAGES);
      case '路': return pick(ROADS);
      case '区': return pick(ESTATES);
      case '校': return pick(SCHOOLS);
      case '局': return pick(AGENCIES);
      case '时': return pick(TIMES);
      case '姓': return pick(NAMES);
      default: return String(2 + Math.floor(rnd() * 98));
    }
  });
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const pRepost = opts.repost ?? 0.08;
  const pEdited = opts.edited ?? 0.06;
  const pTrad = opts.traditional ?? 0.04;
  const start = (opts.start ?? new Date('2026-07-01T00:00:00+08:00')).getTime();
  const step = (opts.secondsPerPost ?? 2.5) * 1000;
  const recent: { i: number; text: string }[] = [];

  // Filled clause → the recent originals that used it (for the distinctness rule below).
  const clauseUse = new Map<string, number[]>();
  // Numbers do not make a post different (a retelling may get them wrong).
  const masked = (c: string): string => c.replace(/\d+/gu, '#');
  const clausesOf = new Map<number, string[]>();
  const draft = (topic: readonly string[], k: number): string[] => {
    const used = new Set<number>();
    const clauses: string[] = rnd() < 0.5 ? [fill(pick(SPEAKERS))] : [];
    k += clauses.length;
    while (clauses.length < k) {
      const c = Math.floor(rnd() * topic.length);
      if (used.has(c)) continue;
      used.add(c);
      clauses.push(fill(topic[c]!));
    }
    return clauses;
  };
  /**
   * Share of the shorter post's clause text that `clauses` has verbatim in common with one recent
   * original, the highest over the recent originals (0 when it shares no clause).
   */
  const overlap = (clauses: readonly string[]): number => {
    const shared = new Map<number, number>();
    clauses = clauses.map(masked);
    const own = clauses.reduce((a, c) => a + c.length, 0);
    for (const c of clauses) for (const o of clauseUse.get(c) ?? []) shared.set(o, (shared.get(o) ?? 0) + c.length);
    let worst = 0;
    for (const [o, chars] of shared) {
      const other = clausesOf.get(o)!.reduce((a, c) => a + c.length, 0);
      worst = Math.max(worst, chars / Math.min(own, other));
    }
    return worst;
  };
  /**
   * A new original. Different people writing about the same thing share words, places and stock
   * phrases, but not most of a post: a draft that repeats half or more of a recent original's (or
   * its own) clause text verbatim, numbers aside, would be a copy of it, not an independent post —
   * the ground truth would be wrong — so it is drawn again (about once per original on average).
   */
  const original = (i: number): string => {
    const topic = pick(TOPICS);
    const k = 2 + Math.floor(rnd() * 3);
    let clauses = draft(topic, k);
    for (let tries = 0; tries < 20 && overlap(clauses) >= 1 / 2; tries++) clauses = draft(topic, k);
    for (const c of clauses.map(masked)) {
      const list = clauseUse.get(c);
      if (list) list.push(i);
      else clauseUse.set(c, [i]);
    }
    clausesOf.set(i, clauses.map(masked));
    const body = clauses.map((c, j) => c + (j === clauses.length - 1 ? pick(['。', '！', '？', '。']) : pick(['，', '，', '。', '；']))).join('');
    return fill(pick(OPENERS)) + body + fill(pick(CLOSERS));
  };
  const forget = (i: number): void => {
    for (const c of clausesOf.get(i) ?? []) {
      const list = clauseUse.get(c)!;
      list.splice(list.indexOf(i), 1);
      if (list.length === 0) clauseUse.delete(c);
    }
    clausesOf.delete(i);
  };
  const decorate = (t: string): string => {
    let s = t;
    if (rnd() < 0.7) s = fill(pick(DECOR_BEFORE)) + s;
    if (rnd() < 0.6) s += fill(pick(DECOR_AFTER));
    return s;
  };
  const edit = (t: string): string => {
    let s = t;
    const edits = 1 + Math.floor(rnd() * 3);
    for (let e = 0; e < edits; e++) {
      const r = rnd();
      const chars = Array.from(s);
      const punctAt = chars.map((ch, j) => (PUNCT.includes(ch) ? j : -1)).filter((j) => j >= 0);
      if (r < 0.3) {
        // A word inserted after a punctuation mark (people add "真的", "大家" when they retell).
        const j = punctAt.length ? pick(punctAt) + 1 : 0;
        chars.splice(j, 0, pick(FILLERS));
        s = chars.join('');
      } else if (r < 0.55) {
        const [a, b] = pick(SYNONYMS);
        if (s.includes(a)) s = s.replace(a, b);
        else if (s.includes(b)) s = s.replace(b, a);
        else s += pick(COMMENTS);
      } else if (r < 0.7) {
        if (punctAt.length) chars[pick(punctAt)] = pick(PUNCT);
        s = chars.join('');
      } else if (r < 0.85) {
        s += pick(['', '，', '！']) + pick(COMMENTS);
      } else {
        // One character replaced by a near one (a typo or a variant): the hardest light edit.
        const j = Math.floor(rnd() * chars.length);
        chars[j] = pick(['的', '了', '在', '是', '很', '都', '又', '也']);
        s = chars.join('');
      }
    }
    return s;
  };

  for (let i = 0; i < n; i++) {
    const r = rnd();
    let kind: PlantedKind = 'original';
    let text: string;
    let dupOf = -1;
    if (recent.length > 0 && r < pRepost + pEdited + pTrad) {
      const src = recent[Math.floor(rnd() * recent.length)]!;
      dupOf = src.i;
      if (r < pRepost) {
        kind = 'repost';
        text = decorate(src.text);
      } else if (r < pRepost + pEdited) {
        kind = 'edited';
        text = edit(src.text);
      } else {
        kind = 'traditional';
        text = toTraditional(src.text);
        if (rnd() < 0.3) text = decorate(text);
      }
    } else {
      text = original(i);
      recent.push({ i, text });
      if (recent.length > COPY_WINDOW) forget(recent.shift()!.i);
    }
    yield {
      i, id: `gen-${i}`, source: pick(SOURCES), title: '', text,
      publishedAt: new Date(start + i * step + Math.floor(rnd() * step)), kind, dupOf,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// End-to-end ingestion (push API → PostgreSQL): added by the module's owner once the API exists.
// It should post these batches to POST /api/v1/opinion/items and compare the answers with `dupOf`.

/** The stream as push-API request bodies of `batchSize` items (the API takes up to 1,000). */
export function* pushBatches(n: number, batchSize = 1000, opts: GenOptions = {}): Generator<{ body: { items: { id: string; source: string; title: string; text: string; publishedAt: string }[] }; posts: Post[] }> {
  let posts: Post[] = [];
  for (const p of generatePosts(n, opts)) {
    posts.push(p);
    if (posts.length === batchSize) {
      yield { body: { items: posts.map(toApiItem) }, posts };
      posts = [];
    }
  }
  if (posts.length) yield { body: { items: posts.map(toApiItem) }, posts };
}
const toApiItem = (p: Post) => ({ id: p.id, source: p.source, title: p.title, text: p.text, publishedAt: p.publishedAt.toISOString() });
