// Review workflow screens of the catalogue: 待我审核, the record's review page (submit, step
// conclusions with 保密审查, findings, 征求意见, withdraw), the interpretation plan and
// interpretations, 复查, the 征求意见 inbox and the 保密审查 export. Routes stay thin.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ownValue, parseForm, readStrings } from '../../platform/forms/index.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { isValidIsoDate } from '../../calendar/index.ts';
import { can, scopeOf } from '../auth/policy.ts';
import { parseId } from '../portal/domain.ts';
import * as review from '../review/use-cases.ts';
import { EDITABLE_STATUSES, dueState } from './domain.ts';
import * as repo from './repo.ts';
import * as wrepo from './repo.workflow.ts';
import { toCsv } from './csv.ts';
import {
  CoordinationForm, ExpertsForm, FindingTargetForm, InterpretForm, PlanForm, RecheckForm, ReviewForm, SubmitForm, WithdrawForm, coordinationDecideForm, coordinationReplyForm,
  findingForm, findingGroupForm, findingKindForm, CoordinationParams, FindingParams, NoticeQuery, RecheckQuery, RecordParams, SecrecyExportQuery,
} from './forms.ts';
import { todayOf, type Caller } from './use-cases/shared.ts';
import {
  SUBJECT, createInterpretation, decideCoordination, recheckRecord, replyCoordination, reviewRecord, savePlan,
  sendCoordination, submitRecord, withdrawRecord, RECHECK_HORIZON_DAYS, type Fail,
} from './workflow/use-cases.ts';
import { resolveFinding, resolveFindings } from './workflow/resolve.ts';
import { GROUP_TOKEN_RE, groupFindings } from './workflow/findings.ts';
import { previewScan } from './workflow/scan.ts';
import { setInterpretationExperts } from './workflow/experts.ts';
import { recordExpertIds } from './repo.experts.ts';
import { expertChoices, expertOptions } from '../spokesperson/experts.ts';
import { addDays } from '../../calendar/index.ts';
import {
  defaultRecheck, dueBadge, missingPlanParts, needsInterpretationPlan, secrecyConclusionLabel,
} from './workflow/domain.ts';
import { disclosureLabel, groundLabel } from './domain.ts';
import { InterpretPage, PlanPage, ReviewRecordPage, type ReviewPageProps } from './views/review/record.tsx';
import { CoordinationPage, InterpretationsPage, QueuePage, RecheckPage, SecrecyReviewsPage, type QueueRow, type ReplyQueueRow } from './views/review/lists.tsx';
import { findCase } from '../requests/repo.ts';

const NOTICES: Record<string, string> = {
  submitted: '已提交审核。',
  acted: '审核意见已提交。',
  resolved: '检查结果已处理。',
  allowed: '检查结果已处理，该号码已记为本单位对外公开的办公电话，今后本单位的信息中不再提示。',
  withdrawn: '该信息已撤回。',
  plan: '解读方案已保存。',
  sent: '征求意见已发送。',
  replied: '答复已提交。',
  decided: '决定已保存。',
  rechecked: '复查结论已保存。',
  experts: '解读专家已保存。',
};

const caller = (req: FastifyRequest): Caller => ({ user: req.user!, ip: req.ip });
const noticeOf = (done: string | undefined) => ownValue(NOTICES, done);

/** A use-case failure that is not about the form: mapped to the error page. */
function raise(f: Fail): never {
  if (f.reason === 'forbidden') throw new AppError('forbidden', f.message);
  if (f.reason === 'not_found') throw new AppError('not_found', f.message);
  throw new AppError('conflict', f.message);
}

const statusOf = (f: Fail) => (f.reason === 'invalid' || f.reason === 'findings' || f.reason === 'plan_required' || f.reason === 'opinion_required' || f.reason === 'attachment' ? 422 : 409);

