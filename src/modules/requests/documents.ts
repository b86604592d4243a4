// Generated notices and replies of on-request disclosure: the organisation's (or the default, or
// the built-in) template filled with the case data, written as a .docx by the GB/T 9704 writer of
// platform/documents, stored encrypted in the file store and attached to the case — all inside the
// caller's transaction.
import type { AppContext } from '../../app-context.ts';
import { writeAudit, type Actor } from '../../platform/audit/index.ts';
import { withTx, type Executor, type Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { writeOfficialDocument, type OfficialDocument } from '../../platform/documents/index.ts';
import { MIME } from '../../platform/files/sniff.ts';
import { getFile, storePersonalFile } from '../../platform/files/store.ts';
import { formatDate } from '../portal/domain.ts';
import { can, type Principal } from '../auth/policy.ts';
import { mayReveal } from './pii.ts';
import {
  CHANNELS, DELIVERIES, DOCUMENT_KINDS, FORMS, GENERATED_KINDS, channelLabel, isChannel,
  type DocumentKind,
} from './model.ts';
import * as repo from './documents.repo.ts';
import {
  BLANK, PLACEHOLDERS, SAMPLE_VARS, TEMPLATE_KEYS, basisFor, chineseDate, defaultTemplate, isPlaceholder, normaliseBody,
  renderTemplate, templateKeyFor, templateKeyInfo, validateTemplate,
  type Rendered, type Template, type TemplateErrors, type Vars,
} from './templates.ts';

export { renderTemplate, BLANK, PLACEHOLDERS };
export type { Rendered, Template, Vars };

// --- .docx: a rendered notice as a 公文 of platform/documents ------------------------------------

export interface DocxInput {
  title: string;
  paragraphs: string[];
  /** The header line, e.g. "受理编号：2026-YXJTJ-00017". */
  header?: string;
  signature?: { org: string; date: string };
  /** Document properties. */
  creator?: string;
}

/** A greeting line (称谓): the first paragraph ending with a colon is the 主送 (addressee), flush left. */
const isSalutation = (text: string) => /[：:]$/.test(text) && text.length <= 60;

/** A notice as an official document: title, addressee, body, sealed signature, the tracking number on every page. */
export function noticeDocument(d: DocxInput): OfficialDocument {
  const first = d.paragraphs.findIndex((p) => p.trim() !== '');
  const addressee = first >= 0 && isSalutation(d.paragraphs[first]) ? d.paragraphs[first] : undefined;
  return {
    title: d.title,
    addressee,
    body: addressee === undefined ? d.paragraphs : d.paragraphs.slice(first + 1),
    signature: d.signature ? { ...d.signature, seal: true } : undefined,
    runningHeader: d.header,
    meta: { creator: d.creator, description: d.header ?? d.title },
  };
}

/** Builds the .docx bytes: A4, 公文 fonts and sizes, header with the tracking number, page numbers. */
export async function buildDocx(d: DocxInput): Promise<Buffer> {
  return writeOfficialDocument(noticeDocument(d));
}

// --- templates: resolution, editing ---------------------------------------------------------------

export type TemplateSource = 'org' | 'default' | 'builtin';
export interface ResolvedTemplate extends Template {
  key: string;
  source: TemplateSource;
  /** request_templates.id (null for the built-in text). */
  id: number | null;
  version: number | null;
  orgId: number | null;
  updatedAt: string | null;
  updatedByName: string | null;
}

/** The organisation's newest active template → the default for all → the built-in text. */
export async function resolveTemplate(db: Executor, key: string, orgId: number | null): Promise<ResolvedTemplate> {
  const builtin = defaultTemplate(key);
  if (!builtin) throw new AppError('not_found', '没有这种文书模板。');
  const row = (orgId !== null ? await repo.selectActiveTemplate(db, key, orgId) : undefined) ?? await repo.selectActiveTemplate(db, key, null);
  if (row) {
    return {
      key, title: row.title, body: row.body, source: row.orgId === null ? 'default' : 'org', id: Number(row.id),
      version: row.version, orgId: row.orgId, updatedAt: row.createdAt, updatedByName: row.updatedByName,
    };
  }
  return { key, ...builtin, source: 'builtin', id: null, version: null, orgId: null, updatedAt: null, updatedByName: null };
}

/** resolveTemplate for every template key at once (the list page): one query. */
export async function resolveAllTemplates(db: Executor, orgId: number | null): Promise<Map<string, ResolvedTemplate>> {
  const rows = await repo.selectActiveTemplates(db, orgId);
  const out = new Map<string, ResolvedTemplate>();
  for (const info of TEMPLATE_KEYS) {
    const mine = rows.filter((r) => r.kind === info.key);
    const row = (orgId !== null ? mine.find((r) => r.orgId === orgId) : undefined) ?? mine.find((r) => r.orgId === null);
    const builtin = defaultTemplate(info.key)!;
    out.set(info.key, row
      ? { key: info.key, title: row.title, body: row.body, source: row.orgId === null ? 'default' : 'org', id: Number(row.id), version: row.version, orgId: row.orgId, updatedAt: row.createdAt, updatedByName: row.updatedByName }
      : { key: info.key, ...builtin, source: 'builtin', id: null, version: null, orgId: null, updatedAt: null, updatedByName: null });
  }
  return out;
}

export type SaveResult = { ok: true; id: number; version: number; unchanged?: boolean } | { ok: false; errors: TemplateErrors };

/** Saves an edited template as a new version (earlier versions kept, inactive), with its audit row. */
export async function saveTemplate(ctx: Pick<AppContext, 'db'>, actor: Actor, input: { key: string; orgId: number | null; title: string; body: string }): Promise<SaveResult> {
  if (!templateKeyInfo(input.key)) throw new AppError('not_found', '没有这种文书模板。');
  const title = input.title.trim();
  const body = normaliseBody(input.body);
  const errors = validateTemplate({ title, body });
  if (errors.title || errors.body) return { ok: false, errors };
  return withTx(ctx.db, async (tx) => {
    await repo.lockTemplateSlot(tx, input.key, input.orgId);
    // Saving the text already in force for this scope adds no version.
    const current = await repo.selectActiveTemplate(tx, input.key, input.orgId);
    if (current && current.title === title && current.body === body) return { ok: true as const, id: Number(current.id), version: current.version, unchanged: true };
    const version = await repo.nextTemplateVersion(tx, input.key, input.orgId);
    await repo.deactivateTemplates(tx, input.key, input.orgId);
    const id = await repo.insertTemplate(tx, { key: input.key, orgId: input.orgId, title, body, version, userId: actor.id });
    await writeAudit(tx, actor, {
      action: 'request.template.save', entityType: 'request_template', entityId: id,
      summary: { kind: input.key, orgId: input.orgId, version, title, bodyChars: body.length },
    });
    return { ok: true as const, id, version };
  });
}

/**
 * Stops using the saved versions of (kind, organisation): the next level applies again (the
 * default for all, then the built-in text). Nothing is deleted.
 */
export async function restoreTemplate(ctx: Pick<AppContext, 'db'>, actor: Actor, input: { key: string; orgId: number | null }): Promise<{ deactivated: number }> {
  if (!templateKeyInfo(input.key)) throw new AppError('not_found', '没有这种文书模板。');
  return withTx(ctx.db, async (tx) => {
    await repo.lockTemplateSlot(tx, input.key, input.orgId);
    const n = await repo.deactivateTemplates(tx, input.key, input.orgId);
    if (n > 0) {
      await writeAudit(tx, actor, { action: 'request.template.restore', entityType: 'request_template', entityId: null, summary: { kind: input.key, orgId: input.orgId } });
    }
    return { deactivated: n };
  });
}

/** A template (saved or being edited) filled with sample data and the organisation's own details. */
export async function renderTemplatePreview(ctx: Pick<AppContext, 'db' | 'now'>, input: { key: string; title: string; body: string; orgId: number | null }): Promise<{ rendered: Rendered; docx: Buffer; name: string }> {
  const vars: Record<string, string> = { ...SAMPLE_VARS, 日期: chineseDate(formatDate(ctx.now())) ?? '', 法律依据: basisFor(input.key) };
  if (input.orgId !== null) Object.assign(vars, orgVars(await repo.selectOrgChain(ctx.db, input.orgId)));
  const rendered = renderTemplate({ title: input.title, body: input.body }, vars);
  const docx = await buildDocx({ title: rendered.title, paragraphs: rendered.paragraphs, signature: rendered.signature, header: `受理编号：${vars.受理编号}（示例）`, creator: vars.机关名称 });
  return { rendered, docx, name: fileName(`${rendered.title}（预览）`, 'preview') };
}

// --- case documents --------------------------------------------------------------------------------

export interface GenerateInput {
  caseId: number;
  kind: DocumentKind;
  /** Values for the placeholders (caller's wins over the case's). Unknown names are ignored. */
  vars?: Record<string, string>;
  actor: Actor;
  visibleToApplicant?: boolean;
  /** Which reply: an OUTCOMES code or an ANSWER_KINDS code (correction replies: a CORRECTION_OUTCOMES code).
   *  Default: the case's answer_kind, else its outcome. */
  variant?: string;
}

function orgVars(chain: repo.OrgInfo[]): Record<string, string> {
  const [org, ...up] = chain;
  if (!org) return {};
  // Reconsideration of a department's or a town's decision goes to the government above it; of a
  // county government's own decision, to the government one level up (行政复议法第二十四条).
  const gov = up.find((o) => o.kind === 'government');
  const out: Record<string, string> = { 机关名称: org.name, 复议机关: gov?.name ?? '上一级人民政府' };
  if (org.address) out.机关地址 = org.address;
  const phone = org.phone ?? up.find((o) => o.phone)?.phone;
  if (phone) out.机关电话 = phone;
  return out;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
const pick = (o: Record<string, unknown> | undefined, ...keys: string[]): string | null => {
  if (!o) return null;
  for (const k of keys) { const v = str(o[k]); if (v) return v; }
  return null;
};
const asDate = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? chineseDate(v) : v);

/** Withheld parts of a 部分公开 reply: a list of {part, reason} (or strings) → one numbered line each. */
function withheldLines(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (!Array.isArray(v)) return null;
  const lines = v.map((x, i) => {
    if (typeof x === 'string') return `${i + 1}. ${x}`;
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const part = pick(o, 'part', 'content', 'item', '内容');
      const reason = pick(o, 'reason', 'basis', '理由');
      return `${i + 1}. ${part ?? BLANK}：${reason ?? BLANK}`;
    }
    return null;
  }).filter((x): x is string => !!x);
  return lines.length ? lines.join('\n') : null;
}

