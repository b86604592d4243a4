// Every SQL statement of the catalogue's review workflow: workflow fields of a record, findings,
// 保密审查 records, 复查, 征求意见 and interpretation deadlines.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { intArray } from '../org/repo.ts';
import type { NewFinding, StoredFinding, InterpretationPlan } from './workflow/domain.ts';

/** The workflow columns of a record (the record repo's RecordRow holds the descriptive ones). */
export type WorkflowRow = {
  id: number; orgId: number; orgName: string; indexNo: string; title: string; docNo: string | null; description: string | null;
  body: string; status: string; disclosure: string; withheldGround: string | null; withheldReason: string | null;
  docType: string; importantPolicy: boolean; category: string; keywords: string; generatedOn: string;
  interpretationPlan: unknown; interpretsRecordId: number | null; interpretationForm: string | null; interpretationLink: string | null;
  interpretationDueOn: string | null; reviewInstanceId: number | null; recheckOn: string | null;
  publishedAt: string | null; withdrawnAt: string | null; withdrawnReason: string | null; version: number; createdBy: number | null;
  responsibleDept: string | null; publisher: string;
};

const COLS = sql`r.id, r.org_id as "orgId", o.name as "orgName", r.index_no as "indexNo", r.title, r.doc_no as "docNo", r.description,
  r.body, r.status, r.disclosure, r.withheld_ground as "withheldGround", r.withheld_reason as "withheldReason",
  r.doc_type as "docType", r.important_policy as "importantPolicy", r.category, r.keywords, r.generated_on as "generatedOn",
  r.interpretation_plan as "interpretationPlan", r.interprets_record_id as "interpretsRecordId",
  r.interpretation_form as "interpretationForm", r.interpretation_link as "interpretationLink",
  r.interpretation_due_on as "interpretationDueOn", r.review_instance_id as "reviewInstanceId", r.recheck_on as "recheckOn",
  r.published_at as "publishedAt", r.withdrawn_at as "withdrawnAt", r.withdrawn_reason as "withdrawnReason", r.version,
  r.created_by as "createdBy", r.responsible_dept as "responsibleDept", r.publisher`;

export async function findWorkflow(db: Executor, id: number): Promise<WorkflowRow | undefined> {
  const r = await db.execute<WorkflowRow>(sql`select ${COLS} from catalog_records r join org_units o on o.id = r.org_id where r.id = ${id}`);
  return r.rows[0];
}

export async function lockWorkflow(db: Executor, id: number): Promise<WorkflowRow | undefined> {
  const r = await db.execute<WorkflowRow>(sql`select ${COLS} from catalog_records r join org_units o on o.id = r.org_id where r.id = ${id} for update of r`);
  return r.rows[0];
}

export async function setPlan(db: Executor, id: number, plan: InterpretationPlan): Promise<void> {
  await db.execute(sql`update catalog_records set interpretation_plan = ${JSON.stringify(plan)}::jsonb, version = version + 1, updated_at = now() where id = ${id}`);
}

export async function setInReview(db: Executor, id: number, instanceId: number): Promise<void> {
  await db.execute(sql`update catalog_records set status = 'in_review', review_instance_id = ${instanceId}, version = version + 1, updated_at = now() where id = ${id}`);
}

export async function setStatus(db: Executor, id: number, status: string): Promise<void> {
  await db.execute(sql`update catalog_records set status = ${status}, version = version + 1, updated_at = now() where id = ${id}`);
}

/** The 保密审查 conclusion on the record's 公开属性. */
export async function setDisclosure(db: Executor, id: number, d: { disclosure: string; ground: string | null; reason: string | null; recheckOn: string | null }): Promise<void> {
  await db.execute(sql`update catalog_records set disclosure = ${d.disclosure}, withheld_ground = ${d.ground}, withheld_reason = ${d.reason},
    recheck_on = ${d.recheckOn}, version = version + 1, updated_at = now() where id = ${id}`);
}

export async function publish(db: Executor, id: number, p: { at: Date; titlePublic: string; bodyPublic: string; interpretationDueOn: string | null }): Promise<void> {
  await db.execute(sql`update catalog_records set status = 'published', published_at = ${p.at}, title_public = ${p.titlePublic}, body_public = ${p.bodyPublic},
    interpretation_due_on = ${p.interpretationDueOn}, withdrawn_at = null, withdrawn_reason = null, version = version + 1, updated_at = now() where id = ${id}`);
}