export function registerCatalogReview(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  async function loadReadable(req: FastifyRequest, id: number): Promise<wrepo.WorkflowRow> {
    const r = await wrepo.findWorkflow(db, id);
    if (!r) throw new AppError('not_found', '该信息不存在或已被删除。');
    if (!scopeOf(req.user!, 'catalog.read').has(r.orgId)) throw new AppError('forbidden', '您没有查看该机构公开信息的权限。');
    return r;
  }

  async function reviewPage(req: FastifyRequest, reply: FastifyReply, id: number, extra: Partial<ReviewPageProps> = {}, status = 200) {
    const r = await loadReadable(req, id);
    const user = req.user!;
    const instance = await review.latestInstance(db, SUBJECT, id);
    const { today } = todayOf(ctx);
    // Before submitting, the page shows what the submit scan will find in the text as it is now.
    const preSubmit = EDITABLE_STATUSES.includes(r.status);
    const [history, findings, coordinations, orgs] = await Promise.all([
      instance ? review.history(db, instance.id) : Promise.resolve([]), preSubmit ? previewScan(db, r, today) : wrepo.listFindings(db, id),
      wrepo.coordinationsOfRecord(db, id), wrepo.activeOrgs(db),
    ]);
    const open = instance && instance.status === 'in_progress' && r.status === 'in_review' ? instance : null;
    const actStep = open && review.mayActNow(open, user) ? open.steps[open.currentStep] : null;
    const canDraft = can(user, 'catalog.draft', { orgId: r.orgId });
    const experts = r.interpretsRecordId ? await expertChoices(db, await recordExpertIds(db, id)) : null;
    return reply.page((vc) => ReviewRecordPage({
      experts: experts?.chosen ?? null, expertOptions: experts && canDraft && preSubmit ? expertOptions(experts.active, experts.chosen) : null,
      vc, r, instance, history, findings: groupFindings(findings), preSubmit, coordinations, orgs, actStep, today, defaultRecheck: defaultRecheck(today),
      canSubmit: canDraft && preSubmit,
      canResolve: preSubmit ? canDraft : !!open && (!!actStep || can(user, 'catalog.secrecy', { orgId: r.orgId })),
      canWithdraw: r.status === 'published' && can(user, 'catalog.manage', { orgId: r.orgId }),
      canCoordinate: ['draft', 'returned', 'in_review'].includes(r.status) && (canDraft || can(user, 'catalog.review', { orgId: r.orgId })),
      canInterpret: r.status === 'published' && canDraft && needsInterpretationPlan(r),
      needsPlan: needsInterpretationPlan(r), missingPlan: missingPlanParts(r.interpretationPlan),
      ...extra,
    }), status);
  }

  // --- 待我审核 -------------------------------------------------------------------------------

  app.get('/admin/review', { config: { policy: 'catalog.review' }, schema: { querystring: NoticeQuery } }, async (req, reply) => {
    const items = await review.queueFor(db, req.user!, { subjectType: SUBJECT });
    const cal = await ctx.calendar.get();
    const { today } = todayOf(ctx);
    const rows: QueueRow[] = [];
    for (const it of items) {
      const r = await repo.findRecord(db, it.instance.subjectId);
      if (!r) continue;
      rows.push({
        id: r.id, title: r.title, indexNo: r.indexNo, orgName: r.orgName, stepName: it.step.name, submittedAt: it.instance.startedAt,
        waitingSince: it.waitingSince, dueOn: r.dueOn, due: dueState(r, today, ctx.now(), cal),
      });
    }
    // Replies to applications go through the same engine; list them here too so a reviewer has one inbox.
    const replies: ReplyQueueRow[] = [];
    for (const it of await review.queueFor(db, req.user!, { subjectType: 'request_reply' })) {
      const c = await findCase(db, it.instance.subjectId);
      if (!c || c.status !== 'reply_review') continue;
      replies.push({
        caseId: c.id, trackingNo: c.trackingNo, description: c.infoDescription.length > 60 ? c.infoDescription.slice(0, 60) + '…' : c.infoDescription,
        orgName: c.orgName, stepName: it.step.name, waitingSince: it.waitingSince, statutoryDueOn: c.statutoryDueOn,
      });
    }
    return reply.page((vc) => QueuePage({ vc, rows, replies, notice: noticeOf(req.query.done) }));
  });

  // --- one record ------------------------------------------------------------------------------

  app.get('/admin/catalog/:id/review', { config: { policy: 'catalog.read' }, schema: { params: RecordParams, querystring: NoticeQuery } },
    async (req, reply) => reviewPage(req, reply, req.params.id, { notice: noticeOf(req.query.done) }));

  app.post('/admin/catalog/:id/submit', { config: { policy: 'catalog.draft' }, schema: { params: RecordParams } }, async (req, reply) => {
    const id = req.params.id;
    await loadReadable(req, id);
    const { opinion } = readStrings(SubmitForm, req.body);
    const r = await submitRecord(ctx, caller(req), id, opinion);
    if (r.ok) return reply.redirect(`/admin/catalog/${id}/review?done=submitted`, 303);
    if (r.reason === 'forbidden' || r.reason === 'not_found') raise(r);
    return reviewPage(req, reply, id, { message: r.message, values: { submitOpinion: opinion }, errors: r.fields ? { submitOpinion: r.fields.opinion } : undefined }, statusOf(r));
  });

  app.post('/admin/catalog/:id/review', { config: { policy: 'catalog.review' }, schema: { params: RecordParams } }, async (req, reply) => {
    const id = req.params.id;
    await loadReadable(req, id);
    const { step: stepRaw, ...values } = readStrings(ReviewForm, req.body);
    const expectedStep = /^\d{1,2}$/.test(stepRaw) ? Number(stepRaw) : null;
    const r = await reviewRecord(ctx, caller(req), id, { conclusion: values.conclusion, opinion: values.opinion, expectedStep, secrecy: values });
    if (r.ok) return reply.redirect(`/admin/catalog/${id}/review?done=acted`, 303);
    if (r.reason === 'not_found') raise(r);
    return reviewPage(req, reply, id, { message: r.message, values, errors: r.fields }, r.reason === 'not_eligible' || r.reason === 'same_actor' ? 403 : statusOf(r));
  });

  // One value's places (group) or every open finding of a kind: by the clerk before submitting, by the reviewers after.
  app.post('/admin/catalog/:id/findings/resolve', { config: { policy: 'catalog.read' }, schema: { params: RecordParams } }, async (req, reply) => {
    const id = req.params.id;
    await loadReadable(req, id);
    const t = readStrings(FindingTargetForm, req.body);
    let values: Record<string, string>;
    let r;
    if (GROUP_TOKEN_RE.test(t.group)) {
      values = readStrings(findingGroupForm(t.group), req.body);
      r = await resolveFindings(ctx, caller(req), id, { group: t.group }, { resolution: values[`r-${t.group}`], reason: values[`reason-${t.group}`] },
        { resolution: `r-${t.group}`, reason: `reason-${t.group}` });
    } else if (/^[a-z_]{2,20}$/.test(t.kind)) {
      values = readStrings(findingKindForm(t.kind), req.body);
      r = await resolveFindings(ctx, caller(req), id, { kind: t.kind }, { resolution: t.resolution, reason: values[`reason-all-${t.kind}`] },
        { resolution: `reason-all-${t.kind}`, reason: `reason-all-${t.kind}` });
    } else throw new AppError('not_found', '该条检查结果不存在，请刷新页面后再处理。');
    if (r.ok) return reply.redirect(`/admin/catalog/${id}/review?done=${r.allowed ? 'allowed' : 'resolved'}#h-findings`, 303);
    if (r.reason === 'forbidden') raise(r);
    return reviewPage(req, reply, id, { message: r.message, values, errors: r.fields }, r.reason === 'not_found' ? 404 : statusOf(r));
  });

  app.post('/admin/catalog/:id/findings/:fid', { config: { policy: 'catalog.review' }, schema: { params: FindingParams } }, async (req, reply) => {
    const { id, fid } = req.params;
    await loadReadable(req, id);
    const values: Record<string, string> = readStrings(findingForm(fid), req.body);
    const r = await resolveFinding(ctx, caller(req), id, fid, { resolution: values[`r${fid}`], reason: values[`reason${fid}`] });
    if (r.ok) return reply.redirect(`/admin/catalog/${id}/review?done=resolved#h-findings`, 303);
    if (r.reason === 'forbidden') raise(r);
    return reviewPage(req, reply, id, { message: r.message, values, errors: r.fields }, r.reason === 'not_found' ? 404 : statusOf(r));
  });

  app.post('/admin/catalog/:id/withdraw', { config: { policy: 'catalog.manage' }, schema: { params: RecordParams } }, async (req, reply) => {
    const id = req.params.id;
    await loadReadable(req, id);
    const { reason } = readStrings(WithdrawForm, req.body);
    const r = await withdrawRecord(ctx, caller(req), id, reason);
    if (r.ok) return reply.redirect(`/admin/catalog/${id}/review?done=withdrawn`, 303);
    if (r.reason === 'forbidden' || r.reason === 'not_found') raise(r);
    return reviewPage(req, reply, id, { message: r.message, values: { reason }, errors: r.fields }, statusOf(r));
  });

  app.post('/admin/catalog/:id/coordination', { config: { policy: 'catalog.read' }, schema: { params: RecordParams } }, async (req, reply) => {
    const id = req.params.id;
    await loadReadable(req, id);
    const raw = (req.body as Record<string, unknown> | undefined)?.orgIds;
    const orgIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((x): x is string => typeof x === 'string').slice(0, 200).map((x) => x.slice(0, 12));
    const values = readStrings(CoordinationForm, req.body);
    const r = await sendCoordination(ctx, caller(req), id, { orgIds, ...values });
    if (r.ok) return reply.redirect(`/admin/catalog/${id}/review?done=sent#h-coord`, 303);
    if (r.reason === 'forbidden' || r.reason === 'not_found') raise(r);
    return reviewPage(req, reply, id, { message: r.message, values, selectedOrgs: orgIds, errors: r.fields }, statusOf(r));
  });

  // --- interpretation plan and interpretations ---------------------------------------------------

  const planValues = (b: unknown) => readStrings(PlanForm, b);

  app.get('/admin/catalog/:id/plan', { config: { policy: 'catalog.draft' }, schema: { params: RecordParams } }, async (req, reply) => {
    const r = await loadReadable(req, req.params.id);
    const p = (r.interpretationPlan && typeof r.interpretationPlan === 'object' ? r.interpretationPlan : {}) as Record<string, unknown>;
    const values = { outline: String(p.outline ?? ''), form: String(p.form ?? ''), channel: String(p.channel ?? ''), date: String(p.date ?? '') };
    return reply.page((vc) => PlanPage({ vc, r, values }));
  });

  app.post('/admin/catalog/:id/plan', { config: { policy: 'catalog.draft' }, schema: { params: RecordParams } }, async (req, reply) => {
    const r = await loadReadable(req, req.params.id);
    const values = planValues(req.body);
    const res = await savePlan(ctx, caller(req), r.id, values);
    if (res.ok) return reply.redirect(`/admin/catalog/${r.id}/review?done=plan`, 303);
    if (res.reason === 'forbidden' || res.reason === 'not_found') raise(res);
    return reply.page((vc) => PlanPage({ vc, r, values, errors: res.fields, message: res.message }), statusOf(res));
  });

  const interpretValues = (b: unknown) => readStrings(InterpretForm, b);
  /** The expert ids as posted (strings; the use case checks them). */
  const expertsOf = (b: unknown): string[] => { const f = parseForm(ExpertsForm, b); const v = f.values.experts; return Array.isArray(v) ? v.map(String) : []; };
  const activeExperts = async () => (await expertChoices(db, [])).active;

  app.get('/admin/catalog/:id/interpret', { config: { policy: 'catalog.draft' }, schema: { params: RecordParams } }, async (req, reply) => {
    const r = await loadReadable(req, req.params.id);
    const values = { title: `《${r.title}》政策解读`.slice(0, 200), form: '', body: '', link: '', keywords: r.keywords };
    const expertOptions = await activeExperts();
    return reply.page((vc) => InterpretPage({ vc, r, values, expertOptions, checked: [] }));
  });

  app.post('/admin/catalog/:id/interpret', { config: { policy: 'catalog.draft' }, bodyLimit: 4 * 1024 * 1024, schema: { params: RecordParams } }, async (req, reply) => {
    const r = await loadReadable(req, req.params.id);
    const values = interpretValues(req.body);
    const checked = expertsOf(req.body);
    const res = await createInterpretation(ctx, caller(req), r.id, { ...values, experts: checked });
    if (res.ok) return reply.redirect(`/admin/catalog/${res.id}/review`, 303);
    if (res.reason === 'forbidden' || res.reason === 'not_found') raise(res);
    const expertOptions = await activeExperts();
    return reply.page((vc) => InterpretPage({ vc, r, values, errors: res.fields, message: res.message, expertOptions, checked }), statusOf(res));
  });

  app.post('/admin/catalog/:id/experts', { config: { policy: 'catalog.draft' }, schema: { params: RecordParams } }, async (req, reply) => {
    const id = req.params.id;
    await loadReadable(req, id);
    const checked = expertsOf(req.body);
    const res = await setInterpretationExperts(ctx, caller(req), id, checked);
    if (res.ok) return reply.redirect(`/admin/catalog/${id}/review?done=experts#h-experts`, 303);
    if (res.reason === 'forbidden' || res.reason === 'not_found') raise(res);
    return reviewPage(req, reply, id, { message: res.message, errors: res.fields, checkedExperts: checked }, statusOf(res));
  });

  app.get('/admin/catalog/interpretations', { config: { policy: 'catalog.read' } }, async (req, reply) => {
    const cal = await ctx.calendar.get();
    const { today } = todayOf(ctx);
    const horizon = addDays(today, 14);
    const rows = (await wrepo.interpretationsDue(db, scopeOf(req.user!, 'catalog.read'), horizon))
      .map((r) => ({ ...r, due: dueBadge(r.interpretationDueOn!, today, cal) }));
    return reply.page((vc) => InterpretationsPage({ vc, rows, horizon }));
  });

  // --- 复查 --------------------------------------------------------------------------------------

  function recheckScope(req: FastifyRequest): Set<number> {
    const s = new Set([...scopeOf(req.user!, 'catalog.secrecy'), ...scopeOf(req.user!, 'catalog.manage')]);
    if (!s.size) throw new AppError('forbidden', '只有保密审查员或政务公开办可以复查不予公开的信息。');
    return s;
  }

  async function recheckPage(req: FastifyRequest, reply: FastifyReply, q: { all?: string; done?: string }, p: { values?: Record<string, string>; errors?: Record<string, string>; message?: string } = {}, status = 200) {
    const { today } = todayOf(ctx);
    const horizon = addDays(today, RECHECK_HORIZON_DAYS);
    // ?all=1: every withheld record, so one can be re-examined (e.g. declassified) before its date.
    const all = q.all === '1';
    const rows = await wrepo.recheckDue(db, recheckScope(req), all ? null : horizon);
    return reply.page((vc) => RecheckPage({ vc, rows, horizon, all, defaultNext: defaultRecheck(today), notice: noticeOf(q.done), ...p }), status);
  }

  app.get('/admin/catalog/recheck', { config: { policy: 'catalog.read' }, schema: { querystring: RecheckQuery } }, async (req, reply) => recheckPage(req, reply, req.query));

  app.post('/admin/catalog/:id/recheck', { config: { policy: 'catalog.read' }, schema: { params: RecordParams, querystring: RecheckQuery } }, async (req, reply) => {
    const { id } = req.params;
    recheckScope(req);
    const values = { id: String(id), ...readStrings(RecheckForm, req.body) };
    const r = await recheckRecord(ctx, caller(req), id, values);
    if (r.ok) return reply.redirect(`/admin/catalog/recheck?done=rechecked${req.query.all === '1' ? '&all=1' : ''}`, 303);
    if (r.reason === 'forbidden' || r.reason === 'not_found') raise(r);
    return recheckPage(req, reply, { all: req.query.all }, { values, errors: r.fields, message: r.message }, statusOf(r));
  });

  // --- 保密审查 written records -----------------------------------------------------------------

  function exportFilters(q: SecrecyExportQuery): { values: Record<string, string>; errors: Record<string, string> } {
    const s = (k: keyof SecrecyExportQuery) => (q[k] ?? '').slice(0, 12).trim();
    const values = { org: s('org'), from: s('from'), to: s('to') };
    const errors: Record<string, string> = {};
    if (values.org && parseId(values.org) === null) errors.org = '机构无效，请从列表中选择';
    if (values.from && !isValidIsoDate(values.from)) errors.from = '日期应为 YYYY-MM-DD 格式';
    if (values.to && !isValidIsoDate(values.to)) errors.to = '日期应为 YYYY-MM-DD 格式';
    return { values, errors };
  }

  async function exportOrgs(req: FastifyRequest) {
    const scope = recheckScope(req);
    return { scope, orgs: (await wrepo.activeOrgs(db)).filter((o) => scope.has(o.id)) };
  }

  app.get('/admin/catalog/secrecy-reviews', { config: { policy: 'catalog.read' }, schema: { querystring: SecrecyExportQuery } }, async (req, reply) => {
    const { orgs } = await exportOrgs(req);
    const { values } = exportFilters(req.query);
    return reply.page((vc) => SecrecyReviewsPage({ vc, orgs, values }));
  });

  app.get('/admin/catalog/secrecy-reviews.csv', { config: { policy: 'catalog.read' }, schema: { querystring: SecrecyExportQuery } }, async (req, reply) => {
    const { scope, orgs } = await exportOrgs(req);
    const { values, errors } = exportFilters(req.query);
    if (Object.keys(errors).length) return reply.page((vc) => SecrecyReviewsPage({ vc, orgs, values, errors }), 422);
    const rows = await wrepo.listSecrecyReviews(db, { scope, orgId: parseId(values.org), from: values.from || null, to: values.to || null });
    const head = ['索引号', '机构', '信息名称', '文号或内容摘要', '拟公开属性', '拟定理由', '审查结论', '不予公开理由', '审查依据', '审查人', '审查日期', '复查日期'];
    const body = rows.map((s) => [s.indexNo, s.orgName, s.title, s.docNoOrSummary, disclosureLabel(s.proposedDisclosure), s.proposedReason ?? '',
      secrecyConclusionLabel(s.conclusion), s.ground ? groundLabel(s.ground) : '', s.basis, s.reviewerName, s.reviewedOn, s.recheckOn ?? '']);
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="secrecy-reviews.csv"').send(toCsv([head, ...body]));
  });

  // --- 征求意见 inbox ----------------------------------------------------------------------------

  async function coordinationPage(req: FastifyRequest, reply: FastifyReply, p: { values?: Record<string, string>; errors?: Record<string, string>; message?: string; notice?: string } = {}, status = 200) {
    const user = req.user!;
    const inboxScope = new Set([...scopeOf(user, 'catalog.review'), ...scopeOf(user, 'catalog.draft')]);
    const manage = scopeOf(user, 'catalog.manage');
    const [inbox, disputes] = await Promise.all([wrepo.coordinationInbox(db, inboxScope), manage.size ? wrepo.disagreements(db, manage) : Promise.resolve([])]);
    const { today } = todayOf(ctx);
    return reply.page((vc) => CoordinationPage({ vc, inbox, disputes, canDecide: manage.size > 0, today, ...p }), status);
  }

  app.get('/admin/coordination', { config: { policy: 'catalog.read' }, schema: { querystring: NoticeQuery } }, async (req, reply) => coordinationPage(req, reply, { notice: noticeOf(req.query.done) }));

  app.post('/admin/coordination/:cid/reply', { config: { policy: 'catalog.read' }, schema: { params: CoordinationParams } }, async (req, reply) => {
    const cid = req.params.cid;
    const values: Record<string, string> = readStrings(coordinationReplyForm(cid), req.body);
    const r = await replyCoordination(ctx, caller(req), cid, { stance: values[`stance${cid}`], text: values[`text${cid}`] });
    if (r.ok) return reply.redirect('/admin/coordination?done=replied', 303);
    if (r.reason === 'forbidden' || r.reason === 'not_found') raise(r);
    return coordinationPage(req, reply, { values, errors: r.fields, message: r.message }, statusOf(r));
  });

  app.post('/admin/coordination/:cid/decide', { config: { policy: 'catalog.manage' }, schema: { params: CoordinationParams } }, async (req, reply) => {
    const cid = req.params.cid;
    const values: Record<string, string> = readStrings(coordinationDecideForm(cid), req.body);
    const r = await decideCoordination(ctx, caller(req), cid, values[`decision${cid}`]);
    if (r.ok) return reply.redirect('/admin/coordination?done=decided', 303);
    if (r.reason === 'forbidden' || r.reason === 'not_found') raise(r);
    return coordinationPage(req, reply, { values, errors: r.fields, message: r.message }, statusOf(r));
  });
}
