// Every SQL statement of the file store.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export type FileInfo = { id: number; sm3: string; size: number; kind: string; mime: string; createdAt: string };
export type StoredFile = FileInfo & { data: Buffer; text: string | null };

const INFO = sql`id, sm3, size, kind, mime, created_at as "createdAt"`;

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

export async function selectFile(db: Executor, id: number): Promise<StoredFile | undefined> {
  const r = await db.execute<StoredFile>(sql`select ${INFO}, data, text from files where id = ${id}`);
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
