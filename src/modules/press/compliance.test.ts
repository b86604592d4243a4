// Table tests of the press quotas: quarters, years, leaders, government-wide releases and online
// interviews; open (进行中) versus missed (未完成) by the calendar date of `today`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCompliance, parsePeriod, periodEnd, quarterOf, shortfalls, type CountedEvent, type Period } from './compliance.ts';

const ORGS = [
  { id: 1, name: '云溪县人民政府', kind: 'government' },
  { id: 2, name: '云溪县教育体育局', kind: 'department' },
  { id: 3, name: '云溪县青石镇人民政府', kind: 'town' },
  { id: 4, name: '云溪县人民政府办公室', kind: 'office' },
];
const ev = (p: Partial<CountedEvent> & { date: string }): CountedEvent => ({ type: 'conference', orgId: 2, leader: false, govWide: false, ...p });
const row = (rows: ReturnType<typeof evaluateCompliance>, orgId: number, rule: string) => rows.find((r) => r.orgId === orgId && r.rule === rule);

test('periods: quarters, their last days (leap years) and what may be typed', () => {
  const rows: [string, number | undefined, string][] = [['2026', 1, '2026-03-31'], ['2028', 1, '2028-03-31'], ['2026', 2, '2026-06-30'], ['2026', 4, '2026-12-31'], ['2026', undefined, '2026-12-31']];
  for (const [y, q, end] of rows) assert.equal(periodEnd(Number(y), q), end);
  assert.deepEqual(['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-12-31'].map(quarterOf), [1, 1, 2, 3, 4]);
  const parse: [string | undefined, string | undefined, Period | null][] = [
    [undefined, undefined, { year: 2026 }], ['2025', '', { year: 2025 }], ['2025', '3', { year: 2025, quarter: 3 }],
    ['2025', '5', null], ['1999', undefined, null], ['20x5', undefined, { year: 2026 }], ['2025', '<b>', null],
  ];
  for (const [y, q, want] of parse) assert.deepEqual(parsePeriod(y, q, '2026-12-07'), want, `${y} ${q}`);
});

test('department: one 新闻发布会 a quarter — other forms do not count; open until the quarter ends', () => {
  const cases: [string, Period, CountedEvent[], string, { done: number; status: string; missing: number }][] = [
    ['one conference in Q2', { year: 2026, quarter: 2 }, [ev({ date: '2026-05-10' })], '2026-12-07', { done: 1, status: 'met', missing: 0 }],
    ['a 情况通报会 is not a 新闻发布会', { year: 2026, quarter: 2 }, [ev({ date: '2026-05-10', type: 'briefing' })], '2026-12-07', { done: 0, status: 'missed', missing: 1 }],
    ['Q4 still running', { year: 2026, quarter: 4 }, [], '2026-12-07', { done: 0, status: 'open', missing: 1 }],
    ['Q4 over on the next day', { year: 2026, quarter: 4 }, [], '2027-01-01', { done: 0, status: 'missed', missing: 1 }],
    ['another organisation\'s event', { year: 2026, quarter: 1 }, [ev({ date: '2026-02-01', orgId: 3 })], '2026-12-07', { done: 0, status: 'missed', missing: 1 }],
    ['the year: quarters covered, not events', { year: 2026 }, [ev({ date: '2026-01-05' }), ev({ date: '2026-02-05' }), ev({ date: '2026-07-01' })], '2027-02-01', { done: 2, status: 'missed', missing: 2 }],
    ['the year: all four', { year: 2026 }, ['01', '04', '07', '10'].map((m) => ev({ date: `2026-${m}-15` })), '2026-12-07', { done: 4, status: 'met', missing: 0 }],
    ['the year so far: Q4 open but Q1 missed', { year: 2026 }, ['04', '07'].map((m) => ev({ date: `2026-${m}-15` })), '2026-12-07', { done: 2, status: 'missed', missing: 2 }],
    ['the year so far: only the running quarter is missing', { year: 2026 }, ['01', '04', '07'].map((m) => ev({ date: `2026-${m}-15` })), '2026-12-07', { done: 3, status: 'open', missing: 1 }],
    ['last year\'s event does not count', { year: 2026, quarter: 1 }, [ev({ date: '2025-02-01' })], '2026-12-07', { done: 0, status: 'missed', missing: 1 }],
  ];
  for (const [name, period, events, today, want] of cases) {
    const r = row(evaluateCompliance(period, ORGS, events, today), 2, 'dept_quarterly');
    assert.deepEqual({ done: r?.done, status: r?.status, missing: r?.missing }, want, name);
  }
  assert.deepEqual(row(evaluateCompliance({ year: 2026 }, ORGS, [ev({ date: '2026-04-15' })], '2026-12-07'), 2, 'dept_quarterly')?.missingQuarters, [1, 3, 4]);
});

test('yearly rules: leaders, government-wide releases, online interviews — and which organisations they apply to', () => {
  const events = [
    ev({ date: '2026-03-01', leader: true }),
    ev({ date: '2026-04-01', type: 'interview' }),
    ev({ date: '2026-05-01', type: 'interview', leader: true }),
    ev({ date: '2026-06-01', orgId: 1, govWide: true }),
    ev({ date: '2026-06-02', orgId: 1, type: 'interview', leader: true }),
    ev({ date: '2025-06-01', orgId: 1, govWide: true }),
  ];
  const rows = evaluateCompliance({ year: 2026, quarter: 2 }, ORGS, events, '2026-12-07');
  const cases: [number, string, number | undefined, number | undefined, string | undefined][] = [
    [2, 'leader_yearly', 1, 1, 'met'],
    [2, 'interview_dept', 2, 2, 'met'],
    [1, 'gov_wide', 2, 1, 'open'],
    [1, 'interview_leader', 1, 1, 'met'],
    [3, 'interview_leader', 1, 0, 'open'],
  ];
  for (const [org, rule, required, done, status] of cases) {
    const r = row(rows, org, rule);
    assert.deepEqual([r?.required, r?.done, r?.status], [required, done, status], `${org} ${rule}`);
  }
  assert.equal(row(rows, 2, 'leader_yearly')?.done, 1, 'an interview by the leader is counted by the interview rule only');
  assert.equal(row(rows, 3, 'dept_quarterly'), undefined, 'towns have no department quota');
  assert.equal(row(rows, 3, 'gov_wide'), undefined, 'only the county government counts government-wide releases');
  assert.equal(row(rows, 1, 'dept_quarterly'), undefined);
  assert.equal(rows.filter((r) => r.orgId === 4).length, 0, 'the government office is not a department here');
  assert.equal(row(evaluateCompliance({ year: 2026 }, ORGS, events, '2027-01-05'), 1, 'gov_wide')?.status, 'missed', 'after the year');
  assert.deepEqual(shortfalls(rows).map((r) => `${r.orgId}:${r.rule}`), ['2:dept_quarterly', '1:gov_wide', '3:interview_leader'].sort((a, b) => rows.findIndex((r) => `${r.orgId}:${r.rule}` === a) - rows.findIndex((r) => `${r.orgId}:${r.rule}` === b)));
});
