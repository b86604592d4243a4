// 在线访谈, staff side: create and edit (编辑中), announce (预告, interaction.approve), and publish
// the 文字实录 once the interview has begun (which closes it to questions). One transaction each,
// the interview locked, checked on its organisation, audited.
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { can, type Action } from '../../auth/policy.ts';
import { INTERVIEW_LIMITS, interviewTimes, sameActorRefusal, withdrawReasonProblem } from '../domain.ts';
import * as repo from '../interviews.repo.ts';
import type { InterviewValues } from '../forms.ts';
import { pressLinkRefusal } from '../press-link.ts';
import { lockEvent } from '../../press/repo.ts';

export type InterviewRefusal = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'stale' | 'same_actor';
const NOT_FOUND = '该在线访谈不存在或已被删除。';

async function onInterview<T>(ctx: AppContext, caller: Caller, id: number, action: Action, version: number | null,
  fn: (tx: Tx, i: repo.InterviewRow, now: Date) => Promise<Result<T, InterviewRefusal>>): Promise<Result<T, InterviewRefusal>> {
  const r = await withTx(ctx.db, async (tx) => {
    const i = await repo.lockInterview(tx, id);
    if (!i) return fail('not_found', NOT_FOUND);
    if (!can(caller.user, action, { orgId: i.orgId })) return fail('forbidden', '您没有办理该单位在线访谈的权限。');
    if (version !== null && version !== i.version) return fail('stale', '该在线访谈已被他人修改，请刷新页面后重新操作。');
    return fn(tx, i, ctx.now());
  });
  if (r.ok) publicPagesChanged();
  return r;
}

function fieldsOf(v: InterviewValues): Result<{ f: Omit<repo.InterviewInsert, 'status'> }, 'invalid'> {
  const t = interviewTimes(v.date, v.startTime, v.endTime);
  if (!t.ok) return invalid(t.fields);
  return { ok: true, f: { orgId: v.orgId, title: v.title, guests: v.guests, preview: v.preview, startsAt: t.startsAt, endsAt: t.endsAt } };
}

export async function createInterview(ctx: AppContext, caller: Caller, v: InterviewValues): Promise<Result<{ id: number }, InterviewRefusal>> {
  if (!can(caller.user, 'interaction.manage', { orgId: v.orgId })) return invalid({ orgId: '您不能以该单位名义举办在线访谈，请选择您所在的单位' });
  const f = fieldsOf(v);
  if (!f.ok) return f;
  return withTx(ctx.db, async (tx) => {
    const pressEventId = v.pressEventId ?? null;
    if (pressEventId !== null) {
      const linked = await pressEventCheck(tx, pressEventId, v.orgId);
      if (!linked.ok) return linked;
    }
    const id = await repo.insertInterview(tx, { ...f.f, status: 'editing', createdBy: caller.user.id, pressEventId });
    await writeAudit(tx, auditActor(caller), {
      action: 'interaction.interview.create', entityType: 'interaction_interview', entityId: id,
      summary: { title: v.title, startsAt: f.f.startsAt.toISOString(), ...(pressEventId !== null ? { pressEventId } : {}) },
    });
    return { ok: true as const, id };
  });
}

/**
 * An interview made from a press event: the event (locked through the press module's repo, so two
 * pages cannot be made at once) is an approved 在线访谈 of the same organisation, without an
 * interview page yet (one withdrawn may be replaced).
 */
async function pressEventCheck(tx: Tx, pressEventId: number, orgId: number): Promise<Result<object, InterviewRefusal>> {
  const ev = await lockEvent(tx, pressEventId);
  if (!ev) return fail('not_found', '关联的新闻发布活动不存在或已被删除。');
  const refusal = pressLinkRefusal(ev);
  if (refusal) return fail('conflict', refusal);
  if (ev.orgId !== orgId) return invalid({ orgId: '访谈的主办单位应与新闻发布活动的主办单位一致' });
  const existing = await repo.interviewOfPressEvent(tx, pressEventId);
  if (existing && existing.status !== 'withdrawn') return fail('conflict', '该新闻发布活动已创建在线访谈页面。');
  return { ok: true as const };
}

