// The public version of a Word file whose text was partly masked in review: the same .docx, with
// every redacted string replaced by its mask in every XML part (body, headers, footers, footnotes,
// comments, text boxes, document properties), the people named in the package's properties and
// revision marks removed, and the parts that may carry personal data but are not shown (custom
// XML, custom properties, the page thumbnail) dropped. Pure: bytes in, bytes out, within the zip
// limits. When anything cannot be redacted safely the answer is a refusal (the caller then offers
// the masked text instead), never a file that may still hold a masked string.
import path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { ZIP_LIMITS, inspectZip, type ZipLimits } from './zip.ts';
import { TermMatcher, attributesOf, compact, partStrings, redactXmlPart, tokenizeXml, type RedactTerm } from './ooxml-text.ts';

export type { RedactTerm };

export type DocxRedaction =
  | {
    ok: true;
    bytes: Buffer;
    /** The public document's title: its (redacted) title property, else its first Title/Heading 1 paragraph. */
    title: string | null;
    /** Spans masked, over all parts. */
    replaced: number;
    /** False when the package needed no change at all (nothing masked, no person named, nothing dropped). */
    changed: boolean;
  }
  | { ok: false; reason: 'too_large' | 'too_deep' | 'corrupt' | 'unsupported' | 'residue'; message: string };

const MESSAGES: Record<Exclude<DocxRedaction, { ok: true }>['reason'], string> = {
  too_large: 'Word 文件解压后超出大小限制，无法生成遮盖后的 Word 文件。',
  too_deep: 'Word 文件的结构嵌套层级异常（疑似恶意构造的文件），无法生成遮盖后的 Word 文件。',
  corrupt: 'Word 文件已损坏或结构无法识别，无法生成遮盖后的 Word 文件。',
  unsupported: 'Word 文件使用了无法处理的编码，无法生成遮盖后的 Word 文件。',
  residue: '遮盖后的 Word 文件中仍可找到应遮盖的内容，无法生成遮盖后的 Word 文件。',
};
const refuse = (reason: keyof typeof MESSAGES): DocxRedaction => ({ ok: false, reason, message: MESSAGES[reason] });

// Parts that can hold personal data and are never shown as document text: dropped with their
// relationships and content-type overrides.
const DROPPED = [/^customXml\//i, /^docProps\/custom\.xml$/i, /^docProps\/thumbnail\.[a-z]+$/i];
const isDropped = (name: string) => DROPPED.some((re) => re.test(name));
const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);
// Document properties naming people (author, last editor, manager).
const BLANK_PROPERTIES = new Set(['creator', 'lastModifiedBy', 'Manager']);
// Stored bytes of a fixed date, so the same input gives the same output (the file store dedupes by SM3).
const MTIME = new Date('2000-01-01T00:00:00');

/** Redacts `terms` (each with its mask) throughout a .docx; see the module comment. */
export function redactDocx(input: Buffer, terms: readonly RedactTerm[], limits: ZipLimits = ZIP_LIMITS): DocxRedaction {
  const check = inspectZip(input, limits);
  if (!check.ok) return refuse(check.reason === 'corrupt' ? 'corrupt' : 'too_large');
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(input);
  } catch {
    return refuse('corrupt');
  }
  if (!parts['word/document.xml'] || !parts['[Content_Types].xml']) return refuse('corrupt');
  const matcher = new TermMatcher(terms);
  const dropped = Object.keys(parts).filter(isDropped);
  const headingStyles = headingStylesOf(parts['word/styles.xml']);
  const out: Zippable = {};
  let replaced = 0;
  let changed = dropped.length > 0;
  let heading: string | null = null;
  let coreTitle: string | null = null;

  for (const [name, data] of Object.entries(parts)) {
    if (dropped.includes(name) || name.endsWith('/')) continue;
    if (matcher.residue(compact(name))) return refuse('residue');
    if (!isXmlPart(name)) {
      // Pictures and embedded objects are copied as they are; a masked string written in them
      // in plain (UTF-8 or UTF-16) would still be found, so that refuses the whole file.
      if (terms.some((t) => hasBytes(data, t.text))) return refuse('residue');
      out[name] = [data, { level: 6, mtime: MTIME }];
      continue;
    }
    const xml = decodeUtf8(data);
    if (xml === null) return refuse('unsupported');
    let text = xml;
    if (name.endsWith('.rels')) text = dropRelationships(text, name, dropped);
    else if (name === '[Content_Types].xml') text = dropOverrides(text, dropped);
    const r = redactXmlPart(text, matcher, {
      blank: name.startsWith('docProps/') ? BLANK_PROPERTIES : undefined,
      headingStyles: name === 'word/document.xml' ? headingStyles : undefined,
    });
    if (!r.ok) return refuse(r.deep ? 'too_deep' : 'corrupt');
    replaced += r.replaced;
    if (r.changed || text !== xml) changed = true;
    if (name === 'word/document.xml') heading = r.heading;
    if (name === 'docProps/core.xml') coreTitle = r.texts.get('title') ?? null;
    for (const s of partStrings(r.xml)) if (matcher.residue(s)) return refuse('residue');
    out[name] = [r.changed || text !== xml ? new TextEncoder().encode(r.xml) : data, { level: 6, mtime: MTIME }];
  }
  return { ok: true, bytes: Buffer.from(zipSync(out)), title: usableTitle(coreTitle) ?? heading, replaced, changed };
}

