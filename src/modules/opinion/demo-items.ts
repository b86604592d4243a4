// The demo county's public opinion (written for this project, fictional): what 云溪县's monitors would
// see on a normal week — a water cut that grows, a misread school-admission rule, a rainstorm, a smell
// from the industrial zone, and single hotline and message-board cases. Reposts, an edited copy and a
// Traditional-character copy are planted so the demo shows duplicate collapsing.

export interface DemoSource { key: string; name: string; kind: 'feed' | 'api' | 'hotline' | 'board'; mediaType: string; weight: number; url?: string }

export const DEMO_SOURCES: readonly DemoSource[] = [
  { key: 'forum', name: '云溪论坛（舆情推送）', kind: 'api', mediaType: 'forum', weight: 1 },
  { key: 'weibo', name: '微博（舆情推送）', kind: 'api', mediaType: 'weibo', weight: 1.2 },
  { key: 'news', name: '云溪新闻网', kind: 'feed', mediaType: 'news', weight: 1.5, url: 'https://news.yunxi.example.cn/rss.xml' },
  { key: 'hotline', name: '云溪县12345政务服务便民热线', kind: 'hotline', mediaType: 'hotline', weight: 1 },
  { key: 'board', name: '县长信箱留言板', kind: 'board', mediaType: 'board', weight: 1 },
];

export interface DemoItem {
  source: DemoSource['key'];
  id: string;
  /** Hours before the demo's "now". */
  hoursAgo: number;
  title: string;
  text: string;
  author?: string;
  contact?: string;
}

const WATER = '青石镇石门村一带从昨天晚上开始停水，到现在已经十几个小时了，家里老人孩子洗漱做饭都成问题，也没有看到任何停水通知，打电话问供水站一直占线，希望有关部门尽快说明原因和恢复时间。';
const SCHOOL = '听说云溪县今年秋季起义务教育招生要改成只看房产证，租房的外地户籍孩子一律不能在城区学校入学，是真的吗？我们在城关镇租房打工五年了，孩子马上要上一年级，心里很着急。';

export const DEMO_ITEMS: readonly DemoItem[] = [
  // 1. A water cut in 青石镇 that grows over the morning (公众切身利益).
  { source: 'forum', id: 'lt-20931', hoursAgo: 14, title: '青石镇石门村停水十几个小时没人管', text: WATER, author: '石门老李' },
  { source: 'weibo', id: 'wb-88172', hoursAgo: 13, title: '转发：青石镇石门村停水十几个小时没人管', text: WATER, author: '云溪身边事' },
  { source: 'weibo', id: 'wb-88190', hoursAgo: 12, title: '青石镇停水', text: WATER.replace('十几个小时', '快一天').replace('希望有关部门', '请镇政府和供水站'), author: '青石小陈' },
  { source: 'forum', id: 'lt-20955', hoursAgo: 10, title: '青石鎮石門村停水十幾個小時沒人管', text: '青石鎮石門村一帶從昨天晚上開始停水，到現在已經十幾個小時了，家裡老人孩子洗漱做飯都成問題，也沒有看到任何停水通知，打電話問供水站一直佔線，希望有關部門儘快說明原因和恢復時間。', author: '遊子' },
  { source: 'hotline', id: 'rx-2026-0311', hoursAgo: 9, title: '反映青石镇石门村停水', text: '来电人反映青石镇石门村自昨晚起停水，至今未恢复，村里有两位卧床老人用水困难，要求供水部门尽快恢复供水并公布停水原因。', author: '刘女士', contact: '13907935521' },
  { source: 'weibo', id: 'wb-88301', hoursAgo: 6, title: '青石镇石门村停水已经超过一天', text: '青石镇石门村停水超过二十个小时，村民只能到邻村挑水，镇里说是主管道爆裂在抢修，但一直没有公告，大家都很不满，希望云溪县相关部门重视。', author: '溪畔观察' },
  // 2. A misread admission rule (重大政策误解误读).
  { source: 'forum', id: 'lt-21002', hoursAgo: 30, title: '云溪县义务教育招生只看房产证？', text: SCHOOL, author: '城关租房户' },
  { source: 'weibo', id: 'wb-88411', hoursAgo: 28, title: '云溪县城区学校不收租房外地孩子？', text: SCHOOL, author: '云溪家长群' },
  { source: 'board', id: 'ly-5521', hoursAgo: 26, title: '关于城区学校入学政策的咨询', text: '县长您好：网上流传云溪县今年起城区义务教育学校招生只认房产证，租房随迁子女不能入学。请问这是真的吗？随迁子女入学政策是否有变化？请县教体局给予解答。', author: '王先生', contact: '18679350012' },
  { source: 'weibo', id: 'wb-88460', hoursAgo: 20, title: '网传招生新政引发家长焦虑', text: '有网友称云溪县义务教育招生改为只看房产证，租房家庭孩子不能在城区学校入学，多位家长表示焦虑，记者向县教体局求证，尚未获得答复。', author: '云溪新闻网评论' },
  // 3. A rainstorm in 河口镇 (突发事件处置和自然灾害应对).
  { source: 'news', id: 'https://news.yunxi.example.cn/a/2026/7731.html', hoursAgo: 5, title: '河口镇遭遇短时强降雨 部分道路积水', text: '今天凌晨河口镇出现短时强降雨，沙洲村至镇区的县道多处积水，一处山体出现小规模塌方，部分群众出行受阻，镇里已组织人员到现场处置。' },
  { source: 'weibo', id: 'wb-88533', hoursAgo: 4, title: '河口镇沙洲村塌方堵路', text: '河口镇沙洲村去镇上的路塌方了，车过不去，暴雨还在下，有没有人管一管，学生上学都成问题，担心还会有地质灾害。', author: '沙洲小吴' },
  { source: 'forum', id: 'lt-21087', hoursAgo: 3, title: '河口镇暴雨塌方有人受伤吗', text: '网传河口镇沙洲村暴雨塌方砸到了路过的车辆，有人受伤，不知道是不是真的，请官方尽快通报情况，不要让谣言满天飞。', author: '河口人' },
  // 4. A smell from the industrial zone (公众切身利益), two days ago.
  { source: 'forum', id: 'lt-20711', hoursAgo: 50, title: '工业园区附近晚上有刺鼻异味', text: '住在云溪工业园区附近的居民反映，最近几天晚上总闻到刺鼻的化学异味，怀疑有企业偷排废气，希望园区管委会和环保部门查一查。', author: '园区东门住户' },
  { source: 'hotline', id: 'rx-2026-0288', hoursAgo: 48, title: '反映工业园区夜间异味', text: '来电人反映云溪工业园区东侧夜间有明显刺鼻异味，影响休息，怀疑有企业夜间排污，要求有关部门调查处理。', author: '赵先生', contact: '13870931234' },
  // 5. Single cases from the hotline and the message board.
  { source: 'hotline', id: 'rx-2026-0302', hoursAgo: 22, title: '柳林乡集镇路灯不亮', text: '来电人反映柳林乡集镇主街路灯已经坏了半个多月，晚上出行不便，希望乡政府尽快维修。', author: '陈先生', contact: '15179300876' },
  { source: 'board', id: 'ly-5530', hoursAgo: 18, title: '城关镇农贸市场周边占道经营', text: '县长您好：云溪县城关镇农贸市场周边占道经营严重，早晚高峰堵车，建议县市场监管局和城管部门联合整治。', author: '市民' },
];
