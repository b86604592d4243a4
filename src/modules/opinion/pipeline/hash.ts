// Stage 2: duplicate detection keys.
//   - exact: sha256 of the normalised text (a repost, a Traditional or decorated copy normalise alike);
//   - near: a 64-bit SimHash over weighted content tokens; Hamming distance ≤ 3 is a near duplicate;
//   - a banded index (4 bands × 16 bits): two hashes within distance 3 differ in at most 3 bands, so
//     they agree exactly on at least one — candidates are the items sharing a band, then checked.
// Internally a hash is two unsigned 32-bit halves (hi, lo): BigInt arithmetic in the per-token loop
// would cost more than the segmentation it follows; the public API speaks bigint.
import crypto from 'node:crypto';

export const SIMHASH_BITS = 64;
export const BANDS = 4;
export const BAND_BITS = 16;
/** Near-duplicate threshold: with 4 bands of 16 bits, every pair within it shares a band. */
export const NEAR_DISTANCE = 3;

const oneShot = (crypto as unknown as { hash?: (alg: string, data: string) => string }).hash;
/** Exact-duplicate key of normalised text: sha256, hex. */
export function exactKey(text: string): string {
  return oneShot ? oneShot('sha256', text) : crypto.createHash('sha256').update(text).digest('hex');
}

// --- token hashes (cached: the same words recur in every post) --------------------------------

const CACHE_SLOTS = 1 << 18;
const cacheIndex = new Map<string, number>();
const cacheHalves = new Uint32Array(CACHE_SLOTS * 2);

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Slot of the term's 64-bit hash in cacheHalves (FNV-1a over UTF-16 units, two seeds, finalised). */
function termSlot(term: string): number {
  let slot = cacheIndex.get(term);
  if (slot !== undefined) return slot;
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  // Bounded memory: a new table once full (the vocabulary of a day fits many times over).
  if (cacheIndex.size >= CACHE_SLOTS) {
    cacheIndex.clear();
    votesReady.fill(0);
  }
  slot = cacheIndex.size;
  cacheIndex.set(term, slot);
  cacheHalves[slot * 2] = fmix32(a ^ term.length);
  cacheHalves[slot * 2 + 1] = fmix32(b + Math.imul(term.length, 0x27d4eb2d));
  return slot;
}

/** The 64-bit hash of one term (exported for tests and for the database layer's own checks). */
export function termHash(term: string): bigint {
  const s = termSlot(term);
  return join64(cacheHalves[s * 2]!, cacheHalves[s * 2 + 1]!);
}

// --- SimHash -------------------------------------------------------------------------------------
//
// Charikar's SimHash with a sparse projection: each feature adds ±weight to FEATURE_BITS (4) of the
// 64 counters, chosen by its hash, instead of to all 64. Measured on the benchmark's stream (posts of
// ~60 characters, ~20 terms): with the dense form a one- to three-word edit moves 5–10 bits, so only
// 47 % of lightly edited copies are within the distance 3 the banded index needs; with 4 bits per
// feature 85 % are, and near-duplicate precision stays ~0.92–0.95 (2 bits per feature: 0.42 — too
// many counters stay empty, so unrelated short posts agree on them). Distances and bands work
// exactly as for the dense form.

/** Counters each feature votes on. */
export const FEATURE_BITS = 4;

// Per cached term: its FEATURE_BITS votes, each a byte (bit position 0–63 | sign << 6), distinct positions.
const cacheVotes = new Uint8Array(CACHE_SLOTS * FEATURE_BITS);
const votesReady = new Uint8Array(CACHE_SLOTS);

function votesOf(slot: number): number {
  const base = slot * FEATURE_BITS;
  if (votesReady[slot] === 1) return base;
  const lo = cacheHalves[slot * 2 + 1]!;
  const hi = cacheHalves[slot * 2]!;
  // 7 bits per vote (6 position + 1 sign): lo gives four (28 bits).
  for (let j = 0; j < FEATURE_BITS; j++) {
    const bits = j < 4 ? lo >>> (7 * j) : hi >>> (7 * (j - 4));
    let pos = bits & 63;
    for (let k = 0; k < j; k++) if ((cacheVotes[base + k]! & 63) === pos) { pos = (pos + 1) & 63; k = -1; }
    cacheVotes[base + j] = pos | (((bits >>> 6) & 1) << 6);
  }
  votesReady[slot] = 1;
  return base;
}