/** A value the letter quotes inside “…”。: its own closing punctuation goes (no “…。”。). */
export function quoted(text: string): string {
  return text.trim().replace(/[。．.；;，,、！!？?\s]+$/u, '');
}

/** The standard values of a case: applicant, dates, the ledger's due date, the organisation, the outcome details. */
async function caseVars(tx: Executor, ctx: Pick<AppContext, 'fieldCipher' | 'now'>, c: repo.DocCaseRow, key: string): Promise<Record<string, string>> {
  const v: Record<string, string> = {};
  const set = (k: string, val: string | null | undefined) => { if (val) v[k] = val; };
  // The letter is addressed to the applicant, so the full name is right here (never in the audit row).
  set('申请人', ctx.fieldCipher.decrypt(c.applicantNameEnc));
  set('受理编号', c.trackingNo);
  set('申请日期', chineseDate(c.submittedAt));
  set('收到日期', chineseDate(c.receivedOn));
  set('收到日期说明', c.receiptBasis ?? (isChannel(c.channel) ? CHANNELS[c.channel].receipt : null));
  set('申请方式', channelLabel(c.channel));
  const info = [quoted(c.infoDescription), c.infoDocNo ? `（文号：${c.infoDocNo.trim()}）` : ''].join('');
  set('所需信息', info);
  set('获取形式', (c.forms ?? []).map((f) => (Object.hasOwn(FORMS, f) ? FORMS[f as keyof typeof FORMS] : f)).join('、'));
  set('获取途径', Object.hasOwn(DELIVERIES, c.delivery) ? DELIVERIES[c.delivery as keyof typeof DELIVERIES] : c.delivery);
  set('答复期限', chineseDate(c.statutoryDueOn));
  set('更正内容', c.correctionDetail ? quoted(c.correctionDetail) : null);
  set('日期', chineseDate(formatDate(ctx.now())));
  set('法律依据', basisFor(key));
  Object.assign(v, orgVars(await repo.selectOrgChain(tx, c.orgId)));

  // The latest clock events carry the dates and details of the notices (written by the handling use cases).
  const ev = new Map((await repo.latestEvents(tx, c.id)).map((e) => [e.type, e]));
  const cs = ev.get('correction_sent')?.data;
  set('补正内容', pick(cs, 'items', 'content', 'what', 'note', '补正内容'));
  set('补正期限', asDate(pick(cs, 'deadline', 'until', 'due', '补正期限')));
  const ext = (ev.get('extension_approved') ?? ev.get('extension_requested'))?.data;
  set('延期天数', pick(ext, 'days', '延期天数'));
  set('延期理由', pick(ext, 'reason', '延期理由'));
  // After an approved extension the recomputed statutory due date is the extended one.
  set('延长后期限', asDate(pick(ext, 'newDue', 'due', 'until', '延长后期限')) ?? (key === 'extension_notice' ? chineseDate(c.statutoryDueOn) : null));
  const fee = ev.get('fee_notice')?.data;
  set('费用', pick(fee, 'yuan', 'amount', 'fee', '费用'));
  set('计费说明', pick(fee, 'explanation', 'method', 'detail', '计费说明'));
  set('缴费期限', asDate(pick(fee, 'deadline', 'until', 'due', '缴费期限')));
  set('缴费方式', pick(fee, 'payment', 'how', '缴费方式'));
  const pause = ev.get('pause_start')?.data;
  if (pause) {
    const party = pick(pause, 'party', 'thirdParty', 'agency', 'to', 'name');
    if (pause.reason === 'inter_agency') set('征求意见机关', party); else set('第三方', party);
    set('征求意见期限', asDate(pick(pause, 'deadline', 'until', 'due', '征求意见期限')));
  }

  const d = c.outcomeDetail && typeof c.outcomeDetail === 'object' && !Array.isArray(c.outcomeDetail) ? c.outcomeDetail as Record<string, unknown> : undefined;
  if (d) {
    set('不予公开部分', withheldLines(d.withheld ?? d.不予公开部分));
    set('获取方式', pick(d, 'where', 'how', 'access', '获取方式'));
    set('提供内容', pick(d, 'provided', 'items', '提供内容'));
    set('负责机关', pick(d, 'agency', 'competentAgency', '负责机关'));
    set('联系方式', pick(d, 'contact', 'agencyContact', '联系方式'));
    set('原答复情况', pick(d, 'previous', 'previousReply', '原答复情况'));
    set('说明', pick(d, 'text', 'explanation', 'reason', 'note', '说明'));
    // Anything else already named like a placeholder is taken as is.
    for (const [k, val] of Object.entries(d)) if (isPlaceholder(k) && !v[k]) set(k, str(val));
  }
  return v;
}

