// SQL of the tracking page: finding a case by its number, and what the applicant may see of it.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';

export async function codeHashOf(db: Executor, trackingNo: string): Promise<{ id: number; h: string } | null> {
  const r = await db.execute<{ id: number; h: string }>(sql`select id, query_code_hash as h from request_cases where tracking_no = ${trackingNo}`);
  return r.rows[0] ?? null;
}

export type TrackCaseRow = {
  id: number; tracking_no: string; kind: string; org_name: string; status: string; submitted_at: string; received_on: string | null;
  statutory_due_on: string | null; due_provisional: boolean; clock_stopped: boolean; replied_on: string | null;
  info_description: string; info_doc_no: string | null;
};

export async function trackCase(db: Executor, caseId: number): Promise<TrackCaseRow | null> {
  const r = await db.execute<TrackCaseRow>(sql`select c.id, c.tracking_no, c.kind, o.name as org_name, c.status, c.submitted_at, c.received_on, c.statutory_due_on,
      c.due_provisional, c.clock_stopped, c.replied_on, left(c.info_description, 301) as info_description, c.info_doc_no
    from request_cases c join org_units o on o.id = c.org_id where c.id = ${caseId}`);
  return r.rows[0] ?? null;
}

export async function trackEvents(db: Executor, caseId: number): Promise<{ type: string; occurred_on: string; public_note: string | null; data: Record<string, unknown> }[]> {
  const r = await db.execute<{ type: string; occurred_on: string; public_note: string | null; data: Record<string, unknown> }>(sql`
    select type, occurred_on, public_note, data from request_events where case_id = ${caseId} order by occurred_on, id`);
  return r.rows;
}

export async function visibleDocuments(db: Executor, caseId: number): Promise<{ id: number; name: string; kind: string }[]> {
  const r = await db.execute<{ id: number; name: string; kind: string }>(sql`
    select id, name, kind from request_documents where case_id = ${caseId} and visible_to_applicant order by id`);
  return r.rows;
}

/** A document of the case that the applicant may download (visible_to_applicant), or null. */
export async function applicantDocument(db: Executor, caseId: number, documentId: number): Promise<{ id: number; fileId: number; name: string } | null> {
  const r = await db.execute<{ id: number; file_id: number; name: string }>(sql`select id, file_id, name from request_documents
    where id = ${documentId} and case_id = ${caseId} and visible_to_applicant`);
  const d = r.rows[0];
  return d ? { id: Number(d.id), fileId: Number(d.file_id), name: d.name } : null;
}

/** The newest 登记回执 of a case. */
export async function receiptDocumentOf(db: Executor, caseId: number): Promise<{ id: number; fileId: number; name: string } | null> {
  const r = await db.execute<{ id: number; file_id: number; name: string }>(sql`select id, file_id, name from request_documents
    where case_id = ${caseId} and kind = 'receipt' order by id desc limit 1`);
  const d = r.rows[0];
  return d ? { id: Number(d.id), fileId: Number(d.file_id), name: d.name } : null;
}
