// Pure rules of press events: which approval chain applies, when an event may be marked held (and
// the 先发布后补批 fast track of emergencies), when its texts may be published, and the instants of
// the form (Beijing time). No I/O, no clock: `now` is always an argument.
import { APPROVE_AFTER_HOURS, CANCELLABLE, STATUSES, labelOf, type DocKind, type Status } from './model.ts';
import { beijingLocalInput, parseBeijingInstant } from '../../platform/time/index.ts';

const HOUR = 3_600_000;

/** The review engine's record kind: an event in the government's name has its own four-step chain. */
export function recordKindOf(ev: { govName: boolean }): 'government' | 'department' {
  return ev.govName ? 'government' : 'department';
}

/** A datetime-local value (Beijing time) → instant, and back (platform/time). */
export const parseBeijingLocal = parseBeijingInstant;
export const beijingLocalValue = (d: Date): string => beijingLocalInput(d);

export interface HoldFacts {
  status: Status | string;
  emergency: boolean;
  approvedAt: Date | null;
  /** 答问口径 prepared for the event. */
  answers: number;
}

export type HoldDecision =
  | { ok: true; approveAfter: boolean; approvalDueAt: Date | null }
  | { ok: false; reason: 'not_approved' | 'closed' | 'invalid'; message: string; fields?: Record<string, string> };

/**
 * Marking an event held. An approved event may be held (seed 000 五(二): approval BEFORE the event).
 * An emergency (突发公共事件) is released in step with the handling (seed 000 五(三)): once the
 * application has been sent to the propaganda department (审批中 — the 第一时间通报) and the 答问口径
 * are prepared, it may be held before the approval ends, marked 先发布后补批 with a deadline of
 * APPROVE_AFTER_HOURS after the actual time for the approval to be completed.
 * The actual time may not lie in the future.
 */
export function decideHold(ev: HoldFacts, heldAt: Date, now: Date): HoldDecision {
  if (ev.status === 'held') return { ok: false, reason: 'closed', message: '该活动已标记为已举行。' };
  if (ev.status === 'cancelled') return { ok: false, reason: 'closed', message: '该活动已取消，不能标记为已举行。' };
  if (heldAt.getTime() > now.getTime() + 5 * 60_000) {
    return { ok: false, reason: 'invalid', message: '实际举行时间不能晚于当前时间。', fields: { heldAt: '实际举行时间不能晚于当前时间' } };
  }
  if (ev.status === 'approved' && ev.approvedAt) return { ok: true, approveAfter: false, approvalDueAt: null };
  if (ev.emergency && ev.status === 'in_review') {
    if (ev.answers === 0) {
      return { ok: false, reason: 'not_approved', message: '突发事件先发布后补批的，须先向宣传部门报送申请并准备答问口径，请先添加答问口径。' };
    }
    return { ok: true, approveAfter: true, approvalDueAt: new Date(heldAt.getTime() + APPROVE_AFTER_HOURS * HOUR) };
  }
  const why = ev.status === 'in_review' ? '审批尚未完成' : ev.status === 'refused' ? '申请未获批准' : '尚未提交审批';
  return { ok: false, reason: 'not_approved', message: `该活动${why}，不能标记为已举行：新闻发布须经宣传部门批准后进行（突发事件可先发布后补批）。` };
}

/**
 * Publishing the release or the transcript: after the event, once its approval is complete, and not
 * over a published text (its catalogue copy would differ: withdraw it first, then publish again).
 */
export function decidePublish(ev: { status: string; approvedAt: Date | null; publishedAt?: Date | null }, kind: DocKind, text: string): { ok: true } | { ok: false; message: string; fields?: Record<string, string> } {
  if (ev.status !== 'held') return { ok: false, message: '活动举行后才能公开新闻稿和发布实录。' };
  if (!ev.approvedAt) return { ok: false, message: '该活动的补批尚未完成，审批通过后才能在网站公开。' };
  const label = kind === 'release' ? '新闻稿' : '发布实录';
  if (ev.publishedAt) return { ok: false, message: `该${label}已公开，并已转入主动公开目录。如需更正，请先撤回，再重新公开。` };
  if (!text.trim()) {
    return { ok: false, message: `请填写${label}内容。`, fields: { text: `请填写${label}内容` } };
  }
  return { ok: true };
}

/** An emergency event held before approval whose 补批 deadline has passed. */
export function approvalOverdue(ev: { approvedAt: Date | null; approvalDueAt: Date | null }, now: Date): boolean {
  return !ev.approvedAt && ev.approvalDueAt !== null && ev.approvalDueAt.getTime() < now.getTime();
}

type Refusal = { ok: false; message: string; fields?: Record<string, string> };

function reasonProblem(reason: string, what: '取消' | '撤回', max: number): Refusal | null {
  const r = reason.trim();
  if (!r) return { ok: false, message: `请填写${what}理由。`, fields: { reason: `请填写${what}理由` } };
  if (r.length > max) return { ok: false, message: `${what}理由不能超过 ${max} 字。`, fields: { reason: `${what}理由不能超过 ${max} 字（当前 ${r.length} 字）` } };
  return null;
}

/** 取消: before the event is held, with a reason. An announced (approved) event leaves the public upcoming list. */
export function decideCancel(ev: { status: string }, reason: string, max: number): { ok: true } | Refusal {
  if (!CANCELLABLE.includes(ev.status as Status)) {
    return { ok: false, message: ev.status === 'held' ? '该活动已举行，不能取消；已公开的文稿可以撤回。' : `该活动当前状态为“${labelOf(STATUSES, ev.status)}”，不能取消。` };
  }
  return reasonProblem(reason, '取消', max) ?? { ok: true };
}

/**
 * 撤回 of a published text, with a reason. Its catalogue record goes with it: a published record is
 * withdrawn through the catalogue; one still in the catalogue's review, or returned to its drafter,
 * must be settled there first (else it could be published after the text was withdrawn); a record
 * that is not public (withheld, already withdrawn) needs nothing.
 */
export function decideWithdraw(
  ev: { publishedAt: Date | null }, record: { status: string; indexNo: string } | null, kind: DocKind, reason: string, max: number,
): { ok: true; withdrawRecord: boolean } | Refusal {
  const label = kind === 'release' ? '新闻稿' : '发布实录';
  if (!ev.publishedAt) return { ok: false, message: `该${label}尚未公开或已撤回。` };
  const bad = reasonProblem(reason, '撤回', max);
  if (bad) return bad;
  if (!record || record.status === 'withheld' || record.status === 'withdrawn') return { ok: true, withdrawRecord: false };
  if (record.status === 'published') return { ok: true, withdrawRecord: true };
  const where = record.status === 'in_review' ? '正在主动公开目录审核中' : '在主动公开目录中尚未办结（草稿或已退回修改）';
  return { ok: false, message: `该${label}对应的主动公开信息（索引号 ${record.indexNo}）${where}，请先在主动公开目录中办结（不予公开或发布后撤回），再撤回${label}。` };
}
