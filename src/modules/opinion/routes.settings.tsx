// 舆情 settings screens (opinion.manage): monitoring plans with "试一试" and lexicons here; routing
// rules, duty contacts and the corrections list in routes.settings-lists.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { IdParams, QueryStr, ownValue, parseForm, readStrings, type FormStrings } from '../../platform/forms/index.ts';
import { auditActor } from '../auth/caller.ts';
import { analyseItem, mentionedOrgIds } from './pipeline/index.ts';
import { keptBy } from './plans.ts';
import { loadIngestDeps } from './use-cases/ingest-deps.ts';
import { MEDIA_TYPES, labelOf, type Lexicon } from './model.ts';
import * as repo from './settings.repo.ts';
import { LEXICON_KEYS, PlanForm, TermForm, TryForm, WeightForm, explainPlans, groupsText, planProblems, splitGroups, splitWords, termProblems } from './settings.domain.ts';
import { addTerms, defaultTerms, loadDefaultTerms, removePlan, removeTerm, savePlan, setTermWeight } from './use-cases/settings.ts';
import { PLANS_HREF, PlanEditPage, PlanListPage, type TryResult } from './views/settings/plans.tsx';
import { LEXICONS_HREF, LexiconPage } from './views/settings/lexicons.tsx';
import { registerOpinionSettingsLists } from './routes.settings-lists.tsx';
import { OpinionSettingsPage, SETTINGS_HREF } from './views/settings/hub.tsx';

const POLICY = { policy: 'opinion.manage' } as const;
const PLAN_PARAMS = IdParams('id', '监测方案不存在或已被删除。');
const TERM_PARAMS = IdParams('id', '词语不存在或已被删除。');
const DoneQuery = Type.Object({ done: QueryStr('结果', 20) });
const LexiconQuery = Type.Object({ lexicon: QueryStr('词表', 40), done: QueryStr('结果', 20), n: QueryStr('数量', 6) });

const PLAN_NOTICES: Record<string, string> = { created: '监测方案已保存，此后接收的信息按新方案判断。', saved: '监测方案已修改。', deleted: '监测方案已删除。' };

export function refusal(r: Fail): AppError {
  return new AppError(r.reason === 'not_found' ? 'not_found' : r.reason === 'forbidden' ? 'forbidden' : 'conflict', r.message);
}

