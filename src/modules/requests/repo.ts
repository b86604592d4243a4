// Every SQL statement of staff handling of 依申请公开 cases: the queue (filters, counts, paging),
// the case with its timeline, documents and due changes, and the writes of the handling use cases.
import { sql, type SQL } from 'drizzle-orm';
import { containsPattern, type Executor } from '../../platform/db/index.ts';
import { intArray } from '../org/repo.ts';
import { rolesFor } from '../auth/policy.ts';
import { OPEN_STATUSES, type EventType, type Status } from './model.ts';
import type { EventData, NewEvent, RequestEvent } from './events.ts';
import type { ApplicantRow } from './pii.ts';

/** A case as the staff screens and the use cases see it (dates 'YYYY-MM-DD', instants as strings). */
export type CaseRow = {
  id: number; trackingNo: string; kind: string; orgId: number; orgName: string; channel: string; status: string; ruleSet: string;
  applicantType: string; applicantNameEnc: string; contactNameEnc: string | null; idType: string; idNumberEnc: string;
  phoneEnc: string | null; emailEnc: string | null; addressEnc: string | null; postcode: string | null;
  infoDescription: string; infoDocNo: string | null; infoFeatures: string | null; correctionDetail: string | null;
  forms: string[]; delivery: string; feeWaiverReason: string | null;
  submittedAt: string; receivedOn: string | null; receiptBasis: string | null;
  statutoryDueOn: string | null; internalDueOn: string | null; dueProvisional: boolean; clockStopped: boolean; ledger: unknown;
  handlerId: number | null; handlerName: string | null; outcome: string | null; answerKind: string | null; outcomeDetail: unknown;
  replyReviewInstanceId: number | null; repliedOn: string | null; closedAt: string | null; duplicateOfId: number | null;
  version: number; createdAt: string; updatedAt: string;
};

const COLS = sql`c.id, c.tracking_no as "trackingNo", c.kind, c.org_id as "orgId", o.name as "orgName", c.channel, c.status, c.rule_set as "ruleSet",
  c.applicant_type as "applicantType", c.applicant_name_enc as "applicantNameEnc", c.contact_name_enc as "contactNameEnc", c.id_type as "idType",
  c.id_number_enc as "idNumberEnc", c.phone_enc as "phoneEnc", c.email_enc as "emailEnc", c.address_enc as "addressEnc", c.postcode,
  c.info_description as "infoDescription", c.info_doc_no as "infoDocNo", c.info_features as "infoFeatures", c.correction_detail as "correctionDetail",
  c.forms, c.delivery, c.fee_waiver_reason as "feeWaiverReason", c.submitted_at as "submittedAt", c.received_on as "receivedOn",
  c.receipt_basis as "receiptBasis", c.statutory_due_on as "statutoryDueOn", c.internal_due_on as "internalDueOn",
  c.due_provisional as "dueProvisional", c.clock_stopped as "clockStopped", c.ledger, c.handler_id as "handlerId", u.display_name as "handlerName",
  c.outcome, c.answer_kind as "answerKind", c.outcome_detail as "outcomeDetail", c.reply_review_instance_id as "replyReviewInstanceId",
  c.replied_on as "repliedOn", c.closed_at as "closedAt", c.duplicate_of_id as "duplicateOfId", c.version, c.created_at as "createdAt", c.updated_at as "updatedAt"`;
const FROM = sql`request_cases c join org_units o on o.id = c.org_id left join users u on u.id = c.handler_id`;

export async function findCase(db: Executor, id: number): Promise<CaseRow | undefined> {
  const r = await db.execute<CaseRow>(sql`select ${COLS} from ${FROM} where c.id = ${id}`);
  return r.rows[0];
}

/** The case row locked for the rest of the transaction (every handling use case starts here). */
export async function lockCase(tx: Executor, id: number): Promise<CaseRow | undefined> {
  await tx.execute(sql`select 1 from request_cases where id = ${id} for update`);
  return findCase(tx, id);
}

// ---------------------------------------------------------------------------------------------
// Queue

export interface QueueFilter {
  /** Organisations the user may read (scopeOf(user, 'request.read')). */
  scope: Iterable<number>;
  status?: Status | 'open' | null;
  orgId?: number | null;
  handlerId?: number | null;
  /** Only cases without a handler. */
  unassigned?: boolean;
  /** Open cases whose statutory due date is on or before this date. */
  dueBy?: string | null;
  /** Open cases whose statutory due date is before this date (today). */
  overdueBefore?: string | null;
  /** Open cases whose statutory due date is on or after this date (today): not yet overdue. */
  dueFrom?: string | null;
  channel?: string | null;
  kind?: string | null;
  /** Tracking number (part of it). */
  q?: string | null;
  /** Only these cases (the replies review returned to the user: review's returnedTo). */
  ids?: readonly number[] | null;
}

