// The legal clock of on-request disclosure (依申请公开): pure rules, no I/O.
// The working-day calendar is always an argument; all working-day arithmetic goes through the
// calendar engine (addWorkingDays / workingDaysBetween / isYearCovered), never re-implemented here.
//
// Counting conventions (one set, applied everywhere):
// - Day 1 is the first working day strictly after the start date (民法典 第201条; same as
//   src/calendar addWorkingDays). The start date is the receipt date, or, after a 补正, the day the
//   supplement was received (第30条: the period is counted afresh from that day).
// - A pause {from, to} (third-party / inter-agency consultation, fee notice) removes the working
//   days d with from < d ≤ to from the count: the day the letter goes out still counts, counting
//   resumes on the first working day after `to`. Overlapping pauses count once (union).
//   Pause days on or before the start date have no effect (the clock was not running yet).
//   A pause without a reason (the CLI's --events form) counts the same and is labelled 暂停计时.
// - An open pause (no `to`) or a 补正 not yet answered stops the clock: statutoryDue null,
//   stopped true — unless the period had already run out before the pause began, in which case
//   the (past) due date stands.
// - Extensions add working days to the period, cumulatively at most extensionMaxDays, and must be
//   decided on or before the due date they extend (第33条第2款).
// - The internal target is the (N − lead)-th counted day, i.e. `lead` counted working days before
//   the statutory due date, never before the start date.
import {
  dayOfWeek,
  isValidIsoDate,
  isYearCovered,
  parseIsoDate,
  formatDayNumber,
  type WorkCalendar,
} from '../../calendar/index.ts';
import {
  RULE_SETS, DEFAULT_RULE_SET, DEFAULT_INTERNAL_LEAD_DAYS, isRuleSetId,
  cachedAddWorkingDays as addWorkingDays, cachedWorkingDaysBetween as workingDaysBetween,
  correctionLatestSendDate, pauseBasisOf, pauseDeadlineFor, RULE_SET_IDS, REG, type PauseKind, type RuleSet, type RuleSetId,
} from './rule-sets.ts';

// ---------------------------------------------------------------------------
// Events and results


export type ClockEvent =
  /** 补正: notice sent; `received` = day the supplement arrived (null: awaited). `deadline` = the applicant's deadline stated in the notice (default supplementDays). */
  | { type: '补正'; sent: string; received?: string | null; deadline?: string | null }
  /** Consultation or fee notice; `to` = reply received / fee paid (null: still running). */
  | { type: '暂停'; reason?: PauseKind; from: string; to?: string | null }
  /** Approved extension of `days` working days, decided on `on`. */
  | { type: '延期'; days: number; on?: string };

export interface LedgerEntry {
  on: string;
  event: string;
  basis: string;
  effect: string;
  /** The statutory due date after this event (null while the clock is stopped). */
  due: string | null;
}

export interface Clock {
  rules: RuleSetId;
  statutoryDue: string | null;
  internalDue: string | null;
  /** The due date lies in (or the span crosses) a year whose holiday notice is not loaded. */
  provisional: boolean;
  stopped: boolean;
  stoppedReason?: string;
  /** While a 补正 is awaited: the applicant's deadline. */
  correctionDeadline?: string;
  /** While no 补正 has been sent: the last day one may be sent (第30条). */
  correctionSendBy?: string;
  /** While a pause is open: its legal end (third party / other agency answer, fee payment). */
  pauseDeadline?: string;
  pauseReason?: PauseKind;
  /** The day counting (re)started from: receipt, or the day the supplement was received. */
  countFrom: string | null;
  /** Working days allowed: reply days + approved extensions. */
  daysAllowed: number;
  extensionDaysUsed: number;
  /** Working days left until the statutory due date, counted from `today` (negative = overdue). Only with `today`. */
  daysLeft?: number | null;
  ledger: LedgerEntry[];
  holidays: { date: string; name: string }[];
  makeupDays: { date: string; name: string }[];
}

