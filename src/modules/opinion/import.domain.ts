// Hotline (12345) and message-board (领导留言板) exports, pure: which column carries which field
// (guessed from the headers or remembered per source), import times in the forms such exports use
// (Beijing time), and every row checked into an item or a Chinese reason with its row number. A
// column that was mapped wrongly (a "time" column without a single date) is named in one message;
// the good rows still go through.
import { sm3Hex } from '../../platform/crypto/index.ts';
import { parseFeedDate } from '../../platform/feeds/dates.ts';
import { refusalOf, type IncomingItem } from './use-cases/ingest.ts';

/** The fields an export row is mapped onto, with their Chinese names (form labels, messages). */
export const IMPORT_FIELDS = {
  externalId: '编号',
  title: '标题',
  text: '内容',
  publishedAt: '时间',
  author: '来电人或留言人',
  contact: '联系电话',
  url: '原文链接',
} as const;
export type ImportField = keyof typeof IMPORT_FIELDS;
export const IMPORT_FIELD_KEYS = Object.keys(IMPORT_FIELDS) as ImportField[];

/** Column index (0-based) per field; absent = not imported. */
export type ColumnMap = Partial<Record<ImportField, number>>;

export const IMPORT_LIMITS = { maxRows: 5000, previewRows: 5, errorRows: 1000 };

/** Header words per field: exact names first, then parts of a name. */
const EXACT: Record<ImportField, string[]> = {
  externalId: ['工单号', '工单编号', '受理编号', '受理号', '留言编号', '信件编号', '诉求编号', '编号', 'id', '流水号'],
  title: ['标题', '主题', '留言标题', '诉求标题', '信件标题', '事项', 'title'],
  text: ['内容', '诉求内容', '留言内容', '来电内容', '信件内容', '问题描述', '正文', '详细内容', 'text', 'content'],
  publishedAt: ['时间', '来电时间', '受理时间', '留言时间', '提交时间', '登记时间', '发布时间', '日期', 'time', 'date'],
  author: ['来电人', '留言人', '诉求人', '姓名', '网友', '作者', '联系人', 'author', 'name'],
  contact: ['联系电话', '来电号码', '电话', '手机', '手机号码', '联系方式', 'phone'],
  url: ['链接', '原文链接', '网址', '地址链接', 'url', 'link'],
};
const PARTS: [ImportField, RegExp][] = [
  ['externalId', /编号|单号|受理号/],
  ['publishedAt', /时间|日期/],
  ['contact', /电话|手机|号码/],
  ['url', /链接|网址|url/i],
  ['author', /来电人|留言人|诉求人|姓名|网友/],
  ['title', /标题|主题/],
  ['text', /内容|描述|详情|正文/],
];

const normHeader = (h: string) => h.replace(/[\s\u3000:：*（）()]/g, '').toLowerCase();

/**
 * The mapping to pre-select: the source's remembered one where its headers are in this file, the
 * rest guessed (exact header names, then parts of names); a column serves one field only.
 */
export function guessMapping(headers: readonly string[], remembered?: Record<string, string> | null): ColumnMap {
  const out: ColumnMap = {};
  const used = new Set<number>();
  const take = (f: ImportField, i: number) => { if (i >= 0 && !used.has(i) && out[f] === undefined) { out[f] = i; used.add(i); } };
  const norm = headers.map((h) => normHeader(h ?? ''));
  if (remembered) {
    for (const f of IMPORT_FIELD_KEYS) {
      const h = remembered[f];
      if (typeof h === 'string' && h) take(f, norm.indexOf(normHeader(h)));
    }
  }
  for (const f of IMPORT_FIELD_KEYS) for (const name of EXACT[f]) take(f, norm.indexOf(normHeader(name)));
  for (const [f, re] of PARTS) take(f, norm.findIndex((h, i) => h !== '' && !used.has(i) && re.test(h)));
  return out;
}

/** What is remembered on the source: field → the header of its column. */
export function mappingToHeaders(map: ColumnMap, headers: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of IMPORT_FIELD_KEYS) { const i = map[f]; if (i !== undefined && headers[i]) out[f] = headers[i]!.trim(); }
  return out;
}

/** Problems of the mapping itself (field → Chinese message): the time and a title or text are needed, a column once. */
export function mappingProblems(map: ColumnMap, width: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of IMPORT_FIELD_KEYS) {
    const i = map[f];
    if (i !== undefined && (!Number.isInteger(i) || i < 0 || i >= width)) out[f] = `“${IMPORT_FIELDS[f]}”所选的列不存在，请重新选择`;
  }
  if (map.publishedAt === undefined) out.publishedAt ??= '请选择“时间”对应的列';
  if (map.title === undefined && map.text === undefined) out.text ??= '“标题”和“内容”至少要选择一列';
  const seen = new Map<number, ImportField>();
  for (const f of IMPORT_FIELD_KEYS) {
    const i = map[f];
    if (i === undefined) continue;
    const other = seen.get(i);
    if (other) out[f] ??= `“${IMPORT_FIELDS[f]}”与“${IMPORT_FIELDS[other]}”选择了同一列，每列只能对应一项`;
    else seen.set(i, f);
  }
  return out;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const BEIJING = 8 * 3_600_000;

