import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lateText, proposeFinding, raiseFinding, type BreachInput } from './accountability-rules.ts';

const base: BreachInput = { grade: 'general', deadlineKind: 'response', lateMinutes: 5, priorFindings: 0, answered: false };

test('the proposed finding rises with lateness, a 重大 grade and repeated lateness, and never beyond 问责', () => {
  const rows: [Partial<BreachInput>, string][] = [
    [{}, 'notice'],
    [{ lateMinutes: 24 * 60 - 1 }, 'notice'],
    [{ lateMinutes: 24 * 60 }, 'interview'],
    [{ lateMinutes: 72 * 60 - 1 }, 'interview'],
    [{ lateMinutes: 72 * 60 }, 'accountability'],
    [{ grade: 'large' }, 'notice'],
    [{ grade: 'major' }, 'interview'],
    [{ grade: 'extreme', lateMinutes: 30 * 60 }, 'accountability'],
    [{ priorFindings: 1 }, 'notice'],
    [{ priorFindings: 2 }, 'interview'],
    [{ priorFindings: 2, grade: 'major' }, 'accountability'],
    [{ priorFindings: 9, grade: 'extreme', lateMinutes: 99 * 60 }, 'accountability'],
    [{ grade: null, lateMinutes: -30 }, 'notice'],
  ];
  for (const [patch, kind] of rows) assert.equal(proposeFinding({ ...base, ...patch }).kind, kind, JSON.stringify(patch));
});

test('the reason says what was late, by how much, and why the level was raised', () => {
  const r = proposeFinding({ grade: 'major', deadlineKind: 'first_info', lateMinutes: 200, priorFindings: 3, answered: false });
  assert.equal(r.reason, '重大舆情“首次发布权威信息”时限已过，尚未回应，已超时3小时20分钟；涉及重大、特别重大舆情，从重一级；该单位近365天内已有3次超时记录，从重一级。建议问责。');
  const late = proposeFinding({ ...base, lateMinutes: 61, answered: true });
  assert.equal(late.reason, '一般舆情“作出回应”时限逾期作出回应，超时1小时1分钟。建议通报。');
  const office = proposeFinding({ ...base, lateMinutes: 10, withoutLead: true });
  assert.equal(office.reason, '一般舆情“作出回应”时限已过，尚未回应，已超时10分钟；时限届满时尚未确定牵头单位，由负责确定牵头单位的县政府办公室承担。建议通报。');
  assert.equal(office.kind, 'notice', 'no lead named changes whom, not how much');
  assert.deepEqual([lateText(0), lateText(59), lateText(60), lateText(1500)], ['0分钟', '59分钟', '1小时0分钟', '1天1小时']);
});

test('an open finding rises with the time its deadline stays unmet, only upward', () => {
  const h = 60;
  const rows: [string, Partial<BreachInput>, string | null][] = [
    // A 一般 incident's 通报 (5 min late at the breach): still 通报 until 24 h, 约谈 from 24 h, 问责 from 72 h.
    ['notice', { lateMinutes: 23 * h + 59 }, null],
    ['notice', { lateMinutes: 24 * h }, 'interview'],
    ['interview', { lateMinutes: 71 * h }, null],
    ['interview', { lateMinutes: 72 * h }, 'accountability'],
    ['notice', { lateMinutes: 80 * h }, 'accountability'],
    ['accountability', { lateMinutes: 999 * h }, null],
    // A 重大 incident starts one step up: 约谈 at once, 问责 from 24 h.
    ['interview', { grade: 'major', lateMinutes: 23 * h }, null],
    ['interview', { grade: 'major', lateMinutes: 24 * h }, 'accountability'],
    // Repeats raise it too; fewer earlier findings (one withdrawn since) never lower it.
    ['notice', { priorFindings: 2, lateMinutes: 2 * h }, 'interview'],
    ['interview', { priorFindings: 0, lateMinutes: 2 * h }, null],
    ['accountability', { grade: 'general', lateMinutes: 0 }, null],
    // An unknown stored kind is below every level.
    ['legacy', { lateMinutes: 0 }, 'notice'],
  ];
  for (const [current, patch, kind] of rows) {
    assert.equal(raiseFinding(current, { ...base, ...patch })?.kind ?? null, kind, `${current} ${JSON.stringify(patch)}`);
  }
  const r = raiseFinding('notice', { ...base, lateMinutes: 25 * h, answered: true })!;
  assert.equal(r.reason, '一般舆情“作出回应”时限已过，尚未回应，已超时1天1小时。建议约谈。', 'a rise always describes an unanswered deadline');
});
