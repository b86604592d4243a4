// 依申请公开 — statistics (page + CSV) and the reminders page (my reminders; run today's reminders now).
import { beijingToday } from '../../platform/time/index.ts';
import { readStrings, type Static } from '../../platform/forms/index.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { withTx } from '../../platform/db/index.ts';
import { writeAudit } from '../../platform/audit/index.ts';
import { can, scopeOf } from '../auth/policy.ts';
import { listOrgs } from '../org/repo.ts';
import { cachedStats, periodOf, readStatsQuery, statsCsvRows, subtreeOf, toCsv, type StatsQuery } from './stats.ts';
import { DEFAULT_REMIND_DAYS, forgetReminderPlan, myReminders, parseRemindDays, runReminders, type RunResult } from './reminders.ts';
import { listRemindDays, recentDigests, saveRemindDays, userEmail } from './reminders.repo.ts';
import { RemindDaysForm, StatsQuerystring } from './api-schemas.ts';
import { cachedMonthlyStats } from './stats-months.repo.ts';
import { StatsPage } from './views/stats/stats.tsx';
import { RemindersPage } from './views/stats/reminders.tsx';

const MAX_ITEMS = 200;

interface SettingsForm { org: string; days: string; errors?: Record<string, string> }

function statsQueryString(q: StatsQuery): string {
  const p = new URLSearchParams();
  if (q.mode === 'year') p.set('year', q.year);
  else { p.set('from', q.from); p.set('to', q.to); }
  if (q.org) p.set('org', q.org);
  return p.toString();
}

