// Every SQL statement of the portal module: news and notices, organisations for the public pages,
// and the read-only figures of the admin home.
import { sql } from 'drizzle-orm';
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

export type OrgKind = 'government' | 'department' | 'town' | 'zone' | 'office';

export type PublicOrg = {
  id: number;
  parentId: number | null;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  officeHours: string | null;
};

type OrgRow = {
  id: number; parent_id: number | null; name: string; short_name: string | null; kind: OrgKind;
  address: string | null; postcode: string | null; phone: string | null; fax: string | null; email: string | null; office_hours: string | null;
};

function toOrg(x: OrgRow): PublicOrg {
  return {
    id: x.id, parentId: x.parent_id, name: x.name, shortName: x.short_name, kind: x.kind, address: x.address,
    postcode: x.postcode, phone: x.phone, fax: x.fax, email: x.email, officeHours: x.office_hours,
  };
}

/** Active organisations in display order (the public directory and the guide's selector). */
export async function listActiveOrgs(db: Executor): Promise<PublicOrg[]> {
  const r = await db.execute<OrgRow>(sql`select id, parent_id, name, short_name, kind, address, postcode, phone, fax, email, office_hours
    from org_units where active order by sort, id`);
  return r.rows.map(toOrg);
}

export async function getActiveOrg(db: Executor, id: number): Promise<PublicOrg | null> {
  const r = await db.execute<OrgRow>(sql`select id, parent_id, name, short_name, kind, address, postcode, phone, fax, email, office_hours
    from org_units where id = ${id} and active`);
  return r.rows[0] ? toOrg(r.rows[0]) : null;
}

/** The government at the root of the tree (the default organisation of the guide). */
export async function getRootGovernment(db: Executor): Promise<PublicOrg | null> {
  const r = await db.execute<OrgRow>(sql`select id, parent_id, name, short_name, kind, address, postcode, phone, fax, email, office_hours
    from org_units where active and parent_id is null order by (kind = 'government') desc, sort, id limit 1`);
  return r.rows[0] ? toOrg(r.rows[0]) : null;
}

// ---------------------------------------------------------------------------
// Admin home figures (counts limited to the organisations the user may see)

/** A PostgreSQL int[] literal passed as one parameter. */
function intArray(ids: number[]): string {
  return `{${ids.filter((n) => Number.isInteger(n)).join(',')}}`;
}

export async function countOrgs(db: Executor, orgIds: number[]): Promise<{ total: number; active: number }> {
  if (!orgIds.length) return { total: 0, active: 0 };
  const r = await db.execute<{ total: number; active: number }>(sql`select count(*) as total, count(*) filter (where active) as active
    from org_units where id = any(${intArray(orgIds)}::int[])`);
  return { total: Number(r.rows[0]?.total ?? 0), active: Number(r.rows[0]?.active ?? 0) };
}

export async function countUsers(db: Executor, orgIds: number[]): Promise<{ total: number; active: number }> {
  if (!orgIds.length) return { total: 0, active: 0 };
  const r = await db.execute<{ total: number; active: number }>(sql`select count(*) as total, count(*) filter (where active) as active
    from users where org_id = any(${intArray(orgIds)}::int[])`);
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
