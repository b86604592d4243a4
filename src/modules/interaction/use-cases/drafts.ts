// 意见征集 drafts, staff side: create and edit (编辑中), send for publication (待审核发布), publish or
// return (the simple approval step, interaction.approve), attach the full text, and publish the
// 采纳情况 after the period. Each is one transaction with the draft locked, checked against the
// caller's grants on the draft's organisation, and audited.
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { storeFile } from '../../../platform/files/index.ts';
import { beijingToday } from '../../../platform/time/index.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { can, type Action } from '../../auth/policy.ts';
import { DRAFT_LIMITS, draftPhase, maySummarise, sameActorRefusal, withdrawReasonProblem } from '../domain.ts';
import * as repo from '../drafts.repo.ts';
import type { DraftValues } from '../forms.ts';

export type DraftRefusal = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'stale' | 'same_actor';
const NOT_FOUND = '该意见征集不存在或已被删除。';
const FORBIDDEN = '您没有办理该单位意见征集的权限。';

async function onDraft<T>(ctx: AppContext, caller: Caller, id: number, action: Action, version: number | null,
  fn: (tx: Tx, d: repo.DraftRow, now: Date) => Promise<Result<T, DraftRefusal>>): Promise<Result<T, DraftRefusal>> {
  const r = await withTx(ctx.db, async (tx) => {
    const d = await repo.lockDraft(tx, id);
    if (!d) return fail('not_found', NOT_FOUND);
    if (!can(caller.user, action, { orgId: d.orgId })) return fail('forbidden', FORBIDDEN);
    if (version !== null && version !== d.version) return fail('stale', '该意见征集已被他人修改，请刷新页面后重新操作。');
    return fn(tx, d, ctx.now());
  });
  if (r.ok) publicPagesChanged();
  return r;
}

const fieldsOf = (v: DraftValues) => ({
  orgId: v.orgId, title: v.title, body: v.body, howToComment: v.howToComment ?? '', startDate: v.startDate, endDate: v.endDate, showComments: v.showComments,
});

export async function createDraft(ctx: AppContext, caller: Caller, v: DraftValues): Promise<Result<{ id: number }, DraftRefusal>> {
  if (!can(caller.user, 'interaction.manage', { orgId: v.orgId })) return invalid({ orgId: '您不能以该单位名义发起意见征集，请选择您所在的单位' });
  return withTx(ctx.db, async (tx) => {
    const id = await repo.insertDraft(tx, { ...fieldsOf(v), status: 'editing', createdBy: caller.user.id });
    await writeAudit(tx, auditActor(caller), { action: 'interaction.draft.create', entityType: 'interaction_draft', entityId: id, summary: { title: v.title, startDate: v.startDate, endDate: v.endDate } });
    return { ok: true as const, id };
  });
}

export async function updateDraft(ctx: AppContext, caller: Caller, id: number, version: number, v: DraftValues): Promise<Result<object, DraftRefusal>> {
  return onDraft(ctx, caller, id, 'interaction.manage', version, async (tx, d) => {
    if (d.status !== 'editing') return fail('conflict', '只有编辑中的意见征集可以修改；已送审的请先退回。');
    if (v.orgId !== d.orgId && !can(caller.user, 'interaction.manage', { orgId: v.orgId })) return invalid({ orgId: '您不能以该单位名义发起意见征集' });
    await repo.updateDraft(tx, id, fieldsOf(v));
    await writeAudit(tx, auditActor(caller), { action: 'interaction.draft.update', entityType: 'interaction_draft', entityId: id, summary: { title: v.title, startDate: v.startDate, endDate: v.endDate } });
    return { ok: true as const };
  });
}

export async function submitDraft(ctx: AppContext, caller: Caller, id: number, version: number): Promise<Result<object, DraftRefusal>> {
  return onDraft(ctx, caller, id, 'interaction.manage', version, async (tx, d, now) => {
    if (d.status !== 'editing') return fail('conflict', '该意见征集已送审或已发布。');
    if (d.endDate < beijingToday(now)) return invalid({ endDate: '截止日期已过，请修改征集期后再送审' });
    await repo.updateDraft(tx, id, { status: 'pending', returnReason: null, submittedBy: caller.user.id });
    await writeAudit(tx, auditActor(caller), { action: 'interaction.draft.submit', entityType: 'interaction_draft', entityId: id, summary: { title: d.title } });
    return { ok: true as const };
  });
}

