// The applicant's personal data: encrypted at rest (SM4 + HMAC-SM3 field cipher), masked on every
// screen, shown in full only to the case's handler or the disclosure office — and each full view
// is written to the audit log (without the data itself).
//
// Who may see it in full (revealApplicant):
//   - the case's handler (request_cases.handler_id) while holding 'request.handle' on the case's org;
//   - whoever holds 'request.pii.reveal' on the case's organisation (the disclosure office, which
//     oversees every case).
// Organisation applicants: the organisation's name and 统一社会信用代码 are public registry data and
// shown as they are; the contact person, phone, e-mail and address are masked like a person's.
import type { AppContext } from '../../app-context.ts';
import { withTx } from '../../platform/db/index.ts';
import { writeAudit } from '../../platform/audit/index.ts';
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from '../../platform/crypto/index.ts';
import { can, type Principal } from '../auth/policy.ts';
import * as repo from './repo.ts';
import { applicantTypeLabel, idTypeLabel, isOrganisationApplicant } from './model.ts';

/** A use case's refusal (forbidden, not found, conflict, invalid …) with a Chinese message. */
export interface Failure {
  ok: false;
  reason: 'invalid' | 'forbidden' | 'not_found' | 'conflict';
  message: string;
  fields?: Record<string, string>;
}

/** Plain applicant data, as validated (intake.ts) — never stored like this. */
export interface ApplicantPlain {
  applicantName: string;
  contactName?: string | null;
  idNumber: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

/** The encrypted columns of request_cases. */
export interface ApplicantColumns {
  applicantNameEnc: string;
  contactNameEnc: string | null;
  idNumberEnc: string;
  idNumberBidx: string;
  phoneEnc: string | null;
  emailEnc: string | null;
  addressEnc: string | null;
}

/** The subset of a request_cases row (camelCase, as Drizzle returns it) the views read. */
export type ApplicantRow = {
  applicantType: string;
  applicantNameEnc: string;
  contactNameEnc?: string | null;
  idType: string;
  idNumberEnc: string;
  phoneEnc?: string | null;
  emailEnc?: string | null;
  addressEnc?: string | null;
  postcode?: string | null;
};

export interface ApplicantView {
  /** False: values are masked. */
  full: boolean;
  applicantType: string;
  applicantTypeLabel: string;
  isOrganisation: boolean;
  name: string;
  contactName: string;
  idType: string;
  idTypeLabel: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  postcode: string;
}

const opt = (ctx: Pick<AppContext, 'fieldCipher'>, v: string | null | undefined): string | null => (v ? ctx.fieldCipher.encrypt(v) : null);

export function encryptApplicant(ctx: Pick<AppContext, 'fieldCipher'>, p: ApplicantPlain): ApplicantColumns {
  return {
    applicantNameEnc: ctx.fieldCipher.encrypt(p.applicantName),
    contactNameEnc: opt(ctx, p.contactName),
    idNumberEnc: ctx.fieldCipher.encrypt(p.idNumber),
    idNumberBidx: ctx.fieldCipher.blindIndex(p.idNumber),
    phoneEnc: opt(ctx, p.phone),
    emailEnc: opt(ctx, p.email),
    addressEnc: opt(ctx, p.address),
  };
}

// A value that cannot be decrypted (key changed, row tampered) must not break the page.
const UNREADABLE = '（无法解密）';
function dec(ctx: Pick<AppContext, 'fieldCipher'>, v: string | null | undefined): string {
  if (!v) return '';
  try { return ctx.fieldCipher.decrypt(v); } catch { return UNREADABLE; }
}

/** The applicant as shown on a screen: masked unless `full` (callers decide `full` via revealApplicant). */
export function applicantView(ctx: Pick<AppContext, 'fieldCipher'>, row: ApplicantRow, full: boolean): ApplicantView {
  const org = isOrganisationApplicant(row.applicantType);
  const name = dec(ctx, row.applicantNameEnc);
  const contact = dec(ctx, row.contactNameEnc);
  const id = dec(ctx, row.idNumberEnc);
  const phone = dec(ctx, row.phoneEnc);
  const email = dec(ctx, row.emailEnc);
  const address = dec(ctx, row.addressEnc);
  const m = (v: string, f: (s: string) => string) => (full || v === UNREADABLE ? v : f(v));
  return {
    full,
    applicantType: row.applicantType,
    applicantTypeLabel: applicantTypeLabel(row.applicantType),
    isOrganisation: org,
    name: org ? name : m(name, maskName),
    contactName: m(contact, maskName),
    idType: row.idType,
    idTypeLabel: idTypeLabel(row.idType),
    idNumber: org && row.idType === 'uscc' ? id : m(id, maskIdNumber),
    phone: m(phone, maskPhone),
    email: m(email, maskEmail),
    address: m(address, maskAddress),
    postcode: row.postcode ?? '',
  };
}

/** May this user see the applicant of a case (org, handler) in full? Pure. */
export function mayReveal(user: Principal, c: { orgId: number; handlerId: number | null }): boolean {
  if (can(user, 'request.pii.reveal', { orgId: c.orgId })) return true;
  return c.handlerId != null && c.handlerId === user.id && can(user, 'request.handle', { orgId: c.orgId });
}

/** Full applicant data for the case's handler or the disclosure office; the view is audited. */
export async function revealApplicant(ctx: AppContext, actor: Principal, caseId: number, ip: string | null): Promise<(ApplicantView & { ok: true }) | Failure> {
  return withTx(ctx.db, async (tx) => {
    const row = await repo.applicantOf(tx, caseId);
    if (!row || !can(actor, 'request.read', { orgId: row.orgId })) return { ok: false as const, reason: 'not_found' as const, message: '申请不存在或您无权查看。' };
    if (!mayReveal(actor, row)) {
      return { ok: false as const, reason: 'forbidden' as const, message: '只有本申请的承办人或政务公开办可以查看申请人的完整信息。' };
    }
    // The audit row says who looked at whose case — never the data itself.
    await writeAudit(tx, { id: actor.id, name: actor.username, ip }, {
      action: 'request.pii_view', entityType: 'request_case', entityId: caseId, summary: { trackingNo: row.trackingNo },
    });
    return { ok: true as const, ...applicantView(ctx, row, true) };
  });
}
