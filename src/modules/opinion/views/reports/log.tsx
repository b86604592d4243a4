// 舆情日志: one Beijing calendar day — items by source, incidents opened / confirmed / responded /
// closed, open deadlines and breaches — with the same numbers as the .docx download.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { DataTable, ErrorSummary, TextField } from '../../../../platform/views/form.tsx';
import { formatInstant } from '../../../../platform/time/index.ts';
import { CHANNELS, MEDIA_TYPES, labelOf } from '../../model.ts';
import type { DailyLog, LogDeadline, LogEntry } from '../../reports.domain.ts';
import { logPeriodText } from '../../documents/log-docx.ts';

export const LOG_HREF = '/admin/opinion/log';

const when = (d: Date | null) => (d ? <time dateTime={d.toISOString()}>{formatInstant(d, 'minute')}</time> : '—');

/** The incident's 专报 (.docx), named by its number for screen readers. */
const ReportLink = ({ e }: { e: { incidentId: number; no: string } }) =>
  <a href={`/admin/opinion/${e.incidentId}/report.docx`} aria-label={`下载专报：${e.no}`}>下载</a>;

function Incidents({ caption, rows, timeHead, empty }: { caption: string; rows: LogEntry[]; timeHead: string; empty: string }) {
  return (
    <DataTable caption={caption} empty={empty} head={['舆情编号', '标题', '等级', '状态', '牵头单位', timeHead, '专报']}
      rows={rows.map((e) => [e.no, e.title, e.grade, e.status, e.leadOrg, when(e.at), <ReportLink e={e} />])} />
  );
}

function Deadlines({ caption, rows, open, empty }: { caption: string; rows: LogDeadline[]; open: boolean; empty: string }) {
  return (
    <DataTable caption={caption} empty={empty} head={['舆情编号', '标题', '时限事项', '牵头单位', '期限', open ? '状态' : '完成时间']}
      rows={rows.map((d) => [d.no, d.title, d.kind, d.leadOrg, when(d.dueAt),
        open ? (d.overdue ? <span class="badge badge-err">已超时</span> : <span class="badge">未到期</span>) : (d.metAt ? when(d.metAt) : '尚未完成')])} />
  );
}

export interface LogPageProps {
  vc: ViewContext;
  /** The date field as typed. */
  value: string;
  errors?: Record<string, string>;
  log?: DailyLog;
  scopeLabel: string;
}

export function LogPage({ vc, value, errors, log, scopeLabel }: LogPageProps) {
  return (
    <AdminLayout ctx={vc} meta={{ title: log ? `舆情日志（${log.label}）` : '舆情日志' }} current={LOG_HREF}>
      <h1>舆情日志</h1>
      <ErrorSummary errors={errors} />
      <form method="get" action={LOG_HREF} class="filters" role="search" aria-label="选择日期">
        <TextField name="date" label="日期" type="date" value={value} maxLength={10} error={errors?.date} hint="北京时间的日历日，格式如 2026-10-01；不填为今天。" />
        <div class="field"><button type="submit">查看</button></div>
      </form>
      {log && (
        <>
          <p>统计时段：{logPeriodText(log)}；统计范围：{scopeLabel}。信息按发布时间统计。 <a href={`${LOG_HREF}.docx?date=${log.date}`}>下载舆情日志（Word 文档）</a></p>
          <section aria-labelledby="log-items">
            <h2 id="log-items">一、信息收集情况</h2>
            <p>当日共收集信息 {log.items.total} 条，其中原发信息 {log.items.originals} 条，转载和重复信息 {log.items.duplicates} 条。</p>
            <DataTable caption={`各来源信息数量（${log.label}）`} empty="当日没有收集到信息" head={['来源', '媒体类型', '原发', '转载重复', '合计']}
              rows={log.items.bySource.map((s) => [s.source, labelOf(MEDIA_TYPES, s.mediaType) || s.mediaType, s.originals, s.duplicates, s.total])} />
          </section>
          <section aria-labelledby="log-incidents">
            <h2 id="log-incidents">二、舆情事件情况</h2>
            <p>当日新发现舆情事件 {log.opened.length} 件，研判确认 {log.confirmed.length} 件，发布回应 {log.responded.length} 次，办结 {log.closed.length} 件。</p>
            <Incidents caption="新发现的舆情事件" rows={log.opened} timeHead="发现时间" empty="当日没有新发现的舆情事件" />
            <Incidents caption="研判确认的舆情事件" rows={log.confirmed} timeHead="确认时间" empty="当日没有研判确认的舆情事件" />
            <DataTable caption="发布的回应" empty="当日没有发布回应" head={['舆情编号', '标题', '回应渠道', '回应单位', '回应时间']}
              rows={log.responded.map((r) => [r.no, r.title, labelOf(CHANNELS, r.channel) || r.channel, r.org, when(r.at)])} />
            <Incidents caption="办结的舆情事件" rows={log.closed} timeHead="办结时间" empty="当日没有办结的舆情事件" />
          </section>
          <section aria-labelledby="log-deadlines">
            <h2 id="log-deadlines">三、回应时限情况</h2>
            <p>截至 {when(log.asOf)}，尚未完成的回应时限 {log.openDeadlines.length} 项（其中已超时 {log.openDeadlines.filter((d) => d.overdue).length} 项）；当日到期未按时完成 {log.breaches.length} 项。</p>
            <Deadlines caption="尚未完成的回应时限" rows={log.openDeadlines} open empty="没有尚未完成的回应时限" />
            <Deadlines caption="当日到期未按时完成的回应时限" rows={log.breaches} open={false} empty="当日没有超时情况" />
          </section>
        </>
      )}
    </AdminLayout>
  );
}
