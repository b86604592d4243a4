// SQL of generated documents and editable templates (documents.ts).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';

/** The case columns a notice needs (personal data still encrypted). */
export type DocCaseRow = {
  id: number; trackingNo: string; kind: string; orgId: number; channel: string; status: string;
  applicantNameEnc: string; infoDescription: string; infoDocNo: string | null; infoFeatures: string | null;
  correctionDetail: string | null; forms: string[] | null; delivery: string; submittedAt: string;
  receivedOn: string | null; receiptBasis: string | null; statutoryDueOn: string | null;
  outcome: string | null; answerKind: string | null; outcomeDetail: unknown; repliedOn: string | null;
};

export async function selectCaseForDocument(db: Executor, id: number): Promise<DocCaseRow | undefined> {
  const r = await db.execute<DocCaseRow>(sql`select id, tracking_no as "trackingNo", kind, org_id as "orgId", channel, status,
      applicant_name_enc as "applicantNameEnc", info_description as "infoDescription", info_doc_no as "infoDocNo",
      info_features as "infoFeatures", correction_detail as "correctionDetail", forms, delivery,
      to_char(submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "submittedAt", received_on as "receivedOn",
      receipt_basis as "receiptBasis", statutory_due_on as "statutoryDueOn", outcome, answer_kind as "answerKind",
      outcome_detail as "outcomeDetail", replied_on as "repliedOn"
    from request_cases where id = ${id}`);
  return r.rows[0];
}

/** The latest event of each clock-relevant type, for the variables of the notices (补正期限, 延期 …). */
export async function latestEvents(db: Executor, caseId: number): Promise<{ type: string; occurredOn: string; data: Record<string, unknown> }[]> {
  const r = await db.execute<{ type: string; occurredOn: string; data: Record<string, unknown> }>(sql`
    select distinct on (type) type, occurred_on as "occurredOn", data from request_events
    where case_id = ${caseId} order by type, id desc`);
  return r.rows;
}

export type OrgInfo = { id: number; parentId: number | null; name: string; kind: string; address: string | null; phone: string | null; email: string | null };

/** The organisation and its ancestors, nearest first. */
export async function selectOrgChain(db: Executor, orgId: number): Promise<OrgInfo[]> {
  const r = await db.execute<OrgInfo & { depth: number }>(sql`
    with recursive up as (
      select id, parent_id, name, kind, address, phone, email, 0 as depth from org_units where id = ${orgId}
      union all
      select o.id, o.parent_id, o.name, o.kind, o.address, o.phone, o.email, up.depth + 1
      from org_units o join up on o.id = up.parent_id where up.depth < 20
    )
    select id, parent_id as "parentId", name, kind, address, phone, email, depth from up order by depth`);
  return r.rows.map(({ depth: _d, ...o }) => o);
}

export type TemplateRow = {
  id: number; kind: string; orgId: number | null; title: string; body: string; version: number;
  active: boolean; updatedBy: number | null; updatedByName: string | null; createdAt: string;
};
const TPL_COLS = sql`t.id, t.kind, t.org_id as "orgId", t.title, t.body, t.version, t.active, t.updated_by as "updatedBy",
  u.display_name as "updatedByName", to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as "createdAt"`;
const TPL_FROM = sql`request_templates t left join users u on u.id = t.updated_by`;

/** The newest active template of a kind for exactly this organisation (null = the default for all). */
export async function selectActiveTemplate(db: Executor, key: string, orgId: number | null): Promise<TemplateRow | undefined> {
  const r = await db.execute<TemplateRow>(sql`select ${TPL_COLS} from ${TPL_FROM}
    where t.kind = ${key} and t.active and ${orgId === null ? sql`t.org_id is null` : sql`t.org_id = ${orgId}`}
    order by t.version desc, t.id desc limit 1`);
  return r.rows[0];
}

/** Every active template of the organisation and the defaults (for the list page), newest first. */
export async function selectActiveTemplates(db: Executor, orgId: number | null): Promise<TemplateRow[]> {
  const r = await db.execute<TemplateRow>(sql`select ${TPL_COLS} from ${TPL_FROM}
    where t.active and (t.org_id is null ${orgId === null ? sql`` : sql`or t.org_id = ${orgId}`})
    order by t.kind, t.version desc, t.id desc`);
  return r.rows;
}

