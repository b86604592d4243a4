// Feed bytes → entries: RSS 2.0 (and RSS 1.0 / RDF), Atom 1.0 and JSON Feed 1.0 / 1.1. XML is read
// by fast-xml-parser (validated first, entity expansion and nesting bounded by its own limits);
// content HTML becomes text through the platform's HTML-to-text. Runs inside the parse sandbox
// (sandbox.ts, op 'feed'), so a hostile feed ends with the worker thread, never with the server.
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { decodeText } from '../files/sniff.ts';
import { htmlToText } from '../files/html.ts';
import { parseFeedDate } from './dates.ts';

export interface FeedEntry {
  /** guid / id / rdf:about (a hash when longer than the limit); null when the feed gives none. */
  id: string | null;
  link: string | null;
  title: string;
  text: string;
  /** ISO instant, null when the feed gives no readable date. */
  published: string | null;
  /** The date as written (part of the fallback key of an entry without id and link). */
  rawDate: string | null;
  author: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  title: string;
  entries: FeedEntry[];
  /** Entries left out beyond FEED_PARSE_LIMITS.entries. */
  dropped: number;
}

export type FeedErrorCode = 'feed.html' | 'feed.xml' | 'feed.json' | 'feed.unknown' | 'feed.empty';
export type FeedParse = { ok: true; feed: ParsedFeed } | { ok: false; code: FeedErrorCode; message: string };

export const FEED_PARSE_LIMITS = { entries: 500, title: 500, text: 20_000, id: 200, author: 100, url: 2_000 };

export const FEED_PARSE_MESSAGES: Record<FeedErrorCode, string> = {
  'feed.html': '返回的不是订阅源（RSS/Atom/JSON Feed），而是网页。请核对订阅地址是否为网站提供的 RSS 或 Atom 链接。',
  'feed.xml': '订阅源的 XML 格式有误，无法解析',
  'feed.json': '订阅源的 JSON 格式有误，无法解析',
  'feed.unknown': '返回的内容不是可识别的订阅源格式（RSS 2.0、Atom 或 JSON Feed）',
  'feed.empty': '订阅源返回的内容为空',
};

const fail = (code: FeedErrorCode, detail = ''): FeedParse => ({ ok: false, code, message: FEED_PARSE_MESSAGES[code] + detail });

// ---------------------------------------------------------------- decoding

function charsetOf(b: Buffer, contentType?: string | null): string | null {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  const head = b.subarray(0, 200).toString('latin1');
  const fromDecl = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  const label = (fromDecl ?? fromHeader)?.toLowerCase();
  if (!label) return null;
  if (['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn'].includes(label)) return 'gb18030';
  return label;
}

/** Text of the body: BOM, then the XML declaration or the Content-Type charset, else UTF-8 with a GB18030 fallback. */
export function decodeFeed(b: Buffer, contentType?: string | null): string {
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  const label = bom ? null : charsetOf(b, contentType);
  if (label === 'gb18030') return decodeText(b, 'gb18030');
  if (label && label !== 'utf-8' && label !== 'utf8') {
    try { return new TextDecoder(label).decode(b); } catch { /* unknown label: guess below */ }
  }
  return decodeText(b);
}

// ---------------------------------------------------------------- values

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The text of an XML node as fast-xml-parser gives it (string, { '#text' }, nested markup, list). */
function textOf(v: unknown, depth = 0): string {
  if (v == null || depth > 20) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => textOf(x, depth + 1)).join(' ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o['#text'] === 'string' || typeof o['#text'] === 'number') return String(o['#text']);
    // Atom xhtml content: nested elements; their text in document order is close enough for analysis.
    return Object.entries(o).filter(([k]) => !k.startsWith('@_')).map(([, x]) => textOf(x, depth + 1)).join(' ');
  }
  return '';
}

const looksHtml = (s: string) => /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i.test(s);

