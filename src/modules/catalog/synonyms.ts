// 检索同义词: groups of terms a citizen may type for the same thing (教育局 = 教育体育局 = 教体局).
// A query word in a group matches any of the group's spellings. The list ships with these defaults
// and is edited by the disclosure office (/admin/catalog/synonyms); organisations' own names and
// short names need no entry (they are part of every record's index). Control characters never get
// this far: platform/http/input-guard refuses them for every route.

/** Written for a county government's site; each line a group. */
export const DEFAULT_SYNONYMS: readonly (readonly string[])[] = [
  ['教育局', '教育体育局', '教体局'],
  ['卫健委', '卫生健康委员会', '卫生健康委', '卫健局'],
  ['人社局', '人力资源和社会保障局', '人力资源社会保障局'],
  ['发改委', '发展和改革委员会', '发展改革委', '发改局'],
  ['住建局', '住房和城乡建设局', '住房城乡建设局'],
  ['市监局', '市场监督管理局', '市场监管局'],
  ['县政府', '县人民政府'],
  ['医保', '医疗保障', '医疗保险'],
  ['社保', '社会保险'],
  ['低保', '最低生活保障'],
  ['公积金', '住房公积金'],
  ['小孩', '孩子', '儿童', '子女'],
  ['上学', '入学'],
  ['老人', '老年人'],
  ['残疾人', '残障人士'],
  ['买房', '购房'],
  ['租房', '租赁住房'],
  ['拆迁', '征收'],
  ['年报', '年度报告'],
  ['城管', '城市管理'],
  ['环保', '生态环境', '环境保护'],
  ['交警', '交通警察'],
  ['户口', '户籍'],
  ['个体户', '个体工商户'],
  ['房产证', '不动产权证书', '不动产证'],
  ['饭店', '餐馆', '餐饮'],
  ['抽检', '抽样检验'],
  ['重大项目', '重点项目'],
];

export const SYNONYM_LIMITS = { groups: 500, terms: 20, termChars: 20 } as const;

export type SynonymParse = { ok: true; groups: string[][] } | { ok: false; message: string; line?: number };

/** Text of the edit box: one group per line, terms separated by spaces, commas, 、 or =. */
export function formatSynonyms(groups: readonly (readonly string[])[]): string {
  return groups.map((g) => g.join(' = ')).join('\n');
}

/** Reads the edit box back; every problem names its line. */
export function parseSynonyms(text: string): SynonymParse {
  const groups: string[][] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const terms = [...new Set(line.split(/[\s,，、=＝;；]+/).map((t) => t.trim()).filter(Boolean))];
    const n = i + 1;
    if (terms.length < 2) return { ok: false, line: n, message: `第 ${n} 行只有一个词，每行至少填写两个意思相同的词，用空格或“=”分隔。` };
    if (terms.length > SYNONYM_LIMITS.terms) return { ok: false, line: n, message: `第 ${n} 行的词超过 ${SYNONYM_LIMITS.terms} 个，请拆成几行。` };
    for (const t of terms) {
      const len = [...t].length;
      if (len < 2) return { ok: false, line: n, message: `第 ${n} 行的“${t}”只有一个字，同义词至少两个字。` };
      if (len > SYNONYM_LIMITS.termChars) return { ok: false, line: n, message: `第 ${n} 行的“${t.slice(0, 10)}…”超过 ${SYNONYM_LIMITS.termChars} 个字。` };
      if (!/^[\p{L}\p{N}]+$/u.test(t)) return { ok: false, line: n, message: `第 ${n} 行的“${t}”含有标点或符号，同义词只能由汉字、字母和数字组成。` };
    }
    groups.push(terms);
  }
  if (groups.length > SYNONYM_LIMITS.groups) return { ok: false, message: `同义词不能超过 ${SYNONYM_LIMITS.groups} 行。` };
  return { ok: true, groups };
}