const OPEN = sql.raw(`(${OPEN_STATUSES.map((s) => `'${s}'`).join(',')})`);

function where(f: QueueFilter, withStatus = true): SQL {
  const parts: SQL[] = [sql`c.org_id = any(${intArray(f.scope)})`];
  if (withStatus && f.status === 'open') parts.push(sql`c.status in ${OPEN}`);
  else if (withStatus && f.status) parts.push(sql`c.status = ${f.status}`);
  if (f.orgId) parts.push(sql`c.org_id = ${f.orgId}`);
  if (f.handlerId) parts.push(sql`c.handler_id = ${f.handlerId}`);
  if (f.unassigned) parts.push(sql`c.handler_id is null`);
  // The due filters select open cases. Said once: a repeated `status in (…)` squares its estimated
  // selectivity, and the planner then sorts every overdue case instead of walking the queue's index.
  if ((f.dueBy || f.overdueBefore || f.dueFrom) && !(withStatus && f.status === 'open')) parts.push(sql`c.status in ${OPEN}`);
  if (f.dueBy) parts.push(sql`c.statutory_due_on <= ${f.dueBy}`);
  if (f.overdueBefore) parts.push(sql`c.statutory_due_on < ${f.overdueBefore}`);
  if (f.dueFrom) parts.push(sql`c.statutory_due_on >= ${f.dueFrom}`);
  if (f.channel) parts.push(sql`c.channel = ${f.channel}`);
  if (f.kind) parts.push(sql`c.kind = ${f.kind}`);
  // A whole number (as printed on the receipt) uses the unique index; a part of one is searched.
  if (f.q && /^\d{4}-[A-Za-z0-9]+-\d+$/.test(f.q)) parts.push(sql`c.tracking_no = ${f.q.toUpperCase()}`);
  else if (f.q) parts.push(sql`c.tracking_no ilike ${containsPattern(f.q)}`);
  if (f.ids) parts.push(sql`c.id = any(${intArray(f.ids)})`);
  return sql.join(parts, sql` and `);
}

export type QueueRow = {
  id: number; trackingNo: string; kind: string; orgId: number; orgName: string; channel: string; status: string;
  receivedOn: string | null; submittedAt: string; statutoryDueOn: string | null; internalDueOn: string | null; dueProvisional: boolean;
  clockStopped: boolean; handlerName: string | null; outcome: string | null; repliedOn: string | null; summary: string;
};

/**
 * Counts stop at COUNT_CAP (+1 means "more"): the open cases are a few thousand at most, but the
 * closed ones grow forever, and counting 100,000 rows on every queue view is what made it slow.
 */
export const COUNT_CAP = 10_000;

/**
 * One page of the queue. Open cases are sorted by statutory due date (see below); closed cases
 * and "all" newest first (by id: the primary key walks backwards and stops after one page).
 */
export async function listQueue(db: Executor, f: QueueFilter, page: number, perPage: number, known?: { total: number }): Promise<{ rows: QueueRow[]; total: number }> {
  const w = where(f);
  const byDue = f.status !== 'closed' && f.status != null;
  // Unconfirmed online applications first (their clock has not started: confirm them), then by
  // due date; cases whose clock is stopped (no current due date) after those with a date.
  const order = byDue ? sql`(c.status = 'submitted') desc, c.statutory_due_on asc nulls last, c.id asc` : sql`c.id desc`;
  const [total, r] = await Promise.all([
    // The tabs' counts already tell the total of an open status (or of all open ones): not counted twice.
    known ? { rows: [{ n: known.total }] } : db.execute<{ n: number }>(sql`select count(*) as n from (select 1 from request_cases c where ${w} limit ${COUNT_CAP + 1}) x`),
    // The page's ids first (one table, its indexes), then the names joined for those 20 rows only.
    db.execute<QueueRow>(sql`with page as (select c.id, row_number() over () as n from (select c.id from request_cases c where ${w}
        order by ${order} limit ${perPage} offset ${(page - 1) * perPage}) c)
      select c.id, c.tracking_no as "trackingNo", c.kind, c.org_id as "orgId", o.name as "orgName", c.channel, c.status,
        c.received_on as "receivedOn", c.submitted_at as "submittedAt", c.statutory_due_on as "statutoryDueOn", c.internal_due_on as "internalDueOn",
        c.due_provisional as "dueProvisional", c.clock_stopped as "clockStopped", u.display_name as "handlerName", c.outcome,
        c.replied_on as "repliedOn", left(c.info_description, 60) as summary
      from page p join ${FROM} on c.id = p.id order by p.n`),
  ]);
  return { rows: r.rows, total: Number(total.rows[0].n) };
}

