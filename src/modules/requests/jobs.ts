// Background jobs of on-request disclosure (platform/jobs, on pg-boss in the app's database):
// - requests.reminders, daily at 08:30 Beijing time: close cases whose 补正 or fee deadline has
//   passed, then queue the reminder digests. runReminders is safe to run twice a day (one digest per
//   person per day is enforced in the database), so a retried or duplicated job sends nothing twice.
// - requests.receipt: builds the 登记回执 of a case; enqueued in the submission's transaction, so an
//   application acknowledged right before a crash still gets its receipt when the worker restarts.
import { Type } from '@sinclair/typebox';
import { beijingToday } from '../../platform/time/index.ts';
import type { AppContext } from '../../app-context.ts';
import { defineJob, type AnyJob } from '../../platform/jobs/index.ts';
import { runReminders, type RunResult } from './reminders.ts';
import { expireOverdue } from './use-cases/index.ts';
import { ensureReceipt } from './intake.ts';

/** Every day at 08:30 in Beijing (before the working day gets busy). */
export const REMINDER_CRON = '30 8 * * *';

/** Test hook: called after each reminder run with its result. */
export const reminderRuns: { onRun?: (r: RunResult) => void } = {};

export const reminderJob = defineJob({
  name: 'requests.reminders',
  schema: Type.Object({ manual: Type.Optional(Type.Boolean()) }),
  cron: REMINDER_CRON,
  cronPayload: {},
  retryLimit: 3,
  retryDelaySeconds: 300,
  expireInSeconds: 1800,
  async handler(ctx: AppContext, _p, job) {
    const today = beijingToday(ctx.now());
    // First close what the law closes (补正 or fee deadline passed: 6.1 / 6.2), so no reminder is
    // sent about a case that is already over.
    const expired = await expireOverdue(ctx);
    if (expired.correction.length || expired.fee.length) console.log(`依申请公开：逾期办结 ${JSON.stringify({ job: job.id, ...expired })}`);
    // Nobody reads a digest on a Sunday or during 国庆: the scheduled run waits for the next working day.
    const r = await runReminders(ctx, today, { workingDaysOnly: true });
    reminderRuns.onRun?.(r);
    // A person whose mail could not be queued is retried by the next run; the job itself succeeded.
  },
});

export const receiptJob = defineJob({
  name: 'requests.receipt',
  schema: Type.Object({
    caseId: Type.Integer({ minimum: 1 }),
    actor: Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), name: Type.String({ maxLength: 100 }) }),
  }),
  retryLimit: 10,
  retryDelaySeconds: 10,
  expireInSeconds: 300,
  async handler(ctx: AppContext, p) {
    // Idempotent: an existing receipt is kept (a retried job, or the applicant's download built it).
    await ensureReceipt(ctx, p.caseId, { id: p.actor.id, name: p.actor.name });
  },
});

export const requestJobs: AnyJob[] = [reminderJob, receiptJob];
