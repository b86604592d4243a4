// Use cases of a press event's application and approval: create, edit while a draft, submit to the
// approval chain (press_event: department or government kind), a reviewer's conclusion, and marking
// it held (refused before approval, except the emergency fast track), and cancelling it before it
// is held. Each: authorize → one transaction {lock, state check, change, audit}.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { fail, type Result } from '../../../platform/errors.ts';
import { can, type Action } from '../../auth/policy.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import * as review from '../../review/use-cases.ts';
import { decideCancel, decideHold, parseBeijingLocal, recordKindOf } from '../domain.ts';
import { EDITABLE, LIMITS, STATUSES, labelOf, type Status } from '../model.ts';
import { NOT_FOUND, type EventValues } from '../forms.ts';
import * as repo from '../repo.ts';

export const SUBJECT = 'press_event';
export type Refusal = 'not_found' | 'forbidden' | 'invalid' | 'conflict' | 'stale' | 'not_approved' | 'closed' | string;

const VERSION_STALE = '该活动已被他人修改，请刷新页面后重新操作。';

/** Runs `fn` with the event locked, after the permission check on the event's organisation. */
export async function onEvent<T>(
  ctx: AppContext, caller: Caller, id: number, action: Action,
  fn: (tx: Tx, ev: repo.EventRow, now: Date) => Promise<Result<T, Refusal>>,
): Promise<Result<T, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const ev = await repo.lockEvent(tx, id);
    if (!ev) return fail('not_found', NOT_FOUND);
    if (!can(caller.user, action, { orgId: ev.orgId })) return fail('forbidden', '您没有办理该单位新闻发布活动的权限。');
    return fn(tx, ev, ctx.now());
  });
}

type Fields = Omit<repo.EventInsert, 'id' | 'status' | 'version' | 'createdBy'>;

async function fieldsOf(ctx: AppContext, v: EventValues): Promise<Result<{ fields: Fields }, Refusal>> {
  let incidentId: number | null = null;
  const key = (v.incidentNo ?? '').trim();
  if (key) {
    const inc = await repo.incidentByNoOrId(ctx.db, key);
    if (!inc) return fail('invalid', '关联的舆情事件不存在。', { incidentNo: `未找到编号为“${key.slice(0, 40)}”的舆情事件，请核对舆情编号（如 YQ-2026-0001）` });
    incidentId = inc.id;
  }
  const plannedAt = parseBeijingLocal(v.plannedAt);
  if (!plannedAt) return fail('invalid', '拟举行时间格式不正确。', { plannedAt: '拟举行时间格式不正确，请按“年-月-日 时:分”填写' });
  return {
    ok: true,
    fields: {
      orgId: v.orgId, type: v.type, category: v.category, title: v.title, plannedAt, place: v.place ?? '', speaker: v.speaker,
      speakerKind: v.speakerKind, guests: v.guests ?? '', govName: v.govName === true, wideScope: v.govName === true && v.wideScope === true,
      emergency: v.emergency === true, incidentId, purpose: v.purpose, outline: v.outline, participants: v.participants ?? '',
    },
  };
}

export async function createEvent(ctx: AppContext, caller: Caller, v: EventValues): Promise<Result<{ id: number }, Refusal>> {
  if (!can(caller.user, 'press.apply', { orgId: v.orgId })) return fail('forbidden', '您没有为该单位申请新闻发布活动的权限。', { orgId: '请选择您所在的单位' });
  const f = await fieldsOf(ctx, v);
  if (!f.ok) return f;
  return withTx(ctx.db, async (tx) => {
    const id = await repo.insertEvent(tx, { ...f.fields, status: 'draft', createdBy: caller.user.id });
    await writeAudit(tx, auditActor(caller), {
      action: 'press.event.create', entityType: 'press_event', entityId: id,
      summary: { title: f.fields.title, orgId: f.fields.orgId, type: f.fields.type, govName: f.fields.govName, emergency: f.fields.emergency },
    });
    return { ok: true as const, id };
  });
}