/**
 * The total of a queue view from its tab counts, when they determine it: all open cases, or one open
 * status (closed and "all" are counted separately: their counts are capped).
 */
export function totalFromCounts(status: QueueFilter['status'], counts: Record<string, number>): number | undefined {
  if (status === 'open') return OPEN_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  if (status && status !== 'closed') return counts[status] ?? 0;
  return undefined;
}

/** Number of cases per status under the same filters (for the tabs); closed counted up to COUNT_CAP + 1. */
export async function statusCounts(db: Executor, f: QueueFilter): Promise<Record<string, number>> {
  const [open, closed] = await Promise.all([
    db.execute<{ status: string; n: number }>(sql`select c.status, count(*) as n from request_cases c where ${where({ ...f, status: 'open' })} group by c.status`),
    // The due filters select open cases only: no closed case to count.
    f.dueBy || f.overdueBefore
      ? { rows: [{ n: 0 }] }
      : db.execute<{ n: number }>(sql`select count(*) as n from (select 1 from request_cases c where ${where({ ...f, status: 'closed' })} limit ${COUNT_CAP + 1}) x`),
  ]);
  return { ...Object.fromEntries(open.rows.map((x) => [x.status, Number(x.n)])), closed: Number(closed.rows[0].n) };
}

// ---------------------------------------------------------------------------------------------
// Timeline, documents, due changes

/** A timeline row (typed by its `type`: see events.ts). */
export type EventRow = RequestEvent;

export async function listEvents(db: Executor, caseId: number): Promise<RequestEvent[]> {
  const r = await db.execute<Record<string, unknown>>(sql`select id, case_id as "caseId", type, occurred_on as "occurredOn", data, public_note as "publicNote", note,
      actor_id as "actorId", actor_name as "actorName", created_at as "createdAt"
    from request_events where case_id = ${caseId} order by id`);
  return r.rows.map((e) => ({ ...e, data: e.data ?? {} }) as unknown as RequestEvent);
}

export async function insertEvent(tx: Executor, e: NewEvent): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`insert into request_events (case_id, type, occurred_on, data, public_note, note, actor_id, actor_name)
    values (${e.caseId}, ${e.type}, ${e.occurredOn}, ${JSON.stringify(e.data)}::jsonb, ${e.publicNote ?? null}, ${e.note ?? null}, ${e.actorId}, ${e.actorName})
    returning id`);
  return Number(r.rows[0].id);
}

/** Settles an open event (closing a pause: data.to; deciding an extension request): merges keys into its data. */
export async function mergeEventData<K extends EventType>(tx: Executor, ev: { id: number; type: K }, patch: Partial<EventData[K]>): Promise<void> {
  await tx.execute(sql`update request_events set data = data || ${JSON.stringify(patch)}::jsonb where id = ${ev.id}`);
}

export type DocumentRow = {
  id: number; caseId: number; fileId: number; kind: string; name: string; visibleToApplicant: boolean;
  deliveredVia: string | null; deliveredOn: string | null; deliveryNote: string | null; size: number; createdAt: string;
};

export async function listDocuments(db: Executor, caseId: number): Promise<DocumentRow[]> {
  const r = await db.execute<DocumentRow>(sql`select d.id, d.case_id as "caseId", d.file_id as "fileId", d.kind, d.name,
      d.visible_to_applicant as "visibleToApplicant", d.delivered_via as "deliveredVia", d.delivered_on as "deliveredOn",
      d.delivery_note as "deliveryNote", f.size, d.created_at as "createdAt"
    from request_documents d join files f on f.id = d.file_id where d.case_id = ${caseId} order by d.id`);
  return r.rows.map((d) => ({ ...d, size: Number(d.size) }));
}

export async function findDocument(db: Executor, caseId: number, docId: number): Promise<DocumentRow | undefined> {
  return (await listDocuments(db, caseId)).find((d) => d.id === docId);
}

export async function insertDocument(tx: Executor, d: { caseId: number; fileId: number; kind: string; name: string; visibleToApplicant: boolean; createdBy: number | null }): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`insert into request_documents (case_id, file_id, kind, name, visible_to_applicant, created_by)
    values (${d.caseId}, ${d.fileId}, ${d.kind}, ${d.name}, ${d.visibleToApplicant}, ${d.createdBy}) returning id`);
  return Number(r.rows[0].id);
}