export type ClosingKind = 'reply' | 'correction_expired' | 'fee_expired';

export type ClockInput = {
  rules: RuleSetId;
  receivedOn: string;
  events: ClockEvent[];
  internalLeadDays?: number;
  today?: string;
  /**
   * The first `recorded` events are already on file: the rules that decide whether an event may be
   * added (补正 within 7 working days, extension before the due date, at most one 补正, the extension
   * cap) are not applied to them again — a later calendar change must not make history invalid.
   * Events after them are checked in full, counting the recorded ones (e.g. for the cumulative cap).
   */
  recorded?: number;
  /** How the case ended (reply, or 补正 / fee expiry): a closing ledger entry (on time or late). */
  closing?: { on: string; kind: ClosingKind } | null;
};
export type ClockFailure = { ok: false; code: string; message: string };
export type ClockResult = { ok: true; clock: Clock } | ClockFailure;

const PAUSE_LABEL: Record<PauseKind, { start: string; end: string; what: string }> = {
  third_party: { start: '征求第三方意见（暂停计时）', end: '收到第三方意见（恢复计时）', what: '征求第三方意见' },
  inter_agency: { start: '征求其他机关意见（暂停计时）', end: '收到其他机关意见（恢复计时）', what: '征求其他机关意见' },
  fee: { start: '发出收费通知（暂停计时）', end: '缴纳信息处理费（恢复计时）', what: '等待缴纳信息处理费' },
};

// ---------------------------------------------------------------------------
// Small helpers

const fail = (code: string, message: string): ClockFailure => ({ ok: false, code, message });
const cn = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const maxDate = (a: string, b: string) => (a > b ? a : b);

// ---------------------------------------------------------------------------
// Core counting

interface Norm {
  correction: { sent: string; received: string | null; deadline: string | null } | null;
  /** `generic`: no reason given (CLI --events): counted like a consultation, labelled plainly. */
  pauses: { reason: PauseKind; from: string; to: string | null; generic?: boolean }[];
  extensions: { days: number; on: string | null }[];
}

interface Counted {
  countFrom: string | null;
  due: string | null;
  /** Why the clock is stopped (null: running or finished). */
  stoppedBy: null | 'correction' | { reason: PauseKind; from: string };
  daysAllowed: number;
}

/**
 * The date of the n-th counted working day after `start`, skipping the closed pauses (from, to].
 * Returns the day or, when an open pause begins before the n-th day is reached, null.
 */
