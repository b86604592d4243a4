// Search tokens for PostgreSQL full text ('simple' configuration, GIN index) and the matching query.
//
// Index side: jieba words (search mode) of the normalised text + every CJK character bigram + the
// last character of every CJK run + Latin/digit words (and their suffixes). Each lexeme is homogeneous (only Han, or only other
// letters/digits), so PostgreSQL's parser keeps it as exactly one token.
//
// The query side (segmentation, synonyms, numerals → tsquery) is in query.ts.
//
// Caps (documented because they bound recall on huge documents):
//   - each field is tokenised from its first MAX_FIELD_CHARS characters (200,000: ~100 pages);
//   - jieba words only from the first MAX_JIEBA_CHARS (50,000) — they help ranking, not recall;
//   - at most MAX_LEXEMES (40,000) distinct lexemes per record, keeping the tsvector well under
//     PostgreSQL's 1 MB limit;
//   - a non-Han word is cut to 64 characters (both sides, so matching stays consistent); words of up to
//     16 characters also index their suffixes, so any substring of them is found (prefix queries);
//     a substring of a longer Latin/digit word is found only from the word's start.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { isHan, toSearchForm, toSearchFormWithMap, toOriginalRange } from './normalize.ts';

export const MAX_FIELD_CHARS = 200_000;
export const MAX_JIEBA_CHARS = 50_000;
export const MAX_LEXEMES = 40_000;
export const MAX_WORD_CHARS = 64;
/** Non-Han words up to this length also index their suffixes (substring recall for numbers, codes). */
export const MAX_SUFFIX_WORD = 16;

let jieba: Jieba | undefined;
/** The shared jieba instance (loading the dictionary takes ~0.2 s, so it is done once, lazily). */
export function getJieba(): Jieba {
  return (jieba ??= Jieba.withDict(dict));
}

function isWordChar(cp: number): boolean {
  // Letters and digits of any script (already lower-cased and half-width by normalisation).
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  if (cp > 0xffff) return WORD_RE.test(String.fromCodePoint(cp));
  let v = wordCache[cp]!;
  if (v === 0) wordCache[cp] = v = WORD_RE.test(String.fromCharCode(cp)) ? 1 : 2;
  return v === 1;
}
const WORD_RE = /^[\p{L}\p{N}]$/u;
// BMP classification cache: 0 unknown, 1 letter/digit, 2 other.
const wordCache = new Uint8Array(0x10000);

function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x0a || cp === 0x0d || cp === 0x09 || cp === 0x3000 || cp === 0xa0 || cp === 0x0c;
}

export type Piece = { han: boolean; text: string };

/**
 * Splits normalised text into Han runs and other word runs. In documents, Han runs continue across
 * whitespace (pdf and web text break lines inside words); in queries whitespace separates terms.
 */
export function pieces(norm: string, joinHanAcrossSpace: boolean, limit = Infinity): Piece[] {
  const out: Piece[] = [];
  let cur = '';
  let curHan = false;
  const flush = () => {
    if (cur) out.push({ han: curHan, text: curHan ? cur : cur.slice(0, MAX_WORD_CHARS) });
    cur = '';
  };
  const n = norm.length;
  for (let i = 0; i < n && out.length < limit; i++) {
    let cp = norm.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      cp = norm.codePointAt(i)!;
    }
    const w = cp > 0xffff ? 2 : 1;
    const ch = w === 2 ? norm.slice(i, i + 2) : norm[i]!;
    i += w - 1;
    if (isHan(cp)) {
      if (cur && !curHan) flush();
      curHan = true;
      cur += ch;
    } else if (isWordChar(cp)) {
      if (cur && curHan) flush();
      curHan = false;
      cur += ch;
    } else if (joinHanAcrossSpace && curHan && isSpace(cp)) {
      // keep the Han run open: the next Han character continues it
    } else {
      flush();
    }
  }
  flush();
  return out;
}

/** Adds the lexemes of one normalised text to `out` (in order of importance), respecting `cap`. */
function addLexemes(norm: string, out: Set<string>, cap: number, words: boolean): void {
  const text = norm.length > MAX_FIELD_CHARS ? norm.slice(0, MAX_FIELD_CHARS) : norm;
  for (const p of pieces(text, true)) {
    if (out.size >= cap) return;
    if (!p.han) {
      out.add(p.text);
      // Suffixes of short words: with prefix queries, "018" or "phone" find "2018" and "iphone".
      if (p.text.length <= MAX_SUFFIX_WORD) for (let i = 1; i < p.text.length; i++) out.add(p.text.slice(i));
      continue;
    }
    const chars = Array.from(p.text);
    for (let i = 0; i + 1 < chars.length && out.size < cap; i++) out.add(chars[i]! + chars[i + 1]!);
    // The last character of a run as a unigram: with the bigrams, every character of the text
    // starts some lexeme, so a single-character prefix query ('作':*) has exact recall too.
    out.add(chars[chars.length - 1]!);
  }
  if (!words || out.size >= cap) return;
  const head = text.length > MAX_JIEBA_CHARS ? text.slice(0, MAX_JIEBA_CHARS) : text;
  for (const w of hanWords(head)) {
    if (out.size >= cap) return;
    out.add(w);
  }
}

