// /admin/opinion/sources (opinion.manage): feed sources — list with polling state, add, edit,
// enable / disable, delete (or disable when it has items), 立即抓取 (queued as a job, answered at
// once). A county-wide manager sees and changes every source; anyone else only the sources of the
// organisations in their scope.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { Type } from '@sinclair/typebox';
import { parseForm, readStrings, type FormStrings } from '../../platform/forms/index.ts';
import { Str } from '../../platform/forms/schema.ts';
import { IdParams } from '../../platform/forms/query.ts';
import { auditActor } from '../auth/caller.ts';
import { FeedSourceForm, feedSourceProblems, orgIdOf, pollQueueState, type FeedSourceValues } from './feeds.domain.ts';
import { findFeedSourceView, listFeedSources, type FeedSourceView } from './feeds.repo.ts';
import { orgChoices } from './incidents.repo.ts';
import {
  canManageSource, createFeedSource, deleteFeedSource, requestPoll, setFeedSourceEnabled, sourceScopeOf, updateFeedSource,
  type FeedSourceInput, type SourceScope,
} from './use-cases/feeds-sources.ts';
import { SOURCES_HREF, SourceEditPage, SourceListPage, type OrgOption, type SourceShown } from './views/feeds/sources.tsx';

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
  queued: '已加入抓取队列，系统将在后台抓取该来源；稍后刷新本页即可看到抓取结果。',
  already_queued: '该来源已在抓取队列中，无需重复提交；稍后刷新本页即可看到抓取结果。',
};

function noticeOf(query: unknown): string | undefined {
  const q = (query ?? {}) as Record<string, unknown>;
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
  name: s.name, url: s.url ?? '', mediaType: s.mediaType, pollMinutes: String(s.pollMinutes), weight: String(s.weight), orgId: s.orgId == null ? '' : String(s.orgId),
});

/** The form's values with the organisation as an id (checked by feedSourceProblems, so never undefined here). */
const inputOf = (v: FeedSourceValues): FeedSourceInput => ({ ...v, orgId: orgIdOf(v.orgId) ?? null });

export function registerOpinionFeeds(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  const actor = (req: FastifyRequest) => auditActor({ user: req.user!, ip: req.ip });

  const scopeOf = (req: FastifyRequest) => sourceScopeOf(db, req.user!);
  const shown = (s: FeedSourceView): SourceShown => ({ ...s, queue: pollQueueState(s, ctx.now()) });

  /** The source, if the caller may manage it (else 404 / 403). */
  async function sourceFor(req: FastifyRequest, id: number, scope?: SourceScope): Promise<FeedSourceView> {
    const s = await findFeedSourceView(db, id);
    if (!s) throw new AppError('not_found', '订阅源不存在或已被删除。');
    if (!canManageSource(scope ?? await scopeOf(req), s)) throw new AppError('forbidden', '您没有管理该来源的权限。');
    return s;
  }

  /** The organisations the caller may give a source (all, for a county-wide manager), in tree order. */
  async function orgsFor(scope: SourceScope): Promise<OrgOption[]> {
    return (await orgChoices(db)).filter((o) => scope.all || scope.orgIds.includes(o.id)).map((o) => ({ id: o.id, name: o.name }));
  }

  app.get(SOURCES_HREF, { config: POLICY }, async (req, reply) => {
    const sources = (await listFeedSources(db, await scopeOf(req))).map(shown);
    return reply.page((vc) => SourceListPage({ vc, sources, notice: noticeOf(req.query) }));
  });

  app.get(`${SOURCES_HREF}/new`, { config: POLICY }, async (req, reply) => {
    const scope = await scopeOf(req);
    const orgs = await orgsFor(scope);
    // A department's manager owns only its own sources: its organisation comes preselected.
    const orgId = !scope.all && orgs.length === 1 ? String(orgs[0]!.id) : '';
    return reply.page((vc) => SourceEditPage({ vc, orgs, countyWide: scope.all, values: { mediaType: 'news', pollMinutes: '30', weight: '1', orgId } }));
  });

  app.post(SOURCES_HREF, { config: POLICY }, async (req, reply) => {
    const scope = await scopeOf(req);
    const orgs = await orgsFor(scope);
    const page = (values: FormStrings, errors?: Record<string, string>) =>
      reply.page((vc) => SourceEditPage({ vc, orgs, countyWide: scope.all, values, errors }), 422);
    const f = parseForm(FeedSourceForm, req.body, { domain: feedSourceProblems });
    if (!f.ok) return page(f.values, f.errors);
    const r = await createFeedSource(ctx, actor(req), inputOf(f.values), scope);
    if (!r.ok) return page(f.strings, r.fields);
    return reply.redirect(`${SOURCES_HREF}/${r.source.id}?done=created`, 303);
  });

  const detail = async (req: FastifyRequest, reply: FastifyReply, opts: { values?: FormStrings; errors?: Record<string, string>; status?: number } = {}) => {
    const scope = await scopeOf(req);
    const s = await sourceFor(req, idOf(req), scope);
    const orgs = await orgsFor(scope);
    return reply.page((vc) => SourceEditPage({
      vc, source: shown(s), orgs, countyWide: scope.all, values: opts.values ?? asStrings(s), errors: opts.errors, notice: noticeOf(req.query),
    }), opts.status ?? 200);
  };

  app.get(`${SOURCES_HREF}/:id`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => detail(req, reply));

  app.post(`${SOURCES_HREF}/:id`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => {
    const id = idOf(req);
    const scope = await scopeOf(req);
    await sourceFor(req, id, scope);
    const f = parseForm(FeedSourceForm, req.body, { domain: feedSourceProblems });
    if (!f.ok) return detail(req, reply, { values: f.values, errors: f.errors, status: 422 });
    const r = await updateFeedSource(ctx, scope, actor(req), id, inputOf(f.values));
    if (!r.ok && r.reason === 'invalid') return detail(req, reply, { values: f.strings, errors: r.fields, status: 422 });
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${SOURCES_HREF}/${id}?done=saved`, 303);
  });

  for (const [action, enabled] of [['enable', true], ['disable', false]] as const) {
    app.post(`${SOURCES_HREF}/:id/${action}`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => {
      const id = idOf(req);
      const r = await setFeedSourceEnabled(ctx, await scopeOf(req), actor(req), id, enabled);
      if (!r.ok) throw refusal(r);
      return reply.redirect(`${SOURCES_HREF}/${id}?done=${enabled ? 'enabled' : 'disabled'}`, 303);
    });
  }

  app.post(`${SOURCES_HREF}/:id/delete`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => {
    const id = idOf(req);
    const r = await deleteFeedSource(ctx, await scopeOf(req), actor(req), id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(r.deleted ? `${SOURCES_HREF}?done=deleted` : `${SOURCES_HREF}/${id}?done=kept`, 303);
  });

  // Queues the poll (opinion.poll-source) and answers at once; the page shows 排队中 / 抓取中 until the job has run.
  app.post(`${SOURCES_HREF}/:id/poll`, { config: POLICY, schema: ID_PARAMS }, async (req, reply) => {
    const id = idOf(req);
    const r = await requestPoll(ctx, await scopeOf(req), actor(req), id);
    if (!r.ok) throw refusal(r);
    const back = readStrings(PollForm, req.body).from === 'detail' ? `${SOURCES_HREF}/${id}` : SOURCES_HREF;
    return reply.redirect(`${back}?done=${r.queued ? 'queued' : 'already_queued'}`, 303);
  });
}
