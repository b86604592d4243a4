// Creates a draft record: validate → authorize → one transaction {索引号 counter, record, attachment, audit, search}.
import { DEFAULT_MESSAGES } from '../../../platform/errors.ts';
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import type { Result } from '../../../platform/errors.ts';
import { can } from '../../auth/policy.ts';
import { computeDue, renderIndexNo, validateRecordInput, type Due, type RecordForm, type RecordField, type RecordInput } from '../domain.ts';
import { isUniqueViolation } from '../../org/repo.ts';
import * as repo from '../repo.ts';
import { auditActor, indexFormatOf, reindexAfterChange, todayOf, type Caller, type Failure } from './shared.ts';

export interface CreateInput {
  orgId: number;
  form: Partial<RecordForm>;
  /** Stored files to attach (e.g. the uploaded original the form was filled from). */
  attachments?: { fileId: number; name: string }[];
}

/** `tx`: run inside the caller's transaction (another module's change that must commit with the record). */
export interface InTx { tx?: Tx }

export type CreateResult = Result<{ id: number; indexNo: string }, Failure> & { errors?: Partial<Record<RecordField, string>> };

export async function createRecord(ctx: AppContext, caller: Caller, input: CreateInput, opts: InTx = {}): Promise<CreateResult> {
  if (!can(caller.user, 'catalog.draft', { orgId: input.orgId })) {
    return { ok: false, reason: 'forbidden', message: '您没有在该机构下编制公开信息的权限。' };
  }
  const { today, currentYear } = todayOf(ctx);
  const v = validateRecordInput(input.form, { today, currentYear });
  if (!v.ok) return { ok: false, reason: 'invalid', message: DEFAULT_MESSAGES.validation_failed, errors: v.errors, fields: v.errors as Record<string, string> };
  const cal = await ctx.calendar.get();
  const due = computeDue(v.value.timeLimit, v.value.generatedOn, cal);

  try {
    return await insert(ctx, caller, input, v.value, due, currentYear, opts.tx);
  } catch (e) {
    // A format change can make a new 索引号 collide with an old one: refuse, never a 500.
    if (isUniqueViolation(e, 'catalog_records_index_no_uq')) {
      return { ok: false, reason: 'conflict', message: '生成的索引号与已有信息重复，请联系政务公开办检查本机构的索引号格式。' };
    }
    throw e;
  }
}

async function insert(ctx: AppContext, caller: Caller, input: CreateInput, value: RecordInput, due: Due, currentYear: number, outer?: Tx): Promise<CreateResult> {
  const v = { value };
  return withTx(outer ?? ctx.db, async (tx) => {
    const org = await repo.orgNameAndCodes(tx, input.orgId);
    if (!org || !org.active) return { ok: false as const, reason: 'not_found' as const, message: '机构不存在或已停用。' };
    const format = await indexFormatOf(tx, input.orgId);
    const seq = await repo.nextIndexSeq(tx, input.orgId, currentYear);
    const indexNo = renderIndexNo(format, { orgCode: org.orgCode, regionCode: org.regionCode, year: currentYear, seq });
    const publisher = v.value.publisher ?? org.name;
    const id = await repo.insertRecord(tx, {
      ...v.value, publisher, orgId: input.orgId, indexNo, indexYear: currentYear, indexSeq: seq, due, createdBy: caller.user.id,
    });
    for (const a of input.attachments ?? []) await repo.insertAttachment(tx, id, a.fileId, a.name);
    await writeAudit(tx, auditActor(caller), {
      action: 'catalog.record.create', entityType: 'catalog_record', entityId: id,
      summary: { indexNo, title: v.value.title, orgId: input.orgId, docNo: v.value.docNo, attachments: (input.attachments ?? []).map((a) => a.name) },
    });
    await reindexAfterChange(tx, id);
    return { ok: true as const, id, indexNo };
  });
}
