// File type detection by content (never by the name alone) and the upload gate built on it.
// Binary signatures come from file-type; kept by hand, because file-type does not say it: PDFs
// with junk before the header (readers accept them), which Office parts an archive really holds
// (mammoth/exceljs need word/document.xml, xl/workbook.xml), text encodings, CSV and HTML.
import { fileTypeFromBuffer } from 'file-type';
import { looksLikeZip, readZipEntries } from './zip.ts';

export type Kind = 'docx' | 'xlsx' | 'pdf' | 'html' | 'txt' | 'csv' | 'png' | 'jpeg' | 'gif' | 'doc' | 'zip' | 'unknown';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Detected {
  kind: Kind;
  mime: string;
  /** For txt/csv/html: how the bytes decode. */
  encoding?: TextEncoding;
}

export const MIME: Record<Kind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html',
  txt: 'text/plain',
  csv: 'text/csv',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  doc: 'application/msword',
  zip: 'application/zip',
  unknown: 'application/octet-stream',
};

/** How each kind is named to the user (messages say what the file really is). */
export const KIND_LABEL: Record<Kind, string> = {
  docx: 'Word 文档（.docx）',
  xlsx: 'Excel 工作簿（.xlsx）',
  pdf: 'PDF 文档（.pdf）',
  html: '网页（.html）',
  txt: '纯文本（.txt）',
  csv: 'CSV 表格（.csv）',
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  gif: 'GIF 图片',
  doc: '旧版 Office 文档（.doc/.xls）',
  zip: '压缩包',
  unknown: '无法识别的文件',
};

/** Upload limits (bytes). Callers pass their own to checkUpload; these are the defaults. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Kinds accepted for a disclosure record's body or attachment. */
export const DOCUMENT_KINDS: readonly Kind[] = ['docx', 'pdf', 'html', 'txt'];

// Text validation reads at most this much: enough to be sure, bounded for huge files.
const TEXT_PROBE = 4 * 1024 * 1024;

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

function ext(name: string | undefined): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec((name ?? '').trim());
  return m ? m[1].toLowerCase() : '';
}

/** Decides whether the bytes are text and in which encoding (null: binary). */
export function detectTextEncoding(b: Buffer): TextEncoding | null {
  if (startsWith(b, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(b, [0xfe, 0xff])) return 'utf-16be';
  const probe = b.subarray(0, TEXT_PROBE);
  // NUL never appears in UTF-8/GB18030 text; it is the surest sign of binary data.
  if (probe.includes(0)) return null;
  // Other C0 controls (except tab, LF, VT, FF, CR, ESC, SUB) are rare in text: a few percent means binary.
  let controls = 0;
  for (let i = 0; i < probe.length; i++) {
    const c = probe[i];
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27 && c !== 26) controls++;
  }
  if (controls > Math.max(2, probe.length * 0.01)) return null;
  // stream: true so a multi-byte character cut at the probe boundary is not an error.
  const stream = probe.length < b.length;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(probe, { stream });
    return 'utf-8';
  } catch { /* not UTF-8 */ }
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(probe, { stream });
    return 'gb18030';
  } catch { /* not GB18030/GBK either */ }
  return null;
}

/** Decodes text bytes: BOMs first (UTF-8, UTF-16 LE/BE), else UTF-8 when valid, else GB18030. */
export function decodeText(b: Buffer, encoding?: TextEncoding): string {
  let enc = encoding ?? detectTextEncoding(b) ?? 'utf-8';
  let body = b;
  if (startsWith(b, [0xef, 0xbb, 0xbf])) { enc = 'utf-8'; body = b.subarray(3); }
  else if (startsWith(b, [0xff, 0xfe])) { enc = 'utf-16le'; body = b.subarray(2); }
  else if (startsWith(b, [0xfe, 0xff])) { enc = 'utf-16be'; body = b.subarray(2); }
  if (enc === 'utf-8') {
    try { return new TextDecoder('utf-8', { fatal: true }).decode(body); }
    catch { return new TextDecoder('gb18030').decode(body); }
  }
  return new TextDecoder(enc).decode(body);
}

const HTML_TAG = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|p[\s>]|div[\s>]|meta\s|title>|table[\s>]|br\s*\/?>|h[1-6][\s>])/i;

function looksLikeHtml(head: string): boolean {
  const s = head.replace(/^\uFEFF/, '').trimStart();
  if (!s.startsWith('<')) return false;
  return HTML_TAG.test(s.slice(0, 1024));
}

const SIGNATURES: Record<string, Kind> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'application/x-cfb': 'doc', 'application/pdf': 'pdf' };