/** A safe download name: the title and the tracking number, no path or reserved characters. */
function fileName(title: string, trackingNo: string): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, '').slice(0, 60);
  return `${clean(title) || '文书'}-${clean(trackingNo)}.docx`;
}

/**
 * Generates a notice or reply of a case as .docx inside the caller's transaction: resolves the
 * template, fills it with the case data and the caller's values, stores the file, attaches it to
 * the case (request_documents + a timeline entry) and writes the audit row (no personal data).
 */
export async function generateDocument(
  tx: Tx, ctx: Pick<AppContext, 'fieldCipher' | 'now'>, input: GenerateInput,
): Promise<{ documentId: number; fileId: number; name: string }> {
  if (!GENERATED_KINDS.includes(input.kind)) throw new AppError('bad_request', `“${DOCUMENT_KINDS[input.kind] ?? input.kind}”不是由模板生成的文书。`);
  const c = await repo.selectCaseForDocument(tx, input.caseId);
  if (!c) throw new AppError('not_found', '该申请不存在。');
  const variant = input.variant ?? (input.kind === 'reply' ? c.answerKind ?? c.outcome : input.kind === 'correction_reply' ? c.outcome : null);
  const key = templateKeyFor(input.kind, variant);
  if (!key) throw new AppError('validation_failed', input.kind === 'correction_reply' ? '尚未确定更正申请的处理结果，无法生成答复书。' : '尚未确定答复类型（处理结果），无法生成答复告知书。');
  const tpl = await resolveTemplate(tx, key, c.orgId);
  const vars: Record<string, string> = await caseVars(tx, ctx, c, key);
  for (const [k, val] of Object.entries(input.vars ?? {})) if (isPlaceholder(k) && typeof val === 'string' && val.trim()) vars[k] = val.trim();
  const rendered = renderTemplate(tpl, vars);
  const bytes = await buildDocx({
    title: rendered.title, paragraphs: rendered.paragraphs, signature: rendered.signature,
    header: `受理编号：${c.trackingNo}`, creator: vars.机关名称,
  });
  const name = fileName(rendered.title, c.trackingNo);
  // Sealed, and no text copy: a notice names the applicant.
  const fileId = await storePersonalFile(tx, ctx.fieldCipher, bytes, 'docx', MIME.docx);
  const documentId = await repo.insertDocument(tx, {
    caseId: c.id, fileId, kind: input.kind, name, visibleToApplicant: input.visibleToApplicant ?? false,
    templateId: tpl.id, createdBy: input.actor.id,
  });
  const today = formatDate(ctx.now());
  await repo.insertDocumentEvent(tx, {
    caseId: c.id, occurredOn: today, actorId: input.actor.id, actorName: input.actor.name,
    data: { documentId, kind: input.kind, template: key, name },
  });
  await writeAudit(tx, input.actor, {
    action: 'request.document.generate', entityType: 'request_case', entityId: c.id,
    summary: { documentId, fileId, kind: input.kind, template: key, templateId: tpl.id, templateSource: tpl.source, missing: rendered.missing },
  });
  return { documentId, fileId, name };
}

