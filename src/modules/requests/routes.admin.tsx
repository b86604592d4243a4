// Staff screens of 依申请公开: the queue, the case page and every handling action. Routes stay thin:
// read the form → use case (handling.ts) → redirect, or the case page again with the values kept.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ownValue, readStrings } from '../../platform/forms/index.ts';
import type { AppContext } from '../../app-context.ts';
import { registerUploads, signedInOnly, uploadedFile } from '../../platform/http/uploads.ts';
import { AppError } from '../../platform/errors.ts';
import { fileStamp, formatInstant } from '../../platform/time/index.ts';
import { toCsv, toXlsx } from '../../platform/csv/index.ts';
import { MAX_QUEUE_EXPORT, queueExportRows } from './queue-export.ts';
import { addDays, addWorkingDays } from '../../calendar/index.ts';
import { can, scopeOf } from '../auth/policy.ts';
import { parseId } from '../portal/domain.ts';
import * as review from '../review/use-cases.ts';
import { SUBJECT } from './use-cases/shared.ts';
import { CASE_KINDS, CHANNELS, OUTCOMES, isStatus, type Status } from './model.ts';
import * as repo from './repo.ts';
import { cachedFilterChoices, cachedStatusCounts } from './queue-counts.ts';
import {
  actOnReply, assignHandler, decideExtension, deliverDocument, draftOf, draftReply, endConsultation, expireCorrection, expireFee,
  feePaid, receiveSupplement, replyChoices, requestExtension, signedReplyOf, sendCorrection, sendFeeNotice, startConsultation, submitReply,
  todayOf, transferCase, uploadDocument, type Caller, type Fail, type Upload,
} from './use-cases/index.ts';
import { applicantView, mayReveal, revealApplicant, type ApplicantView } from './pii.ts';
import { listAcceptingOrgs } from './intake.ts';
import { downloadForStaff } from './documents.ts';
import { QueuePage, type DueState, type QueueFilters } from './views/admin/queue.tsx';
import { CasePage, type CaseForm, type LedgerView } from './views/admin/case.tsx';
import { contentDisposition } from '../../platform/http/download.ts';
import type { TObject } from '@sinclair/typebox';
import {
  CaseActionForms, CaseDocumentParams, CaseParams, CaseVersionForm, NoticeQuery, QueueExportParams, QueueQuery, consultEndForm,
} from './api-schemas.ts';

const PER_PAGE = 20;
const UPLOAD_LIMIT = 20 * 1024 * 1024;
/** "即将到期": the statutory date is within this many working days. */
export const DUE_SOON_DAYS = 3;

const NOTICES: Record<string, string> = {
  assign: '已指定承办人。',
  transfer: '已转办。',
  correction: '补正告知已发出，补正告知书已生成，申请人可在查询页面下载。',
  supplement: '已登记补正材料，答复期限自今日起重新计算。',
  consult: '征求意见已发出，计时暂停。',
  'consult-end': '征求意见已结束。',
  fee: '收费通知已发出，计时暂停。',
  'fee-paid': '已登记缴费，恢复计时。',
  'expire-correction': '已按逾期未补正办结。',
  'expire-fee': '已按逾期未缴费办结。',
  extension: '延期申请已提交，等待政务公开办负责人审批。',
  'extension-decide': '延期审批意见已保存。',
  reply: '答复稿已保存。',
  'submit-reply': '答复已提交审核。',
  review: '审核意见已提交。',
  upload: '材料已上传。',
  deliver: '送达情况已记录。',
  confirmed: '已确认收到申请，开始计算答复期限。',
};

const caller = (req: FastifyRequest): Caller => ({ user: req.user!, ip: req.ip });

const TOO_LARGE = '上传的文件超过 20 MB，请压缩或拆分后再上传。';

/** The uploaded file of a multipart form: null when none was chosen, 'too_large' when it was cut off at the limit. */
function uploadOf(body: unknown, name: string): Upload | null | 'too_large' {
  const f = uploadedFile(body, name);
  if (!f) return null;
  if (f.truncated) return 'too_large';
  if (!f.filename && !f.data.length) return null;
  return { name: f.filename, data: f.data };
}

