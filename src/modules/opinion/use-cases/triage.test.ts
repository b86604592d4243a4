// 研判 and assignment on real PostgreSQL with the demo county: every transition, its event, audit
// row, version and refusals (stale version, wrong status, missing permission).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import { findUserByUsername, toPrincipal } from '../../auth/repo.ts';
import { SYSTEM_ACTOR, verifyAudit } from '../../../platform/audit/index.ts';
import type { AppContext } from '../../../app-context.ts';
import { AT, minutes, post, source } from '../ingest.fixtures.ts';
import { FLOOD_A, FLOOD_C, FOOD_A, SCHOOL_A, SCHOOL_B, WAGE_A } from '../pipeline/samples.fixtures.ts';
import { ingestItems } from './ingest.ts';
import * as repo from '../incidents.repo.ts';
import { confirmIncident, dismissIncident, escalateIncident, regradeIncident } from './triage.ts';
import { mergeIncident, splitIncident } from './triage-merge.ts';
import { assignIncident, SEVERAL_NEED_OFFICE } from './assign.ts';
import { createManualIncident } from './manual-entry.ts';
import { STALE_MESSAGE, type Caller } from './triage-shared.ts';

let t: TestDb;
const org: Record<string, number> = {};
const c: Record<string, Caller> = {};
const NOW = new Date('2026-10-01T10:00:00+08:00');
let ctx: AppContext;

