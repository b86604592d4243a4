// End-to-end: the `gongkai` command line against a real database, as an operator would run it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
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

/** Runs `node bin/gongkai.js …`; resolves with the exit code and output. */
function gongkai(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/gongkai.js', ...args], { cwd: process.cwd(), env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
const lastLine = (s: string) => s.trim().split('\n').at(-1)!.trim();

test('gongkai user reset-password prints a temporary password that signs in and must be changed', async () => {
  await t.ctx.db.execute(sql`update users set failed_logins = 5, locked_until = now() + interval '10 minutes' where username = 'cbr'`);
  const r = await gongkai(['user', 'reset-password', '--user', 'cbr'], { DATABASE_URL: t.url, GONGKAI_DATA_DIR: dataDir });
  assert.equal(r.code, 0, r.stderr);
  const password = lastLine(r.stdout);
  assert.match(password, /^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
  const l = await service.login(t.ctx.db, { username: 'cbr', password, ip: null, userAgent: null, maxHours: 1 });
  assert.ok(l.ok, 'the lock is lifted and the temporary password works');
  if (l.ok) assert.equal(l.mustChangePassword, true);
  const a = await t.ctx.db.execute<{ actor_name: string }>(sql`select actor_name from audit_log where action = 'user.reset_password' order by id desc limit 1`);
  assert.match(a.rows[0].actor_name, /^命令行/);
});

test('gongkai user reset-password for an unknown user fails with a Chinese message', async () => {
  const r = await gongkai(['user', 'reset-password', '--user', 'ghost'], { DATABASE_URL: t.url, GONGKAI_DATA_DIR: dataDir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /不存在/);
});
