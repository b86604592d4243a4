// The queue's cached tab counts: a clerk's own transition shows at once (forgotten after the commit),
// each user's counts stay within her scope, and a write the process did not make shows within the TTL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import * as authRepo from '../auth/repo.ts';
import { scopeOf } from '../auth/policy.ts';
import { confirmReceipt, registerOffline, submitApplication, type ApplicationInput } from './intake.ts';
import { activeOrgs, handlersInScope, queueFilterChoices, type QueueFilter } from './repo.ts';
import { cachedFilterChoices, cachedStatusCounts, COUNTS_TTL_MS, countsKey } from './queue-counts.ts';
import { withTx } from '../../platform/db/index.ts';
import { sampleApplication } from './application.fixtures.ts';

let s: TestServer;
const c: Record<string, Client> = {};
const org: Record<string, number> = {};
let seq = 0;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  for (const n of ['cbr', 'gkb']) { c[n] = new Client(s.baseUrl); await c[n].login(n, s.password(n)); }
  const r = await s.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = o.id;
});
after(() => s.close());

const app = (p: ApplicationInput = {}): ApplicationInput => sampleApplication(org['县教体局'], ++seq, p);
const principal = async (username: string) => authRepo.toPrincipal(s.ctx.db, (await authRepo.findUserByUsername(s.ctx.db, username))!, 'session');

async function staffCase(p: ApplicationInput = {}): Promise<number> {
  const r = await registerOffline(s.ctx, await principal('gkb'), { ...app(p), channel: 'in_person' });
  assert.ok(r.ok, JSON.stringify(r));
  return r.ok ? r.caseId : 0;
}

/** The number in a tab's label, e.g. 办理中（3）. */
const tab = (html: string, label: string) => Number(new RegExp(`${label}（(\\d+)）`).exec(html)?.[1] ?? NaN);

test('a clerk sees her own transition in the tab counts at once, although the counts are cached', async () => {
  const id = await staffCase();
  const before = await c.cbr.get('/admin/requests');
  const handling = tab(before.text, '办理中');
  const awaiting = tab(before.text, '待申请人补正');
  assert.ok(handling >= 1);
  const page = await c.cbr.get(`/admin/requests/${id}`);
  const version = /name="version" value="(\d+)"/.exec(page.text)![1];
  const sent = await c.cbr.post(`/admin/requests/${id}/correction`, { version, corr_content: '请写明工程名称和年度', corr_confirm: '1' });
  assert.equal(sent.status, 303, sent.text.slice(0, 300));
  // Well within COUNTS_TTL_MS of the first view: only the forgetting after the commit makes this true.
  const afterwards = await c.cbr.get('/admin/requests');
  assert.equal(tab(afterwards.text, '办理中'), handling - 1);
  assert.equal(tab(afterwards.text, '待申请人补正'), awaiting + 1);
  assert.equal(tab((await c.cbr.get('/admin/requests?status=awaiting_supplement')).text, '待申请人补正'), awaiting + 1);
});

test('a new online application and its confirmation show at once', async () => {
  const first = tab((await c.gkb.get('/admin/requests')).text, '待确认收到');
  const online = await submitApplication(s.ctx, app(), { ip: null });
  assert.ok(online.ok);
  assert.equal(tab((await c.gkb.get('/admin/requests')).text, '待确认收到'), first + 1);
  const confirmed = online.ok ? await confirmReceipt(s.ctx, await principal('gkb'), online.caseId, '') : null;
  assert.deepEqual(confirmed, { ok: true });
  assert.equal(tab((await c.gkb.get('/admin/requests')).text, '待确认收到'), first);
});

