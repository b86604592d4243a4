// The `opinion.deadlines` job, every minute: each open deadline past due and not met is marked
// breached (once: breached_at), put on the timeline, mailed to the lead organisation's heads and the
// disclosure office, and gets an accountability finding proposed by accountability-rules.ts (one per
// incident, deadline kind and organisation). Closed, dismissed and merged incidents are skipped.
// Idempotent: a second run finds nothing left to mark.
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { withTx } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit/index.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { isMailConfigured, sendMailLater } from '../../platform/mail/job.ts';
import { formatInstant } from '../../platform/time/index.ts';
import { ACTIONS } from '../auth/policy.ts';
import { DEADLINE_KINDS, FINDING_KINDS, GRADES, labelOf, type Grade } from './model.ts';
import { recordEvent } from './events.ts';
import { proposeFinding, lateText, REPEAT_WINDOW_DAYS } from './accountability-rules.ts';
import * as repo from './deadlines.repo.ts';

/** The organisation's heads: who signs off its work (unit approvers, department reviewers). */
const HEAD_ROLES = ['unit_approver', 'dept_reviewer'];

export interface DeadlineRun { breached: number; findings: number; mails: number }

export async function checkDeadlines(ctx: AppContext): Promise<DeadlineRun> {
  const now = ctx.now();
  return withTx(ctx.db, async (tx) => {
    const due = await repo.lockDueBreaches(tx, now);
    const out: DeadlineRun = { breached: 0, findings: 0, mails: 0 };
    for (const d of due) {
      const late = Math.max(0, (now.getTime() - d.dueAt.getTime()) / 60_000);
      const what = labelOf(DEADLINE_KINDS, d.kind) || d.kind;
      let finding: { kind: string; reason: string } | null = null;
      if (d.leadOrgId !== null) {
        const prior = await repo.countFindingsSince(tx, d.leadOrgId, new Date(now.getTime() - REPEAT_WINDOW_DAYS * 86_400_000));
        const p = proposeFinding({ grade: d.grade as Grade | null, deadlineKind: d.kind, lateMinutes: late, priorFindings: prior, answered: false });
        if (await repo.insertFinding(tx, { incidentId: d.incidentId, orgId: d.leadOrgId, deadlineKind: d.kind, kind: p.kind, reason: p.reason, createdAt: now })) {
          finding = p;
          out.findings++;
        }
      }
      const to = isMailConfigured(ctx.config)
        ? await repo.breachRecipients(tx, d.leadOrgId, ACTIONS['opinion.accountability'], HEAD_ROLES)
        : [];
      if (to.length) {
        await sendMailLater(tx, {
          to: to.slice(0, 50).map((x) => x.email),
          subject: `【政务舆情·超时督办】${d.no} ${what}时限已过`.slice(0, 500),
          text: [
            `舆情事件 ${d.no}：${d.title}`,
            `舆情级别：${labelOf(GRADES, d.grade) || '待定'}　牵头单位：${d.leadOrgName ?? '尚未指定'}`,
            `超过时限：${what}，应于 ${formatInstant(d.dueAt, 'minute')}（北京时间）前完成，已超时${lateText(late)}。`,
            `依据：${d.basis}`,
            ...(finding ? [`问责建议：${FINDING_KINDS[finding.kind as keyof typeof FINDING_KINDS]}（${finding.reason}）`] : []),
            '',
            `请立即督促回应：https://${ctx.config.siteDomain}/admin/opinion/${d.incidentId}`,
          ].join('\n'),
        }, { key: `opinion.breach/${d.deadlineId}` });
        out.mails++;
      }
      await repo.markBreached(tx, d.deadlineId, now, to.length > 0);
      await recordEvent(tx, d.incidentId, 'deadline_breached', {
        kind: d.kind, dueAt: d.dueAt.toISOString(), finding: finding?.kind ?? null, recipients: Math.min(to.length, 50),
      }, { id: null, name: '系统' }, now);
      await writeAudit(tx, SYSTEM_ACTOR, {
        action: 'opinion.deadline.breach', entityType: 'opinion_incident', entityId: d.incidentId,
        summary: { no: d.no, deadline: what, finding: finding ? FINDING_KINDS[finding.kind as keyof typeof FINDING_KINDS] : '无' },
      });
      out.breached++;
    }
    return out;
  });
}

export const opinionDeadlinesJob = defineJob({
  name: 'opinion.deadlines',
  schema: Type.Object({}),
  cron: '* * * * *',
  cronPayload: {},
  // The next minute's run is the retry.
  retryLimit: 0,
  expireInSeconds: 300,
  async handler(ctx: AppContext) {
    await checkDeadlines(ctx);
  },
});
