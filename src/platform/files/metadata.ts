// Metadata of an uploaded document: title, 文号, date and the body without page chrome.
// Input is extracted text: official documents (docx/pdf) or government web pages saved as text,
// which carry navigation above, a metadata block (索引号 … 发布日期 … 文号 …), the title, the
// body, and footer junk (主办单位, 版权所有, 网站标识码 …). Pure: `today` comes from the caller.
import * as OpenCC from 'opencc-js';
import { findDocNo } from '../text/index.ts';

export interface DocMetadata {
  title?: string;
  docNo?: string;
  /** 成文/生成/发布 date, 'YYYY-MM-DD'. */
  date?: string;
  /** 索引号 and 发布机构 from a web page's metadata block, when present (for migrations). */
  indexNo?: string;
  publisher?: string;
  body: string;
}

let toSimplified: ((s: string) => string) | undefined;
/** Simplified form used only to recognise labels and keywords; output keeps the text as written. */
function simp(s: string): string {
  const conv = (toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' }));
  const out = conv(s);
  return out.length === s.length ? out : s;
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

const CN_DIGIT: Record<string, number> = { 〇: 0, '○': 0, 零: 0, O: 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnNumber(s: string): number {
  // 十 = 10, 十五 = 15, 二十 = 20, 二十三 = 23, 三十一 = 31
  if (s.includes('十')) {
    const [a, b] = s.split('十');
    return (a ? CN_DIGIT[a] ?? NaN : 1) * 10 + (b ? CN_DIGIT[b] ?? NaN : 0);
  }
  return s.length === 1 ? CN_DIGIT[s] ?? NaN : NaN;
}

function isoDate(y: number, m: number, d: number, today: string): string | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // A government document is not dated before the PRC or after today.
  if (y < 1949 || iso > today) return undefined;
  return iso;
}

const toAsciiDigits = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const NUM_DATE = /((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?/;
const CN_DATE = /([〇○零OＯ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/;

/** The first date in s (2017年4月15日, 2020-05-29, 2017/04/20, 二〇一八年五月十日), as 'YYYY-MM-DD'. */
export function parseDate(s: string, today: string): string | undefined {
  const t = toAsciiDigits(s);
  const n = NUM_DATE.exec(t);
  if (n) return isoDate(Number(n[1]), Number(n[2]), Number(n[3]), today);
  const c = CN_DATE.exec(t);
  if (c) {
    const y = Number([...c[1]].map((ch) => CN_DIGIT[ch]).join(''));
    return isoDate(y, cnNumber(c[2]), cnNumber(c[3]), today);
  }
  return undefined;
}

const DATE_ONLY = new RegExp(`^(?:${NUM_DATE.source}|${CN_DATE.source})\\s*(?:印发|发布|签发)?$`);
const DATE_AT_END = new RegExp(`(?:${NUM_DATE.source}|${CN_DATE.source})\\s*(?:印发|发布|签发)?$`);

// ---------------------------------------------------------------------------
// Metadata block
// ---------------------------------------------------------------------------

const TITLE_LABELS = new Set(['标题', '名称', '信息名称', '文件名称', '公文标题', '文件标题']);
const DOCNO_LABELS = new Set(['文号', '文件编号', '发文字号', '发文文号', '发文号']);
const DATE_PRIMARY = ['成文日期', '生成日期', '发文日期', '印发日期', '签发日期'];
const DATE_SECONDARY = ['发布日期', '公开日期', '发布时间', '印发时间', '公开时间'];
const DATE_WEAK = ['时间', '日期', '更新时间', '发布于'];
const OTHER_LABELS = ['索引号', '分类', '主题分类', '公文目录', '发文机构', '发布机构', '所属机构', '主题词', '关键词', '有效性',
  '公开范围', '公开方式', '公开形式', '体裁分类', '组配分类', '服务对象', '来源', '信息来源', '浏览量', '浏览次数', '点击数',
  '责任部门', '公开时限', '失效日期', '废止日期', '效力状态', '主题', '发文单位', '成文单位', '发布单位'];
const KNOWN_LABELS = new Set([...TITLE_LABELS, ...DOCNO_LABELS, ...DATE_PRIMARY, ...DATE_SECONDARY, ...DATE_WEAK, ...OTHER_LABELS]);

// A label is 2–6 Han characters (possibly spaced out: "索 引 号") after the start or a space, then a colon.
const LABEL = /(^|[\s\u3000;；|])((?:\p{Script=Han}[ \t\u3000]*){2,6})[:：]/gu;

interface Field { label: string; value: string }

/** Fields of a metadata line; empty when the line carries no known label. */
function parseFields(original: string, simplified: string): Field[] {
  const hits: { label: string; start: number; end: number }[] = [];
  for (const m of simplified.matchAll(LABEL)) {
    const start = (m.index ?? 0) + m[1].length;
    hits.push({ label: m[2].replace(/[ \t\u3000]+/g, ''), start, end: (m.index ?? 0) + m[0].length });
  }
  if (!hits.some((h) => KNOWN_LABELS.has(h.label))) return [];
  return hits.map((h, i) => ({
    label: h.label,
    value: original.slice(h.end, i + 1 < hits.length ? hits[i + 1].start : undefined).replace(/^[\s;；]+|[\s;；]+$/g, ''),
  }));
}

// ---------------------------------------------------------------------------
// Titles, body start, footer
// ---------------------------------------------------------------------------

const TITLE_SUFFIX = /(通知|通报|意见|办法|决定|报告|方案|规定|细则|规则|制度|机制|公告|通告|批复|复函|函|纪要|指南|条例|规划|计划|要点|决议|命令|议案|请示|公报|目录|标准|解读|答记者问|清单|名单|公示|总结|措施|章程|白皮书|年报|预案|守则|准则|规范|说明|政策)$/;
const NAV = /(>>|＞＞|›|首页|当前位置|您现在的位置|无障碍|长者模式|分享到|打印|关闭|字号|【大】|繁体|简体|登录|注册)/;
const ENUMERATOR = /^(第[一二三四五六七八九十百零〇]+[条章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])/;
const ADDRESSEE_HINT = /(各|政府|部门|单位|委员会|管委会|机关|机构|同志|直属|有关|街道|乡镇)/;

function unwrapTitle(s: string, year: number): string {
  let t = s.trim();
  const dn = findDocNo(t, year);
  if (dn && dn.start === 0) t = t.slice(dn.end).trim();
  const wrapped = /^《(.+)》$/.exec(t);
  if (wrapped && !wrapped[1].includes('》')) t = wrapped[1].trim();
  return t;
}

/** True for a line that reads like a document title (…关于…的通知, …制度, …实施意见). */
function looksLikeTitle(simplified: string, year: number): boolean {
  const s = unwrapTitle(simplified, year);
  if (s.length < 5 || s.length > 120) return false;
  if (/[。:：,，;；!！?？]/.test(s.slice(-1)) || s.includes('。')) return false;
  if (ENUMERATOR.test(s) || NAV.test(s)) return false;
  if (DATE_ONLY.test(s)) return false;
  return TITLE_SUFFIX.test(s) || /关于.{2,}的/.test(s);
}

function isAddressee(s: string): boolean {
  return /[:：]$/.test(s) && s.length >= 4 && s.length <= 120 && ADDRESSEE_HINT.test(s);
}

function isBodyStart(s: string): boolean {
  return isAddressee(s) || (s.includes('。') && s.length > 20) || ENUMERATOR.test(s);
}

// Page chrome after the body; matched on the simplified line.
const FOOTER_START = /^(【?\s*)?(主办单位|主办|承办单位|承办|协办单位|版权所有|copyright|©|网站标识码|网站地图|联系我们|技术支持|扫一扫|扫码浏览|扫码|分享到|本文链接|本文关键词|公文相关附件|相关附件|扫描二维码|关注我们|打印本页|打印|关闭窗口|关闭|相关链接|相关文章|相关阅读|上一篇|下一篇|责任编辑|浏览次数|访问量|返回顶部)/i;
const FOOTER_ANYWHERE = /(版权所有|网站标识码|ICP备|公网安备|微信公众号|二维码)/i;

// Cheap test on the line as written (either script) before the Simplified conversion.
const FOOTER_MAYBE = /^[【\s]*[主承协協版cC©网網联聯技扫掃分本公相打关關上下责責浏瀏访訪返]|版[权權]|[标標][识識][码碼]|ICP|安[备備]|公[众眾][号號]|二[维維][码碼]/;

function isFooter(s: string): boolean {
  return s.length <= 200 && (FOOTER_START.test(s) || FOOTER_ANYWHERE.test(s));
}

// Phonetic glosses injected by some 繁体 conversion sites: 號(hào) → 號.
const PINYIN_GLOSS = /(\p{Script=Han})\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)/gu;

// ---------------------------------------------------------------------------

const HEADER_SCAN_LINES = 80;

export function extractMetadata(text: string, opts: { today: string }): DocMetadata {
  const today = opts.today;
  const year = Number(today.slice(0, 4)) || new Date().getFullYear();
  const lines = text.replace(/\r\n?/g, '\n').replace(PINYIN_GLOSS, '$1').split('\n').map((l) => l.replace(/[\s\u00a0]+$/u, ''));
  const trimmed = lines.map((l) => l.trim());
  const simplified = new Map<number, string>();
  const S = (i: number) => {
    let v = simplified.get(i);
    if (v === undefined) { v = trimmed[i].length <= 400 ? simp(trimmed[i]) : trimmed[i]; simplified.set(i, v); }
    return v;
  };

  // 1. Header: metadata lines, title line, 文号 line — up to the first line of the body.
  const fields: Field[] = [];
  let headerEnd = -1; // last header line consumed
  let bodyStart = -1;
  let titleFromLine: string | undefined;
  let docNoFromLine: string | undefined;
  for (let i = 0, seen = 0; i < lines.length && i < HEADER_SCAN_LINES * 2 && seen < HEADER_SCAN_LINES; i++) {
    const t = trimmed[i];
    if (!t) continue;
    seen++;
    // No header line is this long: it is a paragraph of the body (and the checks below stay cheap).
    if (t.length > 400) { bodyStart = i; break; }
    const s = S(i);
    const f = parseFields(t, s);
    if (f.length) { fields.push(...f); headerEnd = i; continue; }
    if (isBodyStart(s)) { bodyStart = i; break; }
    const dn = findDocNo(t, year);
    if (dn && dn.start === 0 && !docNoFromLine) { docNoFromLine = dn.normalised; headerEnd = i; }
    if (!titleFromLine && looksLikeTitle(s, year)) { titleFromLine = unwrapTitle(t, year); headerEnd = i; continue; }
    if (!titleFromLine) {
      // A title broken over two lines: join with the next non-empty line.
      let j = i + 1;
      while (j < lines.length && !trimmed[j]) j++;
      if (j < lines.length && t.length <= 40 && trimmed[j].length <= 40 && !parseFields(trimmed[j], S(j)).length && !isBodyStart(S(j)) &&
          !/[，,。:：;；]/.test(s) && looksLikeTitle(s + S(j), year) && TITLE_SUFFIX.test(unwrapTitle(S(j), year))) {
        titleFromLine = unwrapTitle(t + trimmed[j], year);
        headerEnd = j;
        i = j;
      }
    }
  }
  if (bodyStart < 0) bodyStart = headerEnd + 1;

  // 2. Footer: the first line of page chrome after the body starts.
  let bodyEnd = lines.length;
  for (let i = bodyStart; i < lines.length; i++) {
    if (trimmed[i] && trimmed[i].length <= 200 && FOOTER_MAYBE.test(trimmed[i]) && isFooter(S(i))) { bodyEnd = i; break; }
  }

  const field = (labels: Iterable<string>) => {
    for (const l of labels) {
      const f = fields.find((x) => x.label === l && x.value);
      if (f) return f.value;
    }
    return undefined;
  };

  // Title: the metadata block's own 标题/名称, else the title line.
  const metaTitle = field(TITLE_LABELS);
  const title = (metaTitle && metaTitle.length >= 4 ? unwrapTitle(metaTitle, year) : undefined) ?? titleFromLine;

  // 文号: the metadata field, else a line at the top that starts with one. Citations in the body are
  // other documents' numbers and never count.
  let docNo: string | undefined;
  const metaDocNo = field(DOCNO_LABELS);
  if (metaDocNo) docNo = findDocNo(metaDocNo, year)?.normalised ?? (metaDocNo.length <= 50 ? metaDocNo : undefined);
  docNo ??= docNoFromLine;

  // Date: labelled 成文/生成/发文 date, else 发布 date, else the dated line closing the body, else a weak "时间:".
  const fieldDate = (labels: string[]) => {
    for (const l of labels) {
      const v = field([l]);
      const d = v ? parseDate(v, today) : undefined;
      if (d) return d;
    }
    return undefined;
  };
  let date = fieldDate(DATE_PRIMARY) ?? fieldDate(DATE_SECONDARY);
  if (!date) {
    for (let i = bodyStart; i < bodyEnd && !date; i++) {
      const s = toAsciiDigits(trimmed[i]);
      if (s && DATE_ONLY.test(s)) date = parseDate(s, today);
    }
  }
  if (!date) {
    // A signature and date on one line ("大姚县人民政府办公室  2017年4月15日印发").
    for (let i = bodyStart; i < bodyEnd && !date; i++) {
      const s = toAsciiDigits(trimmed[i]);
      if (s && s.length <= 60 && !s.includes('。') && DATE_AT_END.test(s)) date = parseDate(s.slice(s.search(DATE_AT_END)), today);
    }
  }
  date ??= fieldDate(DATE_WEAK);

  const body = tidyBody(lines.slice(bodyStart, bodyEnd));
  const out: DocMetadata = { body };
  if (title) out.title = title;
  if (docNo) out.docNo = docNo;
  if (date) out.date = date;
  const indexNo = field(['索引号']);
  if (indexNo && indexNo.length <= 60) out.indexNo = indexNo;
  const publisher = field(['发布机构', '发文机构', '发文单位', '发布单位', '成文单位']);
  if (publisher && publisher.length <= 60) out.publisher = publisher;
  return out;
}

/** Trims each line and keeps at most one blank line between paragraphs. */
function tidyBody(lines: string[]): string {
  const out: string[] = [];
  for (const raw of lines) {
    // Runs of spaces inside a line are layout (signature / date alignment), not content.
    const l = raw.trim().replace(/[ \t]{2,}/g, ' ');
    if (!l && (!out.length || out[out.length - 1] === '')) continue;
    out.push(l);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