before(async () => {
  t = await createTestDb({ config: { SMTP_HOST: '127.0.0.1', SMTP_PORT: '9', MAIL_FROM: 'gongkai@yunxi.example.gov.cn' } });
  await seedDemo(t.ctx);
  ctx = { ...t.ctx, now: () => NOW };
  for (const o of (await t.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`)).rows) org[o.short_name] = Number(o.id);
  for (const u of ['yqzy', 'gkb', 'cbr']) {
    const user = await toPrincipal(t.ctx.db, (await findUserByUsername(t.ctx.db, u))!, 'session');
    c[u] = { user, ip: null };
  }
  await t.ctx.db.execute(sql`insert into opinion_duty_contacts (org_id, name, position, phone_enc) values (${org['县委网信办']}, '王值班', '值班室主任', ${t.ctx.fieldCipher.encrypt('13800138000')})`);
});
after(() => t.drop());

async function incidentOf(externalIds: [string, string][], minute = 0): Promise<number> {
  const s = await source(ctx, '测试微博');
  const r = await ingestItems(ctx, s.id, externalIds.map(([id, text], k) => post(id, text, minutes(minute + k))), SYSTEM_ACTOR);
  const first = r.results[0]!;
  assert.equal(first.status, 'new');
  return (first as { incidentId: number }).incidentId;
}

const inc = async (id: number) => (await repo.findIncident(t.ctx.db, id))!;
const events = async (id: number) => (await repo.incidentEvents(t.ctx.db, id)).map((e) => e.type);
const mails = async () => (await t.ctx.database.pool.query<{ data: { to: string[]; subject: string; text: string } }>(`select data from pgboss.job where name = 'mail.send' order by created_on`)).rows.map((r) => r.data);

test('merge moves every item and marks the source merged; split moves chosen items (with reposts) to a new candidate', async () => {
  const a = await incidentOf([['m1', FLOOD_A]], 0);
  const b = await incidentOf([['m4', FOOD_A]], 10);
  assert.notEqual(a, b);
  const bi = await inc(b);
  const self = await mergeIncident(ctx, c.yqzy!, b, { version: bi.version, target: bi.no });
  assert.equal(self.ok ? '' : self.reason, 'invalid');
  const stale = await mergeIncident(ctx, c.yqzy!, b, { version: bi.version - 1, target: (await inc(a)).no });
  assert.equal(stale.ok ? '' : stale.message, STALE_MESSAGE);
  const m = await mergeIncident(ctx, c.yqzy!, b, { version: bi.version, target: (await inc(a)).no.toLowerCase() });
  assert.ok(m.ok);
  const src = await inc(b);
  assert.deepEqual([src.status, src.mergedIntoId, src.itemCount, src.version], ['merged', a, 0, bi.version + 1]);
  assert.equal((await inc(a)).itemCount, 2);
  assert.equal((await events(b)).at(-1), 'merged');
  assert.equal((await events(a)).at(-1), 'merged');

  const ai = await inc(a);
  const items = await repo.incidentItems(t.ctx.db, a);
  const all = await splitIncident(ctx, c.yqzy!, a, { version: ai.version, itemIds: items.map((x) => x.id) });
  assert.equal(all.ok ? '' : all.reason, 'invalid');
  const food = items.find((x) => x.text === FOOD_A)!;
  const sp = await splitIncident(ctx, c.yqzy!, a, { version: ai.version, itemIds: [food.id], title: '幼儿园食材问题' });
  assert.ok(sp.ok);
  const fresh = await inc(sp.newId);
  assert.deepEqual([fresh.status, fresh.title, fresh.itemCount], ['candidate', '幼儿园食材问题', 1]);
  assert.equal((await inc(a)).itemCount, 1);
  assert.equal((await inc(a)).version, ai.version + 1);
  assert.deepEqual(await events(sp.newId), ['split']);
});

test('confirm: grade and category set, clocks start, the correction is kept, 重大 is reported upward with the duty contacts', async () => {
  const id = await incidentOf([['c1', FLOOD_C]], 100);
  const before = await inc(id);
  assert.equal(before.status, 'candidate');
  assert.ok(before.suggestedGrade);
  const stale = await confirmIncident(ctx, c.yqzy!, id, { version: before.version + 1, grade: 'major', category: 'emergency' });
  assert.deepEqual(stale.ok ? null : [stale.reason, stale.message], ['stale', STALE_MESSAGE]);
  const forbidden = await confirmIncident(ctx, c.cbr!, id, { version: before.version, grade: 'major', category: 'emergency' });
  assert.equal(forbidden.ok ? '' : forbidden.reason, 'forbidden');

  const r = await confirmIncident(ctx, c.yqzy!, id, { version: before.version, grade: 'major', category: 'emergency', reason: '已有人员被困' });
  assert.ok(r.ok);
  const after = await inc(id);
  assert.deepEqual([after.status, after.grade, after.category, after.version], ['confirmed', 'major', 'emergency', before.version + 1]);
  assert.equal(after.confirmedAt!.getTime(), NOW.getTime());
  const ds = await repo.incidentDeadlines(t.ctx.db, id);
  assert.deepEqual(ds.map((d) => [d.kind, (d.dueAt.getTime() - NOW.getTime()) / 3_600_000]), [['first_info', 5], ['press_conference', 24]]);
  const corr = await repo.correctionsOf(t.ctx.db, id);
  assert.ok(corr.some((x) => x.field === 'grade' && x.suggested === before.suggestedGrade && x.chosen === 'major' && x.reason === '已有人员被困'));
  assert.deepEqual((await events(id)).slice(-2), ['confirmed', 'notified']);
  // The timeline names the person, not the login name (the audit keeps that).
  assert.deepEqual((await repo.incidentEvents(t.ctx.db, id)).slice(-2).map((e) => e.actorName), ['韩立新', '韩立新']);
  const m = (await mails()).find((x) => x.subject.includes(after.no))!;
  assert.ok(m, 'a mail names the incident');
  assert.match(m.subject, /重大/);
  assert.match(m.text, /王值班　13800138000/);
  // The office (gkb, 县政府办) and the cyberspace office (yqzy, 县委网信办) receive it.
  assert.deepEqual([...m.to].sort(), ['gkb@yunxi.example.gov.cn', 'yqzy@yunxi.example.gov.cn']);
  const again = await confirmIncident(ctx, c.yqzy!, id, { version: after.version, grade: 'major', category: 'emergency' });
  assert.equal(again.ok ? '' : again.reason, 'conflict');
});

test('regrade: a downgrade never buys time, kinds no longer owed are removed; unchanged is refused', async () => {
  const id = await incidentOf([['r1', SCHOOL_A]], 150);
  let i = await inc(id);
  assert.ok((await confirmIncident(ctx, c.yqzy!, id, { version: i.version, grade: 'general', category: 'policy_misread' })).ok);
  i = await inc(id);
  const same = await regradeIncident(ctx, c.yqzy!, id, { version: i.version, grade: 'general', category: 'policy_misread' });
  assert.equal(same.ok ? '' : same.reason, 'invalid');
  const later = { ...ctx, now: () => new Date(NOW.getTime() + 3_600_000) };
  const up = await regradeIncident(later, c.yqzy!, id, { version: i.version, grade: 'extreme', category: 'policy_misread' });
  assert.ok(up.ok);
  const kinds = (await repo.incidentDeadlines(t.ctx.db, id)).map((d) => d.kind);
  assert.deepEqual(kinds, ['first_info', 'press_conference']);
  assert.deepEqual((await events(id)).slice(-2), ['regraded', 'notified']);
  i = await inc(id);
  const down = await regradeIncident(later, c.yqzy!, id, { version: i.version, grade: 'large', category: 'policy_misread' });
  assert.ok(down.ok);
  const ds = await repo.incidentDeadlines(t.ctx.db, id);
  assert.deepEqual(ds.map((d) => d.kind), ['response']);
  assert.equal((ds[0]!.dueAt.getTime() - later.now().getTime()) / 3_600_000, 48);
});

test('dismiss needs a reason; a dismissed incident takes no more 研判', async () => {
  const id = await incidentOf([['d1', WAGE_A]], 200);
  const i = await inc(id);
  const empty = await dismissIncident(ctx, c.yqzy!, id, { version: i.version, reason: ' ' });
  assert.equal(empty.ok ? '' : empty.reason, 'invalid');
  assert.ok((await dismissIncident(ctx, c.yqzy!, id, { version: i.version, reason: '与本县无关' })).ok);
  const after = await inc(id);
  assert.deepEqual([after.status, after.dismissReason, after.version], ['dismissed', '与本县无关', i.version + 1]);
  const esc = await escalateIncident(ctx, c.yqzy!, id, { version: after.version, note: '上报' });
  assert.equal(esc.ok ? '' : esc.reason, 'conflict');
});

test('assign: one lead by the monitor; several units only by the government office; a correction when routing suggested another', async () => {
  const id = await incidentOf([['a1', SCHOOL_B]], 500);
  let i = await inc(id);
  const several = await assignIncident(ctx, c.yqzy!, id, { version: i.version, leadOrgId: org['县教体局']!, coOrgIds: [org['县财政局']!] });
  assert.deepEqual(several.ok ? null : several.fields, { co: SEVERAL_NEED_OFFICE });
  assert.ok((await assignIncident(ctx, c.yqzy!, id, { version: i.version, leadOrgId: org['县教体局']!, coOrgIds: [] })).ok);
  i = await inc(id);
  assert.ok((await assignIncident(ctx, c.gkb!, id, { version: i.version, leadOrgId: org['县教体局']!, coOrgIds: [org['县财政局']!, org['县教体局']!] })).ok);
  i = await inc(id);
  assert.deepEqual([i.leadOrgId, i.coOrgIds], [org['县教体局'], [org['县财政局']]]);
  assert.equal((await events(id)).filter((e) => e === 'assigned').length, 2);
  assert.deepEqual((await repo.incidentEvents(t.ctx.db, id)).filter((e) => e.type === 'assigned').map((e) => e.actorName), ['韩立新', '周文清']);
});

test('manual entry of a 上级交办 task: own incident, encrypted author, the higher deadline runs before 研判 and is kept at confirm', async () => {
  const due = new Date(NOW.getTime() + 12 * 3_600_000);
  const missing = await createManualIncident(ctx, c.yqzy!, { title: '市政府交办', text: '请核查澄碧湖路积水', sourceName: '', mediaType: 'higher', origin: 'higher_task', higherDeadline: null, url: null, author: null, publishedAt: null });
  assert.equal(missing.ok ? '' : missing.fields?.higherDeadline, '上级交办的舆情须填写交办时限');
  const r = await createManualIncident(ctx, c.yqzy!, {
    title: '市政府办公室交办：澄碧湖路积水问题', text: '请县政府于今日内核查澄碧湖路积水和排水管道问题并向社会回应。', sourceName: '市政府办公室', mediaType: 'higher', origin: 'higher_task',
    higherDeadline: due, url: null, author: '张三', publishedAt: null,
  });
  assert.ok(r.ok);
  const i = await inc(r.incidentId);
  assert.deepEqual([i.status, i.origin, i.suggestedCategory, i.itemCount], ['candidate', 'higher_task', 'higher_request', 1]);
  const items = await repo.incidentItems(t.ctx.db, i.id);
  assert.equal(items.length, 1);
  assert.equal(t.ctx.fieldCipher.decrypt(items[0]!.authorEnc!), '张三');
  assert.deepEqual((await repo.incidentDeadlines(t.ctx.db, i.id)).map((d) => [d.kind, d.dueAt.getTime()]), [['higher_task', due.getTime()]]);
  assert.ok((await confirmIncident(ctx, c.yqzy!, i.id, { version: i.version, grade: 'general', category: 'higher_request' })).ok);
  assert.deepEqual((await repo.incidentDeadlines(t.ctx.db, i.id)).map((d) => d.kind), ['higher_task', 'response']);
  assert.deepEqual(await events(i.id), ['created', 'confirmed']);
});

test('every change is in the audit chain', async () => {
  const r = await t.ctx.db.execute<{ action: string }>(sql`select distinct action from audit_log where action like 'opinion.incident.%' order by 1`);
  assert.deepEqual(r.rows.map((x) => x.action), [
    'opinion.incident.assign', 'opinion.incident.confirm', 'opinion.incident.create', 'opinion.incident.dismiss', 'opinion.incident.merge',
    'opinion.incident.regrade', 'opinion.incident.split',
  ]);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
  void AT;
});
