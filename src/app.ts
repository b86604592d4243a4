// Composes the application: the platform server plus every module's routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './app-context.ts';
import { createServer } from './platform/http/server.ts';
import type { NavItem, ViewContext } from './platform/views/context.ts';
import { can, type Action } from './modules/auth/policy.ts';
import { registerAuth, enforcePolicy, SESSION_COOKIE } from './modules/auth/routes.tsx';
import { registerOps } from './platform/http/ops.ts';
import { navBadges, navOf, registerModules } from './platform/modules/index.ts';
import { MODULES } from './modules/index.ts';
import { readPrefs } from './platform/views/prefs.ts';
import { rawCookie } from './platform/http/page-cache.ts';

/** Back-office navigation: every module's entries, in module order; each shown to users allowed any of its actions. */
export const ADMIN_NAV: (NavItem & { action: Action | readonly Action[] })[] = navOf(MODULES) as (NavItem & { action: Action | readonly Action[] })[];


export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const { config } = ctx;
  let resumeLogin: ((req: FastifyRequest, reply: FastifyReply) => void) | undefined;
  const app = await createServer(config, {
    viewContext(req, reply) {
      const user = req.user;
      const badges = navBadges(req.desk ?? []);
      return {
        site: { name: config.siteName, domain: config.siteDomain, siteUrl: config.siteUrl, idCode: config.siteIdCode, icp: config.siteIcp, psb: config.sitePsb, conacUrl: config.siteConacUrl },
        ...readPrefs(req),
        path: req.url.length > 500 ? '/' : req.url,
        user: user ? { id: user.id, username: user.username, displayName: user.displayName, orgName: user.orgName } : undefined,
        adminNav: user ? ADMIN_NAV.filter((n) => (typeof n.action === 'string' ? [n.action] : n.action).some((a) => can(user, a))).map(({ href, label }) => ({ href, label, badge: badges.get(href) })) : undefined,
        demo: config.demo,
      };
    },
    enforcePolicy,
    personal: (req) => req.headers.authorization !== undefined || rawCookie(req.headers.cookie, SESSION_COOKIE) !== undefined,
    now: () => ctx.now(),
    resumeLogin: (req, reply) => resumeLogin?.(req, reply),
  }, opts);

  // Sign-in is part of the server's wiring: it also answers expired sessions of every module's forms.
  resumeLogin = registerAuth(app, ctx);
  registerOps(app, ctx);
  registerModules(app, ctx, MODULES);
  return app;
}
