// The planner work of catalogue search at scale: lexeme statistics, the estimate of how many records
// a query matches, and the newest matches collected band by band of publication time (see
// newestMatches). It decides only how matches are read, never which records match.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { QueryClause } from '../../platform/text/index.ts';

/**
 * Up to this many estimated matches one query sorts them all; with more, the newest are collected
 * band by band of publication time (newestMatches), whose first band is at least this many days,
 */
export const FEW_MATCHES = 2_000;
const FIRST_BAND_DAYS = 30;
/** beyond this age (days), one last band takes everything older. */
const LAST_BAND_DAYS = 20 * 365;
/** and is sized to hold this many times the matches wanted. */
const BAND_MARGIN = 1.5;
/** Search results' date order; the status index reads it backwards (records without a date first). */
export const NEWEST = sql`r.published_at desc, r.id desc`;

/** Lexeme frequencies of the search vectors, from the column's statistics (ANALYZE). */
type LexemeStats = { rows: number; freq: Map<string, number>; floor: number };
/** What sizing the bands needs to know about the table: lexeme statistics (null before ANALYZE) and the oldest publication date. */
type SearchStats = { lexemes: LexemeStats | null; oldest: string | null };
const SEARCH_STATS_TTL_MS = 10 * 60_000;
const searchStatsCache = new WeakMap<Executor, { at: number; stats: SearchStats }>();

/**
 * The most common lexemes of catalog_records.search_vector and their frequencies (pg_stats; the
 * column's statistics target is raised so that medium-frequency words are listed) and the oldest
 * publication date, read in one statement and cached for ten minutes: both change slowly.
 */
async function searchStats(db: Executor): Promise<SearchStats> {
  const hit = searchStatsCache.get(db);
  if (hit && Date.now() - hit.at < SEARCH_STATS_TTL_MS) return hit.stats;
  const r = await db.execute<{ elems: string[] | null; freqs: number[] | null; rows: number; oldest: string | null }>(sql`select
      s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs::float8[] as freqs, greatest(c.reltuples, 0)::float8 as rows,
      (select min(r.published_at)::date from catalog_records r where r.status = 'published') as oldest
    from pg_class c left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'catalog_records' and s.attname = 'search_vector'
    where c.oid = 'catalog_records'::regclass`);
  const row = r.rows[0];
  let lexemes: LexemeStats | null = null;
  if (row?.elems?.length && row.freqs && row.rows > 0) {
    const freq = new Map<string, number>();
    row.elems.forEach((e, i) => freq.set(e, Number(row.freqs![i])));
    // After the per-lexeme frequencies come the minimum and maximum frequency (and the null share):
    // a lexeme that is not listed is rarer than the minimum.
    lexemes = { rows: Number(row.rows), freq, floor: Number(row.freqs[row.elems.length]) };
  }
  const stats = { lexemes, oldest: row?.oldest ?? null };
  searchStatsCache.set(db, { at: Date.now(), stats });
  return stats;
}

/**
 * How many records the query may match, as an upper bound where the statistics allow one: every
 * clause must match, so the rarest clause bounds the whole (PostgreSQL's own estimate multiplies
 * the clauses as if independent and errs far too low for the overlapping bigrams of one word); a
 * clause of several spellings is bounded by the sum of its spellings' rarest lexemes. Without
 * usable statistics (prefix-only queries, a table never analysed) the planner's estimate is used.
 * It only chooses the strategy and the first band's width, never what is found.
 */
export async function estimateMatches(db: Executor, q: { where: SQL; clauses: readonly QueryClause[]; hints: readonly string[]; filtered: SQL | null }): Promise<{ rows: number; rarest?: QueryClause; listed: boolean }> {
  const stats = (await searchStats(db)).lexemes;
  if (stats) {
    let bound = Infinity;
    let rarest: QueryClause | undefined;
    let rarestListed = false;
    for (const clause of q.clauses) {
      let share = 0;
      let listed = true;
      for (const phrase of clause) {
        const exact = phrase.filter((l) => !l.prefix);
        if (!exact.length) { share = Infinity; break; }
        const rare = exact.reduce((m, l) => Math.min(m, stats.freq.get(l.lexeme) ?? stats.floor), Infinity);
        share += rare;
        // The phrase's rarest lexeme is listed: the bound is a measured one.
        if (!exact.some((l) => stats.freq.get(l.lexeme) === rare)) listed = false;
      }
      if (share < bound || (share === bound && rarest && !rarestListed && listed)) { bound = share; rarest = clause; rarestListed = listed; }
    }
    // A listed jieba word of 3+ characters (劳动力) says how often the word occurs better than its
    // overlapping bigrams do (劳动, 动力 are each far more frequent).
    let phrase = Infinity;
    for (const h of q.hints) if (stats.freq.has(h)) phrase = Math.min(phrase, stats.freq.get(h)!);
    const share = Math.min(1, bound, phrase);
    // With filters (organisation, category, year…), the share applies to the records they leave.
    if (bound < Infinity) return { rows: Math.round(share * (q.filtered ? await plannedRows(db, q.filtered) : stats.rows)), rarest, listed: rarestListed };
  }
  return { rows: await plannedRows(db, q.where), listed: false };
}

