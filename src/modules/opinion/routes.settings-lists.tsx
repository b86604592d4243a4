// 舆情 settings screens (opinion.manage), part two: routing rules, 24-hour duty contacts (phones
// encrypted at rest, masked in the list, in full only on the edit page) and the corrections list.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { IdParams, QueryStr, ownValue, parseForm, type FormStrings } from '../../platform/forms/index.ts';
import { maskPhone } from '../../platform/crypto/index.ts';
import { auditActor } from '../auth/caller.ts';
import * as repo from './settings.repo.ts';
import { DutyForm, RoutingForm, dutyProblems, routingProblems } from './settings.domain.ts';
import { removeDutyContact, removeRoutingRule, saveDutyContact, saveRoutingRule } from './use-cases/settings.ts';
import { ROUTING_HREF, RoutingEditPage, RoutingListPage } from './views/settings/routing.tsx';
import { DUTY_HREF, DutyEditPage, DutyListPage } from './views/settings/duty.tsx';
import { CORRECTIONS_HREF, CORRECTION_FIELDS, CorrectionsPage } from './views/settings/corrections.tsx';

const POLICY = { policy: 'opinion.manage' } as const;
const RULE_PARAMS = IdParams('id', '分办规则不存在或已被删除。');
const DUTY_PARAMS = IdParams('id', '值班联系人不存在或已被删除。');
const DoneQuery = Type.Object({ done: QueryStr('结果', 20) });
const CorrectionsQuery = Type.Object({ field: QueryStr('修正项目', 20), page: QueryStr('页码', 6) });
const PER_PAGE = 30;

const refusal = (r: Fail) => new AppError(r.reason === 'not_found' ? 'not_found' : 'conflict', r.message);
const ROUTING_NOTICES: Record<string, string> = { created: '分办规则已添加。', saved: '分办规则已修改。', deleted: '分办规则已删除。' };
const DUTY_NOTICES: Record<string, string> = { created: '值班联系人已保存。', saved: '值班联系人已修改。', deleted: '值班联系人已删除。' };

