// Deadline reminders of on-request cases (SPEC.md §3 "Handling"): who is told what, and the one
// digest e-mail a day per person. planReminders is pure (cases, today, calendar and the people
// directory are passed in); runReminders reads the database, records reminders and sends digests.
import { beijingToday } from '../../platform/time/index.ts';
import type { AppContext } from '../../app-context.ts';
import { addDays, isWorkingDay, workingDaysBetween, type WorkCalendar } from '../../calendar/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { withTx } from '../../platform/db/index.ts';
import { isMailConfigured, sendMailLater } from '../../platform/mail/job.ts';
import { ACTIONS } from '../auth/policy.ts';
import { OPEN_STATUSES } from './model.ts';
import * as repo from './reminders.repo.ts';

/** Working days before a target date from which the handler is reminded (request_org_settings.remind_days). */
export const DEFAULT_REMIND_DAYS = 3;
/** Longest description excerpt in a digest line: the digest carries no personal data, only what the case is about. */
export const DESCRIPTION_EXCERPT = 30;

export const REMINDER_KINDS = {
  internal_soon: '内部办理目标日临近或已过',
  statutory_soon: '临近法定答复期限',
  overdue: '已超过法定答复期限',
} as const;
export type ReminderKind = keyof typeof REMINDER_KINDS;

/** Why a person receives a reminder: the case's handler, the unit's handlers (unassigned case), the supervisor, the disclosure office. */
export const RECIPIENT_ROLES = {
  handler: '承办人',
  unit_handler: '本单位承办人（案件尚未指定承办人）',
  supervisor: '承办部门负责人',
  office: '政务公开办',
} as const;
export type RecipientRole = keyof typeof RECIPIENT_ROLES;

export interface ReminderCase {
  id: number;
  trackingNo: string;
  orgId: number;
  handlerId: number | null;
  status: string;
  infoDescription: string;
  statutoryDueOn: string | null;
  internalDueOn: string | null;
  dueProvisional: boolean;
  clockStopped: boolean;
}

/** Who may be told about a case of an organisation (user ids, already resolved from role grants). */
export interface OrgPeople {
  /** request.handle holders on the organisation (unassigned cases go to them). */
  handlers: readonly number[];
  /** request.assign holders on the organisation (the handler's supervisors). */
  supervisors: readonly number[];
  /** request.escalation.receive holders on the organisation or an ancestor (the disclosure office). */
  office: readonly number[];
}

export interface ReminderSettings {
  /** Reminder lead in working days per organisation; missing → DEFAULT_REMIND_DAYS. */
  remindDays: ReadonlyMap<number, number>;
  people: ReadonlyMap<number, OrgPeople>;
}

export interface PlannedReminder {
  userId: number;
  caseId: number;
  kind: ReminderKind;
  /** The target date the reminder is about (internal target or statutory due date). */
  dueOn: string;
  /** Working days from today to dueOn: 0 = due today, negative = overdue by that many working days. */
  daysLeft: number;
  roles: RecipientRole[];
}

const NO_PEOPLE: OrgPeople = { handlers: [], supervisors: [], office: [] };

/**
 * What every person should be reminded of today. Rules:
 * - a running clock only: stopped cases (补正 awaited, consultation, fee) and cases without a due date are skipped;
 * - statutory date passed → `overdue`, to the handler (or the unit's handlers when unassigned),
 *   the supervisors and the disclosure office;
 * - otherwise, within N working days of the statutory date → `statutory_soon`, and within N working days
 *   of the internal target (or past it) → `internal_soon`, to the handler (or the unit's handlers).
 * One entry per person, case and kind; a person reached in several roles gets it once, with all roles.
 */
