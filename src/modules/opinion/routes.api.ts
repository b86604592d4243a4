// The opinion JSON API: POST /api/v1/opinion/items (push channel: per-item new / duplicate /
// refused) and GET /api/v1/opinion/incidents (the incidents the token's user may see, with items).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { beijingIso, beijingMidnight } from '../../platform/time/index.ts';
import { scopeOf } from '../auth/policy.ts';
import { ensureSource } from './repo.ts';
import { ingestGroups, type IncomingItem, type IngestOutcome } from './use-cases/ingest.ts';
import { loadIngestDeps } from './use-cases/ingest-deps.ts';
import {
  incidentsSchema, parsePublishedAt, pushItemProblem, pushSchema, PUSH_BODY_LIMIT, PUSH_MAX_ITEMS, INCIDENTS_PAGE, type IncidentsQuery, type PushItem,
} from './api.schemas.ts';
import { deadlinesOf, itemsOf, listApiIncidents, orgNames } from './incidents-api.repo.ts';

type ItemAnswer = { id: string; status: 'new' | 'duplicate' | 'refused'; itemId?: number; duplicateOf?: number; incidentId?: number; reason?: string };

const answerOf = (id: string, r: IngestOutcome): ItemAnswer => {
  if (r.status === 'refused') return { id, status: 'refused', reason: r.reason };
  const base: ItemAnswer = { id, status: r.status, itemId: r.itemId };
  if (r.status === 'duplicate') base.duplicateOf = r.duplicateOf;
  if (r.incidentId !== null) base.incidentId = r.incidentId;
  return base;
};

/** The envelope: an object whose `items` is a list of 1–1,000 (item contents are checked one by one). */
function itemsOfBody(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('bad_request', '请求体应为 JSON 对象。');
  const items = (body as { items?: unknown }).items;
  if (!Array.isArray(items)) throw new AppError('validation_failed', '提交的内容有误：字段“信息列表”应为列表。', { items: '字段“信息列表”格式不正确，应为列表' });
  if (items.length === 0) throw new AppError('validation_failed', '提交的内容有误：信息列表为空。', { items: '字段“信息列表”至少应有1项' });
  if (items.length > PUSH_MAX_ITEMS) {
    throw new AppError('validation_failed', `每批最多推送 ${PUSH_MAX_ITEMS} 条信息，本批 ${items.length} 条，请分批推送。`, { items: `字段“信息列表”最多只能有${PUSH_MAX_ITEMS}项` });
  }
  return items;
}

