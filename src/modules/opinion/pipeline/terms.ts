// Stages 2–3 in one pass over an item's tokens: content terms, tf × idf weights, the SimHash and the
// keywords — the same values as contentTerms → termWeights → itemSimhash → extractKeywords, but each
// distinct word is looked up once in a table of words already seen (is it content, its idf, its
// SimHash votes, can it be a keyword) instead of once per stage in the stop set, the idf table
// (~270,000 entries) and the hash cache. After segmentation this was most of the pipeline's time.
import type { WeightedTerm } from './types.ts';
import type { IdfTable } from './tokens.ts';
import { isContentToken } from './tokens.ts';
import { isKeywordTerm } from './keywords.ts';
import { FEATURE_BITS, halvesOf, ONE_CHAR_FACTOR, SIMHASH_BITS, writeFeatureVotes, type Halves } from './hash.ts';

export type TermAnalysis = {
  /** Content tokens in text order, repeats kept (contentTerms). */
  terms: string[];
  /** Term → tf × idf, in order of first occurrence (termWeights). */
  weights: Map<string, number>;
  /** SimHash of the weights (itemSimhash). */
  halves: Halves;
  /** Distinct terms that voted. */
  features: number;
  /** The heaviest keyword terms, weights rounded to 0.01 (extractKeywords). */
  keywords: WeightedTerm[];
};

/** TermTable.analyseForGroup: analyse without the per-token list and the weight Map. */
export type GroupTermAnalysis = Pick<TermAnalysis, 'halves' | 'features' | 'keywords'> & {
  /** Distinct content terms of two or more characters in text order (GroupItem.terms; toGroupItem's list). */
  groupTerms: string[];
};

const CONTENT = 1;
const KEYWORD = 2;

/** Words a table remembers before it starts again (a day's vocabulary fits many times over). */
const DEFAULT_CAPACITY = 1 << 17;

/** The per-word facts of one stop list and idf table; reuse one table for every item (compilePipeline keeps one). */
export class TermTable {
  private readonly index = new Map<string, number>();
  private readonly flags: Uint8Array;
  private readonly idfs: Float64Array;
  private readonly votes: Uint8Array;
  // Scratch of one call: term frequency per slot, valid where seen[slot] === epoch.
  private readonly seen: Uint32Array;
  private readonly tf: Uint32Array;
  private epoch = 0;
  private readonly acc = new Float64Array(SIMHASH_BITS);
  private readonly order: number[] = [];
  /** tf × idf of order[i] after a scan. */
  private weightAt = new Float64Array(256);
  private readonly kwSlots: number[] = [];
  private readonly kwWeights: number[] = [];
  private readonly words: string[] = [];

  constructor(private readonly stop: ReadonlySet<string>, private readonly idf: IdfTable, private readonly capacity = DEFAULT_CAPACITY) {
    this.flags = new Uint8Array(capacity);
    this.idfs = new Float64Array(capacity);
    this.votes = new Uint8Array(capacity * FEATURE_BITS);
    this.seen = new Uint32Array(capacity);
    this.tf = new Uint32Array(capacity);
  }

  private slotOf(t: string): number {
    let slot = this.index.get(t);
    if (slot !== undefined) return slot;
    slot = this.index.size;
    this.index.set(t, slot);
    const content = isContentToken(t, this.stop);
    this.flags[slot] = (content ? CONTENT : 0) | (content && isKeywordTerm(t) ? KEYWORD : 0);
    if (content) {
      this.idfs[slot] = this.idf.get(t) ?? this.idf.median;
      writeFeatureVotes(t, this.votes, slot * FEATURE_BITS);
    }
    this.words[slot] = t;
    return slot;
  }

  /** Content terms, weights, SimHash and the `top` keywords of an item's tokens. */
  analyse(tokens: readonly string[], top: number): TermAnalysis {
    const terms: string[] = [];
    const n = this.scan(tokens, top, terms);
    const weights = new Map<string, number>();
    for (let i = 0; i < n; i++) weights.set(this.words[this.order[i]!]!, this.weightAt[i]!);
    return { terms, weights, halves: halvesOf(this.acc), features: n, keywords: this.keywordsFound() };
  }

  /**
   * What stream grouping reads of an item (bench/opinion.ts, a replay): SimHash, features, keywords
   * and GroupItem.terms — the distinct content terms of two or more characters, in text order —
   * without the per-token list and the weight Map (analyse's values, fewer allocations).
   */
  analyseForGroup(tokens: readonly string[], top: number): GroupTermAnalysis {
    const n = this.scan(tokens, top, undefined);
    const groupTerms: string[] = [];
    for (let i = 0; i < n; i++) {
      const t = this.words[this.order[i]!]!;
      if (t.length >= 2) groupTerms.push(t);
    }
    return { groupTerms, halves: halvesOf(this.acc), features: n, keywords: this.keywordsFound() };
  }

  /**
   * One pass over the tokens: distinct content slots in `order` with their tf × idf in `weightAt`,
   * the SimHash counters in `acc`, the keywords in `kwSlots` / `kwWeights`; content tokens appended
   * to `terms` when given. Returns the number of distinct content terms.
   */
  private scan(tokens: readonly string[], top: number, terms: string[] | undefined): number {
    if (this.index.size + tokens.length > this.capacity) {
      this.index.clear();
      this.words.length = 0;
    }
    if (++this.epoch === 0xffffffff) { this.seen.fill(0); this.epoch = 1; }
    const epoch = this.epoch;
    const { seen, tf, flags, order } = this;
    order.length = 0;
    for (const t of tokens) {
      const slot = this.slotOf(t);
      if ((flags[slot]! & CONTENT) === 0) continue;
      if (terms) terms.push(t);
      if (seen[slot] !== epoch) {
        seen[slot] = epoch;
        tf[slot] = 1;
        order.push(slot);
      } else tf[slot]!++;
    }
    const n = order.length;
    if (n > this.weightAt.length) this.weightAt = new Float64Array(n * 2);
    const { acc, weightAt, kwSlots, kwWeights } = this;
    acc.fill(0);
    // Keywords: the `top` heaviest, ties to the first in text (a stable insertion into a short list).
    kwSlots.length = 0;
    kwWeights.length = 0;
    for (let i = 0; i < n; i++) {
      const slot = order[i]!;
      const w = tf[slot]! * this.idfs[slot]!;
      weightAt[i] = w;
      const weight = this.words[slot]!.length === 1 ? w * ONE_CHAR_FACTOR : w;
      if (weight > 0) {
        const base = slot * FEATURE_BITS;
        for (let j = 0; j < FEATURE_BITS; j++) {
          const v = this.votes[base + j]!;
          acc[v & 63] += v & 64 ? weight : -weight;
        }
      }
      if (top > 0 && flags[slot]! & KEYWORD && (kwSlots.length < top || w > kwWeights[kwWeights.length - 1]!)) {
        let j = kwSlots.length < top ? kwSlots.length : top - 1;
        while (j > 0 && kwWeights[j - 1]! < w) {
          kwSlots[j] = kwSlots[j - 1]!;
          kwWeights[j] = kwWeights[j - 1]!;
          j--;
        }
        kwSlots[j] = slot;
        kwWeights[j] = w;
      }
    }
    return n;
  }

  private keywordsFound(): WeightedTerm[] {
    const out: WeightedTerm[] = new Array(this.kwSlots.length);
    for (let j = 0; j < out.length; j++) out[j] = { term: this.words[this.kwSlots[j]!]!, weight: Math.round(this.kwWeights[j]! * 100) / 100 };
    return out;
  }
}
