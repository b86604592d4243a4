// Receiving applications (依申请公开): validation of the form (pure), the online submission, staff
// registration of offline applications (第29条 channels, 第31条 receipt dates) and confirming receipt
// of an online one. Every insert commits in one transaction with its event and audit row before the
// tracking number is shown: a number the server acknowledged is never lost.
import type { AppContext } from '../../app-context.ts';
import { withTx, type Executor } from '../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../platform/audit/index.ts';
import { validateChineseIdNumber, validateUscc } from '../../platform/validation/codes.ts';
import { parseDocNo } from '../../platform/text/index.ts';
import { can, type Principal } from '../auth/policy.ts';
import { formatDate } from '../portal/domain.ts';
import { isUniqueViolation } from '../org/repo.ts';
import {
  APPLICANT_TYPES, CHANNELS, DELIVERIES, FORMS, ID_TYPES, OFFLINE_CHANNELS,
  isApplicantType, isCaseKind, isChannel, isDelivery, isForm, isIdType, isOrganisationApplicant,
  type ApplicantType, type CaseKind, type Channel, type Delivery, type Form, type IdType,
} from './model.ts';
import { encryptApplicant, type Failure } from './pii.ts';
import { generateDocument } from './documents.ts';
import { recomputeCase } from './clock.ts';
import { DEFAULT_TRACKING_FORMAT, formatQueryCode, generateQueryCode, hashQueryCode, renderTrackingNo, validateTrackingFormat } from './tracking.ts';
import { enqueue } from '../../platform/jobs/index.ts';
import { receiptJob } from './jobs.ts';
import * as repo from './intake.repo.ts';
import { insertEvent } from './repo.ts';
import { queueChanged } from './queue-counts.ts';

export { findCaseByCode } from './tracking.ts';

// ---------------------------------------------------------------------------
// The form

/** Field names of the application form (HTML names, JSON keys and `fields` keys of errors), in the form's order. */
export const APPLICATION_FIELDS = [
  'orgId', 'kind', 'correctionDetail', 'applicantType', 'applicantName', 'contactName', 'idType', 'idNumber', 'phone', 'email',
  'address', 'postcode', 'infoDescription', 'infoDocNo', 'infoFeatures', 'forms', 'delivery',
  'feeWaiverReason',
] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];

/** What a form or JSON body gives: strings (forms: one string or a list). Unvalidated. */
export type ApplicationInput = Partial<Record<ApplicationField, unknown>>;

export interface Application {
  orgId: number;
  kind: CaseKind;
  applicantType: ApplicantType;
  applicantName: string;
  contactName: string | null;
  idType: IdType;
  idNumber: string;
  phone: string;
  email: string | null;
  address: string | null;
  postcode: string | null;
  infoDescription: string;
  infoDocNo: string | null;
  infoFeatures: string | null;
  correctionDetail: string | null;
  forms: Form[];
  delivery: Delivery;
  feeWaiverReason: string | null;
}

export type Validation = { ok: true; value: Application } | { ok: false; fields: Partial<Record<ApplicationField, string>> };

export const LIMITS = {
  applicantName: 100, contactName: 50, idNumber: 40, phone: 30, email: 100, address: 200, postcode: 6,
  infoDescription: 2000, infoDocNo: 60, infoFeatures: 1000, correctionDetail: 2000, feeWaiverReason: 500,
} as const;

/** Types of applicants that are organisations: the ID is a 统一社会信用代码 or another registration. */
const ORG_ID_TYPES: readonly IdType[] = ['uscc', 'other'];

// Control characters (other than line breaks in long texts) never belong in a form value.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu;

function text(raw: unknown, multiline = false): string {
  const s = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
  const t = s.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  return (multiline ? t : t.replace(/\s+/gu, ' ')).trim();
}
const len = (s: string) => Array.from(s).length;