export async function withhold(db: Executor, id: number, w: { disclosure: string; ground: string | null; reason: string | null; recheckOn: string | null }): Promise<void> {
  await db.execute(sql`update catalog_records set status = 'withheld', disclosure = ${w.disclosure}, withheld_ground = ${w.ground},
    withheld_reason = ${w.reason}, recheck_on = ${w.recheckOn}, version = version + 1, updated_at = now() where id = ${id}`);
}

export async function withdraw(db: Executor, id: number, at: Date, reason: string): Promise<void> {
  await db.execute(sql`update catalog_records set status = 'withdrawn', withdrawn_at = ${at}, withdrawn_reason = ${reason}, version = version + 1, updated_at = now() where id = ${id}`);
}

export async function setRecheck(db: Executor, id: number, recheckOn: string): Promise<void> {
  await db.execute(sql`update catalog_records set recheck_on = ${recheckOn}, version = version + 1, updated_at = now() where id = ${id}`);
}

/** 解密: back to a draft that goes through the chain again; the public versions are cleared. */
export async function declassify(db: Executor, id: number): Promise<void> {
  await db.execute(sql`update catalog_records set status = 'draft', disclosure = 'active', withheld_ground = null, withheld_reason = null,
    recheck_on = null, title_public = null, body_public = null, version = version + 1, updated_at = now() where id = ${id}`);
}

/** A change held in another table (专家解读): the record's version moves on. */
export async function touch(db: Executor, id: number): Promise<void> {
  await db.execute(sql`update catalog_records set version = version + 1, updated_at = now() where id = ${id}`);
}

export async function setInterpretation(db: Executor, id: number, i: { interpretsRecordId: number; form: string; link: string | null }): Promise<void> {
  await db.execute(sql`update catalog_records set interprets_record_id = ${i.interpretsRecordId}, interpretation_form = ${i.form},
    interpretation_link = ${i.link}, version = version + 1, updated_at = now() where id = ${id}`);
}

// --- attachments' text -----------------------------------------------------------------------

export type AttachmentText = { id: number; name: string; text: string | null };

export async function attachmentTexts(db: Executor, recordId: number): Promise<AttachmentText[]> {
  const r = await db.execute<AttachmentText>(sql`select a.id, a.name, f.text from catalog_attachments a join files f on f.id = a.file_id
    where a.record_id = ${recordId} order by a.sort, a.id`);
  return r.rows;
}

export type AttachmentSource = AttachmentText & { fileId: number; kind: string; mime: string };

export async function attachmentSources(db: Executor, recordId: number): Promise<AttachmentSource[]> {
  const r = await db.execute<AttachmentSource>(sql`select a.id, a.name, a.file_id as "fileId", f.text, f.kind, f.mime from catalog_attachments a join files f on f.id = a.file_id
    where a.record_id = ${recordId} order by a.sort, a.id`);
  return r.rows;
}

/** The uploaded bytes of one attachment (read only when a public version must be made of them). */
export async function attachmentData(db: Executor, attachmentId: number): Promise<Buffer> {
  const r = await db.execute<{ data: Buffer }>(sql`select f.data from catalog_attachments a join files f on f.id = a.file_id where a.id = ${attachmentId}`);
  return r.rows[0].data;
}

/** What the public get of an attachment: its masked text, the masked file (if one could be made) and its title. */
export async function setAttachmentPublic(db: Executor, attachmentId: number, p: { text: string | null; fileId: number | null; title: string | null }): Promise<void> {
  await db.execute(sql`update catalog_attachments set text_public = ${p.text}, public_file_id = ${p.fileId}, title = ${p.title} where id = ${attachmentId}`);
}

// --- findings --------------------------------------------------------------------------------

export type FindingRow = StoredFinding & { reason: string | null; resolvedByName: string | null; resolvedAt: string | null; attachmentName: string | null };

/** A published record's Word attachment whose public version is still the old text form (catalog redact-attachments). */
export type TextAttachment = { id: number; recordId: number; indexNo: string; name: string; fileId: number; textPublic: string };

export async function textOnlyWordAttachments(db: Executor, afterId: number, limit: number): Promise<TextAttachment[]> {
  const r = await db.execute<TextAttachment>(sql`select a.id, a.record_id as "recordId", r.index_no as "indexNo", a.name, a.file_id as "fileId",
      a.text_public as "textPublic"
    from catalog_attachments a join files f on f.id = a.file_id join catalog_records r on r.id = a.record_id
    where r.status = 'published' and f.kind = 'docx' and a.text_public is not null and a.public_file_id is null and a.id > ${afterId}
    order by a.id limit ${limit}`);
  return r.rows;
}

