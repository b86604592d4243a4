// The legal clock on the database: loads a case's events, runs the pure rules (domain.ts) and
// stores the result on request_cases; records why the statutory due date moved.
//
// Event mapping — the request_events rows (type, occurredOn, data) this file reads:
//   correction_sent      → 补正 { sent: data.sent ?? occurredOn, deadline: data.deadline ?? null,
//                           received: the first later correction_received's data.receivedOn ?? occurredOn (none: awaited) }
//   correction_received  → closes the 补正 above
//   pause_start          → 暂停 { reason: data.reason ('third_party' | 'inter_agency'; default third_party),
//                           from: data.from ?? occurredOn, to: data.to ?? occurredOn of the pause_end whose
//                           data.startId = this id ?? of the first unused later pause_end ?? null (open) }
//   pause_end            → closes a pause_start as above
//   fee_notice           → 暂停 { reason: 'fee', from: data.from ?? occurredOn, to: data.to ?? occurredOn of the
//                           fee_paid / fee_expired whose data.noticeId = this id ?? of the first unused later one ?? null }
//   fee_paid, fee_expired→ close a fee_notice as above
//   extension_approved   → 延期 { days: data.days (integer), on: occurredOn }
//   replied / correction_expired / fee_expired (first of them) → the closing ledger entry
// Every other type (submitted, assigned, extension_requested, due_moved …) does not touch the clock.
// The rule set is request_cases.rule_set (条例2019 when unknown); the internal lead days come from
// request_org_settings.internal_lead_days of the case's organisation (default 5).
import type { AppContext } from '../../app-context.ts';
import type { WorkCalendar } from '../../calendar/index.ts';
import { onCalendarChange, type CalendarChange } from '../../calendar/use-cases.ts';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDate } from '../portal/domain.ts';
import {
  DEFAULT_INTERNAL_LEAD_DAYS,
  DEFAULT_RULE_SET,
  computeClock,
  isRuleSetId,
  type Clock,
  type ClockEvent,
  type ClockInput,
  type ClosingKind,
  type RuleSetId,
} from './domain.ts';
import { OPEN_STATUSES } from './model.ts';
import * as repo from './clock.repo.ts';
import type { CaseClockRow } from './clock.repo.ts';
import { queueChanged } from './queue-counts.ts';

/** The request_events types the clock reads (see the mapping above). */
export const CLOCK_EVENT_TYPES = [
  'correction_sent', 'correction_received', 'pause_start', 'pause_end', 'fee_notice', 'fee_paid', 'fee_expired',
  'extension_approved', 'replied', 'correction_expired',
] as const;

