import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClassifier, buildLexicon, classify, lexiconHits } from './classify.ts';
import { normalise } from './normalise.ts';
import { DEFAULT_CATEGORY_RULES, DEFAULT_NEGATIVE, DEFAULT_SENSITIVE } from './lexicons.ts';
import type { CategoryRule, OpinionCategory } from './types.ts';
import { FLOOD_C, FOOD_A, SCHOOL_A, SCHOOL_B, WAGE_A } from './samples.fixtures.ts';

const defaults = buildClassifier(DEFAULT_CATEGORY_RULES);
const cat = (text: string, opts = {}) => classify(normalise(text), defaults, opts);

test('classify with the default lexicon: one post per category, and posts in none', () => {
  const cases: [string, OpinionCategory | null][] = [
    ['网传我县明年起全面禁止电动车上路，是真的吗？希望官方出来澄清一下，很多人都误解了。', 'policy_misread'],
    [SCHOOL_A, 'policy_misread'],
    [SCHOOL_B, 'public_interest'],
    [WAGE_A, 'public_interest'],
    ['小区物业擅自涨价，停车收费翻倍，业主多次投诉没人管。', 'public_interest'],
    ['某小学老师长期虐童，家长发现孩子身上多处伤痕，学校竟然想压下去，令人发指。', 'moral'],
    [FOOD_A, 'moral'],
    [FLOOD_C, 'emergency'],
    ['化工园区突发爆炸，现场浓烟滚滚，已有人员伤亡，消防正在救援。', 'emergency'],
    ['省政府交办：群众反映的道路塌陷问题，请县政府限期答复并请予回应。', 'higher_request'],
    ['今天天气不错，带孩子去公园玩了一下午。', null],
    ['县图书馆周末开放时间调整为九点到五点。', null],
  ];
  for (const [text, expected] of cases) {
    const r = cat(text);
    assert.equal(r.category, expected, `${text} → ${JSON.stringify(r.scores)}`);
    if (expected) assert.ok(r.terms.length > 0, 'the matched words are given');
    else assert.deepEqual(r.terms, []);
  }
});

test('classify: each word counts once, thresholds decide, ties keep the rule order', () => {
  const rules: CategoryRule[] = [
    { category: 'emergency', threshold: 2, terms: [{ term: '暴雨', weight: 1 }, { term: '内涝', weight: 1 }] },
    { category: 'public_interest', threshold: 2, terms: [{ term: '积水', weight: 1 }, { term: '排水', weight: 1 }, { term: '内涝', weight: 1 }] },
    { category: 'moral', threshold: 1, terms: [{ term: '不用', weight: 0 }] },
  ];
  const c = buildClassifier(rules);
  // Repetition does not add up: 暴雨 ×3 is still 1 < 2.
  assert.equal(classify('暴雨暴雨暴雨', c).category, null);
  assert.deepEqual(classify('暴雨暴雨暴雨', c).scores, [{ category: 'emergency', score: 1, terms: ['暴雨'] }]);
  assert.equal(classify('暴雨内涝', c).category, 'emergency');
  // 2 = 2: rule order (emergency first).
  const tie = classify('暴雨内涝积水', c);
  assert.equal(tie.category, 'emergency');
  assert.deepEqual(tie.scores.map((s) => [s.category, s.score]), [['emergency', 2], ['public_interest', 2]]);
  // Below its threshold the higher-scoring category is not suggested, the next one that reaches its own is.
  assert.equal(classify('内涝积水', c).category, 'public_interest');
  assert.equal(classify('积水排水内涝', c).category, 'public_interest');
  // A zero-weight word never matches.
  assert.deepEqual(classify('不用', c).scores, []);
});

test('classify: a task from a higher government is 上级要求回应 whatever its words', () => {
  const r = cat('化工园区突发爆炸，已有人员伤亡', { assignedByHigher: true });
  assert.equal(r.category, 'higher_request');
  assert.equal(r.reason, 'assigned_by_higher');
  assert.equal(r.scores[0]?.category, 'emergency', 'the other scores are still shown');
});

test('classify: lexicon words written in Traditional characters match', () => {
  const c = buildClassifier([{ category: 'emergency', threshold: 1, terms: [{ term: '颱風', weight: 1 }] }]);
  assert.equal(classify(normalise('台风来了'), c).category, 'emergency');
});

test('lexiconHits: distinct words with their weights, summed', () => {
  const neg = buildLexicon(DEFAULT_NEGATIVE);
  const sens = buildLexicon(DEFAULT_SENSITIVE);
  const text = normalise('物业推诿，推诿，再推诿！业主愤怒，已有人拉横幅静坐，还有人受伤。');
  assert.deepEqual(lexiconHits(text, neg), { terms: [{ term: '推诿', weight: 1 }, { term: '愤怒', weight: 1 }], weight: 2 });
  const s = lexiconHits(text, sens);
  assert.deepEqual(s.terms.map((t) => t.term), ['拉横幅', '静坐', '受伤']);
  assert.equal(s.weight, 5);
  assert.deepEqual(lexiconHits('风和日丽', neg), { terms: [], weight: 0 });
});
