// The sign-in throttle against the real database: concurrent bursts, per-address locks, the
// account-wide limit with its alert, uniform answers for unknown names, admin unlock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import * as service from './service.ts';
import { unlockUser } from './users.ts';
import { ACCOUNT_LIMIT, LOCK_AFTER } from './throttle.ts';

let t: TestDb;
let pw: (u: string) => string;
before(async () => {
  t = await createTestDb();
  const accounts = (await seedDemo(t.ctx))!;
  pw = (u) => accounts.find((a) => a.username === u)!.password;
});
after(() => t.drop());

const attempt = (username: string, password: string, ip: string) =>
  service.login(t.ctx.db, { username, password, ip, userAgent: 'test', maxHours: 12 });

async function auditCount(action: string, username: string): Promise<number> {
  const r = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log a join users u on u.id::text = a.entity_id
    where a.action = ${action} and u.username = ${username}`);
  return Number(r.rows[0].n);
}

test('a burst of 30 wrong passwords evaluates at most 5; the right one from another address signs in', async () => {
  const wrong = Array.from({ length: 30 }, () => attempt('cbr', 'Wrong-Password-1', '203.0.113.66'));
  const right = attempt('cbr', pw('cbr'), '198.51.100.10');
  const results = await Promise.all([...wrong, right]);
  const burst = results.slice(0, 30);
  assert.equal(results[30].ok, true, 'the user at their own address is not stopped by the burst');
  assert.equal(await auditCount('auth.login_failed', 'cbr'), LOCK_AFTER, 'only five wrong passwords were checked');
  assert.equal(await auditCount('auth.login_refused_locked', 'cbr'), 30 - LOCK_AFTER, 'the others are audited as refused, not as failed');
  assert.equal(burst.filter((r) => !r.ok && r.reason === 'locked').length, 30 - LOCK_AFTER + 1, 'the fifth failure and every refusal say locked');
  const u = await t.ctx.db.execute<{ failed_logins: number }>(sql`select failed_logins from users where username = 'cbr'`);
  assert.ok(u.rows[0].failed_logins <= LOCK_AFTER, `failed_logins = ${u.rows[0].failed_logins}`);
  // The attacking address stays locked, even for the right password.
  const fromAttacker = await attempt('cbr', pw('cbr'), '203.0.113.66');
  assert.equal(fromAttacker.ok, false);
  if (!fromAttacker.ok) { assert.equal(fromAttacker.reason, 'locked'); assert.match(fromAttacker.message, /锁定/); }
});

test('a burst with the right password among 30 wrong ones from one address: still at most 5 evaluated', async () => {
  const all = [...Array.from({ length: 30 }, () => attempt('shr', 'Wrong-Password-1', '203.0.113.67')), attempt('shr', pw('shr'), '203.0.113.67')];
  await Promise.all(all);
  const failed = await auditCount('auth.login_failed', 'shr');
  const signedIn = await auditCount('auth.login', 'shr');
  assert.ok(failed + signedIn <= LOCK_AFTER, `${failed} failures + ${signedIn} sign-ins evaluated`);
  assert.equal(failed + signedIn + await auditCount('auth.login_refused_locked', 'shr'), 31, 'every attempt is audited once');
});

test('an unknown user name gets exactly the answer of a wrong password, including the lock', async () => {
  const ip = '192.0.2.50';
  for (let i = 1; i <= LOCK_AFTER + 1; i++) {
    const real = await attempt('sfr', 'Wrong-Password-1', ip);
    const ghost = await attempt('no.such.user', 'Wrong-Password-1', ip);
    assert.equal(real.ok, false);
    assert.equal(ghost.ok, false);
    if (!real.ok && !ghost.ok) {
      assert.equal(ghost.reason, real.reason, `attempt ${i}`);
      assert.equal(ghost.message, real.message, `attempt ${i}`);
      if (i < LOCK_AFTER) assert.equal(real.message, '用户名或密码错误。');
      else assert.equal(real.reason, 'locked');
    }
  }
});

test('a stranger locking their own address cannot stop the user at theirs', async () => {
  for (let i = 0; i < LOCK_AFTER * 2; i++) await attempt('xcb', 'Wrong-Password-1', '203.0.113.99');
  const mine = await attempt('xcb', pw('xcb'), '10.1.2.3');
  assert.equal(mine.ok, true);
  const theirs = await attempt('xcb', pw('xcb'), '203.0.113.99');
  assert.equal(theirs.ok, false);
});

test('the account-wide limit stops new addresses, alerts, and lets a known address in', async () => {
  // The user has signed in from the office before: that address is known.
  assert.equal((await attempt('bmsc', pw('bmsc'), '10.9.9.9')).ok, true);
  const ips = Array.from({ length: ACCOUNT_LIMIT / LOCK_AFTER }, (_, i) => `198.18.0.${i + 1}`);
  await Promise.all(ips.map(async (ip) => { for (let i = 0; i < LOCK_AFTER; i++) await attempt('bmsc', 'Wrong-Password-1', ip); }));
  assert.equal(await auditCount('auth.login_failed', 'bmsc'), ACCOUNT_LIMIT);
  assert.equal(await auditCount('auth.lock_alert', 'bmsc'), 1, 'one alert when the limit is reached');
  const fresh = await attempt('bmsc', pw('bmsc'), '198.18.1.1');
  assert.equal(fresh.ok, false, 'a new address is refused during the account-wide lock, even with the right password');
  if (!fresh.ok) { assert.equal(fresh.reason, 'locked'); assert.match(fresh.message, /新的网络地址/); }
  const ghostFresh = await attempt('bmsc', 'Wrong-Password-1', '198.18.1.2');
  assert.equal(ghostFresh.ok, false);
  assert.equal(await auditCount('auth.login_failed', 'bmsc'), ACCOUNT_LIMIT, 'refused attempts are not evaluated');
  assert.equal((await attempt('bmsc', pw('bmsc'), '10.9.9.9')).ok, true, 'the office address keeps working');
  const locked = await t.ctx.db.execute<{ locked: boolean }>(sql`select locked_until > now() as locked from users where username = 'bmsc'`);
  assert.equal(locked.rows[0].locked, true, 'the admin screens show the account as locked');
});

test('the address lock ends with its window', async () => {
  for (let i = 0; i < LOCK_AFTER; i++) await attempt('yqzy', 'Wrong-Password-1', '192.0.2.77');
  assert.equal((await attempt('yqzy', pw('yqzy'), '192.0.2.77')).ok, false);
  await t.ctx.db.execute(sql`update login_throttle set locked_until = now() - interval '1 second' where username = 'yqzy' and source = '192.0.2.77'`);
  assert.equal((await attempt('yqzy', pw('yqzy'), '192.0.2.77')).ok, true);
});

test('an administrator’s unlock clears every address lock of the user', async () => {
  for (let i = 0; i < LOCK_AFTER; i++) await attempt('gkb', 'Wrong-Password-1', '192.0.2.88');
  assert.equal((await attempt('gkb', pw('gkb'), '192.0.2.88')).ok, false);
  const admin = await attempt('admin', pw('admin'), '127.0.0.1');
  assert.ok(admin.ok);
  if (!admin.ok) return;
  const id = (await t.ctx.db.execute<{ id: number }>(sql`select id from users where username = 'gkb'`)).rows[0].id;
  const r = await unlockUser(t.ctx.db, { user: admin.principal, ip: '127.0.0.1' }, id);
  assert.ok(r.ok);
  assert.equal((await attempt('gkb', pw('gkb'), '192.0.2.88')).ok, true);
});

test('the audit chain is intact after the concurrent bursts', async () => {
  const v = await verifyAudit(t.ctx.db);
  assert.equal(v.ok, true);
});