export type ClockEventRow = { id: number; type: string; occurredOn: string; data: Record<string, unknown> | null };

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Pure: the case's timeline rows (in id order) → the clock events and the closing, per the mapping above. */
export function clockEventsFromRows(rows: readonly ClockEventRow[]): { events: ClockEvent[]; closing: { on: string; kind: ClosingKind } | null } {
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  const used = new Set<number>();
  /** The row that closes `start`: the one naming it, else the first unused later one of the given types. */
  const closer = (start: ClockEventRow, types: string[], link: string): ClockEventRow | undefined => {
    const named = sorted.find((r) => types.includes(r.type) && Number(r.data?.[link]) === start.id && !used.has(r.id));
    const found = named ?? sorted.find((r) => types.includes(r.type) && r.id > start.id && !used.has(r.id) && r.data?.[link] == null
      && (start.type !== 'pause_start' || r.data?.reason == null || r.data.reason === start.data?.reason));
    if (found) used.add(found.id);
    return found;
  };
  const events: ClockEvent[] = [];
  let closing: { on: string; kind: ClosingKind } | null = null;
  for (const r of sorted) {
    const d = r.data ?? {};
    switch (r.type) {
      case 'correction_sent': {
        const rec = sorted.find((x) => x.type === 'correction_received' && x.id > r.id && !used.has(x.id));
        if (rec) used.add(rec.id);
        events.push({ type: '补正', sent: str(d.sent) ?? r.occurredOn, deadline: str(d.deadline), received: rec ? str(rec.data?.receivedOn) ?? rec.occurredOn : null });
        break;
      }
      case 'pause_start': {
        const reason = d.reason === 'inter_agency' ? 'inter_agency' : 'third_party';
        const end = str(d.to) ? undefined : closer(r, ['pause_end'], 'startId');
        events.push({ type: '暂停', reason, from: str(d.from) ?? r.occurredOn, to: str(d.to) ?? end?.occurredOn ?? null });
        break;
      }
      case 'fee_notice': {
        const end = str(d.to) ? undefined : closer(r, ['fee_paid', 'fee_expired'], 'noticeId');
        events.push({ type: '暂停', reason: 'fee', from: str(d.from) ?? r.occurredOn, to: str(d.to) ?? end?.occurredOn ?? null });
        break;
      }
      case 'extension_approved':
        events.push({ type: '延期', days: Number(d.days), on: r.occurredOn });
        break;
      case 'replied':
        closing ??= { on: r.occurredOn, kind: 'reply' };
        break;
      case 'correction_expired':
        closing ??= { on: r.occurredOn, kind: 'correction_expired' };
        break;
      case 'fee_expired':
        closing ??= { on: r.occurredOn, kind: 'fee_expired' };
        break;
    }
  }
  return { events, closing };
}

const loadEvents = (db: Executor, caseIds: number[]) => repo.selectClockEvents(db, caseIds, CLOCK_EVENT_TYPES);

function inputOf(c: CaseClockRow, rows: ClockEventRow[]): ClockInput {
  const { events, closing } = clockEventsFromRows(rows);
  return {
    rules: isRuleSetId(c.ruleSet) ? c.ruleSet : DEFAULT_RULE_SET,
    receivedOn: c.receivedOn!,
    events,
    closing,
    recorded: events.length,
    internalLeadDays: c.leadDays ?? DEFAULT_INTERNAL_LEAD_DAYS,
  };
}

interface Computed { id: number; clock: Clock | null; from: string | null; to: string | null; moved: boolean }

/** A due date moved when it changed after the clock had started (the first computation at receipt is not a move). */
function movedOf(c: CaseClockRow, clock: Clock | null): Computed {
  const to = clock?.statutoryDue ?? null;
  const started = c.statutoryDueOn !== null || c.clockStopped || c.ledger !== null;
  return { id: c.id, clock, from: c.statutoryDueOn, to, moved: started && c.statutoryDueOn !== to };
}

const dueNote = (from: string | null, to: string | null, reason: string): string =>
  to === null ? `答复期限暂停计算（${reason}）`
    : from === null ? `答复期限计算为 ${to}（${reason}）`
      : `答复期限由 ${from} 调整为 ${to}（${reason}）`;

/** Writes the computed clocks, and for each moved due date its change row and timeline entry. */
function store(tx: Executor, rows: Computed[], reason: string, today: string | null): Promise<void> {
  const moved = rows.filter((r) => r.moved).map((r) => ({ id: r.id, from: r.from, to: r.to, note: dueNote(r.from, r.to, reason) }));
  return repo.storeClocks(tx, rows.map((r) => ({ id: r.id, clock: r.clock })), moved, reason, today);
}

function compute(cal: WorkCalendar, c: CaseClockRow, rows: ClockEventRow[]): Clock | { error: string } | null {
  if (!c.receivedOn) return null;
  const r = computeClock(cal, inputOf(c, rows));
  return r.ok ? r.clock : { error: r.message };
}

// ---------------------------------------------------------------------------
// Public API

/**
 * Recomputes one case's clock inside the caller's transaction (call it after writing the event).
 * A case not yet received has no clock (all clock columns cleared). Events that the rules cannot
 * read at all (malformed dates, a pause ending before it starts) are a programming error upstream:
 * an AppError is thrown so the caller's whole transaction rolls back.
 */
