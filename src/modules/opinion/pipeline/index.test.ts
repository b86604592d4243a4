import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseItem, compilePipeline, hamming, toGroupItem, toSigned64, fromSigned64, bandsOf, DEFAULT_LEXICONS, type PipelineDeps } from './index.ts';
import * as S from './samples.fixtures.ts';

const deps: PipelineDeps = {
  lexicons: DEFAULT_LEXICONS,
  orgs: [{ id: 4, name: '南昌县应急管理局', shortName: '县应急局', aliases: ['应急管理局'] }, { id: 2, name: '南昌县教育体育局', aliases: ['教育局'] }],
  gazetteer: [{ name: '莲塘镇', kind: '乡镇', orgId: 3, aliases: ['莲塘'] }, { name: '澄碧湖路', kind: '地标' }],
};
const at = new Date('2026-07-01T14:00:00+08:00');

test('analyseItem: every stage on one post', () => {
  const a = analyseItem({ title: '', text: S.FLOOD_A, publishedAt: at }, deps);
  assert.ok(a.text.startsWith('莲塘镇澄碧湖路今天下午突降暴雨'));
  assert.match(a.exactKey, /^[0-9a-f]{64}$/);
  assert.deepEqual(a.bands, bandsOf(a.simhash));
  assert.ok(a.nearEligible && a.features >= 5);
  assert.ok(a.keywords.length > 0 && a.keywords.length <= 8);
  assert.ok(a.terms.includes('排水管道'));
  assert.deepEqual(a.places.map((p) => [p.name, p.orgId]), [['莲塘镇', 3], ['澄碧湖路', null]]);
  assert.deepEqual(a.orgs, []);
  assert.ok(a.classification.scores.length > 0);
  assert.equal(fromSigned64(toSigned64(a.simhash)), a.simhash);
});

test('analyseItem: a repost, a Traditional copy and an edited copy agree with the original', () => {
  const of = (text: string, extra = {}) => analyseItem({ text, publishedAt: at, ...extra }, deps);
  const a = of(S.FLOOD_A);
  const trad = of(S.FLOOD_A_TRADITIONAL);
  assert.equal(trad.exactKey, a.exactKey);
  assert.deepEqual(trad.keywords, a.keywords);
  assert.ok(hamming(of(S.FLOOD_A_REPOST).simhash, a.simhash) <= 3);
  assert.ok(hamming(of(S.FLOOD_A_LIGHT_EDIT).simhash, a.simhash) <= 3);
  // HTML from a feed analyses like the plain text.
  const html = of(`<p>${S.FLOOD_A.slice(0, 40)}</p><p>${S.FLOOD_A.slice(40)}</p>`, { html: true });
  assert.equal(html.exactKey, a.exactKey);
});

test('analyseItem: categories, lexicon hits and organisations', () => {
  const c = analyseItem({ text: S.FLOOD_C, publishedAt: at }, deps);
  assert.equal(c.classification.category, 'emergency');
  assert.deepEqual(c.orgs.map((o) => o.orgId), [4]);
  assert.ok(c.sensitive.terms.some((t) => t.term === '伤亡'));
  const higher = analyseItem({ title: '市政府交办件', text: S.SCHOOL_A, publishedAt: at, assignedByHigher: true }, deps);
  assert.equal(higher.classification.category, 'higher_request');
  assert.deepEqual(higher.orgs.map((o) => o.orgId), [2]);
  const neg = analyseItem({ text: '反映多次都没人管，相关部门互相推诿，太过分了', publishedAt: at }, deps);
  assert.deepEqual(neg.negative.terms.map((t) => t.term), ['反映多次', '没人管', '推诿', '太过分']);
});

test('analyseItem: short or empty text is analysed without near-duplicate eligibility', () => {
  const short = analyseItem({ text: '顶！支持', publishedAt: at }, deps);
  assert.equal(short.nearEligible, false);
  const empty = analyseItem({ text: '😀😀 http://t.cn/x', publishedAt: at }, deps);
  assert.equal(empty.text, '');
  assert.equal(empty.simhash, 0n);
  assert.deepEqual(empty.keywords, []);
  assert.equal(empty.classification.category, null);
});

test('analyseItem: compiled deps give the same result; edited lexicons take effect', () => {
  const compiled = compilePipeline(deps);
  const x = analyseItem({ text: S.WAGE_A, publishedAt: at }, deps);
  assert.deepEqual(analyseItem({ text: S.WAGE_A, publishedAt: at }, compiled), x);
  const edited: PipelineDeps = { ...deps, lexicons: { ...DEFAULT_LEXICONS, negative: [{ term: '关机', weight: 2 }], stop: [...DEFAULT_LEXICONS.stop, '农民工'] } };
  const y = analyseItem({ text: S.WAGE_A, publishedAt: at }, edited);
  assert.deepEqual(y.negative, { terms: [{ term: '关机', weight: 2 }], weight: 2 });
  assert.ok(!y.keywords.some((k) => k.term === '农民工'), 'a new stop word leaves the keywords');
  assert.ok(x.keywords.some((k) => k.term === '农民工'));
});

test('toGroupItem: distinct terms of two or more characters, place names', () => {
  const g = toGroupItem(analyseItem({ text: S.FLOOD_A, publishedAt: at }, deps), at);
  assert.equal(new Set(g.terms).size, g.terms.length);
  assert.ok(g.terms.every((t) => t.length >= 2));
  assert.deepEqual(g.places, ['莲塘镇', '澄碧湖路']);
  assert.equal(g.publishedAt, at);
});