/** Pure-Han jieba words (search mode) of 3+ characters: 2-character words are bigrams already. */
function hanWords(text: string): string[] {
  const out: string[] = [];
  for (const w of getJieba().cutForSearch(text, false)) {
    if (w.length < 3) continue;
    let allHan = true;
    for (const ch of w) {
      if (!isHan(ch.codePointAt(0)!)) {
        allHan = false;
        break;
      }
    }
    if (allHan) out.push(w);
  }
  return out;
}

export type TokenOptions = {
  /** Also add jieba words (default true); set false for a cheaper, bigram-only index. */
  words?: boolean;
  /** Distinct-lexeme cap (default MAX_LEXEMES). */
  maxLexemes?: number;
};

/**
 * Deduplicated search lexemes of `text` (normalised first): CJK bigrams, the last character of each CJK run,
 * Latin/digit words and jieba words of 3+ characters. See the file comment for the caps.
 */
export function searchTokens(text: string, opts: TokenOptions = {}): string[] {
  const out = new Set<string>();
  addLexemes(toSearchForm(typeof text === 'string' ? text : ''), out, opts.maxLexemes ?? MAX_LEXEMES, opts.words ?? true);
  return [...out];
}

export type TsvectorFields = {
  title?: string | null;
  /** 文号 */
  docNo?: string | null;
  /** 索引号 */
  indexNo?: string | null;
  keywords?: string | null;
  /** 内容描述 and body text */
  body?: string | null;
  /** Extracted text of the attachments (already joined, or a list). */
  attachments?: string | readonly string[] | null;
  /** The publishing organisation's name and short name: a query for 教体局 finds its records. */
  org?: string | null;
};

/**
 * Space-separated lexemes per weight, for
 *   setweight(to_tsvector('simple', $a), 'A') || setweight(to_tsvector('simple', $b), 'B')
 *   || setweight(to_tsvector('simple', $c), 'C') || setweight(to_tsvector('simple', $d), 'D')
 * A: title, 文号, 索引号; B: keywords; C: body and attachments; D: the organisation's names (they
 * make its records findable, but rank least). A lexeme appears only under its highest weight; the
 * total is capped at MAX_LEXEMES.
 */
export function toTsvectorInput(fields: TsvectorFields, opts: TokenOptions = {}): { a: string; b: string; c: string; d: string } {
  const cap = opts.maxLexemes ?? MAX_LEXEMES;
  const words = opts.words ?? true;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const all = new Set<string>();
  const take = (texts: string[]): string => {
    const before = all.size;
    for (const t of texts) if (t) addLexemes(toSearchForm(t), all, cap, words);
    return [...all].slice(before).join(' ');
  };
  const attachments = Array.isArray(fields.attachments)
    ? (fields.attachments as readonly unknown[]).map(str)
    : [str(fields.attachments)];
  const a = take([str(fields.title), str(fields.docNo), str(fields.indexNo)]);
  const b = take([str(fields.keywords)]);
  const c = take([str(fields.body), ...attachments]);
  const d = take([str(fields.org)]);
  return { a, b, c, d };
}

// ---------------------------------------------------------------------------
// Highlighting
// ---------------------------------------------------------------------------

/** A piece of a snippet; `mark` pieces are the matches. Views render them escaped (e.g. <mark>). */
export type HighlightSegment = { text: string; mark: boolean };
export type Snippet = {
  segments: HighlightSegment[];
  /** The snippet starts after / ends before the text's start / end (show an ellipsis). */
  clippedStart: boolean;
  clippedEnd: boolean;
};
export type HighlightOptions = {
  /** Maximum number of snippets (default 2). */
  maxSnippets?: number;
  /** Characters of context on each side of a match (default 40). */
  radius?: number;
  /** One snippet with the whole text (for titles). */
  whole?: boolean;
};

const MAX_MATCHES = 500;

/**
 * Snippets of `text` around the matches of `terms` (typically `buildTsQuery(q).terms`), matched in
 * the search form (so a Traditional query marks Simplified text and the reverse) and cut from the
 * original text. A term that does not occur as a whole is matched by its bigrams. Without any match
 * the start of the text is returned unmarked (or nothing for empty text).
 */
