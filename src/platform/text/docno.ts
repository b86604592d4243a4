// 文号 (发文字号): parse, validate and normalise; find one in a document's text.
// GB/T 9704-2012 7.2.4: 发文机关代字 + 年份 + 发文顺序号, the year in 六角括号 〔〕, the sequence
// without leading zeros ("不加'第'字，不编虚位"), ending with 号. Input written with [], 【】, （）,
// ()、［］, full-width digits, spaces, 第 or a missing 号 is accepted and normalised to that form;
// leading zeros are dropped (seq is a number and renders as written by the standard).
// Reasons are formal Simplified Chinese, ready to show next to the form field.

export type DocNoOk = { ok: true; normalised: string; agency: string; year: number; seq: number };
export type DocNoResult = DocNoOk | { ok: false; reason: string };

const OPEN = '〔[【(（［〖{｛﹝⦅';
const CLOSE = '〕]】)）］〗}｝﹞⦆';
const EXAMPLE = '“机关代字〔年份〕序号号”，如“鄂前政办发〔2018〕96号”';
export const MAX_DOC_NO_LENGTH = 60;

// agency, year bracket, sequence; whitespace has been removed and full-width digits converted.
const DOC_NO_RE = new RegExp(
  `^(.*?)[${escapeClass(OPEN)}](\\d{1,6})[${escapeClass(CLOSE)}]第?(\\d{1,8})[号號]?$`,
  'u',
);
const AGENCY_RE = /^[\p{Script=Han}A-Za-z]+$/u;

function escapeClass(s: string): string {
  return s.replace(/[\\\]\[^-]/g, '\\$&');
}

function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * Parses a 文号. `currentYear` bounds the year (1949 … currentYear + 1): pass the current year in
 * China time.
 */
