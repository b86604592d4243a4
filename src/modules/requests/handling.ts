// Staff handling of 依申请公开 cases: assignment, transfer, 补正, consultation, fee notice, extension,
// the reply through the review chain (承办 → 审核 → 签发), delivery, and expiry of 补正 / fee deadlines.
// Each use case: lock the case → check permission, version and state → one transaction
// {change + event + audit + clock recomputation + generated notice}. A refusal writes nothing.
import type { AppContext } from '../../app-context.ts';
import { withTx, type Tx } from '../../platform/db/index.ts';
import { writeAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/index.ts';
import { registerAuditActionLabels } from '../../platform/audit/present.ts';
import { checkUpload, DOCUMENT_KINDS as FILE_KINDS, MAX_DOCUMENT_BYTES, storeFile, getFile, type Kind } from '../../platform/files/index.ts';
import { createMailer } from '../../platform/mail/index.ts';
import { addWorkingDays, isValidIsoDate } from '../../calendar/index.ts';
import { can, type Principal } from '../auth/policy.ts';
import { findUserById, toPrincipal } from '../auth/repo.ts';
import { formatDate } from '../portal/domain.ts';
import * as review from '../review/use-cases.ts';
import { isConclusion } from '../review/domain.ts';
import {
  ANSWER_KINDS, CORRECTION_OUTCOMES, DELIVERY_METHODS, OUTCOMES, PAUSE_REASONS, REPLY_OUTCOMES, documentKindLabel,
  isAnswerKind, isDeliveryMethod, isOutcome, outcomeLabel, type DocumentKind,
} from './model.ts';
import { DEFAULT_RULE_SET, RULE_SETS, feeFor, isRuleSetId, pauseDeadlineFor, provideDueDate, type RuleSetId } from './domain.ts';
import { checkClockEvent, recomputeCase } from './clock.ts';
import type { ClockEvent as ClockEventInput } from './domain.ts';
import { generateDocument } from './documents.ts';
import * as repo from './repo.ts';
import { listAcceptingOrgs } from './intake.ts';

export const SUBJECT = 'request_reply';

/*
 * Deadlines given to others come from the case's rule set (domain.ts RULE_SETS): the applicant's
 * time to supplement (补正: 第三十条 asks for "合理的补正期限" without a number and seed 002 附件2
 * sets none; the rule sets default to 15 working days, the same span as a third party's reply,
 * long enough for a posted notice to arrive and be answered), the third party's or other agency's
 * 15 working days (第三十二条、第三十四条) and the 20 working days to pay a fee (109号文).
 */
export const TEXT_MAX = 4000;

// Chinese names of this file's audit actions on the audit log screen.
registerAuditActionLabels({
  'request.assign': '依申请公开：指定承办人',
  'request.transfer': '依申请公开：转办',
  'request.correction.send': '依申请公开：发出补正告知',
  'request.correction.receive': '依申请公开：收到补正材料',
  'request.correction.expire': '依申请公开：逾期未补正办结',
  'request.consult.start': '依申请公开：征求意见',
  'request.consult.end': '依申请公开：结束征求意见',
  'request.fee.notice': '依申请公开：发出收费通知',
  'request.fee.paid': '依申请公开：登记缴费',
  'request.fee.expire': '依申请公开：逾期未缴费办结',
  'request.extension.request': '依申请公开：申请延期答复',
  'request.extension.approve': '依申请公开：批准延期答复',
  'request.extension.reject': '依申请公开：不同意延期答复',
  'request.reply.draft': '依申请公开：保存答复稿',
  'request.reply.submit': '依申请公开：答复提交审核',
  'request.reply.pass': '依申请公开：答复审核通过',
  'request.reply.return': '依申请公开：答复退回修改',
  'request.reply.sign': '依申请公开：答复签发并办结',
  'request.document.upload': '依申请公开：上传办理材料',
  'request.document.deliver': '依申请公开：送达文书',
}, { 'request.*': '依申请公开（全部）' });
const rulesOf = (c: { ruleSet: string }): RuleSetId => (isRuleSetId(c.ruleSet) ? c.ruleSet : DEFAULT_RULE_SET);

export interface Caller { user: Principal; ip: string | null }
/** The applicant acting through the tracking page (already identified by number + query code). */
export interface ApplicantCaller { applicant: true; ip: string | null }

export type Fail = { ok: false; reason: string; message: string; fields?: Record<string, string> };
export type Ok<T = object> = { ok: true } & T;
const fail = (reason: string, message: string, fields?: Record<string, string>): Fail => ({ ok: false, reason, message, fields });
const invalid = (fields: Record<string, string>) => fail('invalid', '提交的内容有误，请按提示修改后重新提交。', fields);

export const STALE_MESSAGE = '该申请已被他人更新（可能已办理了其他步骤），页面上的信息已过期。请查看最新情况后重新提交，您填写的内容已保留。';
const NOT_FOUND = fail('not_found', '该申请不存在或已被删除。');
const CLOSED = fail('closed', '该申请已办结，不能再办理。');

export const auditActor = (c: Caller): Actor => ({ id: c.user.id, name: c.user.username, ip: c.ip });
const applicantActor = (ip: string | null): Actor => ({ id: null, name: '申请人', ip });

export function todayOf(ctx: Pick<AppContext, 'now'>): string {
  return formatDate(ctx.now());
}

/** Thrown inside a transaction to roll back whatever was written and return the failure. */
class Refusal extends Error {
  constructor(readonly failure: Fail) { super(failure.message); }
}

type Action = Parameters<typeof can>[1];

/**
 * Locks the case, checks the permission on its organisation and the form's version, runs `fn`
 * in the same transaction. `fn` may return a failure (nothing written yet) or throw Refusal.
 */
async function onCase<T extends object>(
  ctx: AppContext, caller: Caller | null, caseId: number, action: Action | null, version: number | undefined,
  fn: (tx: Tx, c: repo.CaseRow, today: string) => Promise<Ok<T> | Fail>,
): Promise<Ok<T> | Fail> {
  try {
    return await withTx(ctx.db, async (tx) => {
      const c = await repo.lockCase(tx, caseId);
      if (!c) return NOT_FOUND;
      if (caller && action && !can(caller.user, action, { orgId: c.orgId })) return fail('forbidden', '您没有办理该单位依申请公开事项的权限。');
      if (version !== undefined && version !== c.version) return fail('stale', STALE_MESSAGE);
      const r = await fn(tx, c, todayOf(ctx));
      if (!r.ok) throw new Refusal(r);
      return r;
    });
  } catch (e) {
    if (e instanceof Refusal) return e.failure;
    throw e;
  }
}

const clean = (s: string | null | undefined, max = TEXT_MAX) => (s ?? '').replace(/\r\n/g, '\n').trim().slice(0, max);

async function audit(tx: Tx, actor: Actor, action: string, c: repo.CaseRow, summary: Record<string, unknown> = {}) {
  await writeAudit(tx, actor, { action, entityType: 'request_case', entityId: c.id, summary: { trackingNo: c.trackingNo, ...summary } });
}

async function clockAllows(tx: Tx, ctx: AppContext, caseId: number, ev: ClockEventInput): Promise<Fail | null> {
  const r = await checkClockEvent(tx, ctx, caseId, ev);
  return r.ok ? null : fail('clock', r.message);
}

function ensureReceived(c: repo.CaseRow): Fail | null {
  if (c.status === 'closed') return CLOSED;
  if (c.status === 'submitted' || !c.receivedOn) return fail('not_received', '该申请尚未确认收到，请先确认收到申请（确定收到申请之日）后再办理。');
  return null;
}

// ---------------------------------------------------------------------------------------------
// Assignment and transfer

export async function assignHandler(ctx: AppContext, caller: Caller, caseId: number, input: { handlerId: number; version?: number; note?: string }) {
  return onCase(ctx, caller, caseId, 'request.assign', input.version, async (tx, c, today) => {
    if (c.status === 'closed') return CLOSED;
    const u = await findUserById(tx, input.handlerId);
    if (!u || !u.active) return invalid({ handlerId: '请选择承办人' });
    const p = await toPrincipal(tx, u, 'session');
    if (!can(p, 'request.handle', { orgId: c.orgId })) return invalid({ handlerId: `${u.displayName}没有办理${c.orgName}依申请公开事项的权限，请选择其他承办人` });
    if (c.handlerId === u.id) return invalid({ handlerId: `${u.displayName}已是该申请的承办人` });
    await repo.updateCase(tx, c.id, { handlerId: u.id });
    await repo.insertEvent(tx, { caseId: c.id, type: 'assigned', occurredOn: today, data: { handlerId: u.id, handlerName: u.displayName, fromId: c.handlerId }, note: clean(input.note, 500) || null, actorId: caller.user.id, actorName: caller.user.displayName });
    await audit(tx, auditActor(caller), 'request.assign', c, { before: c.handlerId, after: u.id });
    return { ok: true as const };
  });
}

/**
 * Transfer to another organisation of the same government (internal re-assignment, not the
 * 第三十六条第（五）项 answer): the case keeps its number and clock; the new organisation's staff
 * take over (handler cleared). Who may transfer: request.assign on the current organisation.
 */
export async function transferCase(ctx: AppContext, caller: Caller, caseId: number, input: { orgId: number; reason: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'request.assign', input.version, async (tx, c, today) => {
    if (c.status === 'closed') return CLOSED;
    if (c.status === 'reply_review') return fail('state', '答复正在审核中，不能转办。请先由审核人退回。');
    const reason = clean(input.reason, 1000);
    const errors: Record<string, string> = {};
    // Only organisations that receive applications (the government, departments, towns, zones).
    const target = (await listAcceptingOrgs(tx)).find((o) => o.id === input.orgId);
    if (!target) errors.orgId = '请选择转办到的单位';
    else if (target.id === c.orgId) errors.orgId = '该申请已由此单位办理，请选择其他单位';
    if (!reason) errors.reason = '请填写转办理由（例如：申请的信息由该单位制作或保存）';
    if (Object.keys(errors).length) return invalid(errors);
    await repo.updateCase(tx, c.id, { orgId: target!.id, handlerId: null });
    await repo.insertEvent(tx, { caseId: c.id, type: 'transferred', occurredOn: today, data: { fromOrgId: c.orgId, fromOrgName: c.orgName, toOrgId: target!.id, toOrgName: target!.name, reason }, publicNote: `转由${target!.name}办理`, actorId: caller.user.id, actorName: caller.user.displayName });
    await audit(tx, auditActor(caller), 'request.transfer', c, { from: c.orgId, to: target!.id, reason });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// 补正 (第三十条)

export async function sendCorrection(ctx: AppContext, caller: Caller, caseId: number, input: { content: string; deadline?: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c, today) => {
    const nr = ensureReceived(c); if (nr) return nr;
    if (c.status !== 'handling') return fail('state', '只有办理中的申请可以发出补正告知（征求意见、待缴费或审核期间不能补正）。');
    const events = await repo.listEvents(tx, c.id);
    if (events.some((e) => e.type === 'correction_sent')) return fail('clock', '该申请已发出过补正告知。依据《中华人民共和国政府信息公开条例》第三十条，行政机关应当一次性告知申请人需要补正的事项，不能再次要求补正。');
    const content = clean(input.content);
    if (!content) return invalid({ content: '请写明需要申请人补正的事项（例如：所需信息的名称、文号或便于查询的特征）' });
    const cal = await ctx.calendar.get();
    let deadline = addWorkingDays(cal, today, RULE_SETS[rulesOf(c)].supplementDays);
    if (input.deadline) {
      if (!isValidIsoDate(input.deadline)) return invalid({ deadline: '补正期限请填写日期，格式为 2026-10-08' });
      if (input.deadline <= today) return invalid({ deadline: '补正期限应晚于今天' });
      deadline = input.deadline;
    }
    const blocked = await clockAllows(tx, ctx, c.id, { type: '补正', sent: today, deadline });
    if (blocked) return blocked;
    await repo.updateCase(tx, c.id, { status: 'awaiting_supplement' });
    await repo.insertEvent(tx, { caseId: c.id, type: 'correction_sent', occurredOn: today, data: { content, deadline }, publicNote: `请于 ${deadline} 前补正：${content}`, actorId: caller.user.id, actorName: caller.user.displayName });
    await recomputeCase(tx, ctx, c.id, '发出补正告知');
    const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: 'correction_notice', actor: auditActor(caller), visibleToApplicant: true });
    await audit(tx, auditActor(caller), 'request.correction.send', c, { deadline, documentId: doc.documentId });
    return { ok: true as const, deadline };
  });
}

export interface Upload { name: string; data: Buffer }

async function storeUpload(tx: Tx, file: Upload): Promise<{ fileId: number; name: string } | Fail> {
  const check = checkUpload(file.data, file.name, { allowed: [...FILE_KINDS, 'png', 'jpeg', 'xlsx'] as Kind[], maxBytes: MAX_DOCUMENT_BYTES });
  if (!check.ok) return invalid({ file: check.message });
  return { fileId: await storeFile(tx, file.data, check.kind, check.mime, null), name: check.name };
}

/** The applicant's supplement (from staff who received it, or from the tracking page): the clock restarts that day. */
export async function receiveSupplement(ctx: AppContext, caller: Caller | ApplicantCaller, caseId: number, input: { text: string; file?: Upload | null; version?: number }) {
  const staff = 'user' in caller ? caller : null;
  return onCase(ctx, staff, caseId, staff ? 'request.handle' : null, input.version, async (tx, c, today) => {
    if (c.status !== 'awaiting_supplement') return fail('state', c.status === 'closed' ? '该申请已办结，不能再补正。' : '该申请目前不需要补正。');
    const text = clean(input.text);
    if (!text && !input.file) return invalid({ text: '请填写补正的内容，或上传补正材料' });
    let documentId: number | null = null;
    if (input.file && input.file.data.length) {
      const s = await storeUpload(tx, input.file);
      if ('ok' in s) return s;
      documentId = await repo.insertDocument(tx, { caseId: c.id, fileId: s.fileId, kind: 'supplement', name: s.name.slice(0, 200) || '补正材料', visibleToApplicant: true, createdBy: staff?.user.id ?? null });
    }
    const actor = staff ? auditActor(staff) : applicantActor(caller.ip);
    await repo.updateCase(tx, c.id, { status: 'handling' });
    await repo.insertEvent(tx, { caseId: c.id, type: 'correction_received', occurredOn: today, data: { text, documentId, via: staff ? 'staff' : 'applicant' }, publicNote: '已收到补正材料，答复期限自收到补正之日起重新计算', actorId: staff?.user.id ?? null, actorName: staff?.user.displayName ?? '申请人' });
    await recomputeCase(tx, ctx, c.id, '收到补正材料，答复期限重新计算');
    await audit(tx, actor, 'request.correction.receive', c, { documentId });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Consultation (第三十二条 third party, 第三十四条 other agencies): pauses the clock

export async function startConsultation(ctx: AppContext, caller: Caller, caseId: number, input: { reason: string; party: string; content?: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c, today) => {
    const nr = ensureReceived(c); if (nr) return nr;
    if (c.status !== 'handling' && c.status !== 'consulting') return fail('state', '只有办理中的申请可以征求意见。');
    const reason = input.reason === 'third_party' || input.reason === 'inter_agency' ? input.reason : null;
    const party = clean(input.party, 200);
    const errors: Record<string, string> = {};
    if (!reason) errors.reason = '请选择征求意见的对象类型';
    if (!party) errors.party = reason === 'inter_agency' ? '请填写被征求意见的行政机关名称' : '请填写第三方的名称或姓名';
    if (Object.keys(errors).length) return invalid(errors);
    const content = clean(input.content);
    const blocked = await clockAllows(tx, ctx, c.id, { type: '暂停', reason: reason!, from: today });
    if (blocked) return blocked;
    const cal = await ctx.calendar.get();
    const replyBy = pauseDeadlineFor(cal, rulesOf(c), reason!, today);
    await repo.updateCase(tx, c.id, { status: 'consulting' });
    const eventId = await repo.insertEvent(tx, { caseId: c.id, type: 'pause_start', occurredOn: today, data: { reason, party, content, deadline: replyBy, to: null }, publicNote: `${PAUSE_REASONS[reason!].label}，所需时间不计算在答复期限内`, actorId: caller.user.id, actorName: caller.user.displayName });
    await recomputeCase(tx, ctx, c.id, PAUSE_REASONS[reason!].label);
    const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: reason === 'third_party' ? 'third_party_letter' : 'inter_agency_letter', vars: content ? { 说明: content } : {}, actor: auditActor(caller), visibleToApplicant: false });
    await audit(tx, auditActor(caller), 'request.consult.start', c, { reason, eventId, documentId: doc.documentId });
    return { ok: true as const, eventId };
  });
}

/** Ends one open consultation: opinion received, or the 15 working days passed (inter-agency silence = consent, 第三十四条). */
export async function endConsultation(ctx: AppContext, caller: Caller, caseId: number, input: { eventId: number; result: string; opinion?: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c, today) => {
    if (c.status !== 'consulting') return fail('state', '该申请没有正在进行的征求意见。');
    const events = await repo.listEvents(tx, c.id);
    const ev = events.find((e) => e.id === input.eventId && e.type === 'pause_start' && e.data.reason !== 'fee');
    if (!ev || ev.data.to) return fail('state', '该征求意见已结束或不存在，请刷新页面。');
    const result = input.result === 'opinion' || input.result === 'no_reply' ? input.result : null;
    if (!result) return invalid({ result: '请选择征求意见的结果' });
    const opinion = clean(input.opinion);
    if (result === 'opinion' && !opinion) return invalid({ opinion: '请摘要填写收到的意见' });
    const interAgency = ev.data.reason === 'inter_agency';
    const deadline = String(ev.data.deadline ?? '');
    if (result === 'no_reply' && deadline && today <= deadline) return invalid({ result: `征求意见期限（${deadline}）尚未届满，不能按逾期未答复处理；收到意见的，请选择“已收到意见”` });
    const summary = result === 'opinion' ? `收到意见：${opinion}` : interAgency ? '逾期未提出意见，视为同意公开（第三十四条）' : '第三方逾期未提出意见，由本机关依法决定（第三十二条）';
    await repo.mergeEventData(tx, ev.id, { to: today, result, opinion });
    await repo.insertEvent(tx, { caseId: c.id, type: 'pause_end', occurredOn: today, data: { startId: ev.id, reason: ev.data.reason, party: ev.data.party, result, opinion }, note: summary, publicNote: '征求意见结束，恢复计算答复期限', actorId: caller.user.id, actorName: caller.user.displayName });
    const stillOpen = events.some((e) => e.type === 'pause_start' && e.id !== ev.id && !e.data.to && e.data.reason !== 'fee');
    if (!stillOpen) await repo.updateCase(tx, c.id, { status: 'handling' });
    else await repo.updateCase(tx, c.id, {});
    await recomputeCase(tx, ctx, c.id, '征求意见结束，恢复计时');
    await audit(tx, auditActor(caller), 'request.consult.end', c, { eventId: ev.id, result });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Fee (第四十二条, 国办函〔2020〕109号)

export async function sendFeeNotice(ctx: AppContext, caller: Caller, caseId: number, input: { method: string; count: number; priorThisMonth?: number; version?: number }) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c, today) => {
    const nr = ensureReceived(c); if (nr) return nr;
    if (c.status !== 'handling') return fail('state', '只有办理中的申请可以发出收费通知。');
    const method = input.method === 'item' || input.method === 'page' ? input.method : null;
    const errors: Record<string, string> = {};
    if (!method) errors.method = '请选择计费方式（按件或按量）';
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > 1_000_000) errors.count = '请填写件数或页数（正整数）';
    if (Object.keys(errors).length) return invalid(errors);
    const events = await repo.listEvents(tx, c.id);
    if (events.some((e) => e.type === 'fee_notice')) return fail('state', '该申请已发出过收费通知。');
    const fee = feeFor({ method: method!, count: input.count, priorThisMonth: input.priorThisMonth ?? 0 });
    if (fee.yuan <= 0) return invalid({ count: '按此数量不需要收取信息处理费（在免费额度内），无需发出收费通知' });
    const cal = await ctx.calendar.get();
    const deadline = pauseDeadlineFor(cal, rulesOf(c), 'fee', today);
    const explanation = `${method === 'item' ? '按件计收' : '按量计收'}：${input.count}${method === 'item' ? '件' : '页'}，${fee.bands.filter((x) => x.yuan > 0).map((x) => `第${x.from}${x.to ? `至第${x.to}` : '起'}${method === 'item' ? '件' : '页'}${x.yuan}元`).join('，')}，合计${fee.yuan}元`;
    const blocked = await clockAllows(tx, ctx, c.id, { type: '暂停', reason: 'fee', from: today });
    if (blocked) return blocked;
    await repo.updateCase(tx, c.id, { status: 'awaiting_fee' });
    const eventId = await repo.insertEvent(tx, { caseId: c.id, type: 'fee_notice', occurredOn: today, data: { reason: 'fee', method, count: input.count, yuan: fee.yuan, deadline, explanation, to: null }, publicNote: `需缴纳信息处理费 ${fee.yuan} 元，请于 ${deadline} 前缴纳`, actorId: caller.user.id, actorName: caller.user.displayName });
    await recomputeCase(tx, ctx, c.id, '发出收费通知');
    const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: 'fee_notice', actor: auditActor(caller), visibleToApplicant: true });
    await audit(tx, auditActor(caller), 'request.fee.notice', c, { yuan: fee.yuan, deadline, eventId, documentId: doc.documentId });
    return { ok: true as const, yuan: fee.yuan, deadline };
  });
}

