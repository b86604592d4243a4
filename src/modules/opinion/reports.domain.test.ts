// The pure rules of 舆情日志 / 舆情统计: Beijing day bounds, date and period parsing, timeliness,
// the daily log and the dashboard's tallies, top terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  breachedWithin, buildDailyLog, buildDashboard, datesBetween, dayBounds, mayReadIncident, parseLogDate, parseRange, termWeight, timelinessAt, topTerms,
  type LogDeadlineRow, type LogIncidentRow,
} from './reports.domain.ts';
import type { Principal } from '../auth/policy.ts';

const at = (s: string) => new Date(s);
const NOW = at('2026-10-02T10:00:00+08:00');

test('day bounds are Beijing midnights: 23:30 Beijing (15:30Z) belongs to that day, 00:10 Beijing to the next', () => {
  const b = dayBounds('2026-10-01');
  assert.equal(b.from.toISOString(), '2026-09-30T16:00:00.000Z');
  assert.equal(b.to.toISOString(), '2026-10-01T16:00:00.000Z');
  const late = at('2026-10-01T15:30:00Z');
  assert.ok(late >= b.from && late < b.to);
  const next = at('2026-10-01T16:10:00Z');
  assert.ok(!(next >= b.from && next < b.to));
  assert.deepEqual(datesBetween('2026-09-29', '2026-10-02'), ['2026-09-29', '2026-09-30', '2026-10-01', '2026-10-02']);
});

test('log date: today by default, bad or future dates refused in Chinese', () => {
  const cases: [string | undefined, string | RegExp][] = [
    [undefined, '2026-10-02'], ['', '2026-10-02'], ['2026-10-01', '2026-10-01'],
    ['2026-02-30', /日期应为有效日期/], ['20261001', /日期应为有效日期/], ['2026-10-03', /不能晚于今天（2026年10月2日）/],
  ];
  for (const [raw, want] of cases) {
    const r = parseLogDate(raw, NOW);
    if (typeof want === 'string') assert.deepEqual(r, { ok: true, value: want }, String(raw));
    else { assert.equal(r.ok, false); assert.match(!r.ok ? r.errors.date! : '', want); }
  }
});

test('period: last 30 days by default; order, length and future checked per field', () => {
  assert.deepEqual(parseRange({}, NOW), { ok: true, value: { from: '2026-09-03', to: '2026-10-02' } });
  assert.deepEqual(parseRange({ to: '2026-09-30' }, NOW), { ok: true, value: { from: '2026-09-01', to: '2026-09-30' } });
  const bad: [{ from?: string; to?: string }, string, RegExp][] = [
    [{ from: 'x' }, 'from', /起始日期应为有效日期/],
    [{ to: '2026-13-01' }, 'to', /截止日期应为有效日期/],
    [{ from: '2026-10-02', to: '2026-10-01' }, 'to', /不能早于起始日期/],
    [{ from: '2025-01-01', to: '2026-10-01' }, 'to', /最长 366 天/],
    [{ to: '2026-10-05' }, 'to', /不能晚于今天/],
  ];
  for (const [q, field, re] of bad) {
    const r = parseRange(q, NOW);
    assert.equal(r.ok, false, JSON.stringify(q));
    assert.match(!r.ok ? r.errors[field]! : '', re);
  }
});

test('timeliness: on time, late, overdue (by due date or breach mark), pending', () => {
  const due = at('2026-10-01T12:00:00+08:00');
  const rows: [Date | null, Date | null, Date, string][] = [
    [at('2026-10-01T11:00:00+08:00'), null, NOW, 'on_time'],
    [due, null, NOW, 'on_time'],
    [at('2026-10-01T13:00:00+08:00'), due, NOW, 'late'],
    [null, null, NOW, 'overdue'],
    [null, null, at('2026-10-01T11:59:00+08:00'), 'pending'],
    [at('2026-10-02T12:00:00+08:00'), null, NOW, 'overdue'], // met after `at`: as it stood then
  ];
  for (const [metAt, breachedAt, when, want] of rows) assert.equal(timelinessAt({ dueAt: due, metAt, breachedAt }, when), want);
  const b = dayBounds('2026-10-01');
  assert.equal(breachedWithin({ dueAt: due, metAt: null, breachedAt: null }, b, NOW), true);
  assert.equal(breachedWithin({ dueAt: due, metAt: at('2026-10-01T11:00:00+08:00'), breachedAt: null }, b, NOW), false);
  assert.equal(breachedWithin({ dueAt: due, metAt: null, breachedAt: null }, b, at('2026-10-01T11:00:00+08:00')), false, 'not yet due');
  assert.equal(breachedWithin({ dueAt: due, metAt: null, breachedAt: null }, dayBounds('2026-10-02'), NOW), false);
});

