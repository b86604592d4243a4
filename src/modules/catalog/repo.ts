// Every SQL statement of the catalogue's records (create, read, update, lists, 索引号 counters, settings).
import { sql, type SQL } from 'drizzle-orm';
import { containsPattern, type Executor } from '../../platform/db/index.ts';
import { intArray } from '../org/repo.ts';
import type { RecordInput, Due } from './domain.ts';

/** A stored record as the staff screens and use cases see it (dates 'YYYY-MM-DD', instants as strings). */
export type RecordRow = {
  id: number; orgId: number; orgName: string; indexNo: string; indexYear: number; indexSeq: number;
  title: string; docNo: string | null; docNoAgency: string | null; docNoYear: number | null; docNoSeq: number | null;
  generatedOn: string; disclosure: string; withheldGround: string | null; withheldReason: string | null;
  term: string; termEnd: string | null; description: string | null; keywords: string; responsibleDept: string | null;
  publisher: string; category: string; art20Item: number | null; docType: string; importantPolicy: boolean;
  validity: string; effectiveOn: string | null; repealedOn: string | null; expiredOn: string | null;
  body: string; status: string; timeLimit: string; dueOn: string | null; dueAt: string | null; dueProvisional: boolean;
  publishedAt: string | null; version: number; createdBy: number | null; createdAt: string; updatedAt: string;
};

const COLS = sql`r.id, r.org_id as "orgId", o.name as "orgName", r.index_no as "indexNo", r.index_year as "indexYear", r.index_seq as "indexSeq",
  r.title, r.doc_no as "docNo", r.doc_no_agency as "docNoAgency", r.doc_no_year as "docNoYear", r.doc_no_seq as "docNoSeq",
  r.generated_on as "generatedOn", r.disclosure, r.withheld_ground as "withheldGround", r.withheld_reason as "withheldReason",
  r.term, r.term_end as "termEnd", r.description, r.keywords, r.responsible_dept as "responsibleDept", r.publisher, r.category,
  r.art20_item as "art20Item", r.doc_type as "docType", r.important_policy as "importantPolicy", r.validity,
  r.effective_on as "effectiveOn", r.repealed_on as "repealedOn", r.expired_on as "expiredOn", r.body, r.status,
  r.time_limit as "timeLimit", r.due_on as "dueOn", r.due_at as "dueAt", r.due_provisional as "dueProvisional",
  r.published_at as "publishedAt", r.version, r.created_by as "createdBy", r.created_at as "createdAt", r.updated_at as "updatedAt"`;

/**
 * Takes the next 索引号 sequence of the organisation and year. The upsert holds the counter row's
 * lock until the transaction ends, so concurrent creations serialise, and a rolled-back creation
 * rolls the counter back with it: numbers are unique and gap-free.
 */
export async function nextIndexSeq(tx: Executor, orgId: number, year: number): Promise<number> {
  const r = await tx.execute<{ last_seq: number }>(sql`insert into catalog_index_counters (org_id, year, last_seq) values (${orgId}, ${year}, 1)
    on conflict (org_id, year) do update set last_seq = catalog_index_counters.last_seq + 1 returning last_seq`);
  return Number(r.rows[0].last_seq);
}

export async function getIndexFormat(db: Executor, orgId: number): Promise<string | null> {
  const r = await db.execute<{ f: string }>(sql`select index_format as f from catalog_org_settings where org_id = ${orgId}`);
  return r.rows[0]?.f ?? null;
}

export async function saveIndexFormat(tx: Executor, orgId: number, format: string): Promise<void> {
  await tx.execute(sql`insert into catalog_org_settings (org_id, index_format) values (${orgId}, ${format})
    on conflict (org_id) do update set index_format = excluded.index_format, updated_at = now()`);
}

/** Formats of all organisations that set one (the settings screen lists them). */
export async function listIndexFormats(db: Executor): Promise<Map<number, string>> {
  const r = await db.execute<{ org_id: number; f: string }>(sql`select org_id, index_format as f from catalog_org_settings`);
  return new Map(r.rows.map((x) => [Number(x.org_id), x.f]));
}

export type NewRecord = RecordInput & {
  orgId: number; indexNo: string; indexYear: number; indexSeq: number; publisher: string; due: Due; createdBy: number | null;
};