/** Whether the attachment is still exactly as chosen (same file, same masked text, no public file yet). */
export async function textAttachmentUnchanged(db: Executor, a: Pick<TextAttachment, 'id' | 'fileId' | 'textPublic'>): Promise<boolean> {
  const r = await db.execute(sql`select 1 from catalog_attachments
    where id = ${a.id} and file_id = ${a.fileId} and text_public = ${a.textPublic} and public_file_id is null`);
  return r.rows.length > 0;
}

/** Sets the public file of an attachment that keeps its masked text (the title only when one was found). */
export async function setAttachmentPublicFile(db: Executor, attachmentId: number, fileId: number, title: string | null): Promise<void> {
  await db.execute(sql`update catalog_attachments set public_file_id = ${fileId}, title = coalesce(${title}, title) where id = ${attachmentId}`);
}

export async function listFindings(db: Executor, recordId: number): Promise<FindingRow[]> {
  const r = await db.execute<FindingRow>(sql`select f.id, f.source, f.attachment_id as "attachmentId", f.kind, f.start, f."end", f.excerpt,
      f.value_key as "valueKey", f.resolution, f.reason, u.display_name as "resolvedByName", f.resolved_at as "resolvedAt", a.name as "attachmentName"
    from catalog_findings f left join users u on u.id = f.resolved_by left join catalog_attachments a on a.id = f.attachment_id
    where f.record_id = ${recordId} order by (f.source = 'title') desc, (f.source = 'body') desc, f.attachment_id, f.start, f.id`);
  return r.rows;
}

export async function deleteFindings(db: Executor, ids: number[]): Promise<void> {
  if (ids.length) await db.execute(sql`delete from catalog_findings where id = any(${intArray(ids)})`);
}

export async function insertFindings(db: Executor, recordId: number, list: readonly NewFinding[], at: Date): Promise<void> {
  for (const f of list) {
    await db.execute(sql`insert into catalog_findings (record_id, source, attachment_id, kind, excerpt, value_key, start, "end", scanned_at)
      values (${recordId}, ${f.source}, ${f.attachmentId}, ${f.kind}, ${f.excerpt}, ${f.valueKey}, ${f.start}, ${f.end}, ${at})`);
  }
}

/** Fills the value key of findings stored before it existed (their decision is kept by a re-scan). */
export async function setFindingValueKey(db: Executor, id: number, valueKey: string): Promise<void> {
  await db.execute(sql`update catalog_findings set value_key = ${valueKey} where id = ${id} and value_key is null`);
}

export async function lockFinding(db: Executor, id: number): Promise<(FindingRow & { recordId: number }) | undefined> {
  const r = await db.execute<FindingRow & { recordId: number }>(sql`select f.id, f.record_id as "recordId", f.source, f.attachment_id as "attachmentId",
      f.kind, f.start, f."end", f.excerpt, f.value_key as "valueKey", f.resolution, f.reason, null as "resolvedByName", f.resolved_at as "resolvedAt", null as "attachmentName"
    from catalog_findings f where f.id = ${id} for update`);
  return r.rows[0];
}

/** One decision on several places (the places of one value, or every open finding of a kind). */
export async function resolveFindings(db: Executor, ids: readonly number[], r: { resolution: string; reason: string | null; by: number | null; at: Date }): Promise<void> {
  if (!ids.length) return;
  await db.execute(sql`update catalog_findings set resolution = ${r.resolution}, reason = ${r.reason}, resolved_by = ${r.by}, resolved_at = ${r.at}
    where id = any(${intArray(ids)})`);
}

// --- 保密审查 records ------------------------------------------------------------------------

export type SecrecyReviewInput = {
  recordId: number; title: string; docNoOrSummary: string; proposedDisclosure: string; proposedReason: string | null;
  conclusion: string; ground: string | null; basis: string; reviewerId: number | null; reviewerName: string; reviewedOn: string; recheckOn: string | null;
};