export function highlight(text: string, terms: readonly string[], opts: HighlightOptions = {}): Snippet[] {
  const original = typeof text === 'string' ? text : '';
  if (original === '') return [];
  const radius = Math.max(0, Math.min(opts.radius ?? 40, 1000));
  const maxSnippets = Math.max(1, Math.min(opts.maxSnippets ?? 2, 20));
  const mapped = toSearchFormWithMap(original);
  const hay = mapped.text;

  // Collect match ranges in normalised offsets.
  const ranges: [number, number][] = [];
  const find = (needle: string): boolean => {
    let found = false;
    if (!needle) return false;
    for (let at = hay.indexOf(needle); at >= 0 && ranges.length < MAX_MATCHES; at = hay.indexOf(needle, at + needle.length)) {
      ranges.push([at, at + needle.length]);
      found = true;
    }
    return found;
  };
  const normTerms = [...new Set((Array.isArray(terms) ? terms : []).filter((t) => typeof t === 'string').map((t) => toSearchForm(t).trim()))]
    .filter((t) => t !== '')
    .slice(0, 32);
  for (const t of normTerms) {
    if (!find(t)) {
      const chars = Array.from(t);
      for (let i = 0; i + 1 < chars.length; i++) find(chars[i]! + chars[i + 1]!);
    }
  }

  // Merge and map to original offsets.
  ranges.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const marks: { start: number; end: number }[] = [];
  for (const [s, e] of ranges) {
    const r = toOriginalRange(mapped, s, e);
    const prev = marks[marks.length - 1];
    if (prev && r.start <= prev.end) prev.end = Math.max(prev.end, r.end);
    else marks.push(r);
  }

  const segmentsOf = (from: number, to: number): HighlightSegment[] => {
    const segs: HighlightSegment[] = [];
    let pos = from;
    for (const m of marks) {
      if (m.end <= from || m.start >= to) continue;
      const s = Math.max(m.start, from);
      const e = Math.min(m.end, to);
      if (s > pos) segs.push({ text: original.slice(pos, s), mark: false });
      segs.push({ text: original.slice(s, e), mark: true });
      pos = e;
    }
    if (pos < to) segs.push({ text: original.slice(pos, to), mark: false });
    return segs;
  };
  const safeStart = (i: number) => wordBoundary(original, i > 0 && isLowSurrogate(original.charCodeAt(i)) ? i - 1 : Math.max(0, i), -1);
  const safeEnd = (i: number) => wordBoundary(original, i < original.length && isLowSurrogate(original.charCodeAt(i)) ? i + 1 : Math.min(original.length, i), 1);

  if (opts.whole) return [{ segments: segmentsOf(0, original.length), clippedStart: false, clippedEnd: false }];
  if (marks.length === 0) {
    const end = safeEnd(radius * 2);
    return [{ segments: segmentsOf(0, end), clippedStart: false, clippedEnd: end < original.length }];
  }
  const snippets: Snippet[] = [];
  let lastEnd = -1;
  for (const m of marks) {
    if (snippets.length >= maxSnippets) break;
    if (m.start < lastEnd) continue;
    const from = safeStart(Math.max(m.start - radius, lastEnd < 0 ? 0 : lastEnd));
    const to = safeEnd(m.end + radius);
    snippets.push({ segments: segmentsOf(from, to), clippedStart: from > 0, clippedEnd: to < original.length });
    lastEnd = to;
  }
  return snippets;
}

const DIGIT = /[0-9０-９]/;
const NUMBER_PART = /[0-9０-９.．,%％\-－/／:：]/;
const JOINER = /[.．,\-－/／:：]/;
/** How far a snippet edge may move to reach a word boundary. */
const BOUNDARY_REACH = 12;

/**
 * Moves a snippet edge `i` (between text[i-1] and text[i]) off the inside of a word, a number, or a
 * number and the word it measures (6周岁, 2021年): back to the unit's start (dir -1) or on to its
 * end (dir 1), at most BOUNDARY_REACH characters. Words are jieba's, cut from a window around i.
 */
function wordBoundary(text: string, i: number, dir: -1 | 1): number {
  if (i <= 0 || i >= text.length) return i;
  const from = Math.max(0, i - 2 * BOUNDARY_REACH);
  const to = Math.min(text.length, i + 2 * BOUNDARY_REACH);
  const ends = new Set<number>([from, to]);
  let at = from;
  for (const w of getJieba().cut(text.slice(from, to), false)) { at += w.length; ends.add(at); }
  // Each word's start, to find the word after a number.
  const wordEnd = (k: number) => { for (let j = k + 1; j <= to; j++) if (ends.has(j)) return j; return to; };
  const unsafe = (k: number): boolean => {
    if (k <= 0 || k >= text.length) return false;
    if (!ends.has(k)) return true;
    const before = text[k - 1]!;
    const after = text[k]!;
    if (NUMBER_PART.test(before) && DIGIT.test(after)) return true;
    // A joiner between digits (0791-12345678, 9:30, 2026/10/01) belongs to the number.
    if (DIGIT.test(before) && JOINER.test(after) && DIGIT.test(text[k + 1] ?? '')) return true;
    if (DIGIT.test(before) && /\p{Script=Han}/u.test(after) && wordEnd(k) - k <= 2) return true;
    return false;
  };
  for (let k = i, steps = 0; steps <= BOUNDARY_REACH; k += dir, steps++) {
    if (!unsafe(k)) return k;
  }
  return i;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