export async function feePaid(ctx: AppContext, caller: Caller, caseId: number, input: { version?: number; note?: string }) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c, today) => {
    if (c.status !== 'awaiting_fee') return fail('state', '该申请没有待缴纳的信息处理费。');
    const ev = (await repo.listEvents(tx, c.id)).find((e) => e.type === 'fee_notice' && !e.data.to);
    if (!ev) return fail('state', '没有找到未结清的收费通知。');
    await repo.mergeEventData(tx, ev.id, { to: today, paid: true });
    await repo.insertEvent(tx, { caseId: c.id, type: 'fee_paid', occurredOn: today, data: { noticeId: ev.id, yuan: ev.data.yuan }, note: clean(input.note, 500) || null, publicNote: '已缴纳信息处理费，恢复计算答复期限', actorId: caller.user.id, actorName: caller.user.displayName });
    await repo.updateCase(tx, c.id, { status: 'handling' });
    await recomputeCase(tx, ctx, c.id, '缴纳信息处理费，恢复计时');
    await audit(tx, auditActor(caller), 'request.fee.paid', c, { eventId: ev.id });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Expiry: 补正 not received (→ 6.1), fee not paid (→ 6.2)

async function closeWithOutcome(tx: Tx, ctx: AppContext, c: repo.CaseRow, today: string, actor: Actor, o: { outcome: '6.1' | '6.2'; eventType: 'correction_expired' | 'fee_expired'; deadline: string }) {
  const detail = { text: OUTCOMES[o.outcome].label, deadline: o.deadline };
  await repo.updateCase(tx, c.id, { status: 'closed', outcome: o.outcome, answerKind: null, outcomeDetail: detail, repliedOn: today, closed: true });
  await repo.insertEvent(tx, { caseId: c.id, type: o.eventType, occurredOn: today, data: { deadline: o.deadline, outcome: o.outcome }, publicNote: `${o.eventType === 'correction_expired' ? '补正' : '缴费'}期限（${o.deadline}）届满，${OUTCOMES[o.outcome].label}`, actorId: actor.id, actorName: actor.name });
  await recomputeCase(tx, ctx, c.id, o.eventType === 'correction_expired' ? '补正期限届满' : '缴费期限届满');
  const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: 'reply', vars: { 说明: `${o.eventType === 'correction_expired' ? '补正' : '缴费'}期限（${o.deadline}）届满。` }, actor, visibleToApplicant: true });
  await repo.insertEvent(tx, { caseId: c.id, type: 'replied', occurredOn: today, data: { outcome: o.outcome, documentId: doc.documentId }, publicNote: `作出答复：${outcomeLabel(o.outcome)}`, actorId: actor.id, actorName: actor.name });
  await audit(tx, actor, o.eventType === 'correction_expired' ? 'request.correction.expire' : 'request.fee.expire', c, { outcome: o.outcome, documentId: doc.documentId });
}

