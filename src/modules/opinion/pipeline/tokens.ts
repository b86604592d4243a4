// Tokens of a normalised item: one jieba call per item (the platform's loaded instance), reused by
// SimHash, keywords and grouping — segmentation is the pipeline's dominant cost.
import { idf as idfBytes } from '@node-rs/jieba/dict.js';
import { getJieba } from '../../../platform/text/tokens.ts';
import { isHan } from '../../../platform/text/normalize.ts';

/** jieba words of normalised text, in order (dictionary mode without HMM: the fastest, and stable). */
export function tokenise(text: string): string[] {
  return text === '' ? [] : getJieba().cut(text, false);
}

/** Inverse document frequencies (jieba's table) and the value used for words it lacks. */
export type IdfTable = { get(term: string): number | undefined; readonly median: number };

let defaultIdf: IdfTable | undefined;
/** jieba's idf table, parsed once (~270,000 words, ~0.2 s). */
export function defaultIdfTable(): IdfTable {
  if (defaultIdf) return defaultIdf;
  const map = new Map<string, number>();
  const values: number[] = [];
  for (const line of Buffer.from(idfBytes).toString('utf8').split('\n')) {
    const sp = line.lastIndexOf(' ');
    if (sp <= 0) continue;
    const v = Number(line.slice(sp + 1));
    if (!Number.isFinite(v)) continue;
    map.set(line.slice(0, sp), v);
    values.push(v);
  }
  values.sort((a, b) => a - b);
  const median = values.length ? values[values.length >> 1]! : 10;
  defaultIdf = { get: (t) => map.get(t), median };
  return defaultIdf;
}

// 0 unknown, 1 content (has a Han letter or a Latin letter/digit), 2 not (punctuation, spaces, symbols).
const CONTENT_RE = /[\p{L}\p{N}]/u;
const NUMBERISH_RE = /^[\d.,:/%-]+$/u;

/** A token that can be a feature or a keyword: has letters or digits, is not a bare number or a stop word. */
export function isContentToken(t: string, stop: ReadonlySet<string>): boolean {
  const c = t.charCodeAt(0);
  // Fast path for the common case: a token starting with a Han character.
  if (!(c >= 0x4e00 && c <= 0x9fff) && !CONTENT_RE.test(t)) return false;
  if (NUMBERISH_RE.test(t)) return false;
  return !stop.has(t);
}

/** Content tokens of `tokens` (order kept, repeats kept: SimHash and TF count them). */
export function contentTerms(tokens: readonly string[], stop: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const t of tokens) if (isContentToken(t, stop)) out.push(t);
  return out;
}

/** True when the term is made of Han characters only. */
export function isHanTerm(t: string): boolean {
  for (const ch of t) if (!isHan(ch.codePointAt(0)!)) return false;
  return t !== '';
}
