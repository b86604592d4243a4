// Publishing, withdrawing and cancelling on real PostgreSQL with the demo county: a published text
// is exactly one linked catalogue record in the catalogue's review, committed with it; a catalogue
// refusal leaves nothing behind (no record, no text, no audit row); 撤回 goes through the
// catalogue's own withdraw; 取消 cancels the open approval through the review engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import { verifyAudit } from '../../../platform/audit/index.ts';
import * as review from '../../review/use-cases.ts';
import { reviewRecord, SUBJECT as CATALOG } from '../../catalog/workflow/use-cases.ts';
import type { Caller } from '../../auth/caller.ts';
import { beijingLocalValue } from '../domain.ts';
import { findEvent, findPublic, listPublished, upcomingPublic } from '../repo.ts';
import { callerOf, eventValues, orgIdOf } from '../press.fixtures.ts';
import { cancelEvent, createEvent, holdEvent, reviewEvent, submitEvent } from './events.ts';
import { publishText, withdrawText } from './texts.ts';

let t: TestDb;
let edu = 0;
const c: Record<string, Caller> = {};
const ago = (h: number) => beijingLocalValue(new Date(Date.now() - h * 3_600_000));
const RELEASE = '县教体局今天举行新闻发布会，通报秋季学期校车安全管理情况。\n全县校车已全部完成年检。';

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  edu = await orgIdOf(t.ctx, '县教体局');
  for (const u of ['cbr', 'xcb', 'gkb', 'shr', 'bmsc', 'sfr']) c[u] = await callerOf(t.ctx, u);
});
after(() => t.drop());

const version = async (id: number) => (await findEvent(t.ctx.db, id))!.version;
const count = async (q: ReturnType<typeof sql>) => Number((await t.ctx.db.execute<{ n: number }>(q)).rows[0]!.n);
const records = (title: string) => count(sql`select count(*)::int as n from catalog_records where title = ${title}`);
const audits = (action: string) => count(sql`select count(*)::int as n from audit_log where action = ${action}`);
const recordStatus = async (id: number) => (await t.ctx.db.execute<{ status: string }>(sql`select status from catalog_records where id = ${id}`)).rows[0]!.status;

/** An event of 教体局, approved by 县委宣传部; held `held` hours ago when given. */
async function approved(title: string, held?: number): Promise<number> {
  const r = await createEvent(t.ctx, c.cbr!, eventValues(edu, { title }));
  assert.ok(r.ok, JSON.stringify(r));
  assert.ok((await submitEvent(t.ctx, c.cbr!, r.id, { version: await version(r.id) })).ok);
  assert.ok((await reviewEvent(t.ctx, c.xcb!, r.id, { conclusion: 'pass', step: 1 })).ok);
  if (held !== undefined) assert.ok((await holdEvent(t.ctx, c.cbr!, r.id, { heldAt: ago(held) })).ok);
  return r.id;
}

