// Ingestion through the pipeline, on a real database: near duplicates (a Traditional copy, an edited
// copy), grouping related posts into one incident and an unrelated one into another, monitoring-plan
// exclusion and mail, and two concurrent batches with the same new text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { jobStates } from '../../../../test/support/jobs.ts';
import { SYSTEM_ACTOR, verifyAudit } from '../../../platform/audit/index.ts';
import { FLOOD_A, FLOOD_A_LIGHT_EDIT, FLOOD_A_RELATED, FLOOD_A_REPOST, FLOOD_A_TRADITIONAL, SCHOOL_A, SCHOOL_B, WAGE_A } from '../pipeline/samples.fixtures.ts';
import { addPlan, AT, incidentRows, itemRow, minutes, post, source, userWithEmail } from '../ingest.fixtures.ts';
import { ingestItems, type IngestOutcome } from './ingest.ts';

let t: TestDb;
before(async () => {
  t = await createTestDb({ config: { SMTP_HOST: '127.0.0.1', SMTP_PORT: '2525', MAIL_FROM: 'gongkai@yunxi.example.gov.cn' } });
  t.ctx.now = () => minutes(30);
  // The county's gazetteer: a shared place is part of what makes two posts one incident.
  await t.ctx.db.execute(sql`insert into opinion_lexicon_terms (lexicon, term, data) values
    ('gazetteer', '莲塘镇', '{"kind":"乡镇"}'), ('gazetteer', '澄碧湖路', '{"kind":"地标"}')`);
});
after(() => t.drop());

const reset = () => t.ctx.db.execute(sql`truncate opinion_items, opinion_item_bands, opinion_incidents, opinion_events, opinion_counters, opinion_plans restart identity cascade`);
const dup = (r: IngestOutcome) => { assert.equal(r.status, 'duplicate'); return r as Extract<IngestOutcome, { status: 'duplicate' }>; };

test('a Traditional copy, an edited copy and a tagged repost collapse into the first post, counted as its reposts', async () => {
  await reset();
  const a = await source(t.ctx, '微博推送');
  const b = await source(t.ctx, '论坛推送', 'forum');
  const [first] = (await ingestItems(t.ctx, a.id, [post('w1', FLOOD_A)], SYSTEM_ACTOR)).results;
  assert.equal(first!.status, 'new');
  const orig = (first as { itemId: number }).itemId;
  const r = (await ingestItems(t.ctx, b.id, [post('f1', FLOOD_A_TRADITIONAL, minutes(5)), post('f2', FLOOD_A_LIGHT_EDIT, minutes(6)), post('f3', FLOOD_A_REPOST, minutes(7))], SYSTEM_ACTOR)).results;
  for (const x of r) assert.equal(dup(x).duplicateOf, orig);
  assert.equal(dup(r[1]!).kind, 'near', 'a light edit is a near duplicate, not an exact one');
  const o = await itemRow(t.ctx, orig);
  assert.equal(o.repost_count, 3);
  const [inc] = await incidentRows(t.ctx);
  assert.equal(inc!.item_count, 1);
  assert.equal(inc!.repost_count, 3);
  for (const x of r) assert.equal(dup(x).incidentId, inc!.id);
  // Only the original has bands: copies never become candidates themselves.
  const bands = await t.ctx.db.execute<{ item_id: number }>(sql`select distinct item_id from opinion_item_bands`);
  assert.deepEqual(bands.rows.map((x) => Number(x.item_id)), [orig]);
});

test('related posts join one incident; an unrelated post opens another, numbered without gaps; each join has an event and a fresh risk score', async () => {
  await reset();
  const a = await source(t.ctx, '微博推送');
  const s1 = await ingestItems(t.ctx, a.id, [post('x1', FLOOD_A, AT), post('x2', FLOOD_A_RELATED[0]!, minutes(10))], SYSTEM_ACTOR);
  assert.equal(s1.incidentsOpened, 1);
  const ids = s1.results.map((r) => (r as { incidentId: number }).incidentId);
  assert.equal(ids[0], ids[1], 'the second post joins the first one\'s incident');
  const s2 = await ingestItems(t.ctx, a.id, [post('x3', SCHOOL_A, minutes(12)), post('x4', FLOOD_A_RELATED[2]!, minutes(20))], SYSTEM_ACTOR);
  const [school, flood] = s2.results as { incidentId: number }[];
  assert.notEqual(school!.incidentId, ids[0]);
  assert.equal(flood!.incidentId, ids[0]);
  const incs = await incidentRows(t.ctx);
  assert.deepEqual(incs.map((i) => i.no), ['YQ-2026-0001', 'YQ-2026-0002']);
  const f = incs.find((i) => i.id === ids[0])!;
  assert.equal(f.item_count, 3);
  assert.equal(f.status, 'candidate');
  assert.equal(new Date(f.first_item_at).getTime(), AT.getTime());
  assert.equal(new Date(f.last_item_at).getTime(), minutes(20).getTime());
  assert.ok(f.suggested_category, 'the category most of its items point to');
  // The explanation adds up to the score and says which words fired.
  const sum = f.risk_explanation.factors.reduce((x, y) => x + y.contribution, 0);
  assert.equal(f.risk_score, Math.round(sum));
  assert.ok(f.risk_explanation.factors.find((x) => x.factor === 'sensitive')!.terms.includes('被困'));
  const events = await t.ctx.db.execute<{ incident_id: number; type: string }>(sql`select incident_id, type from opinion_events order by id`);
  assert.deepEqual(events.rows.map((e) => e.type), ['opened', 'opened', 'items_added']);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});

