// The `gongkai` command line against a real database, as an operator would run it (main() in process: test/support/cli.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { runCli, type CliRun } from '../../../test/support/cli.ts';
import * as service from './service.ts';

let t: TestDb;
let dataDir: string;
before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-cli-'));
});
after(async () => {
  await t.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function gongkai(args: string[]): Promise<CliRun> {
  return runCli(args, { databaseUrl: t.url, dataDir });
}

test('gongkai user reset-password prints a temporary password that signs in and must be changed', async () => {
  await t.ctx.db.execute(sql`update users set failed_logins = 5, locked_until = now() + interval '10 minutes' where username = 'cbr'`);
  const r = await gongkai(['user', 'reset-password', '--user', 'cbr']);
  assert.equal(r.code, 0, r.stderr);
  const password = r.last.trim();
  assert.match(password, /^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
  const l = await service.login(t.ctx.db, { username: 'cbr', password, ip: null, userAgent: null, maxHours: 1 });
  assert.ok(l.ok, 'the lock is lifted and the temporary password works');
  if (l.ok) assert.equal(l.mustChangePassword, true);
  const a = await t.ctx.db.execute<{ actor_name: string }>(sql`select actor_name from audit_log where action = 'user.reset_password' order by id desc limit 1`);
  assert.match(a.rows[0].actor_name, /^命令行/);
});

test('gongkai user reset-password for an unknown user fails with a Chinese message', async () => {
  const r = await gongkai(['user', 'reset-password', '--user', 'ghost']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /不存在/);
});