/**
 * The title of a .docx (title property, else the first Title/Heading 1 paragraph) with `terms`
 * masked, for files published unchanged or as text; null when there is none or the file cannot
 * be read within the limits.
 */
export function docxTitle(input: Buffer, terms: readonly RedactTerm[] = [], limits: ZipLimits = ZIP_LIMITS): string | null {
  if (!inspectZip(input, limits).ok) return null;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(input, { filter: (f) => TITLE_PARTS.includes(f.name) });
  } catch {
    return null;
  }
  const matcher = new TermMatcher(terms);
  const core = parts['docProps/core.xml'] ? decodeUtf8(parts['docProps/core.xml']) : null;
  const fromCore = core === null ? null : usableTitle((r => (r.ok ? r.texts.get('title') ?? null : null))(redactXmlPart(core, matcher)));
  if (fromCore) return fromCore;
  const doc = parts['word/document.xml'] ? decodeUtf8(parts['word/document.xml']) : null;
  const r = doc === null ? null : redactXmlPart(doc, matcher, { headingStyles: headingStylesOf(parts['word/styles.xml']) });
  return r?.ok ? r.heading : null;
}
const TITLE_PARTS = ['docProps/core.xml', 'word/styles.xml', 'word/document.xml'];

function decodeUtf8(b: Uint8Array): string | null {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return null;
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(b);
    const decl = /^<\?xml[^>]*encoding=["']([^"']+)["']/.exec(s);
    return decl && !/^utf-?8$/i.test(decl[1]) ? null : s;
  } catch {
    return null;
  }
}

function hasBytes(data: Uint8Array, s: string): boolean {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const c = compact(s);
  return c.length > 0 && (buf.includes(Buffer.from(c, 'utf8')) || buf.includes(Buffer.from(c, 'utf16le')));
}

/** Relationships pointing at dropped parts are removed (a dangling one makes Word report damage). */
function dropRelationships(xml: string, relsName: string, dropped: readonly string[]): string {
  if (!dropped.length) return xml;
  // word/_rels/document.xml.rels describes word/document.xml: targets are relative to word/.
  const base = path.posix.dirname(path.posix.dirname(relsName));
  return xml.replace(/<Relationship\b(?:[^>"']|"[^"]*"|'[^']*')*?\/>/g, (rel) => {
    const a = attributesOf(rel);
    if (a.find((x) => x.name === 'TargetMode')?.value === 'External') return rel;
    const target = a.find((x) => x.name === 'Target')?.value ?? '';
    const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(base === '.' ? '' : base, target));
    return dropped.some((d) => d.toLowerCase() === resolved.toLowerCase()) ? '' : rel;
  });
}

function dropOverrides(xml: string, dropped: readonly string[]): string {
  if (!dropped.length) return xml;
  return xml.replace(/<Override\b(?:[^>"']|"[^"]*"|'[^']*')*?\/>/g, (o) => {
    const part = attributesOf(o).find((x) => x.name === 'PartName')?.value.replace(/^\//, '').toLowerCase();
    return part && dropped.some((d) => d.toLowerCase() === part) ? '' : o;
  });
}

/** Style ids whose name is Title or heading 1 (ids differ by language: "a3", "1", "Heading1"). */
function headingStylesOf(styles: Uint8Array | undefined): Set<string> {
  const ids = new Set(['Title', 'Heading1']);
  const xml = styles ? decodeUtf8(styles) : null;
  if (!xml || !tokenizeXml(xml)) return ids;
  for (const m of xml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attributesOf(`<x${m[1]}>`).find((a) => a.name === 'w:styleId')?.value;
    const name = /<w:name\s+w:val="([^"]*)"/.exec(m[2])?.[1];
    if (id && name && /^(title|heading 1|标题 1|标题)$/i.test(name)) ids.add(id);
  }
  return ids;
}

/** A title property worth showing: not empty, not a file name, not Word's placeholders. */
function usableTitle(t: string | null): string | null {
  const s = t?.replace(/\s+/g, ' ').trim() ?? '';
  if (s.length < 2 || s.length > 200) return null;
  if (/^Microsoft Word - /i.test(s) || /\.(docx?|wps|pdf)$/i.test(s) || /^(文档|新建\s*Microsoft Word\s*文档|Document)\s*\d*$/i.test(s)) return null;
  return s;
}
