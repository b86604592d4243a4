// SQL of the 依申请公开 statistics (stats.ts): one aggregation statement for every breakdown of a period.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { intArray } from '../org/repo.ts';

export type StatsAggRow = {
  g_org: number; g_outcome: number; g_type: number; g_channel: number;
  org_id: number | null; outcome: string | null; applicant_type: string | null; channel: string | null;
  received: number; closed: number; judged: number; on_time: number; carried: number; median: number | string | null;
};

/** The period [from, to]; `first` is the earliest receipt date counted, and workdayIndex the cumulative working days from `first`. */
export interface StatsSqlInput { from: string; to: string; first: string; orgIds: readonly number[]; workdayIndex: readonly number[] }

export async function selectStatsAggregates(db: Executor, input: StatsSqlInput): Promise<StatsAggRow[]> {
  const r = await db.execute<StatsAggRow>(statsSql(input));
  return r.rows;
}

/**
 * The aggregation statement. Working days between two dates are
 * W(b) − W(a), W being the cumulative working-day index (stats.ts workingDayIndex from `first`) passed as one array and read by subscript
 * (date − first date + 1): no join per date. A date outside the index gives null, and the case is then
 * left out of the median only.
 */
export function statsSql(input: StatsSqlInput): SQL {
  const { from, to, first } = input;
  const orgArr = intArray(input.orgIds);
  const nums = sql`${'{' + input.workdayIndex.join(',') + '}'}::int[]`;
  const W = (col: SQL) => sql`(${nums})[(${col}) - ${first}::date + 1]`;
  return sql`
    with f as (
      select x.*,
        (x.received_on >= ${from}::date) as rec,
        (x.closed_on between ${from}::date and ${to}::date) as clo,
        (x.closed_on is null or x.closed_on > ${to}::date) as carry
      from (
        select c.id, c.org_id, c.outcome, c.applicant_type, c.channel, c.received_on, c.replied_on, c.statutory_due_on,
          case when c.status = 'closed' then coalesce(c.replied_on, (c.closed_at at time zone 'Asia/Shanghai')::date) end as closed_on
        from request_cases c
        -- Disclosure applications only: correction requests (更正) have outcomes of their own and are
        -- not rows of the annual report's table.
        where c.kind = 'disclosure' and c.org_id = any(${orgArr}) and c.received_on is not null and c.received_on <= ${to}::date
      ) as x
      where x.received_on >= ${from}::date or x.closed_on >= ${from}::date or x.closed_on is null
    ),
    replied as (select f.id, f.received_on, f.replied_on from f where f.clo and f.replied_on is not null),
    -- Stopped-clock intervals of the replied cases (read as clock.ts reads the events): 补正 sent → received,
    -- consultation start → end, fee notice → paid / expired; an interval still open at the reply ends there.
    iv as (
      select e.case_id, greatest(coalesce(case when e.type <> 'correction_sent' then nullif(e.data->>'from', '')::date end, e.occurred_on), rp.received_on) as s,
        least(coalesce(
          case when e.type in ('pause_start', 'fee_notice') then nullif(e.data->>'to', '')::date end,
          (select min(coalesce(case when x.type = 'correction_received' then nullif(x.data->>'receivedOn', '')::date end, x.occurred_on)) from request_events x
            where x.case_id = e.case_id and x.id > e.id
              and ((e.type = 'correction_sent' and x.type = 'correction_received')
                or (e.type = 'pause_start' and x.type = 'pause_end' and coalesce(x.data->>'startId', e.id::text) = e.id::text)
                or (e.type = 'fee_notice' and x.type in ('fee_paid', 'fee_expired')))),
          rp.replied_on), rp.replied_on) as e
      from request_events e join replied rp on rp.id = e.case_id
      where e.type in ('correction_sent', 'pause_start', 'fee_notice')
    ),
    -- Overlapping intervals (a consultation during a fee wait) are merged, so no day is taken off twice.
    ivo as (
      select case_id, s, e, max(e) over (partition by case_id order by s, e rows between unbounded preceding and 1 preceding) as prev_end
      from iv where e > s
    ),
    isl as (
      select case_id, s, e, sum(case when prev_end is null or s > prev_end then 1 else 0 end) over (partition by case_id order by s, e rows unbounded preceding) as grp
      from ivo
    ),
    merged as (select case_id, min(s) as s, max(e) as e from isl group by case_id, grp),
    paused as (select m.case_id, sum(${W(sql`m.e`)} - ${W(sql`m.s`)}) as wd from merged m group by m.case_id),
    g as (
      select f.*, case when f.clo and f.replied_on is not null
        then greatest(${W(sql`f.replied_on`)} - ${W(sql`f.received_on`)} - coalesce(p.wd, 0), 0) end as wd
      from f left join paused p on p.case_id = f.id
    ),
    -- Counts for every breakdown (hashable); the median (an ordered-set aggregate, which sorts) only
    -- where it is shown: in total and by organisation.
    counts as (
      select grouping(g.org_id) as g_org, grouping(g.outcome) as g_outcome, grouping(g.applicant_type) as g_type, grouping(g.channel) as g_channel,
        g.org_id, g.outcome, g.applicant_type, g.channel,
        count(*) filter (where g.rec) as received,
        count(*) filter (where g.clo) as closed,
        count(*) filter (where g.clo and g.replied_on is not null and g.statutory_due_on is not null) as judged,
        count(*) filter (where g.clo and g.replied_on <= g.statutory_due_on) as on_time,
        count(*) filter (where g.carry) as carried
      from g
      group by grouping sets ((), (g.org_id), (g.outcome), (g.applicant_type), (g.channel))
    ),
    medians as (
      select grouping(g.org_id) as g_org, g.org_id, percentile_cont(0.5) within group (order by g.wd) as median
      from g where g.wd is not null
      group by grouping sets ((), (g.org_id))
    )
    select c.*, m.median
    from counts c left join medians m
      on c.g_outcome = 1 and c.g_type = 1 and c.g_channel = 1 and m.g_org = c.g_org and m.org_id is not distinct from c.org_id`;
}