export function registerRequestsStats(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  /** The statistics asked for, limited to the organisations the user may see (an organisation includes its units). */
  async function resolve(req: FastifyRequest, q: Static<typeof StatsQuerystring>) {
    const user = req.user!;
    const today = beijingToday(ctx.now());
    const query = readStatsQuery(q, today);
    const all = await listOrgs(db);
    const scope = scopeOf(user, 'request.stats');
    const orgs = all.filter((o) => scope.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
    const years = Array.from({ length: 10 }, (_, i) => Number(today.slice(0, 4)) - i);
    const errors: Record<string, string> = {};
    let orgIds = [...scope].sort((a, b) => a - b);
    let scopeLabel = orgs.length === 1 ? orgs[0].name : '本人可查看的全部机构';
    if (query.org) {
      const id = /^[1-9]\d{0,9}$/.test(query.org) ? Number(query.org) : NaN;
      const org = all.find((o) => o.id === id);
      if (!org) errors.org = '请选择列表中的机构';
      else if (!scope.has(org.id)) throw new AppError('forbidden', '您没有查看该机构依申请公开统计的权限。');
      else {
        orgIds = subtreeOf(all.map((o) => ({ id: o.id, parentId: o.parentId })), org.id).filter((i) => scope.has(i));
        scopeLabel = orgIds.length > 1 ? `${org.name}及所属单位` : org.name;
      }
    }
    const p = periodOf(query);
    if (!p.ok) Object.assign(errors, p.fields);
    return { query, orgs, years, errors, orgIds, scopeLabel, period: p.ok ? p.period : undefined };
  }

  app.get('/admin/requests/stats', { config: { policy: 'request.stats' }, schema: { querystring: StatsQuerystring } }, async (req, reply) => {
    const r = await resolve(req, req.query);
    if (Object.keys(r.errors).length || !r.period) {
      return reply.page((vc) => StatsPage({ vc, query: r.query, years: r.years, orgs: r.orgs, errors: r.errors, scopeLabel: r.scopeLabel }), 422);
    }
    const stats = await cachedStats(db, await ctx.calendar.get(), { period: r.period, orgIds: r.orgIds, orgs: r.orgs });
    const months = await cachedMonthlyStats(db, { period: r.period, orgIds: r.orgIds }, stats.computedAt);
    return reply.page((vc) => StatsPage({
      vc, query: r.query, years: r.years, orgs: r.orgs, stats, months, scopeLabel: r.scopeLabel,
      csvHref: `/admin/requests/stats.csv?${statsQueryString(r.query)}`,
    }));
  });

  app.get('/admin/requests/stats.csv', { config: { policy: 'request.stats' }, schema: { querystring: StatsQuerystring } }, async (req, reply) => {
    const r = await resolve(req, req.query);
    if (Object.keys(r.errors).length || !r.period) {
      throw new AppError('validation_failed', Object.values(r.errors).join('；'), r.errors);
    }
    const stats = await cachedStats(db, await ctx.calendar.get(), { period: r.period, orgIds: r.orgIds, orgs: r.orgs });
    const name = `requests-stats-${r.period.from.replace(/-/g, '')}-${r.period.to.replace(/-/g, '')}.csv`;
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${name}"`).send(toCsv(statsCsvRows(stats, r.scopeLabel)));
  });

  // --- reminders ---------------------------------------------------------------------------

  async function remindersPage(req: FastifyRequest, opts: { ran?: RunResult; settings?: SettingsForm; saved?: string } = {}) {
    const user = req.user!;
    const today = beijingToday(ctx.now());
    const manageScope = scopeOf(user, 'request.manage');
    const [items, digests, email, orgs, leads] = await Promise.all([
      myReminders(ctx, user.id, today),
      recentDigests(db, user.id),
      userEmail(db, user.id),
      manageScope.size ? listOrgs(db) : Promise.resolve([]),
      manageScope.size ? listRemindDays(db, [...manageScope]) : Promise.resolve([]),
    ]);
    const hasEmail = Boolean(email);
    const { ran } = opts;
    const manageOrgs = orgs.filter((o) => o.active && manageScope.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
    const settings = manageOrgs.length ? {
      orgs: manageOrgs, defaultDays: DEFAULT_REMIND_DAYS,
      current: leads.map((l) => ({ name: manageOrgs.find((o) => o.id === l.orgId)?.name ?? String(l.orgId), days: l.days })),
      form: opts.settings ?? { org: '', days: '' }, saved: opts.saved,
    } : undefined;
    // The most urgent first; a county-wide office may have hundreds — the queue lists them all.
    return (vc: Parameters<typeof RemindersPage>[0]['vc']) => RemindersPage({
      vc, today, items: items.slice(0, MAX_ITEMS), total: items.length, overdueTotal: items.filter((i) => i.kind === 'overdue').length,
      digests, hasEmail, canRun: can(user, 'request.manage'), ran, settings,
    });
  }

  app.get('/admin/requests/reminders', { config: { policy: 'request.read' } }, async (req, reply) => {
    const view = await remindersPage(req);
    return reply.page(view);
  });

  app.post('/admin/requests/reminders/run', { config: { policy: 'request.manage' } }, async (req, reply) => {
    const user = req.user!;
    const ran = await runReminders(ctx);
    forgetReminderPlan();
    await withTx(db, (tx) => writeAudit(tx, { id: user.id, name: user.username, ip: req.ip }, {
      action: 'request.reminders_run', entityType: 'request_reminders', entityId: ran.day,
      summary: { day: ran.day, recorded: ran.recorded, sent: ran.sent, deferred: ran.deferred, inAppOnly: ran.inAppOnly, failed: ran.failed.length },
    }));
    const view = await remindersPage(req, { ran });
    return reply.page(view);
  });

  app.post('/admin/requests/reminders/settings', { config: { policy: 'request.manage' } }, async (req, reply) => {
    const user = req.user!;
    const form: SettingsForm = readStrings(RemindDaysForm, req.body);
    const errors: Record<string, string> = {};
    const orgId = /^[1-9]\d{0,9}$/.test(form.org) ? Number(form.org) : null;
    if (orgId === null) errors.org = '请选择机构';
    else if (!can(user, 'request.manage', { orgId })) throw new AppError('forbidden', '您没有设置该机构提醒规则的权限。');
    const days = parseRemindDays(form.days);
    if (!days.ok) errors.days = days.message;
    if (Object.keys(errors).length || !days.ok || orgId === null) {
      const view = await remindersPage(req, { settings: { ...form, errors } });
      return reply.page(view, 422);
    }
    const org = (await listOrgs(db)).find((o) => o.id === orgId);
    if (!org) throw new AppError('not_found', '该机构不存在。');
    await withTx(db, async (tx) => {
      const before = await saveRemindDays(tx, orgId, days.days);
      await writeAudit(tx, { id: user.id, name: user.username, ip: req.ip }, {
        action: 'request.remind_days_set', entityType: 'org', entityId: orgId, summary: { org: org.name, before, after: days.days },
      });
    });
    forgetReminderPlan();
    const view = await remindersPage(req, { saved: `已将${org.name}的提前提醒天数设为 ${days.days} 个工作日。` });
    return reply.page(view);
  });
}
