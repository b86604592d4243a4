// Redaction inside one XML part of an Office package, on the text as written: the part is split
// into tokens (tags and text) and only the text tokens that hold a match are rewritten, so every
// other byte (formatting, namespaces, ids) stays as it was. Matches are found on a paragraph's
// whole text, with a map back to the runs: Word splits "13912345678" over several <w:r> freely.

/** A string to mask wherever it occurs, and its mask (the one the public body shows). */
export interface RedactTerm { text: string; mask: string }

const TOKEN_RE = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+/g;

/** The part as tokens whose concatenation is the part; null when it is no XML we can read. */
export function tokenizeXml(xml: string): string[] | null {
  // A DTD can define entities that expand to text no token shows: never produced by Word, refused.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  const out: string[] = [];
  let pos = 0;
  for (const m of xml.matchAll(TOKEN_RE)) {
    if (m.index !== pos) return null;
    out.push(m[0]);
    pos += m[0].length;
  }
  return pos === xml.length ? out : null;
}

export function decodeXmlText(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (all, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return n <= 0x10ffff ? String.fromCodePoint(n) : all;
  });
}

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => escText(s).replace(/"/g, '&quot;');
/** Text of a text token: CDATA as written, otherwise entity-decoded. */
const tokenText = (t: string) => (t.startsWith('<![CDATA[') ? t.slice(9, -3) : decodeXmlText(t));
const isText = (t: string) => !t.startsWith('<') || t.startsWith('<![CDATA[');

type Tag = { close: boolean; name: string; selfClose: boolean };
function tagOf(t: string): Tag | null {
  if (t.startsWith('<?') || t.startsWith('<!')) return null;
  const m = /^<(\/?)([^\s/>]+)/.exec(t);
  return m ? { close: m[1] === '/', name: m[2], selfClose: t.endsWith('/>') } : null;
}
const local = (name: string) => name.slice(name.indexOf(':') + 1);
const ATTR_RE = /([^\s=/<>]+)(\s*=\s*)("([^"]*)"|'([^']*)')/g;

/** Attribute values of a tag, decoded. */
export function attributesOf(tag: string): { name: string; value: string }[] {
  return [...tag.matchAll(ATTR_RE)].map((m) => ({ name: m[1], value: decodeXmlText(m[4] ?? m[5] ?? '') }));
}

/** A whitespace run in a term matches any run: the extracted text had its spaces and tabs tidied. */
const WS = /[\s\u00a0\u3000]+/g;
export const compact = (s: string) => s.replace(WS, '');

export class TermMatcher {
  readonly terms: RedactTerm[];
  private readonly re: RegExp | null;
  constructor(terms: readonly RedactTerm[]) {
    const seen = new Map<string, RedactTerm>();
    for (const t of terms) if (compact(t.text).length > 0 && !seen.has(t.text)) seen.set(t.text, t);
    // Longest first, so a longer term wins over one it contains.
    this.terms = [...seen.values()].sort((a, b) => compact(b.text).length - compact(a.text).length);
    const src = (t: string) => t.trim().split(WS).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\u00a0\\u3000]+');
    this.re = this.terms.length ? new RegExp(this.terms.map((t) => `(${src(t.text)})`).join('|'), 'gu') : null;
  }
  /** Non-overlapping spans of `text` to replace, with their masks. */
  spans(text: string): { start: number; end: number; mask: string }[] {
    if (!this.re || !text) return [];
    const out: { start: number; end: number; mask: string }[] = [];
    for (const m of text.matchAll(this.re)) {
      const g = m.findIndex((x, i) => i > 0 && x !== undefined);
      out.push({ start: m.index, end: m.index + m[0].length, mask: this.terms[g - 1].mask });
    }
    return out;
  }
  /** The term (its text) still present in `text` compacted, if any. */
  residue(compactText: string): string | null {
    for (const t of this.terms) if (compactText.includes(compact(t.text))) return t.text;
    return null;
  }
  replace(text: string): string {
    let out = '';
    let pos = 0;
    for (const s of this.spans(text)) { out += text.slice(pos, s.start) + s.mask; pos = s.end; }
    return out + text.slice(pos);
  }
}

// Elements whose text is document text, by channel: what is shown, deleted revisions, field codes.
// Each channel of a paragraph is matched on its own (a field code between runs must not hide a number).
const CHANNEL: Record<string, string> = { 'w:t': 'text', 'm:t': 'text', 'a:t': 'text', 'w:delText': 'del', 'w:instrText': 'instr', 'w:delInstrText': 'instr' };
// Characters a run writes as elements; part of the shown text for matching.
const RUN_CHARS: Record<string, string> = { 'w:tab': '\t', 'w:br': '\n', 'w:cr': '\n', 'w:noBreakHyphen': '-' };
const PARAGRAPHS = new Set(['w:p', 'a:p']);
// Attributes of free text (alternative text of pictures, link tips): redacted like text.
const FREE_TEXT_ATTRS = new Set(['descr', 'title', 'tooltip']);
// Attributes naming people (revision and comment authors, their account ids): emptied.
const PERSON_ATTRS = new Set(['author', 'initials', 'userId']);

