// 移交处置 (seed 004 §四): a rumour harming public order is referred to 公安机关 or 网信部门, with the
// record of it (agency, date, what was referred, the agency's reference number). The incident is
// marked as a rumour.
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, type Result } from '../../../platform/errors.ts';
import { beijingMidnight, beijingToday } from '../../../platform/time/index.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { recordEvent } from '../events.ts';
import { REFERRAL_AGENCIES } from '../model.ts';
import * as repo from '../responses.repo.ts';
import type { ReferralValues } from './respond-forms.ts';
import { eventActor, onIncident, type Refusal } from './respond-shared.ts';

export async function referRumour(ctx: AppContext, caller: Caller, incidentId: number, v: ReferralValues): Promise<Result<{ referralId: number }, Refusal>> {
  return onIncident(ctx, caller, incidentId, 'opinion.monitor', async (tx, inc, now) => {
    if (inc.status === 'merged' || inc.status === 'dismissed') return fail('conflict', '该舆情已合并或排除，不能移交。');
    // Today: the instant itself; an earlier day: that day (Beijing midnight) as the record says.
    const referredAt = v.referredOn === beijingToday(now) ? now : beijingMidnight(v.referredOn);
    const row = await repo.insertReferral(tx, {
      incidentId: inc.id, agency: v.agency, note: v.content.trim(), referenceNo: v.referenceNo?.trim() || null, referredAt,
      actorId: caller.user.id, actorName: caller.user.displayName,
    });
    if (!inc.rumour) await repo.updateIncident(tx, inc.id, { rumour: true });
    else await repo.updateIncident(tx, inc.id, {});
    await recordEvent(tx, inc.id, 'referred', { referralId: row.id, agency: v.agency, agencyLabel: REFERRAL_AGENCIES[v.agency], referenceNo: row.referenceNo }, eventActor(caller), now);
    await writeAudit(tx, auditActor(caller), {
      action: 'opinion.incident.refer', entityType: 'opinion_incident', entityId: inc.id,
      summary: { no: inc.no, agency: v.agency, referredOn: v.referredOn, referenceNo: row.referenceNo },
    });
    return { ok: true as const, referralId: row.id };
  });
}