export function registerOpinionApi(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // attachValidation: the schema documents every item field, but a bad item must not fail the
  // batch, so the handler checks the envelope and then each item itself.
  api.post('/api/v1/opinion/items', { config: { policy: 'opinion.ingest' }, bodyLimit: PUSH_BODY_LIMIT, schema: pushSchema, attachValidation: true }, async (req, reply) => {
    const raw = itemsOfBody(req.body);
    const user = req.user!;
    const actor = { id: user.id, name: user.username, ip: req.ip };
    const answers: (ItemAnswer | undefined)[] = raw.map(() => undefined);
    // Items by source, in their order; each source's items are one ingestion batch.
    const bySource = new Map<string, { at: number; item: IncomingItem }[]>();
    const mediaOf = new Map<string, string>();
    raw.forEach((r, at) => {
      const id = typeof (r as { id?: unknown })?.id === 'string' ? (r as { id: string }).id : '';
      const problem = pushItemProblem(r);
      if (problem) return void (answers[at] = { id, status: 'refused', reason: problem });
      const p = r as PushItem;
      const publishedAt = parsePublishedAt(p.publishedAt);
      if (Number.isNaN(publishedAt.getTime())) return void (answers[at] = { id, status: 'refused', reason: '发布时间应为 ISO 8601 格式（如 2026-10-01T08:00:00+08:00）' });
      const name = p.source.trim();
      if (!name) return void (answers[at] = { id, status: 'refused', reason: '字段“来源”为必填项' });
      const list = bySource.get(name) ?? [];
      if (!list.length) { bySource.set(name, list); mediaOf.set(name, p.mediaType ?? 'other'); }
      list.push({ at, item: { externalId: p.id, title: p.title, text: p.text, url: p.url ?? null, publishedAt, author: p.author ?? null, mediaType: p.mediaType } });
    });
    if (bySource.size) {
      const deps = await loadIngestDeps(ctx.db);
      const groups: { sourceId: number; list: { at: number; item: IncomingItem }[] }[] = [];
      for (const [name, list] of bySource) {
        const source = await ensureSource(ctx.db, name, 'api', mediaOf.get(name)!);
        if (source.kind !== 'api') {
          for (const x of list) answers[x.at] = { id: x.item.externalId, status: 'refused', reason: `来源“${name}”已登记为${source.kind === 'feed' ? '订阅源' : '其他渠道'}，不能通过推送接口写入；请换用其他来源名称` };
          continue;
        }
        groups.push({ sourceId: source.id, list });
      }
      // All sources of the request are one ingestion batch (one transaction, one turn of the lock).
      const summaries = groups.length ? await ingestGroups(ctx, groups.map((g) => ({ sourceId: g.sourceId, items: g.list.map((x) => x.item) })), actor, { deps }) : [];
      groups.forEach((g, k) => g.list.forEach((x, j) => { answers[x.at] = answerOf(x.item.externalId, summaries[k]!.results[j]!); }));
    }
    const results = answers.map((a) => a!);
    return reply.header('cache-control', 'no-store').send({
      results,
      added: results.filter((r) => r.status === 'new').length,
      duplicates: results.filter((r) => r.status === 'duplicate').length,
      refused: results.filter((r) => r.status === 'refused').length,
    });
  });

  api.get('/api/v1/opinion/incidents', { config: { policy: 'opinion.read' }, schema: incidentsSchema }, async (req, reply) => {
    const q: IncidentsQuery = req.query;
    const user = req.user!;
    const scope = {
      orgIds: [...scopeOf(user, 'opinion.read')],
      unassigned: scopeOf(user, 'opinion.monitor').size > 0 || scopeOf(user, 'opinion.assign').size > 0,
    };
    const limit = q.limit ?? INCIDENTS_PAGE;
    const offset = q.offset ?? 0;
    const to = q.to ? new Date(beijingMidnight(q.to).getTime() + 86_400_000) : undefined;
    const { total, rows } = await listApiIncidents(ctx.db, scope, { status: q.status, grade: q.grade, from: q.from ? beijingMidnight(q.from) : undefined, to, limit, offset });
    const ids = rows.map((r) => r.id);
    const [deadlines, items, names] = await Promise.all([
      deadlinesOf(ctx.db, ids),
      itemsOf(ctx.db, ids, q.items ?? 20),
      orgNames(ctx.db, [...new Set(rows.flatMap((r) => [...(r.lead_org_id ? [r.lead_org_id] : []), ...r.co_org_ids.map(Number)]))]),
    ]);
    const iso = (v: string | null) => (v ? beijingIso(v) : null);
    const org = (id: number) => ({ id, name: names.get(id) ?? '' });
    return reply.header('cache-control', 'no-store').send({
      total, limit, offset,
      items: rows.map((r) => ({
        id: r.id, no: r.no, title: r.title, status: r.status as never, grade: r.grade as never, suggestedGrade: r.suggested_grade as never,
        category: r.category as never, suggestedCategory: r.suggested_category as never, riskScore: r.risk_score,
        leadOrg: r.lead_org_id ? org(r.lead_org_id) : null, coOrgs: r.co_org_ids.map(Number).map(org),
        deadlines: deadlines.filter((d) => Number(d.incident_id) === r.id).map((d) => ({ kind: d.kind as never, dueAt: beijingIso(d.due_at), basis: d.basis, metAt: iso(d.met_at), breachedAt: iso(d.breached_at) })),
        itemCount: r.item_count, repostCount: r.repost_count, firstItemAt: iso(r.first_item_at), lastItemAt: iso(r.last_item_at),
        items: items.filter((i) => Number(i.incident_id) === r.id).map((i) => ({
          id: Number(i.id), title: i.title || (i.text.length > 60 ? `${i.text.slice(0, 60)}…` : i.text), url: i.url, publishedAt: beijingIso(i.published_at), source: i.source, repostCount: i.repost_count,
        })),
      })),
    });
  });
}