export async function insertRecord(tx: Executor, r: NewRecord): Promise<number> {
  const res = await tx.execute<{ id: number }>(sql`insert into catalog_records (
      org_id, index_no, index_year, index_seq, title, doc_no, doc_no_agency, doc_no_year, doc_no_seq, generated_on,
      disclosure, withheld_ground, withheld_reason, term, term_end, description, keywords, responsible_dept, publisher,
      category, art20_item, doc_type, important_policy, validity, effective_on, repealed_on, expired_on, body,
      status, time_limit, due_on, due_at, due_provisional, created_by)
    values (${r.orgId}, ${r.indexNo}, ${r.indexYear}, ${r.indexSeq}, ${r.title}, ${r.docNo}, ${r.docNoAgency}, ${r.docNoYear}, ${r.docNoSeq}, ${r.generatedOn},
      ${r.disclosure}, ${r.withheldGround}, ${r.withheldReason}, ${r.term}, ${r.termEnd}, ${r.description}, ${r.keywords}, ${r.responsibleDept}, ${r.publisher},
      ${r.category}, ${r.art20Item}, ${r.docType}, ${r.importantPolicy}, ${r.validity}, ${r.effectiveOn}, ${r.repealedOn}, ${r.expiredOn}, ${r.body},
      'draft', ${r.timeLimit}, ${r.due.dueOn}, ${r.due.dueAt}, ${r.due.provisional}, ${r.createdBy})
    returning id`);
  return Number(res.rows[0].id);
}

/** Updates the editable fields (never 索引号, organisation or status) and bumps the version. */
export async function updateRecordFields(tx: Executor, id: number, r: RecordInput & { publisher: string; due: Due }): Promise<number> {
  const res = await tx.execute<{ version: number }>(sql`update catalog_records set
      title = ${r.title}, doc_no = ${r.docNo}, doc_no_agency = ${r.docNoAgency}, doc_no_year = ${r.docNoYear}, doc_no_seq = ${r.docNoSeq},
      generated_on = ${r.generatedOn}, disclosure = ${r.disclosure}, withheld_ground = ${r.withheldGround}, withheld_reason = ${r.withheldReason},
      term = ${r.term}, term_end = ${r.termEnd}, description = ${r.description}, keywords = ${r.keywords}, responsible_dept = ${r.responsibleDept},
      publisher = ${r.publisher}, category = ${r.category}, art20_item = ${r.art20Item}, doc_type = ${r.docType}, important_policy = ${r.importantPolicy},
      validity = ${r.validity}, effective_on = ${r.effectiveOn}, repealed_on = ${r.repealedOn}, expired_on = ${r.expiredOn}, body = ${r.body},
      time_limit = ${r.timeLimit}, due_on = ${r.due.dueOn}, due_at = ${r.due.dueAt}, due_provisional = ${r.due.provisional},
      version = version + 1, updated_at = now()
    where id = ${id} returning version`);
  return Number(res.rows[0].version);
}

export async function findRecord(db: Executor, id: number): Promise<RecordRow | undefined> {
  const r = await db.execute<RecordRow>(sql`select ${COLS} from catalog_records r join org_units o on o.id = r.org_id where r.id = ${id}`);
  return r.rows[0];
}

/** The record, locked until the transaction ends (concurrent edits serialise, then see the new version). */
export async function lockRecord(tx: Executor, id: number): Promise<RecordRow | undefined> {
  const r = await tx.execute<RecordRow>(sql`select ${COLS} from catalog_records r join org_units o on o.id = r.org_id where r.id = ${id} for update of r`);
  return r.rows[0];
}

export interface RecordFilter {
  /** The organisations the caller may read (required: lists never leave the caller's scope). */
  scope: Iterable<number>;
  orgId?: number | null;
  category?: string | null;
  status?: string | null;
  year?: number | null;
  q?: string | null;
  /** Only records this user drafted (我起草的). */
  createdBy?: number | null;
}


function where(f: RecordFilter): SQL {
  const parts: SQL[] = [sql`r.org_id = any(${intArray(f.scope)})`];
  if (f.orgId) parts.push(sql`r.org_id = ${f.orgId}`);
  if (f.category) parts.push(sql`r.category = ${f.category}`);
  if (f.status) parts.push(sql`r.status = ${f.status}`);
  if (f.createdBy) parts.push(sql`r.created_by = ${f.createdBy}`);
  if (f.year) parts.push(sql`r.generated_on >= make_date(${f.year}, 1, 1) and r.generated_on < make_date(${f.year + 1}, 1, 1)`);
  if (f.q) {
    const p = containsPattern(f.q);
    parts.push(sql`(r.title ilike ${p} or r.doc_no ilike ${p} or r.index_no ilike ${p})`);
  }
  return sql.join(parts, sql` and `);
}

