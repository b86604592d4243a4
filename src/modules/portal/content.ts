// Fixed structure of the portal: the 政府信息公开 column sections and the nine categories of
// 法定主动公开内容 (seed 002). Wording written for this project.
import { CATEGORIES as CATALOG_CATEGORIES } from '../catalog/domain.ts';

export interface Section { href: string; label: string; desc: string }

/** The 政府信息公开 column in the national standard order. */
export const XXGK_SECTIONS: Section[] = [
  { href: '/xxgk/zn/', label: '政府信息公开指南', desc: '公开范围、获取方式、受理机构和监督救济途径' },
  { href: '/xxgk/zd/', label: '政府信息公开制度', desc: '保密审查、依申请公开办理、舆情回应、年度报告等工作制度' },
  { href: '/xxgk/fdzdgknr/', label: '法定主动公开内容', desc: '按《条例》规定应当主动公开的各类政府信息' },
  { href: '/zcjd/', label: '政策解读', desc: '对本机关制发政策文件的解读、问答和访谈' },
  { href: '/xxgk/search', label: '信息检索', desc: '按标题、文号、关键词和正文检索已公开的政府信息' },
  { href: '/xxgk/nb/', label: '政府信息公开年报', desc: '各年度政府信息公开工作报告' },
  { href: '/ysqgk/', label: '依申请公开', desc: '申请获取未主动公开的政府信息' },
];

export interface Category { slug: string; name: string; desc: string }

/** 法定主动公开内容: the catalogue's nine categories; slugs are the anchors the catalogue links to. */
export const CATEGORIES: Category[] = CATALOG_CATEGORIES.map((c) => ({ slug: c.code, name: c.label, desc: c.desc }));

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