test('publishing makes exactly one linked catalogue record in its review; a catalogue refusal leaves no half state', async () => {
  const title = '秋季学期校车安全管理新闻发布会';
  const id = await approved(title, 2);
  const recTitle = `${title}新闻稿`;

  // Who may not draft catalogue records cannot publish: the two go together.
  const press = await publishText(t.ctx, c.xcb!, id, 'release', RELEASE);
  assert.equal(press.ok ? '' : press.reason, 'not_allowed');

  // The catalogue refuses after its record was created (its chain's first step is not the clerk's):
  // the record, its 索引号, the text and every audit row roll back with the publication.
  const [before, creates, publishes] = [await count(sql`select count(*)::int as n from catalog_records`), await audits('catalog.record.create'), await audits('press.text.publish')];
  await t.ctx.db.execute(sql`insert into review_chains (name, subject_type, org_id, steps) values ('测试：仅系统管理员可提交', 'catalog_record', ${edu},
    ${JSON.stringify([{ key: 'draft', name: '起草', role: 'sysadmin', scope: 'own_org' }, { key: 'ok', name: '审核', role: 'unit_approver', scope: 'own_org' }])}::jsonb)`);
  const failed = await publishText(t.ctx, c.cbr!, id, 'release', RELEASE);
  await t.ctx.db.execute(sql`delete from review_chains where name = '测试：仅系统管理员可提交'`);
  assert.equal(failed.ok ? '' : failed.reason, 'catalog', JSON.stringify(failed));
  assert.match(failed.ok ? '' : failed.message, /提交主动公开目录审核未成功，新闻稿未公开/);
  let ev = (await findEvent(t.ctx.db, id))!;
  assert.deepEqual([ev.releaseText, ev.releasePublishedAt, ev.releaseRecordId], [null, null, null]);
  assert.equal(await count(sql`select count(*)::int as n from catalog_records`), before, 'the record created in the handover rolled back');
  assert.deepEqual([await audits('catalog.record.create'), await audits('press.text.publish')], [creates, publishes]);
  assert.equal(await count(sql`select count(*)::int as n from review_instances where subject_type = 'catalog_record' and subject_id not in (select id from catalog_records)`), 0);

  const ok = await publishText(t.ctx, c.cbr!, id, 'release', RELEASE);
  assert.ok(ok.ok, JSON.stringify(ok));
  ev = (await findEvent(t.ctx.db, id))!;
  assert.equal(ev.releaseRecordId, ok.recordId);
  assert.ok(ev.releasePublishedAt);
  assert.equal(await records(recTitle), 1);
  assert.equal(await recordStatus(ok.recordId), 'in_review');
  assert.equal((await review.latestInstance(t.ctx.db, CATALOG, ok.recordId))!.status, 'in_progress');

  // Publishing again over the published text is refused (the catalogue copy would differ): still one record.
  const again = await publishText(t.ctx, c.cbr!, id, 'release', `${RELEASE}\n补充。`);
  assert.match(again.ok ? '' : again.message, /请先撤回，再重新公开/);
  assert.equal(await records(recTitle), 1);
  const audit = await t.ctx.db.execute<{ summary: { catalogRecordId: number; indexNo: string } }>(sql`select summary from audit_log where action = 'press.text.publish' and entity_id = ${String(id)}`);
  assert.equal(audit.rows.length, 1);
  assert.equal(audit.rows[0]!.summary.catalogRecordId, ok.recordId);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});

test('withdraw: refused while the catalogue still reviews the record; by 政务公开办 through the catalogue\'s withdraw; publishing again makes a new record', async () => {
  const title = '校园食品安全专项检查情况新闻发布会';
  const id = await approved(title, 3);
  const pub = await publishText(t.ctx, c.cbr!, id, 'release', RELEASE);
  assert.ok(pub.ok);
  const inReview = await withdrawText(t.ctx, c.gkb!, id, 'release', '数据有误');
  assert.match(inReview.ok ? '' : inReview.message, /正在主动公开目录审核中/);

  const secrecy = { disclosure: 'active', basis: '《中华人民共和国保守国家秘密法》及本县保密事项范围' };
  for (const who of ['shr', 'bmsc', 'sfr']) {
    const step = (await review.latestInstance(t.ctx.db, CATALOG, pub.recordId))!.currentStep;
    const r = await reviewRecord(t.ctx, c[who]!, pub.recordId, { conclusion: 'pass', opinion: '同意', expectedStep: step, secrecy: who === 'bmsc' ? secrecy : undefined });
    assert.ok(r.ok, `${who}: ${JSON.stringify(r)}`);
  }
  assert.equal(await recordStatus(pub.recordId), 'published');

  assert.equal(((r) => (r.ok ? '' : r.reason))(await withdrawText(t.ctx, c.cbr!, id, 'release', '数据有误')), 'forbidden', 'a clerk does not withdraw');
  const press = await withdrawText(t.ctx, c.xcb!, id, 'release', '数据有误');
  assert.match(press.ok ? '' : press.message, /只有政务公开办可以撤回已公开的信息/, 'the catalogue\'s own rule');
  const blank = await withdrawText(t.ctx, c.gkb!, id, 'release', '  ');
  assert.equal(blank.ok ? '' : blank.fields?.reason, '请填写撤回理由');
  let ev = (await findEvent(t.ctx.db, id))!;
  assert.ok(ev.releasePublishedAt && !ev.releaseWithdrawnAt, 'nothing changed by the refusals');
  assert.equal(await recordStatus(pub.recordId), 'published');

  const w = await withdrawText(t.ctx, c.gkb!, id, 'release', '检查数据有误，更正后重新发布。');
  assert.ok(w.ok && w.recordWithdrawn, JSON.stringify(w));
  ev = (await findEvent(t.ctx.db, id))!;
  assert.equal(ev.releasePublishedAt, null);
  assert.equal(ev.releaseWithdrawReason, '检查数据有误，更正后重新发布。');
  assert.equal(await recordStatus(pub.recordId), 'withdrawn');
  assert.equal(await findPublic(t.ctx.db, id), undefined, 'off /xwfb/');
  assert.ok(!(await listPublished(t.ctx.db, {}, 100, 0)).rows.some((e) => e.id === id));
  assert.ok((await audits('catalog.withdraw')) >= 1);
  assert.equal(await audits('press.text.withdraw'), 1);

  const again = await publishText(t.ctx, c.cbr!, id, 'release', `${RELEASE}\n（更正稿）`);
  assert.ok(again.ok && again.recordId !== pub.recordId, JSON.stringify(again));
  ev = (await findEvent(t.ctx.db, id))!;
  assert.deepEqual([ev.releaseRecordId, ev.releaseWithdrawnAt, Boolean(ev.releasePublishedAt)], [again.recordId, null, true]);
  assert.equal(await records(`${title}新闻稿`), 2, 'the withdrawn record stays withdrawn, the new one is in review');
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});