export const MOBILE_RE = /^(?:\+?86)?1[3-9]\d{9}$/;
export const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;
export const EMAIL_RE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Mobile or landline (with area code), in a canonical form; null when neither. */
export function normalisePhone(raw: string): string | null {
  const s = raw.normalize('NFKC').replace(/[\s()（）]/g, (c) => (c === '(' || c === '（' ? '' : c === ')' || c === '）' ? '-' : '')).replace(/-+/g, '-');
  const digits = s.replace(/-/g, '');
  if (MOBILE_RE.test(digits)) return digits.replace(/^\+?86/, '');
  if (LANDLINE_RE.test(s)) return s;
  if (/^0\d{9,11}$/.test(digits)) return digits;
  return null;
}

/** A typed 文号 that looks like one ('…〔2024〕12号') is normalised; anything else is kept as typed. */
function docNoOf(raw: string, currentYear: number): string {
  if (!/[〔\[【(（［].*\d.*[〕\]】)）］]/.test(raw)) return raw;
  const p = parseDocNo(raw, currentYear);
  return p.ok ? p.normalised : raw;
}

function list(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.filter((x): x is string => typeof x === 'string').slice(0, 20);
  if (typeof raw === 'string' && raw !== '') return raw.split(',').slice(0, 20);
  return [];
}

/**
 * Pure validation of an application (online form, API, staff registration). `today` is the
 * Beijing date 'YYYY-MM-DD' (birth dates in ID numbers must not be later). Every problem is one
 * Chinese message on its field.
 */
