// The job registry on a real PostgreSQL: a job enqueued in a transaction exists if and only if the
// transaction committed; payloads are checked against the schema; a dedupe key adds one job; jobs
// left before any worker ran are worked once the worker starts; failures are retried; crons are
// scheduled in Beijing time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { Type } from '@sinclair/typebox';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { withTx } from '../db/index.ts';
import { defineJob, enqueue, installJobs, runPendingJobs, startJobs, JobPayloadError } from './index.ts';

let t: TestDb;
const seen: string[] = [];
let failNext = 0;

const echo = defineJob({
  name: 'test.echo',
  schema: Type.Object({ word: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
  retryLimit: 3,
  retryDelaySeconds: 60,
  async handler(_ctx: unknown, p) {
    if (failNext > 0) { failNext--; throw new Error('暂时失败'); }
    seen.push(p.word);
  },
});
const nightly = defineJob({ name: 'test.nightly', schema: Type.Object({}), cron: '15 2 * * *', cronPayload: {}, async handler() {} });

const count = async (name = echo.name) => (await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${name}`)).rows[0]!.n;
const silent = { info() {}, warn() {}, error() {} };

before(async () => {
  t = await createTestDb();
  await installJobs(t.url, [echo, nightly]);
});
after(async () => { await t.drop(); });

test('a job enqueued in a transaction that rolls back does not exist; one that commits exists once', async () => {
  await assert.rejects(withTx(t.ctx.db, async (tx) => {
    await enqueue(tx, echo, { word: 'rolled' });
    throw new Error('rollback');
  }), /rollback/);
  assert.equal(await count(), 0);
  const id = await withTx(t.ctx.db, (tx) => enqueue(tx, echo, { word: 'kept' }));
  assert.ok(id);
  assert.equal(await count(), 1);
  const r = await runPendingJobs(null, [echo], t.ctx.database.pool);
  assert.equal(r.completed, 1);
  assert.deepEqual(seen, ['kept']);
  assert.equal((await runPendingJobs(null, [echo], t.ctx.database.pool)).completed, 0, 'a completed job is not run again');
});

test('the payload is checked against the schema before anything is written; enqueue needs a transaction', async () => {
  const before = await count();
  await assert.rejects(withTx(t.ctx.db, (tx) => enqueue(tx, echo, { word: '' })), JobPayloadError);
  await assert.rejects(withTx(t.ctx.db, (tx) => enqueue(tx, echo, { word: 'x', extra: 1 } as never)), JobPayloadError);
  await assert.rejects(enqueue(t.ctx.db as never, echo, { word: 'x' }), /transaction/);
  assert.equal(await count(), before);
  // A queue that was never installed is an error, not a silently lost job.
  const ghost = defineJob({ name: 'test.ghost', schema: Type.Object({}), async handler() {} });
  await assert.rejects(withTx(t.ctx.db, (tx) => enqueue(tx, ghost, {})), /does not exist/);
});

test('a dedupe key adds one job', async () => {
  const before = await count();
  const a = await withTx(t.ctx.db, (tx) => enqueue(tx, echo, { word: 'once' }, { key: 'k1' }));
  const b = await withTx(t.ctx.db, (tx) => enqueue(tx, echo, { word: 'once' }, { key: 'k1' }));
  assert.ok(a);
  assert.equal(b, null);
  assert.equal(await count(), before + 1);
  await runPendingJobs(null, [echo], t.ctx.database.pool);
});

test('a failing job waits for its retry and then runs', async () => {
  seen.length = 0;
  failNext = 1;
  await withTx(t.ctx.db, (tx) => enqueue(tx, echo, { word: 'retried' }));
  const first = await runPendingJobs(null, [echo], t.ctx.database.pool);
  assert.equal(first.failed.length, 1);
  assert.match(first.failed[0]!.message, /暂时失败/);
  assert.deepEqual(seen, []);
  const st = await t.ctx.db.execute<{ state: string }>(sql`select state from pgboss.job where name = ${echo.name} and data->>'word' = 'retried'`);
  assert.equal(st.rows[0]!.state, 'retry');
  assert.equal((await runPendingJobs(null, [echo], t.ctx.database.pool)).completed, 0, 'not before its retry delay');
  const again = await runPendingJobs(null, [echo], t.ctx.database.pool, { includeRetries: true });
  assert.equal(again.completed, 1);
  assert.deepEqual(seen, ['retried']);
});

test('jobs committed before any worker ran are worked when the worker starts; crons are in Beijing time', async () => {
  seen.length = 0;
  for (const w of ['a1', 'a2', 'a3']) await withTx(t.ctx.db, (tx) => enqueue(tx, echo, { word: w }));
  const runner = await startJobs(null, [echo, nightly], { url: t.url, log: silent, pollSeconds: 0.5 });
  try {
    const until = Date.now() + 15_000;
    while (seen.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual([...seen].sort(), ['a1', 'a2', 'a3']);
    const sched = await t.ctx.db.execute<{ name: string; cron: string; timezone: string }>(sql`select name, cron, timezone from pgboss.schedule order by name`);
    assert.deepEqual(sched.rows.map((r) => [r.name, r.cron, r.timezone]), [['test.nightly', '15 2 * * *', 'Asia/Shanghai']]);
  } finally {
    await runner.stop();
  }
  // The backends exit a moment after the pool closed its sockets.
  const left = async () => (await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where application_name = 'gongkai-jobs' and datname = current_database()`)).rows[0]!.n;
  for (let i = 0; i < 40 && (await left()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(await left(), 0, 'stopping closes the job pool');
});
