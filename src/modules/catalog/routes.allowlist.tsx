// The disclosure office's list of its organisations' published office numbers (not reported by the
// privacy scan), with removal. Routes stay thin: scope → use case → render.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { scopeOf } from '../auth/policy.ts';
import { AllowedNumberParams, AllowlistQuery } from './forms.ts';
import { listAllowed } from './repo.allowlist.ts';
import type { Caller } from './use-cases/shared.ts';
import { removeAllowedNumber } from './workflow/resolve.ts';
import { AllowedNumbersPage } from './views/admin/allowed-numbers.tsx';

export function registerCatalogAllowlist(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  async function page(req: FastifyRequest, reply: FastifyReply, p: { notice?: string; message?: string } = {}, status = 200) {
    const rows = await listAllowed(ctx.db, scopeOf(req.user!, 'catalog.manage'));
    return reply.page((vc) => AllowedNumbersPage({ vc, rows, ...p }), status);
  }

  app.get('/admin/catalog/allowed-numbers', { config: { policy: 'catalog.manage' }, schema: { querystring: AllowlistQuery } }, async (req, reply) => {
    const { removed } = req.query;
    return page(req, reply, { notice: removed !== undefined && /^[0-9-]{1,20}$/.test(removed) ? `已移除 ${removed}，此后再检查时将重新提示。` : undefined });
  });

  app.post('/admin/catalog/allowed-numbers/:nid/delete', { config: { policy: 'catalog.manage' }, schema: { params: AllowedNumberParams } }, async (req, reply) => {
    const { nid } = req.params;
    const caller: Caller = { user: req.user!, ip: req.ip };
    const r = await removeAllowedNumber(ctx, caller, nid);
    if (r.ok) return reply.redirect(`/admin/catalog/allowed-numbers?removed=${encodeURIComponent(r.number)}`, 303);
    if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
    return page(req, reply, { message: r.message }, 404);
  });
}