const incident = (p: Partial<LogIncidentRow> & { id: number }): LogIncidentRow => ({
  no: `YQ-2026-000${p.id}`, title: `事件${p.id}`, status: 'candidate', grade: null, suggestedGrade: 'general', leadOrg: null,
  createdAt: at('2026-09-30T09:00:00+08:00'), confirmedAt: null, closedAt: null, ...p,
});
const deadline = (p: Partial<LogDeadlineRow>): LogDeadlineRow => ({
  incidentId: 1, no: 'YQ-2026-0001', title: '事件1', kind: 'response', leadOrg: '县教体局', dueAt: at('2026-10-01T12:00:00+08:00'), metAt: null, breachedAt: null,
  startedAt: at('2026-09-29T12:00:00+08:00'), closedAt: null, status: 'confirmed', ...p,
});

test('daily log: items by source, incidents by what happened that day, open deadlines at the end of the day, breaches', () => {
  const log = buildDailyLog('2026-10-01', {
    sources: [{ source: '云溪论坛', mediaType: 'forum', originals: 2, duplicates: 1 }, { source: '12345 热线', mediaType: 'hotline', originals: 5, duplicates: 0 }],
    incidents: [
      incident({ id: 1, createdAt: at('2026-10-01T23:30:00+08:00') }),
      incident({ id: 2, status: 'confirmed', grade: 'major', leadOrg: '县卫健委', confirmedAt: at('2026-10-01T08:00:00+08:00') }),
      incident({ id: 3, status: 'closed', closedAt: at('2026-10-01T00:00:00+08:00') }),
      incident({ id: 4, closedAt: at('2026-10-02T00:00:00+08:00') }),
    ],
    responses: [{ incidentId: 2, no: 'YQ-2026-0002', title: '事件2', channel: 'weibo', org: '县卫健委', respondedAt: at('2026-10-01T09:00:00+08:00') }],
    deadlines: [
      deadline({}), // due that day, unmet: open and a breach
      deadline({ kind: 'first_info', dueAt: at('2026-10-01T10:00:00+08:00'), metAt: at('2026-10-01T09:00:00+08:00') }), // met in time
      deadline({ kind: 'press_conference', dueAt: at('2026-10-02T09:00:00+08:00') }), // open, not yet due at 24:00
      deadline({ kind: 'update', dueAt: at('2026-10-01T20:00:00+08:00'), metAt: at('2026-10-02T08:00:00+08:00') }), // late: open at 24:00, breach
      deadline({ kind: 'higher_task', startedAt: at('2026-10-02T01:00:00+08:00'), dueAt: at('2026-10-03T00:00:00+08:00') }), // started later
    ],
  }, NOW);
  assert.equal(log.label, '2026年10月1日');
  assert.equal(log.asOf.toISOString(), '2026-10-01T16:00:00.000Z');
  assert.deepEqual(log.items.bySource.map((s) => [s.source, s.total]), [['12345 热线', 5], ['云溪论坛', 3]]);
  assert.deepEqual([log.items.originals, log.items.duplicates, log.items.total], [7, 1, 8]);
  assert.deepEqual(log.opened.map((e) => e.no), ['YQ-2026-0001']);
  assert.equal(log.opened[0]!.grade, '一般（建议）');
  assert.deepEqual(log.confirmed.map((e) => [e.no, e.grade, e.leadOrg]), [['YQ-2026-0002', '重大', '县卫健委']]);
  assert.deepEqual(log.responded.map((e) => [e.no, e.channel]), [['YQ-2026-0002', 'weibo']]);
  assert.deepEqual(log.closed.map((e) => e.no), ['YQ-2026-0003'], 'closing at the next midnight is the next day');
  assert.deepEqual(log.openDeadlines.map((d) => [d.kind, d.overdue]), [['作出回应', true], ['持续发布进展', true], ['召开新闻发布会', false]]);
  assert.deepEqual(log.breaches.map((d) => d.kind), ['作出回应', '持续发布进展']);
});

test('daily log of today is made up to now', () => {
  const log = buildDailyLog('2026-10-02', { sources: [], incidents: [], responses: [], deadlines: [deadline({ dueAt: at('2026-10-02T11:00:00+08:00'), startedAt: at('2026-10-01T11:00:00+08:00') })] }, NOW);
  assert.equal(log.asOf.getTime(), NOW.getTime());
  assert.deepEqual(log.openDeadlines.map((d) => d.overdue), [false]);
  assert.deepEqual(log.breaches, [], 'due later today');
});

