// The hash chain on real PostgreSQL: it verifies, and every kind of tampering is reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { withTx } from '../db/index.ts';
import { SYSTEM_ACTOR, rowHash, verifyAudit, writeAudit } from './index.ts';

let t: TestDb;
before(async () => { t = await createTestDb(); });
after(() => t.drop());

const actor = { id: null, name: 'tester', ip: '127.0.0.1' };

async function write(n: number, action = 'test.write'): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(await withTx(t.database.db, (tx) => writeAudit(tx, actor, { action, entityType: 'thing', entityId: i, summary: { i, name: `第${i}项`, nested: { b: 2, a: [1, 'x'] } } })));
  }
  return ids;
}

async function exec(q: ReturnType<typeof sql>) {
  await t.database.db.execute(q);
}

/** Runs a tampering experiment on a fresh chain, then clears the log for the next one. */
async function fresh(fn: () => Promise<void>) {
  await exec(sql`delete from audit_log`);
  await exec(sql`delete from audit_head`);
  try { await fn(); } finally {
    await exec(sql`delete from audit_log`);
    await exec(sql`delete from audit_head`);
  }
}

test('an empty log and a freshly written chain verify OK', async () => {
  await fresh(async () => {
    assert.deepEqual(await verifyAudit(t.database.db), { ok: true, rows: 0 });
    await write(6);
    assert.deepEqual(await verifyAudit(t.database.db), { ok: true, rows: 6 });
    // Small batches walk the same chain.
    assert.deepEqual(await verifyAudit(t.database.db, 2), { ok: true, rows: 6 });
  });
});

test('changing a row\'s summary in SQL is reported at that row', async () => {
  await fresh(async () => {
    const ids = await write(5);
    await exec(sql`update audit_log set summary = '{"i": 99}'::jsonb where id = ${ids[2]}`);
    const r = await verifyAudit(t.database.db);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.brokenAt, ids[2]);
    assert.equal(r.rows, 2);
    assert.match(!r.ok ? r.reason : '', /被修改/);
  });
});

test('changing other columns (actor, time, ip) is reported too', async () => {
  for (const change of [sql`actor_name = 'someone'`, sql`at = at + interval '1 second'`, sql`ip = '10.0.0.1'`, sql`action = 'x.y'`]) {
    await fresh(async () => {
      const ids = await write(3);
      await exec(sql`update audit_log set ${change} where id = ${ids[1]}`);
      const r = await verifyAudit(t.database.db);
      assert.equal(!r.ok && r.brokenAt, ids[1]);
    });
  }
});

test('overwriting a row\'s stored hash is reported at that row', async () => {
  await fresh(async () => {
    const ids = await write(4);
    await exec(sql`update audit_log set hash = repeat('a', 64) where id = ${ids[1]}`);
    const r = await verifyAudit(t.database.db);
    assert.equal(!r.ok && r.brokenAt, ids[1]);
  });
});

test('a forger who recomputes the tampered row\'s hash is caught by the next row\'s link, or by the head', async () => {
  for (const which of [1, 3]) {
    await fresh(async () => {
      const ids = await write(4);
      const row = (await t.database.db.execute<{ id: number; at: string; actor_id: number | null; actor_name: string; action: string; entity_type: string; entity_id: string | null; ip: string | null; prev_hash: string }>(
        sql`select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_id, actor_name, action, entity_type, entity_id, ip, prev_hash from audit_log where id = ${ids[which]}`)).rows[0];
      const summary = { forged: true };
      const hash = rowHash({ id: Number(row.id), at: row.at, actorId: row.actor_id, actorName: row.actor_name, action: row.action, entityType: row.entity_type, entityId: row.entity_id, summary, ip: row.ip, prevHash: row.prev_hash });
      await exec(sql`update audit_log set summary = ${JSON.stringify(summary)}::jsonb, hash = ${hash} where id = ${ids[which]}`);
      const r = await verifyAudit(t.database.db);
      assert.equal(r.ok, false);
      // Row `which` itself now looks consistent; the break shows at the next row or at the head.
      assert.equal(!r.ok && r.brokenAt, which === 3 ? ids[3] : ids[which + 1]);
    });
  }
});

test('deleting a middle row is reported at the row after the gap', async () => {
  await fresh(async () => {
    const ids = await write(5);
    await exec(sql`delete from audit_log where id = ${ids[2]}`);
    const r = await verifyAudit(t.database.db);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.brokenAt, ids[3]);
    assert.match(!r.ok ? r.reason : '', /删除/);
  });
});

test('deleting the last row is reported through the chain head', async () => {
  await fresh(async () => {
    const ids = await write(4);
    await exec(sql`delete from audit_log where id = ${ids[3]}`);
    const r = await verifyAudit(t.database.db);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.brokenAt, ids[3]);
    assert.equal(r.rows, 3);
    assert.match(!r.ok ? r.reason : '', /链头/);
  });
});

test('deleting the chain head itself is reported', async () => {
  await fresh(async () => {
    await write(2);
    await exec(sql`delete from audit_head`);
    const r = await verifyAudit(t.database.db);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /链头/);
  });
});

test('a rolled-back transaction leaves no audit row and the chain stays valid', async () => {
  await fresh(async () => {
    await write(2);
    await assert.rejects(withTx(t.database.db, async (tx) => {
      await writeAudit(tx, actor, { action: 'test.rolled_back', entityType: 'thing' });
      throw new Error('change failed');
    }), /change failed/);
    const n = await t.database.db.execute<{ n: number }>(sql`select count(*)::int8 as n from audit_log where action = 'test.rolled_back'`);
    assert.equal(n.rows[0].n, 0);
    assert.deepEqual(await verifyAudit(t.database.db), { ok: true, rows: 2 });
    await write(1);
    assert.deepEqual(await verifyAudit(t.database.db), { ok: true, rows: 3 });
  });
});

test('20 concurrent transactions each writing an audit row keep the chain valid', async () => {
  await fresh(async () => {
    await write(1);
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => withTx(t.database.db, async (tx) => {
      // Some work before and after the audit row, so transactions really overlap.
      await tx.execute(sql`select pg_sleep(${(i % 4) * 0.005})`);
      const id = await writeAudit(tx, i % 2 ? SYSTEM_ACTOR : actor, { action: 'test.concurrent', entityType: 'thing', entityId: i, summary: { i } });
      await tx.execute(sql`select pg_sleep(0.002)`);
      return id;
    })));
    assert.equal(new Set(ids).size, 20);
    assert.deepEqual(await verifyAudit(t.database.db), { ok: true, rows: 21 });
    const head = await t.database.db.execute<{ last_id: number }>(sql`select last_id from audit_head`);
    assert.equal(Number(head.rows[0].last_id), Math.max(...ids));
  });
});
