// The 研判 posts of /admin/opinion/:id (opinion.monitor: confirm, regrade, dismiss, merge, split,
// escalate) and the assignment (opinion.assign). Thin: the form through its schema → the use case →
// redirect; a refusal shows the incident page again with the typed values and a Chinese message
// (a stale version: 409 with "该事件已被他人修改，请刷新后重试").
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TObject } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail, type Ok } from '../../platform/errors.ts';
import { parseForm, type FormStrings } from '../../platform/forms/index.ts';
import { parseId } from '../portal/domain.ts';
import { isMajorGrade } from './model.ts';
import { AssignForm, ConfirmForm, DismissForm, EscalateForm, LinkForm, MergeForm, RegradeForm, SplitForm, categoryOfChoice, instantOf, instantProblem } from './incidents.forms.ts';
import { confirmIncident, dismissIncident, escalateIncident, linkRecord, regradeIncident } from './use-cases/triage.ts';
import { mergeIncident, splitIncident } from './use-cases/triage-merge.ts';
import { assignIncident } from './use-cases/assign.ts';
import { callerOf, ID_PARAMS, incidentPage } from './routes.incidents.tsx';
import { INCIDENTS_HREF } from './views/incidents/shared.tsx';

type Handler<V> = (ctx: AppContext, req: FastifyRequest, id: number, v: V) => Promise<(Ok<object> & { redirect?: string; done?: string }) | Fail>;

export function registerOpinionTriage(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  function post<S extends TObject>(step: string, policy: 'opinion.monitor' | 'opinion.assign', schema: S, handler: Handler<S['static']>, domain?: (s: FormStrings) => Record<string, string>) {
    api.post(`${INCIDENTS_HREF}/:id/${step}`, { config: { policy }, schema: { params: ID_PARAMS } }, async (req, reply: FastifyReply) => {
      const params: unknown = req.params; // validated and converted by ID_PARAMS
      const id = (params as { id: number }).id;
      const f = parseForm(schema, req.body, { domain });
      if (!f.ok) return incidentPage(ctx, req, reply, id, { form: { name: step, values: f.values, errors: f.errors }, status: 422 });
      const r = await handler(ctx, req, id, f.values as S['static']);
      if (r.ok) return reply.redirect(r.redirect ?? `${INCIDENTS_HREF}/${id}?done=${r.done ?? step}`, 303);
      if (r.reason === 'not_found') throw new AppError('not_found', r.message);
      if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
      const form = { name: step, values: f.strings, errors: r.fields, problem: r.reason === 'invalid' ? undefined : r.message };
      return incidentPage(ctx, req, reply, id, { form, status: r.reason === 'invalid' ? 422 : 409 });
    });
  }

  post('confirm', 'opinion.monitor', ConfirmForm, async (c, req, id, v) => {
    const r = await confirmIncident(c, callerOf(req), id, {
      version: v.version, grade: v.grade, category: categoryOfChoice(v.category), higherDeadline: instantOf(v.higherDeadline), reason: v.reason || null,
    });
    return r.ok && isMajorGrade(v.grade) ? { ...r, done: 'confirm_major' } : r;
  }, (s) => instantProblem(s, 'higherDeadline'));

  post('regrade', 'opinion.monitor', RegradeForm, (c, req, id, v) =>
    regradeIncident(c, callerOf(req), id, { version: v.version, grade: v.rgGrade, category: categoryOfChoice(v.rgCategory), reason: v.rgReason }));

  post('dismiss', 'opinion.monitor', DismissForm, (c, req, id, v) => dismissIncident(c, callerOf(req), id, { version: v.version, reason: v.dismissReason }));

  post('escalate', 'opinion.monitor', EscalateForm, (c, req, id, v) => escalateIncident(c, callerOf(req), id, { version: v.version, note: v.escalateNote }));

  post('link', 'opinion.monitor', LinkForm, (c, req, id, v) => linkRecord(c, callerOf(req), id, { version: v.version, ref: v.linkRecord ?? '' }));

  post('merge', 'opinion.monitor', MergeForm, async (c, req, id, v) => {
    const r = await mergeIncident(c, callerOf(req), id, { version: v.version, target: v.mergeTarget });
    return r.ok ? { ...r, redirect: `${INCIDENTS_HREF}/${r.into}?done=merge` } : r;
  });

  post('split', 'opinion.monitor', SplitForm, async (c, req, id, v) => {
    const ids = v.splitItems.map((x) => parseId(x)).filter((x): x is number => x !== null);
    const r = await splitIncident(c, callerOf(req), id, { version: v.version, itemIds: ids, title: v.splitTitle || null });
    return r.ok ? { ...r, redirect: `${INCIDENTS_HREF}/${r.newId}?done=split` } : r;
  });

  post('assign', 'opinion.assign', AssignForm, (c, req, id, v) => {
    const lead = parseId(v.lead);
    if (lead === null) return Promise.resolve({ ok: false as const, reason: 'invalid', message: '请选择牵头单位', fields: { lead: '请选择牵头单位' } });
    const co = (v.co ?? []).map((x) => parseId(x)).filter((x): x is number => x !== null);
    return assignIncident(c, callerOf(req), id, { version: v.version, leadOrgId: lead, coOrgIds: co, note: v.assignNote || null });
  });
}
