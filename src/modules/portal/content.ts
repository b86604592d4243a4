// Fixed structure of the portal: the 政府信息公开 column sections and the nine categories of
// 法定主动公开内容 (seed 002). Wording written for this project.

export interface Section { href: string; label: string; desc: string }

/** The 政府信息公开 column in the national standard order. */
export const XXGK_SECTIONS: Section[] = [
  { href: '/xxgk/zn/', label: '政府信息公开指南', desc: '公开范围、获取方式、受理机构和监督救济途径' },
  { href: '/xxgk/zd/', label: '政府信息公开制度', desc: '保密审查、依申请公开办理、舆情回应、年度报告等工作制度' },
  { href: '/xxgk/fdzdgknr/', label: '法定主动公开内容', desc: '按《条例》规定应当主动公开的各类政府信息' },
  { href: '/xxgk/nb/', label: '政府信息公开年报', desc: '各年度政府信息公开工作报告' },
  { href: '/ysqgk/', label: '依申请公开', desc: '申请获取未主动公开的政府信息' },
];

export interface Category { slug: string; name: string; desc: string }

/** 法定主动公开内容: nine categories; slugs are stable anchors the catalogue module links to. */
export const CATEGORIES: Category[] = [
  { slug: 'jggk', name: '机构概况', desc: '机构职能、领导分工、内设机构、下属单位及办公地址、联系方式等' },
  { slug: 'zcwj', name: '政策文件', desc: '本机关制发的规范性文件和其他公文，以及相关政策解读' },
  { slug: 'zfjc', name: '政府决策', desc: '重大决策事项的草案征求意见、决策结果及执行情况' },
  { slug: 'gzxx', name: '工作信息', desc: '规划计划、工作动态、重点工作推进和完成情况' },
  { slug: 'rsxx', name: '人事信息', desc: '干部任免、公务员招录和事业单位公开招聘等' },
  { slug: 'xzzf', name: '行政执法', desc: '权责清单，行政许可、行政处罚、行政强制等执法依据、程序和结果' },
  { slug: 'czxx', name: '财政信息', desc: '财政预算决算、部门预决算、“三公”经费和政府采购信息' },
  { slug: 'ggfw', name: '公共服务', desc: '教育、医疗卫生、社会保障、就业、住房等与群众切身利益相关的服务事项' },
  { slug: 'shjd', name: '社会监督', desc: '意见征集、投诉举报渠道及办理结果等接受社会监督的信息' },
];

export const CHANNELS = {
  news: { label: '要闻动态', href: '/news/' },
  notice: { label: '通知公告', href: '/notices/' },
} as const;

/** Group labels of the organisation directory (the government itself is listed separately). */
export const ORG_GROUPS: { label: string; kinds: string[] }[] = [
  { label: '县政府工作部门', kinds: ['office', 'department'] },
  { label: '乡镇人民政府', kinds: ['town'] },
  { label: '开发区（园区）', kinds: ['zone'] },
];
