// Table tests of the opinion clocks with real instants (Beijing offset, midnight, month and year ends).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijingIso } from '../../platform/time/index.ts';
import { computeDeadlines, countdown, dueLines, firstResponseKind, kindsMetBy, nextUpdate, parseGrade, parseInstant, planRegrade, type ClockInput } from './clock-rules.ts';

const at = (s: string) => new Date(s);
const iso = (r: ReturnType<typeof computeDeadlines>) => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.ok ? r.deadlines.map((d) => `${d.kind} ${beijingIso(d.dueAt)}`) : [];
};

test('deadlines by grade, origin and preset', () => {
  const rows: [string, ClockInput, string[]][] = [
    ['重大: 5 h and 24 h (国办发〔2016〕80号 / 61号)', { grade: 'major', start: at('2026-10-01T08:00+08:00'), origin: 'auto' },
      ['first_info 2026-10-01T13:00:00+08:00', 'press_conference 2026-10-02T08:00:00+08:00']],
    ['特别重大 across midnight', { grade: 'extreme', start: at('2026-10-01T21:30+08:00'), origin: 'manual' },
      ['first_info 2026-10-02T02:30:00+08:00', 'press_conference 2026-10-02T21:30:00+08:00']],
    ['一般: 48 h across month end', { grade: 'general', start: at('2026-09-30T20:15+08:00'), origin: 'auto' },
      ['response 2026-10-02T20:15:00+08:00']],
    ['较大: 48 h across the year end, given in UTC', { grade: 'large', start: at('2026-12-30T18:00Z'), origin: 'auto' },
      ['response 2027-01-02T02:00:00+08:00']],
    ['February of a non-leap year', { grade: 'general', start: at('2027-02-27T12:00+08:00'), origin: 'auto' },
      ['response 2027-03-01T12:00:00+08:00']],
    ['上级交办: its own deadline and the grade clocks', { grade: 'major', start: at('2026-10-01T08:00+08:00'), origin: 'higher_task', higherDeadline: at('2026-10-01T12:00+08:00') },
      ['higher_task 2026-10-01T12:00:00+08:00', 'first_info 2026-10-01T13:00:00+08:00', 'press_conference 2026-10-02T08:00:00+08:00']],
    ['seed 004 §五: no 5-hour step', { grade: 'major', start: at('2026-10-01T08:00+08:00'), origin: 'auto', preset: 'nanchang2020' },
      ['press_conference 2026-10-02T08:00:00+08:00']],
    ['continuing updates every 24 h for 重大', { grade: 'major', start: at('2026-10-01T08:00+08:00'), origin: 'auto', lastInfoAt: at('2026-10-01T11:00+08:00') },
      ['first_info 2026-10-01T13:00:00+08:00', 'press_conference 2026-10-02T08:00:00+08:00', 'update 2026-10-02T11:00:00+08:00']],
    ['一般 owes no updates', { grade: 'general', start: at('2026-10-01T08:00+08:00'), origin: 'auto', lastInfoAt: at('2026-10-01T11:00+08:00') },
      ['response 2026-10-03T08:00:00+08:00']],
  ];
  for (const [name, input, want] of rows) assert.deepEqual(iso(computeDeadlines(input)), want, name);
});

test('bad clock input is refused in Chinese', () => {
  const r = computeDeadlines({ grade: 'major', start: at('2026-10-01T08:00+08:00'), origin: 'higher_task' });
  assert.deepEqual(r, { ok: false, message: '上级交办的舆情须填写交办时限' });
  const bad = computeDeadlines({ grade: 'general', start: new Date('x'), origin: 'auto' });
  assert.equal(bad.ok, false);
  assert.equal(computeDeadlines({ grade: 'huge' as never, start: at('2026-10-01T08:00+08:00'), origin: 'auto' }).ok, false);
});

