// The module contract: every module of the platform exports one object saying what it brings — its
// routes, its back-office navigation, its audit action labels, its background jobs, its demo data
// and what it starts once per process. app.ts and main.ts loop over the list in src/modules/index.ts,
// so adding a module is one line there.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import type { NavItem } from '../views/context.ts';
import type { AnyJob } from '../jobs/index.ts';
import { registerAuditActionLabels } from '../audit/present.ts';
import { toAppError } from '../http/server.ts';
import type { Principal } from '../../modules/auth/policy.ts';
import { beijingToday } from '../time/index.ts';
import { cachedDesk, deskChanged, deskKey } from './desk-cache.ts';
import { onCommitted } from '../db/index.ts';

/**
 * One count on the 工作台 that leads to the work: a link to the list it counts, filtered. A module
 * counts only what the user may see (its policy scope), with one small query per item.
 */
export interface DeskItem {
  /** What is counted, in Chinese (待我审核, 已逾期 …). */
  label: string;
  count: number;
  /** The filtered list where the counted items are. */
  href: string;
  /** How urgent: warning and danger are shown in colour and in words. */
  tone: 'info' | 'warning' | 'danger';
  /** One sentence under the count saying what it means. */
  hint?: string;
  /** The navigation entry (its href) whose badge adds this count; counts for one entry must not overlap. */
  nav?: string;
}

/** A module's desk items, under its Chinese name. */
export interface DeskGroup { module: string; title: string; items: DeskItem[] }

/** A back-office menu entry, shown to users allowed any of its actions (policy actions). */
export interface ModuleNavItem extends NavItem { action: string | readonly string[] }

export interface GongkaiModule {
  /** Short English key ('requests'); also the prefix of its audit actions and job queues. */
  name: string;
  /** Chinese name, for operators' messages. */
  title: string;
  /** The policy actions the module checks (each must be defined in modules/auth/policy.ts ACTIONS). */
  actions?: readonly string[];
  nav?: readonly ModuleNavItem[];
  /** Registers the module's routes (every /admin route declares config.policy). */
  routes?(app: FastifyInstance, ctx: AppContext): void;
  /** Chinese labels on the audit log: action codes, prefix groups, summary keys and coded values per key (the module's own: its rows read with them), object types. */
  auditLabels?: { labels: Record<string, string>; groups?: Record<string, string>; fields?: Record<string, string>; values?: Record<string, Record<string, string>>; entities?: Record<string, string> };
  /** Background jobs (platform/jobs definitions) the process works. */
  jobs?: readonly AnyJob[];
  /** Loads the module's demo data into a database that has the demo county (main.ts, demo mode). */
  demo?(ctx: AppContext, warn: (message: string) => void): Promise<unknown>;
  /** Once per process, after the routes: listeners on other modules' events. */
  start?(ctx: AppContext): void;
  /** The module's public pages for /sitemap.xml (paths on the site, lastmod as an ISO date or instant). */
  sitemap?(ctx: AppContext): Promise<readonly SitemapEntry[]>;
  /** The counts of work waiting for this user, for the 工作台 and the navigation badges (empty: none for this user). */
  desk?(ctx: AppContext, user: Principal): Promise<readonly DeskItem[]>;
}

/** One public page for /sitemap.xml. */
export interface SitemapEntry { path: string; lastmod?: string }

export const defineModule = <M extends GongkaiModule>(m: M): M => m;

/** Every module's navigation, in module order. */
export function navOf(modules: readonly GongkaiModule[]): ModuleNavItem[] {
  return modules.flatMap((m) => m.nav ?? []);
}

/** The modules' Chinese labels for the audit log (actions, groups, summary keys, coded values). */
export function registerAuditLabelsOf(modules: readonly GongkaiModule[]): void {
  for (const m of modules) {
    if (m.auditLabels) registerAuditActionLabels(m.auditLabels.labels, m.auditLabels.groups ?? {}, m.auditLabels.fields ?? {}, m.auditLabels.values ?? {}, m.auditLabels.entities ?? {}, m.name);
  }
}