/** Body text: HTML through htmlToText, plain text with its spaces tidied. */
function bodyText(raw: string): string {
  const s = looksHtml(raw) ? htmlToText(raw) : raw.replace(/\r\n?/g, '\n').replace(/[ \t\u00a0]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  return cut(s, FEED_PARSE_LIMITS.text);
}

const oneLine = (raw: string, max: number) => cut((looksHtml(raw) ? htmlToText(raw) : raw).replace(/\s+/g, ' ').trim(), max);

function absUrl(raw: string, base?: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  try {
    const u = new URL(s, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const href = u.href;
    return href.length <= FEED_PARSE_LIMITS.url ? href : null;
  } catch { return null; }
}

function keyOf(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  return s.length <= FEED_PARSE_LIMITS.id ? s : `sha256:${createHash('sha256').update(s).digest('hex')}`;
}

function entry(e: { id: string; link: string | null; title: string; content: string; summary: string; date: string; author: string }): FeedEntry {
  const published = parseFeedDate(e.date);
  return {
    id: keyOf(e.id),
    link: e.link,
    title: oneLine(e.title, FEED_PARSE_LIMITS.title),
    text: bodyText(e.content.trim() ? e.content : e.summary),
    published: published ? published.toISOString() : null,
    rawDate: e.date.trim() || null,
    author: e.author.trim() ? oneLine(e.author, FEED_PARSE_LIMITS.author) : null,
  };
}

const list = (v: unknown): unknown[] => (v == null ? [] : Array.isArray(v) ? v : [v]);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function bounded(format: ParsedFeed['format'], title: string, all: unknown[], map: (x: Record<string, unknown>) => FeedEntry): ParsedFeed {
  const entries = all.slice(0, FEED_PARSE_LIMITS.entries).map((x) => map(obj(x)));
  return { format, title: oneLine(title, 200), entries, dropped: Math.max(0, all.length - FEED_PARSE_LIMITS.entries) };
}

// ---------------------------------------------------------------- XML formats

function rss(doc: Record<string, unknown>, base?: string): ParsedFeed {
  const channel = obj(list(obj(doc.rss).channel)[0]);
  return bounded('rss', textOf(channel.title), list(channel.item), (it) => {
    const guid = textOf(it.guid);
    return entry({
      id: guid, link: absUrl(textOf(list(it.link)[0]), base), title: textOf(it.title),
      content: textOf(it['content:encoded']), summary: textOf(it.description),
      date: textOf(it.pubDate) || textOf(it['dc:date']) || textOf(it['a10:updated']),
      author: textOf(it['dc:creator']) || textOf(it.author),
    });
  });
}

function rdf(doc: Record<string, unknown>, base?: string): ParsedFeed {
  const root = obj(doc['rdf:RDF']);
  return bounded('rdf', textOf(obj(root.channel).title), list(root.item), (it) => entry({
    id: String(it['@_rdf:about'] ?? ''), link: absUrl(textOf(it.link), base), title: textOf(it.title),
    content: textOf(it['content:encoded']), summary: textOf(it.description), date: textOf(it['dc:date']), author: textOf(it['dc:creator']),
  }));
}

function atomLink(links: unknown[], base?: string): string | null {
  const all = links.map(obj);
  const alt = all.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? all[0];
  return alt ? absUrl(String(alt['@_href'] ?? ''), base) : null;
}

function atom(doc: Record<string, unknown>, base?: string): ParsedFeed {
  const feed = obj(doc.feed);
  return bounded('atom', textOf(feed.title), list(feed.entry), (it) => entry({
    id: textOf(it.id), link: atomLink(list(it.link), base), title: textOf(it.title),
    content: textOf(it.content), summary: textOf(it.summary),
    date: textOf(it.published) || textOf(it.updated),
    author: list(it.author).map((a) => textOf(obj(a).name) || textOf(a)).filter(Boolean).join('、'),
  }));
}

// A bare "&" (an unescaped URL query, "A & B") is the commonest fault of real feeds: escaped
// before validation, so such a feed is read; broken structure is still refused.
const BARE_AMP = /&(?![A-Za-z][\w.-]{0,31};|#\d{1,7};|#x[0-9A-Fa-f]{1,6};)/g;

const ARRAYS = new Set(['rss.channel.item', 'rdf:RDF.item', 'feed.entry', 'feed.entry.link', 'feed.entry.author']);

function parseXml(text: string, base?: string): FeedParse {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    htmlEntities: true,
    processEntities: { enabled: true, maxEntityCount: 100, maxEntitySize: 10_000, maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000 },
    maxNestedTags: 200,
    isArray: (_name: string, jpath: unknown) => ARRAYS.has(String(jpath)),
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text.replace(BARE_AMP, '&amp;'), true) as Record<string, unknown>;
  } catch (e) {
    // The validator's message ends with ":line:col"; only the position is worth showing.
    const pos = /:(\d+):(\d+)\s*$/.exec(String((e as Error).message ?? ''));
    return fail('feed.xml', pos ? `（第 ${pos[1]} 行第 ${pos[2]} 列附近）。` : '。');
  }
  if (doc.rss) return { ok: true, feed: rss(doc, base) };
  if (doc.feed) return { ok: true, feed: atom(doc, base) };
  if (doc['rdf:RDF']) return { ok: true, feed: rdf(doc, base) };
  if (doc.html || doc.HTML) return fail('feed.html');
  return fail('feed.unknown', '。');
}

// ---------------------------------------------------------------- JSON Feed

function jsonFeed(text: string, base?: string): FeedParse {
  let doc: unknown;
  try { doc = JSON.parse(text); } catch { return fail('feed.json', '。'); }
  const d = obj(doc);
  if (typeof d.version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\//.test(d.version) || !Array.isArray(d.items)) return fail('feed.unknown', '（JSON 内容不是 JSON Feed）。');
  return {
    ok: true,
    feed: bounded('json', textOf(d.title), d.items, (it) => {
      const authors = [...list(it.authors), ...list(it.author)].map((a) => textOf(obj(a).name)).filter(Boolean);
      const html = typeof it.content_html === 'string' ? it.content_html : '';
      const plain = typeof it.content_text === 'string' ? it.content_text : '';
      return entry({
        id: typeof it.id === 'string' || typeof it.id === 'number' ? String(it.id) : '',
        link: absUrl(typeof it.url === 'string' ? it.url : typeof it.external_url === 'string' ? it.external_url : '', base),
        title: typeof it.title === 'string' ? it.title : '',
        content: html || plain, summary: typeof it.summary === 'string' ? it.summary : '',
        date: typeof it.date_published === 'string' ? it.date_published : typeof it.date_modified === 'string' ? it.date_modified : '',
        author: authors.join('、'),
      });
    }),
  };
}

// ---------------------------------------------------------------- entry point

/** The root element of an XML/HTML text, past the declaration, comments, processing instructions and a non-HTML doctype. */
function rootName(s: string): string | null {
  const m = /^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?!\s+html)[^>[]*(?:\[[\s\S]*?\])?\s*>))*\s*<([A-Za-z_][\w:.-]*)/i.exec(s.slice(0, 64 * 1024));
  return m ? m[1]! : null;
}

/** Parses a fetched feed body; `base` resolves relative links (the URL it came from). */
export function parseFeed(bytes: Uint8Array, contentType?: string | null, base?: string): FeedParse {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = decodeFeed(b, contentType).replace(/^\uFEFF/, '');
  const head = text.trimStart();
  if (!head) return fail('feed.empty', '。');
  if (head[0] === '{' || /json/i.test(contentType ?? '') && head[0] !== '<') return jsonFeed(head, base);
  if (head[0] !== '<') return /html/i.test(contentType ?? '') ? fail('feed.html') : fail('feed.unknown', '。');
  if (/^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->))*\s*<!doctype\s+html/i.test(head.slice(0, 64 * 1024))) return fail('feed.html');
  const root = rootName(head)?.toLowerCase();
  if (root === 'html' || root === 'head' || root === 'body') return fail('feed.html');
  if (root !== 'rss' && root !== 'feed' && root !== 'rdf:rdf') {
    return /html/i.test(contentType ?? '') ? fail('feed.html') : fail('feed.unknown', '。');
  }
  return parseXml(head, base);
}
