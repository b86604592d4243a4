// The press quotas and whether each organisation met them in a period (pure; table-tested):
//  - dept_quarterly:   each department holds at least one 新闻发布会 a quarter (seed 003 §2);
//  - leader_yearly:    each department's principal leader speaks at least once a year (seed 003 §2);
//  - gov_wide:         the government holds at least two releases on economic and social development
//                      as a whole a year (seed 001 (一)二);
//  - interview_leader: each government's (county, towns) principal leader takes part in one 在线访谈 a year;
//  - interview_dept:   each department holds at least two 在线访谈 a year (seed 003 §5).
// Only held events are counted (the caller passes them). A yearly rule is always judged over the whole
// year of the period; the quarterly rule over the quarter, or over each quarter of the year.
import type { EventType } from './model.ts';

export const RULES = {
  dept_quarterly: { label: '部门每季度举办新闻发布会', basis: '每季度至少 1 次' },
  leader_yearly: { label: '部门主要负责人出席新闻发布', basis: '每年至少 1 次' },
  gov_wide: { label: '经济社会发展全局性新闻发布', basis: '每年至少 2 次' },
  interview_leader: { label: '政府主要负责人参加在线访谈', basis: '每年至少 1 次' },
  interview_dept: { label: '部门开展在线访谈', basis: '每年至少 2 次' },
} as const;
export type RuleKey = keyof typeof RULES;

export const RULE_STATUSES = { met: '已完成', open: '进行中', missed: '未完成' } as const;
export type RuleStatus = keyof typeof RULE_STATUSES;

export interface Period { year: number; quarter?: 1 | 2 | 3 | 4 }
export interface ComplianceOrg { id: number; name: string; kind: string }
export interface CountedEvent { type: EventType | string; orgId: number; leader: boolean; govWide: boolean; date: string }

export interface RuleResult {
  orgId: number;
  orgName: string;
  rule: RuleKey;
  required: number;
  done: number;
  missing: number;
  status: RuleStatus;
  /** Quarters without a 新闻发布会 (dept_quarterly over a whole year). */
  missingQuarters?: number[];
}

const DEPARTMENT_KINDS = new Set(['department']);
const GOVERNMENT_KINDS = new Set(['government', 'town']);

export const quarterOf = (date: string): 1 | 2 | 3 | 4 => (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4;

/** The last calendar day of a quarter or a year ('YYYY-MM-DD'). */
export function periodEnd(year: number, quarter?: number): string {
  if (!quarter) return `${year}-12-31`;
  const month = quarter * 3;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Checks a period as typed: a year of 2000–2100, a quarter 1–4 or none. */
export function parsePeriod(year: string | undefined, quarter: string | undefined, today: string): Period | null {
  const y = year && /^\d{4}$/.test(year) ? Number(year) : Number(today.slice(0, 4));
  if (y < 2000 || y > 2100) return null;
  if (!quarter) return { year: y };
  if (!/^[1-4]$/.test(quarter)) return null;
  return { year: y, quarter: Number(quarter) as 1 | 2 | 3 | 4 };
}

function result(org: ComplianceOrg, rule: RuleKey, required: number, done: number, ended: boolean, extra: Partial<RuleResult> = {}): RuleResult {
  const missing = Math.max(0, required - done);
  return { orgId: org.id, orgName: org.name, rule, required, done, missing, status: missing === 0 ? 'met' : ended ? 'missed' : 'open', ...extra };
}

/**
 * Every rule for every organisation it applies to, in the organisations' order. `today` decides
 * whether a period that is not met is still open (进行中) or over (未完成).
 */
export function evaluateCompliance(period: Period, orgs: readonly ComplianceOrg[], events: readonly CountedEvent[], today: string): RuleResult[] {
  const inYear = events.filter((e) => Number(e.date.slice(0, 4)) === period.year);
  const yearEnded = today > periodEnd(period.year);
  const out: RuleResult[] = [];
  for (const org of orgs) {
    const own = inYear.filter((e) => e.orgId === org.id);
    const conferences = own.filter((e) => e.type === 'conference');
    const interviews = own.filter((e) => e.type === 'interview');
    if (DEPARTMENT_KINDS.has(org.kind)) {
      if (period.quarter) {
        const done = conferences.filter((e) => quarterOf(e.date) === period.quarter).length;
        out.push(result(org, 'dept_quarterly', 1, done, today > periodEnd(period.year, period.quarter)));
      } else {
        const covered = new Set(conferences.map((e) => quarterOf(e.date)));
        const missingQuarters = [1, 2, 3, 4].filter((q) => !covered.has(q as 1));
        // A quarter still running is not missed yet.
        const over = missingQuarters.filter((q) => today > periodEnd(period.year, q));
        const r = result(org, 'dept_quarterly', 4, covered.size, yearEnded, { missingQuarters });
        if (r.status === 'open' && over.length) r.status = 'missed';
        out.push(r);
      }
      out.push(result(org, 'leader_yearly', 1, own.filter((e) => e.leader && e.type !== 'interview').length, yearEnded));
      out.push(result(org, 'interview_dept', 2, interviews.length, yearEnded));
    }
    if (GOVERNMENT_KINDS.has(org.kind)) {
      if (org.kind === 'government') out.push(result(org, 'gov_wide', 2, own.filter((e) => e.govWide).length, yearEnded));
      out.push(result(org, 'interview_leader', 1, interviews.filter((e) => e.leader).length, yearEnded));
    }
  }
  return out;
}

/** The rows that are not met, for the 缺项 table. */
export const shortfalls = (rows: readonly RuleResult[]): RuleResult[] => rows.filter((r) => r.status !== 'met');
