// 受理编号 (tracking number) and 查询码 (query code): how an applicant finds their case again.
// The number is public-ish (printed on the 回执); the code is a secret of ≈49 bits, stored only as
// a salted scrypt hash. A wrong code and an unknown number get the same answer in similar time.
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../platform/db/index.ts';
import { formatDate } from '../portal/domain.ts';
import { CASE_KINDS, STATUSES, documentKindLabel, eventLabel } from './model.ts';
import * as trackRepo from './tracking.repo.ts';

// ---------------------------------------------------------------------------
// Query code

/** No 0/O, 1/I/L: nothing a reader can confuse when copying from paper. */
export const QUERY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const QUERY_CODE_LENGTH = 10;

export function generateQueryCode(): string {
  let s = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) s += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return s;
}

/** 'ABCDEFGHJK' → 'ABCDE-FGHJK' (for reading aloud and printing). */
export function formatQueryCode(code: string): string {
  const c = normaliseQueryCode(code);
  return c.length === QUERY_CODE_LENGTH ? `${c.slice(0, 5)}-${c.slice(5)}` : c;
}

/** What the applicant typed → canonical form (case, full-width, spaces and dashes do not matter). */
export function normaliseQueryCode(input: unknown): string {
  return typeof input === 'string' ? input.normalize('NFKC').replace(/[\s\-—–_·.]/gu, '').toUpperCase().slice(0, 40) : '';
}

// scrypt with modest parameters: the code is random (not a password), the cost only slows offline
// guessing after a database leak, and keeps public submissions fast.
const QC = { N: 4096, r: 8, p: 1, keyLen: 32 } as const;
function scryptAsync(data: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(data, salt, QC.keyLen, { N: QC.N, r: QC.r, p: QC.p, maxmem: 64 * 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k)));
  });
}

