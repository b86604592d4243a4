// Text extraction from documents (docx, pdf, html, txt/csv), bounded in time and size.
// Never throws: a corrupt file gives { ok: false, message } in Chinese. Runs in the caller's thread:
// uploads and imports come here only inside the parse sandbox (sandbox.ts), after inspectZip.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Kind, TextEncoding } from './sniff.ts';
import { decodeText } from './sniff.ts';
import { htmlToText, tidyText } from './html.ts';
import { unzipSync, strFromU8 } from 'fflate';
import { readZipEntries } from './zip.ts';
import { elementTexts, paragraphTexts } from './ooxml-text.ts';

export type Extracted = { ok: true; text: string; html?: string; truncated?: boolean } | { ok: false; message: string };

export interface ExtractOptions {
  /** Wall-clock budget for one file (default 20 s). */
  timeoutMs?: number;
  /** PDF pages read at most (default 500); the rest is ignored and `truncated` set. */
  maxPages?: number;
  /** Characters of text kept at most (default 5,000,000). */
  maxChars?: number;
  encoding?: TextEncoding;
}

const DEFAULTS = { timeoutMs: 20_000, maxPages: 500, maxChars: 5_000_000 };

class Timeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Timeout()), ms); });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------
// CJK normalisation for PDF text
// ---------------------------------------------------------------------------

// CJK Radicals Supplement (U+2E80–2EFF) has no NFKC mapping; PDF fonts often emit these glyphs
// for ordinary characters (⺠ for 民), which would then never be found by search. Pairs: radical, ideograph.
const RADICAL_PAIRS =
  '⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母' +
  '⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺫目⺬示⺭礻⺯糹⺰纟⺱罓⺲罒⺶羊⺹耂⺺肀⺼肉⺽臼⺾艹⺿艹⻀艹' +
  '⻁虎⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻊足⻋车⻌辶⻍辶⻎辶⻏阝⻐钅⻑長⻒镸⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页' +
  '⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟';

const RADICALS: Map<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = [...RADICAL_PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) m.set(chars[i], chars[i + 1]);
  return m;
})();

/**
 * Normalises text that came out of a PDF: NFKC (Kangxi radicals U+2F00–2FDF and CJK compatibility
 * ideographs become ordinary ideographs) and the radicals supplement map. Full-width forms and CJK
 * punctuation are left as written (NFKC would turn "，" into ","); Traditional characters are kept.
 */
export function normalizeCjk(s: string): string {
  return s
    .replace(/[^\u3000-\u303f\uff00-\uffef]+/gu, (run) => run.normalize('NFKC'))
    .replace(/[\u2e80-\u2eff]/g, (c) => RADICALS.get(c) ?? c);
}

// ---------------------------------------------------------------------------
// Per-kind extractors
// ---------------------------------------------------------------------------

function cap(text: string, maxChars: number): { text: string; truncated?: boolean } {
  return text.length > maxChars ? { text: text.slice(0, maxChars), truncated: true } : { text };
}

/** Only http(s)/mailto/fragment links survive in the HTML preview of a Word file. */
function safeLinks(html: string): string {
  return html.replace(/\shref="([^"]*)"/gi, (all, href: string) => (/^(https?:|mailto:|#)/i.test(href.trim()) ? all : ''));
}

async function extractDocx(bytes: Buffer, o: typeof DEFAULTS): Promise<Extracted> {
  const entries = readZipEntries(bytes);
  if (!entries || !entries.some((e) => e.name === 'word/document.xml')) return { ok: false, message: '文件已损坏：无法读取 Word 文档内容。' };
  // Sizes are not checked here: uploads reach this only through the sandbox, after inspectZip.
  // Loaded on first use: only the parse sandbox reads Word files.
  const { default: mammoth } = await import('mammoth');
  const raw = await mammoth.extractRawText({ buffer: bytes });
  const html = await mammoth.convertToHtml({ buffer: bytes });
  // mammoth separates paragraphs with a blank line; keep one line per paragraph.
  const body = tidyText(raw.value.replace(/\n\n/g, '\n'));
  // mammoth reads the body only: a number printed only in a header, footer or note must still reach
  // the privacy scan and search, so their paragraphs follow the body.
  const extra = docxMarginText(bytes, entries.map((e) => e.name)).filter((line) => !body.includes(line));
  const text = extra.length ? `${body}\n${extra.join('\n')}` : body;
  return { ok: true, ...cap(text, o.maxChars), html: safeLinks(html.value) };
}

const MARGIN_PART = /^word\/(header|footer)\d*\.xml$|^word\/(footnotes|endnotes|comments)\.xml$/;
const PROPERTY_PARTS = ['docProps/core.xml', 'docProps/app.xml'];
// Properties a reader sees in the file's details (the people named there are removed from every public version).
const PROPERTIES = ['title', 'subject', 'description', 'keywords', 'category', 'Company', 'Manager'];

