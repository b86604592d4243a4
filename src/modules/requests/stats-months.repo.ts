// Statistics by month for the chart of the statistics page: received, closed and closed on time, with
// exactly the rules of stats.ts (disclosure applications only; received by the 第31条 receipt date;
// closed by the reply date, or the closing date in Beijing when closed without a reply; on time when
// replied on or before the statutory due date) — so the months add up to the totals of the page.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { BEIJING_TZ, monthLabel, monthsBetween } from '../../platform/time/index.ts';
import type { StatsPeriod } from './stats.ts';

export interface MonthLine { month: string; label: string; received: number; closed: number; judged: number; onTime: number }

type Row = { month: string; received: number | string; closed: number | string; judged: number | string; on_time: number | string };

/** One line per month of the period (months without cases included), in order. */
export async function monthlyStats(db: Executor, input: { period: StatsPeriod; orgIds: readonly number[] }): Promise<MonthLine[]> {
  const { from, to } = input.period;
  const orgArr = sql`${'{' + input.orgIds.join(',') + '}'}::int[]`;
  const r = await db.execute<Row>(sql`
    with x as (
      select c.received_on, c.replied_on, c.statutory_due_on,
        case when c.status = 'closed' then coalesce(c.replied_on, (c.closed_at at time zone ${BEIJING_TZ})::date) end as closed_on
      from request_cases c
      where c.kind = 'disclosure' and c.org_id = any(${orgArr}) and c.received_on is not null and c.received_on <= ${to}::date
    ),
    u as (
      select to_char(x.received_on, 'YYYY-MM') as month, 1 as received, 0 as closed, 0 as judged, 0 as on_time
      from x where x.received_on >= ${from}::date
      union all
      select to_char(x.closed_on, 'YYYY-MM'), 0, 1,
        case when x.replied_on is not null and x.statutory_due_on is not null then 1 else 0 end,
        case when x.replied_on <= x.statutory_due_on then 1 else 0 end
      from x where x.closed_on between ${from}::date and ${to}::date
    )
    select month, sum(received) as received, sum(closed) as closed, sum(judged) as judged, sum(on_time) as on_time
    from u group by month`);
  const byMonth = new Map(r.rows.map((x) => [x.month, x]));
  return monthsBetween(from, to).map((month) => {
    const x = byMonth.get(month);
    return {
      month, label: monthLabel(month),
      received: Number(x?.received ?? 0), closed: Number(x?.closed ?? 0), judged: Number(x?.judged ?? 0), onTime: Number(x?.on_time ?? 0),
    };
  });
}

const cache = new Map<string, { stamp: number; lines: MonthLine[] }>();

/**
 * monthlyStats cached together with the page's figures: `stamp` is the computedAt of the cachedStats
 * answer shown beside it, so the chart is recomputed exactly when those figures are and both agree.
 */
export async function cachedMonthlyStats(db: Executor, input: { period: StatsPeriod; orgIds: readonly number[] }, stamp: number): Promise<MonthLine[]> {
  const key = `${input.period.from}/${input.period.to}/${[...input.orgIds].sort((a, b) => a - b).join(',')}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.lines;
  const lines = await monthlyStats(db, input);
  if (cache.size >= 200) cache.clear();
  cache.set(key, { stamp, lines });
  return lines;
}
