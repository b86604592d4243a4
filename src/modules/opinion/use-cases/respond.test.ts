// Answering incidents on real PostgreSQL with the demo county: the review path (approve / return),
// approval at once on a one-step chain, deadlines met by channel, the next update planned,
// publishing, closing with an evaluation, reopening, referral — each with its audit row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import { verifyAudit } from '../../../platform/audit/index.ts';
import * as review from '../../review/use-cases.ts';
import { rowsFor } from '../../review/domain.ts';
import type { Caller } from '../../auth/caller.ts';
import { callerOf, confirmedIncident, deadlinesOf, eventTypes, orgIdOf } from '../respond.fixtures.ts';
import { findIncident, findResponse, listReferrals } from '../responses.repo.ts';
import { submitResponse } from './respond.ts';
import { reviewResponse } from './respond-review.ts';
import { setResponsePublished } from './respond-publish.ts';
import { closeIncident, reopenIncident } from './close.ts';
import { referRumour } from './referral.ts';
import type { ResponseValues } from './respond-forms.ts';

let t: TestDb;
let edu = 0;
let fin = 0;
const c: Record<string, Caller> = {};
const HOUR = 3_600_000;
const ago = (h: number) => new Date(Date.now() - h * HOUR);
const local = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16);

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  edu = await orgIdOf(t.ctx, '县教体局');
  fin = await orgIdOf(t.ctx, '县财政局');
  for (const u of ['cbr', 'shr', 'sfr', 'yqzy', 'gkb']) c[u] = await callerOf(t.ctx, u);
  // 县财政局 answers with a one-step chain: its clerk's submission is the approval.
  const r = await t.ctx.db.execute<{ id: number }>(sql`insert into users (username, display_name, org_id, password_hash) values ('czcbr', '王财政', ${fin}, 'x') returning id`);
  await t.ctx.db.execute(sql`insert into role_grants (user_id, role, org_id, include_subtree) values (${r.rows[0]!.id}, 'clerk', ${fin}, false)`);
  c.czcbr = await callerOf(t.ctx, 'czcbr');
  const chain = await review.createChain(t.ctx.db, c.gkb!, {
    name: '财政局舆情回应', subjectType: 'opinion_response', recordKind: '', orgId: String(fin), separateActors: true,
    rows: rowsFor([{ key: 'submit', name: '承办人发布', role: 'clerk', scope: 'own_org' }], 0),
  });
  assert.ok(chain.ok, JSON.stringify(chain));
});
after(() => t.drop());

const form = (p: Partial<ResponseValues> = {}): ResponseValues =>
  ({ channel: 'website', text: '经核实，停水系管道抢修所致，已于当日恢复供水。', respondedAt: local(ago(0.1)), url: 'https://www.yunxi.gov.cn/hygq/1', ...p });