/** Closes the case with 6.1 when the 补正 deadline has passed without a supplement. */
export async function expireCorrection(ctx: AppContext, caller: Caller | null, caseId: number, input: { version?: number } = {}) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c, today) => {
    if (c.status !== 'awaiting_supplement') return fail('state', '该申请不在等待补正状态。');
    const ev = (await repo.listEvents(tx, c.id)).find((e) => e.type === 'correction_sent');
    const deadline = String(ev?.data.deadline ?? '');
    if (!deadline || today <= deadline) return fail('state', `补正期限（${deadline || '未设定'}）尚未届满，不能按逾期未补正处理。`);
    await closeWithOutcome(tx, ctx, c, today, caller ? auditActor(caller) : SYSTEM_ACTOR, { outcome: '6.1', eventType: 'correction_expired', deadline });
    return { ok: true as const };
  });
}

/** Closes the case with 6.2 when the fee was not paid in time. */
export async function expireFee(ctx: AppContext, caller: Caller | null, caseId: number, input: { version?: number } = {}) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c, today) => {
    if (c.status !== 'awaiting_fee') return fail('state', '该申请没有待缴纳的信息处理费。');
    const ev = (await repo.listEvents(tx, c.id)).find((e) => e.type === 'fee_notice' && !e.data.to);
    const deadline = String(ev?.data.deadline ?? '');
    if (!ev || !deadline || today <= deadline) return fail('state', `缴费期限（${deadline || '未设定'}）尚未届满，不能按逾期未缴费处理。`);
    await repo.mergeEventData(tx, ev.id, { to: today, paid: false });
    await closeWithOutcome(tx, ctx, c, today, caller ? auditActor(caller) : SYSTEM_ACTOR, { outcome: '6.2', eventType: 'fee_expired', deadline });
    return { ok: true as const };
  });
}

