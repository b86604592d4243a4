// 回应 (seed 004 §五): a response (text, channel, time, link) is submitted for the lead unit; when
// the unit's review chain for opinion_response exists it goes through the review engine (the
// drafter performs step 0), otherwise it is approved at once. Approval meets the open deadlines the
// channel can meet (a press conference only by a conference), plans the next 持续发布 deadline and
// moves the incident to 回应中. A returned response is edited and submitted again.
import type { AppContext } from '../../../app-context.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import * as review from '../../review/use-cases.ts';
import { mayActOnStep } from '../../review/domain.ts';
import { kindsMetBy, nextUpdate, parseInstant } from '../clock-rules.ts';
import { recordEvent } from '../events.ts';
import { isMajorGrade, type DeadlineKind, type Grade } from '../model.ts';
import * as repo from '../responses.repo.ts';
import type { ResponseValues } from './respond-forms.ts';
import { answeringOrg, eventActor, onIncident, type Refusal } from './respond-shared.ts';

export const SUBJECT = 'opinion_response';
export const ANSWERABLE = ['confirmed', 'responding'] as const;

const isAnswerable = (status: string) => (ANSWERABLE as readonly string[]).includes(status);

/** Submits a new response, or a returned one edited (values.responseId). */
export async function submitResponse(ctx: AppContext, caller: Caller, incidentId: number, v: ResponseValues): Promise<Result<{ responseId: number; status: string }, Refusal>> {
  return onIncident(ctx, caller, incidentId, 'opinion.respond', async (tx, inc, now) => {
    if (!isAnswerable(inc.status)) return fail('conflict', inc.status === 'candidate' ? '该舆情尚未研判确认，确认后才能回应。' : '该舆情已办结、排除或合并，不能再回应。');
    const respondedAt = parseInstant(v.respondedAt);
    if (!respondedAt) return invalid({ respondedAt: '回应时间格式不正确' });
    const orgId = answeringOrg(caller.user, inc);
    const chain = await review.findChain(tx, { subjectType: SUBJECT, orgId });
    if (chain && chain.steps[0] && !mayActOnStep(chain.steps[0], caller.user, orgId)) {
      return fail('not_eligible', `回应须由牵头单位的“${chain.steps[0].name}”人员提交审核，您不能提交。`);
    }
    let existing: repo.ResponseRow | undefined;
    if (v.responseId) {
      existing = await repo.lockResponse(tx, Number(v.responseId));
      if (!existing || existing.incidentId !== inc.id) return fail('not_found', '要修改的回应不存在。');
      if (existing.status !== 'returned' && existing.status !== 'draft') return fail('conflict', '只有退回修改的回应可以修改后重新提交。');
    }
    const fields = { channel: v.channel, text: v.text, url: v.url || null, respondedAt, title: v.title?.trim() || inc.title, orgId };
    const r = existing
      ? (await repo.updateResponse(tx, existing.id, { ...fields, status: 'draft' }), existing)
      : await repo.insertResponse(tx, { ...fields, incidentId: inc.id, status: 'draft', createdBy: caller.user.id });
    await recordEvent(tx, inc.id, 'response_drafted', { responseId: r.id, channel: v.channel, revised: Boolean(existing) }, eventActor(caller), now);
    await writeAudit(tx, auditActor(caller), {
      action: existing ? 'opinion.response.update' : 'opinion.response.create', entityType: 'opinion_incident', entityId: inc.id,
      summary: { responseId: r.id, responseChannel: v.channel, respondedAt: respondedAt.toISOString() },
    });

    if (!chain) {
      await approveResponse(tx, ctx, inc, { ...r, ...fields }, auditActor(caller), eventActor(caller), now);
      return { ok: true as const, responseId: r.id, status: 'approved' };
    }
    const started = await review.startReview(tx, { subjectType: SUBJECT, subjectId: r.id, subjectOrgId: orgId }, caller.user, { ip: caller.ip, opinion: v.note || null, now });
    if (!started.ok) throw new Error(`review start refused after the eligibility check: ${started.reason}`);
    await repo.updateResponse(tx, r.id, { status: 'in_review', reviewInstanceId: started.instance.id });
    await recordEvent(tx, inc.id, 'response_submitted', { responseId: r.id, instanceId: started.instance.id, chain: started.chain.name }, eventActor(caller), now);
    if (started.finished) {
      await approveResponse(tx, ctx, inc, { ...r, ...fields }, auditActor(caller), eventActor(caller), now);
      return { ok: true as const, responseId: r.id, status: 'approved' };
    }
    return { ok: true as const, responseId: r.id, status: 'in_review' };
  });
}

/**
 * The effects of an approved response, in the caller's transaction: the deadlines its channel meets
 * (met at the time it was given), the next update deadline, the incident 回应中, the timeline and audit.
 */
export async function approveResponse(
  tx: Tx, _ctx: AppContext, inc: repo.IncidentRow, r: Pick<repo.ResponseRow, 'id' | 'channel' | 'respondedAt'>,
  actor: Actor, evActor: { id: number | null; name: string }, now: Date,
): Promise<{ met: DeadlineKind[]; nextUpdateAt: Date | null }> {
  const at = r.respondedAt ?? now;
  await repo.updateResponse(tx, r.id, { status: 'approved' });
  const deadlines = await repo.listDeadlines(tx, inc.id);
  const open = deadlines.filter((d) => !d.metAt).map((d) => d.kind as DeadlineKind);
  const met = kindsMetBy(r.channel, open);
  await repo.meetDeadlines(tx, inc.id, met, at, r.id);

  // The next 持续发布 runs from the latest information out: an older response approved late does not pull it earlier.
  let nextUpdateAt: Date | null = null;
  const next = inc.grade && inc.status !== 'closed' ? nextUpdate(inc.grade as Grade, at) : null;
  const current = deadlines.find((d) => d.kind === 'update');
  const currentOpen = current && !current.metAt && !met.includes('update');
  if (next && !(currentOpen && current.dueAt.getTime() >= next.dueAt.getTime())) {
    await repo.planUpdateDeadline(tx, inc.id, next.dueAt, next.basis);
    nextUpdateAt = next.dueAt;
  }
  if (inc.status === 'confirmed') await repo.updateIncident(tx, inc.id, { status: 'responding' });
  else await repo.updateIncident(tx, inc.id, {});
  await recordEvent(tx, inc.id, 'response_approved', { responseId: r.id }, evActor, now);
  await recordEvent(tx, inc.id, 'responded', {
    responseId: r.id, channel: r.channel, at: at.toISOString(), met, nextUpdateAt: nextUpdateAt?.toISOString() ?? null, major: isMajorGrade(inc.grade as Grade),
  }, evActor, now);
  await writeAudit(tx, actor, {
    action: 'opinion.response.approve', entityType: 'opinion_incident', entityId: inc.id,
    summary: { responseId: r.id, responseChannel: r.channel, met: met.join(',') || '无', nextUpdateAt: nextUpdateAt?.toISOString() ?? null },
  });
  return { met, nextUpdateAt };
}
