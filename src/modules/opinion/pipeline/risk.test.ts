import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_MODEL, growthPerHour, mergeHits, scoreRisk, type RiskInput, type RiskModel } from './risk.ts';
import type { RiskGrade } from './types.ts';

const none = { terms: [], weight: 0 };
const base: RiskInput = { items: 1, reposts: 0, growthPerHour: 0, sourceWeights: [1], negative: none, sensitive: none, category: null };

test('scoreRisk: grades from quiet to explosive incidents', () => {
  const cases: [string, Partial<RiskInput>, RiskGrade, [number, number]][] = [
    ['one ordinary post', {}, 'general', [0, 20]],
    ['a complaint spreading a little', { items: 12, reposts: 30, growthPerHour: 6, negative: { terms: [{ term: '推诿', weight: 1 }, { term: '不作为', weight: 1 }], weight: 2 }, category: 'public_interest' }, 'large', [40, 64]],
    ['a flood with casualties, fast', {
      items: 120, reposts: 600, growthPerHour: 80, sourceWeights: [1, 2.5],
      negative: { terms: [{ term: '愤怒', weight: 1 }, { term: '瞒报', weight: 2 }, { term: '不作为', weight: 1 }], weight: 4 },
      sensitive: { terms: [{ term: '遇难', weight: 2 }, { term: '被困', weight: 1 }], weight: 3 }, category: 'emergency',
    }, 'major', [65, 84]],
    ['everything at its maximum', {
      items: 5000, reposts: 50000, growthPerHour: 2000, sourceWeights: [5],
      negative: { terms: [{ term: '腐败', weight: 20 }], weight: 20 }, sensitive: { terms: [{ term: '群死群伤', weight: 20 }], weight: 20 }, category: 'emergency',
    }, 'extreme', [85, 100]],
  ];
  for (const [name, patch, grade, [lo, hi]] of cases) {
    const r = scoreRisk({ ...base, ...patch });
    assert.equal(r.grade, grade, `${name}: ${r.score}`);
    assert.ok(r.score >= lo && r.score <= hi, `${name}: ${r.score} not in [${lo}, ${hi}]`);
  }
});

test('scoreRisk: the explanation adds up and names the words that fired', () => {
  const r = scoreRisk({
    ...base, items: 10, reposts: 40, growthPerHour: 12, sourceWeights: [1, 3, 2],
    negative: { terms: [{ term: '推诿', weight: 1 }], weight: 1 }, sensitive: { terms: [{ term: '受伤', weight: 1 }], weight: 1 }, category: 'moral',
  });
  assert.deepEqual(r.factors.map((f) => f.factor), ['volume', 'growth', 'source', 'negative', 'sensitive', 'category']);
  assert.equal(r.score, Math.round(r.factors.reduce((a, f) => a + f.contribution, 0)));
  const by = Object.fromEntries(r.factors.map((f) => [f.factor, f]));
  assert.equal(by.volume!.raw, 50);
  assert.equal(by.source!.raw, 3, 'the heaviest source counts');
  assert.deepEqual(by.negative!.terms, ['推诿']);
  assert.deepEqual(by.sensitive!.terms, ['受伤']);
  assert.deepEqual(by.category!.terms, ['moral']);
  assert.equal(by.category!.normalised, 0.8);
  for (const f of r.factors) {
    assert.ok(f.normalised >= 0 && f.normalised <= 1, f.factor);
    assert.ok(f.label.length > 0 && f.rule.length > 0);
    assert.equal(f.contribution, Math.round(f.normalised * f.weight * 1000) / 10, f.factor);
  }
  // At its scale a factor gives 0.8 of its share.
  assert.equal(by.source!.normalised, 0.8);
  assert.deepEqual(r.thresholds.map((t) => t.grade), ['general', 'large', 'major', 'extreme']);
});

test('scoreRisk: deterministic, monotone in each factor, bad numbers count as 0', () => {
  const a = scoreRisk({ ...base, items: 7, growthPerHour: 3 });
  assert.deepEqual(scoreRisk({ ...base, items: 7, growthPerHour: 3 }), a);
  let last = -1;
  for (const items of [0, 1, 5, 20, 100, 1000]) {
    const s = scoreRisk({ ...base, items }).factors[0]!.contribution;
    assert.ok(s >= last, `volume ${items}`);
    last = s;
  }
  const bad = scoreRisk({ ...base, items: Number.NaN, reposts: -5, growthPerHour: Infinity, sourceWeights: [] });
  assert.equal(bad.factors[0]!.raw, 0);
  assert.equal(bad.factors[1]!.raw, 0);
  assert.equal(bad.score, 0);
});

test('scoreRisk: the model is data — weights, thresholds and category weights change the result', () => {
  const model: RiskModel = {
    ...DEFAULT_RISK_MODEL,
    weights: { volume: 0, growth: 0, source: 0, negative: 0, sensitive: 0, category: 2 },
    grades: [{ grade: 'general', min: 0 }, { grade: 'major', min: 50 }],
  };
  const r = scoreRisk({ ...base, category: 'emergency' }, model);
  assert.equal(r.score, 100);
  assert.equal(r.grade, 'major');
  assert.equal(r.factors.find((f) => f.factor === 'category')!.weight, 1, 'weights are normalised to sum 1');
  assert.equal(scoreRisk({ ...base, category: null }, model).grade, 'general');
});

test('growthPerHour: items in the hour before now (clock passed in)', () => {
  const now = new Date('2026-10-01T08:00:00+08:00');
  const at = (min: number) => new Date(now.getTime() + min * 60_000);
  const times = [at(-90), at(-59), at(-30), at(-1), at(0), at(5)];
  assert.equal(growthPerHour(times, now), 4);
  assert.equal(growthPerHour(times, now, 2), 2.5);
  assert.equal(growthPerHour([], now), 0);
});

test('mergeHits: each word once over an incident, weights of distinct words summed', () => {
  const m = mergeHits([
    { terms: [{ term: '推诿', weight: 1 }, { term: '瞒报', weight: 2 }], weight: 3 },
    { terms: [{ term: '推诿', weight: 1 }], weight: 1 },
  ]);
  assert.deepEqual(m, { terms: [{ term: '推诿', weight: 1 }, { term: '瞒报', weight: 2 }], weight: 3 });
});
