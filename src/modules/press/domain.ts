// Pure rules of press events: which approval chain applies, when an event may be marked held (and
// the 先发布后补批 fast track of emergencies), when its texts may be published, and the instants of
// the form (Beijing time). No I/O, no clock: `now` is always an argument.
import { APPROVE_AFTER_HOURS, type DocKind, type Status } from './model.ts';

const HOUR = 3_600_000;

/** The review engine's record kind: an event in the government's name has its own four-step chain. */
export function recordKindOf(ev: { govName: boolean }): 'government' | 'department' {
  return ev.govName ? 'government' : 'department';
}

/**
 * A Beijing wall-clock time as typed ('2026-12-08T09:30', '2026-12-08 09:30', seconds optional) →
 * the instant; null when it is not a real minute. Never reads the process time zone.
 */
export function parseBeijingLocal(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || se! > 59) return null;
  const t = Date.UTC(y!, mo! - 1, d!, h! - 8, mi!, se!);
  const back = new Date(t + 8 * HOUR);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d) return null;
  return new Date(t);
}

/** The value of a datetime-local input for an instant, in Beijing time. */
export function beijingLocalValue(d: Date): string {
  return new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16);
}

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

/** Publishing the release or the transcript: after the event, and only once its approval is complete. */
export function decidePublish(ev: { status: string; approvedAt: Date | null }, kind: DocKind, text: string): { ok: true } | { ok: false; message: string; fields?: Record<string, string> } {
  if (ev.status !== 'held') return { ok: false, message: '活动举行后才能公开新闻稿和发布实录。' };
  if (!ev.approvedAt) return { ok: false, message: '该活动的补批尚未完成，审批通过后才能在网站公开。' };
  if (!text.trim()) {
    const label = kind === 'release' ? '新闻稿' : '发布实录';
    return { ok: false, message: `请填写${label}内容。`, fields: { text: `请填写${label}内容` } };
  }
  return { ok: true };
}

/** An emergency event held before approval whose 补批 deadline has passed. */
export function approvalOverdue(ev: { approvedAt: Date | null; approvalDueAt: Date | null }, now: Date): boolean {
  return !ev.approvedAt && ev.approvalDueAt !== null && ev.approvalDueAt.getTime() < now.getTime();
}
