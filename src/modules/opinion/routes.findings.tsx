// /admin/opinion/findings (opinion.accountability): the accountability findings of the caller's scope.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { QueryStr } from '../../platform/forms/index.ts';
import { can, scopeOf } from '../auth/policy.ts';
import { parseId } from '../portal/domain.ts';
import { listFindings } from './deadlines.repo.ts';
import { rootOrgIds } from './incidents.repo.ts';
import { FINDINGS_HREF, FindingsPage } from './views/incidents/findings.tsx';

const PER_PAGE = 30;
const FindingsQuery = Type.Object({ page: QueryStr('页码', 6) });

export function registerOpinionFindings(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(FINDINGS_HREF, { config: { policy: 'opinion.accountability' }, schema: { querystring: FindingsQuery } }, async (req, reply) => {
    const user = req.user!;
    const page = Math.min(Math.max(Number(parseId(req.query.page) ?? 1), 1), 10_000);
    const all = (await rootOrgIds(ctx.db)).some((id) => can(user, 'opinion.accountability', { orgId: id }));
    const { rows, total } = await listFindings(ctx.db, { all, orgIds: [...scopeOf(user, 'opinion.accountability')] }, page, PER_PAGE);
    return reply.page((vc) => FindingsPage({ vc, rows, total, page, pages: Math.max(1, Math.ceil(total / PER_PAGE)) }));
  });
}