export async function updateEvent(ctx: AppContext, caller: Caller, id: number, v: EventValues): Promise<Result<{ id: number }, Refusal>> {
  const f = await fieldsOf(ctx, v);
  if (!f.ok) return f;
  return onEvent(ctx, caller, id, 'press.apply', async (tx, ev) => {
    if (!EDITABLE.includes(ev.status as Status)) return fail('conflict', `该活动当前状态为“${labelOf(STATUSES, ev.status)}”，只有草稿或退回修改的活动可以修改。`);
    if (v.version !== undefined && v.version !== ev.version) return fail('stale', VERSION_STALE);
    if (f.fields.orgId !== ev.orgId && !can(caller.user, 'press.apply', { orgId: f.fields.orgId })) return fail('forbidden', '您没有为该单位申请新闻发布活动的权限。', { orgId: '请选择您所在的单位' });
    const changed = (Object.keys(f.fields) as (keyof Fields)[]).filter((k) => String(f.fields[k]) !== String(ev[k as keyof repo.EventRow]));
    await repo.updateEvent(tx, id, f.fields);
    await writeAudit(tx, auditActor(caller), { action: 'press.event.update', entityType: 'press_event', entityId: id, summary: { changed } });
    return { ok: true as const, id };
  });
}

/** 提交审批: starts the approval chain of the event's kind; step 0 is the applicant's. */
export async function submitEvent(ctx: AppContext, caller: Caller, id: number, input: { note?: string; version: number }): Promise<Result<{ status: Status }, Refusal>> {
  return onEvent(ctx, caller, id, 'press.apply', async (tx, ev, now) => {
    if (!EDITABLE.includes(ev.status as Status) && !(ev.status === 'held' && !ev.approvedAt)) {
      return fail('conflict', ev.status === 'in_review' ? '该活动已在审批中，不能重复提交。' : `该活动当前状态为“${labelOf(STATUSES, ev.status)}”，不能提交审批。`);
    }
    if (input.version !== ev.version) return fail('stale', VERSION_STALE);
    const started = await review.startReview(tx, { subjectType: SUBJECT, subjectId: id, subjectOrgId: ev.orgId, recordKind: recordKindOf(ev) },
      caller.user, { ip: caller.ip, now, opinion: input.note ?? null });
    if (!started.ok) return fail(started.reason, started.message, started.fields);
    const held = ev.status === 'held';
    const status: Status = held ? 'held' : started.finished ? 'approved' : 'in_review';
    await repo.updateEvent(tx, id, { status, reviewInstanceId: started.instance.id, approvedAt: started.finished ? now : null });
    await writeAudit(tx, auditActor(caller), {
      action: 'press.event.submit', entityType: 'press_event', entityId: id,
      summary: { instanceId: started.instance.id, chain: started.chain.name, status, afterHeld: held },
    });
    if (started.finished) publicPagesChanged();
    return { ok: true as const, status };
  });
}

/** A reviewer's conclusion at the current step (通过 / 退回修改 / 不予批准). The last pass approves. */
export async function reviewEvent(ctx: AppContext, caller: Caller, id: number, input: { conclusion: string; opinion?: string; step?: number }): Promise<Result<{ status: Status; finished: boolean }, Refusal>> {
  return onEvent(ctx, caller, id, 'press.read', async (tx, ev, now) => {
    if (!ev.reviewInstanceId) return fail('stale', '该活动不在审批中，可能已由他人处理，请刷新页面。');
    const a = await review.act(tx, ev.reviewInstanceId, caller.user, input.conclusion, input.opinion ?? null, { ip: caller.ip, expectedStep: input.step, now });
    if (!a.ok) return fail(a.reason, a.message, a.fields);
    const held = ev.status === 'held';
    let status: Status = ev.status as Status;
    const patch: Partial<repo.EventInsert> = {};
    if (a.instance.status === 'approved') {
      status = held ? 'held' : 'approved';
      patch.approvedAt = now;
    } else if (a.instance.status === 'returned') status = held ? 'held' : 'returned';
    else if (a.instance.status === 'refused') status = held ? 'held' : 'refused';
    patch.status = status;
    await repo.updateEvent(tx, id, patch);
    const action = a.instance.status === 'approved' ? 'press.event.approve' : a.instance.status === 'in_progress' ? 'press.event.pass' : a.instance.status === 'returned' ? 'press.event.return' : 'press.event.refuse';
    await writeAudit(tx, auditActor(caller), { action, entityType: 'press_event', entityId: id, summary: { step: a.step.key, stepName: a.step.name, status, afterHeld: held } });
    if (a.instance.status === 'approved') publicPagesChanged();
    return { ok: true as const, status, finished: a.finished };
  });
}

