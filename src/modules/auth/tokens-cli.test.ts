// End-to-end: `gongkai token create` against the database of a running server, then the token
// authenticates requests (Authorization: Bearer …) until it is revoked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { runCli, type CliRun } from '../../../test/support/cli.ts';
import { sql } from 'drizzle-orm';
import * as service from './service.ts';

let s: TestServer;
let dataDir: string;
before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-cli-'));
});
after(async () => {
  await s.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function gongkai(args: string[]): Promise<CliRun> {
  return runCli(args, { databaseUrl: s.url, dataDir });
}

test('gongkai token create prints a token that authenticates as the user; revoking it stops it', async () => {
  const r = await gongkai(['token', 'create', '--user', 'admin', '--name', '测试接口', '--days', '30']);
  assert.equal(r.code, 0, r.stderr);
  const token = r.stdout.trim().split('\n').at(-1)!.trim();
  assert.match(token, /^gk_[A-Za-z0-9_-]{20,}$/);

  const p = await service.principalFromApiToken(s.ctx.db, token);
  assert.equal(p?.username, 'admin');
  assert.equal(p?.via, 'token');
  // The operator's command line is named as the minter, the account as the owner.
  const a = await s.ctx.db.execute<{ actor_id: number | null; actor_name: string; summary: { user: string; via: string } }>(sql`select actor_id, actor_name, summary from audit_log where action = 'token.create' order by id desc limit 1`);
  assert.equal(a.rows[0].actor_id, null);
  assert.match(a.rows[0].actor_name, /^命令行/);
  assert.deepEqual([a.rows[0].summary.user, a.rows[0].summary.via], ['admin', '命令行']);

  const res = await fetch(s.baseUrl + '/admin/users', { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.match(await res.text(), /用户与角色/);

  // The admin screen lists it (by prefix, never the token) with its last use; revoke it there.
  const c = new Client(s.baseUrl);
  await c.login('admin', s.password('admin'));
  const list = await c.get('/admin/tokens');
  assert.match(list.text, new RegExp(token.slice(0, 10)));
  assert.doesNotMatch(list.text, new RegExp(token.slice(10)));
  assert.match(list.text, /测试接口/);
  const id = /action="\/admin\/tokens\/(\d+)\/revoke"/.exec(list.text)![1];
  const rev = await c.post(`/admin/tokens/${id}/revoke`, {});
  assert.equal(rev.status, 303);
  const after = await fetch(s.baseUrl + '/admin/users', { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
  assert.equal(after.status, 303, 'a revoked token is unauthenticated (HTML requests are sent to sign in)');
  assert.equal(await service.principalFromApiToken(s.ctx.db, token), null);
});

test('gongkai token create for an unknown user fails; bad --days is a usage error', async () => {
  const r = await gongkai(['token', 'create', '--user', 'ghost']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /不存在/);
  const d = await gongkai(['token', 'create', '--user', 'admin', '--days', 'abc']);
  assert.equal(d.code, 2);
});