/**
 * Paragraph texts of the headers, footers, notes and comments of a .docx (runs joined, text boxes
 * inside them included), then its document properties (title, subject, description, keywords …):
 * every text of the package that mammoth does not read. Already size-checked by the sandbox.
 */
export function docxMarginText(bytes: Buffer, names: readonly string[]): string[] {
  const wanted = new Set(names.filter((n) => MARGIN_PART.test(n) || PROPERTY_PARTS.includes(n)));
  if (!wanted.size) return [];
  const parts = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
  const lines: string[] = [];
  const add = (line: string) => { if (line && !lines.includes(line)) lines.push(line); };
  // Headers first, then footers and notes: the order a reader meets them on the page.
  const rank = (n: string) => ['header', 'footer', 'footnotes', 'endnotes', 'comments'].findIndex((k) => n.startsWith(`word/${k}`));
  for (const name of [...wanted].filter((n) => MARGIN_PART.test(n)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
    for (const line of paragraphTexts(parts[name] ? strFromU8(parts[name]) : '') ?? []) add(line);
  }
  for (const name of PROPERTY_PARTS) {
    if (!parts[name]) continue;
    for (const v of elementTexts(strFromU8(parts[name]), PROPERTIES).values()) add(v);
  }
  return lines;
}

let cmapDir: string | undefined;
let fontDir: string | undefined;
function pdfjsDirs(): { cMapUrl: string; standardFontDataUrl: string } {
  if (!cmapDir || !fontDir) {
    const req = createRequire(import.meta.url);
    const root = path.dirname(req.resolve('pdfjs-dist/package.json'));
    cmapDir = path.join(root, 'cmaps') + path.sep;
    fontDir = path.join(root, 'standard_fonts') + path.sep;
  }
  return { cMapUrl: cmapDir, standardFontDataUrl: fontDir };
}

async function extractPdf(bytes: Buffer, o: typeof DEFAULTS, deadline: number): Promise<Extracted> {
  const { getDocumentProxy } = await import('unpdf');
  // pdf.js takes ownership of (and may detach) the array it is given: pass a copy.
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const doc = await getDocumentProxy(data, { ...pdfjsDirs(), cMapPacked: true, isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
  try {
    const pages: string[] = [];
    let chars = 0;
    let truncated = false;
    const n = doc.numPages;
    for (let i = 1; i <= n; i++) {
      if (i > o.maxPages || chars > o.maxChars || Date.now() > deadline) { truncated = true; break; }
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) { lines.push(line); line = ''; }
      }
      if (line) lines.push(line);
      page.cleanup();
      const t = lines.join('\n');
      chars += t.length;
      pages.push(t);
    }
    const text = tidyText(normalizeCjk(pages.join('\n\n')));
    const c = cap(text, o.maxChars);
    return { ok: true, text: c.text, ...(truncated || c.truncated ? { truncated: true } : {}) };
  } finally {
    void doc.destroy().catch(() => {});
  }
}

/** Extracts the text (and for Word files an HTML rendering) of a file whose kind was detected by sniff. */
export async function extractText(bytes: Buffer, kind: Kind, opts: ExtractOptions = {}): Promise<Extracted> {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS;
  const deadline = Date.now() + o.timeoutMs;
  try {
    switch (kind) {
      case 'docx':
        return await withTimeout(extractDocx(bytes, o), o.timeoutMs);
      case 'pdf':
        // The page loop stops at the deadline; the race also covers a single pathological page.
        return await withTimeout(extractPdf(bytes, o, deadline), o.timeoutMs + 1000);
      case 'html': {
        const html = decodeText(bytes, opts.encoding);
        return { ok: true, ...cap(htmlToText(html), o.maxChars) };
      }
      case 'txt':
      case 'csv':
        // Kept as written (tabs and spacing matter in CSV); only line endings are unified.
        return { ok: true, ...cap(decodeText(bytes, opts.encoding).replace(/\r\n?/g, '\n'), o.maxChars) };
      default:
        return { ok: false, message: '此类文件不提取文字。' };
    }
  } catch (e) {
    if (e instanceof Timeout) return { ok: false, message: '文件处理超时：文件过大或结构过于复杂，请拆分或另存后再上传。' };
    const name = (e as { name?: string })?.name ?? '';
    if (name === 'PasswordException') return { ok: false, message: '文件已加密：请去除密码保护后再上传。' };
    return { ok: false, message: `文件已损坏或格式无法识别：无法读取${kind === 'pdf' ? ' PDF ' : kind === 'docx' ? ' Word ' : ''}文件内容。` };
  }
}