export function validateApplication(raw: ApplicationInput, today: string): Validation {
  const f: Partial<Record<ApplicationField, string>> = {};
  const currentYear = Number(today.slice(0, 4));

  const orgText = text(raw.orgId);
  const orgId = /^\d{1,9}$/.test(orgText) ? Number(orgText) : 0;
  if (!orgText) f.orgId = '请选择受理申请的行政机关';
  else if (orgId <= 0) f.orgId = '受理机关无效，请从列表中选择';

  const kindText = text(raw.kind) || 'disclosure';
  if (!isCaseKind(kindText)) f.kind = '申请类型无效，请选择“政府信息公开申请”或“政府信息更正申请”';
  const kind: CaseKind = isCaseKind(kindText) ? kindText : 'disclosure';

  const typeText = text(raw.applicantType);
  if (!typeText) f.applicantType = '请选择申请人类型';
  else if (!isApplicantType(typeText)) f.applicantType = `申请人类型无效，应为${Object.values(APPLICANT_TYPES).join('、')}之一`;
  const applicantType: ApplicantType = isApplicantType(typeText) ? typeText : 'natural';
  const isOrg = isOrganisationApplicant(applicantType);

  const applicantName = text(raw.applicantName);
  if (!applicantName) f.applicantName = isOrg ? '请填写法人或其他组织的名称' : '请填写申请人姓名';
  else if (len(applicantName) > LIMITS.applicantName) f.applicantName = `${isOrg ? '名称' : '姓名'}不能超过 ${LIMITS.applicantName} 个字`;
  else if (!isOrg && len(applicantName) < 2 && !/^[A-Za-z]/.test(applicantName)) f.applicantName = '请填写完整的姓名';

  const contactName = text(raw.contactName);
  if (isOrg && !contactName) f.contactName = '请填写联系人姓名';
  else if (len(contactName) > LIMITS.contactName) f.contactName = `联系人姓名不能超过 ${LIMITS.contactName} 个字`;

  const idTypeText = text(raw.idType);
  let idType: IdType = isOrg ? 'uscc' : 'id_card';
  if (!idTypeText) f.idType = '请选择证件类型';
  else if (!isIdType(idTypeText)) f.idType = `证件类型无效，应为${Object.values(ID_TYPES).join('、')}之一`;
  else if (isOrg && !ORG_ID_TYPES.includes(idTypeText)) f.idType = '法人或其他组织请选择“统一社会信用代码”或“其他有效证件”';
  else if (!isOrg && idTypeText === 'uscc') f.idType = '自然人不能使用统一社会信用代码，请选择身份证件类型';
  else idType = idTypeText;

  let idNumber = text(raw.idNumber).normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!idNumber) f.idNumber = isOrg ? '请填写统一社会信用代码或其他证照号码' : '请填写证件号码';
  else if (len(idNumber) > LIMITS.idNumber) f.idNumber = `证件号码不能超过 ${LIMITS.idNumber} 个字符`;
  else if (!f.idType) {
    if (idType === 'id_card') {
      const r = validateChineseIdNumber(idNumber, today);
      if (!r.ok) f.idNumber = r.reason;
      else idNumber = r.normalised;
    } else if (idType === 'uscc') {
      const r = validateUscc(idNumber);
      if (!r.ok) f.idNumber = r.reason;
      else idNumber = r.normalised;
    } else if (!/^[A-Z0-9][A-Z0-9\-()（）/]{1,39}$/u.test(idNumber)) {
      f.idNumber = '证件号码应为 2 至 40 位字母、数字或“-”';
    }
  }

  const phoneText = text(raw.phone);
  let phone = '';
  if (!phoneText) f.phone = '请填写联系电话';
  else if (len(phoneText) > LIMITS.phone) f.phone = '联系电话过长';
  else {
    const p = normalisePhone(phoneText);
    if (!p) f.phone = '联系电话格式不正确，请填写 11 位手机号码，或带区号的固定电话（如 0793-5120030）';
    else phone = p;
  }

  const deliveryText = text(raw.delivery);
  if (!deliveryText) f.delivery = '请选择获取信息的途径';
  else if (!isDelivery(deliveryText)) f.delivery = `获取信息的途径无效，应为${Object.values(DELIVERIES).join('、')}之一`;
  const delivery: Delivery = isDelivery(deliveryText) ? deliveryText : 'post';

  const email = text(raw.email).normalize('NFKC');
  if (!email && delivery === 'email' && !f.delivery) f.email = '选择通过电子邮件获取信息时，请填写电子邮箱';
  else if (email && (len(email) > LIMITS.email || !EMAIL_RE.test(email))) f.email = '电子邮箱格式不正确，例如 zhangsan@example.com';

  const address = text(raw.address);
  if (!address && delivery === 'post' && !f.delivery) f.address = '选择邮寄时，请填写通信地址';
  else if (len(address) > LIMITS.address) f.address = `通信地址不能超过 ${LIMITS.address} 个字`;

  const postcode = text(raw.postcode).normalize('NFKC');
  if (postcode && !/^\d{6}$/.test(postcode)) f.postcode = '邮政编码应为 6 位数字';

  const infoDescription = text(raw.infoDescription, true);
  if (!infoDescription) f.infoDescription = kind === 'correction' ? '请填写需要更正的政府信息的名称或内容' : '请填写所需政府信息的名称或内容描述';
  else if (len(infoDescription) > LIMITS.infoDescription) f.infoDescription = `所需信息的描述不能超过 ${LIMITS.infoDescription} 个字（当前 ${len(infoDescription)} 个字）`;
  else if (len(infoDescription) < 4) f.infoDescription = '描述过短，请写明所需信息的名称、文号或其他特征，便于查找';

  const docNoText = text(raw.infoDocNo);
  if (len(docNoText) > LIMITS.infoDocNo) f.infoDocNo = `文号不能超过 ${LIMITS.infoDocNo} 个字符`;

  const infoFeatures = text(raw.infoFeatures, true);
  if (len(infoFeatures) > LIMITS.infoFeatures) f.infoFeatures = `其他特征描述不能超过 ${LIMITS.infoFeatures} 个字`;

  // Only a correction request has a correction: for any other kind the field is ignored (the form hides it).
  const correctionDetail = kind === 'correction' ? text(raw.correctionDetail, true) : '';
  if (kind === 'correction' && !correctionDetail) f.correctionDetail = '更正申请请写明信息中不准确的内容及要求更正的内容，并提供相关证据';
  else if (len(correctionDetail) > LIMITS.correctionDetail) f.correctionDetail = `更正内容不能超过 ${LIMITS.correctionDetail} 个字`;

  const formsRaw = list(raw.forms).map((x) => x.trim()).filter(Boolean);
  const forms = [...new Set(formsRaw)];
  if (forms.length === 0) f.forms = '请至少选择一种获取信息的方式';
  else if (!forms.every(isForm)) f.forms = `获取信息的方式无效，应为${Object.values(FORMS).join('、')}`;

  const feeWaiverReason = text(raw.feeWaiverReason, true);
  if (len(feeWaiverReason) > LIMITS.feeWaiverReason) f.feeWaiverReason = `减免费用的理由不能超过 ${LIMITS.feeWaiverReason} 个字`;

  if (Object.keys(f).length > 0) return { ok: false, fields: f };
  return {
    ok: true,
    value: {
      orgId, kind, applicantType, applicantName, contactName: contactName || null, idType, idNumber, phone,
      email: email || null, address: address || null, postcode: postcode || null, infoDescription,
      infoDocNo: docNoText ? docNoOf(docNoText, currentYear) : null, infoFeatures: infoFeatures || null,
      correctionDetail: kind === 'correction' ? correctionDetail : null, forms: forms as Form[], delivery,
      feeWaiverReason: feeWaiverReason || null,
    },
  };
}

