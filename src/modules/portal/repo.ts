// Every SQL statement of the portal module: news and notices, organisations for the public pages,
// and the read-only figures of the admin home.
import { sql } from 'drizzle-orm';
import * as orgRepo from '../org/repo.ts';
import { intArray, type OrgRow } from '../org/repo.ts';
import type { OrgKind } from '../org/domain.ts';
import type { Executor } from '../../platform/db/index.ts';

export type Channel = 'news' | 'notice';

export type ArticleSummary = {
  id: number;
  channel: Channel;
  title: string;
  publishedAt: string;
};

export type Article = ArticleSummary & {
  body: string;
  orgId: number;
  orgName: string;
};

type ArticleRow = { id: number; channel: Channel; title: string; published_at: string; body: string; org_id: number; org_name: string | null };

/** Latest published items of a channel (nothing scheduled for the future). */
export async function listArticles(db: Executor, channel: Channel, opts: { limit: number; offset?: number; now: Date }): Promise<ArticleSummary[]> {
  const r = await db.execute<ArticleRow>(sql`select id, channel, title, published_at from portal_articles
    where channel = ${channel} and published_at <= ${opts.now.toISOString()}
    order by published_at desc, id desc limit ${opts.limit} offset ${opts.offset ?? 0}`);
  return r.rows.map((x) => ({ id: x.id, channel: x.channel, title: x.title, publishedAt: x.published_at }));
}

export async function countArticles(db: Executor, channel: Channel, now: Date): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*) as n from portal_articles where channel = ${channel} and published_at <= ${now.toISOString()}`);
  return Number(r.rows[0]?.n ?? 0);
}

export async function getArticle(db: Executor, id: number, now: Date): Promise<Article | null> {
  const r = await db.execute<ArticleRow>(sql`select a.id, a.channel, a.title, a.published_at, a.body, a.org_id, o.name as org_name
    from portal_articles a left join org_units o on o.id = a.org_id
    where a.id = ${id} and a.published_at <= ${now.toISOString()}`);
  const x = r.rows[0];
  if (!x) return null;
  return { id: x.id, channel: x.channel, title: x.title, publishedAt: x.published_at, body: x.body, orgId: x.org_id, orgName: x.org_name ?? '' };
}

export type { OrgKind } from '../org/domain.ts';

/** The public face of an organisation: the org module's row (only active ones are shown). */
export type PublicOrg = OrgRow & { kind: OrgKind };

/** Active organisations in display order (the public directory and the guide's selector). */
export async function listActiveOrgs(db: Executor): Promise<PublicOrg[]> {
  return (await orgRepo.listOrgs(db)).filter((o) => o.active) as PublicOrg[];
}

export async function getActiveOrg(db: Executor, id: number): Promise<PublicOrg | null> {
  const o = await orgRepo.findOrg(db, id);
  return o && o.active ? (o as PublicOrg) : null;
}

/** The government at the root of the tree (the default organisation of the guide). */
export async function getRootGovernment(db: Executor): Promise<PublicOrg | null> {
  const roots = (await listActiveOrgs(db)).filter((o) => o.parentId === null);
  return roots.find((o) => o.kind === 'government') ?? roots[0] ?? null;
}

// ---------------------------------------------------------------------------
// Admin home figures (counts limited to the organisations the user may see)

export async function countOrgs(db: Executor, orgIds: number[]): Promise<{ total: number; active: number }> {
  if (!orgIds.length) return { total: 0, active: 0 };
  const r = await db.execute<{ total: number; active: number }>(sql`select count(*) as total, count(*) filter (where active) as active
    from org_units where id = any(${intArray(orgIds)})`);
  return { total: Number(r.rows[0]?.total ?? 0), active: Number(r.rows[0]?.active ?? 0) };
}

export async function countUsers(db: Executor, orgIds: number[]): Promise<{ total: number; active: number }> {
  if (!orgIds.length) return { total: 0, active: 0 };
  const r = await db.execute<{ total: number; active: number }>(sql`select count(*) as total, count(*) filter (where active) as active
    from users where org_id = any(${intArray(orgIds)})`);
  return { total: Number(r.rows[0]?.total ?? 0), active: Number(r.rows[0]?.active ?? 0) };
}

export type AuditBrief = {
  id: number;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
};

export async function recentAudit(db: Executor, limit: number): Promise<AuditBrief[]> {
  const r = await db.execute<{ id: number; at: string; actor_name: string; action: string; entity_type: string; entity_id: string | null }>(
    sql`select id, at, actor_name, action, entity_type, entity_id from audit_log order by id desc limit ${limit}`);
  return r.rows.map((x) => ({ id: Number(x.id), at: x.at, actorName: x.actor_name, action: x.action, entityType: x.entity_type, entityId: x.entity_id }));
}