/** Writes the term's FEATURE_BITS votes (bit position | sign << 6) into `out` from `at` (for term tables that keep their own copy). */
export function writeFeatureVotes(term: string, out: Uint8Array, at: number): void {
  const base = votesOf(termSlot(term));
  for (let j = 0; j < FEATURE_BITS; j++) out[at + j] = cacheVotes[base + j]!;
}

/** SimHash halves from the counters (bit b set when counter b is positive; bits 32–63 are the high half). */
export function halvesOf(counters: Float64Array): Halves {
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (counters[b]! > 0) lo |= 1 << b;
    if (counters[b + 32]! > 0) hi |= 1 << b;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

const acc = new Float64Array(SIMHASH_BITS);
export type Halves = { hi: number; lo: number };

/**
 * SimHash halves of weighted features (term → weight > 0); terms of one character weigh
 * `oneCharFactor` of their weight. Empty input gives 0.
 */
export function simhashHalves(features: ReadonlyMap<string, number> | Iterable<readonly [string, number]>, oneCharFactor = 1): Halves {
  acc.fill(0);
  for (const [term, w] of features) {
    const weight = term.length === 1 ? w * oneCharFactor : w;
    if (!(weight > 0)) continue;
    const base = votesOf(termSlot(term));
    for (let j = 0; j < FEATURE_BITS; j++) {
      const v = cacheVotes[base + j]!;
      acc[v & 63] += v & 64 ? weight : -weight;
    }
  }
  return halvesOf(acc);
}

/** 64-bit SimHash (unsigned bigint) of weighted features. */
export function simhash(features: ReadonlyMap<string, number> | Iterable<readonly [string, number]>): bigint {
  const { hi, lo } = simhashHalves(features);
  return join64(hi, lo);
}

/** Fewer features than this: too little text for a near-duplicate decision (exact duplicates only). */
export const MIN_NEAR_FEATURES = 5;
/** One-character words (了, 都, 大: what light edits add and drop) vote with this share of their weight. */
export const ONE_CHAR_FACTOR = 0.3;

/** The SimHash of an item from its term weights (tf × idf); `features` is how many distinct terms voted. */
export function itemSimhash(weights: ReadonlyMap<string, number>): { simhash: bigint; halves: Halves; features: number } {
  const halves = simhashHalves(weights, ONE_CHAR_FACTOR);
  return { simhash: join64(halves.hi, halves.lo), halves, features: weights.size };
}

/** SimHash of a token list, each occurrence weighing 1 (term frequency). */
export function simhashTokens(tokens: readonly string[]): bigint {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return simhash(tf);
}

export function join64(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}
export function split64(h: bigint): Halves {
  const u = BigInt.asUintN(64, h);
  return { hi: Number(u >> 32n), lo: Number(u & 0xffffffffn) };
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
function hammingHalves(ahi: number, alo: number, bhi: number, blo: number): number {
  return popcount32((ahi ^ bhi) >>> 0) + popcount32((alo ^ blo) >>> 0);
}

/** Number of differing bits of two 64-bit hashes (signed or unsigned bigints). */
export function hamming(a: bigint, b: bigint): number {
  const x = split64(a);
  const y = split64(b);
  return hammingHalves(x.hi, x.lo, y.hi, y.lo);
}

/** The 4 band values (16 bits each, most significant first) — stored in opinion_item_bands. */
export function bandsOf(h: bigint): number[] {
  const { hi, lo } = split64(h);
  return [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
}

/** PostgreSQL bigint is signed: the unsigned SimHash as stored, and back. */
export const toSigned64 = (h: bigint): bigint => BigInt.asIntN(64, h);
export const fromSigned64 = (h: bigint): bigint => BigInt.asUintN(64, h);

// --- banded index ----------------------------------------------------------------------------------

// A generation keeps its entries in typed arrays, chained per band value: heads[band * 65536 + value]
// is the newest entry with that value (−1: none), next[entry * 4 + band] the one before it. No Map of
// 65,536 keys per band and no array per value: lookups stay in a few cache lines and adding allocates
// nothing until the arrays double.
type Generation<T> = { ids: T[]; his: Uint32Array; los: Uint32Array; heads: Int32Array; next: Int32Array };
const BAND_VALUES = 1 << BAND_BITS;
const newGeneration = <T>(): Generation<T> => ({
  ids: [], his: new Uint32Array(1024), los: new Uint32Array(1024), heads: new Int32Array(BANDS * BAND_VALUES).fill(-1), next: new Int32Array(1024 * BANDS),
});
function grow<A extends Uint32Array | Int32Array>(a: A, length: number): A {
  const b = new (a.constructor as new (n: number) => A)(length);
  b.set(a);
  return b;
}

export type NearMatch<T> = { id: T; distance: number };

/**
 * In-memory banded SimHash index. With `capacity`, memory is bounded: entries live in two
 * generations of capacity/2; when the newer fills, the older is dropped — the most recent
 * capacity/2 entries at least are always found (a time window, as the database layer keeps one).
 */
export class BandedIndex<T = string> {
  private current: Generation<T> = newGeneration();
  private previous: Generation<T> | undefined;
  private readonly half: number;

  constructor(opts: { capacity?: number } = {}) {
    this.half = opts.capacity ? Math.max(1, Math.floor(opts.capacity / 2)) : Infinity;
  }

  get size(): number {
    return this.current.ids.length + (this.previous?.ids.length ?? 0);
  }

  add(id: T, h: bigint): void {
    const { hi, lo } = split64(h);
    this.addHalves(id, hi, lo);
  }

  addHalves(id: T, hi: number, lo: number): void {
    if (this.current.ids.length >= this.half) {
      this.previous = this.current;
      this.current = newGeneration();
    }
    const g = this.current;
    const slot = g.ids.length;
    if (slot === g.his.length) {
      g.his = grow(g.his, slot * 2);
      g.los = grow(g.los, slot * 2);
      g.next = grow(g.next, slot * 2 * BANDS);
    }
    g.ids.push(id);
    g.his[slot] = hi >>> 0;
    g.los[slot] = lo >>> 0;
    const keys = [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
    for (let b = 0; b < BANDS; b++) {
      const head = b * BAND_VALUES + keys[b]!;
      g.next[slot * BANDS + b] = g.heads[head]!;
      g.heads[head] = slot;
    }
  }

  /** Entries within `maxDistance` (at most NEAR_DISTANCE, which the bands guarantee), nearest first, then oldest first. */
  query(h: bigint, maxDistance = NEAR_DISTANCE): NearMatch<T>[] {
    const { hi, lo } = split64(h);
    return this.queryHalves(hi, lo, maxDistance);
  }

  queryHalves(hi: number, lo: number, maxDistance = NEAR_DISTANCE): NearMatch<T>[] {
    const limit = Math.min(maxDistance, NEAR_DISTANCE);
    const out: (NearMatch<T> & { order: number })[] = [];
    const k0 = hi >>> 16;
    const k1 = hi & 0xffff;
    const k2 = lo >>> 16;
    const k3 = lo & 0xffff;
    let base = 0;
    for (let gi = this.previous ? 0 : 1; gi < 2; gi++) {
      const g = gi === 0 ? this.previous! : this.current;
      for (let b = 0; b < BANDS; b++) {
        const key = b === 0 ? k0 : b === 1 ? k1 : b === 2 ? k2 : k3;
        for (let slot = g.heads[b * BAND_VALUES + key]!; slot >= 0; slot = g.next[slot * BANDS + b]!) {
          const h = g.his[slot]!;
          const l = g.los[slot]!;
          const d = hammingHalves(hi, lo, h, l);
          if (d > limit) continue;
          // Found through an earlier band already: the entry agrees with the query on that band too.
          if ((b > 0 && h >>> 16 === k0) || (b > 1 && (h & 0xffff) === k1) || (b > 2 && l >>> 16 === k2)) continue;
          out.push({ id: g.ids[slot]!, distance: d, order: base + slot });
        }
      }
      base += g.ids.length;
    }
    if (out.length > 1) out.sort((x, y) => x.distance - y.distance || x.order - y.order);
    return out.map(({ id, distance }) => ({ id, distance }));
  }

  /** The nearest entry within the threshold (the oldest among equals: the original), if any. */
  nearest(h: bigint, maxDistance = NEAR_DISTANCE): NearMatch<T> | undefined {
    return this.query(h, maxDistance)[0];
  }
}
