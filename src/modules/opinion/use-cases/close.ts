// 办结 with an effect evaluation (效果评估: what was done, how opinion settled; optional rating) and
// 重新办理 (opinion.monitor) with a reason: opinion that flares up again reopens the incident.
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { recordEvent } from '../events.ts';
import * as repo from '../responses.repo.ts';
import { EFFECT_RATINGS, type CloseValues } from './respond-forms.ts';
import { ANSWERABLE } from './respond.ts';
import { eventActor, onIncident, type Refusal } from './respond-shared.ts';

export type Evaluation = { summary: string; rating: string | null; ratingLabel: string | null; by: string; at: string };

export async function closeIncident(ctx: AppContext, caller: Caller, incidentId: number, v: CloseValues): Promise<Result<object, Refusal>> {
  return onIncident(ctx, caller, incidentId, 'opinion.respond', async (tx, inc, now) => {
    if (!(ANSWERABLE as readonly string[]).includes(inc.status)) return fail('conflict', '只有已确认或回应中的舆情可以办结。');
    const summary = v.evaluation.trim();
    if (!summary) return invalid({ evaluation: '请填写效果评估' });
    if (await repo.countResponses(tx, inc.id, 'in_review') > 0) return fail('conflict', '尚有回应正在审核，请审核完成后再办结。');
    const rating = v.rating ?? null;
    const evaluation: Evaluation = { summary, rating, ratingLabel: rating ? EFFECT_RATINGS[rating] : null, by: caller.user.displayName, at: now.toISOString() };
    await repo.updateIncident(tx, inc.id, { status: 'closed', closedAt: now, evaluation });
    await recordEvent(tx, inc.id, 'closed', { rating, from: inc.status }, eventActor(caller), now);
    await writeAudit(tx, auditActor(caller), { action: 'opinion.incident.close', entityType: 'opinion_incident', entityId: inc.id, summary: { no: inc.no, rating, fromStatus: inc.status } });
    return { ok: true as const };
  });
}

export async function reopenIncident(ctx: AppContext, caller: Caller, incidentId: number, reason: string): Promise<Result<{ status: string }, Refusal>> {
  return onIncident(ctx, caller, incidentId, 'opinion.monitor', async (tx, inc, now) => {
    if (inc.status !== 'closed') return fail('conflict', '只有已办结的舆情可以重新办理。');
    if (!reason.trim()) return invalid({ reason: '请填写重新办理的原因' });
    const status = (await repo.countResponses(tx, inc.id, 'approved')) > 0 ? 'responding' : 'confirmed';
    await repo.updateIncident(tx, inc.id, { status, closedAt: null });
    await recordEvent(tx, inc.id, 'reopened', { reason: reason.trim(), status }, eventActor(caller), now);
    await writeAudit(tx, auditActor(caller), { action: 'opinion.incident.reopen', entityType: 'opinion_incident', entityId: inc.id, summary: { no: inc.no, status } });
    return { ok: true as const, status };
  });
}
