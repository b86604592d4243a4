// Public routes of 互动交流: the column index (cached), 意见征集 and 在线访谈 lists and pages, the
// comment and question forms (CSRF by the platform; a coarse per-address limit here, the real
// per-address and per-subject limits in use-cases/submit.ts so the typed text is shown again), the
// draft's attachment and GET /api/v1/consultations.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { IdParams, QueryStr, readStrings, type FormStrings } from '../../platform/forms/index.ts';
import { maskName } from '../../platform/crypto/index.ts';
import { getFile } from '../../platform/files/index.ts';
import { contentDisposition } from '../../platform/http/download.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { acceptsComments, acceptsQuestions, draftPhase } from './domain.ts';
import * as drafts from './drafts.repo.ts';
import * as interviews from './interviews.repo.ts';
import * as subs from './submissions.repo.ts';
import { SubmissionForm } from './forms.ts';
import type { SubjectKind } from './submissions.ts';
import { submitPublic } from './use-cases/submit.ts';
import { NOT_FOUND, PUBLIC_HREF } from './use-cases/subjects.ts';
import { DraftListPage, DraftPage, HDJL_HREF, HdjlIndexPage, InterviewListPage, InterviewPage, WithdrawnPage, YJZJ_HREF, ZXFT_HREF } from './views/public.tsx';
import type { PublicSubmission, SubmitFormState } from './views/submission.tsx';
import { registerConsultationsApi } from './routes.api.ts';

const PAGE_SIZE = 20;
const MAX_PAGE = 500;
const ListQuery = Type.Object({ page: QueryStr('页码', 10) });
const SentQuery = Type.Object({ sent: QueryStr('已提交', 5) });
const pageOf = (v: string | undefined): number => (v && /^[1-9]\d{0,3}$/.test(v) ? Math.min(Number(v), MAX_PAGE) : 1);
const STATUS: Record<string, number> = { invalid: 422, closed: 422, rate_limited: 429, duplicate: 409, not_found: 404 };