async function plannedRows(db: Executor, where: SQL): Promise<number> {
  const r = await db.execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(sql`explain (format json) select 1 from catalog_records r where ${where}`);
  return Number(r.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

/**
 * The first band's width in days: wide enough to hold `need` matches (with a margin) if the
 * estimated matches were spread evenly since the oldest publication, and at least FIRST_BAND_DAYS.
 */
export async function firstBandDays(db: Executor, today: string, estimate: number, need: number): Promise<number> {
  const { oldest } = await searchStats(db);
  const days = oldest ? (Date.parse(today) - Date.parse(oldest)) / 86_400_000 : 0;
  const perDay = estimate / Math.max(1, days);
  return Math.min(LAST_BAND_DAYS, Math.max(FIRST_BAND_DAYS, Math.ceil((need * BAND_MARGIN) / Math.max(perDay, 1e-9))));
}

/** What a band query matches: `where`; or, if the planner would not use the band, `narrow.where` with the whole query checked on those rows. */
export type BandMatch = { where: SQL; narrow?: { where: SQL; recheck: SQL } };

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };

async function planOf(db: Executor, q: SQL): Promise<PlanNode> {
  const r = await db.execute<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(sql`explain (format json) ${q}`);
  return r.rows[0]!['QUERY PLAN'][0].Plan;
}

/** Does the plan narrow the matches by the date band through an index (BitmapAnd, or walking the date index)? */
function intersectsBand(p: PlanNode): boolean {
  if (p['Node Type'] === 'BitmapAnd') return true;
  if (p['Node Type'] === 'Index Scan' && p['Index Name'] === 'catalog_records_status_idx') return true;
  return (p.Plans ?? []).some(intersectsBand);
}

/**
 * The `need` newest matches (in NEWEST order), collected band by band of publication
 * time. One query over all matches of a frequent term reads every match's wide heap row to sort by
 * date (tens of thousands of random reads at 1M records); restricted to a band, PostgreSQL
 * intersects the GIN matches with the status/published_at index (BitmapAnd) and reads only the
 * matches inside the band, or, for a very frequent term, walks that index backwards and stops at
 * the page's end. Every band repeats the GIN scan, so the first band is sized from the estimated
 * matches per day to hold all `need` (with a margin), and each next one from the matches per day
 * seen so far (at least doubling), up to one last band for everything older than 20 years. The
 * bands are disjoint and cover everything, so the result is the same as one query over all matches.
 */
export async function newestMatches(db: Executor, today: string, m: BandMatch, need: number, firstDays: number): Promise<{ id: number }[]> {
  const out: { id: number }[] = [];
  let narrow = false;
  const query = (band: SQL, limit: number) => narrow && m.narrow
    // OFFSET 0 keeps the whole-query check outside, on the band's rows (not pushed into the scan).
    ? sql`select x.id from (select r.id, r.published_at, r.search_vector from catalog_records r where ${m.narrow.where} and ${band} offset 0) x
        where x.search_vector @@ ${m.narrow.recheck} order by x.published_at desc, x.id desc limit ${limit}`
    : sql`select r.id from catalog_records r where ${m.where} and ${band} order by ${NEWEST} limit ${limit}`;
  const take = async (band: SQL) => {
    const r = await db.execute<{ id: number }>(query(band, need - out.length));
    out.push(...r.rows.map((x) => ({ id: Number(x.id) })));
  };
  // NEWEST puts records without a date (published ones should have one) first. They get their own
  // band, so no band needs an OR, which would keep the planner from walking the index backwards.
  await take(sql`r.published_at is null`);
  const day = (n: number) => sql`(${today}::date - ${n}::int)`;
  let upper = 0;
  let span = firstDays;
  // PostgreSQL multiplies the selectivities of the overlapping bigrams of one word (指挥 & 挥部 & …),
  // may think the matches are few, and then plans to read every match's row and filter by date
  // instead of intersecting with the band. Asked first (planning only), and if so, the bands match
  // on the rarest clause, which it estimates well, and check the whole query on those rows.
  if (m.narrow && span < LAST_BAND_DAYS) narrow = !intersectsBand(await planOf(db, query(sql`r.published_at >= ${day(span)}`, need)));
  while (out.length < need) {
    const lower = upper + span;
    if (lower >= LAST_BAND_DAYS) {
      await take(upper ? sql`r.published_at < ${day(upper)}` : sql`r.published_at is not null`);
      break;
    }
    // The first band has no upper end: it also holds anything dated after today.
    await take(upper ? sql`r.published_at >= ${day(lower)} and r.published_at < ${day(upper)}` : sql`r.published_at >= ${day(lower)}`);
    const perDay = out.length / lower;
    const guess = perDay > 0 ? Math.ceil(((need - out.length) / perDay) * BAND_MARGIN) : 0;
    upper = lower;
    // Nothing yet (e.g. a filter on an old year): widen faster, so 20 years take five bands.
    span = Math.max(span * (out.length ? 2 : 4), guess);
  }
  return out;
}