test('dashboard: days filled with zeros, tallies in code order, timeliness per kind, terms of the last week', () => {
  const d = buildDashboard({ from: '2026-09-28', to: '2026-10-01' }, {
    items: [
      { date: '2026-09-28', source: '云溪论坛', originals: 2, duplicates: 1 },
      { date: '2026-10-01', source: '云溪论坛', originals: 1, duplicates: 0 },
      { date: '2026-10-01', source: '县政府网站', originals: 4, duplicates: 2 },
      { date: '2026-10-05', source: '县政府网站', originals: 9, duplicates: 9 }, // outside: ignored
    ],
    incidents: [
      { id: 1, createdAt: at('2026-09-30T15:30:00Z'), category: 'emergency', grade: 'major', leadOrg: '县卫健委' }, // 23:30 Beijing 9-30
      { id: 2, createdAt: at('2026-09-30T16:30:00Z'), category: null, grade: 'general', leadOrg: null }, // 00:30 Beijing 10-01
      { id: 3, createdAt: at('2026-10-01T08:00:00+08:00'), category: 'policy_misread', grade: 'general', leadOrg: '县卫健委' },
    ],
    deadlines: [
      { kind: 'response', dueAt: at('2026-09-30T12:00:00+08:00'), metAt: at('2026-09-30T10:00:00+08:00'), breachedAt: null },
      { kind: 'response', dueAt: at('2026-09-30T12:00:00+08:00'), metAt: null, breachedAt: null },
      { kind: 'first_info', dueAt: at('2026-10-03T12:00:00+08:00'), metAt: null, breachedAt: null },
    ],
    terms: [{ term: '停水', count: 5 }, { term: '水', count: 9 }, { term: '学校', count: 5 }, { term: ' 停水', count: 1 }],
  }, NOW);
  assert.deepEqual(d.days.map((x) => [x.label, x.items, x.duplicates, x.incidents]), [['9月28日', 3, 1, 0], ['9月29日', 0, 0, 0], ['9月30日', 0, 0, 1], ['10月1日', 7, 2, 2]]);
  assert.deepEqual(d.byCategory, [{ label: '重大政策误解误读', count: 1 }, { label: '突发事件处置和自然灾害应对', count: 1 }, { label: '不属于五类应回应情形', count: 1 }]);
  assert.deepEqual(d.byGrade, [{ label: '一般', count: 2 }, { label: '重大', count: 1 }]);
  assert.deepEqual(d.byOrg, [{ label: '县卫健委', count: 2 }, { label: '尚未指定牵头单位', count: 1 }]);
  assert.deepEqual(d.bySource, [{ label: '县政府网站', originals: 4, duplicates: 2 }, { label: '云溪论坛', originals: 3, duplicates: 1 }]);
  assert.deepEqual(d.timeliness, [
    { kind: '首次发布权威信息', counts: { on_time: 0, late: 0, overdue: 0, pending: 1 } },
    { kind: '作出回应', counts: { on_time: 1, late: 0, overdue: 1, pending: 0 } },
  ]);
  assert.equal(d.totals.onTimeRate, 0.5);
  assert.deepEqual([d.totals.items, d.totals.incidents, d.terms.from], [10, 3, '2026-09-28']);
  assert.deepEqual(d.terms.list, [{ term: '停水', count: 6 }, { term: '学校', count: 5 }], 'one-character terms dropped, spellings merged');
  assert.equal(d.label, '2026年9月28日至2026年10月1日');
});

test('top terms and weights', () => {
  assert.deepEqual(topTerms([{ term: '乙方', count: 2 }, { term: '甲方', count: 2 }, { term: '丙方', count: 3 }], 2).map((t) => t.term), ['丙方', ['甲方', '乙方'].sort((a, b) => a.localeCompare(b, 'zh-CN'))[0]]);
  assert.deepEqual([termWeight(10, 10), termWeight(1, 10), termWeight(5, 10), termWeight(0, 0)], [5, 1, 3, 1]);
});

test('an incident is readable by its lead or co-organisations, an unassigned one by monitors only', () => {
  const user = (role: string, orgIds: number[]): Principal => ({ id: 1, username: 'u', displayName: 'u', orgId: orgIds[0]!, orgName: 'x', via: 'session', grants: [{ role, orgIds } as never] });
  const clerk = user('clerk', [5]);
  const monitor = user('opinion_monitor', [1, 5, 6]);
  assert.equal(mayReadIncident(clerk, { leadOrgId: 5, coOrgIds: [] }), true);
  assert.equal(mayReadIncident(clerk, { leadOrgId: 6, coOrgIds: [5] }), true);
  assert.equal(mayReadIncident(clerk, { leadOrgId: 6, coOrgIds: [] }), false);
  assert.equal(mayReadIncident(clerk, { leadOrgId: null, coOrgIds: [] }), false);
  assert.equal(mayReadIncident(monitor, { leadOrgId: null, coOrgIds: [] }), true);
  assert.equal(mayReadIncident(monitor, { leadOrgId: 9, coOrgIds: [] }), false);
});
