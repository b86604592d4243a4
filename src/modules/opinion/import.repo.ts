// SQL of the uploads waiting for their import (opinion_import_uploads): recorded with the sealed
// file, taken away when the import is done or the upload was abandoned.
import { inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { opinionImportUploads } from './schema.ts';

export async function insertUpload(db: Executor, u: { fileId: number; sourceId: number; userId: number | null }): Promise<void> {
  await db.insert(opinionImportUploads).values(u);
}

/** Removes the waiting uploads of these files; the file ids that were waiting (locked with their rows). */
export async function deleteUploads(db: Executor, fileIds: readonly number[]): Promise<number[]> {
  if (!fileIds.length) return [];
  return (await db.delete(opinionImportUploads).where(inArray(opinionImportUploads.fileId, [...fileIds]))
    .returning({ fileId: opinionImportUploads.fileId })).map((r) => r.fileId);
}

/** Uploads made before `before`, oldest first, locked (SKIP LOCKED: one being imported right now is left alone). */
export async function staleUploads(db: Executor, before: Date, limit: number): Promise<number[]> {
  return (await db.select({ fileId: opinionImportUploads.fileId }).from(opinionImportUploads)
    .where(lt(opinionImportUploads.createdAt, before)).orderBy(opinionImportUploads.createdAt)
    .limit(limit).for('update', { skipLocked: true })).map((r) => r.fileId);
}

export const countUploads = async (db: Executor): Promise<number> =>
  Number((await db.select({ n: sql<number>`count(*)::int` }).from(opinionImportUploads))[0]?.n ?? 0);