/** The daily job: closes every case whose 补正 or fee deadline passed. Returns the closed case ids. */
export async function expireOverdue(ctx: AppContext): Promise<{ correction: number[]; fee: number[] }> {
  const out = { correction: [] as number[], fee: [] as number[] };
  for (const id of await repo.casesAwaiting(ctx.db, ['awaiting_supplement'], 5000)) {
    if ((await expireCorrection(ctx, null, id)).ok) out.correction.push(id);
  }
  for (const id of await repo.casesAwaiting(ctx.db, ['awaiting_fee'], 5000)) {
    if ((await expireFee(ctx, null, id)).ok) out.fee.push(id);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Extension (第三十三条第二款): requested by the handler, approved by the disclosure-office head

export async function requestExtension(ctx: AppContext, caller: Caller, caseId: number, input: { days: number; reason: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c, today) => {
    const nr = ensureReceived(c); if (nr) return nr;
    if (c.status === 'reply_review') return fail('state', '答复正在审核中，不能申请延期。');
    const events = await repo.listEvents(tx, c.id);
    if (events.some((e) => e.type === 'extension_requested' && !e.data.decision)) return fail('state', '已有待审批的延期申请，请等待政务公开办负责人审批。');
    const reason = clean(input.reason, 1000);
    const errors: Record<string, string> = {};
    if (!Number.isInteger(input.days) || input.days < 1) errors.days = '请填写延长的工作日数（正整数）';
    if (!reason) errors.reason = '请填写延期理由';
    if (Object.keys(errors).length) return invalid(errors);
    const blocked = await clockAllows(tx, ctx, c.id, { type: '延期', days: input.days, on: today });
    if (blocked) return invalid({ days: blocked.message });
    const eventId = await repo.insertEvent(tx, { caseId: c.id, type: 'extension_requested', occurredOn: today, data: { days: input.days, reason, decision: null }, actorId: caller.user.id, actorName: caller.user.displayName });
    await repo.updateCase(tx, c.id, {});
    await audit(tx, auditActor(caller), 'request.extension.request', c, { days: input.days, eventId });
    return { ok: true as const, eventId };
  });
}

export async function decideExtension(ctx: AppContext, caller: Caller, caseId: number, input: { eventId: number; approve: boolean; opinion?: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'request.extension.approve', input.version, async (tx, c, today) => {
    if (c.status === 'closed') return CLOSED;
    const ev = (await repo.listEvents(tx, c.id)).find((e) => e.id === input.eventId && e.type === 'extension_requested');
    if (!ev || ev.data.decision) return fail('state', '该延期申请已审批或不存在，请刷新页面。');
    const days = Number(ev.data.days);
    const opinion = clean(input.opinion, 1000);
    if (!input.approve && !opinion) return invalid({ opinion: '不同意延期时请填写意见' });
    if (input.approve) {
      const blocked = await clockAllows(tx, ctx, c.id, { type: '延期', days, on: today });
      if (blocked) return blocked;
    }
    await repo.mergeEventData(tx, ev.id, { decision: input.approve ? 'approved' : 'rejected', decidedBy: caller.user.displayName, opinion });
    await repo.updateCase(tx, c.id, {});
    if (input.approve) {
      const approvedId = await repo.insertEvent(tx, { caseId: c.id, type: 'extension_approved', occurredOn: today, data: { days, requestId: ev.id, reason: ev.data.reason, opinion }, publicNote: `答复期限延长 ${days} 个工作日`, actorId: caller.user.id, actorName: caller.user.displayName });
      await recomputeCase(tx, ctx, c.id, `经政务公开工作机构负责人同意，延长答复期限 ${days} 个工作日`);
      const fresh = (await repo.findCase(tx, c.id))!;
      await repo.mergeEventData(tx, approvedId, { newDue: fresh.statutoryDueOn });
      const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: 'extension_notice', actor: auditActor(caller), visibleToApplicant: true });
      await audit(tx, auditActor(caller), 'request.extension.approve', c, { days, eventId: ev.id, documentId: doc.documentId });
    } else {
      await repo.insertEvent(tx, { caseId: c.id, type: 'extension_rejected', occurredOn: today, data: { days, requestId: ev.id, opinion }, actorId: caller.user.id, actorName: caller.user.displayName });
      await audit(tx, auditActor(caller), 'request.extension.reject', c, { days, eventId: ev.id });
    }
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Reply: draft → 承办 → 审核 → 签发 (review chain) → closed with the outcome

export interface WithheldPart { part: string; ground: string; reason: string }

/** What the handler drafts; kept on the case (outcome_detail.draft) until the reply is signed. */
export interface ReplyDraft {
  /** Annual-report row (OUTCOMES), or a correction outcome code for correction cases. */
  outcome: string;
  answerKind: string | null;
  text: string;
  withheld: WithheldPart[];
  agency: string;
  agencyContact: string;
  /** Catalogue records (索引号) where the information is published, with their portal links. */
  published: { indexNo: string; id: number; title: string }[];
  /** Staff uploads provided with the reply (made visible to the applicant on signing). */
  provideDocIds: number[];
}

export interface ReplyInput {
  /** `outcome:<row>`, `answer:<kind>` (第三十六条 answers) or `correction:<code>`. */
  choice: string;
  text: string;
  withheld?: WithheldPart[];
  agency?: string;
  agencyContact?: string;
  published?: string;
  provideDocIds?: number[];
  version?: number;
}

/** The choices of the reply form, by case kind. */
export function replyChoices(kind: string): { value: string; label: string }[] {
  if (kind === 'correction') return Object.entries(CORRECTION_OUTCOMES).map(([k, v]) => ({ value: `correction:${k}`, label: v }));
  return [
    ...REPLY_OUTCOMES.map((o) => ({ value: `outcome:${o}`, label: outcomeLabel(o) })),
    ...Object.entries(ANSWER_KINDS).map(([k, v]) => ({ value: `answer:${k}`, label: `第三十六条答复：${v.label}（计入${outcomeLabel(v.outcome)}）` })),
  ];
}

async function validateDraft(tx: Tx, c: repo.CaseRow, input: ReplyInput): Promise<ReplyDraft | Fail> {
  const errors: Record<string, string> = {};
  const [kindPart, code] = input.choice.split(':', 2);
  let outcome = '';
  let answerKind: string | null = null;
  if (c.kind === 'correction') {
    if (kindPart === 'correction' && code && Object.hasOwn(CORRECTION_OUTCOMES, code)) outcome = code;
    else errors.choice = '请选择更正申请的处理结果';
  } else if (kindPart === 'outcome' && isOutcome(code) && REPLY_OUTCOMES.includes(code)) outcome = code;
  else if (kindPart === 'answer' && isAnswerKind(code)) { outcome = ANSWER_KINDS[code].outcome; answerKind = code; }
  else errors.choice = '请选择答复类型（处理结果）';
  const text = clean(input.text);
  if (!text) errors.text = '请填写答复正文（告知申请人的内容和理由）';
  const withheld = (input.withheld ?? []).map((w) => ({ part: clean(w.part, 500), ground: w.ground, reason: clean(w.reason, 1000) })).filter((w) => w.part || w.reason || w.ground);
  if (outcome === '2') {
    if (!withheld.length) errors.withheld = '部分公开须列明不予公开的部分、理由和依据（第三十七条）';
    withheld.forEach((w, i) => {
      if (!w.part) errors[`withheldPart${i + 1}`] = `第 ${i + 1} 项：请填写不予公开的部分`;
      if (!isOutcome(w.ground) || !w.ground.startsWith('3.')) errors[`withheldGround${i + 1}`] = `第 ${i + 1} 项：请选择不予公开的依据`;
      if (!w.reason) errors[`withheldReason${i + 1}`] = `第 ${i + 1} 项：请填写理由`;
    });
  }
  const agency = clean(input.agency, 200);
  const agencyContact = clean(input.agencyContact, 200);
  if ((answerKind === 'not_ours' || (c.kind === 'correction' && outcome === 'not_ours')) && !agency) errors.agency = '请填写负责公开（或有权更正）的行政机关名称';
  if (answerKind === 'not_ours' && !agencyContact) errors.agencyContact = '请填写该机关的联系方式（第三十六条第（五）项）';
  const published: ReplyDraft['published'] = [];
  if (answerKind === 'published') {
    const nos = [...new Set((input.published ?? '').split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean))].slice(0, 20);
    if (!nos.length) errors.published = '请填写已主动公开信息的索引号，申请人可据此获取';
    else {
      const found = new Map((await repo.publishedByIndexNo(tx, nos)).map((x) => [x.indexNo, x]));
      const missing = nos.filter((n) => !found.has(n));
      if (missing.length) errors.published = `以下索引号没有找到已公开的信息：${missing.join('、')}`;
      else for (const n of nos) { const x = found.get(n)!; published.push({ indexNo: n, id: x.id, title: x.title }); }
    }
  }
  const docs = await repo.listDocuments(tx, c.id);
  const provideDocIds = [...new Set(input.provideDocIds ?? [])].filter((id) => docs.some((d) => d.id === id && d.kind === 'staff_upload'));
  if (Object.keys(errors).length) return invalid(errors);
  return { outcome, answerKind, text, withheld: outcome === '2' ? withheld : [], agency, agencyContact, published, provideDocIds };
}

export function draftOf(c: Pick<repo.CaseRow, 'outcomeDetail'>): ReplyDraft | null {
  const d = c.outcomeDetail as { draft?: ReplyDraft } | null;
  return d && typeof d === 'object' && d.draft ? d.draft : null;
}

/** The reply as signed (or as closed on expiry), for display: outcome_detail after closing. */
export function signedReplyOf(c: Pick<repo.CaseRow, 'outcomeDetail' | 'outcome' | 'answerKind' | 'status'>): ReplyDraft | null {
  if (c.status !== 'closed' || !c.outcome) return null;
  const d = (c.outcomeDetail && typeof c.outcomeDetail === 'object' ? c.outcomeDetail : {}) as Partial<ReplyDraft>;
  return {
    outcome: c.outcome, answerKind: c.answerKind, text: typeof d.text === 'string' ? d.text : '',
    withheld: Array.isArray(d.withheld) ? d.withheld : [], agency: d.agency ?? '', agencyContact: d.agencyContact ?? '',
    published: Array.isArray(d.published) ? d.published : [], provideDocIds: Array.isArray(d.provideDocIds) ? d.provideDocIds : [],
  };
}

/** Saves the handler's draft (not the outcome: that is only set when the reply is signed). */
export async function draftReply(ctx: AppContext, caller: Caller, caseId: number, input: ReplyInput) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c) => {
    const nr = ensureReceived(c); if (nr) return nr;
    if (c.status !== 'handling') return fail('state', c.status === 'reply_review' ? '答复正在审核中，不能修改。' : '只有办理中的申请可以拟写答复（补正、征求意见、缴费期间不能答复）。');
    const d = await validateDraft(tx, c, input);
    if ('ok' in d) return d;
    const version = await repo.updateCase(tx, c.id, { outcomeDetail: { draft: d } });
    await audit(tx, auditActor(caller), 'request.reply.draft', c, { outcome: d.outcome, answerKind: d.answerKind });
    return { ok: true as const, version };
  });
}

