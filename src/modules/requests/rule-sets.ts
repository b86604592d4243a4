// The rule sets of on-request disclosure (条例2019, and the 鄂托克前旗2018 preset): periods, limits and
// their legal bases. Pure data, read by the clock (clock-rules.ts) and the use cases.

import {
  addWorkingDays as engineAddWorkingDays,
  workingDaysBetween as engineWorkingDaysBetween,
  type WorkCalendar,
} from '../../calendar/index.ts';

// Memo of the engine's answers per (immutable) calendar: recomputing thousands of open cases after a
// calendar change asks the same questions (same receipt dates, same periods) over and over.
const memo = new WeakMap<WorkCalendar, Map<string, string | number>>();
function memoOf(cal: WorkCalendar): Map<string, string | number> {
  let m = memo.get(cal);
  if (!m || m.size > 200_000) memo.set(cal, (m = new Map()));
  return m;
}
export function cachedAddWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  const m = memoOf(cal);
  const key = `a${date}${n}`;
  let v = m.get(key) as string | undefined;
  if (v === undefined) m.set(key, (v = engineAddWorkingDays(cal, date, n)));
  return v;
}
export function cachedWorkingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  const m = memoOf(cal);
  const key = `b${from}${to}`;
  let v = m.get(key) as number | undefined;
  if (v === undefined) m.set(key, (v = engineWorkingDaysBetween(cal, from, to)));
  return v;
}

export type RuleSetId = '条例2019' | '鄂托克前旗2018';

export interface RuleSet {
  id: RuleSetId;
  label: string;
  /** Where the rule set comes from. */
  source: string;
  replyDays: number;
  replyBasis: string;
  extensionMaxDays: number;
  extensionBasis: string;
  /** A 补正 notice may be sent only once, within this many working days of receipt. */
  correctionWithinDays: number;
  correctionBasis: string;
  /** Default deadline given to the applicant in the 补正 notice (第30条 “合理的补正期限”; configurable default). */
  supplementDays: number;
  restartBasis: string;
  /** Information decided to be disclosed must be provided within this many working days (null: with the reply). */
  provideDays: number | null;
  provideBasis: string;
  thirdPartyDays: number;
  thirdPartyBasis: string;
  interAgencyDays: number;
  interAgencyBasis: string;
  feePayDays: number;
  feeBasis: string;
  /** Why consultation time is not counted. */
  pauseBasis: string;
}

export const REG = '《中华人民共和国政府信息公开条例》';
export const FEE_DOC = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';

const REG2019: RuleSet = {
  id: '条例2019',
  label: '《中华人民共和国政府信息公开条例》（2019年修订）',
  source: '国务院令第711号',
  replyDays: 20,
  replyBasis: `${REG}第三十三条第二款`,
  extensionMaxDays: 20,
  extensionBasis: `${REG}第三十三条第二款`,
  correctionWithinDays: 7,
  correctionBasis: `${REG}第三十条`,
  supplementDays: 15,
  restartBasis: `${REG}第三十条（答复期限自行政机关收到补正的申请之日起计算）`,
  provideDays: null,
  provideBasis: `${REG}第三十三条（在答复期限内答复并提供）`,
  thirdPartyDays: 15,
  thirdPartyBasis: `${REG}第三十二条`,
  interAgencyDays: 15,
  interAgencyBasis: `${REG}第三十四条（逾期未提出意见的视为同意公开）`,
  feePayDays: 20,
  feeBasis: `${REG}第四十二条、${FEE_DOC}`,
  pauseBasis: `${REG}第三十三条第三款`,
};

const OTQQ = '《鄂托克前旗人民政府依申请公开制度》';

/**
 * Seed 002 附件2: 15 working days to decide and answer (第二条), extension ≤ 15 working days with the
 * approval of the disclosure office head (第四条), information decided to be disclosed provided
 * within 10 working days (第二条). The county rule says nothing on 补正, consultation and fees: the
 * 2019 Regulation applies there (a county rule cannot override it).
 */
const OTQQ2018: RuleSet = {
  ...REG2019,
  id: '鄂托克前旗2018',
  label: '鄂托克前旗人民政府依申请公开制度（2018）',
  source: '鄂托克前旗人民政府（附件2）',
  replyDays: 15,
  replyBasis: `${OTQQ}第二条`,
  extensionMaxDays: 15,
  extensionBasis: `${OTQQ}第四条`,
  provideDays: 10,
  provideBasis: `${OTQQ}第二条（不能当场公开的，在申请人办理手续后10个工作日内公开）`,
  correctionBasis: `${REG}第三十条（本制度未作规定，适用条例）`,
};

export const RULE_SETS: Record<RuleSetId, RuleSet> = { 条例2019: REG2019, 鄂托克前旗2018: OTQQ2018 };
export const DEFAULT_RULE_SET: RuleSetId = '条例2019';
export const RULE_SET_IDS = Object.keys(RULE_SETS) as RuleSetId[];
export const isRuleSetId = (v: unknown): v is RuleSetId => typeof v === 'string' && Object.hasOwn(RULE_SETS, v);
export const DEFAULT_INTERNAL_LEAD_DAYS = 5;

export type PauseKind = 'third_party' | 'inter_agency' | 'fee';

/** 补正 notices may be sent up to and including this day (the 7th working day after receipt). */
export function correctionLatestSendDate(cal: WorkCalendar, rules: RuleSetId, receivedOn: string): string {
  return cachedAddWorkingDays(cal, receivedOn, RULE_SETS[rules].correctionWithinDays);
}

/** Seed-002 style rule: information decided to be disclosed is provided within provideDays of the decision; null when the rule set has no separate period. */
export function provideDueDate(cal: WorkCalendar, rules: RuleSetId, decidedOn: string): string | null {
  const days = RULE_SETS[rules].provideDays;
  return days === null ? null : cachedAddWorkingDays(cal, decidedOn, days);
}

/** The legal end of a pause started on `from`: consultation answers (15 wd) or fee payment (20 wd). */
export function pauseDeadlineFor(cal: WorkCalendar, rules: RuleSetId, reason: PauseKind, from: string): string {
  const r = RULE_SETS[rules];
  const days = reason === 'fee' ? r.feePayDays : reason === 'inter_agency' ? r.interAgencyDays : r.thirdPartyDays;
  return cachedAddWorkingDays(cal, from, days);
}

export const pauseBasisOf = (rules: RuleSet, reason: PauseKind): string =>
  reason === 'fee' ? rules.feeBasis : `${reason === 'third_party' ? rules.thirdPartyBasis : rules.interAgencyBasis}、${rules.pauseBasis}`;
