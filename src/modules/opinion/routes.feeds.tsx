// /admin/opinion/sources (opinion.manage): feed sources — list with polling state, add, edit,
// enable / disable, delete (or disable when it has items), 立即抓取. Sources owned by an organisation
// are seen and changed only within the caller's scope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { Type } from '@sinclair/typebox';
import { parseForm, readStrings, type FormStrings } from '../../platform/forms/index.ts';
import { Str } from '../../platform/forms/schema.ts';
import { IdParams } from '../../platform/forms/query.ts';
import { auditActor } from '../auth/caller.ts';
import { scopeOf } from '../auth/policy.ts';
import { FeedSourceForm, feedSourceProblems } from './feeds.domain.ts';
import { findFeedSourceView, listFeedSources, type FeedSourceView } from './feeds.repo.ts';
import { canManageSource, createFeedSource, deleteFeedSource, setFeedSourceEnabled, updateFeedSource } from './use-cases/feeds-sources.ts';
import { pollSourceNow } from './use-cases/feeds-poll.ts';
import { SOURCES_HREF, SourceEditPage, SourceListPage } from './views/feeds/sources.tsx';

const POLICY = { policy: 'opinion.manage' } as const;
/** 立即抓取 from the detail page returns there; from the list, to the list. */
const PollForm = Type.Object({ from: Type.Optional(Str('返回页面', 10)) });

const NOTICES: Record<string, string> = {
  created: '订阅源已新增，系统将在一分钟内开始抓取。',
  saved: '订阅源设置已保存。',
  enabled: '订阅源已启用，系统将在一分钟内抓取。',
  disabled: '订阅源已停用，不再抓取。',
  deleted: '订阅源已删除。',
  kept: '该来源已有抓取到的信息，不能删除，已改为停用；已抓取的信息保留。',
  poll_failed: '本次抓取未成功，原因见“上次错误”。系统将按失败后的间隔自动重试。',
};

function noticeOf(query: unknown): string | undefined {
  const q = (query ?? {}) as Record<string, unknown>;
  if (q.done === 'polled') {
    const n = (k: string) => (typeof q[k] === 'string' && /^\d{1,6}$/.test(q[k] as string) ? Number(q[k]) : 0);
    return `抓取完成：新增 ${n('added')} 条，重复 ${n('dup')} 条${n('refused') ? `，拒收 ${n('refused')} 条（内容不完整或超长）` : ''}。`;
  }
  return typeof q.done === 'string' ? NOTICES[q.done] : undefined;
}

/** Every /:id route declares ID_PARAMS: a segment that is no id is the Chinese 404 before the handler. */
const ID_PARAMS = { params: IdParams('id', '订阅源不存在或已被删除。') };
function idOf(req: FastifyRequest): number {
  const params: unknown = req.params; // validated and converted by ID_PARAMS
  return (params as { id: number }).id;
}

function refusal(r: Fail): AppError {
  return new AppError(r.reason === 'forbidden' ? 'forbidden' : r.reason === 'not_found' ? 'not_found' : 'conflict', r.message);
}

const asStrings = (s: FeedSourceView): FormStrings => ({
  name: s.name, url: s.url ?? '', mediaType: s.mediaType, pollMinutes: String(s.pollMinutes), weight: String(s.weight),
});

export function registerOpinionFeeds(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  const actor = (req: FastifyRequest) => auditActor({ user: req.user!, ip: req.ip });

  /** The source, if the caller may manage it (else 404 / 403). */
  async function sourceFor(req: FastifyRequest, id: number): Promise<FeedSourceView> {
    const s = await findFeedSourceView(db, id);
    if (!s) throw new AppError('not_found', '订阅源不存在或已被删除。');
    if (!canManageSource(req.user!, s)) throw new AppError('forbidden', '您没有管理该来源的权限。');
    return s;
  }

  app.get(SOURCES_HREF, { config: POLICY }, async (req, reply) => {
    const sources = await listFeedSources(db, [...scopeOf(req.user!, 'opinion.manage')]);
    return reply.page((vc) => SourceListPage({ vc, sources, notice: noticeOf(req.query) }));
  });

  app.get(`${SOURCES_HREF}/new`, { config: POLICY }, async (_req, reply) =>
    reply.page((vc) => SourceEditPage({ vc, values: { mediaType: 'news', pollMinutes: '30', weight: '1' } })));

  app.post(SOURCES_HREF, { config: POLICY }, async (req, reply) => {
    const f = parseForm(FeedSourceForm, req.body, { domain: feedSourceProblems });
    if (!f.ok) return reply.page((vc) => SourceEditPage({ vc, values: f.values, errors: f.errors }), 422);
    const r = await createFeedSource(ctx, actor(req), f.values);
    if (!r.ok) return reply.page((vc) => SourceEditPage({ vc, values: f.strings, errors: r.fields }), 422);
    return reply.redirect(`${SOURCES_HREF}/${r.source.id}?done=created`, 303);
  });

  const detail = async (req: FastifyRequest, reply: FastifyReply, opts: { values?: FormStrings; errors?: Record<string, string>; status?: number } = {}) => {
    const s = await sourceFor(req, idOf(req));
    return reply.page((vc) => SourceEditPage({
      vc, source: s, values: opts.values ?? asStrings(s), errors: opts.errors, notice: noticeOf(req.query),
    }), opts.status ?? 200);
  };

  app.get(`${SOURCES_HREF}/:id`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => detail(req, reply));

  app.post(`${SOURCES_HREF}/:id`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => {
    const id = idOf(req);
    await sourceFor(req, id);
    const f = parseForm(FeedSourceForm, req.body, { domain: feedSourceProblems });
    if (!f.ok) return detail(req, reply, { values: f.values, errors: f.errors, status: 422 });
    const r = await updateFeedSource(ctx, req.user!, actor(req), id, f.values);
    if (!r.ok && r.reason === 'invalid') return detail(req, reply, { values: f.strings, errors: r.fields, status: 422 });
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${SOURCES_HREF}/${id}?done=saved`, 303);
  });

  for (const [action, enabled] of [['enable', true], ['disable', false]] as const) {
    app.post(`${SOURCES_HREF}/:id/${action}`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => {
      const id = idOf(req);
      const r = await setFeedSourceEnabled(ctx, req.user!, actor(req), id, enabled);
      if (!r.ok) throw refusal(r);
      return reply.redirect(`${SOURCES_HREF}/${id}?done=${enabled ? 'enabled' : 'disabled'}`, 303);
    });
  }

  app.post(`${SOURCES_HREF}/:id/delete`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => {
    const id = idOf(req);
    const r = await deleteFeedSource(ctx, req.user!, actor(req), id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(r.deleted ? `${SOURCES_HREF}?done=deleted` : `${SOURCES_HREF}/${id}?done=kept`, 303);
  });

  // Runs the poll in the request: it is bounded by the feed's fetch and parse budgets (at most about 25 s).
  app.post(`${SOURCES_HREF}/:id/poll`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => {
    const id = idOf(req);
    const s = await sourceFor(req, id);
    if (!s.enabled) throw new AppError('conflict', '该来源已停用，请先启用后再抓取。');
    const o = await pollSourceNow(ctx, id, { actor: actor(req) });
    if (!o) throw new AppError('not_found', '订阅源不存在或已被删除。');
    const back = readStrings(PollForm, req.body).from === 'detail' ? `${SOURCES_HREF}/${id}` : SOURCES_HREF;
    return reply.redirect(o.error ? `${back}?done=poll_failed` : `${back}?done=polled&added=${o.added}&dup=${o.duplicates}&refused=${o.refused}`, 303);
  });
}
