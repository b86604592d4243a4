// The module contract: every module of the platform exports one object saying what it brings — its
// routes, its back-office navigation, its audit action labels, its background jobs, its demo data
// and what it starts once per process. app.ts and main.ts loop over the list in src/modules/index.ts,
// so adding a module is one line there.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import type { NavItem } from '../views/context.ts';
import type { AnyJob } from '../jobs/index.ts';
import { registerAuditActionLabels } from '../audit/present.ts';

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
  /** Chinese labels of its audit actions, and of their groups ('request.*') for the audit filter. */
  /** Chinese labels on the audit log: action codes, prefix groups, summary keys and coded values per key. */
  auditLabels?: { labels: Record<string, string>; groups?: Record<string, string>; fields?: Record<string, string>; values?: Record<string, Record<string, string>> };
  /** Background jobs (platform/jobs definitions) the process works. */
  jobs?: readonly AnyJob[];
  /** Loads the module's demo data into a database that has the demo county (main.ts, demo mode). */
  demo?(ctx: AppContext, warn: (message: string) => void): Promise<unknown>;
  /** Once per process, after the routes: listeners on other modules' events. */
  start?(ctx: AppContext): void;
}

export const defineModule = <M extends GongkaiModule>(m: M): M => m;

/** Every module's navigation, in module order. */
export function navOf(modules: readonly GongkaiModule[]): ModuleNavItem[] {
  return modules.flatMap((m) => m.nav ?? []);
}

/** The modules' Chinese labels for the audit log (actions, groups, summary keys, coded values). */
export function registerAuditLabelsOf(modules: readonly GongkaiModule[]): void {
  for (const m of modules) {
    if (m.auditLabels) registerAuditActionLabels(m.auditLabels.labels, m.auditLabels.groups ?? {}, m.auditLabels.fields ?? {}, m.auditLabels.values ?? {});
  }
}

/** Registers the routes and audit labels of every module and starts what each starts once. */
export function registerModules(app: FastifyInstance, ctx: AppContext, modules: readonly GongkaiModule[]): void {
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    names.add(m.name);
  }
  registerAuditLabelsOf(modules);
  for (const m of modules) m.routes?.(app, ctx);
  for (const m of modules) m.start?.(ctx);
}