test('the first-response kind and the CLI lines put it last', () => {
  assert.equal(firstResponseKind('major'), 'first_info');
  assert.equal(firstResponseKind('major', 'nanchang2020'), 'press_conference');
  assert.equal(firstResponseKind('large'), 'response');
  const r = computeDeadlines({ grade: 'major', start: at('2026-10-01T08:00+08:00'), origin: 'auto' });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(dueLines(r.deadlines, 'major'), ['召开新闻发布会\t2026-10-02T08:00:00+08:00', '首次发布权威信息\t2026-10-01T13:00:00+08:00']);
});

test('instants as people type them; grades by label or code', () => {
  const rows: [string, string | null][] = [
    ['2026-10-01T08:00+08:00', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01T08:00', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01 08:00:30', '2026-10-01T00:00:30.000Z'],
    ['2026-10-01T00:00Z', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01T08:00+0800', '2026-10-01T00:00:00.000Z'],
    ['2026-02-29T08:00+08:00', null],
    ['2026-10-01T24:00+08:00', null],
    ['2026-10-01', null],
    ['明天上午', null],
  ];
  for (const [s, want] of rows) assert.equal(parseInstant(s)?.toISOString() ?? null, want, s);
  assert.equal(parseGrade('重大'), 'major');
  assert.equal(parseGrade('extreme'), 'extreme');
  assert.equal(parseGrade('很大'), null);
});

test('regrading: new clocks from the regrade instant, never later than what is owed, history kept', () => {
  const r = computeDeadlines({ grade: 'major', start: at('2026-10-02T10:00+08:00'), origin: 'auto' });
  assert.ok(r.ok);
  if (!r.ok) return;
  const plan = planRegrade([{ kind: 'response', dueAt: at('2026-10-03T08:00+08:00'), metAt: null, breachedAt: null }], r.deadlines);
  assert.deepEqual(plan.upsert.map((d) => `${d.kind} ${beijingIso(d.dueAt)}`), ['first_info 2026-10-02T15:00:00+08:00', 'press_conference 2026-10-03T10:00:00+08:00']);
  assert.deepEqual(plan.remove, ['response']);
  // Down again: the 48 h response from now would be later than the owed first_info; first_info stays (met), press conference removed.
  const down = computeDeadlines({ grade: 'general', start: at('2026-10-02T12:00+08:00'), origin: 'auto' });
  assert.ok(down.ok);
  if (!down.ok) return;
  const p2 = planRegrade([
    { kind: 'first_info', dueAt: at('2026-10-02T15:00+08:00'), metAt: at('2026-10-02T14:00+08:00'), breachedAt: null },
    { kind: 'press_conference', dueAt: at('2026-10-03T10:00+08:00'), metAt: null, breachedAt: null },
  ], down.deadlines);
  assert.deepEqual(p2.upsert.map((d) => d.kind), ['response']);
  assert.deepEqual(p2.remove, ['press_conference']);
  // The same kind again with a later due: unchanged.
  const same = planRegrade([{ kind: 'response', dueAt: at('2026-10-03T08:00+08:00'), metAt: null, breachedAt: null }],
    [{ kind: 'response', label: '', basis: '', dueAt: at('2026-10-04T08:00+08:00') }]);
  assert.deepEqual(same, { upsert: [], remove: [] });
});

test('what a response meets, the next update and the countdown', () => {
  assert.deepEqual(kindsMetBy('website', ['first_info', 'press_conference', 'higher_task']), ['first_info', 'higher_task']);
  assert.deepEqual(kindsMetBy('press_conference', ['press_conference']), ['press_conference']);
  assert.equal(beijingIso(nextUpdate('large', at('2026-10-31T23:00+08:00'))!.dueAt), '2026-11-02T23:00:00+08:00');
  assert.equal(nextUpdate('general', at('2026-10-31T23:00+08:00')), null);
  const now = at('2026-10-01T08:00+08:00');
  assert.deepEqual(countdown(at('2026-10-01T12:59:30+08:00'), now), { minutes: 299, text: '剩余4小时59分钟' });
  assert.deepEqual(countdown(at('2026-10-03T09:00+08:00'), now), { minutes: 2940, text: '剩余2天1小时' });
  assert.deepEqual(countdown(at('2026-10-01T07:30+08:00'), now), { minutes: -30, text: '已超时30分钟' });
});
