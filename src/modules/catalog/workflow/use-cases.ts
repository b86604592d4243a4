// Use cases of the catalogue's review workflow: 提交 (with the privacy scan and the interpretation
// plan check), the chain's steps (保密审查 record, findings, final re-scan, publication with
// redaction), 撤回 of a published record, 复查 of withheld records, 征求意见, and policy
// interpretations. Each: load → authorize → check the state → one transaction {change + audit}.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { redact, scanText } from '../../../platform/text/index.ts';
import { isValidIsoDate } from '../../../calendar/index.ts';
import { can } from '../../auth/policy.ts';
import * as review from '../../review/use-cases.ts';
import { STALE_MESSAGE, isConclusion } from '../../review/domain.ts';
import { EDITABLE_STATUSES, statusLabel } from '../domain.ts';
import * as wrepo from '../repo.workflow.ts';
import { reindexRecord } from '../search.ts';
import { auditActor, todayOf, type Caller } from '../use-cases/shared.ts';
import { createRecord, type InTx } from '../use-cases/createRecord.ts';
import {
  COORDINATION_DAYS, QUESTION_MAX, REPLY_MAX, coordinationDue, defaultRecheck, interpretationDue, isInterpretationForm,
  missingPlanParts, needsInterpretationPlan, parseWorkingDays, publicText, recordKindOf,
  statusOnApproval, validatePlan, validateSecrecy, findingKindLabel,
  type PlanForm, type SecrecyDecision, type SecrecyForm,
} from './domain.ts';
import { NeedsPublicPlan, planPublicAttachments, storePublicAttachments, withPublicPlan, type PublicPlan } from './publicAttachments.ts';
import { rescan } from './scan.ts';
import { groupFindings } from './findings.ts';
import { checkExperts, writeExperts } from './experts.ts';

export const SUBJECT = 'catalog_record';

export type Fail = { ok: false; reason: string; message: string; fields?: Record<string, string> };
const fail = (reason: string, message: string, fields?: Record<string, string>): Fail => ({ ok: false, reason, message, fields });
const NOT_FOUND = fail('not_found', '该信息不存在或已被删除。');

// ---------------------------------------------------------------------------------------------
// Interpretation plan

