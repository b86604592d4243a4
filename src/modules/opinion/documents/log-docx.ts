// 舆情日志 as a 公文-style document (platform/documents, GB/T 9704): the same sections and numbers as
// the page — items by source, incidents of the day, open deadlines and breaches — in Beijing time.
import type { Block, OfficialDocument, TableBlock } from '../../../platform/documents/index.ts';
import { fileStamp, formatInstant, toBeijingDate } from '../../../platform/time/index.ts';
import { CHANNELS, MEDIA_TYPES, labelOf } from '../model.ts';
import type { DailyLog, LogDeadline, LogEntry } from '../reports.domain.ts';

const time = (d: Date) => formatInstant(d, 'minute');
const n = (x: number) => String(x);

function incidentTable(caption: string, rows: LogEntry[], timeHead: string, extra?: { head: string; cell: (e: LogEntry) => string }): TableBlock {
  return {
    kind: 'table', caption, headerRows: 1, fontSize: 12,
    columns: extra ? [3, 6, 2, 4, 3, 3] : [3, 7, 2, 4, 3],
    rows: [
      ['舆情编号', '标题', '等级', '牵头单位', ...(extra ? [extra.head] : []), timeHead],
      ...rows.map((e) => [e.no, e.title, e.grade, e.leadOrg, ...(extra ? [extra.cell(e)] : []), time(e.at)]),
    ],
  };
}

function deadlineTable(caption: string, rows: LogDeadline[], open: boolean): TableBlock {
  return {
    kind: 'table', caption, headerRows: 1, fontSize: 12, columns: [3, 6, 4, 4, 3, 3],
    rows: [
      ['舆情编号', '标题', '时限事项', '牵头单位', '期限', open ? '状态' : '完成时间'],
      ...rows.map((d) => [d.no, d.title, d.kind, d.leadOrg, time(d.dueAt), open ? (d.overdue ? '已超时' : '未到期') : (d.metAt ? time(d.metAt) : '尚未完成')]),
    ],
  };
}

/** The period line: the whole day, or up to now for today. */
export function logPeriodText(log: DailyLog): string {
  const whole = log.asOf.getTime() - new Date(`${log.date}T00:00:00+08:00`).getTime() >= 86_400_000;
  return whole ? `${log.label}0时至24时（北京时间）` : `${log.label}0时至${formatInstant(log.asOf, 'minute').slice(11)}（北京时间）`;
}

export function logDocument(log: DailyLog, o: { scopeLabel: string; org: string; now: Date }): OfficialDocument {
  const body: (Block | string)[] = [];
  body.push(`统计时段：${logPeriodText(log)}。统计范围：${o.scopeLabel}。信息按发布时间统计。`);
  body.push({ kind: 'heading', level: 1, text: '一、信息收集情况' });
  body.push(`当日共收集信息 ${log.items.total} 条，其中原发信息 ${log.items.originals} 条，转载和重复信息 ${log.items.duplicates} 条。`);
  if (log.items.bySource.length) {
    body.push({
      kind: 'table', caption: '各来源信息数量', headerRows: 1, fontSize: 12, columns: [6, 3, 2, 2, 2],
      rows: [
        ['来源', '媒体类型', '原发', '转载重复', '合计'],
        ...log.items.bySource.map((s) => [s.source, labelOf(MEDIA_TYPES, s.mediaType) || s.mediaType, n(s.originals), n(s.duplicates), n(s.total)]),
        [{ text: '合计', bold: true }, '', n(log.items.originals), n(log.items.duplicates), n(log.items.total)],
      ],
    });
  }
  body.push({ kind: 'heading', level: 1, text: '二、舆情事件情况' });
  body.push(`当日新发现舆情事件 ${log.opened.length} 件，研判确认 ${log.confirmed.length} 件，发布回应 ${log.responded.length} 次，办结 ${log.closed.length} 件。`);
  const sections: [string, LogEntry[], string][] = [
    ['（一）新发现的舆情事件', log.opened, '发现时间'],
    ['（二）研判确认的舆情事件', log.confirmed, '确认时间'],
  ];
  for (const [h, rows, t] of sections) {
    body.push({ kind: 'heading', level: 2, text: h });
    body.push(rows.length ? incidentTable(h.slice(3), rows, t) : '无。');
  }
  body.push({ kind: 'heading', level: 2, text: '（三）发布的回应' });
  body.push(log.responded.length
    ? incidentTable('发布的回应', log.responded, '回应时间', { head: '回应渠道和单位', cell: (e) => { const r = e as (typeof log.responded)[number]; return `${labelOf(CHANNELS, r.channel) || r.channel}（${r.org}）`; } })
    : '无。');
  body.push({ kind: 'heading', level: 2, text: '（四）办结的舆情事件' });
  body.push(log.closed.length ? incidentTable('办结的舆情事件', log.closed, '办结时间') : '无。');
  body.push({ kind: 'heading', level: 1, text: '三、回应时限情况' });
  body.push(`截至${time(log.asOf)}，尚未完成的回应时限 ${log.openDeadlines.length} 项（其中已超时 ${log.openDeadlines.filter((d) => d.overdue).length} 项）；当日到期未按时完成 ${log.breaches.length} 项。`);
  body.push({ kind: 'heading', level: 2, text: '（一）尚未完成的回应时限' });
  body.push(log.openDeadlines.length ? deadlineTable('尚未完成的回应时限', log.openDeadlines, true) : '无。');
  body.push({ kind: 'heading', level: 2, text: '（二）当日超时情况' });
  body.push(log.breaches.length ? deadlineTable('当日到期未按时完成的回应时限', log.breaches, false) : '无。');
  return {
    title: `舆情日志（${log.label}）`,
    body,
    signature: { org: o.org, date: toBeijingDate(o.now) },
    runningHeader: `舆情日志 ${log.date}`,
    meta: { creator: o.org, description: `舆情日志 ${log.date}` },
  };
}

/** 舆情日志-20261001.docx: the Beijing date of the day logged. */
export const logFileName = (date: string) => `舆情日志-${fileStamp(new Date(`${date}T12:00:00+08:00`))}.docx`;
