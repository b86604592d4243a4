// SQL of 专家解读: the experts named on an interpretation record (ids only; the spokesperson module
// owns the experts).
import { asc, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { catalogRecordExperts } from './schema.ts';

export async function recordExpertIds(db: Executor, recordId: number): Promise<number[]> {
  const rows = await db.select({ id: catalogRecordExperts.expertId }).from(catalogRecordExperts)
    .where(eq(catalogRecordExperts.recordId, recordId)).orderBy(asc(catalogRecordExperts.sort), asc(catalogRecordExperts.expertId));
  return rows.map((r) => r.id);
}

/** Replaces the record's experts with `ids`, in that order. */
export async function replaceRecordExperts(tx: Tx, recordId: number, ids: readonly number[], by: number): Promise<void> {
  await tx.delete(catalogRecordExperts).where(eq(catalogRecordExperts.recordId, recordId));
  if (ids.length) await tx.insert(catalogRecordExperts).values(ids.map((expertId, sort) => ({ recordId, expertId, sort, addedBy: by })));
}
