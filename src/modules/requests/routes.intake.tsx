// 依申请公开 — staff intake: registering offline applications (/admin/requests/new) and confirming
// receipt of online ones (POST /admin/requests/:id/confirm-receipt; the button is on the case page).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { field } from '../auth/routes.tsx';
import { scopeOf } from '../auth/policy.ts';
import { formatDate, parseId } from '../portal/domain.ts';
import { confirmReceipt, listAcceptingOrgs, registerOffline } from './intake.ts';
import { readApplicationForm, type FormValues } from './views/intake/fields.tsx';
import { ConfirmFailedPage, RegisterPage } from './views/intake/register.tsx';

export function registerRequestsIntake(app: FastifyInstance, ctx: AppContext): void {
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

  app.post('/admin/requests/:id/confirm-receipt', { config: { policy: 'request.register' } }, async (req, reply) => {
    const id = parseId((req.params as Record<string, unknown>).id);
    if (id === null) throw new AppError('not_found', '该申请不存在或已被删除。');
    const versionText = field(req.body, 'version', 12);
    const version = /^\d{1,9}$/.test(versionText) ? Number(versionText) : undefined;
    const r = await confirmReceipt(ctx, req.user!, id, field(req.body, 'receivedOn', 20), { ip: req.ip, version });
    if (!r.ok) {
      if (r.reason === 'not_found') throw new AppError('not_found', r.message);
      if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
      return reply.page((vc) => <ConfirmFailedPage vc={vc} caseId={id} message={r.message} />, r.reason === 'conflict' ? 409 : 422);
    }
    return reply.redirect(`/admin/requests/${id}?done=confirmed`, 303);
  });

}