export function parseDocNo(input: unknown, currentYear: number): DocNoResult {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, reason: '文号不能为空' };
  if (input.length > MAX_DOC_NO_LENGTH) return { ok: false, reason: `文号过长（不超过${MAX_DOC_NO_LENGTH}个字符）` };
  const s = toHalfWidthDigits(input).replace(/[\s\u3000\u00a0]+/gu, '');
  const m = DOC_NO_RE.exec(s);
  if (!m) {
    if (/^[\p{Script=Han}A-Za-z]*\d{4}/u.test(s) || !/[〔[【(（［〖{｛﹝⦅]/u.test(s)) {
      return { ok: false, reason: `文号格式不正确，年份应放在六角括号“〔〕”内，应为${EXAMPLE}` };
    }
    return { ok: false, reason: `文号格式不正确，应为${EXAMPLE}` };
  }
  const agency = m[1]!;
  const yearText = m[2]!;
  const seqText = m[3]!;
  if (agency === '') return { ok: false, reason: `文号缺少发文机关代字，应为${EXAMPLE}` };
  if (!AGENCY_RE.test(agency) || !/\p{Script=Han}/u.test(agency)) {
    return { ok: false, reason: '文号中的发文机关代字只能由汉字（或字母）组成' };
  }
  if (Array.from(agency).length > 20) return { ok: false, reason: '文号中的发文机关代字过长（不超过20个字）' };
  const year = Number(yearText);
  const maxYear = Math.trunc(currentYear) + 1;
  if (yearText.length !== 4 || year < 1949 || year > maxYear) {
    return { ok: false, reason: `文号中的年份“${yearText}”无效，应为1949年至${maxYear}年之间的四位数字` };
  }
  const seq = Number(seqText);
  if (!Number.isSafeInteger(seq) || seq <= 0) return { ok: false, reason: '文号中的序号应为大于0的整数' };
  return { ok: true, normalised: `${agency}〔${year}〕${seq}号`, agency, year, seq };
}

export type FoundDocNo = DocNoOk & {
  /** Offsets of the match in the given text (UTF-16, end exclusive). */
  start: number;
  end: number;
  /** The text as written. */
  match: string;
};

// A candidate in running text: up to 12 Han characters (agency, trimmed below), a bracketed year, a sequence.
const CANDIDATE_RE =
  /([\p{Script=Han}A-Za-z]{1,16})[ \u3000]*[〔[【(（［〖﹝][ \u3000]*([0-9０-９]{4})[ \u3000]*[〕\]】)）］〗﹞][ \u3000]*第?[ \u3000]*([0-9０-９]{1,6})[ \u3000]*([号號])?/gu;

// Words that precede a 文号 in a sentence but are not part of the 机关代字: multi-character ones are
// cut wherever they occur (with what precedes them), single characters only at the start.
const SENTENCE_WORDS = [
  '根据', '依据', '按照', '依照', '参照', '对照', '贯彻', '落实', '执行', '转发', '印发', '下发', '详见', '现将',
  '文号', '字号', '编号', '发文', '特此', '关于', '通知', '附件',
];
const LEADING_CHARS = ['现', '特', '请', '并', '已', '见', '即', '和', '及', '与', '或', '的', '是', '为', '以', '将', '由', '经', '于', '号', '按', '依', '据', '如', '同'];
const LABEL_RE = /(?:文\s*号|发文字号|文件编号|文件編號|發文字號)\s*(?:[(（][^)）]{0,8}[)）])?\s*[:：]/gu;

function trimAgency(agency: string): string {
  let a = agency;
  for (const w of SENTENCE_WORDS) {
    const i = a.lastIndexOf(w);
    if (i >= 0 && a.length - (i + w.length) >= 2) a = a.slice(i + w.length);
  }
  while (a.length > 2 && LEADING_CHARS.includes(a[0]!)) a = a.slice(1);
  return a;
}

/**
 * Finds the document's own 文号 in its text (for extraction from uploads and old web pages):
 *   1. after a label (文号：/发文字号：/文件编号：) — an empty label means the page says "none": null;
 *   2. otherwise the first candidate near the top (first 3,000 characters) that is not a citation
 *      of another document — citations are in brackets right after 《…》 or followed by 文件/精神/要求.
 * `currentYear` as for parseDocNo.
 */
export function findDocNo(text: unknown, currentYear: number): FoundDocNo | null {
  if (typeof text !== 'string' || text === '') return null;
  const head = text.slice(0, 20_000);

  // 1. Labelled.
  LABEL_RE.lastIndex = 0;
  let sawEmptyLabel = false;
  for (let m = LABEL_RE.exec(head); m; m = LABEL_RE.exec(head)) {
    const after = m.index + m[0].length;
    const rest = head.slice(after, after + 60);
    const lineRest = rest.split(/\r?\n/)[0]!;
    const c = firstCandidate(head, after, after + lineRest.length, currentYear, true);
    if (c && head.slice(after, c.start).trim() === '') return c;
    sawEmptyLabel = true;
  }
  if (sawEmptyLabel) return null;

  // 2. Near the top, not a citation.
  const limit = Math.min(head.length, 3000);
  CANDIDATE_RE.lastIndex = 0;
  for (let m = CANDIDATE_RE.exec(head); m && m.index < limit; m = CANDIDATE_RE.exec(head)) {
    const c = candidateFrom(m, currentYear);
    if (!c) continue;
    if (isCitation(head, c.start, c.end)) continue;
    return c;
  }
  return null;
}

function firstCandidate(text: string, from: number, to: number, currentYear: number, _labelled: boolean): FoundDocNo | null {
  CANDIDATE_RE.lastIndex = from;
  for (let m = CANDIDATE_RE.exec(text); m && m.index < to; m = CANDIDATE_RE.exec(text)) {
    const c = candidateFrom(m, currentYear);
    if (c) return c;
  }
  return null;
}

function candidateFrom(m: RegExpExecArray, currentYear: number): FoundDocNo | null {
  const rawAgency = m[1]!;
  const agency = trimAgency(rawAgency);
  const start = m.index + (rawAgency.length - agency.length);
  const end = m.index + m[0].length;
  const match = m[0].slice(rawAgency.length - agency.length);
  const r = parseDocNo(match, currentYear);
  if (!r.ok) return null;
  return { ...r, start, end, match };
}

function isCitation(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 4);
  if (/》\s*[(（〔[]?$/u.test(before)) return true;
  if (/^[)）]?\s*(文件|精神|要求|规定|有关)/u.test(after)) return true;
  return false;
}