test('the review path: submitted by the clerk, returned with an opinion, edited, then approved — deadlines met, next update planned', async () => {
  const id = await confirmedIncident(t.ctx, { leadOrgId: edu, grade: 'large', confirmedAt: ago(2) });
  const bad = await submitResponse(t.ctx, c.yqzy!, id, form());
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.message : '', /承办人起草/, 'only the lead unit’s clerk performs step 0');

  const s = await submitResponse(t.ctx, c.cbr!, id, form({ note: '请审核' }));
  assert.ok(s.ok, JSON.stringify(s));
  assert.equal(s.status, 'in_review');
  const r1 = (await findResponse(t.ctx.db, s.responseId))!;
  assert.deepEqual([r1.status, r1.orgId, r1.title], ['in_review', edu, (await findIncident(t.ctx.db, id))!.title]);
  assert.ok(r1.reviewInstanceId);

  const noOpinion = await reviewResponse(t.ctx, c.sfr!, id, r1.id, { conclusion: 'return' });
  assert.equal(noOpinion.ok, false);
  const ret = await reviewResponse(t.ctx, c.sfr!, id, r1.id, { conclusion: 'return', opinion: '请补充恢复供水的具体时间。' });
  assert.ok(ret.ok);
  assert.equal((await findResponse(t.ctx.db, r1.id))!.status, 'returned');
  assert.equal((await deadlinesOf(t.ctx, id)).find((d) => d.kind === 'response')!.metAt, null, 'a returned response meets nothing');
  assert.equal((await findIncident(t.ctx.db, id))!.status, 'confirmed');

  const again = await submitResponse(t.ctx, c.cbr!, id, form({ responseId: String(r1.id), title: ' 关于城关镇停水情况的说明 ', text: '经核实，停水系管道抢修所致，已于当日 16 时恢复供水。' }));
  assert.ok(again.ok && again.responseId === r1.id && again.status === 'in_review');
  const r2 = (await findResponse(t.ctx.db, r1.id))!;
  assert.equal(r2.title, '关于城关镇停水情况的说明', 'a public title of its own, trimmed');
  assert.notEqual(r2.reviewInstanceId, r1.reviewInstanceId, 'a new review instance');
  const stale = await reviewResponse(t.ctx, c.sfr!, id, r1.id, { conclusion: 'pass', step: 0 });
  assert.equal(stale.ok, false);
  const ok = await reviewResponse(t.ctx, c.sfr!, id, r1.id, { conclusion: 'pass', step: 1 });
  assert.ok(ok.ok && ok.status === 'approved', JSON.stringify(ok));

  const r3 = (await findResponse(t.ctx.db, r1.id))!;
  assert.equal(r3.status, 'approved');
  const ds = await deadlinesOf(t.ctx, id);
  const resp = ds.find((d) => d.kind === 'response')!;
  assert.equal(resp.metByResponseId, r1.id);
  assert.equal(resp.metAt!.getTime(), r3.respondedAt!.getTime(), 'met when it was said');
  const upd = ds.find((d) => d.kind === 'update')!;
  assert.equal(upd.dueAt.getTime(), r3.respondedAt!.getTime() + 48 * HOUR, '较大: next update within 48 h');
  assert.equal((await findIncident(t.ctx.db, id))!.status, 'responding');
  assert.deepEqual(await eventTypes(t.ctx, id), [
    'response_drafted', 'response_submitted', 'response_returned', 'response_drafted', 'response_submitted', 'response_approved', 'responded',
  ]);
  const second = await reviewResponse(t.ctx, c.sfr!, id, r1.id, { conclusion: 'pass' });
  assert.equal(second.ok, false, 'approved once');
});

test('approval at once on a one-step chain; a website answer does not meet the press conference, a conference does', async () => {
  const id = await confirmedIncident(t.ctx, { leadOrgId: fin, grade: 'major', confirmedAt: ago(1) });
  const s = await submitResponse(t.ctx, c.czcbr!, id, form());
  assert.ok(s.ok && s.status === 'approved', JSON.stringify(s));
  let ds = await deadlinesOf(t.ctx, id);
  assert.equal(ds.find((d) => d.kind === 'first_info')!.metByResponseId, s.responseId, '5 h authoritative information met');
  assert.equal(ds.find((d) => d.kind === 'press_conference')!.metAt, null, 'a website answer is no press conference');
  const upd1 = ds.find((d) => d.kind === 'update')!;
  assert.equal(upd1.metAt, null);

  const pc = await submitResponse(t.ctx, c.czcbr!, id, form({ channel: 'press_conference', url: '', respondedAt: local(ago(0)) }));
  assert.ok(pc.ok && pc.status === 'approved');
  ds = await deadlinesOf(t.ctx, id);
  assert.equal(ds.find((d) => d.kind === 'press_conference')!.metByResponseId, pc.responseId);
  assert.equal(ds.find((d) => d.kind === 'first_info')!.metByResponseId, s.responseId, 'an earlier met deadline stays with its response');
  const upd2 = ds.find((d) => d.kind === 'update')!;
  assert.equal(upd2.metAt, null, 'the next update is open again');
  assert.ok(upd2.dueAt.getTime() > upd1.dueAt.getTime(), '重大: every 24 h from the latest information');
  assert.equal((await findResponse(t.ctx.db, pc.responseId))!.url, null);
});

test('refusals: a candidate cannot be answered; another unit cannot answer', async () => {
  const cand = await confirmedIncident(t.ctx, { leadOrgId: edu, grade: 'general', confirmedAt: ago(1), status: 'candidate' });
  const r = await submitResponse(t.ctx, c.cbr!, cand, form());
  assert.equal(!r.ok && r.reason, 'conflict');
  const id = await confirmedIncident(t.ctx, { leadOrgId: edu, grade: 'general', confirmedAt: ago(1) });
  const other = await submitResponse(t.ctx, c.czcbr!, id, form());
  assert.equal(!other.ok && other.reason, 'forbidden');
  assert.equal((await eventTypes(t.ctx, id)).length, 0, 'a refusal writes nothing');
});