export async function insertSecrecyReview(db: Executor, s: SecrecyReviewInput): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into catalog_secrecy_reviews (record_id, title, doc_no_or_summary, proposed_disclosure,
      proposed_reason, conclusion, ground, basis, reviewer_id, reviewer_name, reviewed_on, recheck_on)
    values (${s.recordId}, ${s.title}, ${s.docNoOrSummary}, ${s.proposedDisclosure}, ${s.proposedReason}, ${s.conclusion}, ${s.ground}, ${s.basis},
      ${s.reviewerId}, ${s.reviewerName}, ${s.reviewedOn}, ${s.recheckOn}) returning id`);
  return Number(r.rows[0].id);
}

export type SecrecyReviewRow = SecrecyReviewInput & { id: number; orgName: string; indexNo: string };

export async function listSecrecyReviews(db: Executor, f: { scope: Iterable<number>; orgId?: number | null; from?: string | null; to?: string | null; recordId?: number }, limit = 20_000): Promise<SecrecyReviewRow[]> {
  const parts: SQL[] = [sql`r.org_id = any(${intArray(f.scope)})`];
  if (f.orgId) parts.push(sql`r.org_id = ${f.orgId}`);
  if (f.from) parts.push(sql`s.reviewed_on >= ${f.from}::date`);
  if (f.to) parts.push(sql`s.reviewed_on <= ${f.to}::date`);
  if (f.recordId) parts.push(sql`s.record_id = ${f.recordId}`);
  const r = await db.execute<SecrecyReviewRow>(sql`select s.id, s.record_id as "recordId", s.title, s.doc_no_or_summary as "docNoOrSummary",
      s.proposed_disclosure as "proposedDisclosure", s.proposed_reason as "proposedReason", s.conclusion, s.ground, s.basis,
      s.reviewer_id as "reviewerId", s.reviewer_name as "reviewerName", s.reviewed_on as "reviewedOn", s.recheck_on as "recheckOn",
      o.name as "orgName", r.index_no as "indexNo"
    from catalog_secrecy_reviews s join catalog_records r on r.id = s.record_id join org_units o on o.id = r.org_id
    where ${sql.join(parts, sql` and `)} order by s.reviewed_on, s.id limit ${limit}`);
  return r.rows;
}

// --- lists -----------------------------------------------------------------------------------

export type BriefRow = { id: number; orgId: number; orgName: string; indexNo: string; title: string; status: string; disclosure: string;
  withheldGround: string | null; withheldReason: string | null; recheckOn: string | null; publishedAt: string | null; interpretationDueOn: string | null };

const BRIEF = sql`r.id, r.org_id as "orgId", o.name as "orgName", r.index_no as "indexNo", r.title, r.status, r.disclosure,
  r.withheld_ground as "withheldGround", r.withheld_reason as "withheldReason", r.recheck_on as "recheckOn", r.published_at as "publishedAt",
  r.interpretation_due_on as "interpretationDueOn"`;

/** A record of the organisation that already has this file attached (the oldest). */
export async function recordWithFile(db: Executor, orgId: number, fileId: number): Promise<{ id: number; indexNo: string; status: string; disclosure: string; version: number; createdBy: number | null } | undefined> {
  const r = await db.execute<{ id: number; indexNo: string; status: string; disclosure: string; version: number; createdBy: number | null }>(sql`select r.id,
    r.index_no as "indexNo", r.status, r.disclosure, r.version, r.created_by as "createdBy" from catalog_attachments a
    join catalog_records r on r.id = a.record_id where a.file_id = ${fileId} and r.org_id = ${orgId} order by r.id limit 1`);
  return r.rows[0];
}

/** Withheld records whose 复查 date falls on or before the horizon. */
/** Withheld records whose 复查 date is on or before `horizon`; with `horizon` null, every withheld record. */
export async function recheckDue(db: Executor, scope: Iterable<number>, horizon: string | null): Promise<BriefRow[]> {
  const due = horizon ? sql`and r.recheck_on is not null and r.recheck_on <= ${horizon}::date` : sql``;
  const r = await db.execute<BriefRow>(sql`select ${BRIEF} from catalog_records r join org_units o on o.id = r.org_id
    where r.status = 'withheld' and r.disclosure = 'withheld' ${due} and r.org_id = any(${intArray(scope)})
    order by r.recheck_on nulls first, r.id limit 1000`);
  return r.rows;
}

/** Published policies with an interpretation deadline and no published interpretation yet. */
export async function interpretationsDue(db: Executor, scope: Iterable<number>, horizon: string): Promise<(BriefRow & { drafts: number })[]> {
  const r = await db.execute<BriefRow & { drafts: number }>(sql`select ${BRIEF},
      (select count(*)::int from catalog_records i where i.interprets_record_id = r.id and i.status <> 'withdrawn') as drafts
    from catalog_records r join org_units o on o.id = r.org_id
    where r.status = 'published' and r.interpretation_due_on is not null and r.interpretation_due_on <= ${horizon}::date
      and r.org_id = any(${intArray(scope)})
      and not exists (select 1 from catalog_records i where i.interprets_record_id = r.id and i.status = 'published')
    order by r.interpretation_due_on, r.id limit 1000`);
  return r.rows;
}

export async function interpretationsOf(db: Executor, policyId: number): Promise<BriefRow[]> {
  const r = await db.execute<BriefRow>(sql`select ${BRIEF} from catalog_records r join org_units o on o.id = r.org_id
    where r.interprets_record_id = ${policyId} order by r.id`);
  return r.rows;
}

// --- 征求意见 --------------------------------------------------------------------------------

export type CoordinationRow = {
  id: number; recordId: number; recordTitle: string; recordIndexNo: string; recordOrgName: string; recordOrgId: number;
  orgId: number; orgName: string; question: string; sentOn: string; replyDueOn: string; replyStance: string | null; replyText: string | null;
  repliedByName: string | null; repliedAt: string | null; decision: string | null; decidedByName: string | null; decidedAt: string | null;
};

const COORD = sql`c.id, c.record_id as "recordId", r.title as "recordTitle", r.index_no as "recordIndexNo", ro.name as "recordOrgName",
  r.org_id as "recordOrgId", c.org_id as "orgId", o.name as "orgName", c.question, c.sent_on as "sentOn", c.reply_due_on as "replyDueOn",
  c.reply_stance as "replyStance", c.reply_text as "replyText", ru.display_name as "repliedByName", c.replied_at as "repliedAt",
  c.decision, du.display_name as "decidedByName", c.decided_at as "decidedAt"`;
const COORD_FROM = sql`catalog_coordinations c join catalog_records r on r.id = c.record_id join org_units ro on ro.id = r.org_id
  join org_units o on o.id = c.org_id left join users ru on ru.id = c.replied_by left join users du on du.id = c.decided_by`;

export async function insertCoordination(db: Executor, c: { recordId: number; orgId: number; question: string; sentOn: string; replyDueOn: string; createdBy: number | null }): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into catalog_coordinations (record_id, org_id, question, sent_on, reply_due_on, created_by)
    values (${c.recordId}, ${c.orgId}, ${c.question}, ${c.sentOn}, ${c.replyDueOn}, ${c.createdBy}) returning id`);
  return Number(r.rows[0].id);
}