/** A case document's bytes, opened (tests and internal use; downloads go through the audited functions below). */
export async function documentBytes(ctx: Pick<AppContext, 'db' | 'fieldCipher'>, documentId: number): Promise<{
  id: number; caseId: number; kind: string; name: string; mime: string; size: number; visibleToApplicant: boolean; bytes: Buffer;
} | undefined> {
  if (!Number.isSafeInteger(documentId) || documentId <= 0 || documentId > 2_147_483_647) return undefined;
  const r = await repo.selectDocument(ctx.db, documentId);
  const file = r ? await getFile(ctx.db, r.fileId, ctx.fieldCipher) : undefined;
  if (!r || !file) return undefined;
  return { id: r.id, caseId: r.caseId, kind: r.kind, name: r.name, mime: file.mime, size: file.size, visibleToApplicant: r.visibleToApplicant, bytes: file.data };
}

// --- downloads: every case document is personal data ------------------------------------------------

export interface Download { ok: true; name: string; mime: string; bytes: Buffer }
export type DownloadRefusal = { ok: false; reason: 'not_found' | 'forbidden'; message: string };

/**
 * A staff download of a case document (notice, reply, the applicant's upload): a full view of the
 * applicant's personal data, so the same rule as revealing it (mayReveal) and the same audit row
 * (request.pii_view, naming the document), written in the transaction that reads the file. Those
 * who may only see masked data are refused: a masked copy is not offered, since the applicant's
 * own words (所需信息, 更正内容) and uploads may hold personal data no mask can find.
 */
