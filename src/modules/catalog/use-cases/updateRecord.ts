// Edits a draft or returned record with optimistic locking: a form based on an older version is
// refused with the differences instead of overwriting someone else's change. 索引号 is never touched.
import { DEFAULT_MESSAGES } from '../../../platform/errors.ts';
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import type { Result } from '../../../platform/errors.ts';
import { can } from '../../auth/policy.ts';
import {
  EDITABLE_STATUSES, FIELD_LABELS, changedFields, computeDue, recordToForm, statusLabel, validateRecordInput,
  type RecordField, type RecordForm,
} from '../domain.ts';
import * as repo from '../repo.ts';
import { auditActor, reindexAfterChange, todayOf, type Caller, type Failure } from './shared.ts';

export interface UpdateInput {
  id: number;
  /** The version the form was loaded at. */
  version: number;
  form: Partial<RecordForm>;
}

export interface Difference { field: RecordField; label: string; current: string; mine: string }

export type UpdateResult = Result<{ id: number; version: number; changed: RecordField[] }, Failure> & {
  errors?: Partial<Record<RecordField, string>>;
  /** On a version conflict: the fields where the saved record differs from the submitted form. */
  differences?: Difference[];
  currentVersion?: number;
};

/** Long fields are summarised in the audit log, never copied whole. */
function auditValue(k: RecordField, v: string): string {
  if (k === 'body' || k === 'description') return `（${v.length} 字）`;
  return v;
}

export async function updateRecord(ctx: AppContext, caller: Caller, input: UpdateInput): Promise<UpdateResult> {
  const existing = await repo.findRecord(ctx.db, input.id);
  if (!existing) return { ok: false, reason: 'not_found', message: '该信息不存在或已被删除。' };
  if (!can(caller.user, 'catalog.draft', { orgId: existing.orgId })) {
    return { ok: false, reason: 'forbidden', message: '您没有修改该机构公开信息的权限。' };
  }
  const { today, currentYear } = todayOf(ctx);
  const v = validateRecordInput(input.form, { today, currentYear });
  if (!v.ok) return { ok: false, reason: 'invalid', message: DEFAULT_MESSAGES.validation_failed, errors: v.errors, fields: v.errors as Record<string, string> };
  const cal = await ctx.calendar.get();
  const due = computeDue(v.value.timeLimit, v.value.generatedOn, cal);

  return withTx(ctx.db, async (tx): Promise<UpdateResult> => {
    const cur = await repo.lockRecord(tx, input.id);
    if (!cur) return { ok: false, reason: 'not_found', message: '该信息不存在或已被删除。' };
    if (!EDITABLE_STATUSES.includes(cur.status)) {
      const message = cur.status === 'in_review'
        ? '审核中的信息不能修改。如需修改，请由审核人退回后再编辑。'
        : `该信息当前状态为“${statusLabel(cur.status)}”，不能修改。`;
      return { ok: false, reason: 'locked', message };
    }
    const before = recordToForm(cur);
    const after = recordToForm({ ...v.value, publisher: v.value.publisher ?? cur.orgName });
    if (cur.version !== input.version) {
      const differences = changedFields(before, after).map((k) => ({ field: k, label: FIELD_LABELS[k], current: before[k], mine: after[k] }));
      return {
        ok: false, reason: 'conflict', currentVersion: cur.version, differences,
        message: '该信息已被他人修改，您的内容尚未保存。请对照下列差异核对后重新提交。',
      };
    }
    const changed = changedFields(before, after);
    if (changed.length === 0) return { ok: true, id: cur.id, version: cur.version, changed };
    const version = await repo.updateRecordFields(tx, cur.id, { ...v.value, publisher: after.publisher, due });
    await writeAudit(tx, auditActor(caller), {
      action: 'catalog.record.update', entityType: 'catalog_record', entityId: cur.id,
      summary: {
        indexNo: cur.indexNo, version,
        changes: Object.fromEntries(changed.map((k) => [k, { before: auditValue(k, before[k]), after: auditValue(k, after[k]) }])),
      },
    });
    await reindexAfterChange(tx, cur.id);
    return { ok: true, id: cur.id, version, changed };
  }).finally(publicPagesChanged);
}
