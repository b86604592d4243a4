// Stage 5: which of the five kinds of opinion that must be answered an item belongs to (seed 004 §二;
// 国办发〔2016〕61号): 重大政策误解误读, 涉及公众切身利益且影响较大, 严重冲击社会道德底线,
// 突发事件处置和自然灾害应对, 上级要求回应 — or none. Rules over an editable lexicon: each category's
// words found in the text (each word counted once, so repetition cannot inflate a score) add their
// weights; the best category whose sum reaches its threshold is suggested, with the words that did it.
import type { CategoryRule, CategoryScore, Classification, LexiconHits, LexiconTerm, OpinionCategory } from './types.ts';
import { OPINION_CATEGORIES } from './types.ts';
import { PhraseMatcher } from './match.ts';

type RuleValue = { category: OpinionCategory; weight: number };

/** Category rules compiled once (one scan of the text finds the words of every category). */
export type CategoryClassifier = {
  readonly matcher: PhraseMatcher<RuleValue>;
  readonly thresholds: ReadonlyMap<OpinionCategory, number>;
  /** Rule order: breaks ties between equal scores. */
  readonly order: readonly OpinionCategory[];
};

export function buildClassifier(rules: readonly CategoryRule[]): CategoryClassifier {
  const entries: [string, RuleValue][] = [];
  const thresholds = new Map<OpinionCategory, number>();
  const order: OpinionCategory[] = [];
  for (const r of rules) {
    if (!OPINION_CATEGORIES.includes(r.category)) continue;
    thresholds.set(r.category, r.threshold);
    if (!order.includes(r.category)) order.push(r.category);
    for (const t of r.terms) if (t.weight > 0) entries.push([t.term, { category: r.category, weight: t.weight }]);
  }
  return { matcher: new PhraseMatcher(entries), thresholds, order };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The category of normalised `text`. `assignedByHigher` (a task a higher government sent) is
 * 上级要求回应 whatever the words; the scores are still given so a monitor sees the rest.
 */
export function classify(text: string, c: CategoryClassifier, opts: { assignedByHigher?: boolean } = {}): Classification {
  const sums = new Map<OpinionCategory, { score: number; terms: string[] }>();
  // Overlapping words count (暴雨 and 强降雨 both point to an emergency), each distinct word once per category.
  for (const hit of c.matcher.distinct(text, 'all')) {
    for (const v of hit.values) {
      let s = sums.get(v.category);
      if (!s) sums.set(v.category, (s = { score: 0, terms: [] }));
      if (s.terms.includes(hit.phrase)) continue;
      s.score += v.weight;
      s.terms.push(hit.phrase);
    }
  }
  const scores: CategoryScore[] = c.order
    .filter((cat) => sums.has(cat))
    .map((cat) => ({ category: cat, score: round2(sums.get(cat)!.score), terms: sums.get(cat)!.terms }));
  // Best first; equal scores keep the rule order (Array.prototype.sort is stable).
  scores.sort((a, b) => b.score - a.score);
  if (opts.assignedByHigher) {
    const own = scores.find((s) => s.category === 'higher_request');
    return { category: 'higher_request', terms: own?.terms ?? [], reason: 'assigned_by_higher', scores };
  }
  const best = scores.find((s) => s.score >= (c.thresholds.get(s.category) ?? Infinity));
  return best ? { category: best.category, terms: best.terms, scores } : { category: null, terms: [], scores };
}

/** A negative or sensitive lexicon compiled once. */
export type LexiconMatcher = PhraseMatcher<number>;
export const buildLexicon = (terms: readonly LexiconTerm[]): LexiconMatcher =>
  new PhraseMatcher(terms.filter((t) => t.weight > 0).map((t) => [t.term, t.weight] as const));

/** Words of a lexicon found in normalised `text`, each once, and their summed weight (one weight per word). */
export function lexiconHits(text: string, m: LexiconMatcher): LexiconHits {
  const terms: LexiconTerm[] = [];
  let weight = 0;
  for (const hit of m.distinct(text, 'all')) {
    const w = Math.max(...hit.values);
    terms.push({ term: hit.phrase, weight: w });
    weight += w;
  }
  return { terms, weight: round2(weight) };
}
