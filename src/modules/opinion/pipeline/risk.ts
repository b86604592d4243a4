// Stage 6: the risk score of an incident (0–100) and the grade it suggests (一般 / 较大 / 重大 /
// 特别重大). Six factors, each mapped to 0–1 by a saturating rule and weighted; the weights, scales,
// category weights and grade thresholds are data (RiskModel), and the result lists every factor with
// its raw value, rule, weight, points and the words that fired, so a monitor can see how the score
// was made and correct it. Deterministic: the same input and model give the same explanation.
import type { LexiconHits, OpinionCategory, RiskExplanation, RiskFactor, RiskFactorName, RiskGrade } from './types.ts';

export type RiskModel = {
  /** Share of the 100 points per factor (normalised to sum 1 when they do not). */
  weights: Record<RiskFactorName, number>;
  /** The raw value at which a factor reaches 0.8 of its share (volume and growth are log-scaled). */
  scales: { volume: number; growth: number; source: number; negative: number; sensitive: number };
  /** Weight of each category (0–1); `none` for an incident in none of the five. */
  categoryWeights: Record<OpinionCategory | 'none', number>;
  /** Lowest score of each grade; the highest threshold reached wins. */
  grades: { grade: RiskGrade; min: number }[];
};

export const DEFAULT_RISK_MODEL: RiskModel = {
  weights: { volume: 0.25, growth: 0.2, source: 0.1, negative: 0.15, sensitive: 0.15, category: 0.15 },
  scales: { volume: 200, growth: 30, source: 3, negative: 6, sensitive: 4 },
  categoryWeights: { emergency: 1, moral: 0.8, higher_request: 0.8, policy_misread: 0.6, public_interest: 0.6, none: 0 },
  grades: [
    { grade: 'general', min: 0 },
    { grade: 'large', min: 40 },
    { grade: 'major', min: 65 },
    { grade: 'extreme', min: 85 },
  ],
};

export type RiskInput = {
  /** Original items of the incident. */
  items: number;
  /** Reposts and near copies collapsed into them. */
  reposts: number;
  /** Items and reposts per hour over the last hour (growthPerHour computes it). */
  growthPerHour: number;
  /** Weights of the sources the items came from (1 = ordinary; a large platform or an official outlet more). */
  sourceWeights: readonly number[];
  negative: LexiconHits;
  sensitive: LexiconHits;
  category: OpinionCategory | null;
};

const LABELS: Record<RiskFactorName, string> = {
  volume: '传播量（信息数 + 转发数）',
  growth: '增长速度（每小时新增）',
  source: '来源权重（最高）',
  negative: '负面词',
  sensitive: '敏感词',
  category: '应回应类别',
};

// 1 − e^(−k·x) with k chosen so that x = scale gives 0.8: a smooth rise that never exceeds 1.
const K80 = -Math.log(0.2);
const saturate = (x: number, scale: number) => (x <= 0 || scale <= 0 ? 0 : 1 - Math.exp((-K80 * x) / scale));
const logSaturate = (x: number, scale: number) => saturate(Math.log1p(Math.max(0, x)), Math.log1p(scale));
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const finite = (x: number) => (Number.isFinite(x) && x > 0 ? x : 0);

/** Items (and reposts) per hour in the hour before `now`; times after `now` are not counted. */
export function growthPerHour(times: readonly Date[], now: Date, windowHours = 1): number {
  const to = now.getTime();
  const from = to - windowHours * 3_600_000;
  let n = 0;
  for (const t of times) {
    const ms = t.getTime();
    if (ms > from && ms <= to) n++;
  }
  return windowHours > 0 ? n / windowHours : 0;
}

/** The score, grade and the explanation of both. */
export function scoreRisk(input: RiskInput, model: RiskModel = DEFAULT_RISK_MODEL): RiskExplanation {
  const totalWeight = Object.values(model.weights).reduce((a, b) => a + Math.max(0, b), 0) || 1;
  const share = (f: RiskFactorName) => Math.max(0, model.weights[f]) / totalWeight;
  const s = model.scales;
  const volume = finite(input.items) + finite(input.reposts);
  const growth = finite(input.growthPerHour);
  const source = input.sourceWeights.reduce((m, x) => Math.max(m, finite(x)), 0);
  const catKey = input.category ?? 'none';
  const catWeight = Math.min(1, Math.max(0, model.categoryWeights[catKey] ?? 0));

  const rows: [RiskFactorName, number, number, string, string[]][] = [
    ['volume', volume, logSaturate(volume, s.volume), `对数增长，${s.volume} 条时达到 0.8`, []],
    ['growth', growth, logSaturate(growth, s.growth), `对数增长，每小时 ${s.growth} 条时达到 0.8`, []],
    ['source', source, saturate(source, s.source), `权重 ${s.source} 时达到 0.8`, []],
    ['negative', input.negative.weight, saturate(input.negative.weight, s.negative), `词权重合计 ${s.negative} 时达到 0.8`, input.negative.terms.map((t) => t.term)],
    ['sensitive', input.sensitive.weight, saturate(input.sensitive.weight, s.sensitive), `词权重合计 ${s.sensitive} 时达到 0.8`, input.sensitive.terms.map((t) => t.term)],
    ['category', catWeight, catWeight, '按类别权重', input.category ? [input.category] : []],
  ];
  const factors: RiskFactor[] = rows.map(([factor, raw, normalised, rule, terms]) => ({
    factor,
    label: LABELS[factor],
    raw: r3(raw),
    normalised: r3(normalised),
    weight: r3(share(factor)),
    contribution: r1(normalised * share(factor) * 100),
    rule,
    terms: [...terms],
  }));
  // The score is the sum of the points shown, so the explanation adds up.
  const score = Math.max(0, Math.min(100, Math.round(factors.reduce((a, f) => a + f.contribution, 0))));
  const thresholds = [...model.grades].sort((a, b) => a.min - b.min);
  let grade: RiskGrade = thresholds[0]?.grade ?? 'general';
  for (const t of thresholds) if (score >= t.min) grade = t.grade;
  return { score, grade, factors, thresholds };
}

/**
 * Lexicon hits of an incident's items merged: each word once (a word repeated by every repost is
 * one signal, volume counts the reposts), weights of the distinct words summed.
 */
export function mergeHits(hits: readonly LexiconHits[]): LexiconHits {
  const byTerm = new Map<string, number>();
  for (const h of hits) for (const t of h.terms) byTerm.set(t.term, Math.max(byTerm.get(t.term) ?? 0, t.weight));
  const terms = [...byTerm].map(([term, weight]) => ({ term, weight }));
  return { terms, weight: Math.round(terms.reduce((a, t) => a + t.weight, 0) * 100) / 100 };
}