export async function selectTemplateVersions(db: Executor, key: string, orgId: number | null, limit = 50): Promise<TemplateRow[]> {
  const r = await db.execute<TemplateRow>(sql`select ${TPL_COLS} from ${TPL_FROM}
    where t.kind = ${key} and ${orgId === null ? sql`t.org_id is null` : sql`t.org_id = ${orgId}`}
    order by t.version desc, t.id desc limit ${limit}`);
  return r.rows;
}

/** Serialises edits of one (kind, organisation) so versions stay unique and in order. */
export async function lockTemplateSlot(tx: Executor, key: string, orgId: number | null): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7301402, hashtext(${key + ':' + (orgId ?? 'default')}))`);
}

export async function nextTemplateVersion(tx: Executor, key: string, orgId: number | null): Promise<number> {
  const r = await tx.execute<{ v: number }>(sql`select coalesce(max(version), 0) + 1 as v from request_templates
    where kind = ${key} and ${orgId === null ? sql`org_id is null` : sql`org_id = ${orgId}`}`);
  return Number(r.rows[0].v);
}

export async function deactivateTemplates(tx: Executor, key: string, orgId: number | null): Promise<number> {
  const r = await tx.execute(sql`update request_templates set active = false
    where kind = ${key} and active and ${orgId === null ? sql`org_id is null` : sql`org_id = ${orgId}`}`);
  return r.rowCount ?? 0;
}

export async function insertTemplate(tx: Executor, t: { key: string; orgId: number | null; title: string; body: string; version: number; userId: number | null }): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`insert into request_templates (kind, org_id, title, body, version, active, updated_by)
    values (${t.key}, ${t.orgId}, ${t.title}, ${t.body}, ${t.version}, true, ${t.userId}) returning id`);
  return Number(r.rows[0].id);
}

export async function insertDocument(tx: Executor, d: { caseId: number; fileId: number; kind: string; name: string; visibleToApplicant: boolean; templateId: number | null; createdBy: number | null }): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`insert into request_documents (case_id, file_id, kind, name, visible_to_applicant, template_id, created_by)
    values (${d.caseId}, ${d.fileId}, ${d.kind}, ${d.name}, ${d.visibleToApplicant}, ${d.templateId}, ${d.createdBy}) returning id`);
  return Number(r.rows[0].id);
}

export async function insertDocumentEvent(tx: Executor, e: { caseId: number; occurredOn: string; data: Record<string, unknown>; actorId: number | null; actorName: string }): Promise<void> {
  await tx.execute(sql`insert into request_events (case_id, type, occurred_on, data, actor_id, actor_name)
    values (${e.caseId}, 'document', ${e.occurredOn}, ${JSON.stringify(e.data)}::jsonb, ${e.actorId}, ${e.actorName})`);
}

export type DocumentRef = { id: number; caseId: number; kind: string; name: string; visibleToApplicant: boolean; fileId: number };
const DOC_COLS = sql`d.id, d.case_id as "caseId", d.kind, d.name, d.visible_to_applicant as "visibleToApplicant", d.file_id as "fileId"`;
const docRef = (r: DocumentRef): DocumentRef => ({ ...r, id: Number(r.id), caseId: Number(r.caseId), fileId: Number(r.fileId) });

export async function selectDocument(db: Executor, id: number): Promise<DocumentRef | undefined> {
  const r = await db.execute<DocumentRef>(sql`select ${DOC_COLS} from request_documents d where d.id = ${id}`);
  return r.rows[0] ? docRef(r.rows[0]) : undefined;
}

/** A document of this case (ids from the URL, so both must match). */
export async function selectCaseDocument(db: Executor, caseId: number, id: number): Promise<DocumentRef | undefined> {
  const r = await db.execute<DocumentRef>(sql`select ${DOC_COLS} from request_documents d where d.id = ${id} and d.case_id = ${caseId}`);
  return r.rows[0] ? docRef(r.rows[0]) : undefined;
}

/** Who may see the case's personal data: its organisation and handler. */
export async function selectCaseAccess(db: Executor, id: number): Promise<{ orgId: number; handlerId: number | null; trackingNo: string } | undefined> {
  const r = await db.execute<{ orgId: number; handlerId: number | null; trackingNo: string }>(sql`select org_id as "orgId", handler_id as "handlerId",
      tracking_no as "trackingNo" from request_cases where id = ${id}`);
  return r.rows[0];
}
