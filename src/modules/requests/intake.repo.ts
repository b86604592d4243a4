// SQL of receiving applications (intake.ts): accepting organisations, the per-organisation number
// counter, the case insert, duplicate candidates, the receipt lock and the organisations' settings.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';

export type AcceptingOrg = { id: number; name: string; shortName: string | null; orgCode: string; kind: string; address: string | null; postcode: string | null; phone: string | null; fax: string | null; email: string | null; officeHours: string | null };

/** Active organisations of the given kinds, in the tree's order. */
export async function selectAcceptingOrgs(db: Executor, kinds: readonly string[]): Promise<AcceptingOrg[]> {
  const r = await db.execute<AcceptingOrg>(sql`select id, name, short_name as "shortName", org_code as "orgCode", kind, address, postcode, phone, fax, email, office_hours as "officeHours"
    from org_units where active and kind = any(${'{' + kinds.join(',') + '}'}::text[]) order by (parent_id is not null), sort, id`);
  return r.rows.map((o) => ({ ...o, id: Number(o.id) }));
}

/** The acknowledgement must survive a crash right after the answer, whatever the server default. */
export async function requireSynchronousCommit(tx: Executor): Promise<void> {
  await tx.execute(sql`set local synchronous_commit = on`);
}

export type IntakeOrg = { id: number; name: string; org_code: string; kind: string; active: boolean; tracking_format: string | null; rule_set: string | null };

export async function selectIntakeOrg(tx: Executor, orgId: number): Promise<IntakeOrg | undefined> {
  const r = await tx.execute<IntakeOrg>(sql`select o.id, o.name, o.org_code, o.kind, o.active, s.tracking_format, s.rule_set
    from org_units o left join request_org_settings s on s.org_id = o.id where o.id = ${orgId}`);
  return r.rows[0];
}

/** The organisation's next number of the year (the counter row is locked until the transaction ends). */
export async function nextTrackingSeq(tx: Executor, orgId: number, year: number): Promise<number> {
  const r = await tx.execute<{ last_seq: number }>(sql`insert into request_counters (org_id, year, last_seq) values (${orgId}, ${year}, 1)
    on conflict (org_id, year) do update set last_seq = request_counters.last_seq + 1 returning last_seq`);
  return Number(r.rows[0]!.last_seq);
}

/** Recent applications by the same identity number (blind index): candidates for the duplicate check. */
export async function selectRecentByIdentity(tx: Executor, idNumberBidx: string, sinceIso: string, limit = 50): Promise<{ id: number; d: string }[]> {
  const r = await tx.execute<{ id: number; d: string }>(sql`select id, info_description as d from request_cases
    where id_number_bidx = ${idNumberBidx} and submitted_at >= ${sinceIso} order by id desc limit ${limit}`);
  return r.rows.map((x) => ({ id: Number(x.id), d: x.d }));
}

export interface NewCaseRow {
  trackingNo: string; year: number; seq: number; queryCodeHash: string; kind: string; orgId: number; channel: string; status: string; ruleSet: string;
  applicantType: string; applicantNameEnc: string; contactNameEnc: string | null; idType: string; idNumberEnc: string; idNumberBidx: string;
  phoneEnc: string | null; emailEnc: string | null; addressEnc: string | null; postcode: string | null; infoDescription: string;
  infoDocNo: string | null; infoFeatures: string | null; correctionDetail: string | null; forms: readonly string[]; delivery: string;
  feeWaiverReason: string | null; submittedAt: string; receivedOn: string | null; receiptBasis: string | null; duplicateOfId: number | null; createdBy: number | null;
}

