// Test fixtures of answering: a confirmed incident with its clocks (computeDeadlines), for the
// demo county's organisations, and principals of the demo users.
import type { AppContext } from '../../app-context.ts';
import { findUserByUsername, toPrincipal } from '../auth/repo.ts';
import type { Caller } from '../auth/caller.ts';
import { computeDeadlines } from './clock-rules.ts';
import { opinionDeadlines, opinionIncidents } from './schema.ts';
import { incidentDeadlines, incidentEvents } from './incidents.repo.ts';
import { listOrgs } from '../org/repo.ts';
import type { Category, Grade } from './model.ts';

let n = 0;

export async function orgIdOf(ctx: AppContext, shortName: string): Promise<number> {
  return (await listOrgs(ctx.db)).find((o) => o.shortName === shortName)!.id;
}

export async function callerOf(ctx: AppContext, username: string): Promise<Caller> {
  const u = await findUserByUsername(ctx.db, username);
  return { user: await toPrincipal(ctx.db, u!, 'session'), ip: '127.0.0.1' };
}

/** A confirmed incident led by `leadOrgId`, its clocks running from `confirmedAt`. */
export async function confirmedIncident(ctx: AppContext, o: { leadOrgId: number | null; grade: Grade; confirmedAt: Date; title?: string; category?: Category | null; recordId?: number | null; status?: string }): Promise<number> {
  n += 1;
  const [inc] = await ctx.db.insert(opinionIncidents).values({
    no: `YQ-T${process.pid % 1000}-${String(n).padStart(4, '0')}`, title: o.title ?? `城关镇东片区停水问题${n}`, status: o.status ?? 'confirmed', origin: 'auto',
    grade: o.grade, category: o.category ?? null, leadOrgId: o.leadOrgId, confirmedAt: o.confirmedAt, recordId: o.recordId ?? null,
    firstItemAt: o.confirmedAt, lastItemAt: o.confirmedAt, itemCount: 1,
  }).returning({ id: opinionIncidents.id });
  const c = computeDeadlines({ grade: o.grade, start: o.confirmedAt, origin: 'auto' });
  if (!c.ok) throw new Error(c.message);
  await ctx.db.insert(opinionDeadlines).values(c.deadlines.map((d) => ({ incidentId: inc!.id, kind: d.kind, dueAt: d.dueAt, basis: d.basis })));
  return inc!.id;
}

export const deadlinesOf = (ctx: AppContext, incidentId: number) => incidentDeadlines(ctx.db, incidentId);

export async function eventTypes(ctx: AppContext, incidentId: number): Promise<string[]> {
  return (await incidentEvents(ctx.db, incidentId)).map((x) => x.type);
}