export async function publishDraft(ctx: AppContext, caller: Caller, id: number, version: number): Promise<Result<object, DraftRefusal>> {
  return onDraft(ctx, caller, id, 'interaction.approve', version, async (tx, d, now) => {
    if (d.status !== 'pending') return fail('conflict', '只有待审核发布的意见征集可以发布。');
    const same = sameActorRefusal(d.submittedBy, caller.user.id, '意见征集');
    if (same) return fail('same_actor', same);
    if (d.endDate < beijingToday(now)) return fail('conflict', '截止日期已过，请退回修改征集期。');
    await repo.updateDraft(tx, id, { status: 'published', publishedAt: now, publishedBy: caller.user.id });
    await writeAudit(tx, auditActor(caller), { action: 'interaction.draft.publish', entityType: 'interaction_draft', entityId: id, summary: { title: d.title, startDate: d.startDate, endDate: d.endDate } });
    return { ok: true as const };
  });
}

export async function returnDraft(ctx: AppContext, caller: Caller, id: number, version: number, reason: string): Promise<Result<object, DraftRefusal>> {
  return onDraft(ctx, caller, id, 'interaction.approve', version, async (tx, d) => {
    if (d.status !== 'pending') return fail('conflict', '只有待审核发布的意见征集可以退回。');
    const why = reason.trim();
    if (!why) return invalid({ reason: '请填写退回理由' });
    if (Array.from(why).length > DRAFT_LIMITS.reason) return invalid({ reason: `退回理由最多 ${DRAFT_LIMITS.reason} 个字` });
    await repo.updateDraft(tx, id, { status: 'editing', returnReason: why });
    await writeAudit(tx, auditActor(caller), { action: 'interaction.draft.return', entityType: 'interaction_draft', entityId: id, summary: { title: d.title, reason: why } });
    return { ok: true as const };
  });
}

export async function publishSummary(ctx: AppContext, caller: Caller, id: number, version: number, summary: string): Promise<Result<object, DraftRefusal>> {
  return onDraft(ctx, caller, id, 'interaction.manage', version, async (tx, d, now) => {
    if (!maySummarise(d, beijingToday(now))) {
      return fail('conflict', draftPhase(d, beijingToday(now)) === 'unpublished' ? '意见征集发布后才能公布采纳情况。' : `征集期至 ${d.endDate} 结束，结束后才能公布采纳情况。`);
    }
    const text = summary.trim();
    if (Array.from(text).length < 10) return invalid({ summary: '请填写采纳情况（至少 10 个字），说明采纳了哪些意见、未采纳的理由' });
    if (Array.from(text).length > DRAFT_LIMITS.summary) return invalid({ summary: `采纳情况最多 ${DRAFT_LIMITS.summary} 个字` });
    await repo.updateDraft(tx, id, { summary: text, summaryPublishedAt: d.summaryPublishedAt ?? now });
    await writeAudit(tx, auditActor(caller), { action: d.summaryPublishedAt ? 'interaction.summary.update' : 'interaction.summary.publish', entityType: 'interaction_draft', entityId: id, summary: { title: d.title, length: Array.from(text).length } });
    return { ok: true as const };
  });
}

/** 撤回: a published draft leaves the public lists; its page says it was withdrawn and why (410). */
export async function withdrawDraft(ctx: AppContext, caller: Caller, id: number, version: number, reason: string): Promise<Result<object, DraftRefusal>> {
  return onDraft(ctx, caller, id, 'interaction.approve', version, async (tx, d, now) => {
    if (d.status !== 'published') return fail('conflict', '只有已发布的意见征集可以撤回。');
    const problem = withdrawReasonProblem(reason);
    if (problem) return invalid({ withdrawReason: problem });
    const why = reason.trim();
    await repo.updateDraft(tx, id, { status: 'withdrawn', withdrawnAt: now, withdrawnBy: caller.user.id, withdrawReason: why });
    await writeAudit(tx, auditActor(caller), { action: 'interaction.draft.withdraw', entityType: 'interaction_draft', entityId: id, summary: { title: d.title, reason: why } });
    return { ok: true as const };
  });
}

/** Attaches (or replaces) the draft's full-text file; the bytes were checked by checkUpload. */
export async function attachDraftFile(ctx: AppContext, caller: Caller, id: number, file: { bytes: Buffer; name: string; kind: Parameters<typeof storeFile>[2]; mime: string }): Promise<Result<object, DraftRefusal>> {
  return onDraft(ctx, caller, id, 'interaction.manage', null, async (tx, d) => {
    if (d.status !== 'editing') return fail('conflict', '只有编辑中的意见征集可以更换附件。');
    const fileId = await storeFile(tx, file.bytes, file.kind, file.mime, null);
    await repo.updateDraft(tx, id, { attachmentFileId: fileId, attachmentName: file.name });
    await writeAudit(tx, auditActor(caller), { action: 'interaction.draft.attach', entityType: 'interaction_draft', entityId: id, summary: { file: file.name, size: file.bytes.length } });
    return { ok: true as const };
  });
}
