// The incident timeline (opinion_events): every event type with its Chinese label, and one writer
// that every part of the module (ingestion, 研判, assignment, responses, closing) calls inside its
// own transaction, so the timeline runs from the first item to closing without gaps.
import type { Actor } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { insertEvents } from './ingest.repo.ts';

export const EVENT_TYPES = {
  opened: '发现舆情',
  items_added: '新增相关信息',
  plan_notified: '按监测方案提醒',
  created: '人工录入',
  confirmed: '研判确认',
  regraded: '调整等级或分类',
  dismissed: '排除',
  merged: '合并',
  split: '拆分',
  escalated: '升级上报',
  record_linked: '关联政策文件',
  notified: '通知',
  assigned: '指定牵头单位',
  deadline_breached: '超过时限',
  finding_raised: '问责建议升级',
  finding_decided: '问责决定',
  finding_withdrawn: '撤销问责建议',
  response_drafted: '起草回应',
  response_submitted: '回应提交审核',
  response_approved: '回应审核通过',
  response_returned: '回应退回修改',
  responded: '发布回应',
  response_published: '在回应关切栏目公开',
  referred: '移交处置',
  proposal: '建议解读或发布新闻稿',
  closed: '办结',
  reopened: '重新办理',
  note: '备注',
} as const;
export type EventType = keyof typeof EVENT_TYPES;

/** Appends one event to an incident's timeline, on the caller's transaction. */
export async function recordEvent(tx: Executor, incidentId: number, type: EventType, data: Record<string, unknown>, actor: Pick<Actor, 'id' | 'name'>, at: Date): Promise<void> {
  await insertEvents(tx, [{ incidentId, type, data, at, actorId: actor.id ?? null, actorName: actor.name }]);
}

/** Who a timeline line names: the person's name (the audit log keeps the login name). */
export const eventActor = (c: { user: { id: number; displayName: string } }): Pick<Actor, 'id' | 'name'> => ({ id: c.user.id, name: c.user.displayName });
