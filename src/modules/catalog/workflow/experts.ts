// 专家解读: experts of the 专家库 (spokesperson module, read through its exported functions, never its
// tables) named on an interpretation record, while the record can still be edited (草稿 / 退回修改),
// so the review covers them. Chosen when the interpretation is made (createInterpretation) or later on
// its review page; each change audited in its transaction.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { can } from '../../auth/policy.ts';
import { chooseExperts, expertChanges, expertChoices, expertLabel, expertOptions } from '../../spokesperson/experts.ts';
import { EDITABLE_STATUSES, statusLabel } from '../domain.ts';
import * as erepo from '../repo.experts.ts';
import * as wrepo from '../repo.workflow.ts';
import { auditActor, type Caller } from '../use-cases/shared.ts';
import { recordKindOf } from './domain.ts';
import type { Fail } from './use-cases.ts';

const fail = (reason: string, message: string, fields?: Record<string, string>): Fail => ({ ok: false, reason, message, fields });

/** The experts chosen on a form, checked against the library (and those already on the record). */
export async function checkExperts(db: Tx, recordId: number | null, raw: readonly string[]): Promise<{ ok: true; ids: number[]; labels: Map<number, string>; before: number[] } | Fail> {
  const before = recordId === null ? [] : await erepo.recordExpertIds(db, recordId);
  const { active, chosen } = await expertChoices(db, before);
  const options = expertOptions(active, chosen);
  const c = chooseExperts(raw, options);
  if (!c.ok) return fail('invalid', c.message, { experts: c.message });
  return { ok: true, ids: c.ids, labels: new Map(options.map((e) => [e.id, expertLabel(e)])), before };
}

/** Writes a checked choice and its audit row (nothing when nothing changed). */
export async function writeExperts(tx: Tx, caller: Caller, recordId: number, c: { ids: number[]; labels: Map<number, string>; before: number[] }): Promise<boolean> {
  const { added, removed } = expertChanges(c.before, c.ids);
  if (!added.length && !removed.length && c.before.join() === c.ids.join()) return false;
  await erepo.replaceRecordExperts(tx, recordId, c.ids, caller.user.id);
  await wrepo.touch(tx, recordId);
  await writeAudit(tx, auditActor(caller), {
    action: 'catalog.interpretation.experts', entityType: 'catalog_record', entityId: recordId,
    summary: { experts: c.ids.map((id) => c.labels.get(id) ?? String(id)).join('、') || '（无）', added: added.length, removed: removed.length },
  });
  return true;
}

export async function setInterpretationExperts(ctx: AppContext, caller: Caller, id: number, raw: readonly string[]): Promise<{ ok: true; changed: boolean } | Fail> {
  return withTx(ctx.db, async (tx) => {
    const rec = await wrepo.lockWorkflow(tx, id);
    if (!rec) return fail('not_found', '该信息不存在或已被删除。');
    if (!can(caller.user, 'catalog.draft', { orgId: rec.orgId })) return fail('forbidden', '您没有为该机构编制政策解读的权限。');
    if (recordKindOf(rec) !== 'interpretation') return fail('conflict', '只有政策解读可以选择解读专家。');
    if (!EDITABLE_STATUSES.includes(rec.status)) return fail('conflict', `该信息当前状态为“${statusLabel(rec.status)}”，只有草稿或退回修改的政策解读可以选择解读专家。`);
    const c = await checkExperts(tx, id, raw);
    if (!c.ok) return c;
    return { ok: true as const, changed: await writeExperts(tx, caller, id, c) };
  });
}