export type ListRow = Pick<RecordRow, 'id' | 'orgId' | 'orgName' | 'indexNo' | 'title' | 'docNo' | 'generatedOn' | 'status' | 'dueOn' | 'dueAt' | 'dueProvisional' | 'category'>;

export async function listRecords(db: Executor, f: RecordFilter, page: number, perPage: number): Promise<{ rows: ListRow[]; total: number }> {
  const w = where(f);
  const total = await db.execute<{ n: number }>(sql`select count(*) as n from catalog_records r where ${w}`);
  const r = await db.execute<ListRow>(sql`select r.id, r.org_id as "orgId", o.name as "orgName", r.index_no as "indexNo", r.title, r.doc_no as "docNo",
      r.generated_on as "generatedOn", r.status, r.due_on as "dueOn", r.due_at as "dueAt", r.due_provisional as "dueProvisional", r.category
    from catalog_records r join org_units o on o.id = r.org_id where ${w}
    order by r.created_at desc, r.id desc limit ${perPage} offset ${(page - 1) * perPage}`);
  return { rows: r.rows, total: Number(total.rows[0].n) };
}

/** Full rows for the export, in 索引号 order, capped. */
export async function exportRows(db: Executor, f: RecordFilter, limit: number): Promise<RecordRow[]> {
  const r = await db.execute<RecordRow>(sql`select ${COLS} from catalog_records r join org_units o on o.id = r.org_id where ${where(f)}
    order by r.org_id, r.index_year, r.index_seq limit ${limit}`);
  return r.rows;
}

/** Unpublished records (draft, in review, returned) due on or before the horizon, soonest first. */
export async function dueRecords(db: Executor, scope: Iterable<number>, horizon: string): Promise<ListRow[]> {
  const r = await db.execute<ListRow>(sql`select r.id, r.org_id as "orgId", o.name as "orgName", r.index_no as "indexNo", r.title, r.doc_no as "docNo",
      r.generated_on as "generatedOn", r.status, r.due_on as "dueOn", r.due_at as "dueAt", r.due_provisional as "dueProvisional", r.category
    from catalog_records r join org_units o on o.id = r.org_id
    where r.status in ('draft', 'in_review', 'returned') and r.due_on <= ${horizon} and r.org_id = any(${intArray(scope)})
    order by o.sort, o.name, r.due_on, r.id limit 2000`);
  return r.rows;
}

export type AttachmentRow = { id: number; fileId: number; name: string; size: number; kind: string; createdAt: string };

export async function insertAttachment(tx: Executor, recordId: number, fileId: number, name: string): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`insert into catalog_attachments (record_id, file_id, name, sort)
    values (${recordId}, ${fileId}, ${name}, coalesce((select max(sort) + 1 from catalog_attachments where record_id = ${recordId}), 0)) returning id`);
  return Number(r.rows[0].id);
}

export async function listAttachments(db: Executor, recordId: number): Promise<AttachmentRow[]> {
  const r = await db.execute<AttachmentRow>(sql`select a.id, a.file_id as "fileId", a.name, f.size, f.kind, a.created_at as "createdAt"
    from catalog_attachments a join files f on f.id = a.file_id where a.record_id = ${recordId} order by a.sort, a.id`);
  return r.rows;
}

export type TrailRow = { id: number; at: string; actorName: string; action: string; summary: Record<string, unknown> };

/** The record's audit entries, newest first. */
export async function auditTrail(db: Executor, recordId: number, limit = 50): Promise<TrailRow[]> {
  const r = await db.execute<TrailRow>(sql`select id, to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at, actor_name as "actorName", action, summary
    from audit_log where entity_type = 'catalog_record' and entity_id = ${String(recordId)} order by id desc limit ${limit}`);
  return r.rows;
}

export async function orgNameAndCodes(db: Executor, orgId: number): Promise<{ name: string; orgCode: string; regionCode: string; active: boolean } | undefined> {
  const r = await db.execute<{ name: string; orgCode: string; regionCode: string; active: boolean }>(
    sql`select name, org_code as "orgCode", region_code as "regionCode", active from org_units where id = ${orgId}`);
  return r.rows[0];
}

/** How many records exist at all (the demo loads only into an empty catalogue). */
export async function recordCount(db: Executor): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from catalog_records`);
  return Number(r.rows[0]?.n ?? 0);
}

/** The 工作台's 退回修改: records this user drafted that review sent back, in the scope (the org/status index). */
export async function countReturnedTo(db: Executor, scope: Iterable<number>, userId: number): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*) as n from catalog_records r
    where r.status = 'returned' and r.created_by = ${userId} and r.org_id = any(${intArray(scope)})`);
  return Number(r.rows[0].n);
}
