// The `opinion.deadlines` job, every minute: each open deadline past due and not met is marked
// breached (once: breached_at), put on the timeline, mailed to the lead organisation's heads and the
// disclosure office, and gets an accountability finding proposed by accountability-rules.ts (one per
// incident, deadline kind and organisation). Closed, dismissed and merged incidents are skipped.
// Then every open finding whose deadline is still unmet is looked at again with the lateness of now:
// when the proposal rises (通报 → 约谈 → 问责) its kind and reason change, the timeline and the audit
// log say so, and the same people are mailed once per rise. Never lowered; decided and withdrawn
// findings never change. Idempotent: a second run at the same moment finds nothing left to do.
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { withTx, type Tx } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit/index.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { isMailConfigured, sendMailLater } from '../../platform/mail/job.ts';
import { formatInstant } from '../../platform/time/index.ts';
import { ACTIONS } from '../auth/policy.ts';
import { DEADLINE_KINDS, FINDING_KINDS, GRADES, labelOf, type Grade } from './model.ts';
import { recordEvent } from './events.ts';
import { proposeFinding, raiseFinding, lateText, REPEAT_WINDOW_DAYS } from './accountability-rules.ts';
import * as repo from './deadlines.repo.ts';
import * as findings from './findings.repo.ts';

/** The organisation's heads: who signs off its work (unit approvers, department reviewers). */
const HEAD_ROLES = ['unit_approver', 'dept_reviewer'];
const SYSTEM = { id: null, name: '系统' };
const kindLabel = (k: string) => labelOf(FINDING_KINDS, k) || k;

export interface DeadlineRun { breached: number; findings: number; raised: number; mails: number }

/** Who is told of a breach or a rise: the disclosure office over the lead unit, and its heads. */
async function recipientsOf(tx: Tx, ctx: AppContext, leadOrgId: number | null): Promise<string[]> {
  if (!isMailConfigured(ctx.config)) return [];
  return (await repo.breachRecipients(tx, leadOrgId, ACTIONS['opinion.accountability'], HEAD_ROLES)).slice(0, 50).map((x) => x.email);
}

export async function checkDeadlines(ctx: AppContext): Promise<DeadlineRun> {
  const now = ctx.now();
  return withTx(ctx.db, async (tx) => {
    const due = await repo.lockDueBreaches(tx, now);
    const out: DeadlineRun = { breached: 0, findings: 0, raised: 0, mails: 0 };
    // Seed 004 §三(四): when several units are involved, 县政府办公室 names the lead unit (and
    // 谁主管、谁负责 otherwise); a deadline that ran out with no lead named is the government office's
    // failure to name one, so the finding is against the government office.
    const office = due.some((d) => d.leadOrgId === null) ? await findings.governmentOfficeId(tx) : null;
    for (const d of due) {
      const late = Math.max(0, (now.getTime() - d.dueAt.getTime()) / 60_000);
      const what = labelOf(DEADLINE_KINDS, d.kind) || d.kind;
      const against = d.leadOrgId ?? office;
      let finding: { kind: string; reason: string } | null = null;
      if (against !== null) {
        const prior = await repo.countFindingsSince(tx, against, new Date(now.getTime() - REPEAT_WINDOW_DAYS * 86_400_000));
        const withoutLead = d.leadOrgId === null;
        const p = proposeFinding({ grade: d.grade as Grade | null, deadlineKind: d.kind, lateMinutes: late, priorFindings: prior, answered: false, withoutLead });
        if (await repo.insertFinding(tx, { incidentId: d.incidentId, orgId: against, deadlineKind: d.kind, kind: p.kind, reason: p.reason, withoutLead, createdAt: now })) {
          finding = p;
          out.findings++;
        }
      }
      const to = await recipientsOf(tx, ctx, d.leadOrgId);
      if (to.length) {
        await sendMailLater(tx, {
          to,
          subject: `【政务舆情·超时督办】${d.no} ${what}时限已过`.slice(0, 500),
          text: [
            `舆情事件 ${d.no}：${d.title}`,
            `舆情级别：${labelOf(GRADES, d.grade) || '待定'}　牵头单位：${d.leadOrgName ?? '尚未指定'}`,
            `超过时限：${what}，应于 ${formatInstant(d.dueAt, 'minute')}（北京时间）前完成，已超时${lateText(late)}。`,
            `依据：${d.basis}`,
            ...(finding ? [`问责建议：${kindLabel(finding.kind)}（${finding.reason}）`] : []),
            '',
            `请立即督促回应：${ctx.config.siteUrl}/admin/opinion/${d.incidentId}`,
          ].join('\n'),
        }, { key: `opinion.breach/${d.deadlineId}` });
        out.mails++;
      }
      await repo.markBreached(tx, d.deadlineId, now, to.length > 0);
      await recordEvent(tx, d.incidentId, 'deadline_breached', {
        kind: d.kind, dueAt: d.dueAt.toISOString(), finding: finding?.kind ?? null, recipients: to.length,
      }, SYSTEM, now);
      await writeAudit(tx, SYSTEM_ACTOR, {
        action: 'opinion.deadline.breach', entityType: 'opinion_incident', entityId: d.incidentId,
        summary: { no: d.no, deadline: what, finding: finding ? kindLabel(finding.kind) : '无' },
      });
      out.breached++;
    }
    await raiseOpenFindings(tx, ctx, now, out);
    return out;
  });
}

