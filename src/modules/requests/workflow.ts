// The workflow of a case as data: for each staff (or applicant, or system) action, who may take it,
// in which states, and the state it leads to. The use cases (use-cases/*.ts) ask `checkTransition`
// before they change anything, so a new action or state is one row here, not a new `if` per file.
// Pure: no I/O. Legal rules of the clock (补正 once, within 7 working days …) live in clock-rules.ts.
import type { Action } from '../auth/policy.ts';
import type { Status } from './model.ts';

export const CASE_ACTIONS = [
  'assign', 'transfer', 'sendCorrection', 'receiveSupplement', 'startConsultation', 'endConsultation',
  'sendFeeNotice', 'recordFeePaid', 'expireCorrection', 'expireFee', 'requestExtension', 'decideExtension',
  'draftReply', 'submitReply', 'actOnReply', 'uploadDocument', 'deliverDocument',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface Transition {
  /** The permission on the case's organisation; the applicant and the daily job act without one. */
  permission: Action;
  /** States in which the action may be taken. */
  from: readonly Status[];
  /** The case must have a 收到申请之日 (the clock has started). */
  needsReceipt?: boolean;
  /** The state afterwards; `null`: unchanged, or decided by the outcome (documented per row). */
  next: Status | null;
  /** Said when the state does not allow the action; per state where the reason differs. */
  refusal: string;
  refusals?: Partial<Record<Status, string>>;
  /** A closed case answers 「该申请已办结，不能再办理。」 (reason `closed`) instead of `refusal`. */
  closedIsFinal?: boolean;
}

const OPEN: readonly Status[] = ['submitted', 'handling', 'awaiting_supplement', 'consulting', 'awaiting_fee', 'reply_review'];
const RECEIVED_OPEN: readonly Status[] = ['handling', 'awaiting_supplement', 'consulting', 'awaiting_fee'];
const ALL: readonly Status[] = [...OPEN, 'closed'];

export const WORKFLOW: Record<CaseAction, Transition> = {
  assign: { permission: 'request.assign', from: OPEN, next: null, refusal: '', closedIsFinal: true },
  transfer: {
    permission: 'request.assign', from: OPEN.filter((s) => s !== 'reply_review'), next: null, closedIsFinal: true,
    refusal: '答复正在审核中，不能转办。请先由审核人退回。',
  },
  sendCorrection: {
    permission: 'request.handle', from: ['handling'], needsReceipt: true, next: 'awaiting_supplement', closedIsFinal: true,
    refusal: '只有办理中的申请可以发出补正告知（征求意见、待缴费或审核期间不能补正）。',
  },
  receiveSupplement: {
    permission: 'request.handle', from: ['awaiting_supplement'], next: 'handling',
    refusal: '该申请目前不需要补正。', refusals: { closed: '该申请已办结，不能再补正。' },
  },
  startConsultation: {
    permission: 'request.handle', from: ['handling', 'consulting'], needsReceipt: true, next: 'consulting', closedIsFinal: true,
    refusal: '只有办理中的申请可以征求意见。',
  },
  /** next: handling, or still consulting while another consultation is open. */
  endConsultation: { permission: 'request.handle', from: ['consulting'], next: null, refusal: '该申请没有正在进行的征求意见。' },
  sendFeeNotice: {
    permission: 'request.handle', from: ['handling'], needsReceipt: true, next: 'awaiting_fee', closedIsFinal: true,
    refusal: '只有办理中的申请可以发出收费通知。',
  },
  recordFeePaid: { permission: 'request.handle', from: ['awaiting_fee'], next: 'handling', refusal: '该申请没有待缴纳的信息处理费。' },
  expireCorrection: { permission: 'request.handle', from: ['awaiting_supplement'], next: 'closed', refusal: '该申请不在等待补正状态。' },
  expireFee: { permission: 'request.handle', from: ['awaiting_fee'], next: 'closed', refusal: '该申请没有待缴纳的信息处理费。' },
  requestExtension: {
    permission: 'request.handle', from: RECEIVED_OPEN, needsReceipt: true, next: null, closedIsFinal: true,
    refusal: '答复正在审核中，不能申请延期。',
  },
  decideExtension: { permission: 'request.extension.approve', from: OPEN, next: null, refusal: '', closedIsFinal: true },
  draftReply: {
    permission: 'request.handle', from: ['handling'], needsReceipt: true, next: null, closedIsFinal: true,
    refusal: '只有办理中的申请可以拟写答复（补正、征求意见、缴费期间不能答复）。', refusals: { reply_review: '答复正在审核中，不能修改。' },
  },
  submitReply: {
    permission: 'request.handle', from: ['handling'], needsReceipt: true, next: 'reply_review', closedIsFinal: true,
    refusal: '只有办理中的申请可以提交答复。', refusals: { reply_review: '答复已在审核中。' },
  },
  /** next: closed when the last step signs, handling when returned, unchanged when passed on. */
  actOnReply: { permission: 'request.review', from: ['reply_review'], next: null, refusal: '该申请没有待审核的答复。' },
  uploadDocument: { permission: 'request.handle', from: OPEN, next: null, refusal: '', closedIsFinal: true },
  deliverDocument: { permission: 'request.handle', from: ALL, next: null, refusal: '' },
};

export const CLOSED_MESSAGE = '该申请已办结，不能再办理。';
export const NOT_RECEIVED_MESSAGE = '该申请尚未确认收到，请先确认收到申请（确定收到申请之日）后再办理。';

export type TransitionRefusal = { reason: 'closed' | 'not_received' | 'state'; message: string };

/** Whether `action` may be taken on a case in this state; the permission is checked by the caller. */
export function checkTransition(action: CaseAction, c: { status: string; receivedOn: string | null }): TransitionRefusal | null {
  const t = WORKFLOW[action];
  const status = c.status as Status;
  if (status === 'closed' && t.closedIsFinal) return { reason: 'closed', message: CLOSED_MESSAGE };
  if (t.needsReceipt && (status === 'submitted' || !c.receivedOn)) return { reason: 'not_received', message: NOT_RECEIVED_MESSAGE };
  if (!t.from.includes(status)) return { reason: 'state', message: t.refusals?.[status] ?? t.refusal };
  return null;
}

/** The roles' permissions a case action needs (for screens that show only what a user may do). */
export const permissionOf = (action: CaseAction): Action => WORKFLOW[action].permission;
