// Press events on real PostgreSQL with the demo county: a department's event approved by the
// propaganda department; an event in the government's name through its four steps (separate people);
// held before approval refused; the emergency fast track (先发布后补批, then 补批); publishing the
// release into the catalogue's review; every change audited and the chain verifiable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import { verifyAudit } from '../../../platform/audit/index.ts';
import * as review from '../../review/use-cases.ts';
import type { Caller } from '../../auth/caller.ts';
import { beijingLocalValue } from '../domain.ts';
import { findEvent, listAnswers } from '../repo.ts';
import { callerOf, eventValues, orgIdOf } from '../press.fixtures.ts';
import { createEvent, holdEvent, reviewEvent, submitEvent, updateEvent } from './events.ts';
import { addAnswer, publishText } from './texts.ts';

let t: TestDb;
let edu = 0;
const c: Record<string, Caller> = {};
const ago = (h: number) => beijingLocalValue(new Date(Date.now() - h * 3_600_000));

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  edu = await orgIdOf(t.ctx, '县教体局');
  for (const u of ['cbr', 'sfr', 'xcb', 'fxz', 'xz', 'gkb']) c[u] = await callerOf(t.ctx, u);
});
after(() => t.drop());

async function created(p = {}): Promise<number> {
  const r = await createEvent(t.ctx, c.cbr!, eventValues(edu, p));
  assert.ok(r.ok, JSON.stringify(r));
  return r.id;
}
const version = async (id: number) => (await findEvent(t.ctx.db, id))!.version;
const auditActions = async (id: number) => (await t.ctx.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'press_event' and entity_id = ${String(id)} order by id`)).rows.map((r) => r.action);

test('a department event: applied by the clerk, approved by the propaganda department; held only after approval; release published into the catalogue review', async () => {
  const id = await created();
  assert.equal((await createEvent(t.ctx, c.sfr!, eventValues(edu))).ok, false, 'the unit approver does not apply');

  const early = await holdEvent(t.ctx, c.cbr!, id, { heldAt: ago(1) });
  assert.equal(early.ok, false);
  assert.match(!early.ok ? early.message : '', /尚未提交审批，不能标记为已举行/);

  const edited = await updateEvent(t.ctx, c.cbr!, id, eventValues(edu, { title: '春季学期招生政策新闻发布会', version: await version(id) }));
  assert.ok(edited.ok);
  const stale = await submitEvent(t.ctx, c.cbr!, id, { version: 1 });
  assert.equal(stale.ok ? '' : stale.reason, 'stale');
  const s = await submitEvent(t.ctx, c.cbr!, id, { version: await version(id), note: '请审批' });
  assert.ok(s.ok && s.status === 'in_review', JSON.stringify(s));
  const again = await updateEvent(t.ctx, c.cbr!, id, eventValues(edu, { version: await version(id) }));
  assert.match(again.ok ? '' : again.message, /只有草稿或退回修改的活动可以修改/);

  const inReview = await holdEvent(t.ctx, c.cbr!, id, { heldAt: ago(1) });
  assert.match(inReview.ok ? '' : inReview.message, /审批尚未完成/, 'held before approval refused');
  const wrong = await reviewEvent(t.ctx, c.sfr!, id, { conclusion: 'pass', step: 1 });
  assert.equal(wrong.ok, false, 'only the propaganda department approves');
  const ok = await reviewEvent(t.ctx, c.xcb!, id, { conclusion: 'pass', step: 1, opinion: '同意举行。' });
  assert.ok(ok.ok && ok.status === 'approved' && ok.finished, JSON.stringify(ok));
  const ev = (await findEvent(t.ctx.db, id))!;
  assert.ok(ev.approvedAt);
  assert.equal((await review.getInstance(t.ctx.db, ev.reviewInstanceId!))!.steps.length, 2);

  const bad = await publishText(t.ctx, c.cbr!, id, 'release', '正文');
  assert.match(bad.ok ? '' : bad.message, /举行后/);
  const held = await holdEvent(t.ctx, c.cbr!, id, { heldAt: ago(2) });
  assert.ok(held.ok && !held.approveAfter);
  const empty = await publishText(t.ctx, c.cbr!, id, 'release', '   ');
  assert.equal(empty.ok ? '' : empty.fields?.text, '请填写新闻稿内容');
  const pub = await publishText(t.ctx, c.cbr!, id, 'release', '县教体局今天举行新闻发布会，介绍2027年春季学期义务教育招生政策。\n报名时间为2月10日至2月20日。');
  assert.ok(pub.ok && pub.recordId > 0, JSON.stringify(pub));
  const after = (await findEvent(t.ctx.db, id))!;
  assert.ok(after.releasePublishedAt && after.releaseRecordId && after.heldAt);
  const rec = await t.ctx.db.execute<{ status: string; title: string; category: string; org_id: number }>(sql`select status, title, category, org_id from catalog_records where id = ${after.releaseRecordId}`);
  assert.deepEqual(rec.rows[0], { status: 'in_review', title: '春季学期招生政策新闻发布会新闻稿', category: 'gzxx', org_id: edu }, 'a catalogue record in the catalogue\'s own review');

  assert.deepEqual(await auditActions(id), ['press.event.create', 'press.event.update', 'press.event.submit', 'press.event.approve', 'press.event.hold', 'press.text.publish']);
});

test('in the government\'s name: 牵头部门拟稿 → 新闻办审核 → 分管副县长审定 → 县长批准, each by its own person', async () => {
  const id = await created({ govName: true, wideScope: true, title: '2026年全县经济社会发展情况新闻发布会', speakerKind: 'spokesperson' });
  const s = await submitEvent(t.ctx, c.cbr!, id, { version: await version(id) });
  assert.ok(s.ok && s.status === 'in_review');
  const inst = (await review.getInstance(t.ctx.db, (await findEvent(t.ctx.db, id))!.reviewInstanceId!))!;
  assert.deepEqual(inst.steps.map((x) => x.name), ['牵头部门拟稿', '新闻办审核', '分管副县长审定', '县长批准']);

  assert.equal((await reviewEvent(t.ctx, c.xz!, id, { conclusion: 'pass', step: 1 })).ok, false, 'the 县长 does not skip the press office');
  const p1 = await reviewEvent(t.ctx, c.xcb!, id, { conclusion: 'pass', step: 1 });
  assert.ok(p1.ok && p1.status === 'in_review');
  const ret = await reviewEvent(t.ctx, c.fxz!, id, { conclusion: 'return', step: 2 });
  assert.equal(ret.ok ? '' : ret.reason, 'opinion_required');
  const r2 = await reviewEvent(t.ctx, c.fxz!, id, { conclusion: 'return', step: 2, opinion: '请补充主要经济指标。' });
  assert.ok(r2.ok && r2.status === 'returned');
  assert.ok((await updateEvent(t.ctx, c.cbr!, id, eventValues(edu, { govName: true, wideScope: true, title: '2026年全县经济社会发展情况新闻发布会', outline: '一、主要经济指标；二、重点项目。', version: await version(id) }))).ok);
  assert.ok((await submitEvent(t.ctx, c.cbr!, id, { version: await version(id) })).ok);
  for (const [who, step] of [['xcb', 1], ['fxz', 2]] as const) {
    const r = await reviewEvent(t.ctx, c[who]!, id, { conclusion: 'pass', step });
    assert.ok(r.ok && r.status === 'in_review', `${who} ${JSON.stringify(r)}`);
  }
  assert.equal((await holdEvent(t.ctx, c.cbr!, id, { heldAt: ago(1) })).ok, false, 'not before the 县长 approved');
  const last = await reviewEvent(t.ctx, c.xz!, id, { conclusion: 'pass', step: 3, opinion: '同意。' });
  assert.ok(last.ok && last.status === 'approved');
  const ev = (await findEvent(t.ctx.db, id))!;
  assert.deepEqual([ev.govName, ev.wideScope, Boolean(ev.approvedAt)], [true, true, true]);
});

test('emergency: held while in review with 口径 prepared (先发布后补批, due 24 h after), then approved; a refused event cannot be held', async () => {
  const id = await created({ emergency: true, category: 'emergency', type: 'briefing', title: '城关第二小学食堂食品安全情况通报会' });
  assert.ok((await submitEvent(t.ctx, c.cbr!, id, { version: await version(id) })).ok);
  const noAnswers = await holdEvent(t.ctx, c.cbr!, id, { heldAt: ago(1) });
  assert.match(noAnswers.ok ? '' : noAnswers.message, /答问口径/);
  assert.ok((await addAnswer(t.ctx, c.cbr!, id, { question: '学生身体状况如何？', answer: '经医院检查，就诊学生均无大碍。' })).ok);
  const fast = await holdEvent(t.ctx, c.cbr!, id, { heldAt: ago(1) });
  assert.ok(fast.ok && fast.approveAfter, JSON.stringify(fast));
  let ev = (await findEvent(t.ctx.db, id))!;
  assert.equal(ev.status, 'held');
  assert.equal(ev.approvalDueAt!.getTime() - ev.heldAt!.getTime(), 24 * 3_600_000);
  const early = await publishText(t.ctx, c.cbr!, id, 'release', '通报内容');
  assert.match(early.ok ? '' : early.message, /补批尚未完成/, 'the website copy waits for the approval');
  const ok = await reviewEvent(t.ctx, c.xcb!, id, { conclusion: 'pass', step: 1, opinion: '补批同意。' });
  assert.ok(ok.ok && ok.status === 'held');
  ev = (await findEvent(t.ctx.db, id))!;
  assert.ok(ev.approvedAt && ev.heldAt);
  assert.equal((await listAnswers(t.ctx.db, id)).length, 1);

  const other = await created({ title: '不予批准的活动' });
  assert.ok((await submitEvent(t.ctx, c.cbr!, other, { version: await version(other) })).ok);
  assert.ok((await reviewEvent(t.ctx, c.xcb!, other, { conclusion: 'refuse', step: 1, opinion: '时机不成熟。' })).ok);
  const refused = await holdEvent(t.ctx, c.cbr!, other, { heldAt: ago(1) });
  assert.match(refused.ok ? '' : refused.message, /申请未获批准/);

  const notAnEmergency = await created({ title: '普通活动' });
  assert.ok((await submitEvent(t.ctx, c.cbr!, notAnEmergency, { version: await version(notAnEmergency) })).ok);
  assert.ok((await addAnswer(t.ctx, c.cbr!, notAnEmergency, { question: '问', answer: '答' })).ok);
  assert.match(((r) => (r.ok ? '' : r.message))(await holdEvent(t.ctx, c.cbr!, notAnEmergency, { heldAt: ago(1) })), /审批尚未完成/);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});
