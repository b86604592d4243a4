// The command line against a test database: main() in this process (test/support/cli.ts), and
// real processes where only a process shows it (exit status, a failure printed without a stack).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../test/support/db.ts';
import { repoRoot, runCli, spawnCli, type CliRun } from '../../test/support/cli.ts';
import { withTx } from '../platform/db/index.ts';
import { writeAudit } from '../platform/audit/index.ts';

const fixture2027 = path.join(repoRoot, 'src/calendar/testdata/holidays-2027.json');
let t: TestDb;
let tmp: string;

before(async () => {
  t = await createTestDb();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-cli-'));
});
after(async () => {
  await t.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli([...args], { databaseUrl: t.url, dataDir: path.join(tmp, 'data'), env });
}
function cliProcess(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return spawnCli([...args], { databaseUrl: t.url, dataDir: path.join(tmp, 'data'), env });
}

/** A failure must read as a Chinese sentence, never a stack trace. */
function assertCleanFailure(r: CliRun, code: number, re: RegExp) {
  assert.equal(r.code, code, `exit ${r.code}; stdout: ${r.stdout}; stderr: ${r.stderr}`);
  assert.match(r.stderr, re);
  assert.match(r.stderr, /[\u4e00-\u9fff]/);
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .+:\d+:\d+/);
}

test('calendar due with the shipped data prints the due date on its last line', async () => {
  const r = await cliProcess(['calendar', 'due', '--from', '2026-09-18', '--days', '20', '--builtin'], { DATABASE_URL: '' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.last, '2026-10-22');
  const e = await cli(['calendar', 'due', '--from', '2026-09-18', '--days', '20', '--builtin', '--explain'], { DATABASE_URL: '' });
  assert.match(e.stdout, /国庆节（10月1日至10月7日，共7天）/);
  assert.equal(e.last, '2026-10-22');
});

test('calendar due against the database, before and after importing 2027', async () => {
  const r = await cli(['calendar', 'due', '--from', '2026-09-18', '--days', '20']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.last, '2026-10-22');

  const prov = await cli(['calendar', 'due', '--from', '2026-12-28', '--days', '5']);
  assert.equal(prov.code, 0, prov.stderr);
  assert.equal(prov.last, '2027-01-04');
  assert.match(prov.stdout, /暂定/);

  const imp = await cli(['calendar', 'import', fixture2027]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, /已导入 2027 年节假日安排/);
  const audit = await t.database.db.execute<{ actor_name: string }>(sql`select actor_name from audit_log where action = 'calendar.import'`);
  assert.equal(audit.rows.length, 1);
  assert.match(audit.rows[0].actor_name, /^命令行/);

  const after = await cli(['calendar', 'due', '--from', '2026-12-28', '--days', '5']);
  assert.equal(after.code, 0, after.stderr);
  assert.equal(after.last, '2027-01-05');
  assert.doesNotMatch(after.stdout, /暂定/);
});

test('bad calendar input exits 2 or 1 with a Chinese message and no stack trace', async () => {
  assertCleanFailure(await cli(['calendar', 'due', '--from', '2026-09-18', '--days', 'abc', '--builtin']), 2, /--days/);
  assertCleanFailure(await cli(['calendar', 'due', '--from', '2026-02-30', '--days', '5', '--builtin']), 2, /2026-02-30/);
  assertCleanFailure(await cli(['calendar', 'due', '--days', '5', '--builtin']), 2, /缺少参数 --from/);
  assertCleanFailure(await cli(['calendar', 'due', '--from', '2026-09-18', '--days', '5', '--bogus']), 2, /参数错误/);
  assertCleanFailure(await cli(['calendar', 'due', '--from', '2026-09-18', '--days', '99999', '--builtin']), 2, /工作日天数/);

  assertCleanFailure(await cli(['calendar', 'import', path.join(tmp, 'missing.json')]), 1, /missing\.json/);
  assertCleanFailure(await cli(['calendar', 'import']), 2, /JSON 文件/);
  const malformed = path.join(tmp, 'malformed.json');
  fs.writeFileSync(malformed, '{"year": 2028, "days": [');
  assertCleanFailure(await cli(['calendar', 'import', malformed]), 2, /malformed\.json 不是有效的 JSON/);
  const wrong = path.join(tmp, 'wrong.json');
  fs.writeFileSync(wrong, JSON.stringify({ year: 2028, days: [{ name: '元旦', date: '2028-02-30', isOffDay: true }] }));
  assertCleanFailure(await cli(['calendar', 'import', wrong]), 2, /节假日安排数据无效/);
  const nul = path.join(tmp, 'nul.json');
  fs.writeFileSync(nul, JSON.stringify({ year: 2028, days: [{ name: '元\u0000旦', date: '2028-01-01', isOffDay: true }] }));
  assertCleanFailure(await cli(['calendar', 'import', nul]), 2, /无效字符/);
  // Nothing of the failed imports reached the database.
  const years = await t.database.db.execute<{ year: number }>(sql`select year from calendar_years order by year`);
  assert.deepEqual(years.rows.map((y) => y.year), [2027]);
});

test('audit verify: OK on an intact chain (exit 0), the broken row after tampering (exit 1)', async () => {
  for (let i = 0; i < 3; i++) {
    await withTx(t.database.db, (tx) => writeAudit(tx, { id: null, name: 'cli-test' }, { action: 'test.cli', entityType: 'thing', entityId: i }));
  }
  const ok = await cli(['audit', 'verify']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /OK/);

  const victim = (await t.database.db.execute<{ id: number }>(sql`select id from audit_log where action = 'test.cli' order by id limit 1 offset 1`)).rows[0].id;
  await t.database.db.execute(sql`update audit_log set summary = '{"tampered": true}'::jsonb where id = ${victim}`);
  const bad = await cli(['audit', 'verify']);
  assert.equal(bad.code, 1);
  assert.doesNotMatch(bad.stdout, /^OK/m);
  assert.match(bad.stdout, new RegExp(`第一条异常记录编号：${victim}\\b`));
  assert.doesNotMatch(bad.stderr, /\n\s+at /);

  // Deleting the last row instead is reported through the chain head.
  await t.database.db.execute(sql`update audit_log set summary = '{}'::jsonb where id = ${victim}`);
  await t.database.db.execute(sql`delete from audit_log where id = (select max(id) from audit_log)`);
  const tail = await cli(['audit', 'verify']);
  assert.equal(tail.code, 1);
  assert.match(tail.stdout, /链头/);
});

test('a database that cannot be reached is a message, not a stack trace', async () => {
  const r = await cliProcess(['audit', 'verify'], { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /命令执行失败/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('catalog redact-attachments on a database with nothing to redo says so in Chinese and exits 0', async () => {
  const r = await cli(['catalog', 'redact-attachments']);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.equal(r.last, '没有需要重新生成的附件：已公开信息中的 Word 附件均已按原格式提供公开版。');
});
