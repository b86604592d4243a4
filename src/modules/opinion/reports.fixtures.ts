// Test fixtures of 舆情日志 / 舆情统计 / 专报: rows written straight into the opinion tables (sources,
// items with encrypted authors, incidents, deadlines, responses, events) on the demo county's orgs.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { ensureSource } from './repo.ts';
import { opinionDeadlines, opinionEvents, opinionIncidents, opinionItems, opinionResponses } from './schema.ts';

export const orgId = async (ctx: AppContext, short: string): Promise<number> =>
  Number((await ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = ${short}`)).rows[0]!.id);

let seq = 0;

export async function addItem(ctx: AppContext, p: { source: string; mediaType?: string; publishedAt: Date; title?: string; text?: string; author?: string; incidentId?: number | null; duplicateOfId?: number | null; keywords?: string[]; repostCount?: number }): Promise<number> {
  const src = await ensureSource(ctx.db, p.source, 'api', p.mediaType ?? 'forum');
  const n = ++seq;
  const text = p.text ?? `测试信息${n}`;
  const r = await ctx.db.insert(opinionItems).values({
    sourceId: src.id, externalId: `fx-${n}`, title: p.title ?? '', text, publishedAt: p.publishedAt, mediaType: p.mediaType ?? 'forum',
    normText: text, contentHash: `h${n}`, authorEnc: p.author ? ctx.fieldCipher.encrypt(p.author) : null, incidentId: p.incidentId ?? null,
    duplicateOfId: p.duplicateOfId ?? null, duplicateKind: p.duplicateOfId ? 'exact' : null, keywords: p.keywords ?? [], repostCount: p.repostCount ?? 0,
  }).returning({ id: opinionItems.id });
  return r[0]!.id;
}

export async function addIncident(ctx: AppContext, p: Partial<typeof opinionIncidents.$inferInsert> & { no: string; title: string }): Promise<number> {
  return (await ctx.db.insert(opinionIncidents).values(p).returning({ id: opinionIncidents.id }))[0]!.id;
}

export async function addDeadline(ctx: AppContext, p: typeof opinionDeadlines.$inferInsert): Promise<void> {
  await ctx.db.insert(opinionDeadlines).values(p);
}

export async function addResponse(ctx: AppContext, p: typeof opinionResponses.$inferInsert): Promise<void> {
  await ctx.db.insert(opinionResponses).values(p);
}

export async function addEvent(ctx: AppContext, p: typeof opinionEvents.$inferInsert): Promise<void> {
  await ctx.db.insert(opinionEvents).values(p);
}
