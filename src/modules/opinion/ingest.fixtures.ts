// Test fixtures of ingestion: sources, plans, items built from the pipeline's sample posts.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { ensureSource } from './repo.ts';
import { opinionPlans } from './schema.ts';
import type { IncomingItem } from './use-cases/ingest.ts';

export const AT = new Date('2026-10-01T08:00:00+08:00');
export const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);

export function post(externalId: string, text: string, at = AT, title = ''): IncomingItem {
  return { externalId, title, text, publishedAt: at };
}

export const source = (ctx: AppContext, name: string, mediaType = 'weibo') => ensureSource(ctx.db, name, 'api', mediaType);

export async function addPlan(ctx: AppContext, p: Partial<typeof opinionPlans.$inferInsert> & { name: string }): Promise<number> {
  return (await ctx.db.insert(opinionPlans).values(p).returning({ id: opinionPlans.id }))[0]!.id;
}

export async function incidentRows(ctx: AppContext) {
  return (await ctx.db.execute<{ id: number; no: string; status: string; item_count: number; repost_count: number; risk_score: number; suggested_grade: string; suggested_category: string | null; first_item_at: string; last_item_at: string; risk_explanation: { score: number; factors: { factor: string; contribution: number; terms: string[] }[] } }>(
    sql`select * from opinion_incidents order by id`)).rows;
}

export async function itemRow(ctx: AppContext, id: number) {
  return (await ctx.db.execute<{ id: number; duplicate_of_id: number | null; duplicate_kind: string | null; repost_count: number; incident_id: number | null; plan_ids: number[] }>(
    sql`select * from opinion_items where id = ${id}`)).rows[0]!;
}

/** A user with an e-mail address (plan notifications), on an organisation of its own. */
export async function userWithEmail(ctx: AppContext, username: string, email: string): Promise<number> {
  const org = await ctx.db.execute<{ id: number }>(sql`
    insert into org_units (name, kind, region_code, org_code) values (${'测试县网信办' + username}, 'department', '360121', ${('TEST' + username).toUpperCase().padEnd(18, '0').slice(0, 18)}) returning id`);
  const u = await ctx.db.execute<{ id: number }>(sql`
    insert into users (username, display_name, org_id, email, password_hash) values (${username}, ${username}, ${org.rows[0]!.id}, ${email}, 'x') returning id`);
  return Number(u.rows[0]!.id);
}