export async function hashQueryCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(normaliseQueryCode(code), salt);
  return `qc1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

// Used when the number is unknown, so that answer takes as long as a wrong code.
const DUMMY_HASH = `qc1$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(32).toString('base64url')}`;

export async function verifyQueryCode(code: string, stored: string): Promise<boolean> {
  const m = /^qc1\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  const salt = Buffer.from(m?.[1] ?? '', 'base64url');
  const expect = Buffer.from(m?.[2] ?? '', 'base64url');
  const key = await scryptAsync(normaliseQueryCode(code), salt.length ? salt : Buffer.alloc(16));
  return expect.length === key.length && timingSafeEqual(key, expect);
}

// ---------------------------------------------------------------------------
// Tracking number format (per organisation, request_org_settings.tracking_format)

export const DEFAULT_TRACKING_FORMAT = '{year}-{org}-{seq:5}';
export const TRACKING_FORMAT_MAX = 40;
const TOKEN = /\{([^{}]*)\}/g;

/** null when usable, else a Chinese message. */
export function validateTrackingFormat(format: string): string | null {
  const f = (format ?? '').trim();
  if (!f) return '请填写受理编号格式';
  if (f.length > TRACKING_FORMAT_MAX) return `受理编号格式不能超过 ${TRACKING_FORMAT_MAX} 个字符`;
  const seen = new Set<string>();
  for (const m of f.matchAll(TOKEN)) {
    const name = m[1]!;
    if (name === 'year' || name === 'org' || name === 'orgCode') seen.add(name);
    else if (name === 'seq' || /^seq:[1-9]$/.test(name)) seen.add('seq');
    else return `受理编号格式中的“{${name}}”无法识别，可用的占位符为 {year}、{org}（机构序号）、{orgCode}（机构代码）、{seq} 和 {seq:位数}`;
  }
  const literal = f.replace(TOKEN, '');
  if (/[{}]/.test(literal)) return '受理编号格式中的花括号不成对';
  // Applicants type the number back into the tracking form: keep it to what any keyboard has.
  if (!/^[A-Z0-9\-_/]*$/.test(literal)) return '受理编号格式中除占位符外只能使用大写英文字母、数字和“-”“_”“/”';
  if (!seen.has('seq')) return '受理编号格式必须包含流水号 {seq} 或 {seq:位数}';
  if (!seen.has('org') && !seen.has('orgCode')) return '受理编号格式必须包含 {org} 或 {orgCode}，以免与其他机构的编号重复';
  if (!seen.has('year')) return '受理编号格式必须包含年份 {year}，流水号每年重新计数';
  return null;
}

/** {org} = the organisation's id, 3 digits (stable, short); {orgCode} = its 统一社会信用代码. */
export function renderTrackingNo(format: string, p: { year: number; orgId: number; orgCode: string; seq: number }): string {
  return format.trim().replace(TOKEN, (_all, name: string) => {
    if (name === 'year') return String(p.year);
    if (name === 'org') return String(p.orgId).padStart(3, '0');
    if (name === 'orgCode') return p.orgCode.toUpperCase();
    if (name === 'seq') return String(p.seq);
    const m = /^seq:([1-9])$/.exec(name);
    return m ? String(p.seq).padStart(Number(m[1]), '0') : '';
  });
}

export function normaliseTrackingNo(input: unknown): string {
  return typeof input === 'string' ? input.normalize('NFKC').replace(/\s+/gu, '').toUpperCase().slice(0, 60) : '';
}

// ---------------------------------------------------------------------------
// Lookup

/**
 * The case for a tracking number and query code, or null — the same null, after the same work,
 * for an unknown number and for a wrong code.
 */
export async function findCaseByCode(db: Executor, trackingNo: string, queryCode: string): Promise<number | null> {
  const no = normaliseTrackingNo(trackingNo);
  const code = normaliseQueryCode(queryCode);
  const row = no ? await trackRepo.codeHashOf(db, no) : null;
  const ok = await verifyQueryCode(code, row?.h ?? DUMMY_HASH);
  return row && ok && code.length === QUERY_CODE_LENGTH ? Number(row.id) : null;
}

// ---------------------------------------------------------------------------
// What the applicant sees on the tracking page (never personal data, never internal notes)

export interface TrackView {
  caseId: number;
  trackingNo: string;
  kindLabel: string;
  orgName: string;
  status: string;
  statusLabel: string;
  submittedOn: string;
  receivedOn: string | null;
  statutoryDueOn: string | null;
  dueProvisional: boolean;
  clockStopped: boolean;
  repliedOn: string | null;
  /** What was asked, so the applicant recognises the case (cut at 300 characters), and the 文号 given. */
  requestSummary: string;
  requestDocNo: string | null;
  /** The open 补正 request and its deadline, while the case awaits the supplement. */
  correctionRequest: string | null;
  correctionDeadline: string | null;
  events: { occurredOn: string; label: string; note: string | null }[];
  documents: { id: number; name: string; kindLabel: string }[];
  /** The 登记回执 job has not run yet (it is built within seconds of the application). */
  receiptPending: boolean;
}

/** Event types an applicant sees on the tracking page (internal steps such as assignment or review stay inside). */
export const PUBLIC_EVENT_TYPES: readonly string[] = [
  'submitted', 'registered', 'received', 'transferred', 'correction_sent', 'correction_received', 'correction_expired',
  'pause_start', 'pause_end', 'fee_notice', 'fee_paid', 'fee_expired', 'extension_approved', 'replied', 'provided', 'delivered',
];

export async function loadTrackView(db: Executor, caseId: number): Promise<TrackView | null> {
  const c = await trackRepo.trackCase(db, caseId);
  if (!c) return null;
  const ev = { rows: await trackRepo.trackEvents(db, caseId) };
  const docs = { rows: await trackRepo.visibleDocuments(db, caseId) };
  const lastCorrection = [...ev.rows].reverse().find((e) => e.type === 'correction_sent');
  const label = (t: string, m: Readonly<Record<string, string>>) => (Object.hasOwn(m, t) ? m[t]! : t);
  return {
    caseId: Number(c.id),
    trackingNo: c.tracking_no,
    kindLabel: label(c.kind, CASE_KINDS),
    orgName: c.org_name,
    status: c.status,
    statusLabel: label(c.status, STATUSES),
    submittedOn: formatDate(new Date(c.submitted_at)),
    receivedOn: c.received_on,
    statutoryDueOn: c.statutory_due_on,
    dueProvisional: c.due_provisional,
    clockStopped: c.clock_stopped,
    repliedOn: c.replied_on,
    requestSummary: Array.from(c.info_description ?? '').length > 300 ? `${Array.from(c.info_description).slice(0, 300).join('')}…` : c.info_description ?? '',
    requestDocNo: c.info_doc_no,
    correctionRequest: c.status === 'awaiting_supplement' && lastCorrection
      ? (typeof lastCorrection.data?.content === 'string' ? lastCorrection.data.content : lastCorrection.public_note) : null,
    correctionDeadline: c.status === 'awaiting_supplement' && typeof lastCorrection?.data?.deadline === 'string' ? lastCorrection.data.deadline : null,
    events: ev.rows.filter((e) => PUBLIC_EVENT_TYPES.includes(e.type)).map((e) => ({ occurredOn: e.occurred_on, label: eventLabel(e.type), note: e.public_note })),
    documents: docs.rows.map((d) => ({ id: Number(d.id), name: d.name, kindLabel: documentKindLabel(d.kind) })),
    receiptPending: !docs.rows.some((d) => d.kind === 'receipt'),
  };
}

export { applicantDocument, receiptDocumentOf } from './tracking.repo.ts';
