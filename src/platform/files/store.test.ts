import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb } from '../../../test/support/db.ts';
import { withTx } from '../db/index.ts';
import { sm3Hex } from '../crypto/index.ts';
import { SealedFileError, deletePersonalFiles, getFile, getFileInfo, getFileText, storeFile, storePersonalFile } from './store.ts';

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

test('personal files: sealed (no plain bytes, SM3 or text), never deduplicated, opened only with the key, tampering detected', async () => {
  const { generateKey, createFieldCipher } = await import('../crypto/index.ts');
  const cipher = t.ctx.fieldCipher;
  const bytes = Buffer.from('申请人：王小明，身份证号 11010519491231002X', 'utf8');
  const a = await withTx(db, (tx) => storePersonalFile(tx, cipher, bytes, 'txt', 'text/plain'));
  const b = await withTx(db, (tx) => storePersonalFile(tx, cipher, bytes, 'txt', 'text/plain'));
  assert.notEqual(a, b, 'the same personal bytes twice are two rows');
  const raw = await db.execute<{ data: Buffer; sm3: string | null; text: string | null; personal: boolean; size: number }>(sql`select data, sm3, text, personal, size from files where id = ${a}`);
  const r = raw.rows[0];
  assert.ok(r.personal && r.sm3 === null && r.text === null && r.size === bytes.length);
  assert.ok(!r.data.includes(Buffer.from('王小明')) && !r.data.includes(Buffer.from('11010519491231002X')));
  assert.deepEqual((await getFile(db, a, cipher))!.data, bytes);
  assert.equal((await getFileInfo(db, a))!.personal, true);
  await assert.rejects(getFile(db, a), SealedFileError);
  await assert.rejects(getFile(db, a, createFieldCipher(generateKey())), /integrity|tampered/i, 'another key cannot open it');
  const flipped = Buffer.from(r.data); flipped[20] ^= 1;
  await db.execute(sql`update files set data = ${flipped} where id = ${b}`);
  await assert.rejects(getFile(db, b, cipher), /integrity/);
  // Public storage of the same bytes does not meet the personal rows.
  const pub = await withTx(db, (tx) => storeFile(tx, bytes, 'txt', 'text/plain', null));
  assert.ok(pub !== a && pub !== b);
  // The schema refuses a personal row with a text copy.
  await assert.rejects(db.execute(sql`update files set text = 'x' where id = ${a}`), (e: Error & { cause?: { constraint?: string } }) => e.cause?.constraint === 'files_personal_sealed');
});

test('deletePersonalFiles: the sealed rows go (bytes and wrapped key with them); a shared public file is never deleted', async () => {
  const cipher = t.ctx.fieldCipher;
  const a = await withTx(db, (tx) => storePersonalFile(tx, cipher, Buffer.from('来电人：张三，13812345678'), 'csv', 'text/csv'));
  const b = await withTx(db, (tx) => storePersonalFile(tx, cipher, Buffer.from('另一份导出'), 'csv', 'text/csv'));
  const pub = await withTx(db, (tx) => storeFile(tx, Buffer.from('公开附件'), 'txt', 'text/plain', '公开附件'));
  assert.deepEqual(await withTx(db, (tx) => deletePersonalFiles(tx, [a, pub, 99_999_999])), [a]);
  assert.equal(await getFileInfo(db, a), undefined);
  assert.ok(await getFile(db, b, cipher));
  assert.ok(await getFile(db, pub));
  assert.deepEqual(await withTx(db, (tx) => deletePersonalFiles(tx, [])), []);
  // Rolled back with the caller's transaction.
  await assert.rejects(withTx(db, async (tx) => { await deletePersonalFiles(tx, [b]); throw new Error('abort'); }), /abort/);
  assert.ok(await getFile(db, b, cipher));
});