export function registerInteractionPublic(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const PUBLIC = { config: { policy: 'public' } } as const;
  const CACHED = { config: { policy: 'public', pageCache: true } } as const;
  // A coarse guard in front of the database; the limits people meet are the use case's.
  const LIMITED = { config: { policy: 'public', rateLimit: { max: 60, timeWindow: '1 minute', errorResponseBuilder: () => new AppError('rate_limited', '提交过于频繁，请稍候一分钟后再试。') } } } as const;

  const shown = (rows: subs.SubmissionRow[]): PublicSubmission[] => rows.map((s) => ({
    id: s.id, who: s.nameEnc ? `网友 ${maskName(ctx.fieldCipher.decrypt(s.nameEnc))}` : '网友', at: s.createdAt, text: s.text, answer: s.answer, answeredAt: s.answeredAt,
  }));

  app.get(HDJL_HREF, CACHED, async (_req, reply) => reply.page((vc) => <HdjlIndexPage ctx={vc} />));
  for (const bare of ['/hdjl', '/hdjl/yjzj', '/hdjl/zxft']) app.get(bare, PUBLIC, async (_req, reply) => reply.redirect(`${bare}/`, 301));

  // --- 意见征集 -------------------------------------------------------------------------------------

  app.get(YJZJ_HREF, { ...PUBLIC, schema: { querystring: ListQuery } }, async (req, reply) => {
    const today = beijingToday(ctx.now());
    const want = pageOf(req.query.page);
    const [current, first] = await Promise.all([drafts.listCurrentDrafts(db, today), drafts.listEndedDrafts(db, today, PAGE_SIZE, (want - 1) * PAGE_SIZE)]);
    const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
    const page = Math.min(want, pages);
    const ended = page === want ? first.rows : (await drafts.listEndedDrafts(db, today, PAGE_SIZE, (page - 1) * PAGE_SIZE)).rows;
    return reply.page((vc) => <DraftListPage ctx={vc} today={today} current={current} ended={ended} page={page} pages={pages} />);
  });

  async function draftPage(reply: FastifyReply, id: number, form: SubmitFormState, status = 200) {
    const d = await drafts.findDraft(db, id);
    const today = beijingToday(ctx.now());
    if (d?.status === 'withdrawn') return withdrawnDraft(reply, d);
    if (!d || draftPhase(d, today) === 'unpublished') throw new AppError('not_found', NOT_FOUND.draft);
    const comments = d.showComments ? shown(await subs.listApproved(db, 'draft', id)) : null;
    const refusal = form.message ? null : acceptsComments(d, today) ? null
      : draftPhase(d, today) === 'upcoming' ? `本次意见征集自 ${d.startDate} 开始，届时方可提交意见。` : `本次意见征集已于 ${d.endDate}（北京时间）结束，不再接收意见。`;
    return reply.page((vc) => <DraftPage ctx={vc} d={d} today={today} comments={comments} form={form} refusal={refusal} />, status);
  }

  const withdrawnDraft = (reply: FastifyReply, d: drafts.DraftView) =>
    reply.page((vc) => <WithdrawnPage ctx={vc} kind="draft" title={d.title} orgName={d.orgName} at={d.withdrawnAt} reason={d.withdrawReason} />, 410);

  const DraftParams = IdParams('id', NOT_FOUND.draft);
  app.get(`${YJZJ_HREF}:id`, { ...PUBLIC, schema: { params: DraftParams, querystring: SentQuery } }, async (req, reply) =>
    draftPage(reply, req.params.id, { values: {}, sent: req.query.sent === '1' }));

  app.get(`${YJZJ_HREF}:id/attachment`, { ...PUBLIC, schema: { params: DraftParams } }, async (req, reply) => {
    const d = await drafts.findDraft(db, req.params.id);
    if (d?.status === 'withdrawn') return withdrawnDraft(reply, d);
    if (!d || draftPhase(d, beijingToday(ctx.now())) === 'unpublished' || !d.attachmentFileId) throw new AppError('not_found', '您要下载的附件不存在，或所属意见征集尚未发布。');
    const f = await getFile(db, d.attachmentFileId);
    if (!f) throw new AppError('not_found', '您要下载的附件不存在。');
    return reply.type(f.mime || 'application/octet-stream').header('content-disposition', contentDisposition(d.attachmentName ?? `附件-${d.id}`))
      .header('x-content-type-options', 'nosniff').header('cache-control', 'no-cache').send(f.data);
  });

  // --- 在线访谈 -------------------------------------------------------------------------------------

  app.get(ZXFT_HREF, { ...PUBLIC, schema: { querystring: ListQuery } }, async (req, reply) => {
    const now = ctx.now();
    const want = pageOf(req.query.page);
    const [coming, first] = await Promise.all([interviews.listComingInterviews(db, now), interviews.listPastInterviews(db, now, PAGE_SIZE, (want - 1) * PAGE_SIZE)]);
    const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
    const page = Math.min(want, pages);
    const past = page === want ? first.rows : (await interviews.listPastInterviews(db, now, PAGE_SIZE, (page - 1) * PAGE_SIZE)).rows;
    return reply.page((vc) => <InterviewListPage ctx={vc} now={now} coming={coming} past={past} page={page} pages={pages} />);
  });

  async function interviewPage(reply: FastifyReply, id: number, form: SubmitFormState, status = 200) {
    const i = await interviews.findInterview(db, id);
    if (i?.status === 'withdrawn') return reply.page((vc) => <WithdrawnPage ctx={vc} kind="interview" title={i.title} orgName={i.orgName} at={i.withdrawnAt} reason={i.withdrawReason} />, 410);
    if (!i || i.status === 'editing') throw new AppError('not_found', NOT_FOUND.interview);
    const now = ctx.now();
    const questions = shown(await subs.listApproved(db, 'interview', id));
    const refusal = form.message || acceptsQuestions(i, now) ? null : '本期访谈已结束，不再接收提问。';
    return reply.page((vc) => <InterviewPage ctx={vc} i={i} now={now} questions={questions} form={form} refusal={refusal} />, status);
  }

  const InterviewParams = IdParams('id', NOT_FOUND.interview);
  app.get(`${ZXFT_HREF}:id`, { ...PUBLIC, schema: { params: InterviewParams, querystring: SentQuery } }, async (req, reply) =>
    interviewPage(reply, req.params.id, { values: {}, sent: req.query.sent === '1' }));

  // --- the submission forms -----------------------------------------------------------------------

  const pageOfKind: Record<SubjectKind, typeof draftPage> = { draft: draftPage, interview: interviewPage };
  for (const [kind, path, params] of [['draft', `${YJZJ_HREF}:id/comments`, DraftParams], ['interview', `${ZXFT_HREF}:id/questions`, InterviewParams]] as const) {
    app.post(path, { ...LIMITED, schema: { params } }, async (req, reply) => {
      const v = readStrings(SubmissionForm, req.body);
      const id = req.params.id;
      const r = await submitPublic(ctx, kind, id, v, req.ip);
      if (r.ok) return reply.redirect(`${PUBLIC_HREF[kind](id)}?sent=1#submit-title`, 303);
      if (r.reason === 'bot') throw new AppError('bad_request', r.message);
      // Not public (never published: 404) or withdrawn (410, the page says why).
      if (r.reason === 'not_found') return pageOfKind[kind](reply, id, { values: {} });
      const values: FormStrings = { name: v.name, contact: v.contact, text: v.text };
      return pageOfKind[kind](reply, id, { values, errors: r.fields, message: r.message }, STATUS[r.reason] ?? 422);
    });
  }

  registerConsultationsApi(app0, ctx);
}