export function planReminders(cases: readonly ReminderCase[], today: string, cal: WorkCalendar, settings: ReminderSettings): PlannedReminder[] {
  const out = new Map<string, PlannedReminder>();
  // Thousands of cases share a few dozen due dates: count each date's working days once.
  const memo = new Map<string, number>();
  const left = (d: string) => {
    let n = memo.get(d);
    if (n === undefined) memo.set(d, (n = workingDaysBetween(cal, today, d) || 0)); // `|| 0`: no -0
    return n;
  };
  const add = (userId: number, c: ReminderCase, kind: ReminderKind, dueOn: string, daysLeft: number, role: RecipientRole) => {
    const key = `${userId}/${c.id}/${kind}`;
    const have = out.get(key);
    if (have) { if (!have.roles.includes(role)) have.roles.push(role); return; }
    out.set(key, { userId, caseId: c.id, kind, dueOn, daysLeft, roles: [role] });
  };
  for (const c of cases) {
    if (!OPEN_STATUSES.includes(c.status as never) || c.clockStopped || !c.statutoryDueOn) continue;
    const people = settings.people.get(c.orgId) ?? NO_PEOPLE;
    const lead = settings.remindDays.get(c.orgId) ?? DEFAULT_REMIND_DAYS;
    const toHandlers = (kind: ReminderKind, dueOn: string, left: number) => {
      if (c.handlerId != null) add(c.handlerId, c, kind, dueOn, left, 'handler');
      else for (const u of people.handlers) add(u, c, kind, dueOn, left, 'unit_handler');
    };
    const statLeft = left(c.statutoryDueOn);
    if (c.statutoryDueOn < today) {
      toHandlers('overdue', c.statutoryDueOn, statLeft);
      for (const u of people.supervisors) add(u, c, 'overdue', c.statutoryDueOn, statLeft, 'supervisor');
      for (const u of people.office) add(u, c, 'overdue', c.statutoryDueOn, statLeft, 'office');
      continue;
    }
    if (statLeft <= lead) toHandlers('statutory_soon', c.statutoryDueOn, statLeft);
    if (c.internalDueOn && c.internalDueOn < c.statutoryDueOn) {
      const intLeft = left(c.internalDueOn);
      if (intLeft <= lead) toHandlers('internal_soon', c.internalDueOn, intLeft);
    }
  }
  return [...out.values()].sort((a, b) => a.userId - b.userId || a.dueOn.localeCompare(b.dueOn) || a.caseId - b.caseId || a.kind.localeCompare(b.kind));
}

/** "还剩 2 个工作日" / "今天到期" / "已超期 3 个工作日" (overdue: the statutory date has passed). */
export function daysLeftText(daysLeft: number, overdue = daysLeft < 0): string {
  if (overdue) return daysLeft < 0 ? `已超期 ${-daysLeft} 个工作日` : '已超期';
  if (daysLeft < 0) return `已过 ${-daysLeft} 个工作日`;
  if (daysLeft === 0) return '今天到期';
  return `还剩 ${daysLeft} 个工作日`;
}

export function excerpt(s: string, n = DESCRIPTION_EXCERPT): string {
  const t = s.replace(/\s+/g, ' ').trim();
  const chars = [...t];
  return chars.length > n ? chars.slice(0, n).join('') + '…' : t;
}

export interface DigestLine {
  caseId: number; trackingNo: string; description: string; kind: ReminderKind; dueOn: string; daysLeft: number; provisional: boolean;
}

/** The digest e-mail: plain Chinese text, one block per case, no personal data of applicants. */
/** Most lines in one digest: the disclosure office of a large county may have hundreds of overdue cases. */
export const DIGEST_MAX_LINES = 50;