export async function detectKind(bytes: Buffer, declaredName?: string): Promise<Detected> {
  const b = bytes;
  const d = (kind: Kind, encoding?: TextEncoding): Detected => (encoding ? { kind, mime: MIME[kind], encoding } : { kind, mime: MIME[kind] });
  if (b.length === 0) return d('unknown');
  const ft = await fileTypeFromBuffer(b).catch(() => undefined);
  const sig = ft ? SIGNATURES[ft.mime] : undefined;
  if (sig) return d(sig);
  // PDF readers accept junk before the header within the first KB; so do we.
  const pdfAt = b.subarray(0, 1024).indexOf('%PDF-');
  if (pdfAt > 0 && b.subarray(Math.max(0, b.length - 2048)).includes('%%EOF')) return d('pdf');
  if (looksLikeZip(b)) {
    const names = new Set((readZipEntries(b) ?? []).map((e) => e.name));
    if (names.has('word/document.xml')) return d('docx');
    if (names.has('xl/workbook.xml')) return d('xlsx');
    return d('zip');
  }
  const enc = detectTextEncoding(b);
  if (!enc) return d('unknown');
  const head = decodeText(b.subarray(0, 4096), enc);
  if (looksLikeHtml(head)) return d('html', enc);
  if (ext(declaredName) === 'csv') return d('csv', enc);
  return d('txt', enc);
}

export type UploadCheck =
  /** `name`: the name to store it under (nameForKind); `renamed`: its extension said another type. */
  | { ok: true; kind: Kind; mime: string; encoding?: TextEncoding; name: string; renamed: boolean }
  | { ok: false; code: 'file.empty' | 'file.too_large' | 'file.type' | 'file.legacy'; message: string };

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024);
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)}MB`;
  }
  const kb = bytes / 1024;
  return `${Number.isInteger(kb) ? kb : kb.toFixed(1)}KB`;
}

const EXTENSIONS: Partial<Record<Kind, readonly string[]>> = {
  docx: ['docx'], xlsx: ['xlsx'], pdf: ['pdf'], html: ['html', 'htm', 'shtml'], txt: ['txt', 'text'], csv: ['csv'],
  png: ['png'], jpeg: ['jpg', 'jpeg'], gif: ['gif'],
};
/** Extensions that name a file type: only these are replaced ("方案v1.2" keeps its ".2"). */
const FILE_EXTENSIONS = new Set([...Object.values(EXTENSIONS).flat(), 'doc', 'xls', 'ppt', 'pptx', 'wps', 'et', 'dps', 'rtf', 'odt', 'ods', 'ofd', 'zip', 'rar', '7z', 'bmp', 'tif', 'tiff', 'webp', 'xml', 'json']);

/**
 * The name to store a file under, from what its content is: a file-type extension that says
 * otherwise is replaced ("通知.pdf" holding plain text → "通知.txt", `mismatch`); a name without
 * one gets the right extension appended ("通知" → "通知.pdf", "方案v1.2" → "方案v1.2.pdf").
 */
export function nameForKind(name: string, kind: Kind): { name: string; mismatch: boolean } {
  const exts = EXTENSIONS[kind];
  const trimmed = name.trim();
  const e = ext(trimmed);
  if (!exts || !trimmed || exts.includes(e)) return { name, mismatch: false };
  if (FILE_EXTENSIONS.has(e)) return { name: `${trimmed.slice(0, -(e.length + 1)) || '文件'}.${exts[0]}`, mismatch: true };
  return { name: `${trimmed}.${exts[0]}`, mismatch: false };
}

/** The upload gate: size, emptiness, then type by content against the caller's allowed kinds. */
export async function checkUpload(bytes: Buffer, name: string, opts: { allowed: readonly Kind[]; maxBytes: number }): Promise<UploadCheck> {
  if (bytes.length === 0) return { ok: false, code: 'file.empty', message: '空文件：所选文件没有内容，请重新选择。' };
  if (bytes.length > opts.maxBytes) {
    return { ok: false, code: 'file.too_large', message: `文件过大，最大为 ${formatSize(opts.maxBytes)}（所选文件为 ${formatSize(bytes.length)}）。` };
  }
  const det = await detectKind(bytes, name);
  let kind = det.kind;
  // A .csv is also plain text: accept it where only txt is allowed, and vice versa for a named .csv.
  if (kind === 'csv' && !opts.allowed.includes('csv') && opts.allowed.includes('txt')) kind = 'txt';
  if (opts.allowed.includes(kind)) {
    const fixed = nameForKind(name, det.kind);
    return { ok: true, kind, mime: MIME[kind], ...(det.encoding ? { encoding: det.encoding } : {}), name: fixed.name, renamed: fixed.mismatch };
  }
  const accepted = opts.allowed.map((k) => KIND_LABEL[k]).join('、');
  if (kind === 'doc') {
    const isXls = ext(name) === 'xls' || ext(name) === 'et';
    return {
      ok: false, code: 'file.legacy',
      message: `文件类型不符：这是旧版 ${isXls ? 'Excel 工作簿（.xls）' : 'Word 文档（.doc）'}，请用 Office 或 WPS 另存为 ${isXls ? '.xlsx' : '.docx'} 后再上传。`,
    };
  }
  return { ok: false, code: 'file.type', message: `文件类型不符：文件内容是${KIND_LABEL[kind]}，此处只接受${accepted}。` };
}