const intOf = (s: string): number => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** The clock as stored by clock.ts (the Clock object, or just its ledger array) → what the page shows. */
export function ledgerView(stored: unknown): LedgerView {
  const empty: LedgerView = { entries: [], holidays: [], makeupDays: [] };
  if (!stored) return empty;
  if (Array.isArray(stored)) return { ...empty, entries: stored as LedgerView['entries'] };
  const o = stored as Record<string, unknown>;
  const arr = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  return {
    entries: arr(o.ledger ?? o.entries), holidays: arr(o.holidays), makeupDays: arr(o.makeupDays),
    stoppedReason: typeof o.stoppedReason === 'string' ? o.stoppedReason : undefined,
    correctionDeadline: typeof o.correctionDeadline === 'string' ? o.correctionDeadline : undefined,
    correctionSendBy: typeof o.correctionSendBy === 'string' ? o.correctionSendBy : undefined,
    pauseDeadline: typeof o.pauseDeadline === 'string' ? o.pauseDeadline : undefined,
    extensionDaysUsed: typeof o.extensionDaysUsed === 'number' ? o.extensionDaysUsed : undefined,
  };
}

export function dueStateOf(r: { status: string; statutoryDueOn: string | null; internalDueOn: string | null }, today: string, soonBy: string): DueState {
  if (r.status === 'closed' || !r.statutoryDueOn) return 'none';
  if (r.statutoryDueOn < today) return 'overdue';
  if (r.statutoryDueOn <= soonBy) return 'soon';
  if (r.internalDueOn && r.internalDueOn < today) return 'internal';
  return 'ok';
}

export function registerRequestsAdmin(app: FastifyInstance, ctx: AppContext): void {
  // Own scope: multipart (supplements, staff uploads) is parsed only for this module's routes.
  app.register(async (scope) => {
    await routes(scope, ctx);
  });
}

