// 舆情日志 (/admin/opinion/log and .docx), 舆情统计 (/admin/opinion/dashboard) and the 专报 of one
// incident (/admin/opinion/:id/report.docx), all opinion.read, in the reader's scope.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { Type } from '@sinclair/typebox';
import { IdParams, QueryStr } from '../../platform/forms/query.ts';
import { writeOfficialDocument } from '../../platform/documents/index.ts';
import { contentDisposition } from '../../platform/http/download.ts';
import { MIME } from '../../platform/files/sniff.ts';
import { parseLogDate, parseRange, reportScopeOf } from './reports.domain.ts';
import { loadDailyLog, loadDashboard, loadIncidentReport, scopeLabelOf } from './use-cases/reports.ts';
import { logDocument, logFileName } from './documents/log-docx.ts';
import { incidentReportDocument, reportFileName } from './documents/incident-report.ts';
import { LOG_HREF, LogPage } from './views/reports/log.tsx';
import { DASHBOARD_HREF, DashboardPage } from './views/reports/dashboard.tsx';

const POLICY = { policy: 'opinion.read' } as const;
const LogQuery = Type.Object({ date: QueryStr('日期') });
const RangeQuery = Type.Object({ from: QueryStr('起始日期'), to: QueryStr('截止日期') });
const REPORT_PARAMS = IdParams('id', '舆情事件不存在或已被删除。');

export function registerOpinionReports(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();

  app.get(LOG_HREF, { config: POLICY, schema: { querystring: LogQuery } }, async (req, reply) => {
    const user = req.user!;
    const scope = reportScopeOf(user);
    const scopeLabel = scopeLabelOf(user, scope);
    const value = req.query.date ?? '';
    const d = parseLogDate(req.query.date, ctx.now());
    if (!d.ok) return reply.page((vc) => LogPage({ vc, value, errors: d.errors, scopeLabel }), 422);
    const log = await loadDailyLog(ctx, scope, d.value);
    return reply.page((vc) => LogPage({ vc, value: d.value, log, scopeLabel }));
  });

  app.get(`${LOG_HREF}.docx`, { config: POLICY, schema: { querystring: LogQuery } }, async (req, reply) => {
    const user = req.user!;
    const scope = reportScopeOf(user);
    const d = parseLogDate(req.query.date, ctx.now());
    if (!d.ok) throw new AppError('validation_failed', d.errors.date, d.errors);
    const log = await loadDailyLog(ctx, scope, d.value);
    const bytes = await writeOfficialDocument(logDocument(log, { scopeLabel: scopeLabelOf(user, scope), org: user.orgName, now: ctx.now() }));
    return reply.type(MIME.docx).header('cache-control', 'no-store').header('content-disposition', contentDisposition(logFileName(d.value))).send(bytes);
  });

  app.get(DASHBOARD_HREF, { config: POLICY, schema: { querystring: RangeQuery } }, async (req, reply) => {
    const user = req.user!;
    const scope = reportScopeOf(user);
    const scopeLabel = scopeLabelOf(user, scope);
    const r = parseRange(req.query, ctx.now());
    if (!r.ok) return reply.page((vc) => DashboardPage({ vc, values: { from: req.query.from ?? '', to: req.query.to ?? '' }, errors: r.errors, scopeLabel }), 422);
    const dashboard = await loadDashboard(ctx, scope, r.value);
    return reply.page((vc) => DashboardPage({ vc, values: r.value, dashboard, scopeLabel, computedAt: ctx.now() }));
  });

  app.get('/admin/opinion/:id/report.docx', { config: POLICY, schema: { params: REPORT_PARAMS } }, async (req, reply) => {
    const user = req.user!;
    const r = await loadIncidentReport(ctx, user, req.params.id);
    if (!r.ok) throw r.reason === 'forbidden' ? new AppError('forbidden', '您没有查看该舆情事件的权限。') : new AppError('not_found', '舆情事件不存在或已被删除。');
    const now = ctx.now();
    const bytes = await writeOfficialDocument(incidentReportDocument(r.data, { org: user.orgName, now }));
    return reply.type(MIME.docx).header('cache-control', 'no-store')
      .header('content-disposition', contentDisposition(reportFileName(r.data.incident.no, now))).send(bytes);
  });
}
