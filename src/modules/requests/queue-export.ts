// The request queue as a table for CSV / Excel: the rows the screen's filters select, every column
// as people read it (labels, Beijing times). No applicant data: the queue never shows it either.
import { formatInstant } from '../../platform/time/index.ts';
import { CASE_KINDS, CHANNELS, STATUSES, outcomeLabel } from './model.ts';
import type { QueueRow } from './repo.ts';

/** Most rows one export holds (the screen's filters narrow it further). */
export const MAX_QUEUE_EXPORT = 5000;

export const QUEUE_EXPORT_HEADERS = ['受理编号', '申请类型', '受理机关', '申请方式', '状态', '提交时间', '收到申请日期', '法定答复期限', '内部办理目标日', '计时状态', '承办人', '答复日期', '办理结果', '所需信息'];

const label = (m: Readonly<Record<string, unknown>>, k: string, pick: (v: any) => string = String) => (Object.hasOwn(m, k) ? pick(m[k]) : k);

export function queueExportRows(rows: readonly QueueRow[]): string[][] {
  return [QUEUE_EXPORT_HEADERS, ...rows.map((r) => [
    r.trackingNo,
    label(CASE_KINDS, r.kind),
    r.orgName,
    label(CHANNELS, r.channel, (v) => v.label),
    label(STATUSES, r.status),
    formatInstant(r.submittedAt, 'minute'),
    r.receivedOn ?? '',
    r.statutoryDueOn ? `${r.statutoryDueOn}${r.dueProvisional ? '（暂定）' : ''}` : '',
    r.internalDueOn ?? '',
    r.clockStopped ? '暂停计时' : r.receivedOn ? '计时中' : '未开始',
    r.handlerName ?? '',
    r.repliedOn ?? '',
    r.outcome ? outcomeLabel(r.outcome) : '',
    r.summary,
  ])];
}