export function registerOpinionSettingsLists(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const actor = (req: FastifyRequest) => auditActor({ user: req.user!, ip: req.ip });

  /** The organisation chosen on a form, if it is an active one. */
  async function orgOf(raw: string): Promise<{ id: number; name: string } | undefined> {
    return (await repo.orgChoices(db)).find((o) => String(o.id) === raw);
  }

  // --- routing rules -----------------------------------------------------------------------------

  async function routingList(reply: FastifyReply, p: { values?: FormStrings; errors?: Record<string, string>; notice?: string } = {}, status = 200) {
    const [rules, orgs] = await Promise.all([repo.listRoutingRules(db), repo.orgChoices(db)]);
    return reply.page((vc) => RoutingListPage({ vc, rules, orgs, ...p }), status);
  }

  async function readRule(body: unknown) {
    const f = parseForm(RoutingForm, body, { domain: routingProblems });
    if (!f.ok) return f;
    const org = await orgOf(f.values.orgId);
    if (!org) return { ok: false as const, values: f.strings, errors: { orgId: '所选单位不存在，请重新选择' } };
    return { ok: true as const, strings: f.strings, org, values: { term: f.values.term, orgId: org.id, priority: f.values.priority, vertical: f.values.vertical } };
  }

  api.get(ROUTING_HREF, { config: POLICY, schema: { querystring: DoneQuery } }, async (req, reply) => routingList(reply, { notice: ownValue(ROUTING_NOTICES, req.query.done) }));

  api.post(ROUTING_HREF, { config: POLICY }, async (req, reply) => {
    const f = await readRule(req.body);
    if (!f.ok) return routingList(reply, { values: f.values, errors: f.errors }, 422);
    const r = await saveRoutingRule(ctx, actor(req), null, f.values, f.org.name);
    if (!r.ok && r.reason === 'invalid') return routingList(reply, { values: f.strings, errors: r.fields }, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${ROUTING_HREF}?done=created`, 303);
  });

  const ruleOf = async (id: number) => {
    const r = await repo.findRoutingRule(db, id);
    if (!r) throw new AppError('not_found', '分办规则不存在或已被删除。');
    return r;
  };

  api.get(`${ROUTING_HREF}/:id`, { config: POLICY, schema: { params: RULE_PARAMS } }, async (req, reply) => {
    const rule = await ruleOf(req.params.id);
    const orgs = await repo.orgChoices(db);
    const values = { term: rule.term, orgId: String(rule.orgId), priority: String(rule.priority), vertical: rule.vertical ? '1' : '' };
    return reply.page((vc) => RoutingEditPage({ vc, rule, orgs, values }));
  });

  api.post(`${ROUTING_HREF}/:id`, { config: POLICY, schema: { params: RULE_PARAMS } }, async (req, reply) => {
    const rule = await ruleOf(req.params.id);
    const f = await readRule(req.body);
    const again = async (values: FormStrings, errors: Record<string, string> | undefined) => {
      const orgs = await repo.orgChoices(db);
      return reply.page((vc) => RoutingEditPage({ vc, rule, orgs, values, errors }), 422);
    };
    if (!f.ok) return again(f.values, f.errors);
    const r = await saveRoutingRule(ctx, actor(req), rule.id, f.values, f.org.name);
    if (!r.ok && r.reason === 'invalid') return again(f.strings, r.fields);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${ROUTING_HREF}?done=saved`, 303);
  });

  api.post(`${ROUTING_HREF}/:id/delete`, { config: POLICY, schema: { params: RULE_PARAMS } }, async (req, reply) => {
    const r = await removeRoutingRule(ctx, actor(req), req.params.id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${ROUTING_HREF}?done=deleted`, 303);
  });

  // --- duty contacts -----------------------------------------------------------------------------

  api.get(DUTY_HREF, { config: POLICY, schema: { querystring: DoneQuery } }, async (req, reply) => {
    const rows = (await repo.listDutyContacts(db)).map(({ phoneEnc, ...d }) => ({ ...d, phoneMasked: maskPhone(ctx.fieldCipher.decrypt(phoneEnc)) }));
    return reply.page((vc) => DutyListPage({ vc, rows, notice: ownValue(DUTY_NOTICES, req.query.done) }));
  });

  async function dutyEdit(reply: FastifyReply, p: { contact?: repo.DutyRow; values: FormStrings; errors?: Record<string, string> }, status = 200) {
    const orgs = await repo.orgChoices(db);
    return reply.page((vc) => DutyEditPage({ vc, orgs, ...p }), status);
  }

  async function readDuty(body: unknown) {
    const f = parseForm(DutyForm, body, { domain: dutyProblems });
    if (!f.ok) return f;
    const org = await orgOf(f.values.orgId);
    if (!org) return { ok: false as const, values: f.strings, errors: { orgId: '所选单位不存在，请重新选择' } };
    const v = f.values;
    return { ok: true as const, org, values: { orgId: org.id, name: v.name, position: v.position, phone: v.phone, email: v.email || null, hours: v.hours, active: v.active } };
  }

  const dutyOf = async (id: number) => {
    const d = await repo.findDutyContact(db, id);
    if (!d) throw new AppError('not_found', '值班联系人不存在或已被删除。');
    return d;
  };

  api.get(`${DUTY_HREF}/new`, { config: POLICY }, async (_req, reply) => dutyEdit(reply, { values: { active: '1', hours: '全天24小时' } }));

  api.post(DUTY_HREF, { config: POLICY }, async (req, reply) => {
    const f = await readDuty(req.body);
    if (!f.ok) return dutyEdit(reply, { values: f.values, errors: f.errors }, 422);
    const r = await saveDutyContact(ctx, actor(req), null, f.values, f.org.name);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${DUTY_HREF}?done=created`, 303);
  });

  api.get(`${DUTY_HREF}/:id`, { config: POLICY, schema: { params: DUTY_PARAMS } }, async (req, reply) => {
    const contact = await dutyOf(req.params.id);
    const values = {
      orgId: String(contact.orgId), name: contact.name, position: contact.position, phone: ctx.fieldCipher.decrypt(contact.phoneEnc),
      email: contact.email ?? '', hours: contact.hours, active: contact.active ? '1' : '',
    };
    // The full number is shown here: the page must not be kept by a browser or proxy cache.
    reply.header('cache-control', 'no-store');
    return dutyEdit(reply, { contact, values });
  });

  api.post(`${DUTY_HREF}/:id`, { config: POLICY, schema: { params: DUTY_PARAMS } }, async (req, reply) => {
    const contact = await dutyOf(req.params.id);
    const f = await readDuty(req.body);
    if (!f.ok) return dutyEdit(reply, { contact, values: f.values, errors: f.errors }, 422);
    const r = await saveDutyContact(ctx, actor(req), contact.id, f.values, f.org.name);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${DUTY_HREF}?done=saved`, 303);
  });

  api.post(`${DUTY_HREF}/:id/delete`, { config: POLICY, schema: { params: DUTY_PARAMS } }, async (req, reply) => {
    const r = await removeDutyContact(ctx, actor(req), req.params.id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${DUTY_HREF}?done=deleted`, 303);
  });

  // --- corrections -------------------------------------------------------------------------------

  api.get(CORRECTIONS_HREF, { config: POLICY, schema: { querystring: CorrectionsQuery } }, async (req, reply) => {
    const field = req.query.field && Object.hasOwn(CORRECTION_FIELDS, req.query.field) ? req.query.field : undefined;
    const page = Math.min(Math.max(/^\d{1,6}$/.test(req.query.page ?? '') ? Number(req.query.page) : 1, 1), 10_000);
    const { rows, total } = await repo.listCorrections(db, { field, limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
    const orgs = new Map((await repo.orgChoices(db)).map((o) => [o.id, o.name]));
    return reply.page((vc) => CorrectionsPage({ vc, rows, page, total, pages: Math.max(1, Math.ceil(total / PER_PAGE)), field, orgName: (id) => orgs.get(id) }));
  });
}