export async function coordinationsOfRecord(db: Executor, recordId: number): Promise<CoordinationRow[]> {
  const r = await db.execute<CoordinationRow>(sql`select ${COORD} from ${COORD_FROM} where c.record_id = ${recordId} order by c.id`);
  return r.rows;
}

/** Requests addressed to the organisations in scope: unanswered first, then the latest answered. */
export async function coordinationInbox(db: Executor, scope: Iterable<number>): Promise<CoordinationRow[]> {
  const r = await db.execute<CoordinationRow>(sql`select ${COORD} from ${COORD_FROM} where c.org_id = any(${intArray(scope)})
    order by (c.reply_stance is null) desc, c.reply_due_on, c.id desc limit 500`);
  return r.rows;
}

/** Disagreements awaiting (or with) the disclosure office's decision. */
export async function disagreements(db: Executor, scope: Iterable<number>): Promise<CoordinationRow[]> {
  const r = await db.execute<CoordinationRow>(sql`select ${COORD} from ${COORD_FROM} where c.reply_stance = 'disagree' and r.org_id = any(${intArray(scope)})
    order by (c.decision is null) desc, c.replied_at desc limit 500`);
  return r.rows;
}

export async function lockCoordination(db: Executor, id: number): Promise<CoordinationRow | undefined> {
  const r = await db.execute<CoordinationRow>(sql`select ${COORD} from ${COORD_FROM} where c.id = ${id} for update of c`);
  return r.rows[0];
}

export async function replyCoordination(db: Executor, id: number, x: { stance: string; text: string; by: number; at: Date }): Promise<void> {
  await db.execute(sql`update catalog_coordinations set reply_stance = ${x.stance}, reply_text = ${x.text}, replied_by = ${x.by}, replied_at = ${x.at} where id = ${id}`);
}

export async function decideCoordination(db: Executor, id: number, x: { decision: string; by: number; at: Date }): Promise<void> {
  await db.execute(sql`update catalog_coordinations set decision = ${x.decision}, decided_by = ${x.by}, decided_at = ${x.at} where id = ${id}`);
}

export async function activeOrgs(db: Executor): Promise<{ id: number; name: string; orgCode: string; parentId: number | null }[]> {
  const r = await db.execute<{ id: number; name: string; orgCode: string; parentId: number | null }>(sql`select id, name, org_code as "orgCode", parent_id as "parentId"
    from org_units where active order by sort, id`);
  return r.rows;
}
