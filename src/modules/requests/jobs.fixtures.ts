// Test and benchmark fixtures for reminders and statistics: cases inserted directly (with encrypted
// dummy personal data), bypassing intake, so figures can be set up exactly and computed by hand.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import type { Executor } from '../../platform/db/index.ts';

export interface FixtureCase {
  orgId: number;
  status?: string;
  channel?: string;
  applicantType?: string;
  infoDescription?: string;
  receivedOn?: string | null;
  statutoryDueOn?: string | null;
  internalDueOn?: string | null;
  clockStopped?: boolean;
  handlerId?: number | null;
  outcome?: string | null;
  repliedOn?: string | null;
  /** Closed without a reply (6.1 / 6.2): instant of closing. */
  closedAt?: string | null;
  kind?: string;
  events?: { type: string; occurredOn: string; data?: Record<string, unknown> }[];
}

let seq = 0;

export async function insertCase(db: Executor, ctx: AppContext, c: FixtureCase): Promise<{ id: number; trackingNo: string }> {
  seq++;
  const year = Number((c.receivedOn ?? '2026').slice(0, 4));
  const trackingNo = `${year}-T${process.pid}-${String(seq).padStart(6, '0')}`;
  const f = ctx.fieldCipher;
  const status = c.status ?? 'handling';
  const closedAt = c.closedAt ?? (status === 'closed' && c.repliedOn ? `${c.repliedOn}T10:00:00+08:00` : null);
  const r = await db.execute<{ id: number }>(sql`insert into request_cases (
      tracking_no, tracking_year, tracking_seq, query_code_hash, kind, org_id, channel, status, rule_set, applicant_type,
      applicant_name_enc, id_type, id_number_enc, id_number_bidx, info_description, forms, delivery,
      received_on, statutory_due_on, internal_due_on, clock_stopped, handler_id, outcome, replied_on, closed_at)
    values (${trackingNo}, ${year}, ${100000 + seq}, 'x', ${c.kind ?? 'disclosure'}, ${c.orgId}, ${c.channel ?? 'online'}, ${status}, '条例2019', ${c.applicantType ?? 'natural'},
      ${f.encrypt('测试申请人')}, 'id_card', ${f.encrypt('11010519491231002X')}, ${f.blindIndex('11010519491231002X')}, ${c.infoDescription ?? '某项政府信息'}, '["paper"]'::jsonb, 'post',
      ${c.receivedOn === undefined ? '2026-09-01' : c.receivedOn}, ${c.statutoryDueOn ?? null}, ${c.internalDueOn ?? null}, ${c.clockStopped ?? false}, ${c.handlerId ?? null},
      ${c.outcome ?? null}, ${c.repliedOn ?? null}, ${closedAt})
    returning id`);
  const id = Number(r.rows[0]!.id);
  for (const e of c.events ?? []) {
    await db.execute(sql`insert into request_events (case_id, type, occurred_on, data, actor_name)
      values (${id}, ${e.type}, ${e.occurredOn}, ${JSON.stringify(e.data ?? {})}::jsonb, '测试')`);
  }
  return { id, trackingNo };
}