export async function insertCaseRow(tx: Executor, c: NewCaseRow): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`insert into request_cases (
      tracking_no, tracking_year, tracking_seq, query_code_hash, kind, org_id, channel, status, rule_set,
      applicant_type, applicant_name_enc, contact_name_enc, id_type, id_number_enc, id_number_bidx, phone_enc, email_enc, address_enc,
      postcode, info_description, info_doc_no, info_features, correction_detail, forms, delivery, fee_waiver_reason,
      submitted_at, received_on, receipt_basis, duplicate_of_id, created_by)
    values (${c.trackingNo}, ${c.year}, ${c.seq}, ${c.queryCodeHash}, ${c.kind}, ${c.orgId}, ${c.channel}, ${c.status}, ${c.ruleSet},
      ${c.applicantType}, ${c.applicantNameEnc}, ${c.contactNameEnc}, ${c.idType}, ${c.idNumberEnc}, ${c.idNumberBidx}, ${c.phoneEnc}, ${c.emailEnc}, ${c.addressEnc},
      ${c.postcode}, ${c.infoDescription}, ${c.infoDocNo}, ${c.infoFeatures}, ${c.correctionDetail}, ${JSON.stringify(c.forms)}::jsonb, ${c.delivery}, ${c.feeWaiverReason},
      ${c.submittedAt}, ${c.receivedOn}, ${c.receiptBasis}, ${c.duplicateOfId}, ${c.createdBy})
    returning id`);
  return Number(r.rows[0]!.id);
}

/** Locks the case row (two concurrent receipt builds produce one) and returns its existing receipt, if any. */
export async function lockCaseForReceipt(tx: Executor, caseId: number): Promise<{ exists: boolean; receiptId: number | null }> {
  const c = await tx.execute<{ id: number }>(sql`select id from request_cases where id = ${caseId} for update`);
  if (!c.rows[0]) return { exists: false, receiptId: null };
  const have = await tx.execute<{ id: number }>(sql`select id from request_documents where case_id = ${caseId} and kind = 'receipt' order by id limit 1`);
  return { exists: true, receiptId: have.rows[0] ? Number(have.rows[0].id) : null };
}

export type ReceiveRow = { org_id: number; status: string; channel: string; version: number; tracking_no: string; submitted_at: string };

export async function lockCaseForReceive(tx: Executor, caseId: number): Promise<ReceiveRow | undefined> {
  const r = await tx.execute<ReceiveRow>(sql`select org_id, status, channel, version, tracking_no, submitted_at from request_cases where id = ${caseId} for update`);
  return r.rows[0];
}

export async function markReceived(tx: Executor, caseId: number, receivedOn: string, basis: string): Promise<void> {
  await tx.execute(sql`update request_cases set status = 'handling', received_on = ${receivedOn}, receipt_basis = ${basis},
    version = version + 1, updated_at = now() where id = ${caseId}`);
}

export async function upsertTrackingFormat(tx: Executor, orgId: number, format: string | null): Promise<void> {
  await tx.execute(sql`insert into request_org_settings (org_id, tracking_format) values (${orgId}, ${format})
    on conflict (org_id) do update set tracking_format = excluded.tracking_format, updated_at = now()`);
}

export async function selectTrackingFormats(db: Executor): Promise<{ orgId: number; format: string }[]> {
  const r = await db.execute<{ org_id: number; f: string }>(sql`select org_id, tracking_format as f from request_org_settings where tracking_format is not null`);
  return r.rows.map((x) => ({ orgId: Number(x.org_id), format: x.f }));
}

export async function upsertOrgRules(tx: Executor, orgId: number, ruleSet: string, leadDays: number): Promise<void> {
  await tx.execute(sql`insert into request_org_settings (org_id, rule_set, internal_lead_days) values (${orgId}, ${ruleSet}, ${leadDays})
    on conflict (org_id) do update set rule_set = excluded.rule_set, internal_lead_days = excluded.internal_lead_days, updated_at = now()`);
}

export async function selectOrgRules(db: Executor): Promise<{ orgId: number; ruleSet: string | null; leadDays: number | null }[]> {
  const r = await db.execute<{ org_id: number; rule_set: string | null; lead: number | null }>(sql`select org_id, rule_set, internal_lead_days as lead from request_org_settings`);
  return r.rows.map((x) => ({ orgId: Number(x.org_id), ruleSet: x.rule_set, leadDays: x.lead == null ? null : Number(x.lead) }));
}