test('counts are cached per scope: the county office’s numbers are never shown to a unit’s clerk', async () => {
  await staffCase({ orgId: String(org['县财政局']) });
  const county = await c.gkb.get('/admin/requests');
  const unit = await c.cbr.get('/admin/requests');
  const [cbrP, gkbP] = [await principal('cbr'), await principal('gkb')];
  const own = (await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases
    where status = 'handling' and org_id = any(${'{' + [...scopeOf(cbrP, 'request.read')].join(',') + '}'}::int[])`)).rows[0].n;
  const all = (await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases
    where status = 'handling' and org_id = any(${'{' + [...scopeOf(gkbP, 'request.read')].join(',') + '}'}::int[])`)).rows[0].n;
  assert.ok(all > own, 'the county sees more cases than the unit');
  assert.equal(tab(county.text, '办理中'), all);
  assert.equal(tab(unit.text, '办理中'), own);
  // The key holds the scope, whatever its order or repeats, and every other filter.
  const f: QueueFilter = { scope: [3, 1, 2, 1], status: 'open' };
  assert.equal(countsKey(f), countsKey({ scope: new Set([1, 2, 3]), status: 'closed' }));
  assert.notEqual(countsKey(f), countsKey({ scope: [1, 2] }));
  assert.notEqual(countsKey(f), countsKey({ ...f, handlerId: 5 }));
  assert.notEqual(countsKey(f), countsKey({ ...f, overdueBefore: '2026-12-03' }));
  // 不含已超期 (dueFrom) once shared the unfiltered queue's counts.
  assert.notEqual(countsKey(f), countsKey({ ...f, dueFrom: '2026-12-03' }));
  assert.equal(countsKey({ ...f, orgId: null, unassigned: false }), countsKey(f));
});

test('a write this process did not make (another server, a script) shows within COUNTS_TTL_MS', async () => {
  const id = await staffCase();
  const f: QueueFilter = { scope: [org['县教体局']], status: 'open' };
  const t0 = Date.now() + 60_000; // a moment no other test has cached at
  const first = await cachedStatusCounts(s.ctx.db, f, t0);
  await s.ctx.db.execute(sql`update request_cases set status = 'consulting' where id = ${id}`);
  const soon = await cachedStatusCounts(s.ctx.db, f, t0 + COUNTS_TTL_MS - 1);
  assert.deepEqual(soon, first, 'reused within the TTL');
  const later = await cachedStatusCounts(s.ctx.db, f, t0 + COUNTS_TTL_MS);
  assert.equal(later.handling, first.handling - 1);
  assert.equal(later.consulting ?? 0, (first.consulting ?? 0) + 1);
  assert.throws(() => { (later as Record<string, number>).handling = 0; }, 'a shared result cannot be changed by one view');
  await s.ctx.db.execute(sql`update request_cases set status = 'handling' where id = ${id}`);
});

test('the filter choices in one statement are the active organisations in scope and their handlers', async () => {
  for (const scope of [[org['县教体局']], [org['县教体局'], org['县财政局']], [...scopeOf(await principal('gkb'), 'request.read')], []]) {
    const got = await queueFilterChoices(s.ctx.db, scope);
    assert.deepEqual(got.orgs, (await activeOrgs(s.ctx.db)).filter((o) => scope.includes(o.id)));
    assert.deepEqual(got.handlers, await handlersInScope(s.ctx.db, scope));
  }
});

test('the filter choices are reused per scope within COUNTS_TTL_MS and forgotten after any commit of the process', async () => {
  const scope = [org['县财政局'], org['县教体局']];
  const t0 = Date.now() + 120_000;
  const first = await cachedFilterChoices(s.ctx.db, scope, t0);
  assert.deepEqual(first, await queueFilterChoices(s.ctx.db, scope));
  assert.ok(Object.isFrozen(first.orgs), 'shared by every view');
  const name = first.orgs.find((o) => o.id === org['县财政局'])!.name;
  try {
    // As another process would rename it: not seen within the TTL …
    await s.ctx.db.execute(sql`update org_units set name = ${name + '（测试）'} where id = ${org['县财政局']}`);
    assert.equal(await cachedFilterChoices(s.ctx.db, [...scope].reverse(), t0 + 1), first, 'the same scope in another order');
    assert.equal((await cachedFilterChoices(s.ctx.db, scope, t0 + COUNTS_TTL_MS)).orgs.find((o) => o.id === org['县财政局'])!.name, name + '（测试）', 'after the TTL');
    // … and at once after a commit in this process (an organisation renamed through its use case commits through withTx).
    await s.ctx.db.execute(sql`update org_units set name = ${name} where id = ${org['县财政局']}`);
    await withTx(s.ctx.db, async () => undefined);
    assert.equal((await cachedFilterChoices(s.ctx.db, scope, t0 + COUNTS_TTL_MS + 1)).orgs.find((o) => o.id === org['县财政局'])!.name, name);
    // Another scope never gets these lists.
    assert.deepEqual((await cachedFilterChoices(s.ctx.db, [org['县教体局']], t0 + COUNTS_TTL_MS + 1)).orgs.map((o) => o.id), [org['县教体局']]);
  } finally {
    await s.ctx.db.execute(sql`update org_units set name = ${name} where id = ${org['县财政局']}`);
  }
});