/** Anything pending that must be settled before a reply may go to review. */
async function pendingBeforeReply(tx: Tx, c: repo.CaseRow): Promise<string | null> {
  const events = await repo.listEvents(tx, c.id);
  if (events.some((e) => e.type === 'extension_requested' && !e.data.decision)) return '延期申请尚未审批，请等待政务公开办负责人审批后再提交答复。';
  if (events.some((e) => (e.type === 'pause_start' || e.type === 'fee_notice') && !e.data.to)) return '仍有未结束的征求意见或收费通知，请先办结后再提交答复。';
  return null;
}

/** Submits the draft to the review chain (承办人拟办 is step 0, performed by the handler). */
export async function submitReply(ctx: AppContext, caller: Caller, caseId: number, input: { version?: number; opinion?: string }) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c, today) => {
    const nr = ensureReceived(c); if (nr) return nr;
    if (c.status !== 'handling') return fail('state', c.status === 'reply_review' ? '答复已在审核中。' : '只有办理中的申请可以提交答复。');
    const d = draftOf(c);
    if (!d) return fail('no_draft', '请先拟写并保存答复，再提交审核。');
    const pending = await pendingBeforeReply(tx, c);
    if (pending) return fail('pending', pending);
    const started = await review.startReview(tx, { subjectType: SUBJECT, subjectId: c.id, subjectOrgId: c.orgId, recordKind: c.kind }, caller.user, { ip: caller.ip, opinion: clean(input.opinion, 2000) || null, now: ctx.now() });
    if (!started.ok) return fail(started.reason, started.message);
    await repo.updateCase(tx, c.id, { status: 'reply_review', replyReviewInstanceId: started.instance.id });
    await repo.insertEvent(tx, { caseId: c.id, type: 'reply_submitted', occurredOn: today, data: { instanceId: started.instance.id, outcome: d.outcome, answerKind: d.answerKind }, actorId: caller.user.id, actorName: caller.user.displayName });
    await audit(tx, auditActor(caller), 'request.reply.submit', c, { instanceId: started.instance.id, outcome: d.outcome });
    if (started.finished) await finalizeReply(tx, ctx, c, d, today, auditActor(caller));
    return { ok: true as const, instanceId: started.instance.id };
  });
}

