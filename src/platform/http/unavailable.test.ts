// A database that cannot be reached answers 503 — the Chinese page in HTML, JSON on the API, with
// Retry-After — also when the session lookup in onRequest is what fails (never 500, never a crash).
// Public pages already in the page cache are still answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { buildApp } from '../../app.ts';
import { createContext } from '../../runtime.ts';
import { createTestDb } from '../../../test/support/db.ts';
import { openDatabase, isConnectionError } from '../db/index.ts';
import { toAppError } from './server.ts';

/** A TCP proxy to the test database that can be cut: the database "goes away" for this app only. */
async function cuttableProxy(target: URL): Promise<{ port: number; cut(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((down) => {
    const up = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [down, up]) { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}); }
    down.pipe(up).pipe(down);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

test('connection errors are recognised; query errors are not', () => {
  assert.ok(isConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })));
  assert.ok(isConnectionError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })));
  assert.ok(isConnectionError(Object.assign(new Error('the database system is starting up'), { code: '57P03' })));
  assert.ok(isConnectionError(Object.assign(new Error('x'), { code: '08006' })));
  assert.ok(isConnectionError(new Error('Failed query: select 1', { cause: new Error('Connection terminated unexpectedly') })));
  assert.ok(!isConnectionError(Object.assign(new Error('duplicate key'), { code: '23505' })));
  assert.ok(!isConnectionError(new Error('Cannot read properties of undefined')));
  assert.equal(toAppError(Object.assign(new Error('x'), { code: '57P01' })).status, 503);
});

test('with the database unreachable: Chinese 503 page, JSON 503 on the API, also for a signed-in request', async () => {
  const t = await createTestDb();
  const proxy = await cuttableProxy(new URL(t.url));
  const url = new URL(t.url);
  url.host = `127.0.0.1:${proxy.port}`;
  const database = openDatabase(url.toString(), { max: 2 });
  const ctx = createContext(t.config, database);
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  assert.equal((await app.inject({ method: 'GET', url: '/' })).statusCode, 200);
  await proxy.cut();
  try {
    // The public page rendered before the outage is still answered from the page cache.
    const cached = await app.inject({ method: 'GET', url: '/' });
    assert.equal(cached.statusCode, 200);
    assert.match(cached.headers['cache-control'] as string, /^public/);
    for (const headers of [{}, { cookie: 'gk_sid=' + 'a'.repeat(43) }]) {
      const r = await app.inject({ method: 'GET', url: '/?uncached', headers: { accept: 'text/html', ...headers } });
      assert.equal(r.statusCode, 503, r.body.slice(0, 200));
      assert.match(r.headers['content-type'] as string, /text\/html/);
      assert.match(r.body, /系统正在恢复数据库连接，请稍后刷新重试。/);
      assert.match(r.body, /<html lang="zh-CN"/);
      assert.equal(r.headers['retry-after'], '5');
    }
    // The session lookup itself fails on an admin page: 503, not a 500 or a sign-in redirect.
    const admin = await app.inject({ method: 'GET', url: '/admin/', headers: { cookie: 'gk_sid=' + 'b'.repeat(43) } });
    assert.equal(admin.statusCode, 503);
    assert.match(admin.body, /系统正在恢复数据库连接/);
    const api = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'gk_sid=' + 'c'.repeat(43) } });
    assert.equal(api.statusCode, 503);
    assert.deepEqual(api.json(), { error: { code: 'unavailable', message: '系统正在恢复数据库连接，请稍后刷新重试。' } });
  } finally {
    await app.close();
    await database.close();
    await t.drop();
  }
});