function nthCountedDay(cal: WorkCalendar, start: string, n: number, pauses: Norm['pauses']): { day: string | null; openFrom: string | null; openReason: PauseKind | null } {
  // Clip to (start, …) and merge overlaps; an open pause runs to infinity.
  const clipped = pauses
    .filter((p) => p.to === null || p.to > start)
    .map((p) => ({ from: maxDate(p.from, start), to: p.to, reason: p.reason }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: { from: string; to: string | null; reason: PauseKind }[] = [];
  for (const p of clipped) {
    const last = merged[merged.length - 1];
    if (last && (last.to === null || p.from <= last.to)) {
      if (last.to !== null && (p.to === null || p.to > last.to)) { last.to = p.to; if (p.to === null) last.reason = p.reason; }
    } else merged.push({ ...p });
  }
  let cursor = start;
  let remaining = n;
  for (const p of merged) {
    const candidate = addWorkingDays(cal, cursor, remaining);
    if (candidate <= p.from) return { day: candidate, openFrom: null, openReason: null };
    if (p.to === null) return { day: null, openFrom: p.from, openReason: p.reason };
    remaining -= workingDaysBetween(cal, cursor, p.from);
    cursor = p.to;
  }
  return { day: addWorkingDays(cal, cursor, remaining), openFrom: null, openReason: null };
}

function count(cal: WorkCalendar, rules: RuleSet, receivedOn: string, ev: Norm): Counted {
  const daysAllowed = rules.replyDays + ev.extensions.reduce((s, e) => s + e.days, 0);
  if (ev.correction && ev.correction.received === null) return { countFrom: null, due: null, stoppedBy: 'correction', daysAllowed };
  const start = ev.correction?.received ?? receivedOn;
  const r = nthCountedDay(cal, start, daysAllowed, ev.pauses);
  if (r.day === null) return { countFrom: start, due: null, stoppedBy: { reason: r.openReason!, from: r.openFrom! }, daysAllowed };
  return { countFrom: start, due: r.day, stoppedBy: null, daysAllowed };
}

// ---------------------------------------------------------------------------
// Validation

function normalise(cal: WorkCalendar, rules: RuleSet, receivedOn: string, events: unknown, recorded: number): Norm | ClockFailure {
  if (!Array.isArray(events)) return fail('clock.invalid_event', '期限事项应为列表');
  const out: Norm = { correction: null, pauses: [], extensions: [] };
  const badDate = (v: unknown, what: string) =>
    fail('clock.invalid_date', `${what}“${String(v)}”无效，应为 YYYY-MM-DD 格式的有效日期`);
  const extensionNew: boolean[] = [];
  for (const [i, raw] of events.entries()) {
    const at = `第${i + 1}项`;
    const isNew = i >= recorded;
    if (typeof raw !== 'object' || raw === null) return fail('clock.invalid_event', `${at}期限事项格式错误`);
    const e = raw as Record<string, unknown>;
    if (e.type === '补正') {
      if (!isValidIsoDate(e.sent)) return badDate(e.sent, `${at}补正告知发出日期`);
      const received = e.received ?? null;
      const deadline = e.deadline ?? null;
      if (received !== null && !isValidIsoDate(received)) return badDate(received, `${at}收到补正日期`);
      if (deadline !== null && !isValidIsoDate(deadline)) return badDate(deadline, `${at}补正期限`);
      if (out.correction && !isNew) continue; // a recorded second 补正 (bad history) is ignored, the first one stands
      if (out.correction) {
        return fail('clock.correction_twice', `行政机关只能要求申请人补正一次（${rules.correctionBasis}），本申请已于${cn(out.correction.sent)}发出补正告知，不能再次补正。`);
      }
      if (e.sent < receivedOn) {
        return fail('clock.correction_before_receipt', `补正告知发出日期${cn(e.sent)}早于收到申请之日${cn(receivedOn)}（${rules.correctionBasis}）。`);
      }
      const latest = addWorkingDays(cal, receivedOn, rules.correctionWithinDays);
      if (isNew && e.sent > latest) {
        return fail('clock.correction_late', `补正告知应当自收到申请之日起${rules.correctionWithinDays}个工作日内一次性发出（${rules.correctionBasis}），本申请最迟应于${cn(latest)}发出，${cn(e.sent)}已超过期限。`);
      }
      if (received !== null && received < e.sent) {
        return fail('clock.supplement_before_notice', `收到补正日期${cn(received as string)}早于补正告知发出日期${cn(e.sent)}。`);
      }
      if (deadline !== null && deadline < e.sent) {
        return fail('clock.invalid_date', `补正期限${cn(deadline as string)}早于补正告知发出日期${cn(e.sent)}。`);
      }
      out.correction = { sent: e.sent, received: received as string | null, deadline: deadline as string | null };
    } else if (e.type === '暂停') {
      const reason = e.reason ?? 'third_party';
      if (reason !== 'third_party' && reason !== 'inter_agency' && reason !== 'fee') {
        return fail('clock.invalid_pause_reason', `${at}暂停事由“${String(reason)}”无效，应为征求第三方意见、征求其他机关意见或收费通知`);
      }
      if (!isValidIsoDate(e.from)) return badDate(e.from, `${at}暂停开始日期`);
      const to = e.to ?? null;
      if (to !== null && !isValidIsoDate(to)) return badDate(to, `${at}暂停结束日期`);
      const generic = e.reason == null;
      const label = generic ? '暂停计时' : PAUSE_LABEL[reason].what;
      if (e.from < receivedOn) {
        return fail('clock.pause_before_receipt', `${label}的开始日期${cn(e.from)}早于收到申请之日${cn(receivedOn)}（${generic ? rules.pauseBasis : pauseBasisOf(rules, reason)}）。`);
      }
      if (to !== null && to < e.from) {
        return fail('clock.pause_order', `${label}的结束日期${cn(to as string)}早于开始日期${cn(e.from)}。`);
      }
      out.pauses.push(generic ? { reason, from: e.from, to: to as string | null, generic } : { reason, from: e.from, to: to as string | null });
    } else if (e.type === '延期') {
      const days = e.days;
      if (typeof days !== 'number' || !Number.isInteger(days) || days <= 0) {
        return fail('clock.extension_days', `延期天数应为正整数（个工作日），当前值为“${String(days)}”（${rules.extensionBasis}）。`);
      }
      const on = e.on ?? null;
      if (on !== null && !isValidIsoDate(on)) return badDate(on, `${at}延期决定日期`);
      if (on !== null && on < receivedOn) {
        return fail('clock.extension_before_receipt', `延期决定日期${cn(on as string)}早于收到申请之日${cn(receivedOn)}。`);
      }
      const used = out.extensions.reduce((s, x) => s + x.days, 0);
      if (isNew && used + days > rules.extensionMaxDays) {
        const already = used ? `已延长${used}个工作日，` : '';
        return fail('clock.extension_limit', `延长答复期限最长不得超过${rules.extensionMaxDays}个工作日（${rules.extensionBasis}），${already}本次申请延长${days}个工作日超过上限。`);
      }
      out.extensions.push({ days, on: on as string | null });
      extensionNew.push(isNew);
    } else {
      return fail('clock.invalid_event', `${at}期限事项类型“${String(e.type)}”无效，应为补正、暂停或延期`);
    }
  }
  // An extension must be decided while the period it extends is still running (第33条第2款).
  for (let k = 0; k < out.extensions.length; k++) {
    const x = out.extensions[k];
    if (x.on === null || !extensionNew[k]) continue;
    const before = count(cal, rules, receivedOn, { ...out, extensions: out.extensions.slice(0, k) });
    if (before.due !== null && x.on > before.due) {
      return fail('clock.extension_late', `延长答复期限应当在答复期限届满前决定并告知申请人（${rules.extensionBasis}），原答复期限已于${cn(before.due)}届满，${cn(x.on)}不能再延期。`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The clock with its ledger

type Point = { on: string; rank: number; event: string; basis: string; kind: 'receipt' | 'sent' | 'received' | 'pause_start' | 'pause_end' | 'extension'; ref: number };

/** The events as they stood just after `key` (date + same-day order). */
function asOf(ev: Norm, key: (on: string | null, rank: number) => boolean): Norm {
  const c = ev.correction;
  return {
    correction: c && key(c.sent, 1) ? { ...c, received: c.received !== null && key(c.received, 2) ? c.received : null } : null,
    pauses: ev.pauses.filter((p) => key(p.from, 4)).map((p) => ({ ...p, to: p.to !== null && key(p.to, 3) ? p.to : null })),
    extensions: ev.extensions.filter((x) => key(x.on, 5)),
  };
}

export function computeClock(cal: WorkCalendar, input: ClockInput): ClockResult {
  if (!input || !isRuleSetId(input.rules)) {
    return fail('clock.invalid_rules', `期限规则“${String(input?.rules)}”无效，可选：${RULE_SET_IDS.join('、')}`);
  }
  const rules = RULE_SETS[input.rules];
  const { receivedOn } = input;
  if (!isValidIsoDate(receivedOn)) return fail('clock.invalid_date', `收到申请之日“${String(receivedOn)}”无效，应为 YYYY-MM-DD 格式的有效日期`);
  const today = input.today ?? null;
  if (today !== null && !isValidIsoDate(today)) return fail('clock.invalid_date', `当前日期“${String(today)}”无效`);
  const lead = input.internalLeadDays ?? DEFAULT_INTERNAL_LEAD_DAYS;
  if (!Number.isInteger(lead) || lead < 0 || lead > 60) {
    return fail('clock.invalid_lead', `内部办理期限提前天数应为 0 至 60 之间的整数，当前值为“${String(lead)}”`);
  }
  const recorded = input.recorded ?? 0;
  if (!Number.isInteger(recorded) || recorded < 0) return fail('clock.invalid_event', '已登记事项数无效');
  const norm = normalise(cal, rules, receivedOn, input.events ?? [], recorded);
  if ('ok' in norm) return norm;
  const closing = input.closing ?? null;
  if (closing !== null) {
    if (!isValidIsoDate(closing.on)) return fail('clock.invalid_date', `答复日期“${String(closing.on)}”无效，应为 YYYY-MM-DD 格式的有效日期`);
    if (closing.on < receivedOn) return fail('clock.closing_before_receipt', `答复日期${cn(closing.on)}早于收到申请之日${cn(receivedOn)}。`);
  }
  if (today !== null) {
    const dates = [closing?.on, norm.correction?.sent, norm.correction?.received, ...norm.pauses.flatMap((p) => [p.from, p.to]), ...norm.extensions.map((x) => x.on)];
    const future = dates.find((d) => d && d > today);
    if (future) return fail('clock.future_date', `事项日期${cn(future)}晚于今天（${cn(today)}），不能登记尚未发生的事项。`);
    if (receivedOn > today) return fail('clock.future_date', `收到申请之日${cn(receivedOn)}晚于今天（${cn(today)}）。`);
  }

  const final = count(cal, rules, receivedOn, norm);

  // Ledger points in time order; same-day order: receipt, 补正 sent, supplement received, pause end, pause start, extension.
  const points: Point[] = [{ on: receivedOn, rank: 0, event: '收到申请', basis: `${REG}第三十一条、${rules.replyBasis}`, kind: 'receipt', ref: 0 }];
  if (norm.correction) {
    points.push({ on: norm.correction.sent, rank: 1, event: '发出补正告知', basis: rules.correctionBasis, kind: 'sent', ref: 0 });
    if (norm.correction.received) points.push({ on: norm.correction.received, rank: 2, event: '收到补正材料', basis: rules.restartBasis, kind: 'received', ref: 0 });
  }
  norm.pauses.forEach((p, i) => {
    const basis = p.generic ? rules.pauseBasis : pauseBasisOf(rules, p.reason);
    const label = p.generic ? { start: '暂停计时', end: '恢复计时' } : PAUSE_LABEL[p.reason];
    points.push({ on: p.from, rank: 4, event: label.start, basis, kind: 'pause_start', ref: i });
    if (p.to) points.push({ on: p.to, rank: 3, event: label.end, basis, kind: 'pause_end', ref: i });
  });
  norm.extensions.forEach((x, i) => {
    points.push({ on: x.on ?? '9999-12-31', rank: 5, event: '延长答复期限', basis: rules.extensionBasis, kind: 'extension', ref: i });
  });
  points.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.rank - b.rank || a.ref - b.ref));

  const ledger: LedgerEntry[] = [];
  for (const p of points) {
    // Everything dated before this point, and same-day items of this or an earlier rank, is in effect.
    const seen = (on: string | null, rank: number) => {
      const d = on ?? '9999-12-31';
      return d < p.on || (d === p.on && rank <= p.rank);
    };
    // Same-day same-rank items (two pauses starting the same day) are all in effect together.
    const view = asOf(norm, seen);
    const state = count(cal, rules, receivedOn, view);
    const due = state.due;
    let effect: string;
    switch (p.kind) {
      case 'receipt':
        effect = `自收到申请的次日起计算，${rules.replyDays}个工作日内答复`;
        break;
      case 'sent': {
        const deadline = norm.correction!.deadline ?? addWorkingDays(cal, p.on, rules.supplementDays);
        effect = `计时停止，等待申请人补正（补正期限：${cn(deadline)}）；答复期限自收到补正之日起重新计算`;
        break;
      }
      case 'received':
        effect = `自收到补正之日的次日起重新计算${rules.replyDays}个工作日`;
        break;
      case 'pause_start': {
        const pause = norm.pauses[p.ref];
        const dl = pauseDeadlineFor(cal, input.rules, pause.reason, pause.from);
        const limit = pause.generic ? '所需时间不计入答复期限' : pause.reason === 'fee' ? `申请人应于${cn(dl)}前缴费` : `对方应于${cn(dl)}前提出意见`;
        if (due !== null && state.countFrom !== null && due <= pause.from) effect = `答复期限已于${cn(due)}届满，本次暂停不影响期限`;
        else if (state.stoppedBy === 'correction') effect = `补正期间计时已停止；${limit}`;
        else if (pause.generic) effect = '计时暂停，所需时间不计入答复期限';
        else effect = `计时暂停（${PAUSE_LABEL[pause.reason].what}，所需时间不计入答复期限）；${limit}`;
        break;
      }
      case 'pause_end': {
        // What this pause added: the due date with and without it (the same events otherwise).
        const pause = norm.pauses[p.ref];
        const without = count(cal, rules, receivedOn, { ...view, pauses: view.pauses.filter((x) => !(x.from === pause.from && x.to === pause.to && x.reason === pause.reason)) }).due;
        if (due === null) effect = '本项结束，其他暂停事项尚未结束，继续暂停计时';
        else if (without === null) effect = `恢复计时，答复期限为${cn(due)}`;
        else {
          const moved = workingDaysBetween(cal, without, due);
          effect = moved > 0 ? `恢复计时，期限顺延${moved}个工作日` : '恢复计时，期限不变';
        }
        break;
      }
      case 'extension': {
        const x = norm.extensions[p.ref];
        effect = `经批准延长答复期限${x.days}个工作日`;
        if (x.on === null) p.on = final.due ?? receivedOn;
        break;
      }
    }
    ledger.push({ on: p.on, event: p.event, basis: p.basis, effect, due });
  }

  if (closing !== null) ledger.push(closingEntry(cal, rules, closing, final.due));

  // Holidays and make-up days inside the counted span (countFrom, due].
  const span = final.countFrom !== null && final.due !== null ? spanOf(cal, final.countFrom, final.due) : { holidays: [], makeupDays: [], provisional: false };
  const { provisional } = span;
  const holidays = span.holidays.map((h) => ({ ...h }));
  const makeupDays = span.makeupDays.map((h) => ({ ...h }));

  let internalDue: string | null = null;
  if (final.due !== null && final.countFrom !== null) {
    const target = Math.max(final.daysAllowed - lead, 0);
    internalDue = nthCountedDay(cal, final.countFrom, target, norm.pauses).day ?? final.countFrom;
    if (internalDue > final.due) internalDue = final.due;
  }

  const clock: Clock = {
    rules: input.rules,
    statutoryDue: final.due,
    internalDue,
    provisional,
    stopped: final.stoppedBy !== null,
    countFrom: final.countFrom,
    daysAllowed: final.daysAllowed,
    extensionDaysUsed: norm.extensions.reduce((s, x) => s + x.days, 0),
    ledger,
    holidays,
    makeupDays,
  };
  if (final.stoppedBy === 'correction') {
    clock.stoppedReason = '等待申请人补正';
    clock.correctionDeadline = norm.correction!.deadline ?? addWorkingDays(cal, norm.correction!.sent, rules.supplementDays);
  } else if (final.stoppedBy !== null) {
    const by = final.stoppedBy;
    clock.stoppedReason = PAUSE_LABEL[by.reason].what;
    clock.pauseReason = by.reason;
    const open = norm.pauses.find((p) => p.to === null && p.reason === by.reason) ?? norm.pauses.find((p) => p.to === null)!;
    clock.pauseDeadline = pauseDeadlineFor(cal, input.rules, open.reason, open.from);
  }
  if (!norm.correction) clock.correctionSendBy = addWorkingDays(cal, receivedOn, rules.correctionWithinDays);
  if (today !== null) clock.daysLeft = final.due === null ? null : workingDaysBetween(cal, today, final.due);
  return { ok: true, clock };
}


type Span = { holidays: { date: string; name: string }[]; makeupDays: { date: string; name: string }[]; provisional: boolean };
const spanMemo = new WeakMap<WorkCalendar, Map<string, Span>>();

/** Off days and make-up working days in (from, to], and whether a year in it has no loaded notice. */
function spanOf(cal: WorkCalendar, from: string, to: string): Span {
  let m = spanMemo.get(cal);
  if (!m || m.size > 50_000) spanMemo.set(cal, (m = new Map()));
  const key = `${from}${to}`;
  const hit = m.get(key);
  if (hit) return hit;
  const out: Span = { holidays: [], makeupDays: [], provisional: false };
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  for (let d = a + 1; d <= b; d++) {
    const o = cal.overrides.get(d);
    if (!o) continue;
    const date = formatDayNumber(d);
    if (o.isOffDay) out.holidays.push({ date, name: o.name });
    else if (dayOfWeek(date) % 6 === 0) out.makeupDays.push({ date, name: o.name });
  }
  for (let y = Number(formatDayNumber(a + 1).slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    if (!isYearCovered(cal, y)) out.provisional = true;
  }
  m.set(key, out);
  return out;
}

function closingEntry(cal: WorkCalendar, rules: RuleSet, closing: { on: string; kind: ClosingKind }, due: string | null): LedgerEntry {
  if (closing.kind === 'correction_expired') {
    return { on: closing.on, event: '补正期限届满', basis: rules.correctionBasis, effect: '申请人无正当理由逾期不补正，视为放弃申请，行政机关不再处理', due };
  }
  if (closing.kind === 'fee_expired') {
    return { on: closing.on, event: '缴费期限届满', basis: rules.feeBasis, effect: '申请人逾期未缴纳信息处理费，视为放弃申请，行政机关不再处理', due };
  }
  let effect = '作出答复';
  if (due !== null) {
    const late = workingDaysBetween(cal, due, closing.on);
    effect = late > 0 ? `超过法定答复期限${late}个工作日答复` : '在法定答复期限内答复';
  }
  return { on: closing.on, event: '作出答复', basis: rules.replyBasis, effect, due };
}

/** Plain-text explanation of a clock, one line per ledger entry (CLI --explain, logs). */
export function explainClock(clock: Clock): string[] {
  const lines = clock.ledger.map((e) => `${e.on}\t${e.event}\t${e.effect}\t依据：${e.basis}\t${e.due ? `期限：${e.due}` : '计时停止'}`);
  if (clock.holidays.length) lines.push(`期间节假日：${clock.holidays.map((h) => `${h.date}（${h.name}）`).join('、')}`);
  if (clock.makeupDays.length) lines.push(`期间调休上班日：${clock.makeupDays.map((h) => `${h.date}（${h.name}）`).join('、')}`);
  if (clock.internalDue) lines.push(`内部办理期限：${clock.internalDue}`);
  if (clock.provisional) lines.push('截止日期所在年度的节假日安排尚未公布，本期限为暂定，待公布后将重新计算。');
  if (clock.stopped) lines.push(`计时暂停中：${clock.stoppedReason ?? ''}`);
  return lines;
}