/** The reply was signed: outcome, 答复日期, the 答复告知书, status closed — in the signer's transaction. */
async function finalizeReply(tx: Tx, ctx: AppContext, c: repo.CaseRow, d: ReplyDraft, today: string, actor: Actor) {
  await repo.updateCase(tx, c.id, { status: 'closed', outcome: d.outcome, answerKind: d.answerKind, outcomeDetail: d, repliedOn: today, closed: true });
  for (const id of d.provideDocIds) await repo.setDocumentVisible(tx, id, true);
  const label = c.kind === 'correction'
    ? CORRECTION_OUTCOMES[d.outcome as keyof typeof CORRECTION_OUTCOMES] ?? d.outcome
    : d.answerKind && isAnswerKind(d.answerKind) ? ANSWER_KINDS[d.answerKind].label : outcomeLabel(d.outcome);
  const basis = c.kind === 'correction' ? '《中华人民共和国政府信息公开条例》第四十一条'
    : d.answerKind && isAnswerKind(d.answerKind) && ANSWER_KINDS[d.answerKind].basis ? ANSWER_KINDS[d.answerKind].basis
    : isOutcome(d.outcome) ? OUTCOMES[d.outcome].basis : '';
  const withheld = d.withheld.map((w, i) => `${i + 1}. ${w.part}：${w.reason}（依据：${isOutcome(w.ground) ? OUTCOMES[w.ground].basis || OUTCOMES[w.ground].label : w.ground}）`).join('\n');
  const published = d.published.map((p) => `${p.title}（索引号 ${p.indexNo}，本网站“政府信息公开”栏目 /xxgk/${p.id}）`).join('\n');
  const docs = d.provideDocIds.length ? await repo.listDocuments(tx, c.id) : [];
  const provided = d.provideDocIds.map((id) => docs.find((x) => x.id === id)?.name).filter(Boolean).join('、');
  const doc = await generateDocument(tx, ctx, {
    caseId: c.id, kind: c.kind === 'correction' ? 'correction_reply' : 'reply', actor, visibleToApplicant: true,
    vars: { 说明: d.text, 不予公开部分: withheld, 负责机关: d.agency, 联系方式: d.agencyContact, 获取方式: published, 提供内容: provided, ...(basis ? { 法律依据: basis } : {}) },
  });
  // A local preset (鄂托克前旗2018) gives a separate period to provide what was decided to be disclosed,
  // when it was not provided with the reply itself.
  const rules: RuleSetId = isRuleSetId(c.ruleSet) ? c.ruleSet : DEFAULT_RULE_SET;
  const provideBy = c.kind === 'disclosure' && (d.outcome === '1' || d.outcome === '2') && !d.answerKind && !d.provideDocIds.length
    ? provideDueDate(await ctx.calendar.get(), rules, today) : null;
  const provideNote = provideBy ? `；决定公开的信息应于${provideBy}前提供（${RULE_SETS[rules].provideBasis}）` : '';
  await repo.insertEvent(tx, { caseId: c.id, type: 'replied', occurredOn: today, data: { outcome: d.outcome, answerKind: d.answerKind, documentId: doc.documentId, ...(provideBy ? { provideBy } : {}) }, publicNote: `作出答复：${label}${provideNote}`, actorId: actor.id, actorName: actor.name });
  if (d.provideDocIds.length) await repo.insertEvent(tx, { caseId: c.id, type: 'provided', occurredOn: today, data: { documentIds: d.provideDocIds }, publicNote: `随答复提供信息 ${d.provideDocIds.length} 件`, actorId: actor.id, actorName: actor.name });
  await recomputeCase(tx, ctx, c.id, '作出答复');
  await audit(tx, actor, 'request.reply.sign', c, { outcome: d.outcome, answerKind: d.answerKind, documentId: doc.documentId });
}

