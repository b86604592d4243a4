// Helpers shared by the record use cases: who acts, today's date, the organisation's 索引号 format,
// and the single place where a changed record is handed to the search index.
import type { AppContext } from '../../../app-context.ts';
import type { Actor } from '../../../platform/audit/index.ts';
import type { Executor, Tx } from '../../../platform/db/index.ts';
import type { Principal } from '../../auth/policy.ts';
import { beijingToday } from '../../../platform/time/index.ts';
import { DEFAULT_INDEX_FORMAT } from '../domain.ts';
import * as repo from '../repo.ts';
import { reindexRecord } from '../search.ts';

export { auditActor, type Caller } from '../../auth/caller.ts';

export type Failure = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'locked';

/** Today in Beijing and its year (legal dates are Asia/Shanghai calendar dates). */
export function todayOf(ctx: Pick<AppContext, 'now'>): { today: string; currentYear: number } {
  const today = beijingToday(ctx.now());
  return { today, currentYear: Number(today.slice(0, 4)) };
}

export async function indexFormatOf(db: Executor, orgId: number): Promise<string> {
  return (await repo.getIndexFormat(db, orgId)) ?? DEFAULT_INDEX_FORMAT;
}

/**
 * The record changed inside `tx`: refresh its search entry in the same transaction.
 * Single call site for the search module's reindexRecord (src/modules/catalog/search.ts).
 */
export async function reindexAfterChange(tx: Tx, recordId: number): Promise<void> {
  await reindexRecord(tx, recordId);
}
