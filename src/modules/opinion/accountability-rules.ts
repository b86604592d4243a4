// 问责 (seed 004 §六): what a late or missing response leads to, as a pure rule. The level comes
// from how late the response is (or how long it has been overdue), raised one step for a 重大 /
// 特别重大 incident and one step for an organisation that has been late again and again; the
// disclosure office decides the finding, this only proposes it.
import { DEADLINE_KINDS, FINDING_KINDS, GRADES, isMajorGrade, labelOf, type FindingKind, type Grade } from './model.ts';

export const FINDING_LEVELS: readonly FindingKind[] = ['notice', 'interview', 'accountability'];

/** Lateness at which the base level rises: under 24 h 通报, from 24 h 约谈, from 72 h 问责. */
export const LATE_STEPS_MINUTES = { interview: 24 * 60, accountability: 72 * 60 } as const;
/** Earlier findings of the organisation (within REPEAT_WINDOW_DAYS) from which the level rises one step. */
export const REPEAT_THRESHOLD = 2;
export const REPEAT_WINDOW_DAYS = 365;

export interface BreachInput {
  grade: Grade | null;
  deadlineKind: string;
  /** Minutes between the due instant and the response (or now, when still unanswered); ≥ 0. */
  lateMinutes: number;
  /** Findings of the same organisation in the window before this one. */
  priorFindings: number;
  /** Whether the deadline has since been met (a late response) or is still open. */
  answered: boolean;
  /** No lead unit was named when it ran out: the finding is the government office's (seed 004 §三(四)). */
  withoutLead?: boolean;
}

export interface FindingProposal { kind: FindingKind; level: number; reason: string }

export function lateText(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  return d > 0 ? `${d}天${h}小时` : h > 0 ? `${h}小时${min}分钟` : `${min}分钟`;
}

export function proposeFinding(input: BreachInput): FindingProposal {
  const late = Math.max(0, input.lateMinutes);
  let level = late >= LATE_STEPS_MINUTES.accountability ? 2 : late >= LATE_STEPS_MINUTES.interview ? 1 : 0;
  const major = isMajorGrade(input.grade);
  if (major) level++;
  const repeat = input.priorFindings >= REPEAT_THRESHOLD;
  if (repeat) level++;
  level = Math.min(level, FINDING_LEVELS.length - 1);
  const kind = FINDING_LEVELS[level]!;
  const grade = labelOf(GRADES, input.grade) || '未定级';
  const what = labelOf(DEADLINE_KINDS, input.deadlineKind) || input.deadlineKind;
  const parts = [
    `${grade}舆情“${what}”时限${input.answered ? '逾期作出回应，超时' : '已过，尚未回应，已超时'}${lateText(late)}`,
    ...(input.withoutLead ? ['时限届满时尚未确定牵头单位，由负责确定牵头单位的县政府办公室承担'] : []),
    ...(major ? ['涉及重大、特别重大舆情，从重一级'] : []),
    ...(input.priorFindings > 0 ? [`该单位近${REPEAT_WINDOW_DAYS}天内已有${input.priorFindings}次超时记录${repeat ? '，从重一级' : ''}`] : []),
  ];
  return { kind, level, reason: `${parts.join('；')}。建议${FINDING_KINDS[kind]}。` };
}

/**
 * An open finding whose deadline is still unanswered, looked at again (the deadline job, every run):
 * the proposal for the lateness now, when it is above the finding's current kind; null otherwise.
 * Never lower: a withdrawn earlier finding or a regrade down does not take a proposal back, only the
 * disclosure office's decision does.
 */
export function raiseFinding(current: string, input: BreachInput): FindingProposal | null {
  const at = FINDING_LEVELS.indexOf(current as FindingKind);
  const p = proposeFinding({ ...input, answered: false });
  return p.level > at ? p : null;
}