/** A reviewer's conclusion on the reply (request.review): pass to the next step, sign (last step), or return with an opinion. */
export async function actOnReply(ctx: AppContext, caller: Caller, caseId: number, input: { conclusion: string; opinion?: string; expectedStep?: number; version?: number }) {
  return onCase(ctx, caller, caseId, 'request.review', input.version, async (tx, c, today) => {
    if (c.status !== 'reply_review' || !c.replyReviewInstanceId) return fail('state', '该申请没有待审核的答复。');
    const conclusion = input.conclusion === 'refuse' ? 'return' : input.conclusion;
    if (!isConclusion(conclusion)) return invalid({ conclusion: '请选择审核结论' });
    const d = draftOf(c);
    if (!d) return fail('no_draft', '没有找到答复稿。');
    const r = await review.act(tx, c.replyReviewInstanceId, caller.user, conclusion, input.opinion ?? null, { ip: caller.ip, expectedStep: input.expectedStep, now: ctx.now() });
    if (!r.ok) return fail(r.reason, r.message, r.fields);
    const opinion = r.action.opinion;
    if (r.instance.status === 'approved') {
      await finalizeReply(tx, ctx, c, d, today, auditActor(caller));
    } else if (r.instance.status === 'returned' || r.instance.status === 'refused') {
      await repo.updateCase(tx, c.id, { status: 'handling' });
      await repo.insertEvent(tx, { caseId: c.id, type: 'reply_returned', occurredOn: today, data: { instanceId: r.instance.id, step: r.step.name, opinion }, note: opinion, actorId: caller.user.id, actorName: caller.user.displayName });
      await audit(tx, auditActor(caller), 'request.reply.return', c, { instanceId: r.instance.id, step: r.step.key });
    } else {
      await repo.updateCase(tx, c.id, {});
      await audit(tx, auditActor(caller), 'request.reply.pass', c, { instanceId: r.instance.id, step: r.step.key });
    }
    return { ok: true as const, status: r.instance.status };
  });
}