/**
 * Every module's desk items for the user, in module order. A module whose counts fail is left out
 * (and reported) so that a page never breaks over a badge.
 */
export async function deskOf(modules: readonly GongkaiModule[], ctx: AppContext, user: Principal, onError: (module: string, err: unknown) => void): Promise<DeskGroup[]> {
  const groups = await Promise.all(modules.map(async (m): Promise<DeskGroup | null> => {
    if (!m.desk) return null;
    try {
      const items = await m.desk(ctx, user);
      return items.length ? { module: m.name, title: m.title, items: [...items] } : null;
    } catch (err) {
      onError(m.name, err);
      return null;
    }
  }));
  return groups.filter((g): g is DeskGroup => g !== null);
}

/** The navigation badges: per entry href, the sum of the counts that name it (zero: no badge). */
export function navBadges(groups: readonly DeskGroup[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of groups) for (const i of g.items) if (i.nav && i.count > 0) out.set(i.nav, (out.get(i.nav) ?? 0) + i.count);
  return out;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The user's desk counts, computed before the handler of a back-office page (see registerModules). */
    desk?: readonly DeskGroup[];
  }
  interface FastifyInstance {
    /** Every module's public pages for /sitemap.xml, in module order (see GongkaiModule.sitemap). */
    moduleSitemaps(): Promise<SitemapEntry[]>;
  }
}

/** A back-office page a person looks at (not a download, not JSON): worth the desk's few counts. */
function isAdminPage(url: string, method: string, wantsJson: boolean, errorPage = false): boolean {
  // POST too: a form sent back with errors (422) is a page with the same navigation and badges.
  if ((method !== 'GET' && method !== 'POST') || wantsJson) return false;
  const path = url.split('?')[0];
  // A download's address answers a page only when it fails (an unknown format, a missing file).
  return (path === '/admin' || path.startsWith('/admin/')) && (errorPage || !/\.[A-Za-z0-9]{1,5}$/.test(path));
}

/** Registers the routes and audit labels of every module and starts what each starts once. */
export function registerModules(app: FastifyInstance, ctx: AppContext, modules: readonly GongkaiModule[]): void {
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    names.add(m.name);
  }
  registerAuditLabelsOf(modules);
  app.decorate('moduleSitemaps', async () => (await Promise.all(modules.map((m) => m.sitemap?.(ctx) ?? []))).flat());
  // After the policy check (the server's own preHandler comes first), before the handler: the page
  // and its navigation badges read the same counts, computed once per page.
  // Reused for a few seconds per user, forgotten after every committed change (desk-cache.ts).
  const loadDesk = async (req: FastifyRequest, errorPage = false): Promise<void> => {
    const user = req.user as Principal | undefined;
    if (!user || user.via !== 'session' || !isAdminPage(req.url, req.method, req.wantsJson(), errorPage)) return;
    req.desk = await cachedDesk(ctx.db, deskKey(user, beijingToday(ctx.now())), async () => {
      let complete = true;
      const desk = await deskOf(modules, ctx, user, (module, err) => { complete = false; req.log.warn({ err, module }, 'desk counts failed'); });
      return { desk, complete };
    });
  };
  app.addHook('preHandler', async (req) => loadDesk(req));
  // An error page before the handler (the params or query schema, control characters, the policy or
  // CSRF check in an earlier preHandler) never reached the hook above: its counts are taken here,
  // before the error handler renders the page, so 404, 403 and 422 keep the navigation's badges.
  // Not for a database that is gone (503) or a crash (500): those pages stay as light as possible.
  app.addHook('onError', async (req, _reply, err) => {
    if (req.desk) return;
    const { status } = toAppError(err);
    if (status >= 400 && status < 500) await loadDesk(req, true);
  });
  // A change made by a request (a form post, an API call) has committed when its handler has answered.
  app.addHook('onSend', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') deskChanged();
  });
  onCommitted(deskChanged);
  for (const m of modules) m.routes?.(app, ctx);
  for (const m of modules) m.start?.(ctx);
}