/** 已举行: records the actual time. Refused before approval unless the emergency fast track applies. */
export async function holdEvent(ctx: AppContext, caller: Caller, id: number, input: { heldAt: string }): Promise<Result<{ approveAfter: boolean }, Refusal>> {
  return onEvent(ctx, caller, id, 'press.apply', async (tx, ev, now) => {
    const heldAt = parseBeijingLocal(input.heldAt);
    if (!heldAt) return fail('invalid', '实际举行时间格式不正确。', { heldAt: '实际举行时间格式不正确，请按“年-月-日 时:分”填写' });
    const d = decideHold({ status: ev.status, emergency: ev.emergency, approvedAt: ev.approvedAt, answers: await repo.countAnswers(tx, id) }, heldAt, now);
    if (!d.ok) return fail(d.reason, d.message, d.fields);
    await repo.updateEvent(tx, id, { status: 'held', heldAt, approvalDueAt: d.approvalDueAt });
    await writeAudit(tx, auditActor(caller), {
      action: 'press.event.hold', entityType: 'press_event', entityId: id,
      summary: { heldAt: heldAt.toISOString(), approveAfter: d.approveAfter, approvalDueAt: d.approvalDueAt?.toISOString() ?? null },
    });
    publicPagesChanged();
    return { ok: true as const, approveAfter: d.approveAfter };
  });
}

/**
 * 取消 before the event is held (reason required). An open approval is cancelled through the review
 * engine in the same transaction (the engine allows the submitter or the disclosure office); an
 * announced event leaves the public upcoming list and its page says 已取消.
 */
export async function cancelEvent(ctx: AppContext, caller: Caller, id: number, input: { reason: string; version?: number }): Promise<Result<{ instanceCancelled: boolean }, Refusal>> {
  const reason = input.reason.trim();
  return onEvent(ctx, caller, id, 'press.apply', async (tx, ev, now) => {
    const d = decideCancel(ev, reason, LIMITS.reason);
    if (!d.ok) return fail(d.fields ? 'invalid' : 'conflict', d.message, d.fields);
    if (input.version !== undefined && input.version !== ev.version) return fail('stale', VERSION_STALE);
    const inst = ev.reviewInstanceId ? await review.getInstance(tx, ev.reviewInstanceId) : null;
    const open = inst?.status === 'in_progress';
    if (open) {
      const c = await review.cancel(tx, inst.id, caller.user, { ip: caller.ip, now, reason });
      if (!c.ok) return fail(c.reason, c.reason === 'forbidden' ? '该活动正在审批中，只有提交审批的人或政务公开办可以取消。' : c.message);
    }
    await repo.updateEvent(tx, id, { status: 'cancelled', cancelledAt: now, cancelReason: reason });
    await writeAudit(tx, auditActor(caller), {
      action: 'press.event.cancel', entityType: 'press_event', entityId: id,
      summary: { priorStatus: ev.status, reason, instanceId: open ? inst.id : null, announced: ev.status === 'approved' },
    });
    if (ev.status === 'approved') publicPagesChanged();
    return { ok: true as const, instanceCancelled: open };
  });
}