// ---------------------------------------------------------------------------------------------
// Documents: staff uploads ("提供信息") and delivery

export async function uploadDocument(ctx: AppContext, caller: Caller, caseId: number, input: { file: Upload; version?: number }) {
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c) => {
    if (c.status === 'closed') return CLOSED;
    if (!input.file.data.length) return invalid({ file: '请选择要上传的文件' });
    const s = await storeUpload(tx, input.file);
    if ('ok' in s) return s;
    const documentId = await repo.insertDocument(tx, { caseId: c.id, fileId: s.fileId, kind: 'staff_upload', name: s.name.slice(0, 200) || '办理材料', visibleToApplicant: false, createdBy: caller.user.id });
    await repo.updateCase(tx, c.id, {});
    await audit(tx, auditActor(caller), 'request.document.upload', c, { documentId, name: s.name.slice(0, 200) });
    return { ok: true as const, documentId };
  });
}

/**
 * Delivers a document: by e-mail through SMTP (with the file attached) to the applicant's address,
 * or records that it was posted / collected / faxed / downloaded, with the date and a note.
 * An e-mail that fails is reported with the server's reason and nothing is recorded.
 */
export async function deliverDocument(ctx: AppContext, caller: Caller, caseId: number, input: { documentId: number; method: string; on?: string; note?: string; version?: number }) {
  const c0 = await repo.findCase(ctx.db, caseId);
  if (!c0) return NOT_FOUND;
  if (!can(caller.user, 'request.handle', { orgId: c0.orgId })) return fail('forbidden', '您没有办理该单位依申请公开事项的权限。');
  const today = todayOf(ctx);
  const doc = await repo.findDocument(ctx.db, caseId, input.documentId);
  if (!doc) return invalid({ documentId: '请选择要送达的文书' });
  if (!isDeliveryMethod(input.method)) return invalid({ method: '请选择送达方式' });
  // Checked before anything is sent: a stale form must not send an e-mail it then fails to record.
  if (input.version !== undefined && input.version !== c0.version) return fail('stale', STALE_MESSAGE);
  const letter = doc.kind === 'third_party_letter' || doc.kind === 'inter_agency_letter';
  if (letter && (input.method === 'email' || input.method === 'online')) {
    return invalid({ method: '征求意见函送达被征求意见的第三方或机关，不发给申请人：请选择邮寄、当面领取或传真，并在备注中写明送达对象' });
  }
  if (doc.kind === 'supplement' || doc.kind === 'applicant_attachment') return invalid({ documentId: '申请人提交的材料不需要送达' });
  const note = clean(input.note, 500);
  let on = today;
  if (input.method === 'email') {
    const email = c0.emailEnc ? ctx.fieldCipher.decrypt(c0.emailEnc) : '';
    if (!email) return invalid({ method: '申请人没有提供电子邮箱，不能以电子邮件送达，请选择其他方式' });
    const file = await getFile(ctx.db, doc.fileId);
    if (!file) return fail('not_found', '文书文件不存在。');
    const mailer = createMailer(ctx.config.smtp);
    try {
      const sent = await mailer.send({
        to: email,
        subject: `${documentKindLabel(doc.kind)}（受理编号 ${c0.trackingNo}）`,
        text: `您好：\n\n您的政府信息公开申请（受理编号 ${c0.trackingNo}）的《${documentKindLabel(doc.kind)}》见附件。\n也可凭受理编号和查询码在网站“依申请公开”栏目查询办理情况。\n\n${c0.orgName}`,
        attachments: [{ filename: doc.name.endsWith('.docx') || doc.name.includes('.') ? doc.name : `${doc.name}.docx`, content: file.data, contentType: file.mime }],
      });
      if (!sent.ok) return fail('mail', sent.message);
    } finally {
      mailer.close();
    }
  } else if (input.on) {
    if (!isValidIsoDate(input.on)) return invalid({ on: '送达日期请填写日期，格式为 2026-10-08' });
    if (input.on > today) return invalid({ on: '送达日期不能晚于今天' });
    on = input.on;
  }
  return onCase(ctx, caller, caseId, 'request.handle', input.version, async (tx, c) => {
    await repo.markDelivered(tx, doc.id, { via: input.method, on, note: note || null });
    if (!doc.visibleToApplicant && !letter) await repo.setDocumentVisible(tx, doc.id, true);
    await repo.updateCase(tx, c.id, {});
    await repo.insertEvent(tx, { caseId: c.id, type: 'delivered', occurredOn: on, data: { documentId: doc.id, method: input.method, note }, publicNote: `《${doc.name}》已${DELIVERY_METHODS[input.method as keyof typeof DELIVERY_METHODS]}`, actorId: caller.user.id, actorName: caller.user.displayName });
    await audit(tx, auditActor(caller), 'request.document.deliver', c, { documentId: doc.id, method: input.method, on });
    return { ok: true as const };
  });
}

export type { DocumentKind };
