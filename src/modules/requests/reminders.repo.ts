// SQL of deadline reminders (reminders.ts): the cases on a running clock, the organisations' lead
// days and covering grants, the reminder rows and the once-a-day digest claims.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { intArray } from '../org/repo.ts';

type Row = Record<string, unknown>;
const textArray = (xs: readonly string[]) => sql`${sql.param([...xs])}::text[]`;

/** Open cases (statuses given) on a running clock with a due date, optionally limited to organisations or one handler. */
export async function selectRunningClockCases(db: Executor, statuses: readonly string[], filter: { orgIds?: readonly number[]; handlerId?: number }, excerptLen: number): Promise<Row[]> {
  const ors = [];
  if (filter.orgIds?.length) ors.push(sql`c.org_id = any(${intArray(filter.orgIds)})`);
  if (filter.handlerId != null) ors.push(sql`c.handler_id = ${filter.handlerId}`);
  const limited = filter.orgIds !== undefined || filter.handlerId !== undefined;
  const orgs = !limited ? sql`` : ors.length ? sql`and (${sql.join(ors, sql` or `)})` : sql`and false`;
  const r = await db.execute<Row>(sql`select c.id, c.tracking_no, c.org_id, c.handler_id, c.status, left(c.info_description, ${excerptLen}) as info_description, c.statutory_due_on,
      c.internal_due_on, c.due_provisional, c.clock_stopped
    from request_cases c
    where c.status = any(${textArray(statuses)}) and c.statutory_due_on is not null and not c.clock_stopped ${orgs}
    order by c.statutory_due_on, c.id`);
  return r.rows;
}

export async function selectLeadDays(db: Executor, orgIds: readonly number[]): Promise<{ org_id: number; remind_days: number | null }[]> {
  const r = await db.execute<{ org_id: number; remind_days: number | null }>(sql`select org_id, remind_days from request_org_settings where org_id = any(${intArray(orgIds)})`);
  return r.rows;
}

/**
 * Active users' grants of the given roles that cover each organisation: on it, or on an ancestor
 * with include_subtree (`direct` when on the organisation itself).
 */
export async function selectCoveringGrants(db: Executor, orgIds: readonly number[], roles: readonly string[]): Promise<{ org_id: number; user_id: number; role: string; direct: boolean }[]> {
  const r = await db.execute<{ org_id: number; user_id: number; role: string; direct: boolean }>(sql`
    with recursive up(org_id, ancestor_id, depth) as (
      select o.id, o.id, 0 from org_units o where o.id = any(${intArray(orgIds)})
      union all
      select up.org_id, p.parent_id, up.depth + 1 from up join org_units p on p.id = up.ancestor_id where p.parent_id is not null and up.depth < 20
    )
    select distinct up.org_id, g.user_id, g.role, (g.org_id = up.org_id) as direct
    from up
    join role_grants g on g.org_id = up.ancestor_id and (g.org_id = up.org_id or g.include_subtree)
    join users u on u.id = g.user_id and u.active
    where g.role = any(${textArray([...new Set(roles)])})
    order by 1, 2`);
  return r.rows;
}

/**
 * Records new reminders (unique per person, case, kind and target date); items of someone who already
 * had today's digest are dated tomorrow. Returns the rows actually inserted.
 */
export async function insertReminders(db: Executor, items: readonly { userId: number; caseId: number; kind: string; dueOn: string }[], today: string, tomorrow: string): Promise<{ user_id: number; digest_on: string }[]> {
  if (!items.length) return [];
  const r = await db.execute<{ user_id: number; digest_on: string }>(sql`insert into request_reminders (user_id, case_id, kind, due_on, digest_on)
    select v.user_id, v.case_id, v.kind, v.due_on, case when exists (select 1 from request_digests d where d.user_id = v.user_id and d.day = ${today}::date) then ${tomorrow}::date else ${today}::date end
    from (values ${sql.join(items.map((p) => sql`(${p.userId}::int, ${p.caseId}::int, ${p.kind}::text, ${p.dueOn}::date)`), sql`, `)}) as v(user_id, case_id, kind, due_on)
    on conflict (user_id, case_id, kind, due_on) do nothing
    returning user_id, digest_on`);
  return r.rows;
}