type Seg = { tok: number; open: number; text: string; char: boolean };
type Para = { channels: Map<string, Seg[]>; style: string | null };

export interface PartOptions {
  /** Local names of elements whose text is emptied (document properties naming people). */
  blank?: ReadonlySet<string>;
  /** Style ids of headings: the first such paragraph's redacted text is returned as `heading`. */
  headingStyles?: ReadonlySet<string>;
}

export type PartResult =
  | { ok: true; xml: string; changed: boolean; replaced: number; heading: string | null; texts: Map<string, string> }
  /** deep: elements nested beyond MAX_DEPTH (no Word file does that; a hostile one may). */
  | { ok: false; deep?: boolean };

/**
 * Elements open at once, at most. Word's own documents stay far below (a table in a table in a
 * text box is a few dozen levels); a part nested deeper is refused rather than walked.
 */
export const MAX_DEPTH = 512;

/**
 * Redacts the terms in one XML part. `texts` holds the redacted text of some elements by local
 * name (the first occurrence), e.g. core.xml's title.
 */
export function redactXmlPart(xml: string, matcher: TermMatcher, opts: PartOptions = {}): PartResult {
  const toks = tokenizeXml(xml);
  if (!toks) return { ok: false };
  const stack: { name: string; tok: number }[] = [];
  const paras: Para[] = [];
  const preserve = new Set<number>();
  let changed = false;
  let replaced = 0;
  let heading: string | null = null;
  const texts = new Map<string, string>();

  const finish = (p: Para, topLevel: boolean) => {
    for (const [channel, segs] of p.channels) {
      const full = segs.map((s) => s.text).join('');
      const spans = matcher.spans(full);
      if (spans.length) {
        applySpans(segs, spans);
        replaced += spans.length;
        for (const s of segs) {
          const now = s.char ? (s.text ? toks[s.tok] : '') : escText(s.text);
          if (now !== toks[s.tok]) { toks[s.tok] = now; changed = true; if (!s.char && toks[s.open].startsWith('<w:')) preserve.add(s.open); }
        }
      }
      if (channel === 'text' && topLevel && heading === null && p.style && opts.headingStyles?.has(p.style)) {
        const h = segs.map((s) => s.text).join('').replace(WS, ' ').trim();
        if (h) heading = h.length > 200 ? h.slice(0, 200) + '…' : h;
      }
    }
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (isText(t)) {
      const el = stack[stack.length - 1];
      if (!el) continue;
      const channel = CHANNEL[el.name];
      const para = paras[paras.length - 1];
      if (channel && para) {
        const list = para.channels.get(channel) ?? [];
        list.push({ tok: i, open: el.tok, text: tokenText(t), char: false });
        para.channels.set(channel, list);
        continue;
      }
      const ln = local(el.name);
      const before = tokenText(t);
      const after = opts.blank?.has(ln) ? '' : matcher.replace(before);
      if (!texts.has(ln)) texts.set(ln, after);
      if (after !== before) { toks[i] = escText(after); changed = true; replaced++; }
      continue;
    }
    const tag = tagOf(t);
    if (!tag) continue;
    if (tag.close) {
      while (stack.length && stack[stack.length - 1].name !== tag.name) stack.pop();
      stack.pop();
      if (PARAGRAPHS.has(tag.name) && paras.length) { const p = paras.pop()!; finish(p, paras.length === 0); }
      continue;
    }
    const edited = editAttributes(t, matcher);
    if (edited !== t) { toks[i] = edited; changed = true; }
    const para = paras[paras.length - 1];
    if (tag.name === 'w:pStyle' && para) para.style = attributesOf(t).find((a) => local(a.name) === 'val')?.value ?? null;
    if (tag.selfClose) {
      const ch = RUN_CHARS[tag.name];
      if (ch && para && stack[stack.length - 1]?.name === 'w:r') {
        const list = para.channels.get('text') ?? [];
        list.push({ tok: i, open: i, text: ch, char: true });
        para.channels.set('text', list);
      }
      continue;
    }
    stack.push({ name: tag.name, tok: i });
    if (stack.length > MAX_DEPTH) return { ok: false, deep: true };
    if (PARAGRAPHS.has(tag.name)) paras.push({ channels: new Map(), style: null });
  }
  for (const i of preserve) {
    if (!/\sxml:space=/.test(toks[i])) toks[i] = toks[i].replace(/\s*>$/, ' xml:space="preserve">');
  }
  return { ok: true, xml: changed ? toks.join('') : xml, changed, replaced, heading, texts };
}