export async function recomputeCase(tx: Tx, ctx: AppContext, caseId: number, reason: string): Promise<{ moved: boolean; from: string | null; to: string | null }> {
  const c = await repo.selectCaseClock(tx, caseId);
  if (!c) throw new AppError('not_found', '没有找到该申请。');
  const cal = await ctx.calendar.get();
  const clock = compute(cal, c, (await loadEvents(tx, [caseId])).get(caseId) ?? []);
  if (clock && 'error' in clock) throw new AppError('validation_failed', `答复期限无法计算：${clock.error}`);
  const row = movedOf(c, clock);
  await store(tx, [row], reason, formatDate(ctx.now()));
  return { moved: row.moved, from: row.from, to: row.to };
}

/** Would the rules allow adding `ev` to the case now? (Checked before writing the event.) */
export async function checkClockEvent(tx: Tx, ctx: AppContext, caseId: number, ev: ClockEvent): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  const c = await repo.selectCaseClock(tx, caseId);
  if (!c) return { ok: false, code: 'clock.not_found', message: '没有找到该申请。' };
  if (!c.receivedOn) return { ok: false, code: 'clock.not_received', message: '该申请尚未确认收到，答复期限尚未开始计算。' };
  const input = inputOf(c, (await loadEvents(tx, [caseId])).get(caseId) ?? []);
  const r = computeClock(await ctx.calendar.get(), { ...input, events: [...input.events, ev] });
  return r.ok ? { ok: true } : { ok: false, code: r.code, message: r.message };
}

/**
 * Recomputes every open case (status open, received) whose clock can be touched by a calendar
 * change of [from, to], inside `tx`, with `cal`. Three queries to read, one UPDATE per 1,000 cases.
 * Cases whose events cannot be read are left as they were (counted in `failed`).
 */
export async function recomputeOpenCases(tx: Executor, cal: WorkCalendar, opts: { reason: string; from?: string; to?: string; today?: string | null }): Promise<{ recomputed: number; moved: number; failed: number[]; ms: { load: number; compute: number; store: number } }> {
  const t0 = performance.now();
  const cases = { rows: await repo.selectOpenCaseClocks(tx, OPEN_STATUSES, opts.from && opts.to ? { from: opts.from, to: opts.to } : null) };
  const events = await loadEvents(tx, cases.rows.map((c) => c.id));
  const t1 = performance.now();
  const out: Computed[] = [];
  const failed: number[] = [];
  for (const c of cases.rows) {
    const clock = compute(cal, c, events.get(c.id) ?? []);
    if (clock && 'error' in clock) { failed.push(c.id); continue; }
    out.push(movedOf(c, clock));
  }
  const t2 = performance.now();
  await store(tx, out, opts.reason, opts.today ?? null);
  const ms = { load: Math.round(t1 - t0), compute: Math.round(t2 - t1), store: Math.round(performance.now() - t2) };
  return { recomputed: out.length, moved: out.filter((r) => r.moved).length, failed, ms };
}

async function onChange(change: CalendarChange): Promise<number> {
  const r = await recomputeOpenCases(change.tx, change.calendar, { reason: change.reason, from: change.from, to: change.to });
  // Moved due dates change the counts of the queue's due filters. Still inside the calendar's
  // transaction (it has no after-commit hook): a count read before its commit lasts COUNTS_TTL_MS at most.
  if (r.moved) queueChanged();
  return r.moved;
}

let registered = false;

/**
 * Calendar changes recompute every open case. Registered once per process, whatever the number of
 * app contexts (tests start many): the listener works only through the change's own transaction
 * and calendar, so one listener serves every database; a second registration would duplicate rows.
 */
export function registerRequestClock(_ctx: AppContext): void {
  if (registered) return;
  registered = true;
  onCalendarChange(onChange);
}