async function routes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  await registerUploads(app, { maxBytes: UPLOAD_LIMIT, fields: 20, tooLarge: TOO_LARGE, allow: signedInOnly });

  async function soonBy(today: string): Promise<string> {
    try { return addWorkingDays(await ctx.calendar.get(), today, DUE_SOON_DAYS); } catch { return addDays(today, DUE_SOON_DAYS); }
  }

  // --- queue ---------------------------------------------------------------------------------

  /** The queue's filters from the query string (the screen and its exports read the same ones). */
  async function queueFilterOf(req: FastifyRequest, q: QueueQuery): Promise<{ f: QueueFilters; filter: repo.QueueFilter; page: number; today: string }> {
    const s = (k: keyof QueueQuery, max: number) => (q[k] ?? '').slice(0, max).trim();
    const statusRaw = s('status', 24);
    const f: QueueFilters = {
      status: statusRaw === 'all' || isStatus(statusRaw) ? statusRaw : '',
      org: parseId(s('org', 12)) ? s('org', 12) : '',
      handler: s('handler', 12) === 'me' || s('handler', 12) === 'none' || parseId(s('handler', 12)) ? s('handler', 12) : '',
      due: /^\d{1,3}$/.test(s('due', 3)) ? s('due', 3) : '',
      unit: s('unit', 2) === 'cd' ? 'cd' : '',
      overdue: s('overdue', 1) === '1' ? '1' : '',
      notoverdue: s('notoverdue', 1) === '1' ? '1' : '',
      channel: Object.hasOwn(CHANNELS, s('channel', 20)) ? s('channel', 20) : '',
      kind: Object.hasOwn(CASE_KINDS, s('kind', 20)) ? s('kind', 20) : '',
      q: s('q', 40),
      returned: s('returned', 1) === '1' ? '1' : '',
    };
    const page = Math.min(Math.max(Number(parseId(q.page) ?? 1), 1), 10_000);
    const user = req.user!;
    const scope = scopeOf(user, 'request.read');
    const today = todayOf(ctx);
    let dueBy: string | null = null;
    if (f.due) {
      const n = Number(f.due);
      if (f.unit === 'cd') dueBy = addDays(today, n);
      else { try { dueBy = addWorkingDays(await ctx.calendar.get(), today, n); } catch { dueBy = addDays(today, n); } }
    }
    const filter: repo.QueueFilter = {
      scope, status: f.status === 'all' ? null : f.status ? (f.status as Status) : 'open',
      orgId: parseId(f.org), handlerId: f.handler === 'me' ? user.id : parseId(f.handler), unassigned: f.handler === 'none',
      dueBy, overdueBefore: f.overdue ? today : null, dueFrom: f.notoverdue ? today : null, channel: f.channel || null, kind: f.kind || null, q: f.q || null,
      ids: f.returned ? await review.returnedTo(db, user, SUBJECT) : null,
    };
    return { f, filter, page, today };
  }

  // CSV or Excel of what the filters select (the first MAX_QUEUE_EXPORT rows, in the queue's order).
  app.get('/admin/requests/export.:format', { config: { policy: 'request.read' }, schema: { params: QueueExportParams, querystring: QueueQuery } }, async (req, reply) => {
    const { format } = req.params;
    const { filter } = await queueFilterOf(req, req.query);
    const { rows } = await repo.listQueue(db, filter, 1, MAX_QUEUE_EXPORT);
    const table = queueExportRows(rows);
    const name = `依申请公开办理台账-${fileStamp(ctx.now(), 'minute')}.${format}`;
    reply.header('cache-control', 'no-store').header('content-disposition', contentDisposition(name));
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(table));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(table, '依申请公开办理台账'));
  });

  app.get('/admin/requests', { config: { policy: 'request.read' }, schema: { querystring: QueueQuery } }, async (req, reply) => {
    const { f, filter, page, today } = await queueFilterOf(req, req.query);
    const user = req.user!;
    const scope = scopeOf(user, 'request.read');
    const counts = await cachedStatusCounts(db, filter);
    const known = repo.totalFromCounts(filter.status, counts);
    const [{ rows, total }, { orgs, handlers }, soon] = await Promise.all([
      repo.listQueue(db, filter, page, PER_PAGE, known === undefined ? undefined : { total: known }),
      cachedFilterChoices(db, scope),
      soonBy(today),
    ]);
    return reply.page((vc) => QueuePage({
      vc, filters: f, counts, total, page, pages: Math.max(1, Math.ceil(total / PER_PAGE)), orgs, handlers, today,
      rows: rows.map((r) => ({ ...r, due: dueStateOf(r, today, soon) })),
      canRegister: can(user, 'request.register'), canStats: can(user, 'request.stats'), canManage: can(user, 'request.manage'),
    }));
  });

  // --- one case ------------------------------------------------------------------------------

  async function loadReadable(req: FastifyRequest, id: number): Promise<repo.CaseRow> {
    const c = await repo.findCase(db, id);
    if (!c) throw new AppError('not_found', '该申请不存在或已被删除。');
    if (!can(req.user, 'request.read', { orgId: c.orgId })) throw new AppError('forbidden', '您没有查看该单位依申请公开事项的权限。');
    return c;
  }

  async function casePage(req: FastifyRequest, reply: FastifyReply, id: number, opts: { form?: CaseForm; notice?: string; applicant?: ApplicantView } = {}, status = 200) {
    const c = await loadReadable(req, id);
    const user = req.user!;
    const today = todayOf(ctx);
    const [events, documents, dueChanges, orgs, handlers, soon] = await Promise.all([
      repo.listEvents(db, c.id), repo.listDocuments(db, c.id), repo.listDueChanges(db, c.id), listAcceptingOrgs(db),
      repo.handlerCandidates(db, c.orgId), soonBy(today),
    ]);
    let reviewPanel = null;
    const inst = c.replyReviewInstanceId ? await review.getInstance(db, c.replyReviewInstanceId) : null;
    if (inst) {
      const history = await review.history(db, inst.id);
      reviewPanel = {
        status: inst.status, stepName: inst.steps[inst.currentStep]?.name ?? null, currentStep: inst.currentStep, steps: inst.steps.map((s) => ({ name: s.name })),
        history: history.map((h) => ({ stepName: h.stepName, actorName: h.actorName, conclusion: h.conclusion, opinion: h.opinion, actedAt: formatInstant(h.actedAt, 'minute') })),
        mayAct: can(user, 'request.review', { orgId: c.orgId }) && review.mayActNow(inst, user),
      };
    }
    const withheldGrounds = Object.entries(OUTCOMES).filter(([k]) => k.startsWith('3.')).map(([k, v]) => ({ value: k, label: `${v.label}（${v.basis.replace('《中华人民共和国政府信息公开条例》', '条例')}）` }));
    return reply.page((vc) => CasePage({
      vc, c, applicant: opts.applicant ?? applicantView(ctx, c, false), canReveal: mayReveal(user, c),
      events, documents, dueChanges, ledger: ledgerView(c.ledger), today, due: dueStateOf(c, today, soon),
      can: {
        handle: can(user, 'request.handle', { orgId: c.orgId }), assign: can(user, 'request.assign', { orgId: c.orgId }),
        approve: can(user, 'request.extension.approve', { orgId: c.orgId }), register: can(user, 'request.register', { orgId: c.orgId }),
      },
      handlers, orgs, review: reviewPanel, draft: draftOf(c) ?? signedReplyOf(c), signed: c.status === 'closed', replyChoices: replyChoices(c.kind), withheldGrounds,
      form: opts.form, notice: opts.notice,
    }), status);
  }

  app.get('/admin/requests/:id', { config: { policy: 'request.read' }, schema: { params: CaseParams, querystring: NoticeQuery } }, async (req, reply) => {
    return casePage(req, reply, req.params.id, { notice: ownValue(NOTICES, req.query.done) });
  });

  // A download is a full view of the applicant's data: allowed and audited like revealing it.
  app.get('/admin/requests/:id/documents/:docId', { config: { policy: 'request.read' }, schema: { params: CaseDocumentParams } }, async (req, reply) => {
    const c = await loadReadable(req, req.params.id);
    const d = await downloadForStaff(ctx, req.user!, c.id, req.params.docId, req.ip);
    if (!d.ok) throw new AppError(d.reason, d.message);
    return reply.type(d.mime).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff')
      .header('content-disposition', contentDisposition(d.name)).send(d.bytes);
  });

  app.post('/admin/requests/:id/reveal', { config: { policy: 'request.read' }, schema: { params: CaseParams } }, async (req, reply) => {
    const id = req.params.id;
    const r = await revealApplicant(ctx, req.user!, id, req.ip);
    if (!r.ok) {
      if (r.reason === 'not_found') throw new AppError('not_found', r.message);
      throw new AppError('forbidden', r.message);
    }
    const { ok: _ok, ...view } = r;
    return casePage(req, reply, id, { applicant: view });
  });

  // --- actions -------------------------------------------------------------------------------

  type Handler = (req: FastifyRequest, id: number, version: number | undefined) => Promise<{ ok: true } | Fail>;
  type Policy = 'request.handle' | 'request.assign' | 'request.extension.approve' | 'request.review';

  /** Registers POST /admin/requests/:id/<name>: run, then redirect; or the page again with the form's values and errors. */
  function action(name: string, policy: Policy, fieldMapOf: Record<string, string> | ((req: FastifyRequest) => Record<string, string>), run: Handler) {
    app.post(`/admin/requests/:id/${name}`, { config: { policy }, bodyLimit: 1024 * 1024, schema: { params: CaseParams } }, async (req, reply) => {
      const id = req.params.id;
      const c = await loadReadable(req, id);
      if (!can(req.user, policy, { orgId: c.orgId })) throw new AppError('forbidden', '您没有办理该单位依申请公开事项的权限。');
      const versionRaw = readStrings(CaseVersionForm, req.body).version;
      const version = versionRaw ? Number(parseId(versionRaw) ?? -1) : undefined;
      const r = await run(req, id, version);
      if (r.ok) return reply.redirect(`/admin/requests/${id}?done=${name}`, 303);
      if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
      if (r.reason === 'not_found') throw new AppError('not_found', r.message);
      const values: Record<string, string> = {};
      const body = (req.body ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') values[k] = v.slice(0, 4000);
      const fieldMap = typeof fieldMapOf === 'function' ? fieldMapOf(req) : fieldMapOf;
      const errors: Record<string, string> = {};
      let message = r.reason === 'invalid' ? undefined : r.message;
      for (const [k, v] of Object.entries(r.fields ?? {})) {
        const target = fieldMap[k] ?? (k in values ? k : undefined);
        if (target) errors[target] = v; else message = message ? `${message} ${v}` : v;
      }
      return casePage(req, reply, id, { form: { name, values, errors, message } }, r.reason === 'invalid' ? 422 : 409);
    });
  }

  // Each action reads its own form through its schema (api-schemas.ts CaseActionForms).
  const f = <T extends TObject>(req: FastifyRequest, schema: T) => readStrings(schema, req.body);
  const F = CaseActionForms;

  action('assign', 'request.assign', { handlerId: 'assign_handler' }, (req, id, version) =>
    assignHandler(ctx, caller(req), id, { handlerId: Number(parseId(f(req, F.assign).assign_handler) ?? 0), version }));

  action('transfer', 'request.assign', { orgId: 'transfer_org', reason: 'transfer_reason' }, (req, id, version) => {
    const v = f(req, F.transfer);
    return transferCase(ctx, caller(req), id, { orgId: Number(parseId(v.transfer_org) ?? 0), reason: v.transfer_reason, version });
  });

  action('correction', 'request.handle', { content: 'corr_content', deadline: 'corr_deadline', confirm: 'corr_confirm' }, async (req, id, version) => {
    const v = f(req, F.correction);
    // 补正 may be asked only once (第三十条): the clerk confirms before it goes out.
    if (v.corr_confirm !== '1') {
      return { ok: false as const, reason: 'invalid' as const, message: '', fields: {
        confirm: '请勾选确认：补正告知只能发出一次',
        ...(v.corr_content ? {} : { content: '请填写需要补正的事项' }),
      } };
    }
    return sendCorrection(ctx, caller(req), id, { content: v.corr_content, deadline: v.corr_deadline || undefined, version });
  });

  action('supplement', 'request.handle', { text: 'sup_text', file: 'sup_file' }, async (req, id, version) => {
    const file = uploadOf(req.body, 'sup_file');
    if (file === 'too_large') return { ok: false, reason: 'invalid', message: '', fields: { file: TOO_LARGE } };
    return receiveSupplement(ctx, caller(req), id, { text: f(req, F.supplement).sup_text, file, version });
  });

  action('consult', 'request.handle', { reason: 'cons_reason', party: 'cons_party' }, (req, id, version) => {
    const v = f(req, F.consult);
    return startConsultation(ctx, caller(req), id, { reason: v.cons_reason, party: v.cons_party, content: v.cons_content, version });
  });

  // The end form's field names carry the consultation's event id (several may be open at once).
  const endEvent = (req: FastifyRequest) => f(req, F.consultEndEvent).eventId;
  action('consult-end', 'request.handle', (req) => { const e = endEvent(req); return { result: `end_result_${e}`, opinion: `end_opinion_${e}` }; }, (req, id, version) => {
    const e = endEvent(req);
    const v = f(req, consultEndForm(e));
    return endConsultation(ctx, caller(req), id, { eventId: Number(parseId(e) ?? 0), result: v[`end_result_${e}`], opinion: v[`end_opinion_${e}`], version });
  });

  action('fee', 'request.handle', { method: 'fee_method', count: 'fee_count' }, (req, id, version) => {
    const v = f(req, F.fee);
    return sendFeeNotice(ctx, caller(req), id, { method: v.fee_method, count: intOf(v.fee_count), priorThisMonth: intOf(v.fee_prior) || 0, version });
  });

  action('fee-paid', 'request.handle', {}, (req, id, version) => feePaid(ctx, caller(req), id, { version }));
  action('expire-fee', 'request.handle', {}, (req, id, version) => expireFee(ctx, caller(req), id, { version }));
  action('expire-correction', 'request.handle', {}, (req, id, version) => expireCorrection(ctx, caller(req), id, { version }));

  action('extension', 'request.handle', { days: 'ext_days', reason: 'ext_reason' }, (req, id, version) => {
    const v = f(req, F.extension);
    return requestExtension(ctx, caller(req), id, { days: intOf(v.ext_days), reason: v.ext_reason, version });
  });

  action('extension-decide', 'request.extension.approve', { opinion: 'dec_opinion', decision: 'dec_decision' }, async (req, id, version) => {
    const v = f(req, F.extensionDecide);
    const d = v.dec_decision;
    if (d !== 'approve' && d !== 'reject') return { ok: false, reason: 'invalid', message: '', fields: { decision: '请选择审批结论' } };
    return decideExtension(ctx, caller(req), id, { eventId: Number(parseId(v.eventId) ?? 0), approve: d === 'approve', opinion: v.dec_opinion, version });
  });

  const replyMap: Record<string, string> = {
    choice: 'reply_choice', text: 'reply_text', withheld: 'reply_withheld', agency: 'reply_agency', agencyContact: 'reply_contact', published: 'reply_published',
    withheldPart1: 'wh_part1', withheldPart2: 'wh_part2', withheldPart3: 'wh_part3', withheldGround1: 'wh_ground1', withheldGround2: 'wh_ground2',
    withheldGround3: 'wh_ground3', withheldReason1: 'wh_reason1', withheldReason2: 'wh_reason2', withheldReason3: 'wh_reason3',
  };
  action('reply', 'request.handle', replyMap, (req, id, version) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const provideDocIds = Object.keys(body).map((k) => /^provide_(\d{1,9})$/.exec(k)).filter((m): m is RegExpExecArray => !!m && body[m[0]] === '1').map((m) => Number(m[1]));
    const v = f(req, F.reply);
    return draftReply(ctx, caller(req), id, {
      choice: v.reply_choice, text: v.reply_text,
      withheld: ([1, 2, 3] as const).map((i) => ({ part: v[`wh_part${i}`], ground: v[`wh_ground${i}`], reason: v[`wh_reason${i}`] })),
      agency: v.reply_agency, agencyContact: v.reply_contact, published: v.reply_published, provideDocIds, version,
    });
  });

  action('submit-reply', 'request.handle', { opinion: 'submit_opinion' }, (req, id, version) =>
    submitReply(ctx, caller(req), id, { version, opinion: f(req, F.submitReply).submit_opinion }));

  action('review', 'request.review', { conclusion: 'rv_conclusion', opinion: 'rv_opinion' }, (req, id, version) => {
    const v = f(req, F.review);
    const step = parseId(v.expectedStep) ?? (v.expectedStep === '0' ? 0 : undefined);
    return actOnReply(ctx, caller(req), id, { conclusion: v.rv_conclusion, opinion: v.rv_opinion, expectedStep: step ?? undefined, version });
  });

  action('upload', 'request.handle', { file: 'up_file' }, async (req, id, version) => {
    const file = uploadOf(req.body, 'up_file');
    if (file === 'too_large') return { ok: false, reason: 'invalid', message: '', fields: { file: TOO_LARGE } };
    if (!file) return { ok: false, reason: 'invalid', message: '', fields: { file: '请选择要上传的文件' } };
    return uploadDocument(ctx, caller(req), id, { file, version });
  });

  action('deliver', 'request.handle', { documentId: 'dl_doc', method: 'dl_method', on: 'dl_on' }, (req, id, version) => {
    const v = f(req, F.deliver);
    return deliverDocument(ctx, caller(req), id, { documentId: Number(parseId(v.dl_doc) ?? 0), method: v.dl_method, on: v.dl_on || undefined, note: v.dl_note, version });
  });
}