export function digestText(input: { displayName: string; day: string; lines: readonly DigestLine[]; baseUrl: string; siteName: string }): { subject: string; text: string } {
  const overdue = input.lines.filter((l) => l.kind === 'overdue').length;
  const subject = `【依申请公开办理提醒】${input.day}：${input.lines.length} 项待办${overdue ? `，其中 ${overdue} 项已超期` : ''}`;
  const shown = input.lines.slice(0, DIGEST_MAX_LINES);
  const rest = input.lines.length - shown.length;
  const blocks = shown.map((l, i) => [
    `${i + 1}. 受理编号 ${l.trackingNo}（${REMINDER_KINDS[l.kind]}）`,
    `   申请内容：${l.description}`,
    `   ${l.kind === 'internal_soon' ? '内部办理目标日' : '法定答复期限'}：${l.dueOn}${l.provisional ? '（暂定）' : ''}，${daysLeftText(l.daysLeft, l.kind === 'overdue')}`,
    `   办理页面：${input.baseUrl}/admin/requests/${l.caseId}`,
  ].join('\n'));
  const text = [
    `${input.displayName}：`,
    '',
    `截至 ${input.day}，您有以下依申请公开事项需要关注：`,
    '',
    ...blocks.flatMap((b) => [b, '']),
    ...(rest > 0 ? [`另有 ${rest} 项未在邮件中列出，请登录系统查看。`, ''] : []),
    '答复期限依照《中华人民共和国政府信息公开条例》第三十三条计算，请在期限内办结；确需延期的，请及时报政务公开工作机构负责人同意。',
    `全部提醒见 ${input.baseUrl}/admin/requests/reminders 。`,
    '',
    `${input.siteName}政务公开管理平台（系统自动发送，请勿直接回复）`,
  ].join('\n');
  return { subject, text };
}

// ---------------------------------------------------------------------------------------------
// Database

type Row = Record<string, unknown>;

function toCase(r: Row): ReminderCase {
  return {
    id: Number(r.id), trackingNo: String(r.tracking_no), orgId: Number(r.org_id),
    handlerId: r.handler_id == null ? null : Number(r.handler_id), status: String(r.status),
    infoDescription: String(r.info_description ?? ''), statutoryDueOn: (r.statutory_due_on as string | null) ?? null,
    internalDueOn: (r.internal_due_on as string | null) ?? null, dueProvisional: Boolean(r.due_provisional), clockStopped: Boolean(r.clock_stopped),
  };
}

/** Open cases on a running clock with a due date (optionally limited to some organisations or one handler). */
export async function loadOpenCases(db: Executor, filter: { orgIds?: readonly number[]; handlerId?: number } = {}): Promise<ReminderCase[]> {
  const open = OPEN_STATUSES.filter((s) => s !== 'submitted');
  // Only the start of the description is ever shown (excerpt): descriptions may run to thousands of characters.
  return (await repo.selectRunningClockCases(db, open, filter, DESCRIPTION_EXCERPT + 1)).map(toCase);
}

/**
 * Reminder lead days and the people of each organisation. Grants cover their organisation, and its
 * descendants when include_subtree; the office also counts when its grant is on an ancestor with subtree.
 * Handlers and supervisors granted directly on the organisation are preferred; only when there are
 * none do covering grants from above count (otherwise a county-wide office would get every unit's mail).
 */
export async function loadSettings(db: Executor, orgIds: readonly number[]): Promise<ReminderSettings> {
  const remindDays = new Map<number, number>();
  const people = new Map<number, OrgPeople>();
  if (!orgIds.length) return { remindDays, people };
  for (const r of await repo.selectLeadDays(db, orgIds)) if (r.remind_days != null && r.remind_days >= 0) remindDays.set(Number(r.org_id), Number(r.remind_days));
  const grantRows = await repo.selectCoveringGrants(db, orgIds,
    [...ACTIONS['request.handle'], ...ACTIONS['request.assign'], ...ACTIONS['request.escalation.receive']] as string[]);
  const g = { rows: grantRows };
  const handle = ACTIONS['request.handle'] as readonly string[];
  const assign = ACTIONS['request.assign'] as readonly string[];
  const office = ACTIONS['request.escalation.receive'] as readonly string[];
  const byOrg = new Map<number, typeof g.rows>();
  for (const r of g.rows) {
    const k = Number(r.org_id);
    if (!byOrg.has(k)) byOrg.set(k, []);
    byOrg.get(k)!.push(r);
  }
  for (const id of orgIds) {
    const rows = byOrg.get(id) ?? [];
    const pick = (roleSet: readonly string[], preferDirect: boolean) => {
      const all = rows.filter((r) => roleSet.includes(r.role));
      const direct = all.filter((r) => r.direct);
      return [...new Set((preferDirect && direct.length ? direct : all).map((r) => Number(r.user_id)))].sort((a, b) => a - b);
    };
    // Within the unit, the clerks handle; the office is told separately (as office), so it is not a "handler" when clerks exist.
    const clerks = rows.filter((r) => handle.includes(r.role) && !office.includes(r.role) && r.direct);
    const handlers = clerks.length ? [...new Set(clerks.map((r) => Number(r.user_id)))].sort((a, b) => a - b) : pick(handle, true);
    const supDirect = rows.filter((r) => assign.includes(r.role) && !office.includes(r.role) && r.direct);
    const supervisors = supDirect.length ? [...new Set(supDirect.map((r) => Number(r.user_id)))].sort((a, b) => a - b) : pick(assign, true);
    people.set(id, { handlers, supervisors, office: pick(office, false) });
  }
  return { remindDays, people };
}

