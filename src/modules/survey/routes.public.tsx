// 社会评议 on the portal, policy 'public': /hdjl/pj/ (open and ended surveys, cached), /hdjl/pj/<id> (the
// form, or the results summary after the end when public) and its post, the thank-you page, and
// GET /api/v1/surveys. An answer sets a signed cookie for that survey; posts are also rate-limited
// per address by the platform, and per survey and hour by the use case.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { IdParams } from '../../platform/forms/index.ts';
import { absoluteUrl } from '../../platform/config.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { aggregate, surveyState } from './domain.ts';
import * as repo from './repo.ts';
import type { SurveyView } from './repo.ts';
import { ANSWER_MESSAGES, submitAnswer } from './use-cases/answer.ts';
import { PJ_HREF, PjListPage, SurveyPage, ThanksPage, type SurveyPageProps } from './views/public.tsx';

const NOT_FOUND = '您要参与的评议不存在或尚未发布。';
const SurveyParams = IdParams('id', NOT_FOUND);
const COOKIE_DAYS = 400;
export const answeredCookie = (id: number) => `gk_pj_${id}`;

const ApiSurvey = Type.Object({
  id: Type.Integer({ description: '评议编号' }),
  title: Type.String({ description: '标题' }),
  organisation: Type.String({ description: '发起单位' }),
  target: Type.Union([Type.String(), Type.Null()], { description: '评议对象（单位），未指定为 null' }),
  startsOn: Type.String({ description: '开始日期（YYYY-MM-DD，北京时间）' }),
  endsOn: Type.String({ description: '结束日期（YYYY-MM-DD，北京时间）' }),
  state: Type.Unsafe<'open' | 'ended'>({ type: 'string', enum: ['open', 'ended'], description: '`open` 进行中；`ended` 已结束' }),
  resultsPublic: Type.Boolean({ description: '结束后是否公开评议结果' }),
  url: Type.String({ description: '参与或查看页面的地址' }),
}, { title: '社会评议' });
const ApiSurveys = Type.Object({ items: Type.Array(ApiSurvey) }, { title: '社会评议列表' });

export function registerSurveyPublic(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = ctx;
  const today = () => beijingToday(ctx.now());
  const formLimit = {
    max: config.rateLimitForms,
    timeWindow: '1 minute',
    errorResponseBuilder: () => new AppError('rate_limited', `提交过于频繁（每个网络地址每分钟最多 ${config.rateLimitForms} 次），请稍候一分钟后再试。您可以使用浏览器的“后退”返回上一页，已填写的内容仍保留在表单中。`),
  };

  const hasAnswered = (req: FastifyRequest, id: number): boolean => {
    const raw = req.cookies[answeredCookie(id)];
    if (!raw) return false;
    const u = req.unsignCookie(raw);
    return u.valid && u.value === String(id);
  };

  async function published(id: number): Promise<SurveyView> {
    const s = await repo.findSurvey(db, id);
    if (!s || s.status === 'draft' || s.startsOn > today() && s.status !== 'closed') throw new AppError('not_found', NOT_FOUND);
    return s;
  }

  async function surveyPage(reply: FastifyReply, s: SurveyView, p: Partial<SurveyPageProps>, status = 200) {
    const t = today();
    const questions = await repo.listQuestions(db, s.id);
    const results = surveyState(s, t) === 'ended' && s.resultsPublic ? aggregate(questions, await repo.listResponses(db, s.id)) : null;
    return reply.page((vc) => <SurveyPage ctx={vc} s={s} today={t} questions={questions} results={results} {...p} />, status);
  }

  app.get(PJ_HREF, { config: { policy: 'public', pageCache: true } }, async (_req, reply) => {
    const t = today();
    const surveys = await repo.listPublicSurveys(db, t);
    return reply.page((vc) => <PjListPage ctx={vc} surveys={surveys} today={t} />);
  });
  app.get('/hdjl/pj', { config: { policy: 'public' } }, async (_req, reply) => reply.redirect(PJ_HREF, 301));

  app.get(`${PJ_HREF}:id`, { config: { policy: 'public' }, schema: { params: SurveyParams } }, async (req, reply) => {
    const s = await published(req.params.id);
    const answered = surveyState(s, today()) === 'open' && hasAnswered(req, s.id);
    return surveyPage(reply, s, { refusal: answered ? ANSWER_MESSAGES.answered : undefined });
  });

  app.post(`${PJ_HREF}:id`, { config: { policy: 'public', rateLimit: formLimit }, schema: { params: SurveyParams } }, async (req, reply) => {
    const s = await published(req.params.id);
    const r = await submitAnswer(ctx, { surveyId: s.id, body: req.body, ip: req.ip, answeredCookie: hasAnswered(req, s.id) });
    if (r.ok) {
      reply.setCookie(answeredCookie(s.id), String(s.id), {
        signed: true, path: PJ_HREF, httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: COOKIE_DAYS * 86_400,
      });
      return reply.redirect(`${PJ_HREF}${s.id}/thanks`, 303);
    }
    switch (r.reason) {
      case 'invalid': return surveyPage(reply, s, { values: r.values, errors: r.errors, message: r.message }, 422);
      case 'phone_used': return surveyPage(reply, s, { values: r.values, errors: r.errors, message: r.message }, 409);
      case 'rate_limited': return surveyPage(reply, s, { values: r.values, errors: {}, message: r.message }, 429);
      case 'answered': return surveyPage(reply, s, { refusal: r.message }, 409);
      case 'unavailable': return surveyPage(reply, await published(s.id), { refusal: r.message }, 409);
      default: throw new AppError('not_found', r.message);
    }
  });

  app.get(`${PJ_HREF}:id/thanks`, { config: { policy: 'public' }, schema: { params: SurveyParams } }, async (req, reply) => {
    const s = await published(req.params.id);
    if (!hasAnswered(req, s.id)) return reply.redirect(`${PJ_HREF}${s.id}`, 303);
    return reply.page((vc) => <ThanksPage ctx={vc} s={s} />);
  });

  app.get('/api/v1/surveys', {
    config: { policy: 'public' },
    schema: { summary: '社会评议列表', description: '正在进行和已经结束的社会评议（不含草稿和未开始的），最新的在前。', tags: ['社会评议'], response: { 200: ApiSurveys } },
  }, async () => {
    const t = today();
    const rows = await repo.listPublicSurveys(db, t);
    return {
      items: rows.map((s) => {
        const state = surveyState(s, t);
        return {
          id: s.id, title: s.title, organisation: s.orgName, target: s.targetOrgName, startsOn: s.startsOn, endsOn: s.endsOn,
          state: state === 'open' ? 'open' as const : 'ended' as const, resultsPublic: s.resultsPublic, url: absoluteUrl(config, `${PJ_HREF}${s.id}`),
        };
      }),
    };
  });
}

