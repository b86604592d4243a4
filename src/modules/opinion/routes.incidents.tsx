// /admin/opinion (opinion.read): the incident list and one incident's page; /admin/opinion/new
// (opinion.monitor): manual entry. The 研判 and assignment posts are in routes.triage.tsx and come
// back to the page built here (incidentPage) with the typed values and messages when refused.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { IdParams, ownValue, parseForm } from '../../platform/forms/index.ts';
import { maskName, maskPhone } from '../../platform/crypto/index.ts';
import { can } from '../auth/policy.ts';
import { parseId } from '../portal/domain.ts';
import { CATEGORIES, GRADES, INCIDENT_STATUSES, isMajorGrade } from './model.ts';
import * as repo from './incidents.repo.ts';
import { listScopeOf, maySee } from './incidents-access.ts';
import { DetailQuery, ListQuery, ManualForm, instantOf, manualProblems } from './incidents.forms.ts';
import { createManualIncident } from './use-cases/manual-entry.ts';
import { mayTake, NOT_FOUND, type Caller } from './use-cases/triage-shared.ts';
import { verticalAdvice } from './use-cases/assign.ts';
import { IncidentListPage, type ListFilters } from './views/incidents/list.tsx';
import { IncidentPage, type ItemShown } from './views/incidents/detail.tsx';
import { ManualEntryPage } from './views/incidents/new.tsx';
import { INCIDENTS_HREF } from './views/incidents/shared.tsx';
import type { FormState } from './views/incidents/triage-forms.tsx';
import { findCatalogRecord } from './responses.repo.ts';
import { incidentsAwaitingReview, incidentsReturnedTo } from './desk.ts';
import { eventsOfIncident } from '../press/repo.ts';

const PER_PAGE = 20;
export const ID_PARAMS = IdParams('id', NOT_FOUND);

export const DONE: Record<string, string> = {
  created: '舆情已录入，请研判。',
  confirm: '研判已确认，回应时限已开始计算。',
  confirm_major: '研判已确认。该舆情为重大或特别重大舆情，已立即通知县政府办公室和网信办。',
  regrade: '等级或分类已调整，回应时限已按新级别重新计算。',
  dismiss: '该事件已排除。',
  merge: '已合并到该事件。',
  split: '已拆分为新事件，请对新事件进行研判。',
  escalate: '已升级上报。',
  assign: '牵头单位已指定。',
};

export const callerOf = (req: FastifyRequest): Caller => ({ user: req.user!, ip: req.ip });

const pick = <T extends Record<string, string>>(table: T, v: string | undefined) => (v && Object.hasOwn(table, v) ? v : '');

export function registerOpinionIncidents(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  api.get(INCIDENTS_HREF, { config: { policy: 'opinion.read' }, schema: { querystring: ListQuery } }, async (req, reply) => {
    const q = req.query;
    const orgs = await repo.orgChoices(db);
    const f: ListFilters = {
      status: q.status === 'open' ? 'open' : pick(INCIDENT_STATUSES, q.status), grade: pick(GRADES, q.grade), category: pick(CATEGORIES, q.category),
      org: orgs.some((o) => String(o.id) === q.org) ? q.org! : '', q: (q.q ?? '').trim().slice(0, 60), due: q.due === 'soon' || q.due === 'breached' ? q.due : '',
      review: q.review === 'mine' || q.review === 'returned' ? q.review : '',
    };
    const page = Math.min(Math.max(Number(parseId(q.page) ?? 1), 1), 10_000);
    const now = ctx.now();
    const scope = await listScopeOf(db, req.user!);
    const { rows, total } = await repo.listIncidents(db, scope, {
      status: f.status || null, grade: f.grade || null, category: f.category || null, orgId: f.org ? Number(f.org) : null, q: f.q || null,
      due: (f.due || null) as 'soon' | 'breached' | null, now,
      ids: f.review === 'mine' ? await incidentsAwaitingReview(db, req.user!) : f.review === 'returned' ? await incidentsReturnedTo(db, req.user!) : null,
    }, page, PER_PAGE);
    return reply.page((vc) => IncidentListPage({
      vc, filters: f, rows, total, page, pages: Math.max(1, Math.ceil(total / PER_PAGE)), now, orgs, canCreate: can(req.user, 'opinion.monitor'),
      notice: ownValue(DONE, q.done),
    }));
  });

  api.get(`${INCIDENTS_HREF}/new`, { config: { policy: 'opinion.monitor' } }, async (_req, reply) =>
    reply.page((vc) => ManualEntryPage({ vc, values: { origin: 'manual', mediaType: 'other' } })));

  api.post(`${INCIDENTS_HREF}/new`, { config: { policy: 'opinion.monitor' } }, async (req, reply) => {
    const f = parseForm(ManualForm, req.body, { domain: manualProblems });
    if (!f.ok) return reply.page((vc) => ManualEntryPage({ vc, values: f.values, errors: f.errors }), 422);
    const v = f.values;
    const r = await createManualIncident(ctx, callerOf(req), {
      title: v.title, text: v.text, sourceName: v.sourceName ?? '', mediaType: v.mediaType, origin: v.origin,
      higherDeadline: v.origin === 'higher_task' ? instantOf(v.higherDeadline) : null, url: v.url || null, author: v.author || null, publishedAt: instantOf(v.publishedAt),
    });
    if (!r.ok) return reply.page((vc) => ManualEntryPage({ vc, values: f.strings, errors: r.fields }), 422);
    return reply.redirect(`${INCIDENTS_HREF}/${r.incidentId}?done=created`, 303);
  });

  // The plan mails of ingestion link here.
  api.get(`${INCIDENTS_HREF}/incidents/:id`, { config: { policy: 'opinion.read' }, schema: { params: ID_PARAMS } }, async (req, reply) =>
    reply.redirect(`${INCIDENTS_HREF}/${req.params.id}`, 301));

  api.get(`${INCIDENTS_HREF}/:id`, { config: { policy: 'opinion.read' }, schema: { params: ID_PARAMS, querystring: DetailQuery } }, async (req, reply) =>
    incidentPage(ctx, req, reply, req.params.id, { notice: ownValue(DONE, req.query.done) }));
}

