// The pool's per-connection setting: work_mem is in place on every connection before its first
// query, and sending it never overlaps that query (pg deprecates overlapping queries on a client).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase } from './index.ts';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
let t: TestDb | undefined;
after(async () => { await t?.drop(); });

test('every new connection has work_mem set before its first query, without a deprecation warning', async () => {
  t = await createTestDb();
  // In a process of its own: node prints a deprecation once per process, and this one has opened pools already.
  const script = `
    import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
    import { openDatabase } from ${JSON.stringify(path.join(here, 'index.ts'))};
    const d = openDatabase(process.env.URL, { max: 6, workMemMb: 48 });
    // Six concurrent first queries: six connections, each handed out right after it connected.
    const rows = await Promise.all(Array.from({ length: 6 }, () => d.db.execute(sql\`show work_mem\`)));
    console.log(JSON.stringify({ mem: rows.map((r) => r.rows[0].work_mem), total: d.pool.totalCount }));
    await d.close();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, URL: t.url }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop()!), { mem: Array(6).fill('48MB'), total: 6 });
  assert.doesNotMatch(r.stderr, /DeprecationWarning/);
});

test('workMemMb 0 leaves the server setting', async () => {
  t ??= await createTestDb();
  const d = openDatabase(t.url, { max: 1, workMemMb: 0 });
  try {
    const r = await d.db.execute<{ work_mem: string }>(sql`show work_mem`);
    assert.notEqual(r.rows[0]!.work_mem, '48MB');
  } finally {
    await d.close();
  }
});