/** Free-text attributes redacted, person attributes emptied; the tag as written otherwise. */
function editAttributes(tag: string, matcher: TermMatcher): string {
  if (!tag.includes('=')) return tag;
  // An external link's target (mailto:, tel:, a URL with a name in it) is text too; a target inside
  // the package is a part name and stays, or the link would break.
  const external = /\sTargetMode\s*=\s*["']External["']/.test(tag);
  return tag.replace(ATTR_RE, (all, name: string, eq: string, _q: string, dq?: string, sq?: string) => {
    const ln = local(name);
    if (PERSON_ATTRS.has(ln)) return `${name}${eq}""`;
    if (!FREE_TEXT_ATTRS.has(ln) && !(external && name === 'Target')) return all;
    const v = decodeXmlText(dq ?? sq ?? '');
    const r = matcher.replace(v);
    return r === v ? all : `${name}${eq}"${escAttr(r)}"`;
  });
}

/**
 * Rewrites the segments for the spans: the mask goes into the first text segment a span touches
 * (keeping that run's formatting), the span's text leaves the others, run characters inside it go.
 */
function applySpans(segs: Seg[], spans: readonly { start: number; end: number; mask: string }[]): void {
  const starts: number[] = [];
  let n = 0;
  for (const s of segs) { starts.push(n); n += s.text.length; }
  const edits: { from: number; to: number; insert: string }[][] = segs.map(() => []);
  for (const sp of spans) {
    let placed = false;
    segs.forEach((s, j) => {
      const a = starts[j];
      const b = a + s.text.length;
      if (b <= sp.start || a >= sp.end) return;
      const from = Math.max(0, sp.start - a);
      const to = Math.min(s.text.length, sp.end - a);
      if (s.char) { edits[j].push({ from, to, insert: '' }); return; }
      edits[j].push({ from, to, insert: placed ? '' : sp.mask });
      placed = true;
    });
  }
  segs.forEach((s, j) => {
    for (const e of edits[j].sort((x, y) => y.from - x.from)) s.text = s.text.slice(0, e.from) + e.insert + s.text.slice(e.to);
  });
}

/** Every text of the part run together (compacted) and every attribute value, for the residue check. */
export function partStrings(xml: string): string[] {
  const toks = tokenizeXml(xml) ?? [xml];
  const out = [compact(toks.filter(isText).map(tokenText).join(''))];
  for (const t of toks) if (t.startsWith('<') && !isText(t) && t.includes('=')) for (const a of attributesOf(t)) out.push(compact(a.value));
  return out;
}

/**
 * The shown text of every paragraph of a part, in document order of their ends (a paragraph of a
 * text box comes before the paragraph holding the box): runs joined, tabs and breaks as spaces.
 * Null when the part is no XML we can read or nests deeper than MAX_DEPTH.
 */
export function paragraphTexts(xml: string): string[] | null {
  const toks = tokenizeXml(xml);
  if (!toks) return null;
  const stack: string[] = [];
  const paras: string[] = [];
  const out: string[] = [];
  for (const t of toks) {
    if (isText(t)) {
      const el = stack[stack.length - 1];
      if (el && CHANNEL[el] === 'text' && paras.length) paras[paras.length - 1] += tokenText(t);
      continue;
    }
    const tag = tagOf(t);
    if (!tag) continue;
    if (tag.close) {
      while (stack.length && stack[stack.length - 1] !== tag.name) stack.pop();
      stack.pop();
      if (PARAGRAPHS.has(tag.name) && paras.length) out.push(paras.pop()!);
      continue;
    }
    if (tag.selfClose) {
      if (RUN_CHARS[tag.name] && paras.length && stack[stack.length - 1] === 'w:r') paras[paras.length - 1] += ' ';
      continue;
    }
    stack.push(tag.name);
    if (stack.length > MAX_DEPTH) return null;
    if (PARAGRAPHS.has(tag.name)) paras.push('');
  }
  return out.map((p) => p.replace(WS, ' ').trim()).filter(Boolean);
}

/** The text of the first element of each local name in `names` (document properties: title, subject …). */
export function elementTexts(xml: string, names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const toks = tokenizeXml(xml);
  if (!toks) return out;
  let open: string | null = null;
  for (const t of toks) {
    if (isText(t)) {
      if (open && !out.has(open)) out.set(open, tokenText(t).replace(WS, ' ').trim());
      continue;
    }
    const tag = tagOf(t);
    if (!tag) continue;
    open = !tag.close && !tag.selfClose && names.includes(local(tag.name)) ? local(tag.name) : null;
  }
  return out;
}
