// Monitoring-plan mail: when a plan keeps an item that joins or opens an incident, the plan's users
// are told by mail (through the mail.send job, on the batch's transaction), at most once per plan and
// incident. The notification is an event on the incident's timeline, which is also what says it
// was made (the job's own key is forgotten once pg-boss archives the job).
import type { AppContext } from '../../../app-context.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { isMailConfigured, sendMailLater } from '../../../platform/mail/job.ts';
import * as repo from '../ingest.repo.ts';
import type { CompiledPlan } from '../plans.ts';
import type { GroupResult } from './ingest-batch.ts';

export async function notifyPlans(tx: Tx, ctx: AppContext, plans: readonly CompiledPlan[], g: GroupResult, incidentIds: ReadonlyMap<string, number>): Promise<void> {
  if (!isMailConfigured(ctx.config)) return;
  const wanted: { incidentId: number; plan: CompiledPlan }[] = [];
  for (const [key, t] of g.incidents) {
    for (const planId of t.planIds) {
      const plan = plans.find((p) => p.id === planId);
      if (plan && plan.notifyUserIds.length) wanted.push({ incidentId: incidentIds.get(key)!, plan });
    }
  }
  if (wanted.length === 0) return;
  const done = await repo.planNotifications(tx, [...new Set(wanted.map((w) => w.incidentId))]);
  const todo = wanted.filter((w) => !done.has(`${w.incidentId}/${w.plan.id}`));
  if (todo.length === 0) return;
  const emails = await repo.userEmails(tx, [...new Set(todo.flatMap((w) => w.plan.notifyUserIds))]);
  const heads = await repo.incidentHeads(tx, [...new Set(todo.map((w) => w.incidentId))]);
  const events: repo.NewEventRow[] = [];
  const base = ctx.config.siteUrl;
  for (const w of todo) {
    const to = w.plan.notifyUserIds.map((id) => emails.get(id)).filter((e): e is string => !!e);
    const head = heads.get(w.incidentId);
    if (to.length === 0 || !head) continue;
    await sendMailLater(tx, {
      to,
      subject: `【政务舆情】监测方案“${w.plan.name}”发现舆情：${head.no} ${head.title}`.slice(0, 500),
      text: [
        `监测方案“${w.plan.name}”收录的信息已归入舆情事件 ${head.no}：`,
        head.title,
        '',
        `请登录管理平台查看并研判：${base}/admin/opinion/incidents/${w.incidentId}`,
        '',
        '（同一方案对同一舆情事件只发送一次提醒。）',
      ].join('\n'),
    }, { key: `opinion.plan/${w.plan.id}/${w.incidentId}` });
    events.push({ incidentId: w.incidentId, type: 'plan_notified', at: ctx.now(), actorId: null, actorName: '系统', data: { planId: w.plan.id, planName: w.plan.name, recipients: to.length } });
  }
  await repo.insertEvents(tx, events);
}
