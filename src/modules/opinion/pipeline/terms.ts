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
    if (this.index.size + tokens.length > this.capacity) {
      this.index.clear();
      this.words.length = 0;
    }
    if (++this.epoch === 0xffffffff) { this.seen.fill(0); this.epoch = 1; }
    const epoch = this.epoch;
    const { seen, tf, flags, order } = this;
    order.length = 0;
    const terms: string[] = [];
    for (const t of tokens) {
      const slot = this.slotOf(t);
      if ((flags[slot]! & CONTENT) === 0) continue;
      terms.push(t);
      if (seen[slot] !== epoch) {
        seen[slot] = epoch;
        tf[slot] = 1;
        order.push(slot);
      } else tf[slot]!++;
    }
    const weights = new Map<string, number>();
    const acc = this.acc;
    acc.fill(0);
    // Keywords: the `top` heaviest, ties to the first in text (a stable insertion into a short list).
    const kwSlots: number[] = [];
    const kwWeights: number[] = [];
    for (const slot of order) {
      const term = this.words[slot]!;
      const w = tf[slot]! * this.idfs[slot]!;
      weights.set(term, w);
      const weight = term.length === 1 ? w * ONE_CHAR_FACTOR : w;
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
    const keywords: WeightedTerm[] = kwSlots.map((s, j) => ({ term: this.words[s]!, weight: Math.round(kwWeights[j]! * 100) / 100 }));
    return { terms, weights, halves: halvesOf(acc), features: weights.size, keywords };
  }
}