// ---------------------------------------------------------------------------
// Repeated applications (informational for staff: never a refusal)

function bigrams(s: string): Set<string> {
  const t = s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  const chars = Array.from(t);
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient over character bigrams (works for Chinese without word segmentation). 0…1. */
export function descriptionSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}
export const DUPLICATE_THRESHOLD = 0.6;

async function findDuplicate(tx: Executor, bidx: string, description: string, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - 183 * 86400_000);
  for (const row of await repo.selectRecentByIdentity(tx, bidx, since.toISOString())) {
    if (descriptionSimilarity(row.d, description) >= DUPLICATE_THRESHOLD) return row.id;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Use cases

export type IntakeResult =
  | { ok: true; caseId: number; trackingNo: string; queryCode: string }
  | { ok: false; fields: Record<string, string>; message: string; reason: Failure['reason'] };

/** Organisation kinds that receive applications: the government, its departments, towns and zones. */
export const ACCEPTING_ORG_KINDS = ['government', 'department', 'town', 'zone'] as const;

export type { AcceptingOrg } from './intake.repo.ts';

/** Organisations an applicant can choose (active, of an accepting kind), in the tree's order. */
export function listAcceptingOrgs(db: Executor): Promise<repo.AcceptingOrg[]> {
  return repo.selectAcceptingOrgs(db, ACCEPTING_ORG_KINDS);
}

const todayIn = (ctx: Pick<AppContext, 'now'>) => formatDate(ctx.now());
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
function isRealDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const APPLICANT_ACTOR = (ip: string | null): Actor => ({ id: null, name: '申请人', ip });
const staffActor = (p: Principal, ip: string | null): Actor => ({ id: p.id, name: p.username, ip });

interface InsertPlan {
  value: Application;
  channel: Channel;
  status: 'submitted' | 'handling';
  receivedOn: string | null;
  receiptBasis: string | null;
  createdBy: number | null;
  actor: Actor;
  eventType: 'submitted' | 'registered';
  publicNote: string;
  note: string | null;
}

async function insertCase(ctx: AppContext, plan: InsertPlan): Promise<IntakeResult> {
  const queryCode = generateQueryCode();
  const queryCodeHash = await hashQueryCode(queryCode);
  const today = todayIn(ctx);
  const year = Number(today.slice(0, 4));
  let result: IntakeResult;
  try {
    result = await withTx(ctx.db, async (tx) => {
      await repo.requireSynchronousCommit(tx);
      const o = await repo.selectIntakeOrg(tx, plan.value.orgId);
      if (!o || !o.active || !(ACCEPTING_ORG_KINDS as readonly string[]).includes(o.kind)) {
        return { ok: false as const, reason: 'invalid' as const, message: '提交的内容有误，请按提示修改后重新提交。', fields: { orgId: '该机关不受理政府信息公开申请，请从列表中选择' } };
      }
      const format = o.tracking_format && validateTrackingFormat(o.tracking_format) === null ? o.tracking_format : DEFAULT_TRACKING_FORMAT;
      const seq = await repo.nextTrackingSeq(tx, Number(o.id), year);
      const trackingNo = renderTrackingNo(format, { year, orgId: Number(o.id), orgCode: o.org_code, seq });
      const v = plan.value;
      const enc = encryptApplicant(ctx, v);
      const duplicateOf = await findDuplicate(tx, enc.idNumberBidx, v.infoDescription, ctx.now());
      const ruleSet = o.rule_set || '条例2019';
      const caseId = await repo.insertCaseRow(tx, {
        trackingNo, year, seq, queryCodeHash, kind: v.kind, orgId: Number(o.id), channel: plan.channel, status: plan.status, ruleSet,
        applicantType: v.applicantType, idType: v.idType, ...enc, postcode: v.postcode, infoDescription: v.infoDescription, infoDocNo: v.infoDocNo,
        infoFeatures: v.infoFeatures, correctionDetail: v.correctionDetail, forms: v.forms, delivery: v.delivery, feeWaiverReason: v.feeWaiverReason,
        submittedAt: ctx.now().toISOString(), receivedOn: plan.receivedOn, receiptBasis: plan.receiptBasis, duplicateOfId: duplicateOf, createdBy: plan.createdBy,
      });
      await insertEvent(tx, {
        caseId, type: plan.eventType, occurredOn: plan.receivedOn ?? today, data: { channel: plan.channel, receiptBasis: plan.receiptBasis },
        publicNote: plan.publicNote, note: plan.note, actorId: plan.actor.id ?? null, actorName: plan.actor.name,
      });
      if (plan.receivedOn) await recomputeCase(tx, ctx, caseId, plan.eventType === 'registered' ? '登记申请，开始计算答复期限' : '确认收到申请');
      await writeAudit(tx, plan.actor, {
        action: plan.eventType === 'submitted' ? 'request.submit' : 'request.register', entityType: 'request_case', entityId: caseId,
        // No personal data in the audit log: type and channel only.
        summary: { trackingNo, orgId: Number(o.id), kind: v.kind, channel: plan.channel, applicantType: v.applicantType, receivedOn: plan.receivedOn, duplicateOf },
      });
      // The 登记回执 is built by a job queued in this transaction, not here: building a .docx while
      // holding the organisation's number counter and the audit chain's lock serialised every
      // submission (docs/PERFORMANCE.md), and a receipt built after the commit was lost in a crash.
      await enqueue(tx, receiptJob, { caseId, actor: { id: plan.actor.id ?? null, name: plan.actor.name } });
      return { ok: true as const, caseId, trackingNo, queryCode: formatQueryCode(queryCode) };
    });
  } catch (e) {
    // A format change can make a new number collide with an old one: refuse, never a 500.
    if (isUniqueViolation(e, 'request_cases_tracking_no_uq')) {
      return { ok: false, reason: 'conflict', message: '生成的受理编号与已有编号重复，请稍后重试或联系政务公开办检查受理编号格式。', fields: {} };
    }
    throw e;
  }
  // Committed: a new case in the queue's tab counts.
  if (result.ok) queueChanged();
  return result;
}

/**
 * The case's 登记回执 (.docx, visible to the applicant on the tracking page): generated once; later
 * calls return the existing one. Run by the requests.receipt job, and by the download when the job has not run yet.
 */
export async function ensureReceipt(ctx: AppContext, caseId: number, actor: Actor = { id: null, name: '系统' }): Promise<{ documentId: number } | null> {
  return withTx(ctx.db, async (tx) => {
    const c = await repo.lockCaseForReceipt(tx, caseId);
    if (!c.exists) return null;
    if (c.receiptId !== null) return { documentId: c.receiptId };
    const d = await generateDocument(tx, ctx, { caseId, kind: 'receipt', actor, visibleToApplicant: true });
    return { documentId: d.documentId };
  });
}

function invalid(fields: Record<string, string>, message = '提交的内容有误，请按提示修改后重新提交。'): IntakeResult {
  return { ok: false, reason: 'invalid', message, fields };
}

/**
 * Online application (public form or API). Status 'submitted', no receipt date yet: for online
 * applications the receipt date is the day staff confirm it (第31条第三项), see confirmReceipt.
 */
export async function submitApplication(ctx: AppContext, input: ApplicationInput, meta: { ip: string | null }): Promise<IntakeResult> {
  const v = validateApplication(input, todayIn(ctx));
  if (!v.ok) return invalid(v.fields as Record<string, string>);
  return insertCase(ctx, {
    value: v.value, channel: 'online', status: 'submitted', receivedOn: null, receiptBasis: null, createdBy: null,
    actor: APPLICANT_ACTOR(meta.ip), eventType: 'submitted',
    publicNote: '申请已通过网上申请平台提交，待工作人员确认收到。确认之日为收到申请之日，答复期限自该日起计算。', note: null,
  });
}

export interface OfflineInput extends ApplicationInput {
  channel?: unknown;
  /** 当面/口头: the day of submission (default today); 挂号信: signed-for date; 平信/传真/电子邮件: confirmation date. */
  receivedOn?: unknown;
  /** Optional note on how the date was established (e.g. the registered-mail number). */
  receiptBasis?: unknown;
}

/** Receipt date of an offline application by the 第31条 rule of its channel. Pure. */
export function offlineReceiptDate(channel: Channel, raw: string, today: string): { ok: true; date: string } | { ok: false; message: string } {
  const s = raw.trim();
  const sameDay = channel === 'in_person' || channel === 'oral';
  if (!s) {
    if (sameDay) return { ok: true, date: today };
    const what = channel === 'registered_mail' ? '签收日期' : '与申请人确认的日期';
    return { ok: false, message: `${CHANNELS[channel].label}须填写${what}（${CHANNELS[channel].receipt}）` };
  }
  if (!isRealDate(s)) return { ok: false, message: '收到申请日期格式不正确，应为“年-月-日”，如 2026-03-02' };
  if (s > today) return { ok: false, message: '收到申请日期不能晚于今天' };
  if (s < `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`) return { ok: false, message: '收到申请日期不能早于一年前，请核对' };
  return { ok: true, date: s };
}

/** Staff register an application received in person, by post, fax, e-mail or orally (第29条). Status 'handling', clock started. */
export async function registerOffline(ctx: AppContext, actor: Principal, input: OfflineInput, meta: { ip?: string | null } = {}): Promise<IntakeResult> {
  const today = todayIn(ctx);
  const v = validateApplication(input, today);
  const fields: Record<string, string> = v.ok ? {} : { ...(v.fields as Record<string, string>) };
  const channelText = text(input.channel);
  const channel: Channel | null = isChannel(channelText) && channelText !== 'online' ? channelText : null;
  if (!channel) fields.channel = `请选择申请方式（${OFFLINE_CHANNELS.map((c) => CHANNELS[c].label).join('、')}）`;
  let receivedOn = '';
  if (channel) {
    const r = offlineReceiptDate(channel, text(input.receivedOn), today);
    if (r.ok) receivedOn = r.date; else fields.receivedOn = r.message;
  }
  const note = text(input.receiptBasis);
  if (len(note) > 200) fields.receiptBasis = '收到日期说明不能超过 200 个字';
  const orgId = v.ok ? v.value.orgId : Number(text(input.orgId)) || 0;
  if (!fields.orgId && orgId > 0 && !can(actor, 'request.register', { orgId })) {
    return { ok: false, reason: 'forbidden', message: '您没有为该机关登记申请的权限。', fields: { ...fields, orgId: '您没有为该机关登记申请的权限，请选择本机关' } };
  }
  if (!v.ok || !channel || Object.keys(fields).length > 0) return invalid(fields);
  const basis = `${CHANNELS[channel].label}：${CHANNELS[channel].receipt}${note ? `；${note}` : ''}`;
  return insertCase(ctx, {
    value: v.value, channel, status: 'handling', receivedOn, receiptBasis: basis, createdBy: actor.id,
    actor: staffActor(actor, meta.ip ?? null), eventType: 'registered',
    publicNote: `已登记您的申请（${CHANNELS[channel].label}），收到申请之日为 ${receivedOn}。`,
    note: channel === 'oral' ? '口头提出申请，由工作人员代为填写（第二十九条第一款），已经申请人确认。' : null,
  });
}

/**
 * Staff confirm that an online application was received (第31条第三项: the date both sides confirm).
 * The date lies between the submission date and today. Starts the clock.
 */
export async function confirmReceipt(ctx: AppContext, actor: Principal, caseId: number, receivedOn: string, opts: { ip?: string | null; version?: number } = {}): Promise<{ ok: true } | Failure> {
  const today = todayIn(ctx);
  const date = text(receivedOn) || today;
  const r = await withTx(ctx.db, async (tx) => {
    const c = await repo.lockCaseForReceive(tx, caseId);
    if (!c || !can(actor, 'request.read', { orgId: c.org_id })) return { ok: false as const, reason: 'not_found' as const, message: '申请不存在或您无权查看。' };
    if (!can(actor, 'request.register', { orgId: c.org_id })) return { ok: false as const, reason: 'forbidden' as const, message: '您没有确认收到该机关申请的权限。' };
    if (opts.version != null && opts.version !== Number(c.version)) {
      return { ok: false as const, reason: 'conflict' as const, message: '该申请已被他人修改，请刷新页面后重新操作。' };
    }
    if (c.status !== 'submitted') return { ok: false as const, reason: 'conflict' as const, message: '该申请已确认收到，不能重复确认。' };
    const submittedOn = formatDate(new Date(c.submitted_at));
    const bad = (m: string) => ({ ok: false as const, reason: 'invalid' as const, message: m, fields: { receivedOn: m } });
    if (!isRealDate(date)) return bad('收到申请日期格式不正确，应为“年-月-日”，如 2026-03-02');
    if (date > today) return bad('收到申请日期不能晚于今天');
    if (date < submittedOn) return bad(`收到申请日期不能早于申请提交日期（${submittedOn}）`);
    const basis = `${CHANNELS.online.label}：${CHANNELS.online.receipt}`;
    await repo.markReceived(tx, caseId, date, basis);
    const a = staffActor(actor, opts.ip ?? null);
    await insertEvent(tx, {
      caseId, type: 'received', occurredOn: date, data: { receiptBasis: basis },
      publicNote: `已确认收到您的申请，收到申请之日为 ${date}，答复期限自该日起计算。`, actorId: a.id ?? null, actorName: a.name,
    });
    await writeAudit(tx, a, { action: 'request.receive', entityType: 'request_case', entityId: caseId, summary: { trackingNo: c.tracking_no, receivedOn: date } });
    await recomputeCase(tx, ctx, caseId, '确认收到网上申请，开始计算答复期限');
    return { ok: true as const };
  });
  if (r.ok) queueChanged(); // committed: 待确认 → 办理中 in the queue's tab counts
  return r;
}
