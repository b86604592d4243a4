import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMentionMatcher, extractKeywords, findMentions, isKeywordTerm, mentionedOrgIds, termWeights } from './keywords.ts';
import { PhraseMatcher } from './match.ts';
import { normalise } from './normalise.ts';
import { contentTerms, defaultIdfTable, tokenise, type IdfTable } from './tokens.ts';
import { DEFAULT_STOP_WORDS } from './lexicons.ts';
import type { OrgEntry, PlaceEntry } from './types.ts';
import { FLOOD_A, FLOOD_A_TRADITIONAL, SCHOOL_A, WAGE_A } from './samples.fixtures.ts';

const stop = new Set(DEFAULT_STOP_WORDS.map((w) => normalise(w)));
const terms = (text: string) => contentTerms(tokenise(normalise(text)), stop);

test('termWeights: tf × idf, the median idf for unknown words', () => {
  const idf: IdfTable = { get: (t) => ({ 暴雨: 8, 积水: 6 } as Record<string, number>)[t], median: 5 };
  const w = termWeights(['暴雨', '积水', '暴雨', '新词'], idf);
  assert.deepEqual([...w], [['暴雨', 16], ['积水', 6], ['新词', 5]]);
});

test('contentTerms: punctuation, numbers and stop words out, repeats kept', () => {
  assert.deepEqual(contentTerms(['莲塘', '，', '的', '2026', '10.5', '暴雨', '暴雨', 'abc', ' '], stop), ['莲塘', '暴雨', '暴雨', 'abc']);
});

test('extractKeywords: the heaviest terms of two or more characters, no digits, ties in text order', () => {
  const w = new Map([['莲塘', 10], ['镇', 50], ['2026年', 40], ['积水', 10], ['排水管道', 12]]);
  assert.deepEqual(extractKeywords(w, 3), [
    { term: '排水管道', weight: 12 },
    { term: '莲塘', weight: 10 },
    { term: '积水', weight: 10 },
  ]);
  assert.deepEqual(extractKeywords(w, 0), []);
  assert.equal(isKeywordTerm('二十多个'), true);
  assert.equal(isKeywordTerm('20个'), false);
});

test('extractKeywords on real posts: topic words first, a Traditional copy gives the same words', () => {
  const idf = defaultIdfTable();
  const kw = (t: string) => extractKeywords(termWeights(terms(t), idf), 8).map((k) => k.term);
  const flood = kw(FLOOD_A);
  for (const w of ['莲塘', '澄碧', '排水管道', '年久失修']) assert.ok(flood.includes(w), `${w} in ${flood.join(',')}`);
  assert.deepEqual(kw(FLOOD_A_TRADITIONAL), flood);
  const school = kw(SCHOOL_A);
  for (const w of ['房产证', '入学', '教育局']) assert.ok(school.includes(w), `${w} in ${school.join(',')}`);
  const wage = kw(WAGE_A);
  for (const w of ['农民工', '拖欠', '包工头']) assert.ok(wage.includes(w), `${w} in ${wage.join(',')}`);
  // Stop words never appear.
  for (const w of [...flood, ...school, ...wage]) assert.ok(!stop.has(w), w);
});

const ORGS: OrgEntry[] = [
  { id: 1, name: '南昌县人民政府', shortName: '县政府', aliases: ['南昌县政府'] },
  { id: 2, name: '南昌县教育体育局', shortName: '县教体局', aliases: ['教育局', '县教育局'] },
  { id: 3, name: '莲塘镇人民政府', shortName: '莲塘镇政府' },
  { id: 4, name: '南昌县应急管理局', shortName: '县应急局', aliases: ['应急管理局'] },
  { id: 5, name: '南昌县市场监督管理局', shortName: '县市场监管局', aliases: ['市场监管局'] },
];
const PLACES: PlaceEntry[] = [
  { name: '莲塘镇', kind: '乡镇', orgId: 3, aliases: ['莲塘'] },
  { name: '向塘镇', kind: '乡镇', orgId: null },
  { name: '澄碧湖', kind: '地标' },
  { name: '澄碧湖路', kind: '地标' },
  { name: '新农村', kind: '村', orgId: 3 },
  { name: '新农村', kind: '村', orgId: 9 },
  { name: '八一社区', kind: '社区', orgId: 3 },
];

test('findMentions: longest match first, each entry once, in order of first mention', () => {
  const m = buildMentionMatcher(ORGS, PLACES);
  const cases: [string, string[], string[]][] = [
    // 莲塘镇人民政府 is the organisation, not also the place 莲塘镇; 澄碧湖路 is not also 澄碧湖.
    ['莲塘镇人民政府回应澄碧湖路积水', ['莲塘镇人民政府'], ['澄碧湖路']],
    ['莲塘镇澄碧湖边积水', [], ['莲塘镇', '澄碧湖']],
    ['莲塘又淹了，莲塘镇政府在哪', ['莲塘镇人民政府'], ['莲塘镇']],
    ['希望教育局和县政府出来解释', ['南昌县教育体育局', '南昌县人民政府'], []],
    // A name two villages share gives both.
    ['新农村停水', [], ['新农村', '新农村']],
    // Traditional and full-width text matches (the text is normalised first).
    ['蓮塘鎮人民政府　回應', ['莲塘镇人民政府'], []],
    ['与本县无关的内容', [], []],
  ];
  for (const [text, orgs, places] of cases) {
    const r = findMentions(normalise(text), m);
    assert.deepEqual(r.orgs.map((o) => o.name), orgs, text);
    assert.deepEqual(r.places.map((p) => p.name), places, text);
  }
  const r = findMentions(normalise('新农村停水，莲塘镇政府和县应急局到场'), m);
  assert.deepEqual(r.places.map((p) => p.orgId), [3, 9]);
  assert.deepEqual(r.orgs.map((o) => o.matched), ['莲塘镇政府', '县应急局']);
  // Named organisations first, then the organisations of the places (属地).
  assert.deepEqual(mentionedOrgIds(r), [3, 4, 9]);
});

test('findMentions: entries written in Traditional characters match Simplified text', () => {
  const m = buildMentionMatcher([{ id: 7, name: '南昌縣信訪局' }], [{ name: '塔城鄉', kind: '乡镇' }]);
  const r = findMentions(normalise('塔城乡有人去县信访局，南昌县信访局未回复'), m);
  assert.deepEqual(r.orgs.map((o) => o.orgId), [7]);
  assert.deepEqual(r.places.map((p) => p.name), ['塔城鄉']);
});

test('PhraseMatcher: all occurrences with overlaps, or longest non-overlapping', () => {
  const m = new PhraseMatcher([['暴雨', 1], ['暴雨灾害', 2], ['灾害', 3], ['雨', 4]] as const);
  assert.deepEqual(m.scan('暴雨灾害', 'all').map((h) => h.phrase), ['暴雨灾害', '暴雨', '雨', '灾害']);
  assert.deepEqual(m.scan('暴雨灾害', 'longest').map((h) => h.phrase), ['暴雨灾害']);
  assert.deepEqual(m.distinct('暴雨，暴雨').map((h) => h.phrase), ['暴雨', '雨']);
  assert.equal(new PhraseMatcher([['', 1], ['  ', 2]] as const).size, 0);
  assert.deepEqual(new PhraseMatcher<number>([]).scan('任何', 'all'), []);
});
