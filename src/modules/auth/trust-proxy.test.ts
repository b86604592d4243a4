// TRUST_PROXY takes a hop count or the proxies' addresses: a client's own X-Forwarded-For entries
// beyond the trusted hops never become req.ip (/metrics, the sign-in rate limit, the throttle).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';

test('TRUST_PROXY: a hop count or addresses; true and junk stop start-up with a message', () => {
  const trust = (v?: string) => loadConfig(v === undefined ? {} : { TRUST_PROXY: v }, { ensureSecrets: false }).trustProxy;
  assert.equal(trust(), false);
  assert.equal(trust('false'), false);
  assert.equal(trust('0'), false);
  assert.equal(trust('1'), 1);
  assert.equal(trust('2'), 2);
  assert.deepEqual(trust('127.0.0.1, 10.0.0.0/8'), ['127.0.0.1', '10.0.0.0/8']);
  assert.deepEqual(trust('loopback,::1,fd00::/8'), ['loopback', '::1', 'fd00::/8']);
  for (const bad of ['true', 'TRUE', 'yes', 'on', '11', 'proxy.example', '10.0.0.0/33', '10.0.0.0/8/1', '1.2.3']) {
    assert.throws(() => trust(bad), (e: unknown) => e instanceof ConfigError && e.variable === 'TRUST_PROXY' && /TRUST_PROXY/.test(e.message), bad);
  }
  assert.throws(() => trust('true'), /层数/);
});

const ipRoute = (app: TestServer['app']) => app.get('/test-ip', { config: { policy: 'public' } }, async (req) => ({ ip: req.ip }));

let hop: TestServer;
let list: TestServer;
before(async () => {
  hop = await startTestServer({ config: { COOKIE_SECURE: 'false', TRUST_PROXY: '1', RATE_LIMIT_LOGIN: '3' }, routes: ipRoute });
  list = await startTestServer({ demo: false, config: { COOKIE_SECURE: 'false', TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }, routes: ipRoute });
});
after(async () => { await hop.close(); await list.close(); });

const get = (s: TestServer, path: string, xff?: string) => fetch(s.baseUrl + path, { headers: xff ? { 'x-forwarded-for': xff } : {} });
const ipOf = async (s: TestServer, xff?: string) => ((await (await get(s, '/test-ip', xff)).json()) as { ip: string }).ip;

test('one trusted hop: the address the proxy saw is the client, whatever the client wrote before it', async () => {
  assert.equal(await ipOf(hop), '127.0.0.1');
  // The client sent "X-Forwarded-For: 127.0.0.1"; the proxy appended the address it saw.
  assert.equal(await ipOf(hop, '127.0.0.1, 203.0.113.9'), '203.0.113.9');
  assert.equal(await ipOf(hop, '10.0.0.1, 127.0.0.1, 203.0.113.9'), '203.0.113.9');
  assert.equal((await get(hop, '/metrics', '127.0.0.1, 203.0.113.9')).status, 403);
  assert.equal((await get(hop, '/metrics')).status, 200, 'the operator on the proxy host itself');
});

test('proxy addresses: only hops from those addresses are skipped', async () => {
  assert.equal(await ipOf(list, '127.0.0.1, 203.0.113.9, 10.2.3.4'), '203.0.113.9');
  assert.equal(await ipOf(list, '::1, 198.51.100.4'), '198.51.100.4');
  assert.equal((await get(list, '/metrics', '127.0.0.1, 203.0.113.9, 10.2.3.4')).status, 403);
  assert.equal((await get(list, '/metrics', '127.0.0.1, 203.0.113.9')).status, 403);
});

test('the sign-in rate limit counts the real client, not its spoofed X-Forwarded-For', async () => {
  const c = new Client(hop.baseUrl);
  await c.get('/login');
  const codes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await c.request('POST', '/login', {
      body: new URLSearchParams({ _csrf: c.csrf, username: 'cbr', password: 'Wrong-Password-1' }).toString(),
      type: 'application/x-www-form-urlencoded',
      headers: { 'x-forwarded-for': `10.${i}.0.1, 203.0.113.20` },
    });
    codes.push(r.status);
  }
  assert.deepEqual(codes.slice(0, 3), [401, 401, 401]);
  assert.equal(codes[3], 429, `a fresh spoofed address per request does not reset the limit: ${codes}`);
  const other = await c.request('POST', '/login', {
    body: new URLSearchParams({ _csrf: c.csrf, username: 'cbr', password: 'Wrong-Password-1' }).toString(),
    type: 'application/x-www-form-urlencoded',
    headers: { 'x-forwarded-for': '203.0.113.21' },
  });
  assert.equal(other.status, 401, 'another real client has its own budget');
  const audit = await hop.ctx.db.execute<{ ip: string }>(sql`select distinct ip from audit_log where action = 'auth.login_failed'`);
  assert.deepEqual(audit.rows.map((r) => r.ip).sort(), ['203.0.113.20', '203.0.113.21'], 'the audit and the throttle see the real address');
});

test('over HTTP, an unknown name and a wrong password get the same status and message', async () => {
  const c = new Client(hop.baseUrl);
  await c.get('/login');
  const post = (username: string, ip: string) => c.request('POST', '/login', {
    body: new URLSearchParams({ _csrf: c.csrf, username, password: 'Wrong-Password-1' }).toString(),
    type: 'application/x-www-form-urlencoded', headers: { 'x-forwarded-for': ip },
  });
  const real = await post('gkb', '198.51.100.30');
  const ghost = await post('nobody.here', '198.51.100.31');
  assert.equal(real.status, 401);
  assert.equal(ghost.status, real.status);
  const alert = (html: string) => /class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0].replace(/nobody\.here|gkb/g, '');
  assert.ok(alert(real.text)?.includes('用户名或密码错误。'), real.text.slice(0, 300));
  assert.equal(alert(ghost.text), alert(real.text));
  assert.doesNotMatch(real.text, /再输错/);
});
