// 依申请公开 — staff intake: registering offline applications (/admin/requests/new) and confirming
// receipt of online ones (POST /admin/requests/:id/confirm-receipt; the button is on the case page),
// and each organisation's tracking-number format (/admin/requests/settings).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readStrings } from '../../platform/forms/index.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { scopeOf } from '../auth/policy.ts';
import { formatDate } from '../portal/domain.ts';
import { confirmReceipt, listAcceptingOrgs, registerOffline } from './intake.ts';
import { MAX_LEAD_DAYS, RULE_SET_OPTIONS, listOrgRules, listTrackingFormats, saveOrgRules, saveTrackingFormat } from './org-settings.ts';
import { DEFAULT_INTERNAL_LEAD_DAYS, DEFAULT_RULE_SET, RULE_SETS } from './domain.ts';
import { DEFAULT_TRACKING_FORMAT, renderTrackingNo, validateTrackingFormat } from './tracking.ts';
import { TrackingFormatPage } from './views/intake/settings.tsx';
import { readApplicationForm, type FormValues } from './views/intake/fields.tsx';
import { ConfirmFailedPage, RegisterPage } from './views/intake/register.tsx';
import { CaseParams, ConfirmReceiptForm, NoticeQuery, OrgRulesForm, TrackingFormatForm } from './api-schemas.ts';

export function registerRequestsIntake(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const today = () => formatDate(ctx.now());

  async function orgChoices(req: FastifyRequest) {
    const scope = scopeOf(req.user!, 'request.register');
    return (await listAcceptingOrgs(db)).filter((o) => scope.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
  }

  async function page(req: FastifyRequest, reply: FastifyReply, p: { values: FormValues; errors?: Record<string, string | undefined>; message?: string }, status = 200) {
    const orgs = await orgChoices(req);
    return reply.page((vc) => <RegisterPage vc={vc} orgs={orgs} values={p.values} errors={p.errors ?? {}} message={p.message} today={today()} />, status);
  }

  app.get('/admin/requests/new', { config: { policy: 'request.register' } }, async (req, reply) => {
    const orgs = await orgChoices(req);
    const own = orgs.find((o) => o.id === req.user!.orgId) ?? (orgs.length === 1 ? orgs[0] : undefined);
    return page(req, reply, { values: { orgId: own ? String(own.id) : '', kind: 'disclosure', channel: 'in_person', forms: [] } });
  });

  app.post('/admin/requests/new', { config: { policy: 'request.register' } }, async (req, reply) => {
    const values = readApplicationForm(req.body, ['channel', 'receivedOn', 'receiptBasis']);
    const r = await registerOffline(ctx, req.user!, { ...values }, { ip: req.ip });
    if (!r.ok) return page(req, reply, { values, errors: r.fields, message: r.message }, r.reason === 'forbidden' ? 403 : r.reason === 'conflict' ? 409 : 422);
    return reply.redirect(`/admin/requests/${r.caseId}?done=registered`, 303);
  });

  type SettingsValues = { orgId: string; trackingFormat: string; rulesOrgId: string; ruleSet: string; leadDays: string };
  async function settingsPage(req: FastifyRequest, reply: FastifyReply, p: { values?: Partial<SettingsValues>; errors?: Record<string, string>; notice?: string } = {}, status = 200) {
    const scope = scopeOf(req.user!, 'request.manage');
    const [orgs, formats, rules] = await Promise.all([listAcceptingOrgs(db), listTrackingFormats(db), listOrgRules(db)]);
    const year = Number(today().slice(0, 4));
    const rows = orgs.filter((o) => scope.has(o.id)).map((o) => {
      const own = formats.get(o.id);
      const format = own && validateTrackingFormat(own) === null ? own : DEFAULT_TRACKING_FORMAT;
      const r = rules.get(o.id);
      return {
        id: o.id, name: o.name, format, own: !!own, example: renderTrackingNo(format, { year, orgId: o.id, orgCode: o.orgCode, seq: 17 }),
        ruleSet: RULE_SETS[r?.ruleSet ?? DEFAULT_RULE_SET].label, leadDays: r?.leadDays ?? null,
      };
    });
    const values: SettingsValues = { orgId: '', trackingFormat: '', rulesOrgId: '', ruleSet: DEFAULT_RULE_SET, leadDays: '', ...p.values };
    return reply.page((vc) => <TrackingFormatPage vc={vc} rows={rows} values={values} errors={p.errors ?? {}} notice={p.notice} defaultFormat={DEFAULT_TRACKING_FORMAT} ruleSets={RULE_SET_OPTIONS} lead={{ default: DEFAULT_INTERNAL_LEAD_DAYS, max: MAX_LEAD_DAYS }} />, status);
  }

  app.get('/admin/requests/settings', { config: { policy: 'request.manage' }, schema: { querystring: NoticeQuery } }, async (req, reply) => {
    const q = req.query;
    const notice = q.done === 'saved' ? '受理编号格式已保存，此后新收到的申请将使用新格式。'
      : q.done === 'rules' ? '办理规则已保存，此后收到的申请按新规则计算期限；已收到的申请仍按原规则办理。' : undefined;
    return settingsPage(req, reply, { notice });
  });

  app.post('/admin/requests/settings', { config: { policy: 'request.manage' } }, async (req, reply) => {
    const values = readStrings(TrackingFormatForm, req.body);
    const orgId = /^\d{1,9}$/.test(values.orgId) ? Number(values.orgId) : 0;
    if (!orgId || !(await listAcceptingOrgs(db)).some((o) => o.id === orgId)) return settingsPage(req, reply, { values, errors: { orgId: '请选择机关' } }, 422);
    const r = await saveTrackingFormat(ctx, req.user!, orgId, values.trackingFormat, req.ip);
    if (!r.ok) {
      if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
      return settingsPage(req, reply, { values, errors: r.fields ?? { trackingFormat: r.message } }, 422);
    }
    return reply.redirect('/admin/requests/settings?done=saved', 303);
  });

  app.post('/admin/requests/settings/rules', { config: { policy: 'request.manage' } }, async (req, reply) => {
    const values = readStrings(OrgRulesForm, req.body);
    const orgId = /^\d{1,9}$/.test(values.rulesOrgId) ? Number(values.rulesOrgId) : 0;
    if (!orgId || !(await listAcceptingOrgs(db)).some((o) => o.id === orgId)) return settingsPage(req, reply, { values, errors: { rulesOrgId: '请选择机关' } }, 422);
    const r = await saveOrgRules(ctx, req.user!, orgId, values, req.ip);
    if (!r.ok) {
      if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
      return settingsPage(req, reply, { values, errors: r.fields ?? { ruleSet: r.message } }, 422);
    }
    return reply.redirect('/admin/requests/settings?done=rules', 303);
  });

  app.post('/admin/requests/:id/confirm-receipt', { config: { policy: 'request.register' }, schema: { params: CaseParams } }, async (req, reply) => {
    const { id } = req.params;
    const form = readStrings(ConfirmReceiptForm, req.body);
    const version = /^\d{1,9}$/.test(form.version) ? Number(form.version) : undefined;
    const r = await confirmReceipt(ctx, req.user!, id, form.receivedOn, { ip: req.ip, version });
    if (!r.ok) {
      if (r.reason === 'not_found') throw new AppError('not_found', r.message);
      if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
      return reply.page((vc) => <ConfirmFailedPage vc={vc} caseId={id} message={r.message} />, r.reason === 'conflict' ? 409 : 422);
    }
    return reply.redirect(`/admin/requests/${id}?done=confirmed`, 303);
  });

}