/** The incident page, for reading or again after a refused form (with its values and messages). */
export async function incidentPage(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, id: number, opts: { notice?: string; form?: FormState; status?: number } = {}) {
  const { db } = ctx;
  const user = req.user!;
  const i = await repo.findIncident(db, id);
  if (!i) throw new AppError('not_found', NOT_FOUND);
  if (!maySee(await listScopeOf(db, user), i)) throw new AppError('forbidden', '您没有查看该舆情事件的权限。');
  const [items, deadlines, events, responses, orgs, pressEvents] = await Promise.all([
    repo.incidentItems(db, id), repo.incidentDeadlines(db, id), repo.incidentEvents(db, id), repo.incidentResponses(db, id), repo.orgChoices(db),
    eventsOfIncident(db, id),
  ]);
  const name = (oid: number | null | undefined) => orgs.find((o) => o.id === oid)?.name ?? null;
  const author = (enc: string | null) => { if (!enc) return ''; try { return maskName(ctx.fieldCipher.decrypt(enc)); } catch { return '（无法解密）'; } };
  const shown: ItemShown[] = items.map((x) => ({
    id: x.id, title: x.title, text: x.text, url: x.url, publishedAt: x.publishedAt, mediaType: x.mediaType, sourceName: x.sourceName,
    author: author(x.authorEnc), duplicate: x.duplicateOfId !== null, repostCount: x.repostCount,
  }));
  const contacts = isMajorGrade(i.grade as never) && can(user, 'opinion.monitor')
    ? (await repo.dutyContacts(db)).map((c) => {
      let phone = '';
      try { phone = maskPhone(ctx.fieldCipher.decrypt(c.phoneEnc)); } catch { phone = '（无法解密）'; }
      return { orgName: c.orgName, name: c.name, position: c.position, phone, hours: c.hours };
    })
    : null;
  const record = i.recordId ? (await findCatalogRecord(db, i.recordId)) ?? null : null;
  return reply.page((vc) => IncidentPage({
    vc, incident: i, now: ctx.now(), record, items: shown, deadlines, events, responses, orgs,
    press: pressEvents.map((e) => ({ ...e, orgName: name(e.orgId) ?? '', linked: can(user, 'press.read', { orgId: e.orgId }) })),
    leadName: name(i.leadOrgId), coNames: i.coOrgIds.map((x) => name(Number(x)) ?? '').filter(Boolean), suggestedOrgName: name(i.suggestedOrgId),
    contacts, notice: opts.notice, form: opts.form,
    may: { monitor: mayTake(user, 'confirm', i), assign: mayTake(user, 'assign', i) },
    canRespond: can(user, 'opinion.respond', i.leadOrgId ? { orgId: i.leadOrgId } : undefined),
    vertical: verticalAdvice(orgs, i.leadOrgId ?? i.suggestedOrgId),
    splittable: shown.filter((x) => !x.duplicate).map((x) => ({ id: x.id, label: `${x.title || x.text.slice(0, 30)}（${x.sourceName}）` })),
  }), opts.status ?? 200);
}