export async function setDocumentVisible(tx: Executor, id: number, visible: boolean): Promise<void> {
  await tx.execute(sql`update request_documents set visible_to_applicant = ${visible} where id = ${id}`);
}

export async function markDelivered(tx: Executor, id: number, d: { via: string; on: string; note: string | null }): Promise<void> {
  await tx.execute(sql`update request_documents set delivered_via = ${d.via}, delivered_on = ${d.on}, delivery_note = ${d.note} where id = ${id}`);
}

export type DueChangeRow = { id: number; fromDue: string | null; toDue: string | null; reason: string; createdAt: string };

export async function listDueChanges(db: Executor, caseId: number): Promise<DueChangeRow[]> {
  const r = await db.execute<DueChangeRow>(sql`select id, from_due as "fromDue", to_due as "toDue", reason, created_at as "createdAt"
    from request_due_changes where case_id = ${caseId} order by id`);
  return r.rows;
}

// ---------------------------------------------------------------------------------------------
// Case writes (every one bumps the version: staff forms carry it for optimistic locking)

export interface CasePatch {
  status?: string;
  orgId?: number;
  handlerId?: number | null;
  outcome?: string | null;
  answerKind?: string | null;
  outcomeDetail?: unknown;
  replyReviewInstanceId?: number | null;
  repliedOn?: string | null;
  closed?: boolean;
}

export async function updateCase(tx: Executor, id: number, p: CasePatch): Promise<number> {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`];
  if (p.status !== undefined) sets.push(sql`status = ${p.status}`);
  if (p.orgId !== undefined) sets.push(sql`org_id = ${p.orgId}`);
  if (p.handlerId !== undefined) sets.push(sql`handler_id = ${p.handlerId}`);
  if (p.outcome !== undefined) sets.push(sql`outcome = ${p.outcome}`);
  if (p.answerKind !== undefined) sets.push(sql`answer_kind = ${p.answerKind}`);
  if (p.outcomeDetail !== undefined) sets.push(sql`outcome_detail = ${p.outcomeDetail === null ? null : JSON.stringify(p.outcomeDetail)}::jsonb`);
  if (p.replyReviewInstanceId !== undefined) sets.push(sql`reply_review_instance_id = ${p.replyReviewInstanceId}`);
  if (p.repliedOn !== undefined) sets.push(sql`replied_on = ${p.repliedOn}`);
  if (p.closed === true) sets.push(sql`closed_at = now()`);
  const r = await tx.execute<{ version: number }>(sql`update request_cases set ${sql.join(sets, sql`, `)} where id = ${id} returning version`);
  return Number(r.rows[0].version);
}

/** The roles holding request.handle, from the policy table (handler candidates and the queue's handler filter). */
const handleRoles = () => sql`${'{' + rolesFor('request.handle').join(',') + '}'}::text[]`;

/** Users who may handle cases of the organisation (request.handle, own or ancestor subtree grant). */
export async function handlerCandidates(db: Executor, orgId: number): Promise<{ id: number; displayName: string; orgName: string }[]> {
  const r = await db.execute<{ id: number; displayName: string; orgName: string }>(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from org_units where id = ${orgId}
      union all select o.id, o.parent_id, up.depth + 1 from org_units o join up on o.id = up.parent_id where up.depth < 20)
    select distinct u.id, u.display_name as "displayName", o.name as "orgName"
    from users u join org_units o on o.id = u.org_id join role_grants g on g.user_id = u.id
    where u.active and g.role = any(${handleRoles()})
      and (g.org_id = ${orgId} or (g.include_subtree and g.org_id in (select id from up)))
    order by u.display_name, u.id`);
  return r.rows;
}

/** Open cases whose 补正 or fee deadline has passed (for expireOverdue): the open pause/correction event is read by the use case. */
export async function casesAwaiting(db: Executor, statuses: readonly string[], limit = 500): Promise<number[]> {
  const r = await db.execute<{ id: number }>(sql`select id from request_cases where status = any(${'{' + statuses.join(',') + '}'}::text[]) order by id limit ${limit}`);
  return r.rows.map((x) => Number(x.id));
}

/** Active organisations (transfer targets). */
export async function activeOrgs(db: Executor): Promise<{ id: number; name: string }[]> {
  const r = await db.execute<{ id: number; name: string }>(sql`select id, name from org_units where active order by sort, name, id`);
  return r.rows;
}

