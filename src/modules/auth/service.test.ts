import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import * as service from './service.ts';
import { verifyAudit } from '../../platform/audit/index.ts';

let t: TestDb;
let pw: (u: string) => string;
before(async () => {
  t = await createTestDb();
  const accounts = (await seedDemo(t.ctx))!;
  pw = (u) => accounts.find((a) => a.username === u)!.password;
});
after(() => t.drop());

const attempt = (username: string, password: string) =>
  service.login(t.ctx.db, { username, password, ip: '127.0.0.1', userAgent: 'test', maxHours: 12 });

test('a correct password signs in and creates a session that resolves to the principal', async () => {
  const r = await attempt('gkb', pw('gkb'));
  assert.equal(r.ok, true);
  if (!r.ok) return;
  const p = await service.principalFromSession(t.ctx.db, r.token, 30);
  assert.equal(p?.username, 'gkb');
  assert.ok(p!.grants.some((g) => g.role === 'disclosure_office' && g.orgIds.length > 5), 'subtree grant covers the departments');
});

test('five wrong passwords lock the account for 15 minutes, even for the right password', async () => {
  for (let i = 1; i <= 4; i++) {
    const r = await attempt('cbr', 'wrong-Password-1');
    assert.equal(r.ok, false);
    if (!r.ok) { assert.equal(r.reason, 'invalid'); assert.equal(r.message, '用户名或密码错误。', 'no count of tries left: it would tell a real account from an unknown one'); }
  }
  const fifth = await attempt('cbr', 'wrong-Password-1');
  assert.equal(fifth.ok, false);
  if (!fifth.ok) { assert.equal(fifth.reason, 'locked'); assert.match(fifth.message, /锁定/); }
  const right = await attempt('cbr', pw('cbr'));
  assert.equal(right.ok, false);
  if (!right.ok) assert.equal(right.reason, 'locked');
  const until = await t.ctx.db.execute<{ m: number }>(sql`select extract(epoch from locked_until - now()) / 60 as m from users where username = 'cbr'`);
  assert.ok(Number(until.rows[0].m) > 14 && Number(until.rows[0].m) <= 15);
});

test('unknown users get the same answer as a wrong password', async () => {
  const r = await attempt('nobody', 'whatever-1A');
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.message, '用户名或密码错误。');
});

test('an idle session expires', async () => {
  const r = await attempt('shr', pw('shr'));
  assert.ok(r.ok);
  if (!r.ok) return;
  await t.ctx.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where username = 'shr')`);
  assert.equal(await service.principalFromSession(t.ctx.db, r.token, 30), null);
});

test('a page view refreshes last_seen_at at most once a minute, and an active session stays alive', async () => {
  const r = await attempt('sfr', pw('sfr'));
  assert.ok(r.ok);
  if (!r.ok) return;
  const seen = async () => (await t.ctx.db.execute<{ s: number }>(sql`select extract(epoch from now() - last_seen_at) as s from sessions where user_id = (select id from users where username = 'sfr')`)).rows[0]!.s;
  await t.ctx.db.execute(sql`update sessions set last_seen_at = now() - interval '30 seconds' where user_id = (select id from users where username = 'sfr')`);
  assert.ok(await service.principalFromSession(t.ctx.db, r.token, 30));
  assert.ok(Number(await seen()) >= 29, 'not rewritten within the minute');
  await t.ctx.db.execute(sql`update sessions set last_seen_at = now() - interval '20 minutes' where user_id = (select id from users where username = 'sfr')`);
  assert.ok(await service.principalFromSession(t.ctx.db, r.token, 30));
  assert.ok(Number(await seen()) < 5, 'refreshed after a minute');
});

test('API tokens are stored hashed, authenticate, and stop working when revoked', async () => {
  const r = await service.createApiToken(t.ctx.db, { id: null, name: 'test' }, { username: 'admin', name: '测试' });
  assert.ok(r.ok);
  if (!r.ok) return;
  const stored = await t.ctx.db.execute<{ token_hash: string }>(sql`select token_hash from api_tokens where id = ${r.id}`);
  assert.notEqual(stored.rows[0].token_hash, r.token);
  assert.equal((await service.principalFromApiToken(t.ctx.db, r.token))?.username, 'admin');
  await service.revokeApiToken(t.ctx.db, { id: null, name: 'test' }, r.id);
  assert.equal(await service.principalFromApiToken(t.ctx.db, r.token), null);
});

test('every change above is in an intact audit chain', async () => {
  const v = await verifyAudit(t.ctx.db);
  assert.deepEqual(v, { ok: true, rows: v.rows });
  const n = await t.ctx.db.execute<{ n: number }>(sql`select count(*) as n from audit_log where action like 'auth.%'`);
  assert.equal(Number(n.rows[0].n), 9, 'one login + five failures + one refusal while locked + two logins');
});

test('signing in again ends the previous session (rotation)', async () => {
  const first = await attempt('xcb', pw('xcb'));
  assert.ok(first.ok);
  if (!first.ok) return;
  const second = await service.login(t.ctx.db, { username: 'xcb', password: pw('xcb'), ip: '127.0.0.1', userAgent: 'test', maxHours: 12, previousToken: first.token });
  assert.ok(second.ok);
  if (!second.ok) return;
  assert.notEqual(second.token, first.token);
  assert.equal(await service.principalFromSession(t.ctx.db, first.token, 30), null);
  assert.equal((await service.principalFromSession(t.ctx.db, second.token, 30))?.username, 'xcb');
});