export interface RunResult {
  day: string;
  /** Reminder rows newly recorded. */
  recorded: number;
  /** Digest e-mails queued (sent by the mail.send job within seconds, later if SMTP is down). */
  sent: number;
  /** People who already had today's digest: their new items wait for tomorrow's. */
  deferred: number;
  /** People without an e-mail address (in-app only). */
  inAppOnly: number;
  failed: { userId: number; message: string }[];
  /** Set when nothing was done: the scheduled run skips weekends and holidays (items wait for the next working day). */
  skipped?: string;
}

/**
 * The daily run: plan, record new reminders (unique per person, case, kind and target date, so nothing
 * repeats), then per person at most one digest e-mail a day. The digest row (user, day) is inserted in
 * the transaction that decides to send: a second run the same day — or a concurrent one — finds it and
 * sends nothing; items recorded after today's digest wait for tomorrow's. The e-mail is a `mail.send`
 * job queued in that same transaction: an SMTP server that is down delays the digest (the job retries
 * with back-off), it neither loses it nor sends it twice. Without SMTP configured nothing is claimed.
 */
export async function runReminders(ctx: AppContext, today: string = beijingToday(ctx.now()), opts: { workingDaysOnly?: boolean } = {}): Promise<RunResult> {
  const { db } = ctx;
  const cal = await ctx.calendar.get();
  if (opts.workingDaysOnly && !isWorkingDay(cal, today)) {
    return { day: today, recorded: 0, sent: 0, deferred: 0, inAppOnly: 0, failed: [], skipped: '非工作日，不发送提醒' };
  }
  const cases = await loadOpenCases(db);
  const settings = await loadSettings(db, [...new Set(cases.map((c) => c.orgId))]);
  const plan = planReminders(cases, today, cal, settings);
  const result: RunResult = { day: today, recorded: 0, sent: 0, deferred: 0, inAppOnly: 0, failed: [] };

  // Record: a row per new (person, case, kind, target date). New items of someone who already had
  // today's digest are dated tomorrow (the earliest digest they may go out in).
  const tomorrow = addDays(today, 1);
  const deferredUsers = new Set<number>();
  for (let i = 0; i < plan.length; i += 1000) {
    const chunk = plan.slice(i, i + 1000);
    const rows = await repo.insertReminders(db, chunk, today, tomorrow);
    result.recorded += rows.length;
    for (const x of rows) if (x.digest_on === tomorrow) deferredUsers.add(Number(x.user_id));
  }
  result.deferred = deferredUsers.size;

  // Everyone with something pending (recorded after their last digest, possibly on an earlier day).
  const pending = { rows: await repo.selectUsersWithPendingItems(db, today) };
  const hadToday = new Set(await repo.selectDigestUsers(db, today));

  const mailOn = isMailConfigured(ctx.config);
  for (const p of pending.rows) {
    const userId = Number(p.user_id);
    if (hadToday.has(userId)) continue;
    if (!p.email) { result.inAppOnly++; continue; }
    // Nothing could be sent: leave the day free, so the items go out once SMTP is configured.
    if (!mailOn) { result.failed.push({ userId, message: '未配置邮件服务器（SMTP_HOST），邮件未发送。' }); continue; }
    try {
      const sent = await withTx(db, async (tx) => {
        if (!(await repo.claimDigest(tx, userId, today))) return false; // a concurrent run got there first
        // Items still worth telling: the case is open and the date is still its current one.
        const items = await repo.takeDigestItems(tx, userId, today);
        const lines: DigestLine[] = items
          .filter((r) => r.status !== 'closed' && (r.kind === 'internal_soon' ? r.internal_due_on === r.due_on : r.statutory_due_on === r.due_on))
          .map((r) => ({
            caseId: Number(r.case_id), trackingNo: String(r.tracking_no), description: excerpt(String(r.info_description ?? '')),
            kind: r.kind as ReminderKind, dueOn: String(r.due_on), daysLeft: workingDaysBetween(cal, today, String(r.due_on)), provisional: Boolean(r.due_provisional),
          }))
          .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.trackingNo.localeCompare(b.trackingNo) || a.kind.localeCompare(b.kind));
        if (!lines.length) {
          // Nothing current to say: no e-mail today, so the day stays free for later items.
          await repo.releaseDigest(tx, userId, today);
          return false;
        }
        const msg = digestText({ displayName: String(p.display_name), day: today, lines, baseUrl: ctx.config.siteUrl, siteName: ctx.config.siteName });
        const jobId = await sendMailLater(tx, { to: p.email!, subject: msg.subject, text: msg.text }, { key: `requests.digest/${userId}/${today}` });
        await repo.finishDigest(tx, userId, today, lines.length, jobId ? `job:${jobId}` : null);
        return true;
      });
      if (sent) result.sent++;
    } catch (e) {
      result.failed.push({ userId, message: (e as Error).message });
    }
  }
  return result;
}

