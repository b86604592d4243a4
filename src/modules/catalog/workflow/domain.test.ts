import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinCalendar } from '../../../calendar/index.ts';
import {
  coordinationDue, defaultRecheck, interpretationDue, missingPlanParts, needsInterpretationPlan, parseWorkingDays, publicText,
  reconcileFindings, scanTargets, statusOnApproval, validatePlan, validateSecrecy, type StoredFinding,
} from './domain.ts';

const cal = builtinCalendar();

test('needsInterpretationPlan: 规范性文件, 规章 and 重要政策 need a plan; interpretations never', () => {
  for (const [r, want] of [
    [{ docType: 'normative', importantPolicy: false }, true],
    [{ docType: 'rule', importantPolicy: false }, true],
    [{ docType: 'other', importantPolicy: true }, true],
    [{ docType: 'other', importantPolicy: false }, false],
    [{ docType: 'normative', importantPolicy: false, interpretsRecordId: 3 }, false],
  ] as const) assert.equal(needsInterpretationPlan(r), want, JSON.stringify(r));
});

test('validatePlan / missingPlanParts name what is missing', () => {
  assert.deepEqual(missingPlanParts(null), ['解读提纲', '解读形式', '发布途径', '计划发布时间']);
  assert.deepEqual(missingPlanParts({ outline: '要点', form: '政策问答', channel: '网站' }), ['计划发布时间']);
  assert.deepEqual(missingPlanParts({ outline: '要点', form: '聊天', channel: '网站', date: '2024-06-01' }), ['解读形式']);
  const ok = validatePlan({ outline: '要点', form: '专家解读', channel: '县政府网站', date: '2024-06-20' });
  assert.ok(ok.ok);
  const bad = validatePlan({ outline: '要点', form: '专家解读', channel: '网站', date: '2024-02-30' });
  assert.ok(!bad.ok && /不是有效日期/.test(bad.errors.date ?? ''));
});

test('validateSecrecy: conclusion and 公开属性 agree; 不予公开 needs ground, reason and a future 复查日期', () => {
  const today = '2024-06-14';
  assert.ok(validateSecrecy({ disclosure: 'active', basis: '保密法' }, 'pass', today).ok);
  const noBasis = validateSecrecy({ disclosure: 'active' }, 'pass', today);
  assert.ok(!noBasis.ok && noBasis.errors.basis);
  const mismatch = validateSecrecy({ disclosure: 'withheld', basis: 'x' }, 'pass', today);
  assert.ok(!mismatch.ok && /不予公开/.test(mismatch.errors.disclosure));
  const refuse = validateSecrecy({ disclosure: 'withheld', basis: 'x' }, 'refuse', today);
  assert.ok(!refuse.ok && refuse.errors.ground && refuse.errors.reason && refuse.errors.recheckOn);
  const past = validateSecrecy({ disclosure: 'withheld', ground: 'privacy', reason: '涉及个人隐私', basis: 'x', recheckOn: '2024-06-14' }, 'refuse', today);
  assert.ok(!past.ok && past.errors.recheckOn);
  const good = validateSecrecy({ disclosure: '不予公开', ground: '涉及个人隐私', reason: '涉及个人隐私', basis: 'x', recheckOn: '2025-06-14' }, 'refuse', today);
  assert.ok(good.ok && good.value.ground === 'privacy' && good.value.recheckOn === '2025-06-14');
  const onReq = validateSecrecy({ disclosure: 'on_request', basis: 'x' }, 'pass', today);
  assert.ok(!onReq.ok && onReq.errors.reason);
});

test('defaultRecheck is one year later (29 Feb → 28 Feb)', () => {
  assert.equal(defaultRecheck('2024-06-14'), '2025-06-14');
  assert.equal(defaultRecheck('2024-02-29'), '2025-02-28');
});

test('reconcileFindings keeps resolved findings still in place and replaces the rest', () => {
  const scanned = scanTargets([{ source: 'body', attachmentId: null, text: '联系电话：13812345678，邮箱 a@b.cn' }], '2024-06-14');
  assert.deepEqual(scanned.map((f) => f.kind), ['mobile', 'email']);
  const stored: StoredFinding[] = [
    { ...scanned[0], id: 1, resolution: 'redact' },
    { ...scanned[1], id: 2, resolution: null },
    { ...scanned[0], start: 0, end: 3, id: 3, resolution: 'accept' },
  ];
  const r = reconcileFindings(stored, scanned);
  assert.deepEqual(r.deleteIds, [2, 3]);
  assert.deepEqual(r.insert.map((f) => f.kind), ['email']);
});

test('publicText masks only the spans resolved as redact', () => {
  const text = '联系人：张三，电话13812345678';
  const found = scanTargets([{ source: 'body', attachmentId: null, text }], '2024-06-14');
  const phone = found.find((f) => f.kind === 'mobile')!;
  const stored: StoredFinding[] = found.map((f, i) => ({ ...f, id: i + 1, resolution: f === phone ? 'redact' : 'accept' }));
  const out = publicText(text, stored, 'body');
  assert.ok(!out.includes('13812345678'));
  assert.ok(out.includes(phone.excerpt));
  assert.equal(publicText(text, stored, 'title'), text);
});

test('working-day deadlines: 征求意见 and interpretation skip holidays', () => {
  // 2024-09-30 (Mon) + 5 working days: 国庆 1–7 Oct off; 10-08…10-11, then 10-12 (Sat, 调休) is the fifth.
  assert.equal(coordinationDue('2024-09-30', 5, cal).due, '2024-10-12');
  assert.equal(interpretationDue('2024-06-07', cal), '2024-06-17');
  assert.equal(parseWorkingDays(''), 5);
  assert.equal(parseWorkingDays('0'), null);
  assert.equal(parseWorkingDays('abc'), null);
  assert.equal(parseWorkingDays('10'), 10);
});

test('statusOnApproval: only 主动公开 is published', () => {
  assert.equal(statusOnApproval('active'), 'published');
  assert.equal(statusOnApproval('on_request'), 'withheld');
  assert.equal(statusOnApproval('withheld'), 'withheld');
});