test('monitoring plans: an excluded or unmatched item is stored but not grouped; a kept one is grouped and its users told once per incident', async () => {
  await reset();
  const a = await source(t.ctx, '微博推送');
  const uid = await userWithEmail(t.ctx, 'planwatch', 'watch@yunxi.example.gov.cn');
  const plan = await addPlan(t.ctx, { name: '汛情监测', includeGroups: [['暴雨', '积水']], excludeWords: ['演练'], notifyUserIds: [uid] });
  const r = (await ingestItems(t.ctx, a.id, [
    post('p1', FLOOD_A),
    post('p2', '县防汛办今天组织暴雨积水应急演练，请市民不要惊慌，演练期间部分道路临时封闭。'),
    post('p3', WAGE_A),
  ], SYSTEM_ACTOR)).results as { status: string; itemId: number; incidentId: number | null }[];
  assert.deepEqual(r.map((x) => x.status), ['new', 'new', 'new']);
  assert.ok(r[0]!.incidentId);
  assert.equal(r[1]!.incidentId, null);
  assert.equal(r[2]!.incidentId, null);
  assert.deepEqual((await itemRow(t.ctx, r[0]!.itemId)).plan_ids, [plan]);
  assert.deepEqual((await itemRow(t.ctx, r[1]!.itemId)).plan_ids, []);
  assert.equal((await jobStates(t.ctx, 'mail.send')).created, 1);
  // Another kept post joining the same incident: no second mail.
  await ingestItems(t.ctx, a.id, [post('p4', FLOOD_A_RELATED[0]!, minutes(3))], SYSTEM_ACTOR);
  assert.equal((await jobStates(t.ctx, 'mail.send')).created, 1);
  const n = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_events where type = 'plan_notified'`);
  assert.equal(n.rows[0]!.n, 1);
  // With no active plan, everything is kept again.
  await t.ctx.db.execute(sql`update opinion_plans set active = false`);
  const [w] = (await ingestItems(t.ctx, a.id, [post('p5', SCHOOL_B)], SYSTEM_ACTOR)).results as { incidentId: number | null }[];
  assert.ok(w!.incidentId);
});

test('two batches with the same new text at once: one original, one duplicate, one incident', async () => {
  await reset();
  const a = await source(t.ctx, '并发A');
  const b = await source(t.ctx, '并发B');
  const [ra, rb] = await Promise.all([
    ingestItems(t.ctx, a.id, [post('c1', SCHOOL_A)], SYSTEM_ACTOR),
    ingestItems(t.ctx, b.id, [post('c1', SCHOOL_A)], SYSTEM_ACTOR),
  ]);
  const statuses = [ra.results[0]!.status, rb.results[0]!.status].sort();
  assert.deepEqual(statuses, ['duplicate', 'new']);
  const originals = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_items where duplicate_of_id is null`);
  assert.equal(originals.rows[0]!.n, 1);
  const incs = await incidentRows(t.ctx);
  assert.equal(incs.length, 1);
  assert.equal(incs[0]!.repost_count, 1);
});

test('the same key twice in one batch is one item; a copy inside the batch collapses into the batch\'s own original', async () => {
  await reset();
  const a = await source(t.ctx, '微博推送');
  const r = (await ingestItems(t.ctx, a.id, [post('k1', FLOOD_A), post('k1', FLOOD_A), post('k2', FLOOD_A_LIGHT_EDIT)], SYSTEM_ACTOR)).results;
  assert.equal(r[0]!.status, 'new');
  const first = (r[0] as { itemId: number }).itemId;
  assert.equal(dup(r[1]!).kind, 'same_key');
  assert.equal(dup(r[1]!).itemId, first);
  assert.equal(dup(r[2]!).duplicateOf, first);
  assert.equal((await itemRow(t.ctx, first)).repost_count, 1);
});
