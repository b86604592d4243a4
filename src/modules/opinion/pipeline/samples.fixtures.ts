// Realistic posts for the stage tests (written for these tests; places are of the demo county style).
// Several are on the same topic on purpose: near-duplicate detection must keep them apart.

export const FLOOD_A =
  '莲塘镇澄碧湖路今天下午突降暴雨，积水超过半米，多辆小汽车被困在水里，有网友说这一段排水管道年久失修，每逢下雨必淹，希望有关部门尽快疏通，市民出行请注意安全。';
export const FLOOD_B =
  '刚从向塘镇回来，昌南大道高架桥下面全是水，公交车都停运了，听说附近小区地下车库也进水了，物业一直联系不上，住户只能自己搬沙袋堵门，到底有没有人管？';
export const FLOOD_C =
  '县应急管理局通报：受强降雨影响，全县共转移群众一千二百余人，启动防汛四级应急响应，各乡镇已组织人员连夜排查山塘水库和低洼地带，目前暂无人员伤亡报告。';
export const SCHOOL_A =
  '听说今年秋季小学入学要按房产证排序，没有房子的外来务工人员子女只能去镇上的学校，这个政策是真的吗？教育局能不能出来解释一下，家长们都很着急。';
export const SCHOOL_B =
  '八一中学附近新建的小区交房两年了，承诺的配套学校到现在还是一片空地，开发商说等政府规划，政府说等开发商建设，孩子上学每天要坐四十分钟公交车。';
export const WAGE_A =
  '某建筑工地拖欠我们二十多个农民工工资已经半年了，包工头电话关机，去劳动监察大队反映了三次都说在处理，眼看要过年了，家里老人孩子等着钱用。';
export const FOOD_A =
  '幼儿园食堂被曝使用过期食材，有家长拍到冰柜里的肉已经发黑，园方一开始不承认，后来说是供应商的问题，市场监管局已经派人去现场调查取证。';

/** One word swapped and the last mark changed, as people do when they copy a post. */
export const FLOOD_A_LIGHT_EDIT = FLOOD_A.replace('尽快', '赶紧').replace(/。$/u, '！');
/** Three edits, two of them content words (暴雨 → 大暴雨, 尽快 → 赶紧): beyond a light edit. */
export const FLOOD_A_EDITED =
  '莲塘镇澄碧湖路今天下午突降大暴雨，积水超过半米，多辆小汽车被困在水里，有网友说这一段排水管道年久失修，每逢下雨必淹，希望有关部门赶紧疏通，市民出行请注意安全！';
export const FLOOD_A_TRADITIONAL =
  '蓮塘鎮澄碧湖路今天下午突降暴雨，積水超過半米，多輛小汽車被困在水裡，有網友說這一段排水管道年久失修，每逢下雨必淹，希望有關部門儘快疏通，市民出行請注意安全。';
export const FLOOD_A_REPOST = `【转发】${FLOOD_A} @南昌发布 #南昌暴雨# http://t.cn/A6x9k2Lp`;
export const FLOOD_A_FORWARD_CHAIN = `转发微博 //@昌南观察: 太吓人了[泪][泪] //@莲塘身边事:${FLOOD_A}`;
export const SCHOOL_A_EDITED =
  '听说今年秋季小学入学要按房产证排序，没有房子的外来务工人员子女只能去镇上的学校读书，这个政策是真的吗？教育局能不能出来解释一下，家长都很着急。';
export const WAGE_A_EDITED =
  '某建筑工地拖欠我们二十多名农民工工资已经半年了，包工头电话一直关机，去劳动监察大队反映了三次都说在处理，眼看要过年了，家里老人孩子等着钱用。';

/** Other posts on the same topic as FLOOD_A: related, but not copies. */
export const FLOOD_A_RELATED = [
  '莲塘镇澄碧湖路又淹了，下午一场暴雨积水到膝盖，我的车熄火在路中间，拖车排了两个小时队，这条路年年淹年年修，钱都花到哪里去了？',
  '今天下午莲塘暴雨，澄碧湖路口积水很深，看到交警在现场指挥交通，几个路过的小伙子帮忙推车，点赞！大家下班绕行迎宾大道。',
  '澄碧湖路积水问题已经反映过好多次了，排水管道太细，周边新建小区越来越多，一下暴雨就倒灌，建议县里统一规划改造排水系统。',
  FLOOD_B,
  FLOOD_C,
];
