// Table tests of the press event rules: chains by kind, held-before-approval refused, the emergency
// fast track (先发布后补批 with its deadline), publishing, Beijing wall-clock input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approvalOverdue, beijingLocalValue, decideCancel, decideHold, decidePublish, decideWithdraw, parseBeijingLocal, recordKindOf, type HoldFacts } from './domain.ts';

const now = new Date('2026-12-07T08:00:00Z');
const at = (s: string) => new Date(s);

test('chains: an event in the government\'s name has its own kind', () => {
  assert.equal(recordKindOf({ govName: true }), 'government');
  assert.equal(recordKindOf({ govName: false }), 'department');
});

test('Beijing wall-clock times, never the process time zone', () => {
  const rows: [string, string | null][] = [
    ['2026-12-08T09:30', '2026-12-08T01:30:00.000Z'],
    ['2026-12-08 09:30', '2026-12-08T01:30:00.000Z'],
    ['2026-01-01T07:59:30', '2025-12-31T23:59:30.000Z'],
    ['2026-02-29T09:00', null], ['2026-12-08T24:00', null], ['2026-12-08', null], ['<script>', null], ['', null],
  ];
  for (const [s, want] of rows) assert.equal(parseBeijingLocal(s)?.toISOString() ?? null, want, s);
  assert.equal(beijingLocalValue(at('2026-12-07T16:30:00Z')), '2026-12-08T00:30');
});

test('held: only after approval, except emergencies sent for approval with 口径 prepared', () => {
  const base: HoldFacts = { status: 'approved', emergency: false, approvedAt: at('2026-12-01T00:00:00Z'), answers: 0 };
  const cases: [string, Partial<HoldFacts>, Date, boolean | string][] = [
    ['approved', {}, now, true],
    ['draft', { status: 'draft', approvedAt: null }, now, '尚未提交审批'],
    ['in review', { status: 'in_review', approvedAt: null }, now, '审批尚未完成'],
    ['refused', { status: 'refused', approvedAt: null }, now, '申请未获批准'],
    ['returned', { status: 'returned', approvedAt: null }, now, '尚未提交审批'],
    ['already held', { status: 'held' }, now, '已标记为已举行'],
    ['in the future', {}, at('2026-12-07T09:00:00Z'), '不能晚于当前时间'],
    ['emergency, in review, no 口径', { status: 'in_review', approvedAt: null, emergency: true }, now, '答问口径'],
    ['emergency, draft: not even sent', { status: 'draft', approvedAt: null, emergency: true, answers: 2 }, now, '尚未提交审批'],
    ['emergency, in review, 口径 ready', { status: 'in_review', approvedAt: null, emergency: true, answers: 1 }, now, true],
  ];
  for (const [name, p, heldAt, want] of cases) {
    const d = decideHold({ ...base, ...p }, heldAt, now);
    if (want === true) assert.ok(d.ok, name);
    else assert.match(d.ok ? '' : d.message, new RegExp(want as string), name);
  }
  const fast = decideHold({ ...base, status: 'in_review', approvedAt: null, emergency: true, answers: 1 }, at('2026-12-07T06:00:00Z'), now);
  assert.ok(fast.ok && fast.approveAfter);
  assert.equal(fast.ok ? fast.approvalDueAt?.toISOString() : '', '2026-12-08T06:00:00.000Z', '24 h after the actual time');
  const normal = decideHold(base, now, now);
  assert.ok(normal.ok && !normal.approveAfter && normal.approvalDueAt === null);
  assert.equal(approvalOverdue({ approvedAt: null, approvalDueAt: at('2026-12-07T07:00:00Z') }, now), true);
  assert.equal(approvalOverdue({ approvedAt: now, approvalDueAt: at('2026-12-07T07:00:00Z') }, now), false);
  assert.equal(approvalOverdue({ approvedAt: null, approvalDueAt: null }, now), false);
});

test('publishing: after the event, approval complete, text given', () => {
  const approved = at('2026-12-01T00:00:00Z');
  assert.ok(decidePublish({ status: 'held', approvedAt: approved }, 'release', '正文').ok);
  const rows: [string, string, Date | null, string, string][] = [
    ['not held', 'approved', approved, '正文', '举行后'],
    ['held before approval', 'held', null, '正文', '补批'],
    ['empty', 'held', approved, '  ', '请填写发布实录'],
  ];
  for (const [name, status, a, text, want] of rows) {
    const d = decidePublish({ status, approvedAt: a }, name === 'empty' ? 'transcript' : 'release', text);
    assert.match(d.ok ? '' : d.message, new RegExp(want), name);
  }
});

test('cancel: before the event only, with a reason; withdraw: a published text, its catalogue record published or not public', () => {
  const ok = { ok: true };
  assert.deepEqual(decideCancel({ status: 'approved' }, '因故取消', 500), ok);
  assert.deepEqual(decideCancel({ status: 'in_review' }, '因故取消', 500), ok);
  const blank = decideCancel({ status: 'draft' }, '  ', 500);
  assert.equal(blank.ok ? '' : blank.fields?.reason, '请填写取消理由');
  assert.match(((r) => (r.ok ? '' : r.message))(decideCancel({ status: 'held' }, '理由', 500)), /已举行，不能取消/);
  assert.match(((r) => (r.ok ? '' : r.message))(decideCancel({ status: 'cancelled' }, '理由', 500)), /已取消/);
  assert.match(((r) => (r.ok ? '' : r.message))(decideCancel({ status: 'approved' }, 'x'.repeat(501), 500)), /不能超过 500 字/);

  const pub = { publishedAt: new Date() };
  const rec = (status: string) => ({ status, indexNo: 'YX-2026-0001' });
  const table: [string, { publishedAt: Date | null }, { status: string; indexNo: string } | null, string, string | boolean][] = [
    ['published record: withdrawn with it', pub, rec('published'), '有误', true],
    ['no record', pub, null, '有误', false],
    ['withheld record: nothing to withdraw there', pub, rec('withheld'), '有误', false],
    ['already withdrawn record', pub, rec('withdrawn'), '有误', false],
    ['record in review: settle it first', pub, rec('in_review'), '有误', '正在主动公开目录审核中'],
    ['record returned: settle it first', pub, rec('returned'), '有误', '尚未办结'],
    ['not published', { publishedAt: null }, rec('published'), '有误', '尚未公开或已撤回'],
    ['no reason', pub, rec('published'), ' ', '请填写撤回理由'],
  ];
  for (const [name, ev, r, reason, want] of table) {
    const d = decideWithdraw(ev, r, 'release', reason, 500);
    if (typeof want === 'boolean') assert.deepEqual(d, { ok: true, withdrawRecord: want }, name);
    else assert.ok(!d.ok && d.message.includes(want), `${name}: ${JSON.stringify(d)}`);
  }
  assert.match(((r) => (r.ok ? '' : r.message))(decidePublish({ status: 'held', approvedAt: new Date(), publishedAt: new Date() }, 'release', '正文')), /请先撤回，再重新公开/);
  assert.equal(decideHold({ status: 'cancelled', emergency: false, approvedAt: new Date(), answers: 1 }, new Date(), new Date()).ok, false);
});