/** How long the in-app plan is reused (the page says the list is refreshed every minute). */
export const PLAN_CACHE_MS = 60_000;
let planCache: { db: unknown; today: string; cal: WorkCalendar; at: number; byUser: Map<number, (PlannedReminder & { c: ReminderCase })[]> } | undefined;

/**
 * The signed-in person's reminders as of today (the in-app list; works without e-mail). The whole
 * county's plan is computed at most once a minute per database and shared: the disclosure office is
 * told of every overdue case, and planning thousands of cases on every page view is wasted work.
 */
export async function myReminders(ctx: AppContext, userId: number, today: string = beijingToday(ctx.now()), nowMs = Date.now()): Promise<(PlannedReminder & { c: ReminderCase })[]> {
  const cal = await ctx.calendar.get();
  const p = planCache;
  if (!p || p.db !== ctx.db || p.today !== today || p.cal !== cal || nowMs - p.at >= PLAN_CACHE_MS) {
    const cases = await loadOpenCases(ctx.db);
    const settings = await loadSettings(ctx.db, [...new Set(cases.map((c) => c.orgId))]);
    const byId = new Map(cases.map((c) => [c.id, c]));
    const byUser = new Map<number, (PlannedReminder & { c: ReminderCase })[]>();
    for (const r of planReminders(cases, today, cal, settings)) {
      const list = byUser.get(r.userId) ?? byUser.set(r.userId, []).get(r.userId)!;
      list.push({ ...r, c: byId.get(r.caseId)! });
    }
    for (const list of byUser.values()) list.sort((a, b) => a.daysLeft - b.daysLeft || a.dueOn.localeCompare(b.dueOn) || a.caseId - b.caseId);
    planCache = { db: ctx.db, today, cal, at: nowMs, byUser };
  }
  return planCache!.byUser.get(userId) ?? [];
}

/** Drops the shared in-app plan (after the daily run, and in tests that change cases). */
export function forgetReminderPlan(): void { planCache = undefined; }

/** Longest reminder lead one may set (working days): beyond 20 the reminder would come before the case is due at all. */
export const MAX_REMIND_DAYS = 20;

/** Pure: the typed lead days, or the Chinese message. */
export function parseRemindDays(v: string): { ok: true; days: number } | { ok: false; message: string } {
  const t = v.trim();
  if (!/^\d{1,2}$/.test(t) || Number(t) > MAX_REMIND_DAYS) return { ok: false, message: `提前提醒天数应为 0 至 ${MAX_REMIND_DAYS} 之间的整数（工作日）` };
  return { ok: true, days: Number(t) };
}
