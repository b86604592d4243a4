// Every SQL statement of the file store.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export type FileInfo = { id: number; sm3: string | null; size: number; kind: string; mime: string; personal: boolean; createdAt: string };
export type FileRow = FileInfo & { data: Buffer; text: string | null; keyEnc: string | null };

const INFO = sql`id, sm3, size, kind, mime, personal, created_at as "createdAt"`;

/** Inserts unless a file with the same SM3 exists; returns the id either way. */
export async function insertFileDedup(db: Executor, f: { sm3: string; size: number; kind: string; mime: string; data: Buffer; text: string | null }): Promise<number> {
  await db.execute(sql`insert into files (sm3, size, kind, mime, data, text)
    values (${f.sm3}, ${f.size}, ${f.kind}, ${f.mime}, ${f.data}, ${f.text})
    on conflict (sm3) do nothing`);
  // The same bytes stored earlier without text gain it now; otherwise a plain read (no row lock).
  if (f.text !== null) {
    await db.execute(sql`update files set text = ${f.text} where sm3 = ${f.sm3} and text is null`);
  }
  const r = await db.execute<{ id: number }>(sql`select id from files where sm3 = ${f.sm3}`);
  return Number(r.rows[0].id);
}

/** A personal file: always a new row (no SM3, no text). */
export async function insertSealedFile(db: Executor, f: { size: number; kind: string; mime: string; data: Buffer; keyEnc: string }): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into files (sm3, size, kind, mime, data, text, personal, key_enc)
    values (null, ${f.size}, ${f.kind}, ${f.mime}, ${f.data}, null, true, ${f.keyEnc}) returning id`);
  return Number(r.rows[0].id);
}

/** Deletes personal files (never a deduplicated public one, which other rows may share); the ids deleted. */
export async function deletePersonal(db: Executor, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const list = ids.filter((n) => Number.isSafeInteger(n)).join(',');
  const r = await db.execute<{ id: number }>(sql`delete from files where personal and id = any(${'{' + list + '}'}::int[]) returning id`);
  return r.rows.map((x) => Number(x.id));
}

export async function selectFile(db: Executor, id: number): Promise<FileRow | undefined> {
  const r = await db.execute<FileRow>(sql`select ${INFO}, data, text, key_enc as "keyEnc" from files where id = ${id}`);
  return r.rows[0];
}

export async function selectFileInfo(db: Executor, id: number): Promise<FileInfo | undefined> {
  const r = await db.execute<FileInfo>(sql`select ${INFO} from files where id = ${id}`);
  return r.rows[0];
}

export async function selectFileText(db: Executor, id: number): Promise<string | null | undefined> {
  const r = await db.execute<{ text: string | null }>(sql`select text from files where id = ${id}`);
  return r.rows[0]?.text;
}

/** Personal files still in plain bytes (written before sealing existed), a batch at a time, locked. */
export async function selectUnsealed(tx: Executor, limit: number): Promise<{ id: number; data: Buffer }[]> {
  const r = await tx.execute<{ id: number; data: Buffer }>(sql`select id, data from files
    where personal and key_enc is null order by id limit ${limit} for update skip locked`);
  return r.rows.map((f) => ({ id: Number(f.id), data: f.data }));
}

export async function updateSealed(tx: Executor, id: number, s: { data: Buffer; keyEnc: string }): Promise<void> {
  await tx.execute(sql`update files set data = ${s.data}, key_enc = ${s.keyEnc}, sm3 = null, text = null where id = ${id} and personal`);
}

/** Rewrites the table so the plain versions of sealed rows do not linger in dead tuples (outside a transaction). */
export async function compactFiles(db: Executor): Promise<void> {
  await db.execute(sql`vacuum full files`);
}
