// SQL of the legal clock (clock.ts): a case's clock inputs, its clock events, and the writes of the
// computed clocks with the due-date changes and their timeline rows.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';

export type CaseClockRow = {
  id: number; ruleSet: string; receivedOn: string | null; orgId: number; status: string;
  statutoryDueOn: string | null; clockStopped: boolean; ledger: unknown; leadDays: number | null;
};
export type ClockEventDbRow = { id: number; type: string; occurredOn: string; data: Record<string, unknown> | null };

const CASE_COLS = sql`c.id, c.rule_set as "ruleSet", c.received_on as "receivedOn", c.org_id as "orgId", c.status,
  c.statutory_due_on as "statutoryDueOn", c.clock_stopped as "clockStopped", c.ledger, s.internal_lead_days as "leadDays"`;

export async function selectCaseClock(db: Executor, caseId: number): Promise<CaseClockRow | undefined> {
  const r = await db.execute<CaseClockRow>(sql`select ${CASE_COLS} from request_cases c left join request_org_settings s on s.org_id = c.org_id where c.id = ${caseId}`);
  return r.rows[0];
}

/** Open, received cases; with a span, only those whose clock a calendar change of [from, to] can touch. */
export async function selectOpenCaseClocks(db: Executor, openStatuses: readonly string[], span: { from: string; to: string } | null): Promise<CaseClockRow[]> {
  const within = span
    ? sql`and (c.clock_stopped or c.statutory_due_on is null or (c.received_on <= ${span.to}::date and c.statutory_due_on >= ${span.from}::date))`
    : sql``;
  const r = await db.execute<CaseClockRow>(sql`select ${CASE_COLS} from request_cases c left join request_org_settings s on s.org_id = c.org_id
    where c.status = any(${sql.param([...openStatuses])}::text[]) and c.received_on is not null ${within}`);
  return r.rows;
}

/** The events of the given types of each case, in order. */
export async function selectClockEvents(db: Executor, caseIds: number[], types: readonly string[]): Promise<Map<number, ClockEventDbRow[]>> {
  const out = new Map<number, ClockEventDbRow[]>();
  if (!caseIds.length) return out;
  const r = await db.execute<ClockEventDbRow & { caseId: number }>(sql`select id, case_id as "caseId", type, occurred_on as "occurredOn", data
    from request_events where case_id = any(${sql.param(caseIds)}::int[]) and type = any(${sql.param([...types])}::text[]) order by case_id, id`);
  for (const row of r.rows) {
    const list = out.get(row.caseId) ?? [];
    list.push(row);
    out.set(row.caseId, list);
  }
  return out;
}

type StoredClock = { statutoryDue: string | null; internalDue: string | null; provisional: boolean; stopped: boolean } | null;

/** One UPDATE per chunk of 1,000 cases; the moved ones get a due-change row and a 'due_moved' event. */
export async function storeClocks(tx: Executor, rows: { id: number; clock: StoredClock }[], moved: { id: number; from: string | null; to: string | null; note: string }[], reason: string, today: string | null): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    // One JSON document per chunk: cheaper to send and parse than six parallel arrays of which one holds JSON text.
    const doc = JSON.stringify(chunk.map((r) => ({ id: r.id, due: r.clock?.statutoryDue ?? null, internal: r.clock?.internalDue ?? null,
      prov: r.clock?.provisional ?? false, stopped: r.clock?.stopped ?? false, ledger: r.clock ?? null })));
    await tx.execute(sql`update request_cases c set statutory_due_on = t.due, internal_due_on = t.internal, due_provisional = t.prov,
        clock_stopped = t.stopped, ledger = t.ledger, updated_at = now()
      from jsonb_to_recordset(${doc}::jsonb) as t(id int, due date, internal date, prov boolean, stopped boolean, ledger jsonb)
      where c.id = t.id
        -- Unchanged cases are not rewritten: no new row versions, the queue's index stays index-only.
        and (c.statutory_due_on, c.internal_due_on, c.due_provisional, c.clock_stopped, c.ledger)
          is distinct from (t.due, t.internal, t.prov, t.stopped, t.ledger)`);
  }
  for (let i = 0; i < moved.length; i += 1000) {
    const chunk = moved.slice(i, i + 1000);
    const ids = sql.param(chunk.map((r) => r.id));
    const froms = sql.param(chunk.map((r) => r.from));
    const tos = sql.param(chunk.map((r) => r.to));
    const notes = sql.param(chunk.map((r) => r.note));
    await tx.execute(sql`insert into request_due_changes (case_id, from_due, to_due, reason)
      select id, f, t, ${reason} from unnest(${ids}::int[], ${froms}::date[], ${tos}::date[]) as x(id, f, t)`);
    await tx.execute(sql`insert into request_events (case_id, type, occurred_on, data, public_note, actor_name)
      select id, 'due_moved', coalesce(${today}::date, (now() at time zone 'Asia/Shanghai')::date),
        jsonb_build_object('from', f, 'to', t, 'reason', ${reason}::text), n, '系统'
      from unnest(${ids}::int[], ${froms}::date[], ${tos}::date[], ${notes}::text[]) as x(id, f, t, n)`);
  }
}