export async function savePlan(ctx: AppContext, caller: Caller, id: number, form: Partial<PlanForm>): Promise<{ ok: true } | Fail> {
  const rec = await wrepo.findWorkflow(ctx.db, id);
  if (!rec) return NOT_FOUND;
  if (!can(caller.user, 'catalog.draft', { orgId: rec.orgId })) return fail('forbidden', '您没有修改该机构公开信息的权限。');
  const v = validatePlan(form);
  if (!v.ok) return fail('invalid', '解读方案填写有误，请按提示修改。', v.errors as Record<string, string>);
  return withTx(ctx.db, async (tx) => {
    const cur = await wrepo.lockWorkflow(tx, id);
    if (!cur) return NOT_FOUND;
    if (!EDITABLE_STATUSES.includes(cur.status)) return fail('locked', `该信息当前状态为“${statusLabel(cur.status)}”，不能修改解读方案。`);
    await wrepo.setPlan(tx, id, v.value);
    await writeAudit(tx, auditActor(caller), { action: 'catalog.plan.save', entityType: 'catalog_record', entityId: id, summary: { form: v.value.form, date: v.value.date } });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Submit (承办人提交)

export type SubmitResult = { ok: true; instanceId: number; findings: number } | Fail;

export async function submitRecord(ctx: AppContext, caller: Caller, id: number, opinion?: string | null, opts: InTx = {}): Promise<SubmitResult> {
  const rec = await wrepo.findWorkflow(opts.tx ?? ctx.db, id);
  if (!rec) return NOT_FOUND;
  if (!can(caller.user, 'catalog.draft', { orgId: rec.orgId })) return fail('forbidden', '您没有提交该机构公开信息的权限。');
  const { today } = todayOf(ctx);
  const now = ctx.now();
  // A one-step chain publishes at once: its attachments are prepared when the transaction asks.
  return withPublicPlan(opts.tx ?? ctx.db, id, today, null, (plan) => withTx(opts.tx ?? ctx.db, async (tx): Promise<SubmitResult> => {
    const cur = await wrepo.lockWorkflow(tx, id);
    if (!cur) return NOT_FOUND;
    if (!EDITABLE_STATUSES.includes(cur.status)) {
      return fail('conflict', cur.status === 'in_review' ? '该信息已在审核中，不能重复提交。' : `该信息当前状态为“${statusLabel(cur.status)}”，只有草稿或已退回的信息可以提交审核。`);
    }
    if (needsInterpretationPlan(cur)) {
      const missing = missingPlanParts(cur.interpretationPlan);
      if (missing.length) {
        const kind = cur.docType === 'normative' ? '行政规范性文件' : cur.docType === 'rule' ? '规章' : '重要政策';
        return fail('plan_required', `${kind}须同步报送政策解读方案，尚缺：${missing.join('、')}。请先填写解读方案再提交审核。`);
      }
    }
    const scan = await rescan(tx, cur, today, now);
    const started = await review.startReview(tx, { subjectType: SUBJECT, subjectId: id, subjectOrgId: cur.orgId, recordKind: recordKindOf(cur) },
      caller.user, { ip: caller.ip, now, opinion });
    if (!started.ok) throw new Rollback(started);
    await wrepo.setInReview(tx, id, started.instance.id);
    await writeAudit(tx, auditActor(caller), {
      action: 'catalog.submit', entityType: 'catalog_record', entityId: id,
      summary: { indexNo: cur.indexNo, instanceId: started.instance.id, findings: scan.unresolved },
    });
    // A one-step chain approves at once.
    if (started.finished) await finalize(ctx, tx, cur, 'approved', now, today, plan);
    await reindexRecord(tx, id);
    return { ok: true, instanceId: started.instance.id, findings: scan.unresolved };
  }).catch(unwrapRollback));
}

/** A failure after writes: thrown to roll the transaction back, then returned as the result. */
class Rollback extends Error { constructor(readonly result: Fail) { super(result.message); } }
function unwrapRollback(e: unknown): Fail {
  if (e instanceof Rollback) return e.result;
  throw e;
}

// ---------------------------------------------------------------------------------------------
// Review steps

export interface ReviewInput {
  conclusion: string;
  opinion: string;
  /** The step index the form was rendered for (a stale form is refused). */
  expectedStep: number | null;
  secrecy?: Partial<SecrecyForm>;
}

export type ReviewResult = { ok: true; status: string; finished: boolean } | Fail;

export async function reviewRecord(ctx: AppContext, caller: Caller, id: number, input: ReviewInput): Promise<ReviewResult> {
  const rec = await wrepo.findWorkflow(ctx.db, id);
  if (!rec) return NOT_FOUND;
  if (!isConclusion(input.conclusion)) return fail('invalid', '请选择审核结论。', { conclusion: '请选择审核结论（通过、退回修改或不予公开）' });
  const expectedStep = input.expectedStep;
  if (expectedStep === null) return fail('stale', STALE_MESSAGE);
  const { today } = todayOf(ctx);
  const now = ctx.now();
  // Passing the last step publishes: the public versions of the attachments are made now, in the
  // parse sandbox, before the transaction (which checks they still fit, else they are made again).
  let first: PublicPlan | null = null;
  const inst = rec.status === 'in_review' && rec.reviewInstanceId ? await review.getInstance(ctx.db, rec.reviewInstanceId) : null;
  if (input.conclusion === 'pass' && inst && inst.currentStep === expectedStep && inst.currentStep >= inst.steps.length - 1) {
    const p = await planPublicAttachments(ctx.db, id, await wrepo.listFindings(ctx.db, id), today);
    if (!p.ok) return fail('attachment', p.message);
    first = p.plan;
  }
  return withPublicPlan(ctx.db, id, today, first, (plan) => withTx(ctx.db, async (tx): Promise<ReviewResult> => {
    const cur = await wrepo.lockWorkflow(tx, id);
    if (!cur) return NOT_FOUND;
    if (cur.status !== 'in_review' || !cur.reviewInstanceId) return fail('stale', STALE_MESSAGE);
    const held: { secrecy: SecrecyDecision | null; scanFail: Fail | null } = { secrecy: null, scanFail: null };
    const r = await review.act(tx, cur.reviewInstanceId, caller.user, input.conclusion, input.opinion, {
      ip: caller.ip, now, expectedStep,
      beforeAdvance: async (t, a) => {
        let secrecy: SecrecyDecision | null = null;
        if (a.step.kind === 'secrecy' && a.conclusion !== 'return') {
          const v = validateSecrecy(input.secrecy ?? {}, a.conclusion, today);
          if (!v.ok) return fail('invalid', '保密审查意见填写有误，请按提示修改。', v.errors);
          secrecy = v.value;
          if (a.conclusion === 'pass') {
            const open = groupFindings(await wrepo.listFindings(t, id)).filter((g) => g.open);
            if (open.length) return fail('findings', `尚有 ${open.length} 处隐私或涉密内容未处理（${[...new Set(open.map((g) => findingKindLabel(g.kind)))].join('、')}），请选择遮盖或保留并说明理由后再通过保密审查。`);
          }
        }
        if (a.conclusion === 'pass' && a.next.finished) {
          // Again before publishing: the text may have changed since the last scan (seed 002 附件4).
          const s = await rescan(t, cur, today, now);
          if (s.unresolved > 0) {
            // Kept (the transaction commits) so that the reviewers see the new findings.
            held.scanFail = fail('findings', `发布前复核发现 ${s.unresolved} 处未处理的隐私或涉密内容，暂不能发布。请由保密审查员逐项处理后再审发。`);
            return held.scanFail;
          }
        }
        if (secrecy) {
          held.secrecy = secrecy;
          await wrepo.insertSecrecyReview(t, {
            recordId: id, title: cur.title, docNoOrSummary: cur.docNo ?? summaryOf(cur, today), proposedDisclosure: cur.disclosure,
            proposedReason: cur.withheldReason, conclusion: secrecy.disclosure, ground: secrecy.ground, basis: secrecy.basis,
            reviewerId: caller.user.id, reviewerName: caller.user.displayName, reviewedOn: today, recheckOn: secrecy.recheckOn,
          });
          await wrepo.setDisclosure(t, id, { disclosure: secrecy.disclosure, ground: secrecy.ground, reason: secrecy.reason, recheckOn: secrecy.recheckOn });
        }
      },
    });
    if (!r.ok) {
      if (held.scanFail && r === held.scanFail) return r;
      throw new Rollback(r);
    }
    const fresh = (await wrepo.lockWorkflow(tx, id))!;
    if (r.finished) await finalize(ctx, tx, fresh, r.instance.status, now, today, plan, input.opinion, held.secrecy);
    await writeAudit(tx, auditActor(caller), {
      action: `catalog.review.${input.conclusion}`, entityType: 'catalog_record', entityId: id,
      summary: { indexNo: cur.indexNo, step: r.step.name, instanceStatus: r.instance.status },
    });
    await reindexRecord(tx, id);
    const after = (await wrepo.findWorkflow(tx, id))!;
    return { ok: true, status: after.status, finished: r.finished };
  }).catch(unwrapRollback));
}

/** The 保密审查 record's summary (kept for good): the opening words, with personal data and marks masked. */
function summaryOf(r: { description: string | null; body: string; title: string }, today: string): string {
  const s = (r.description || r.body || r.title).replace(/\s+/g, ' ').trim().slice(0, 200);
  const masked = redact(s, scanText(s, { today }).map((f) => ({ start: f.start, end: f.end, masked: f.masked })));
  return masked.length > 100 ? masked.slice(0, 100) + '…' : masked;
}

/** The record's state when its instance finishes: published (with redactions), returned, or withheld. */
async function finalize(ctx: AppContext, tx: Tx, rec: wrepo.WorkflowRow, instanceStatus: string, now: Date, today: string,
  plan: PublicPlan | null, opinion?: string | null, secrecy?: SecrecyDecision | null): Promise<void> {
  if (instanceStatus === 'returned') { await wrepo.setStatus(tx, rec.id, 'returned'); return; }
  if (instanceStatus === 'refused') {
    await wrepo.withhold(tx, rec.id, {
      disclosure: 'withheld', ground: secrecy?.ground ?? rec.withheldGround ?? 'other',
      reason: secrecy?.reason ?? (opinion?.trim() || rec.withheldReason), recheckOn: secrecy?.recheckOn ?? defaultRecheck(today),
    });
    return;
  }
  if (instanceStatus !== 'approved') return;
  if (statusOnApproval(rec.disclosure) === 'withheld') {
    // 依申请公开 is kept out of the public list (status withheld, disclosure on_request).
    await wrepo.withhold(tx, rec.id, { disclosure: rec.disclosure, ground: rec.withheldGround, reason: rec.withheldReason, recheckOn: rec.recheckOn });
    return;
  }
  const findings = await wrepo.listFindings(tx, rec.id);
  // Rolled back and run again with the attachments prepared outside (withPublicPlan).
  if (!(await storePublicAttachments(tx, rec.id, findings, plan))) throw new NeedsPublicPlan(findings);
  const cal = await ctx.calendar.get();
  await wrepo.publish(tx, rec.id, {
    at: now, titlePublic: publicText(rec.title, findings, 'title'), bodyPublic: publicText(rec.body, findings, 'body'),
    interpretationDueOn: needsInterpretationPlan(rec) ? interpretationDue(today, cal) : null,
  }).finally(publicPagesChanged);
}

// ---------------------------------------------------------------------------------------------
// Withdraw a published record (政务公开办)

export async function withdrawRecord(ctx: AppContext, caller: Caller, id: number, reasonRaw: string, opts: InTx = {}): Promise<{ ok: true } | Fail> {
  const rec = await wrepo.findWorkflow(opts.tx ?? ctx.db, id);
  if (!rec) return NOT_FOUND;
  if (!can(caller.user, 'catalog.manage', { orgId: rec.orgId })) return fail('forbidden', '只有政务公开办可以撤回已公开的信息。');
  const reason = reasonRaw.trim();
  if (!reason) return fail('invalid', '请填写撤回理由。', { reason: '请填写撤回理由（将在原网页上向公众说明）' });
  if (reason.length > 500) return fail('invalid', '撤回理由不能超过 500 字。', { reason: `撤回理由不能超过 500 字（当前 ${reason.length} 字）` });
  return withTx(opts.tx ?? ctx.db, async (tx) => {
    const cur = await wrepo.lockWorkflow(tx, id);
    if (!cur) return NOT_FOUND;
    if (cur.status !== 'published') return fail('conflict', `该信息当前状态为“${statusLabel(cur.status)}”，只有已公开的信息可以撤回。`);
    await wrepo.withdraw(tx, id, ctx.now(), reason);
    await writeAudit(tx, auditActor(caller), { action: 'catalog.withdraw', entityType: 'catalog_record', entityId: id, summary: { indexNo: cur.indexNo, reason } });
    await reindexRecord(tx, id);
    return { ok: true as const };
  }).finally(publicPagesChanged);
}

// ---------------------------------------------------------------------------------------------
// 复查 of withheld records

export const RECHECK_HORIZON_DAYS = 30;

export async function recheckRecord(ctx: AppContext, caller: Caller, id: number, input: { action: string; basis: string; recheckOn: string }): Promise<{ ok: true } | Fail> {
  const rec = await wrepo.findWorkflow(ctx.db, id);
  if (!rec) return NOT_FOUND;
  if (!can(caller.user, 'catalog.secrecy', { orgId: rec.orgId }) && !can(caller.user, 'catalog.manage', { orgId: rec.orgId })) {
    return fail('forbidden', '只有保密审查员或政务公开办可以复查不予公开的信息。');
  }
  const { today } = todayOf(ctx);
  const errors: Record<string, string> = {};
  if (input.action !== 'keep' && input.action !== 'declassify') errors.action = '请选择复查结论';
  const basis = input.basis.trim();
  if (!basis) errors.basis = '请填写复查依据';
  else if (basis.length > 2000) errors.basis = '复查依据不能超过 2000 字';
  let recheckOn: string | null = null;
  if (input.action === 'keep') {
    const r = input.recheckOn.trim();
    if (!r) errors.recheckOn = '继续不予公开的，请填写下次复查日期';
    else if (!isValidIsoDate(r)) errors.recheckOn = '下次复查日期应为 YYYY-MM-DD 格式的有效日期';
    else if (r <= today) errors.recheckOn = '下次复查日期应晚于今天';
    else recheckOn = r;
  }
  if (Object.keys(errors).length) return fail('invalid', '复查意见填写有误，请按提示修改。', errors);
  return withTx(ctx.db, async (tx) => {
    const cur = await wrepo.lockWorkflow(tx, id);
    if (!cur) return NOT_FOUND;
    if (cur.status !== 'withheld') return fail('conflict', `该信息当前状态为“${statusLabel(cur.status)}”，不在复查范围内。`);
    await wrepo.insertSecrecyReview(tx, {
      recordId: id, title: cur.title, docNoOrSummary: cur.docNo ?? summaryOf(cur, today), proposedDisclosure: cur.disclosure, proposedReason: cur.withheldReason,
      conclusion: input.action === 'keep' ? 'keep_withheld' : 'declassify', ground: cur.withheldGround, basis,
      reviewerId: caller.user.id, reviewerName: caller.user.displayName, reviewedOn: today, recheckOn,
    });
    if (input.action === 'keep') await wrepo.setRecheck(tx, id, recheckOn!);
    else await wrepo.declassify(tx, id);
    await writeAudit(tx, auditActor(caller), { action: `catalog.recheck.${input.action}`, entityType: 'catalog_record', entityId: id, summary: { indexNo: cur.indexNo, recheckOn } });
    await reindexRecord(tx, id);
    return { ok: true as const };
  }).finally(publicPagesChanged);
}

// ---------------------------------------------------------------------------------------------
// 征求意见

export async function sendCoordination(ctx: AppContext, caller: Caller, id: number, input: { orgIds: string[]; question: string; days: string }): Promise<{ ok: true; count: number; due: string } | Fail> {
  const rec = await wrepo.findWorkflow(ctx.db, id);
  if (!rec) return NOT_FOUND;
  if (!can(caller.user, 'catalog.draft', { orgId: rec.orgId }) && !can(caller.user, 'catalog.review', { orgId: rec.orgId })) {
    return fail('forbidden', '您没有为该信息征求意见的权限。');
  }
  const errors: Record<string, string> = {};
  const orgs = await wrepo.activeOrgs(ctx.db);
  const ids = [...new Set(input.orgIds.map((x) => Number(x)).filter((n) => Number.isSafeInteger(n) && n > 0))];
  const valid = ids.filter((n) => orgs.some((o) => o.id === n) && n !== rec.orgId);
  if (!input.orgIds.length) errors.orgIds = '请至少选择一个征求意见的单位';
  else if (valid.length !== ids.length || !ids.length) errors.orgIds = '所选单位无效（不能选择本单位或已停用的单位），请从列表中选择';
  const question = input.question.trim();
  if (!question) errors.question = '请填写需征求意见的事项';
  else if (question.length > QUESTION_MAX) errors.question = `征求意见事项不能超过 ${QUESTION_MAX} 字`;
  const days = parseWorkingDays(input.days);
  if (days === null) errors.days = '答复期限应为 1 至 30 个工作日';
  if (Object.keys(errors).length) return fail('invalid', '征求意见填写有误，请按提示修改。', errors);
  const { today } = todayOf(ctx);
  const cal = await ctx.calendar.get();
  const { due } = coordinationDue(today, days ?? COORDINATION_DAYS, cal);
  return withTx(ctx.db, async (tx) => {
    const cur = await wrepo.lockWorkflow(tx, id);
    if (!cur) return NOT_FOUND;
    if (!['draft', 'returned', 'in_review'].includes(cur.status)) return fail('conflict', `该信息当前状态为“${statusLabel(cur.status)}”，不能再征求意见。`);
    for (const orgId of valid) await wrepo.insertCoordination(tx, { recordId: id, orgId, question, sentOn: today, replyDueOn: due, createdBy: caller.user.id });
    await writeAudit(tx, auditActor(caller), { action: 'catalog.coordination.send', entityType: 'catalog_record', entityId: id, summary: { orgIds: valid, due } });
    return { ok: true as const, count: valid.length, due };
  });
}

export async function replyCoordination(ctx: AppContext, caller: Caller, coordId: number, input: { stance: string; text: string }): Promise<{ ok: true } | Fail> {
  const errors: Record<string, string> = {};
  if (input.stance !== 'agree' && input.stance !== 'disagree') errors[`stance${coordId}`] = '请选择“同意”或“不同意”';
  const text = input.text.trim();
  if (!text) errors[`text${coordId}`] = '请填写书面意见';
  else if (text.length > REPLY_MAX) errors[`text${coordId}`] = `书面意见不能超过 ${REPLY_MAX} 字`;
  if (Object.keys(errors).length) return fail('invalid', '答复填写有误，请按提示修改。', errors);
  return withTx(ctx.db, async (tx) => {
    const c = await wrepo.lockCoordination(tx, coordId);
    if (!c) return fail('not_found', '该征求意见事项不存在。');
    if (!can(caller.user, 'catalog.review', { orgId: c.orgId }) && !can(caller.user, 'catalog.draft', { orgId: c.orgId })) {
      return fail('forbidden', '只有被征求意见单位的人员可以答复。');
    }
    if (c.replyStance) return fail('conflict', '该事项已答复，不能重复答复。');
    await wrepo.replyCoordination(tx, coordId, { stance: input.stance, text, by: caller.user.id, at: ctx.now() });
    await writeAudit(tx, auditActor(caller), { action: 'catalog.coordination.reply', entityType: 'catalog_record', entityId: c.recordId, summary: { coordinationId: coordId, stance: input.stance } });
    return { ok: true as const };
  });
}

export async function decideCoordination(ctx: AppContext, caller: Caller, coordId: number, decisionRaw: string): Promise<{ ok: true } | Fail> {
  const decision = decisionRaw.trim();
  if (!decision) return fail('invalid', '请填写处理决定。', { [`decision${coordId}`]: '请填写政务公开办的处理决定' });
  if (decision.length > 2000) return fail('invalid', '处理决定不能超过 2000 字。', { [`decision${coordId}`]: '处理决定不能超过 2000 字' });
  return withTx(ctx.db, async (tx) => {
    const c = await wrepo.lockCoordination(tx, coordId);
    if (!c) return fail('not_found', '该征求意见事项不存在。');
    if (!can(caller.user, 'catalog.manage', { orgId: c.recordOrgId })) return fail('forbidden', '只有政务公开办可以对不同意见作出决定。');
    if (c.replyStance !== 'disagree') return fail('conflict', '只有答复为“不同意”的事项需要作出决定。');
    if (c.decision) return fail('conflict', '该事项已作出决定，决定为最终决定，不能更改。');
    await wrepo.decideCoordination(tx, coordId, { decision, by: caller.user.id, at: ctx.now() });
    await writeAudit(tx, auditActor(caller), { action: 'catalog.coordination.decide', entityType: 'catalog_record', entityId: c.recordId, summary: { coordinationId: coordId } });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Policy interpretation

export type InterpretationForm = { title: string; form: string; body: string; link: string; keywords: string; experts?: readonly string[] };

export async function createInterpretation(ctx: AppContext, caller: Caller, policyId: number, f: InterpretationForm): Promise<{ ok: true; id: number } | Fail> {
  const policy = await wrepo.findWorkflow(ctx.db, policyId);
  if (!policy) return NOT_FOUND;
  if (!can(caller.user, 'catalog.draft', { orgId: policy.orgId })) return fail('forbidden', '您没有为该机构编制政策解读的权限（谁起草、谁解读）。');
  if (policy.status !== 'published') return fail('conflict', '只能为已公开的政策文件编制解读。');
  if (policy.interpretsRecordId) return fail('conflict', '不能为政策解读再编制解读。');
  const errors: Record<string, string> = {};
  if (!isInterpretationForm(f.form.trim())) errors.form = '请选择解读形式';
  const link = f.link.trim();
  if (link && (!/^https?:\/\/[^\s<>"]+$/i.test(link) || link.length > 500)) errors.link = '链接应为以 http:// 或 https:// 开头的网址';
  if (!f.body.trim() && !link) errors.body = '请填写解读正文或问答，或提供解读的链接';
  const { today } = todayOf(ctx);
  if (Object.keys(errors).length) return fail('invalid', '政策解读填写有误，请按提示修改。', errors);
  const body = f.body.trim() + (link ? `${f.body.trim() ? '\n\n' : ''}解读链接：${link}` : '');
  // One transaction: the record, its link to the policy and its experts (专家解读), or nothing.
  return withTx(ctx.db, async (tx) => {
    const experts = await checkExperts(tx, null, f.experts ?? []);
    if (!experts.ok) return experts;
    const created = await createRecord(ctx, caller, {
      orgId: policy.orgId,
      form: { title: f.title, generatedOn: today, category: policy.category, docType: 'other', keywords: f.keywords, body, description: `对《${policy.title}》的${f.form.trim()}` },
    }, { tx });
    if (!created.ok) throw new Rollback(fail(created.reason, created.message, created.fields));
    await wrepo.lockWorkflow(tx, created.id);
    await wrepo.setInterpretation(tx, created.id, { interpretsRecordId: policyId, form: f.form.trim(), link: link || null });
    await writeAudit(tx, auditActor(caller), { action: 'catalog.interpretation.link', entityType: 'catalog_record', entityId: created.id, summary: { policyId, form: f.form.trim() } });
    await writeExperts(tx, caller, created.id, experts);
    return { ok: true as const, id: created.id };
  }).catch(unwrapRollback);
}
