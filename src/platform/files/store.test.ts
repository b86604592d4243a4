import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb } from '../../../test/support/db.ts';
import { withTx } from '../db/index.ts';
import { sm3Hex } from '../crypto/index.ts';
import { getFile, getFileInfo, getFileText, storeFile } from './store.ts';

const t = await createTestDb();
after(() => t.drop());
const db = t.database.db;

test('same bytes twice → one row, one id; text kept and filled in later', async () => {
  const bytes = Buffer.from('政府信息公开\u0000测试', 'utf8');
  const a = await withTx(db, (tx) => storeFile(tx, bytes, 'txt', 'text/plain', null));
  const b = await withTx(db, (tx) => storeFile(tx, Buffer.from(bytes), 'txt', 'text/plain', '政府信息公开\u0000测试'));
  assert.equal(a, b);
  const n = await db.execute<{ n: number }>(sql`select count(*)::int as n from files where sm3 = ${sm3Hex(bytes)}`);
  assert.equal(n.rows[0].n, 1);
  const f = await getFile(db, a);
  assert.ok(f);
  assert.ok(f.data.equals(bytes));
  assert.equal(f.size, bytes.length);
  assert.equal(f.kind, 'txt');
  assert.equal(f.text, '政府信息公开测试'); // NUL removed: PostgreSQL text cannot hold it
  assert.equal((await getFileInfo(db, a))?.sm3, sm3Hex(bytes));
  assert.equal(await getFileText(db, a), '政府信息公开测试');
});

test('concurrent stores of the same bytes agree on one id', async () => {
  const bytes = Buffer.from('并发上传同一文件');
  const ids = await Promise.all(Array.from({ length: 5 }, () => withTx(db, (tx) => storeFile(tx, bytes, 'txt', 'text/plain', 'x'))));
  assert.equal(new Set(ids).size, 1);
});

test('different bytes → different rows; bad ids are simply not found', async () => {
  const a = await withTx(db, (tx) => storeFile(tx, Buffer.from('A'), 'txt', 'text/plain', 'A'));
  const b = await withTx(db, (tx) => storeFile(tx, Buffer.from('B'), 'txt', 'text/plain', 'B'));
  assert.notEqual(a, b);
  for (const id of [0, -1, 1.5, Number.NaN, 99_999_999_999, 2_147_483_647]) assert.equal(await getFile(db, id), undefined, String(id));
});
