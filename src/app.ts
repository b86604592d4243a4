// Composes the application: the platform server plus every module's routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './app-context.ts';
import { createServer } from './platform/http/server.ts';
import type { NavItem, ViewContext } from './platform/views/context.ts';
import { can, type Action } from './modules/auth/policy.ts';
import { registerAuth, enforcePolicy } from './modules/auth/routes.tsx';
import { registerPortal } from './modules/portal/routes.tsx';
import { registerAdminHome } from './modules/portal/admin.tsx';
import { registerOrgAdmin } from './modules/org/routes.tsx';
import { registerOrgApi } from './modules/org/routes.api.ts';
import { registerUserAdmin } from './modules/auth/admin.tsx';
import { registerAuditAdmin } from './platform/audit/routes.tsx';
import { registerCalendarAdmin } from './calendar/routes.tsx';
import { registerOps } from './platform/http/ops.ts';
import { registerCatalogAdmin } from './modules/catalog/routes.admin.tsx';
import { registerCatalogPublic } from './modules/catalog/routes.public.tsx';
import { registerCatalogReview } from './modules/catalog/routes.review.tsx';
import { registerReviewAdmin } from './modules/review/routes.tsx';
import { registerRequests } from './modules/requests/index.ts';
import { registerRequestClock } from './modules/requests/clock.ts';

/** Back-office navigation; each entry is shown to users allowed any of its actions. */
export const ADMIN_NAV: (NavItem & { action: Action | Action[] })[] = [
  { href: '/admin/', label: '工作台', action: 'admin.access' },
  { href: '/admin/orgs', label: '组织机构', action: 'org.read' },
  { href: '/admin/users', label: '用户与角色', action: 'user.read' },
  { href: '/admin/tokens', label: '接口令牌', action: 'token.manage' },
  { href: '/admin/catalog', label: '主动公开目录', action: 'catalog.read' },
  { href: '/admin/review', label: '待我审核', action: 'catalog.review' },
  { href: '/admin/coordination', label: '征求意见', action: 'catalog.read' },
  { href: '/admin/catalog/recheck', label: '不予公开复查', action: ['catalog.secrecy', 'catalog.manage'] },
  { href: '/admin/catalog/interpretations', label: '政策解读时限', action: ['catalog.draft', 'catalog.manage'] },
  { href: '/admin/requests', label: '依申请公开', action: 'request.read' },
  { href: '/admin/requests/new', label: '登记申请', action: 'request.register' },
  { href: '/admin/requests/stats', label: '依申请公开统计', action: 'request.stats' },
  { href: '/admin/requests/templates', label: '文书模板', action: 'request.manage' },
  { href: '/admin/review-chains', label: '审核流程配置', action: 'review.configure' },
  { href: '/admin/calendar', label: '工作日历', action: 'calendar.read' },
  { href: '/admin/audit', label: '审计日志', action: 'audit.read' },
];

export const VARIANT_COOKIE = 'gk_variant';
export const ELDER_COOKIE = 'gk_elder';

export function readPrefs(req: FastifyRequest): Pick<ViewContext, 'variant' | 'elder'> {
  // Cookies are not parsed yet when the router itself rejects a malformed URL.
  const v = req.cookies?.[VARIANT_COOKIE];
  const e = req.cookies?.[ELDER_COOKIE];
  return { variant: v === 'tw' ? 'tw' : 'cn', elder: e === '2' ? 2 : e === '1' ? 1 : 0 };
}

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const { config } = ctx;
  let resumeLogin: ((req: FastifyRequest, reply: FastifyReply) => void) | undefined;
  const app = await createServer(config, {
    viewContext(req, reply) {
      const user = req.user;
      return {
        site: { name: config.siteName, domain: config.siteDomain, idCode: config.siteIdCode },
        ...readPrefs(req),
        path: req.url.length > 500 ? '/' : req.url,
        csrfToken: reply.generateCsrf(),
        user: user ? { id: user.id, username: user.username, displayName: user.displayName, orgName: user.orgName } : undefined,
        adminNav: user ? ADMIN_NAV.filter((n) => (Array.isArray(n.action) ? n.action : [n.action]).some((a) => can(user, a))).map(({ href, label }) => ({ href, label })) : undefined,
        demo: config.demo,
      };
    },
    enforcePolicy,
    resumeLogin: (req, reply) => resumeLogin?.(req, reply),
  }, opts);

  resumeLogin = registerAuth(app, ctx);
  registerOps(app, ctx);
  registerPortal(app, ctx);
  registerAdminHome(app, ctx);
  registerOrgAdmin(app, ctx);
  registerOrgApi(app, ctx);
  registerUserAdmin(app, ctx);
  registerAuditAdmin(app, ctx);
  registerCalendarAdmin(app, ctx);
  registerReviewAdmin(app, ctx);
  registerCatalogAdmin(app, ctx);
  registerCatalogReview(app, ctx);
  registerCatalogPublic(app, ctx);
  registerRequests(app, ctx);
  registerRequestClock(ctx); // calendar changes recompute open cases (once per process)
  return app;
}
