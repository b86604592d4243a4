// Back-office home (工作台): who is signed in, what exists now, and what needs attention.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { isYearCovered } from '../../calendar/index.ts';
import { ACTION_LABELS, ACTIONS, can, ROLE_KEYS, ROLES, rolesOf, scopeOf, type Action, type Role } from '../auth/policy.ts';
import { calendarStatus, type CalendarStatus } from './domain.ts';
import * as repo from './repo.ts';
import { AdminHomePage, type AdminHomeData } from './views/admin-home.tsx';
import { AdminHelpPage } from './views/admin-help.tsx';

const RECENT_AUDIT = 8;

export function registerAdminHome(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  app.get('/admin/', { config: { policy: 'admin.access' } }, async (req, reply) => {
    const user = req.user!;
    const mayOrgs = can(user, 'org.read');
    const mayUsers = can(user, 'user.read');
    const mayAudit = can(user, 'audit.read');
    const [orgs, users, audit, calendar] = await Promise.all([
      mayOrgs ? repo.countOrgs(db, [...scopeOf(user, 'org.read')]) : undefined,
      mayUsers ? repo.countUsers(db, [...scopeOf(user, 'user.read')]) : undefined,
      mayAudit ? repo.recentAudit(db, RECENT_AUDIT) : undefined,
      readCalendarStatus(ctx),
    ]);
    const data: AdminHomeData = {
      displayName: user.displayName,
      username: user.username,
      orgName: user.orgName,
      roles: rolesOf(user).map((r) => ROLES[r]),
      orgs, users, audit, calendar,
      // Each module's counts, computed for this page before the handler (platform/modules registerModules).
      desk: req.desk ?? [],
      mayRequests: can(user, 'request.read'),
      mayManageCalendar: can(user, 'calendar.manage'),
      mayReadCalendar: can(user, 'calendar.read'),
      demo: ctx.config.demo,
    };
    return reply.page((vc) => <AdminHomePage ctx={vc} data={data} />);
  });

  // 工作人员使用说明: the same text for every role, with the user's own roles and what they allow.
  app.get('/admin/help', { config: { policy: 'admin.access' } }, async (req, reply) => {
    const user = req.user!;
    const data = {
      myRoles: rolesOf(user).map(roleView),
      allRoles: ROLE_KEYS.map(roleView),
      mayReadAudit: can(user, 'audit.read'),
    };
    return reply.page((vc) => <AdminHelpPage ctx={vc} data={data} />);
  });

  // /admin without the slash is the same place.
  app.get('/admin', { config: { policy: 'admin.access' } }, async (_req, reply) => reply.redirect('/admin/', 301));
}

/** The calendar card never breaks the home page: a failure to load is shown as a warning. */
async function readCalendarStatus(ctx: AppContext): Promise<CalendarStatus> {
  try {
    const cal = await ctx.calendar.get();
    return calendarStatus(ctx.now(), (y) => isYearCovered(cal, y));
  } catch {
    return { level: 'danger', message: '工作日历数据暂时无法读取，请稍后刷新或联系系统管理员。' };
  }
}

/** A role with the labels of what it allows ('进入后台' and '查看工作日历', which every role has, left out). */
function roleView(role: Role): { role: string; allows: string[] } {
  const everyone = (a: Action) => (ACTIONS[a] as readonly Role[]).length === ROLE_KEYS.length;
  const allows = (Object.keys(ACTIONS) as Action[]).filter((a) => !everyone(a) && (ACTIONS[a] as readonly Role[]).includes(role)).map((a) => ACTION_LABELS[a]);
  return { role: ROLES[role], allows: allows.length ? allows : ['查看工作台和工作日历'] };
}
