import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lateText, proposeFinding, type BreachInput } from './accountability-rules.ts';

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
  assert.deepEqual([lateText(0), lateText(59), lateText(60), lateText(1500)], ['0分钟', '59分钟', '1小时0分钟', '1天1小时']);
});
