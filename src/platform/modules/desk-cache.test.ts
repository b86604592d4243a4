// The desk (navigation badges, 工作台) reused for a few seconds: a change committed in this process
// shows at once, one made elsewhere within the TTL; keys hold the user's scope; a failed module's
// desk is not kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { withTx } from '../db/index.ts';
import { submitApplication } from '../../modules/requests/intake.ts';
import { sampleApplication } from '../../modules/requests/application.fixtures.ts';
import { cachedDesk, deskChanged, deskKey, DESK_TTL_MS } from './desk-cache.ts';
import type { DeskGroup } from './index.ts';

let s: TestServer;
let gkb: Client;
let orgId = 0;
let seq = 0;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  gkb = new Client(s.baseUrl);
  await gkb.login('gkb', s.password('gkb'));
  orgId = Number((await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`)).rows[0].id);
});
after(() => s.close());

/** The 依申请公开 badge in the navigation (0 when none). */
async function badge(): Promise<number> {
  const r = await gkb.get('/admin/calendar');
  assert.equal(r.status, 200);
  const nav = /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(r.text)?.[0] ?? '';
  const m = /<a href="\/admin\/requests"[^>]*>依申请公开(?: <span class="nav-badge">(\d+)<span class="visually-hidden">项待办<\/span><\/span>)?<\/a>/.exec(nav);
  assert.ok(m, 'nav entry present');
  return Number(m[1] ?? 0);
}

test('a committed change shows at once on the next page; a write outside withTx (another process) waits for the TTL or the next commit', async () => {
  const before = await badge();
  const online = await submitApplication(s.ctx, sampleApplication(orgId, ++seq), { ip: null });
  assert.ok(online.ok);
  assert.equal(await badge(), before + 1, 'the submission committed through withTx: forgotten at once');

  // As another process would: the case leaves 待确认收到 without this process committing anything.
  await s.ctx.db.execute(sql`update request_cases set status = 'handling', received_on = current_date where tracking_no = ${online.ok ? online.trackingNo : ''}`);
  assert.equal(await badge(), before + 1, 'within the TTL the cached desk is shown');
  await withTx(s.ctx.db, async () => undefined);
  assert.equal(await badge(), before, 'any commit in the process forgets it');

  // A form post forgets it too (here a refused one: the hook runs after every non-GET handler).
  await s.ctx.db.execute(sql`update request_cases set status = 'submitted', received_on = null where tracking_no = ${online.ok ? online.trackingNo : ''}`);
  assert.equal(await badge(), before, 'cached');
  const posted = await gkb.post('/admin/requests/new', { infoDescription: '' });
  assert.equal(posted.status, 422, 'a form sent back with errors');
  assert.equal(await badge(), before + 1);
});

const group = (n: number): DeskGroup[] => [{ module: 'm', title: '模块', items: [{ label: '待办', count: n, href: '/admin/x', tone: 'info', nav: '/admin/x' }] }];

test('cachedDesk: reused within DESK_TTL_MS for the same key, recomputed after it, after deskChanged and for another key', async () => {
  const db = {};
  let calls = 0;
  const compute = async () => ({ desk: group(++calls), complete: true });
  const t = 1_000_000;
  assert.equal((await cachedDesk(db, 'a', compute, t))[0].items[0].count, 1);
  assert.equal((await cachedDesk(db, 'a', compute, t + DESK_TTL_MS - 1))[0].items[0].count, 1);
  assert.equal((await cachedDesk(db, 'b', compute, t + 1))[0].items[0].count, 2, 'another user or scope');
  assert.equal((await cachedDesk(db, 'a', compute, t + DESK_TTL_MS))[0].items[0].count, 3, 'expired');
  deskChanged();
  assert.equal((await cachedDesk(db, 'a', compute, t + DESK_TTL_MS + 1))[0].items[0].count, 4, 'forgotten');
  assert.ok(Object.isFrozen((await cachedDesk(db, 'a', compute, t + DESK_TTL_MS + 2))[0].items[0]), 'shared, so frozen');
  // Another database (a second app in the same process) never shares entries.
  assert.equal((await cachedDesk({}, 'a', compute, t + DESK_TTL_MS + 2))[0].items[0].count, 5);
});

test('cachedDesk: a desk with a failed module, or a failed computation, is answered but not kept; concurrent views share one', async () => {
  const db = {};
  let calls = 0;
  const t = 2_000_000;
  const partial = async () => ({ desk: group(++calls), complete: false });
  await cachedDesk(db, 'a', partial, t);
  await cachedDesk(db, 'a', partial, t + 1);
  assert.equal(calls, 2);
  await assert.rejects(cachedDesk(db, 'b', async () => { calls++; throw new Error('down'); }, t));
  await cachedDesk(db, 'b', async () => ({ desk: group(++calls), complete: true }), t + 1);
  assert.equal(calls, 4, 'the failure was not kept');
  const slow = async () => { calls++; await new Promise((r) => setTimeout(r, 10)); return { desk: group(calls), complete: true }; };
  await Promise.all([cachedDesk(db, 'c', slow, t), cachedDesk(db, 'c', slow, t), cachedDesk(db, 'c', slow, t)]);
  assert.equal(calls, 5);
});

test('deskKey: the user, her organisation, the day and every grant with the organisations it covers', () => {
  const u = { id: 7, orgId: 3, grants: [{ role: 'clerk', orgId: 3, includeSubtree: false, orgIds: [3] }] };
  const k = deskKey(u, '2026-12-07');
  assert.notEqual(deskKey({ ...u, id: 8 }, '2026-12-07'), k);
  assert.notEqual(deskKey(u, '2026-12-08'), k);
  assert.notEqual(deskKey({ ...u, grants: [{ ...u.grants[0], orgIds: [3, 4] }] }, '2026-12-07'), k);
  assert.notEqual(deskKey({ ...u, grants: [...u.grants, { role: 'dept_reviewer', orgId: 3, includeSubtree: false, orgIds: [3] }] }, '2026-12-07'), k);
  assert.equal(deskKey({ ...u }, '2026-12-07'), k);
});