test('publishing an approved response, closing needs an evaluation, reopening needs the monitor', async () => {
  const id = await confirmedIncident(t.ctx, { leadOrgId: fin, grade: 'general', confirmedAt: ago(3) });
  const s = await submitResponse(t.ctx, c.czcbr!, id, form());
  assert.ok(s.ok);
  const pub = await setResponsePublished(t.ctx, c.czcbr!, id, s.responseId, true);
  assert.ok(pub.ok && pub.changed);
  assert.ok((await findResponse(t.ctx.db, s.responseId))!.publishedAt);
  assert.ok((await setResponsePublished(t.ctx, c.czcbr!, id, s.responseId, true)).ok, 'idempotent');
  // 一般: one response answers it, no update owed.
  assert.equal((await deadlinesOf(t.ctx, id)).find((d) => d.kind === 'update'), undefined);

  const empty = await closeIncident(t.ctx, c.czcbr!, id, { evaluation: '   ' });
  assert.equal(!empty.ok && empty.reason, 'invalid');
  const closed = await closeIncident(t.ctx, c.czcbr!, id, { evaluation: '回应发布后相关讨论明显减少，群众反映的问题已解决。', rating: 'good' });
  assert.ok(closed.ok);
  const inc = (await findIncident(t.ctx.db, id))!;
  assert.equal(inc.status, 'closed');
  assert.ok(inc.closedAt);
  assert.deepEqual([(inc.evaluation as { rating: string }).rating, (inc.evaluation as { summary: string }).summary.slice(0, 6)], ['good', '回应发布后相']);
  assert.equal((await closeIncident(t.ctx, c.czcbr!, id, { evaluation: '再次办结的评估内容写在这里。' })).ok, false, 'closed once');

  const clerk = await reopenIncident(t.ctx, c.czcbr!, id, '舆情反弹');
  assert.equal(!clerk.ok && clerk.reason, 'forbidden');
  const re = await reopenIncident(t.ctx, c.yqzy!, id, '同一问题在论坛再次集中出现。');
  assert.ok(re.ok && re.status === 'responding');
  const after = (await findIncident(t.ctx.db, id))!;
  assert.deepEqual([after.status, after.closedAt], ['responding', null]);
  assert.deepEqual((await eventTypes(t.ctx, id)).slice(-4), ['responded', 'response_published', 'closed', 'reopened']);
});

test('referral of a rumour to the police: the record is kept and the incident marked as a rumour', async () => {
  const id = await confirmedIncident(t.ctx, { leadOrgId: edu, grade: 'large', confirmedAt: ago(1) });
  const clerk = await referRumour(t.ctx, c.cbr!, id, { agency: 'police', referredOn: '2026-10-01', content: '网传“学校集体食物中毒”系谣言' });
  assert.equal(!clerk.ok && clerk.reason, 'forbidden');
  const r = await referRumour(t.ctx, c.yqzy!, id, { agency: 'police', referredOn: '2026-10-01', content: '网传“学校集体食物中毒”系谣言，已造成恐慌。', referenceNo: '云公网安〔2026〕18号' });
  assert.ok(r.ok);
  const list = await listReferrals(t.ctx.db, id);
  assert.deepEqual(list.map((x) => [x.agency, x.referenceNo, x.actorName]), [['police', '云公网安〔2026〕18号', '韩立新']]);
  assert.equal(list[0]!.referredAt.toISOString(), '2026-09-30T16:00:00.000Z', 'the date as Beijing midnight');
  assert.equal((await findIncident(t.ctx.db, id))!.rumour, true);
  assert.deepEqual(await eventTypes(t.ctx, id), ['referred']);

  const audit = await t.ctx.db.execute<{ action: string }>(sql`select action from audit_log where action like 'opinion.%' order by id`);
  const actions = new Set(audit.rows.map((x) => x.action));
  for (const a of ['opinion.response.create', 'opinion.response.update', 'opinion.response.approve', 'opinion.response.return', 'opinion.response.publish', 'opinion.incident.close', 'opinion.incident.reopen', 'opinion.incident.refer']) {
    assert.ok(actions.has(a), a);
  }
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});
