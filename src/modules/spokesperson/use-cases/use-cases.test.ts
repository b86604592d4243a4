// The spokesperson module on real PostgreSQL with the demo county: filing a change (and the public
// list only showing filed data), the yearly round's confirmation, an evaluation with failings,
// 通报 and 整改 closed by the organisation, expert and account filing; every step audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import { findUserByUsername, toPrincipal } from '../../auth/repo.ts';
import { verifyAudit } from '../../../platform/audit/index.ts';
import type { AppContext } from '../../../app-context.ts';
import * as repo from '../repo.ts';
import { listActiveExperts } from '../experts.ts';
import { seedSpokespersonDemo } from '../demo.ts';
import { fileFiling, returnFiling, submitPerson } from './people.ts';
import { closeYearRound, confirmYearRound, openYearRound } from './rounds.ts';
import { addFailing, closeRectification, decideEvaluation, startEvaluation } from './evaluations.ts';
import { fileExpert, fileMedia, saveExpert, saveMedia } from './registry.ts';
import type { Caller } from './shared.ts';
import type { PersonValues } from '../domain.ts';

let t: TestDb;
let ctx: AppContext;
const org: Record<string, number> = {};
const c: Record<string, Caller> = {};
const NOW = new Date('2026-06-10T10:00:00+08:00');

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  ctx = { ...t.ctx, now: () => NOW };
  for (const o of (await t.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`)).rows) org[o.short_name] = Number(o.id);
  for (const u of ['xcb', 'cbr', 'gkb']) c[u] = { user: await toPrincipal(t.ctx.db, (await findUserByUsername(t.ctx.db, u))!, 'session'), ip: null };
});
after(() => t.drop());

const audits = async (prefix: string) => (await t.ctx.db.execute<{ action: string }>(sql`select action from audit_log where action like ${prefix + '%'} order by id`)).rows.map((r) => r.action);
const person = (over: Partial<PersonValues> = {}): PersonValues =>
  ({ name: '何建平', position: '县教育体育局副局长', basis: 'deputy', officePhone: '0793-5120030', email: null, termFrom: '2026-01-01', termTo: null, ...over });

test('a change is filed by the press office; until then the public list keeps the filed data', async () => {
  const edu = org['县教体局']!;
  assert.equal((await submitPerson(ctx, c.cbr!, org['县财政局']!, 'spokesperson', person())).ok, false, 'a clerk cannot submit for another organisation');
  const s1 = await submitPerson(ctx, c.cbr!, edu, 'spokesperson', person());
  assert.ok(s1.ok);
  assert.equal((await repo.publicPeople(t.ctx.db)).length, 0, 'nothing public before filing');
  // A second submission replaces the pending one instead of adding another.
  const s2 = await submitPerson(ctx, c.cbr!, edu, 'spokesperson', person({ officePhone: '0793-5120031' }));
  assert.ok(s2.ok && s1.ok && s2.filingId === s1.filingId);
  assert.equal((await fileFiling(ctx, c.cbr!, s1.filingId)).ok, false, 'a clerk cannot file');
  const f = await fileFiling(ctx, c.xcb!, s1.filingId);
  assert.ok(f.ok);
  const pub = await repo.publicPeople(t.ctx.db);
  assert.deepEqual(pub.map((p) => [p.name, p.officePhone, p.filedOn]), [['何建平', '0793-5120031', '2026-06-10']]);
  assert.equal((await fileFiling(ctx, c.xcb!, s1.filingId)).ok, false, 'filed once');

  // The same data again is refused; another person replaces the filed one only when filed.
  const same = await submitPerson(ctx, c.cbr!, edu, 'spokesperson', person({ officePhone: '0793-5120031' }));
  assert.equal(same.ok ? '' : same.reason, 'invalid');
  const r = await submitPerson(ctx, c.cbr!, edu, 'spokesperson', person({ name: '罗文斌', officePhone: '0793-5120031' }));
  assert.ok(r.ok);
  const back = await returnFiling(ctx, c.xcb!, r.filingId, '任职文件未附');
  assert.ok(back.ok);
  assert.equal((await repo.publicPeople(t.ctx.db))[0]!.name, '何建平');
  const r2 = await submitPerson(ctx, c.cbr!, edu, 'spokesperson', person({ name: '罗文斌', officePhone: '0793-5120031' }));
  assert.ok(r2.ok);
  const filing = (await repo.listFilings(t.ctx.db, { status: 'pending' }))[0]!;
  assert.equal(filing.kind, 'replace');
  assert.equal(filing.changes, '何建平 改为 罗文斌（县教育体育局副局长）');
  assert.ok((await fileFiling(ctx, c.xcb!, r2.filingId)).ok);
  const all = await t.ctx.db.execute<{ name: string; active: boolean; term_to: string | null }>(sql`select name, active, term_to from spokes_people where org_id = ${edu} order by id`);
  assert.deepEqual(all.rows.map((x) => [x.name, x.active, x.term_to]), [['何建平', false, '2026-06-10'], ['罗文斌', true, null]]);
  assert.deepEqual(await audits('spokesperson.filing'), [
    'spokesperson.filing.submit', 'spokesperson.filing.submit', 'spokesperson.filing.file', 'spokesperson.filing.submit',
    'spokesperson.filing.return', 'spokesperson.filing.submit', 'spokesperson.filing.file',
  ]);
});

test('the yearly round: opened by the press office, confirmed by organisations with both posts filed', async () => {
  const edu = org['县教体局']!;
  assert.equal((await openYearRound(ctx, c.cbr!, 2026, '2026-07-31')).ok, false);
  const bad = await openYearRound(ctx, c.xcb!, 2026, '2026-01-31');
  assert.equal(bad.ok ? '' : bad.fields?.dueOn, '确认截止日期不能早于今天');
  const open = await openYearRound(ctx, c.xcb!, 2026, '2026-07-31');
  assert.ok(open.ok);
  assert.equal((await openYearRound(ctx, c.xcb!, 2027, '2027-07-31')).ok, false, 'one open round at a time');
  const noAssistant = await confirmYearRound(ctx, c.cbr!, edu);
  assert.match(noAssistant.ok ? '' : noAssistant.message, /新闻助理/);
  const a = await submitPerson(ctx, c.cbr!, edu, 'assistant', person({ name: '许佳琪', position: '办公室主任', basis: null }));
  assert.ok(a.ok);
  const pending = await confirmYearRound(ctx, c.cbr!, edu);
  assert.match(pending.ok ? '' : pending.message, /尚待宣传部备案/);
  assert.ok((await fileFiling(ctx, c.xcb!, a.filingId)).ok);
  assert.ok((await confirmYearRound(ctx, c.cbr!, edu)).ok);
  assert.equal((await confirmYearRound(ctx, c.cbr!, edu)).ok, false, 'confirmed once');
  const orgs = await repo.activeOrgs(t.ctx.db);
  assert.equal(await repo.unconfirmedCount(t.ctx.db, open.roundId, orgs.map((o) => o.id)), orgs.length - 1);
  assert.ok((await closeYearRound(ctx, c.xcb!, open.roundId)).ok);
  const late = await confirmYearRound(ctx, c.cbr!, edu);
  assert.match(late.ok ? '' : late.message, /已结束/);
  assert.deepEqual(await audits('spokesperson.round'), ['spokesperson.round.open', 'spokesperson.round.confirm', 'spokesperson.round.close']);
});

test('an evaluation records failings, decides 基本称职 with 通报 and 整改, and the organisation closes the 整改', async () => {
  const p = await repo.activePerson(t.ctx.db, org['县教体局']!, 'spokesperson');
  const e = await startEvaluation(ctx, c.xcb!, p!.id, 2025);
  assert.ok(e.ok);
  assert.equal((await startEvaluation(ctx, c.xcb!, p!.id, 2025)).ok, false, 'one evaluation a year');
  const wrongYear = await addFailing(ctx, c.xcb!, e.evaluationId, { kind: 'evade', occurredOn: '2026-01-03', description: 'x' });
  assert.equal(wrongYear.ok ? '' : wrongYear.fields?.occurredOn, '发生日期应在 2025 年内');
  assert.ok((await addFailing(ctx, c.xcb!, e.evaluationId, { kind: 'evade', occurredOn: '2025-08-12', description: '对学校食堂问题的集中询问未作回应' })).ok);
  const missing = await decideEvaluation(ctx, c.xcb!, e.evaluationId, { result: 'basic', rectifyRequired: '', rectifyDueOn: '' });
  assert.deepEqual(missing.ok ? {} : missing.fields, { rectifyRequired: '有问题记录时须写明整改要求', rectifyDueOn: '请填写整改期限' });
  const competent = await decideEvaluation(ctx, c.xcb!, e.evaluationId, { result: 'competent', rectifyRequired: '完善舆情回应机制', rectifyDueOn: '2026-07-10' });
  assert.equal(competent.ok ? '' : competent.fields?.result, '有问题记录的，评估结果不能为称职');
  assert.equal((await decideEvaluation(ctx, c.cbr!, e.evaluationId, { result: 'basic', rectifyRequired: 'x', rectifyDueOn: '2026-07-10' })).ok, false, 'a clerk cannot decide');
  assert.ok((await decideEvaluation(ctx, c.xcb!, e.evaluationId, { result: 'basic', rectifyRequired: '完善舆情回应机制', rectifyDueOn: '2026-07-10' })).ok);
  const after1 = (await repo.findEvaluation(t.ctx.db, e.evaluationId))!;
  assert.equal(after1.result, 'basic');
  assert.match(after1.noticeText!, /2025-08-12，回避社会关切（对学校食堂问题的集中询问未作回应）。现予以通报批评，并责令立即整改。$/);
  assert.equal((await addFailing(ctx, c.xcb!, e.evaluationId, { kind: 'stall', occurredOn: '2025-09-01', description: 'y' })).ok, false, 'decided: no more failings');
  assert.equal(await repo.openRectifyCount(t.ctx.db, [org['县教体局']!]), 1);
  const empty = await closeRectification(ctx, c.cbr!, e.evaluationId, ' ');
  assert.equal(empty.ok ? '' : empty.fields?.measures, '请填写整改措施和结果');
  assert.ok((await closeRectification(ctx, c.cbr!, e.evaluationId, '建立热点问题周研判制度，已对涉事问题补充发布说明')).ok);
  assert.equal((await repo.findEvaluation(t.ctx.db, e.evaluationId))!.rectifiedOn, '2026-06-10');
  assert.equal(await repo.openRectifyCount(t.ctx.db, [org['县教体局']!]), 0);
  assert.deepEqual(await audits('spokesperson.evaluation'), ['spokesperson.evaluation.create', 'spokesperson.evaluation.failing', 'spokesperson.evaluation.decide', 'spokesperson.evaluation.rectify']);
});

test('experts: contact encrypted and audited masked, listed for other modules once filed; accounts filed', async () => {
  const edu = org['县教体局']!;
  const x = await saveExpert(ctx, c.cbr!, null, { orgId: edu, name: '郑秀华', field: '教育政策', employer: '云溪县第一中学', title: '高级教师', phone: '13907930001', email: null, status: 'active' });
  assert.ok(x.ok);
  const raw = (await t.ctx.db.execute<{ phone_enc: string }>(sql`select phone_enc from spokes_experts where id = ${x.id}`)).rows[0]!;
  assert.ok(!raw.phone_enc.includes('13907930001'));
  const audit = (await t.ctx.db.execute<{ summary: unknown }>(sql`select summary from audit_log where action = 'spokesperson.expert.create'`)).rows[0]!;
  assert.ok(!JSON.stringify(audit.summary).includes('13907930001'));
  assert.deepEqual(await listActiveExperts(t.ctx.db), []);
  assert.ok((await fileExpert(ctx, c.xcb!, x.id)).ok);
  assert.deepEqual(await listActiveExperts(t.ctx.db), [{ id: x.id, name: '郑秀华', field: '教育政策' }]);
  const m = await saveMedia(ctx, c.cbr!, null, { orgId: edu, platform: 'wechat', accountName: '云溪教育', responsible: '李思远', url: null, status: 'operating', lastUpdateOn: '2026-05-01' });
  assert.ok(m.ok);
  assert.equal(await repo.flaggedMediaCount(t.ctx.db, [edu], '2026-05-27'), 1);
  assert.ok((await fileMedia(ctx, c.xcb!, m.id)).ok);
  assert.equal(await repo.flaggedMediaCount(t.ctx.db, [edu], '2026-05-27'), 1, 'still stale');
  assert.equal(await repo.flaggedMediaCount(t.ctx.db, [edu], '2026-05-01'), 0);
  assert.equal((await repo.listMedia(t.ctx.db, { filedOnly: true })).length, 1);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});

test('the demo gives every organisation a filed spokesperson and 新闻助理 (it loads into an empty module only)', async () => {
  await t.ctx.db.execute(sql`truncate spokes_failings, spokes_evaluations, spokes_confirmations, spokes_rounds, spokes_filings, spokes_people, spokes_experts, spokes_media_accounts restart identity cascade`);
  const n = await seedSpokespersonDemo(ctx);
  const orgs = await repo.activeOrgs(t.ctx.db);
  assert.equal(n, orgs.length * 2);
  assert.equal(await seedSpokespersonDemo(ctx), 0);
  assert.equal((await repo.publicPeople(t.ctx.db)).length, orgs.length * 2);
  assert.equal(await repo.pendingCount(t.ctx.db), 1);
  assert.equal((await repo.openRound(t.ctx.db))?.year, 2026);
  assert.ok(await repo.flaggedMediaCount(t.ctx.db, orgs.map((o) => o.id), '2026-05-27') >= 2);
  assert.equal((await listActiveExperts(t.ctx.db)).length, 3);
});