test('cancel: reason required; an open approval is cancelled through the engine; an announced event leaves the upcoming list and says 已取消; not once held', async () => {
  const r = await createEvent(t.ctx, c.cbr!, eventValues(edu, { title: '审批中取消的活动' }));
  assert.ok(r.ok);
  assert.ok((await submitEvent(t.ctx, c.cbr!, r.id, { version: await version(r.id) })).ok);
  const blank = await cancelEvent(t.ctx, c.cbr!, r.id, { reason: '' });
  assert.equal(blank.ok ? '' : blank.fields?.reason, '请填写取消理由');
  const stale = await cancelEvent(t.ctx, c.cbr!, r.id, { reason: '时间冲突', version: 1 });
  assert.equal(stale.ok ? '' : stale.reason, 'stale');
  const done = await cancelEvent(t.ctx, c.cbr!, r.id, { reason: '与县人代会时间冲突。', version: await version(r.id) });
  assert.ok(done.ok && done.instanceCancelled, JSON.stringify(done));
  const ev = (await findEvent(t.ctx.db, r.id))!;
  assert.deepEqual([ev.status, ev.cancelReason, Boolean(ev.cancelledAt)], ['cancelled', '与县人代会时间冲突。', true]);
  assert.equal((await review.getInstance(t.ctx.db, ev.reviewInstanceId!))!.status, 'cancelled');
  assert.equal((await reviewEvent(t.ctx, c.xcb!, r.id, { conclusion: 'pass', step: 1 })).ok, false, 'nothing left to approve');
  assert.match(((x) => (x.ok ? '' : x.message))(await holdEvent(t.ctx, c.cbr!, r.id, { heldAt: ago(1) })), /已取消/);
  assert.match(((x) => (x.ok ? '' : x.message))(await cancelEvent(t.ctx, c.cbr!, r.id, { reason: '再次' })), /已取消/);
  const actions = (await t.ctx.db.execute<{ action: string }>(sql`select action from audit_log where (entity_type = 'press_event' and entity_id = ${String(r.id)}) or (entity_type = 'review_instance' and entity_id = ${String(ev.reviewInstanceId)}) order by id`)).rows.map((x) => x.action);
  assert.deepEqual(actions.slice(-2), ['review.cancel', 'press.event.cancel']);

  const announced = await approved('已发布预告后取消的活动');
  const since = new Date(Date.now() - 86_400_000);
  assert.ok((await upcomingPublic(t.ctx.db, since, 100)).some((e) => e.id === announced));
  assert.equal((await cancelEvent(t.ctx, c.xcb!, announced, { reason: '因故取消' })).ok, true, 'no open approval: the press office may cancel too');
  assert.ok(!(await upcomingPublic(t.ctx.db, since, 100)).some((e) => e.id === announced));
  assert.equal((await findPublic(t.ctx.db, announced))?.status, 'cancelled', 'its page stays, saying 已取消');

  const held = await approved('已举行的活动', 1);
  assert.match(((x) => (x.ok ? '' : x.message))(await cancelEvent(t.ctx, c.cbr!, held, { reason: '取消' })), /已举行，不能取消/);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});