/** Open findings of deadlines still unmet, proposed again with the lateness of now; only a rise is applied. */
async function raiseOpenFindings(tx: Tx, ctx: AppContext, now: Date, out: DeadlineRun): Promise<void> {
  for (const f of await findings.lockRisingFindings(tx)) {
    const late = Math.max(0, (now.getTime() - f.dueAt.getTime()) / 60_000);
    const prior = await findings.priorFindingsOf(tx, f, REPEAT_WINDOW_DAYS);
    const p = raiseFinding(f.kind, {
      grade: f.grade as Grade | null, deadlineKind: f.deadlineKind, lateMinutes: late, priorFindings: prior, answered: false, withoutLead: f.withoutLead,
    });
    if (!p || !(await findings.raiseFindingKind(tx, f.id, p.kind, p.reason, now))) continue;
    out.raised++;
    const what = labelOf(DEADLINE_KINDS, f.deadlineKind) || f.deadlineKind;
    const to = await recipientsOf(tx, ctx, f.leadOrgId);
    if (to.length) {
      await sendMailLater(tx, {
        to,
        subject: `【政务舆情·问责升级】${f.no} ${what}时限仍未回应，建议${kindLabel(p.kind)}`.slice(0, 500),
        text: [
          `舆情事件 ${f.no}：${f.title}`,
          `舆情级别：${labelOf(GRADES, f.grade) || '待定'}　责任单位：${f.orgName}`,
          `超过时限：${what}，应于 ${formatInstant(f.dueAt, 'minute')}（北京时间）前完成，至今仍未回应，已超时${lateText(late)}。`,
          `依据：${f.basis}`,
          `问责建议由${kindLabel(f.kind)}升为${kindLabel(p.kind)}（${p.reason}）`,
          '',
          `请立即督促回应：${ctx.config.siteUrl}/admin/opinion/${f.incidentId}`,
        ].join('\n'),
      }, { key: `opinion.finding.raise/${f.id}/${p.kind}` });
      out.mails++;
    }
    await recordEvent(tx, f.incidentId, 'finding_raised', {
      findingId: f.id, deadlineKind: f.deadlineKind, from: f.kind, to: p.kind, org: f.orgName, recipients: to.length,
    }, SYSTEM, now);
    await writeAudit(tx, SYSTEM_ACTOR, {
      action: 'opinion.finding.raise', entityType: 'opinion_finding', entityId: f.id,
      summary: { no: f.no, deadline: what, org: f.orgName, from: kindLabel(f.kind), to: kindLabel(p.kind) },
    });
  }
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
