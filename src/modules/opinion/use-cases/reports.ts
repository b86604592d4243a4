// Reads behind 舆情日志, 舆情统计 and 专报: the repo's rows in the reader's scope, aggregated by the
// pure rules of reports.domain.ts. Nothing is changed, so nothing is audited; authors are masked here,
// before anything reaches a document.
import type { AppContext } from '../../../app-context.ts';
import { maskName } from '../../../platform/crypto/index.ts';
import { addDays } from '../../../calendar/index.ts';
import type { Principal } from '../../auth/policy.ts';
import * as repo from '../reports.repo.ts';
import { buildDailyLog, buildDashboard, dayBounds, mayReadIncident, rangeBounds, type DailyLog, type Dashboard, type ReportScope } from '../reports.domain.ts';
import type { IncidentReportData } from '../documents/incident-report.ts';

/** How the page and the documents name what the reader sees. */
export const scopeLabelOf = (user: Principal, scope: ReportScope): string =>
  scope.unassigned ? '全部监测信息和舆情事件' : `${user.orgName}牵头或配合办理的舆情事件及其信息`;

export async function loadDailyLog(ctx: AppContext, scope: ReportScope, date: string): Promise<DailyLog> {
  const now = ctx.now();
  const b = dayBounds(date);
  const asOf = now < b.to ? now : b.to;
  const [sources, incidents, responses, deadlines] = await Promise.all([
    repo.logSourceCounts(ctx.db, scope, b),
    repo.logIncidents(ctx.db, scope, b),
    repo.logResponses(ctx.db, scope, b),
    repo.logDeadlines(ctx.db, scope, b, asOf),
  ]);
  return buildDailyLog(date, { sources, incidents, responses, deadlines }, now);
}

export async function loadDashboard(ctx: AppContext, scope: ReportScope, range: { from: string; to: string }): Promise<Dashboard> {
  const b = rangeBounds(range.from, range.to);
  const weekFrom = addDays(range.to, -6) < range.from ? range.from : addDays(range.to, -6);
  const [items, incidents, deadlines, terms] = await Promise.all([
    repo.dayItemCounts(ctx.db, scope, b),
    repo.dashIncidents(ctx.db, scope, b),
    repo.dashDeadlines(ctx.db, scope, b),
    repo.termCounts(ctx.db, scope, rangeBounds(weekFrom, range.to)),
  ]);
  return buildDashboard(range, { items, incidents, deadlines, terms }, ctx.now());
}

export const REPORT_ITEMS = 20;

export type ReportLoad = { ok: true; data: IncidentReportData } | { ok: false; reason: 'not_found' | 'forbidden' };

/** The 专报's data, if the user may read the incident; every author masked. */
export async function loadIncidentReport(ctx: AppContext, user: Principal, id: number): Promise<ReportLoad> {
  const i = await repo.findReportIncident(ctx.db, id);
  if (!i) return { ok: false, reason: 'not_found' };
  const coOrgIds = (i.coOrgIds ?? []).map(Number);
  if (!mayReadIncident(user, { leadOrgId: i.leadOrgId, coOrgIds })) return { ok: false, reason: 'forbidden' };
  const [names, media, items, events, deadlines, responses] = await Promise.all([
    repo.orgNamesOf(ctx.db, [...(i.leadOrgId ? [i.leadOrgId] : []), ...coOrgIds]),
    repo.reportMediaCounts(ctx.db, id),
    repo.reportItems(ctx.db, id, REPORT_ITEMS),
    repo.reportEvents(ctx.db, id),
    repo.reportDeadlines(ctx.db, id),
    repo.reportResponses(ctx.db, id),
  ]);
  const author = (enc: string | null): string | null => {
    if (!enc) return null;
    try { return maskName(ctx.fieldCipher.decrypt(enc)); } catch { return '（无法读取）'; }
  };
  return {
    ok: true,
    data: {
      incident: {
        no: i.no, title: i.title, summary: i.summary, status: i.status, origin: i.origin, grade: i.grade, suggestedGrade: i.suggestedGrade,
        category: i.category, suggestedCategory: i.suggestedCategory, riskScore: i.riskScore, riskExplanation: i.riskExplanation,
        itemCount: i.itemCount, repostCount: i.repostCount, firstItemAt: i.firstItemAt, lastItemAt: i.lastItemAt, confirmedAt: i.confirmedAt,
        closedAt: i.closedAt, higherDeadline: i.higherDeadline, rumour: i.rumour, evaluation: i.evaluation, places: i.places ?? [], keywords: i.keywords ?? [],
      },
      leadOrg: i.leadOrgId ? names.get(i.leadOrgId) ?? null : null,
      coOrgs: coOrgIds.map((o) => names.get(o)).filter((n): n is string => Boolean(n)),
      media,
      items: items.map((it) => ({ title: it.title, text: it.text, source: it.source, publishedAt: it.publishedAt, author: author(it.authorEnc), repostCount: it.repostCount })),
      events,
      deadlines,
      responses,
    },
  };
}