/** Handlers with a grant in the given organisations (the queue's handler filter). */
export async function handlersInScope(db: Executor, scope: Iterable<number>): Promise<{ id: number; displayName: string }[]> {
  const r = await db.execute<{ id: number; displayName: string }>(sql`select distinct u.id, u.display_name as "displayName"
    from users u join role_grants g on g.user_id = u.id
    where u.active and g.role = any(${handleRoles()}) and g.org_id = any(${intArray(scope)})
    order by u.display_name, u.id limit 500`);
  return r.rows;
}

/**
 * The queue's filter choices in one statement (one round trip per queue view): the active
 * organisations in scope (activeOrgs' order) and the handlers there (handlersInScope).
 */
export async function queueFilterChoices(db: Executor, scope: Iterable<number>): Promise<{ orgs: { id: number; name: string }[]; handlers: { id: number; displayName: string }[] }> {
  const ids = intArray(scope);
  const r = await db.execute<{ orgs: { id: number; name: string }[] | null; handlers: { id: number; displayName: string }[] | null }>(sql`select
      (select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.sort, o.name, o.id)
         from org_units o where o.active and o.id = any(${ids})) as orgs,
      (select json_agg(json_build_object('id', h.id, 'displayName', h.display_name) order by h.display_name, h.id)
         from (select distinct u.id, u.display_name from users u join role_grants g on g.user_id = u.id
               where u.active and g.role = any(${handleRoles()}) and g.org_id = any(${ids})
               order by u.display_name, u.id limit 500) h) as handlers`);
  return { orgs: r.rows[0]?.orgs ?? [], handlers: r.rows[0]?.handlers ?? [] };
}

/** The 工作台 card: open cases, awaiting confirmation, replies in review and overdue cases in scope. */
/**
 * The 工作台's counts in one pass over the open cases of the scope: online applications whose
 * receipt is still to be confirmed (in the confirming scope), cases due from today to `soonBy`, and
 * overdue ones. The same conditions as the queue's filters (status=submitted; due=N + notoverdue; overdue).
 */
export async function deskCounts(db: Executor, q: { readScope: Iterable<number>; confirmScope: Iterable<number>; today: string; soonBy: string }): Promise<{ submitted: number; soon: number; overdue: number }> {
  const r = await db.execute<{ submitted: number; soon: number; overdue: number }>(sql`select
      count(*) filter (where c.status = 'submitted' and c.org_id = any(${intArray(q.confirmScope)})) as submitted,
      count(*) filter (where c.statutory_due_on >= ${q.today} and c.statutory_due_on <= ${q.soonBy}) as soon,
      count(*) filter (where c.statutory_due_on < ${q.today}) as overdue
    from request_cases c where c.status in ${OPEN} and c.org_id = any(${intArray(q.readScope)})`);
  const x = r.rows[0];
  return { submitted: Number(x.submitted), soon: Number(x.soon), overdue: Number(x.overdue) };
}

/** The 工作台's 答复退回修改: how many of these cases (review returned their reply) are open in the scope. */
export async function countOpenAmong(db: Executor, scope: Iterable<number>, ids: readonly number[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await db.execute<{ n: number }>(sql`select count(*) as n from request_cases c
    where c.id = any(${intArray(ids)}) and c.status in ${OPEN} and c.org_id = any(${intArray(scope)})`);
  return Number(r.rows[0].n);
}

/** Published catalogue records by 索引号 (a reply "已主动公开" names where to find the information). */
export async function publishedByIndexNo(db: Executor, indexNos: readonly string[]): Promise<{ id: number; indexNo: string; title: string }[]> {
  if (!indexNos.length) return [];
  const r = await db.execute<{ id: number; indexNo: string; title: string }>(sql`select id, index_no as "indexNo", title from catalog_records
    where status = 'published' and index_no in (${sql.join(indexNos.map((n) => sql`${n}`), sql`, `)})`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

/** The applicant's (encrypted) fields of a case, with what the reveal check needs. */
export async function applicantOf(db: Executor, caseId: number): Promise<(ApplicantRow & { orgId: number; handlerId: number | null; trackingNo: string }) | undefined> {
  const r = await db.execute<ApplicantRow & { orgId: number; handlerId: number | null; trackingNo: string }>(sql`
      select org_id as "orgId", handler_id as "handlerId", tracking_no as "trackingNo", applicant_type as "applicantType",
             applicant_name_enc as "applicantNameEnc", contact_name_enc as "contactNameEnc", id_type as "idType",
             id_number_enc as "idNumberEnc", phone_enc as "phoneEnc", email_enc as "emailEnc", address_enc as "addressEnc", postcode
        from request_cases where id = ${caseId}`);
  return r.rows[0];
}

export async function caseCount(db: Executor): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases`);
  return Number(r.rows[0]?.n ?? 0);
}
