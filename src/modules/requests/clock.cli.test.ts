// `gongkai requests due` end to end: real processes (kept to a few spawns — each costs seconds).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { runCli, type CliRun } from '../../../test/support/cli.ts';

let t: TestDb;
let tmp: string;

before(async () => {
  t = await createTestDb();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-requests-cli-'));
});
after(async () => {
  await t.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['requests', 'due', ...args], { databaseUrl: t.url, dataDir: path.join(tmp, 'data'), env });
}

test('requests due against the database: the issue example, then with the ledger', async () => {
  const r = await cli(['--received', '2026-09-18', '--rules', '条例2019']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.last, '2026-10-22');
  // 补正 sent 09-22, received 09-30 → 11-03; inter-agency pause (10-12, 10-16] = 4 days → 11-09; extension 10 → 11-23.
  // 11-03 + 4: 11-04, 05, 06, 09. + 10: 11-10…13 (4), 11-16…20 (9), 11-23 (10).
  const events = JSON.stringify([
    { type: '补正', sent: '2026-09-22', received: '2026-09-30' },
    { type: '暂停', reason: 'inter_agency', from: '2026-10-12', to: '2026-10-16' },
    { type: '延期', days: 10, on: '2026-11-02' },
  ]);
  const e = await cli(['--received', '2026-09-18', '--rules', '条例2019', '--events', events, '--explain']);
  assert.equal(e.code, 0, e.stderr);
  assert.equal(e.last, '2026-11-23');
  assert.match(e.stdout, /收到补正材料.*第三十条/);
  assert.match(e.stdout, /期限顺延4个工作日/);
  assert.match(e.stdout, /经批准延长答复期限10个工作日/);
});

test('requests due refuses what the rules forbid (exit 1) and bad input (exit 2), in Chinese, without a stack trace', async () => {
  const twice = await cli(['--builtin', '--received', '2026-09-18', '--rules', '条例2019', '--events',
    JSON.stringify([{ type: '补正', sent: '2026-09-21', received: '2026-09-22' }, { type: '补正', sent: '2026-09-23' }, { type: '延期', days: 21 }])], { DATABASE_URL: '' });
  assert.equal(twice.code, 1, twice.stdout + twice.stderr);
  assert.match(twice.stderr, /只能要求申请人补正一次.*第三十条/);
  assert.equal(twice.stdout, '');
  const bad = await cli(['--builtin', '--received', '2026-09-18', '--events', '{"type":"延期"'], { DATABASE_URL: '' });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--events 不是有效的 JSON/);
  assert.doesNotMatch(twice.stderr + bad.stderr, /\n\s+at .+:\d+:\d+/);
});
