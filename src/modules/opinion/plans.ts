// 监测方案 and routing as pure rules over an analysed item: which active plans keep it (include groups,
// exclude words, media types, organisations) and which organisation the routing rules suggest.
// Words are compared with the item's normalised text, so they are normalised the same way (a
// Traditional or full-width word in a plan matches).
import { normalise } from './pipeline/index.ts';

export type PlanRule = {
  id: number;
  name: string;
  includeGroups: readonly (readonly string[])[];
  excludeWords: readonly string[];
  mediaTypes: readonly string[];
  orgIds: readonly number[];
  notifyUserIds: readonly number[];
};

/** A plan with its words normalised once per batch. */
export type CompiledPlan = PlanRule & { groups: string[][]; excludes: string[] };

export function compilePlans(plans: readonly PlanRule[]): CompiledPlan[] {
  const norm = (ws: readonly string[]) => ws.map((w) => normalise(w)).filter(Boolean);
  return plans.map((p) => ({ ...p, groups: p.includeGroups.map(norm).filter((g) => g.length > 0), excludes: norm(p.excludeWords) }));
}

export type PlanSubject = { text: string; mediaType: string; orgIds: readonly number[] };

/** A plan keeps an item that holds every word of one group (or has no groups), no excluded word, of its media types and organisations. */
export function planKeeps(p: CompiledPlan, s: PlanSubject): boolean {
  if (p.mediaTypes.length && !p.mediaTypes.includes(s.mediaType)) return false;
  if (p.orgIds.length && !s.orgIds.some((id) => p.orgIds.includes(id))) return false;
  if (p.excludes.some((w) => s.text.includes(w))) return false;
  return p.groups.length === 0 || p.groups.some((g) => g.every((w) => s.text.includes(w)));
}

/**
 * The plans that keep the item (their ids), and whether it is kept at all: with no active plan
 * every item is kept (a county that has not set up plans still sees everything).
 */
export function keptBy(plans: readonly CompiledPlan[], s: PlanSubject): { kept: boolean; planIds: number[] } {
  if (plans.length === 0) return { kept: true, planIds: [] };
  const planIds = plans.filter((p) => planKeeps(p, s)).map((p) => p.id);
  return { kept: planIds.length > 0, planIds };
}

export type RoutingRule = { term: string; orgId: number; priority: number; vertical: boolean };
export type CompiledRoute = RoutingRule & { norm: string };
export type Route = { orgId: number; vertical: boolean; term: string | null };

export const compileRoutes = (rules: readonly RoutingRule[]): CompiledRoute[] =>
  rules.map((r) => ({ ...r, norm: normalise(r.term) })).filter((r) => r.norm !== '')
    .sort((a, b) => b.priority - a.priority || b.norm.length - a.norm.length);

/**
 * The organisation routing suggests (属地管理、谁主管谁负责): the highest-priority rule whose term the
 * text holds (longer terms first at equal priority), else the organisation that owns the item's
 * source (a department's own message board or feed: what is posted there is addressed to it), else
 * the first organisation the item names or whose place it names; null when nothing points anywhere.
 * `vertical`: a vertically managed unit, whose higher department coordinates with the government
 * office (seed 004 §三(五)).
 */
export function routeOf(text: string, mentioned: readonly number[], rules: readonly CompiledRoute[], sourceOrgId: number | null = null): Route | null {
  const rule = rules.find((r) => text.includes(r.norm));
  if (rule) return { orgId: rule.orgId, vertical: rule.vertical, term: rule.term };
  if (sourceOrgId !== null) return { orgId: sourceOrgId, vertical: false, term: null };
  return mentioned[0] !== undefined ? { orgId: mentioned[0], vertical: false, term: null } : null;
}
