// Monitoring plans and routing as table tests (pure: normalised words against normalised text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise } from './pipeline/index.ts';
import { compilePlans, compileRoutes, keptBy, planKeeps, routeOf, type PlanRule } from './plans.ts';

const plan = (p: Partial<PlanRule>): PlanRule => ({ id: 1, name: '方案', includeGroups: [], excludeWords: [], mediaTypes: [], orgIds: [], notifyUserIds: [], ...p });
const text = normalise('莲塘镇澄碧湖路今天下午突降暴雨，积水超过半米。');

test('a plan keeps an item holding every word of one group, no excluded word, of its media types and organisations', () => {
  const rows: [string, Partial<PlanRule>, string, number[], boolean][] = [
    ['no rules keep everything', {}, 'weibo', [], true],
    ['all words of a group', { includeGroups: [['暴雨', '积水']] }, 'weibo', [], true],
    ['one word missing', { includeGroups: [['暴雨', '停电']] }, 'weibo', [], false],
    ['any group suffices', { includeGroups: [['停电'], ['积水']] }, 'weibo', [], true],
    ['Traditional word in the plan', { includeGroups: [['積水']] }, 'weibo', [], true],
    ['excluded word', { includeGroups: [['暴雨']], excludeWords: ['半米'] }, 'weibo', [], false],
    ['other media type', { mediaTypes: ['news'] }, 'weibo', [], false],
    ['its media type', { mediaTypes: ['news', 'weibo'] }, 'weibo', [], true],
    ['organisation not named', { orgIds: [7] }, 'weibo', [3], false],
    ['organisation named', { orgIds: [7] }, 'weibo', [3, 7], true],
  ];
  for (const [name, p, mediaType, orgIds, kept] of rows) assert.equal(planKeeps(compilePlans([plan(p)])[0]!, { text, mediaType, orgIds }), kept, name);
});

test('with no active plan every item is kept; otherwise only what some plan keeps, with those plans named', () => {
  assert.deepEqual(keptBy([], { text, mediaType: 'weibo', orgIds: [] }), { kept: true, planIds: [] });
  const plans = compilePlans([plan({ id: 1, includeGroups: [['暴雨']] }), plan({ id: 2, includeGroups: [['停电']] }), plan({ id: 3 })]);
  assert.deepEqual(keptBy(plans, { text, mediaType: 'weibo', orgIds: [] }), { kept: true, planIds: [1, 3] });
  assert.deepEqual(keptBy(plans.slice(1, 2), { text, mediaType: 'weibo', orgIds: [] }), { kept: false, planIds: [] });
});

test('routing: the highest-priority rule (longer term first at equal priority), else the organisation owning the source, else the first organisation named', () => {
  const rules = compileRoutes([
    { term: '暴雨', orgId: 10, priority: 0, vertical: false },
    { term: '澄碧湖路', orgId: 11, priority: 0, vertical: false },
    { term: '积水', orgId: 12, priority: 5, vertical: true },
  ]);
  assert.deepEqual(routeOf(text, [99], rules), { orgId: 12, vertical: true, term: '积水' });
  assert.deepEqual(routeOf(text, [99], rules.filter((r) => r.orgId !== 12)), { orgId: 11, vertical: false, term: '澄碧湖路' });
  assert.deepEqual(routeOf(normalise('别的事情'), [99, 98], rules), { orgId: 99, vertical: false, term: null });
  assert.equal(routeOf(normalise('别的事情'), [], rules), null);
  // The source's organisation: after the rules, before the organisations the text names.
  assert.deepEqual(routeOf(text, [99], rules, 55), { orgId: 12, vertical: true, term: '积水' });
  assert.deepEqual(routeOf(normalise('别的事情'), [99, 98], rules, 55), { orgId: 55, vertical: false, term: null });
  assert.deepEqual(routeOf(normalise('别的事情'), [], rules, 55), { orgId: 55, vertical: false, term: null });
  assert.equal(routeOf(normalise('别的事情'), [], rules, null), null);
});
