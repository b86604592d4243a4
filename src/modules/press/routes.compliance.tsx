// 新闻发布考核情况: /admin/press/compliance (period selector, 缺项 table) and its CSV (platform/csv).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { toCsv } from '../../platform/csv/index.ts';
import { beijingToday, fileStamp } from '../../platform/time/index.ts';
import { listOrgs } from '../org/repo.ts';
import { evaluateCompliance, parsePeriod, shortfalls, type CountedEvent, type Period, type RuleResult } from './compliance.ts';
import { ComplianceQuery } from './forms.ts';
import { heldInYear } from './repo.ts';
import { COMPLIANCE_HEAD, COMPLIANCE_HREF, CompliancePage, complianceCells, periodLabel } from './views/compliance.tsx';

/** Every rule of the period. Events in the government's name count for the government (the tree's root). */
export async function complianceOf(ctx: AppContext, period: Period): Promise<RuleResult[]> {
  const orgs = (await listOrgs(ctx.db)).filter((o) => o.active !== false);
  const rootOf = (id: number): number => {
    let o = orgs.find((x) => x.id === id);
    while (o?.parentId != null) {
      const up = orgs.find((x) => x.id === o!.parentId);
      if (!up) break;
      o = up;
    }
    return o?.id ?? id;
  };
  const events: CountedEvent[] = (await heldInYear(ctx.db, period.year)).map((e) => ({
    type: e.type, orgId: e.govName ? rootOf(e.orgId) : e.orgId, leader: e.speakerKind === 'principal', govWide: e.govName && e.wideScope, date: e.date,
  }));
  return evaluateCompliance(period, orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind })), events, beijingToday(ctx.now()));
}

export function registerPressCompliance(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();

  app.get(COMPLIANCE_HREF, { config: { policy: 'press.manage' }, schema: { querystring: ComplianceQuery } }, async (req, reply) => {
    const today = beijingToday(ctx.now());
    const parsed = parsePeriod(req.query.year, req.query.quarter, today);
    const period = parsed ?? { year: Number(today.slice(0, 4)) };
    const all = req.query.all === '1';
    const rows = await complianceOf(ctx, period);
    return reply.page((vc) => CompliancePage({ vc, period, rows: all ? rows : shortfalls(rows), all, total: rows.length,
      error: parsed ? undefined : '年度应为 2000 至 2100 之间的四位数字，季度应为 1 至 4，已显示本年度' }), parsed ? 200 : 422);
  });

  app.get(`${COMPLIANCE_HREF}.csv`, { config: { policy: 'press.manage' }, schema: { querystring: ComplianceQuery } }, async (req, reply) => {
    const today = beijingToday(ctx.now());
    const period = parsePeriod(req.query.year, req.query.quarter, today) ?? { year: Number(today.slice(0, 4)) };
    const rows = await complianceOf(ctx, period);
    const name = `press-compliance-${period.year}${period.quarter ? `q${period.quarter}` : ''}-${fileStamp(ctx.now())}.csv`;
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}"`)
      .send(toCsv([[`${periodLabel(period)}新闻发布考核情况`], COMPLIANCE_HEAD, ...rows.map(complianceCells)]));
  });
}