export function registerOpinionSettings(app: FastifyInstance, ctx: AppContext): void {
  app.get(SETTINGS_HREF, { config: POLICY }, async (_req, reply) => reply.page((vc) => OpinionSettingsPage({ vc })));

  const { db } = ctx;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const actor = (req: FastifyRequest) => auditActor({ user: req.user!, ip: req.ip });

  // --- plans -------------------------------------------------------------------------------------

  async function listPage(req: FastifyRequest, reply: FastifyReply, p: { notice?: string; tryValues?: FormStrings; tryErrors?: Record<string, string>; tried?: TryResult } = {}, status = 200) {
    const [plans, orgs] = await Promise.all([repo.listPlans(db), repo.orgChoices(db)]);
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    return reply.page((vc) => PlanListPage({ vc, plans, orgName: (id) => names.get(id) ?? `单位 ${id}`, ...p }), status);
  }

  async function editPage(reply: FastifyReply, p: { plan?: repo.PlanRow; values: FormStrings; errors?: Record<string, string>; notice?: string }, status = 200) {
    const [orgs, users] = await Promise.all([repo.orgChoices(db), repo.notifiableUsers(db)]);
    return reply.page((vc) => PlanEditPage({ vc, orgs, users, ...p }), status);
  }

  const planStrings = (x: repo.PlanRow): FormStrings => ({
    name: x.name, groups: groupsText(x.includeGroups), excludes: x.excludeWords.join(' '), mediaTypes: x.mediaTypes,
    orgIds: x.orgIds.map(String), notifyUserIds: x.notifyUserIds.map(String), active: x.active ? '1' : '',
  });

  /** The form as plan values; ids not among the choices are refused per field. */
  async function planValues(body: unknown): Promise<{ ok: true; values: repo.PlanValues } | { ok: false; values: FormStrings; errors: Record<string, string> }> {
    const f = parseForm(PlanForm, body, { domain: planProblems });
    if (!f.ok) return f;
    const [orgs, users] = await Promise.all([repo.orgChoices(db), repo.notifiableUsers(db)]);
    const orgIds = f.values.orgIds.map(Number);
    const userIds = f.values.notifyUserIds.map(Number);
    const errors: Record<string, string> = {};
    if (orgIds.some((id) => !orgs.some((o) => o.id === id))) errors.orgIds = '所选单位不存在，请重新选择';
    if (userIds.some((id) => !users.some((u) => u.id === id))) errors.notifyUserIds = '所选人员不存在或没有电子邮箱，请重新选择';
    if (Object.keys(errors).length) return { ok: false, values: f.strings, errors };
    return {
      ok: true,
      values: {
        name: f.values.name, includeGroups: splitGroups(f.values.groups ?? ''), excludeWords: splitWords(f.values.excludes ?? ''),
        mediaTypes: [...new Set(f.values.mediaTypes)], orgIds: [...new Set(orgIds)], notifyUserIds: [...new Set(userIds)], active: f.values.active,
      },
    };
  }

  api.get(PLANS_HREF, { config: POLICY, schema: { querystring: DoneQuery } }, async (req, reply) => listPage(req, reply, { notice: ownValue(PLAN_NOTICES, req.query.done) }));

  api.get(`${PLANS_HREF}/new`, { config: POLICY }, async (_req, reply) => editPage(reply, { values: { active: '1' } }));

  api.post(PLANS_HREF, { config: POLICY }, async (req, reply) => {
    const v = await planValues(req.body);
    if (!v.ok) return editPage(reply, { values: v.values, errors: v.errors }, 422);
    const r = await savePlan(ctx, actor(req), null, v.values);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${PLANS_HREF}?done=created`, 303);
  });

  api.post(`${PLANS_HREF}/try`, { config: POLICY }, async (req, reply) => {
    const f = parseForm(TryForm, req.body);
    if (!f.ok) return listPage(req, reply, { tryValues: f.values, tryErrors: f.errors }, 422);
    const deps = await loadIngestDeps(db);
    const analysis = analyseItem({ title: '', text: f.values.text, publishedAt: ctx.now() }, deps.pipeline);
    const subject = { text: analysis.text, mediaType: f.values.mediaType, orgIds: mentionedOrgIds(analysis) };
    const verdict = keptBy(deps.plans, subject);
    const orgs = new Map((await repo.orgChoices(db)).map((o) => [o.id, o.name]));
    const explanations = explainPlans(deps.plans, subject, { media: (c) => labelOf(MEDIA_TYPES, c) || c, org: (id) => orgs.get(id) ?? `单位 ${id}` });
    return listPage(req, reply, { tryValues: f.strings, tried: { kept: verdict.kept, noPlans: deps.plans.length === 0, explanations } });
  });

  const planOf = async (id: number) => {
    const p = await repo.findPlan(db, id);
    if (!p) throw new AppError('not_found', '监测方案不存在或已被删除。');
    return p;
  };

  api.get(`${PLANS_HREF}/:id`, { config: POLICY, schema: { params: PLAN_PARAMS } }, async (req, reply) => {
    const plan = await planOf(req.params.id);
    return editPage(reply, { plan, values: planStrings(plan) });
  });

  api.post(`${PLANS_HREF}/:id`, { config: POLICY, schema: { params: PLAN_PARAMS } }, async (req, reply) => {
    const plan = await planOf(req.params.id);
    const v = await planValues(req.body);
    if (!v.ok) return editPage(reply, { plan, values: v.values, errors: v.errors }, 422);
    const r = await savePlan(ctx, actor(req), plan.id, v.values);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${PLANS_HREF}?done=saved`, 303);
  });

  api.post(`${PLANS_HREF}/:id/delete`, { config: POLICY, schema: { params: PLAN_PARAMS } }, async (req, reply) => {
    const r = await removePlan(ctx, actor(req), req.params.id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${PLANS_HREF}?done=deleted`, 303);
  });

  // --- lexicons ----------------------------------------------------------------------------------

  const lexiconOf = (raw: string | undefined): Lexicon => (raw && (LEXICON_KEYS as string[]).includes(raw) ? raw as Lexicon : 'negative');
  const LEX_NOTICES: Record<string, (n: number) => string> = {
    added: (n) => `已添加 ${n} 个词语。`, weight: () => '权重已修改。', deleted: () => '词语已删除。', defaults: (n) => `已载入默认词表 ${n} 个词语，可在此基础上修改。`,
  };

  async function lexiconPage(reply: FastifyReply, lexicon: Lexicon, p: { values?: FormStrings; errors?: Record<string, string>; notice?: string } = {}, status = 200) {
    const [terms, counts, orgs] = await Promise.all([repo.lexiconTerms(db, lexicon), repo.lexiconCounts(db), repo.orgChoices(db)]);
    return reply.page((vc) => LexiconPage({ vc, lexicon, terms, counts, orgs, defaults: terms.length ? [] : defaultTerms(lexicon), ...p }), status);
  }

  api.get(LEXICONS_HREF, { config: POLICY, schema: { querystring: LexiconQuery } }, async (req, reply) => {
    const q = req.query;
    const n = /^\d{1,6}$/.test(q.n ?? '') ? Number(q.n) : 0;
    return lexiconPage(reply, lexiconOf(q.lexicon), { notice: ownValue(LEX_NOTICES, q.done)?.(n) });
  });

  const LexiconBody = Type.Object({ lexicon: QueryStr('词表', 40) });
  api.post(`${LEXICONS_HREF}/terms`, { config: POLICY }, async (req, reply) => {
    const lexicon = lexiconOf(readStrings(LexiconBody, req.body).lexicon);
    const f = parseForm(TermForm, req.body, { domain: termProblems });
    if (!f.ok) return lexiconPage(reply, lexicon, { values: f.values, errors: f.errors }, 422);
    const orgId = f.values.orgId ? Number(f.values.orgId) : null;
    if (orgId !== null && !(await repo.orgChoices(db)).some((o) => o.id === orgId)) return lexiconPage(reply, lexicon, { values: f.strings, errors: { orgId: '所选单位不存在，请重新选择' } }, 422);
    const data = lexicon === 'gazetteer' ? { kind: f.values.placeKind ?? '地标', orgId } : null;
    const r = await addTerms(ctx, actor(req), lexicon, splitWords(f.values.terms), f.values.weight, data);
    if (!r.ok && r.reason === 'invalid') return lexiconPage(reply, lexicon, { values: f.strings, errors: r.fields }, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${LEXICONS_HREF}?lexicon=${lexicon}&done=added&n=${r.added}`, 303);
  });

  api.post(`${LEXICONS_HREF}/defaults`, { config: POLICY }, async (req, reply) => {
    const lexicon = lexiconOf(readStrings(LexiconBody, req.body).lexicon);
    const r = await loadDefaultTerms(ctx, actor(req), lexicon);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${LEXICONS_HREF}?lexicon=${lexicon}&done=defaults&n=${r.added}`, 303);
  });

  api.post(`${LEXICONS_HREF}/terms/:id`, { config: POLICY, schema: { params: TERM_PARAMS } }, async (req, reply) => {
    const term = await repo.findLexiconTerm(db, req.params.id);
    if (!term) throw new AppError('not_found', '词语不存在或已被删除。');
    const f = parseForm(WeightForm, req.body);
    if (!f.ok) return lexiconPage(reply, lexiconOf(term.lexicon), { errors: { [`w${term.id}`]: `“${term.term}”的${f.errors.weight}` } }, 422);
    const r = await setTermWeight(ctx, actor(req), term.id, f.values.weight);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${LEXICONS_HREF}?lexicon=${term.lexicon}&done=weight`, 303);
  });

  api.post(`${LEXICONS_HREF}/terms/:id/delete`, { config: POLICY, schema: { params: TERM_PARAMS } }, async (req, reply) => {
    const r = await removeTerm(ctx, actor(req), req.params.id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${LEXICONS_HREF}?lexicon=${r.lexicon}&done=deleted`, 303);
  });

  registerOpinionSettingsLists(app, ctx);
}