export async function downloadForStaff(
  ctx: Pick<AppContext, 'db' | 'fieldCipher'>, user: Principal, caseId: number, documentId: number, ip: string | null,
): Promise<Download | DownloadRefusal> {
  return withTx(ctx.db, async (tx) => {
    const c = await repo.selectCaseAccess(tx, caseId);
    if (!c || !can(user, 'request.read', { orgId: c.orgId })) return { ok: false as const, reason: 'not_found' as const, message: '申请不存在或您无权查看。' };
    const doc = await repo.selectCaseDocument(tx, caseId, documentId);
    if (!doc) return { ok: false as const, reason: 'not_found' as const, message: '该文书不存在。' };
    if (!mayReveal(user, c)) {
      return { ok: false as const, reason: 'forbidden' as const, message: '文书和申请人提交的材料含有申请人的完整个人信息，只有本申请的承办人或政务公开办可以下载。' };
    }
    const file = await getFile(tx, doc.fileId, ctx.fieldCipher);
    if (!file) return { ok: false as const, reason: 'not_found' as const, message: '该文书不存在。' };
    await writeAudit(tx, { id: user.id, name: user.username, ip }, {
      action: 'request.pii_view', entityType: 'request_case', entityId: caseId,
      summary: { trackingNo: c.trackingNo, documentId: doc.id, kind: doc.kind, name: doc.name },
    });
    return { ok: true as const, name: doc.name, mime: file.mime, bytes: file.data };
  });
}

/**
 * The applicant's own download (tracking page with number + query code, or the receipt right after
 * applying): a document shown to the applicant, opened and audited as the applicant's access.
 */
export async function downloadForApplicant(
  ctx: Pick<AppContext, 'db' | 'fieldCipher'>, caseId: number, documentId: number, ip: string | null,
): Promise<Download | DownloadRefusal> {
  return withTx(ctx.db, async (tx) => {
    const doc = Number.isSafeInteger(documentId) && documentId > 0 && documentId <= 2_147_483_647 ? await repo.selectCaseDocument(tx, caseId, documentId) : undefined;
    const file = doc?.visibleToApplicant ? await getFile(tx, doc.fileId, ctx.fieldCipher) : undefined;
    if (!doc || !file) return { ok: false as const, reason: 'not_found' as const, message: '该文书不存在或暂不提供下载。' };
    await writeAudit(tx, { id: null, name: '申请人', ip }, {
      action: 'request.document.applicant_download', entityType: 'request_case', entityId: caseId,
      summary: { documentId: doc.id, kind: doc.kind, name: doc.name },
    });
    return { ok: true as const, name: doc.name, mime: file.mime, bytes: file.data };
  });
}