/**
 * An export's time as an instant (Beijing time when the cell has no zone): 2026-10-01 08:30,
 * 2026/10/1 8:30:00, 2026.10.01, 2026年10月1日8时30分, 20261001083000, an Excel serial number
 * (45931.35). Null when it is none of these.
 */
export function parseImportTime(raw: string): Date | null {
  const s = (raw ?? '').trim();
  if (!s || s.length > 40) return null;
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Number(s);
    if (serial < 32_874 || serial > 73_051) return null; // 1990 … 2099
    return new Date(EXCEL_EPOCH + Math.round(serial * 86_400) * 1000 - BEIJING);
  }
  const compact = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/.exec(s);
  if (compact) {
    const [, y, mo, d, h = '00', mi = '00', sec = '00'] = compact;
    return parseFeedDate(`${y}-${mo}-${d} ${h}:${mi}:${sec}`);
  }
  const cn = s.replace(/(\d)\s*[时點点]\s*(\d)/g, '$1:$2').replace(/(\d)\s*分\s*(\d)/g, '$1:$2').replace(/[分秒]$/, '').replace(/日(?=\d)/, '日 ');
  return parseFeedDate(cn);
}

export type RowError = { row: number; externalId: string; title: string; reason: string };
export type MappedRow = { row: number; item: IncomingItem };
export type MappedRows = {
  items: MappedRow[];
  errors: RowError[];
  /** Per field: the column looks wrongly mapped (no row had a value of that kind). */
  warnings: Partial<Record<ImportField, string>>;
  /** Data rows read (blank rows not counted). */
  total: number;
};

const cell = (r: readonly string[], i: number | undefined) => (i === undefined ? '' : String(r[i] ?? '').trim());

/**
 * Rows (the first is the header) under the mapping, each an item or an error. Without an id
 * column the id is made from the row's time, title and text, so importing the same file again
 * finds the same items (duplicates, not new ones).
 */
export function mapRows(rows: readonly (readonly string[])[], map: ColumnMap, opts: { now: Date; headers?: readonly string[] }): MappedRows {
  const items: MappedRow[] = [];
  const errors: RowError[] = [];
  let total = 0;
  let timeFilled = 0;
  let timeRead = 0;
  let urlFilled = 0;
  let urlRead = 0;
  const seenIds = new Map<string, number>();
  const latest = opts.now.getTime() + 86_400_000;
  for (let k = 1; k < rows.length; k++) {
    const r = rows[k] ?? [];
    if (r.every((c) => !c || !String(c).trim())) continue;
    total++;
    const row = k + 1;
    const title = cell(r, map.title);
    const text = cell(r, map.text);
    const rawTime = cell(r, map.publishedAt);
    const url = cell(r, map.url);
    const author = cell(r, map.author);
    const contact = cell(r, map.contact);
    let externalId = cell(r, map.externalId);
    const shortTitle = (title || text).slice(0, 40);
    const fail = (reason: string) => errors.push({ row, externalId, title: shortTitle, reason });
    if (rawTime) timeFilled++;
    if (url) urlFilled++;
    const at = rawTime ? parseImportTime(rawTime) : null;
    if (at) timeRead++;
    if (url && /^https?:\/\/\S+$/i.test(url)) urlRead++;
    if (map.externalId !== undefined && !externalId) { fail(`缺少${IMPORT_FIELDS.externalId}`); continue; }
    if (!rawTime) { fail('缺少时间'); continue; }
    if (!at) { fail(`时间“${rawTime.slice(0, 30)}”无法识别，应为“2026-10-01 08:30”“2026/10/1”或“2026年10月1日”等格式`); continue; }
    if (at.getTime() > latest) { fail(`时间“${rawTime.slice(0, 30)}”晚于当前时间`); continue; }
    if (!externalId) externalId = `auto-${sm3Hex(`${at.toISOString()}\u0001${title}\u0001${text}`).slice(0, 32)}`;
    const earlier = seenIds.get(externalId);
    if (earlier !== undefined) { fail(`${IMPORT_FIELDS.externalId}“${externalId.slice(0, 40)}”与第 ${earlier} 行重复`); continue; }
    const item: IncomingItem = { externalId, title, text, publishedAt: at, url: url || null, author: author || null, contact: contact || null };
    const refused = refusalOf(item);
    if (refused) { fail(refused); continue; }
    seenIds.set(externalId, row);
    items.push({ row, item });
  }
  const warnings: Partial<Record<ImportField, string>> = {};
  const col = (f: ImportField) => {
    const i = map[f];
    const h = i !== undefined ? opts.headers?.[i]?.trim() : '';
    return h ? `所选的“${h}”列` : '所选的列';
  };
  if (map.publishedAt !== undefined && timeFilled > 0 && timeRead === 0) {
    warnings.publishedAt = `${col('publishedAt')}中没有一个可识别的日期或时间，请检查“时间”对应的列是否选对`;
  }
  if (map.url !== undefined && urlFilled > 0 && urlRead === 0) {
    warnings.url = `${col('url')}中没有以 http:// 或 https:// 开头的网址，请检查“原文链接”对应的列是否选对`;
  }
  return { items, errors, warnings, total };
}

/** The error report as spreadsheet rows (header first): row number, id, title, reason. No personal data. */
export function errorSheet(errors: readonly RowError[]): string[][] {
  return [['行号', '编号', '标题', '错误说明'], ...errors.map((e) => [String(e.row), e.externalId, e.title, e.reason])];
}