/** Active users with items recorded after their last digest (possibly on an earlier day). */
export async function selectUsersWithPendingItems(db: Executor, today: string): Promise<{ user_id: number; display_name: string; email: string | null }[]> {
  const r = await db.execute<{ user_id: number; display_name: string; email: string | null }>(sql`
    select distinct u.id as user_id, u.display_name, nullif(trim(u.email), '') as email
    from request_reminders r join users u on u.id = r.user_id and u.active
    where r.digest_on <= ${today}::date and r.digest_on > coalesce((select max(d.day) from request_digests d where d.user_id = r.user_id and d.day < ${today}::date), '-infinity'::date)
    order by u.id`);
  return r.rows;
}

/** Users who already have the day's digest. */
export async function selectDigestUsers(db: Executor, day: string): Promise<number[]> {
  const r = await db.execute<{ user_id: number }>(sql`select user_id from request_digests where day = ${day}::date`);
  return r.rows.map((x) => Number(x.user_id));
}

/** Claims the person's digest of the day; false when a concurrent run already did. */
export async function claimDigest(tx: Executor, userId: number, day: string): Promise<boolean> {
  const r = await tx.execute(sql`insert into request_digests (user_id, day, items) values (${userId}, ${day}::date, 0) on conflict (user_id, day) do nothing`);
  return (r.rowCount ?? 0) > 0;
}

/** Moves the person's pending items into the day's digest, returned with their case's current state. */
export async function takeDigestItems(tx: Executor, userId: number, day: string): Promise<Row[]> {
  const r = await tx.execute<Row>(sql`
    update request_reminders r set digest_on = ${day}::date
    from request_cases c
    where c.id = r.case_id and r.user_id = ${userId} and r.digest_on <= ${day}::date
      and r.digest_on > coalesce((select max(d.day) from request_digests d where d.user_id = ${userId} and d.day < ${day}::date), '-infinity'::date)
    returning r.case_id, r.kind, r.due_on, c.tracking_no, c.info_description, c.status, c.statutory_due_on, c.internal_due_on, c.due_provisional`);
  return r.rows;
}

export async function releaseDigest(tx: Executor, userId: number, day: string): Promise<void> {
  await tx.execute(sql`delete from request_digests where user_id = ${userId} and day = ${day}::date`);
}

export async function finishDigest(tx: Executor, userId: number, day: string, items: number, messageId: string | null): Promise<void> {
  await tx.execute(sql`update request_digests set items = ${items}, message_id = ${messageId} where user_id = ${userId} and day = ${day}::date`);
}

/** Digest log of a person (for the reminders page). */
export async function recentDigests(db: Executor, userId: number, limit = 7): Promise<{ day: string; items: number; sentAt: string }[]> {
  const r = await db.execute<{ day: string; items: number; sent_at: string }>(sql`select day, items, sent_at::text from request_digests where user_id = ${userId} order by day desc limit ${limit}`);
  return r.rows.map((x) => ({ day: x.day, items: Number(x.items), sentAt: x.sent_at }));
}

/** The person's e-mail address, if any (digests go there; without one, reminders are in-app only). */
export async function userEmail(db: Executor, userId: number): Promise<string | null> {
  const r = await db.execute<{ email: string | null }>(sql`select nullif(trim(email), '') as email from users where id = ${userId}`);
  return r.rows[0]?.email ?? null;
}

/** Organisations with a lead of their own (others use DEFAULT_REMIND_DAYS). */
export async function listRemindDays(db: Executor, orgIds: readonly number[]): Promise<{ orgId: number; days: number }[]> {
  if (!orgIds.length) return [];
  const r = await db.execute<{ org_id: number; remind_days: number }>(sql`select org_id, remind_days from request_org_settings
    where remind_days is not null and org_id = any(${intArray(orgIds)}) order by org_id`);
  return r.rows.map((x) => ({ orgId: Number(x.org_id), days: Number(x.remind_days) }));
}

/** Sets an organisation's lead (other settings of the organisation untouched); returns the previous value. */
export async function saveRemindDays(tx: Executor, orgId: number, days: number): Promise<number | null> {
  const before = await tx.execute<{ remind_days: number | null }>(sql`select remind_days from request_org_settings where org_id = ${orgId} for update`);
  await tx.execute(sql`insert into request_org_settings (org_id, remind_days, updated_at) values (${orgId}, ${days}, now())
    on conflict (org_id) do update set remind_days = excluded.remind_days, updated_at = now()`);
  const v = before.rows[0]?.remind_days;
  return v == null ? null : Number(v);
}
