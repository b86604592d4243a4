// 依申请公开 — statistics (page + CSV) and the reminders page (my reminders; run today's reminders now).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { withTx } from '../../platform/db/index.ts';
import { writeAudit } from '../../platform/audit/index.ts';
import { can, scopeOf } from '../auth/policy.ts';
import { listOrgs } from '../org/repo.ts';
import { cachedStats, periodOf, readStatsQuery, statsCsvRows, subtreeOf, toCsv, type StatsQuery } from './stats.ts';
import { forgetReminderPlan, myReminders, recentDigests, runReminders, shanghaiToday, userEmail, type RunResult } from './reminders.ts';
import { StatsPage } from './views/stats/stats.tsx';
import { RemindersPage } from './views/stats/reminders.tsx';

const MAX_ITEMS = 200;

function statsQueryString(q: StatsQuery): string {
  const p = new URLSearchParams();
  if (q.mode === 'year') p.set('year', q.year);
  else { p.set('from', q.from); p.set('to', q.to); }
  if (q.org) p.set('org', q.org);
  return p.toString();
}

export function registerRequestsStats(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  /** The statistics asked for, limited to the organisations the user may see (an organisation includes its units). */
  async function resolve(req: FastifyRequest) {
    const user = req.user!;
    const today = shanghaiToday(ctx.now());
    const query = readStatsQuery(req.query as Record<string, unknown>, today);
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

  app.get('/admin/requests/stats', { config: { policy: 'request.stats' } }, async (req, reply) => {
    const r = await resolve(req);
    if (Object.keys(r.errors).length || !r.period) {
      return reply.page((vc) => StatsPage({ vc, query: r.query, years: r.years, orgs: r.orgs, errors: r.errors, scopeLabel: r.scopeLabel }), 422);
    }
    const stats = await cachedStats(db, await ctx.calendar.get(), { period: r.period, orgIds: r.orgIds, orgs: r.orgs });
    return reply.page((vc) => StatsPage({
      vc, query: r.query, years: r.years, orgs: r.orgs, stats, scopeLabel: r.scopeLabel,
      csvHref: `/admin/requests/stats.csv?${statsQueryString(r.query)}`,
    }));
  });

  app.get('/admin/requests/stats.csv', { config: { policy: 'request.stats' } }, async (req, reply) => {
    const r = await resolve(req);
    if (Object.keys(r.errors).length || !r.period) {
      throw new AppError('validation_failed', Object.values(r.errors).join('；'), r.errors);
    }
    const stats = await cachedStats(db, await ctx.calendar.get(), { period: r.period, orgIds: r.orgIds, orgs: r.orgs });
    const name = `requests-stats-${r.period.from.replace(/-/g, '')}-${r.period.to.replace(/-/g, '')}.csv`;
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${name}"`).send(toCsv(statsCsvRows(stats, r.scopeLabel)));
  });

  // --- reminders ---------------------------------------------------------------------------

  async function remindersPage(req: FastifyRequest, ran?: RunResult) {
    const user = req.user!;
    const today = shanghaiToday(ctx.now());
    const [items, digests, email] = await Promise.all([
      myReminders(ctx, user.id, today),
      recentDigests(db, user.id),
      userEmail(db, user.id),
    ]);
    const hasEmail = Boolean(email);
    // The most urgent first; a county-wide office may have hundreds — the queue lists them all.
    return (vc: Parameters<typeof RemindersPage>[0]['vc']) => RemindersPage({
      vc, today, items: items.slice(0, MAX_ITEMS), total: items.length, overdueTotal: items.filter((i) => i.kind === 'overdue').length,
      digests, hasEmail, canRun: can(user, 'request.manage'), ran,
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
    const view = await remindersPage(req, ran);
    return reply.page(view);
  });
}