export async function updateInterview(ctx: AppContext, caller: Caller, id: number, version: number, v: InterviewValues): Promise<Result<object, InterviewRefusal>> {
  const f = fieldsOf(v);
  if (!f.ok) return f;
  return onInterview(ctx, caller, id, 'interaction.manage', version, async (tx, i) => {
    if (i.status === 'closed') return fail('conflict', '文字实录已发布，访谈信息不能再修改。');
    if (i.status === 'withdrawn') return fail('conflict', '该在线访谈已撤回，不能再修改。');
    if (v.orgId !== i.orgId && !can(caller.user, 'interaction.manage', { orgId: v.orgId })) return invalid({ orgId: '您不能以该单位名义举办在线访谈' });
    if (v.orgId !== i.orgId && i.pressEventId !== null) return invalid({ orgId: '该访谈由新闻发布活动创建，主办单位应与活动一致' });
    await repo.updateInterview(tx, id, f.f);
    await writeAudit(tx, auditActor(caller), { action: 'interaction.interview.update', entityType: 'interaction_interview', entityId: id, summary: { title: v.title, startsAt: f.f.startsAt.toISOString() } });
    return { ok: true as const };
  });
}

export async function announceInterview(ctx: AppContext, caller: Caller, id: number, version: number): Promise<Result<object, InterviewRefusal>> {
  return onInterview(ctx, caller, id, 'interaction.approve', version, async (tx, i, now) => {
    if (i.status !== 'editing') return fail('conflict', '该在线访谈已经预告或已撤回。');
    const same = sameActorRefusal(i.createdBy, caller.user.id, '在线访谈');
    if (same) return fail('same_actor', same);
    if (i.endsAt.getTime() <= now.getTime()) return fail('conflict', '访谈时间已过，请修改访谈时间后再预告。');
    await repo.updateInterview(tx, id, { status: 'announced', announcedAt: now, announcedBy: caller.user.id });
    await writeAudit(tx, auditActor(caller), { action: 'interaction.interview.announce', entityType: 'interaction_interview', entityId: id, summary: { title: i.title } });
    return { ok: true as const };
  });
}

export async function publishTranscript(ctx: AppContext, caller: Caller, id: number, version: number, transcript: string): Promise<Result<object, InterviewRefusal>> {
  return onInterview(ctx, caller, id, 'interaction.manage', version, async (tx, i, now) => {
    if (i.status === 'editing' || i.status === 'withdrawn') return fail('conflict', '访谈预告发布后（且未撤回）才能发布文字实录。');
    if (now.getTime() < i.startsAt.getTime()) return fail('conflict', '访谈开始后才能发布文字实录。');
    const text = transcript.trim();
    if (Array.from(text).length < 20) return invalid({ transcript: '请填写文字实录（至少 20 个字）' });
    if (Array.from(text).length > INTERVIEW_LIMITS.transcript) return invalid({ transcript: `文字实录最多 ${INTERVIEW_LIMITS.transcript} 个字` });
    await repo.updateInterview(tx, id, { status: 'closed', transcript: text, transcriptPublishedAt: i.transcriptPublishedAt ?? now });
    await writeAudit(tx, auditActor(caller), { action: i.transcript ? 'interaction.transcript.update' : 'interaction.transcript.publish', entityType: 'interaction_interview', entityId: id, summary: { title: i.title, length: Array.from(text).length } });
    return { ok: true as const };
  });
}

/** 撤回: an announced or closed interview leaves the public lists; its page says it was withdrawn and why (410). */
export async function withdrawInterview(ctx: AppContext, caller: Caller, id: number, version: number, reason: string): Promise<Result<object, InterviewRefusal>> {
  return onInterview(ctx, caller, id, 'interaction.approve', version, async (tx, i, now) => {
    if (i.status !== 'announced' && i.status !== 'closed') return fail('conflict', '只有已发布预告的在线访谈可以撤回。');
    const problem = withdrawReasonProblem(reason);
    if (problem) return invalid({ withdrawReason: problem });
    const why = reason.trim();
    await repo.updateInterview(tx, id, { status: 'withdrawn', withdrawnAt: now, withdrawnBy: caller.user.id, withdrawReason: why });
    await writeAudit(tx, auditActor(caller), { action: 'interaction.interview.withdraw', entityType: 'interaction_interview', entityId: id, summary: { title: i.title, reason: why } });
    return { ok: true as const };
  });
}
