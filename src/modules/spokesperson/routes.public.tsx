// /xwfb/fyr (新闻发言人名单) and /xwfb/xmt (政务新媒体名录): public, cached; filing calls publicPagesChanged().
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import * as repo from './repo.ts';
import { PublicFyrPage, PublicXmtPage, type PublicOrgPeople } from './views/public.tsx';
import { PUBLIC_FYR_HREF, PUBLIC_XMT_HREF } from './views/shared.tsx';

const PAGE = { config: { policy: 'public', pageCache: true } } as const;

export function registerSpokesPublic(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  app.get(PUBLIC_FYR_HREF, PAGE, async (_req, reply) => {
    const [people, round] = await Promise.all([repo.publicPeople(db), repo.openRound(db)]);
    const byOrg = new Map<number, PublicOrgPeople>();
    for (const p of people) {
      const row = byOrg.get(p.orgId) ?? { orgName: p.orgName };
      if (p.role === 'spokesperson') row.spokesperson = p; else row.assistant = p;
      byOrg.set(p.orgId, row);
    }
    return reply.page((vc) => <PublicFyrPage ctx={vc} rows={[...byOrg.values()]} year={round?.year} />);
  });
  app.get(PUBLIC_XMT_HREF, PAGE, async (_req, reply) => {
    const rows = await repo.listMedia(db, { filedOnly: true });
    return reply.page((vc) => <PublicXmtPage ctx={vc} rows={rows} />);
  });
}
