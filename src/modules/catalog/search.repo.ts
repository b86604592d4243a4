// The SQL of catalogue search: the index (a weighted tsvector of the PUBLIC text, made of the text
// module's Simplified-normalised tokens) and the query (filters, relevance or date order, exact
// 文号 / 索引号 lookup), with the planner work that keeps it fast at a million records (bands of
// publication time sized from the search vector's statistics). Only what publicWhere() allows is
// ever searched.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { buildTsQuery, clauseTsQuery, highlight, parseDocNo, toSearchForm, toTsvectorInput, type QueryClause, type QueryWord, type SynonymSet } from '../../platform/text/index.ts';
import { publicWhere, type RecordSummary } from './repo.public.ts';
import { intArray } from '../org/repo.ts';
import { searchSynonyms } from './synonyms.repo.ts';
import {
  COUNT_CAP, MAX_QUERY_CHARS, PROBLEM_MESSAGES, cleanQuery, looksLikeIndexNo, normaliseDocNoQuery, snippetOf,
  type Order, type SearchItem, type SearchProblem, type SearchQuery, type SearchResult, type Segment,
} from './search-query.ts';

const SNIPPET_SOURCE_CHARS = 20_000;
/**
 * Up to this many matches every match is ranked; with more, relevance is ranked among this many
 * newest matches. Ranking reads each candidate's whole search vector (TOASTed, ~10 KB for a long
 * body), about 30–40 µs each: 300 keeps that near 10 ms, where 1,000 took most of a 50 ms budget.
 */
const RANK_WINDOW = 300;
/** With a query, results are listed down to this position at most (the pages offered stop at COUNT_CAP). */
const MAX_RESULT_DEPTH = 5_000;
/**
 * Up to this many estimated matches one query sorts them all; with more, the newest are collected
 * band by band of publication time (newestMatches), whose first band is at least this many days,
 */
const FEW_MATCHES = 2_000;
const FIRST_BAND_DAYS = 30;
/** beyond this age (days), one last band takes everything older. */
const LAST_BAND_DAYS = 20 * 365;
/** and is sized to hold this many times the matches wanted. */
const BAND_MARGIN = 1.5;

// ---------------------------------------------------------------------------------------------
// Index

type IndexRow = { title: string; doc_no: string | null; index_no: string; keywords: string; description: string | null; body: string; org_names: string | null };

/**
 * Recomputes a record's search_vector from its PUBLIC text only (title_public, body_public and
 * attachments' text_public when they exist): A = 信息名称, 文号, 索引号; B = 关键词, 内容描述;
 * C = body and attachment text; D = the organisation's name and short name. Call it in the
 * transaction of every change to the record (and of the organisation's names).
 */
export async function reindexRecord(tx: Executor, recordId: number): Promise<void> {
  const r = await tx.execute<IndexRow>(sql`select coalesce(r.title_public, r.title) as title, r.doc_no, r.index_no, r.keywords, r.description,
    coalesce(r.body_public, r.body) as body, concat_ws(E'\n', o.name, o.short_name) as org_names
    from catalog_records r left join org_units o on o.id = r.org_id where r.id = ${recordId}`);
  const rec = r.rows[0];
  if (!rec) return;
  const atts = await tx.execute<{ name: string; text: string | null }>(sql`select a.name, coalesce(a.text_public, f.text) as text
    from catalog_attachments a join files f on f.id = a.file_id where a.record_id = ${recordId} order by a.sort, a.id`);
  const { a, b, c, d } = toTsvectorInput({
    title: rec.title,
    docNo: rec.doc_no,
    indexNo: rec.index_no,
    keywords: [rec.keywords, rec.description ?? ''].join('\n'),
    body: rec.body,
    attachments: atts.rows.map((x) => `${x.name}\n${x.text ?? ''}`),
    org: rec.org_names,
  });
  await tx.execute(sql`update catalog_records set search_vector =
      setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${c}), 'C')
      || setweight(to_tsvector('simple', ${d}), 'D')
    where id = ${recordId}`);
}

/** The records of one organisation, for reindexing after its names change. */
export async function recordIdsOfOrg(db: Executor, orgId: number): Promise<number[]> {
  const r = await db.execute<{ id: number }>(sql`select id from catalog_records where org_id = ${orgId} order by id`);
  return r.rows.map((x) => Number(x.id));
}

/** A batch of record ids after `afterId`, for rebuilding the whole index in the background. */
export async function recordIdsAfter(db: Executor, afterId: number, limit: number): Promise<number[]> {
  const r = await db.execute<{ id: number }>(sql`select id from catalog_records where id > ${afterId} order by id limit ${limit}`);
  return r.rows.map((x) => Number(x.id));
}

// ---------------------------------------------------------------------------------------------
// Query

type ResultRow = {
  id: number; index_no: string; title: string; doc_no: string | null; generated_on: string; published_at: string;
  org_id: number; org_name: string | null; publisher: string; category: string; description: string | null; body: string;
};

/** Search results' date order; the status index reads it backwards (records without a date first). */
const NEWEST = sql`r.published_at desc, r.id desc`;

function filters(f: SearchQuery): SQL {
  const parts: SQL[] = [];
  if (f.org) parts.push(sql`r.org_id = ${f.org}`);
  if (f.category) parts.push(sql`r.category = ${f.category}`);
  if (f.year) parts.push(sql`r.generated_on >= make_date(${f.year}::int, 1, 1) and r.generated_on < make_date(${f.year}::int + 1, 1, 1)`);
  if (f.docType) parts.push(sql`r.doc_type = ${f.docType}`);
  if (f.validity) parts.push(sql`r.validity = ${f.validity}`);
  return parts.length ? sql` and ${sql.join(parts, sql` and `)}` : sql``;
}

/** An exact 索引号 or 文号 among public records (the search page jumps straight to it). */
export async function findExact(db: Executor, today: string, q: string): Promise<{ id: number } | undefined> {
  const year = Number(today.slice(0, 4));
  // As typed, and in Simplified form (鄂前政辦發〔2018〕96號 jumps to 鄂前政办发〔2018〕96号).
  const docNos = [...new Set([q, toSearchForm(q)].map((x) => normaliseDocNoQuery(x, year)).filter((x): x is string => !!x))];
  const indexNo = looksLikeIndexNo(q) ? q : null;
  if (!docNos.length && !indexNo) return undefined;
  const cond = [
    ...(indexNo ? [sql`r.index_no = ${indexNo}`, sql`r.index_no = ${indexNo.toUpperCase()}`] : []),
    ...docNos.map((d) => sql`r.doc_no = ${d}`),
  ];
  const r = await db.execute<{ id: number }>(sql`select r.id from catalog_records r
    where (${sql.join(cond, sql` or `)}) and ${publicWhere(today)} order by r.published_at desc limit 2`);
  // A 文号 shared by two records (a correction, a reissue) is not an unambiguous jump.
  return r.rows.length === 1 ? { id: r.rows[0].id } : undefined;
}

/**
 * Searches public records. An empty query with filters lists them by date; a query that is too
 * long or has nothing searchable returns an empty result with `problem` set, never an error.
 */
export async function searchRecords(db: Executor, today: string, f: SearchQuery): Promise<SearchResult> {
  const empty: SearchResult = { total: 0, capped: false, items: [] };
  if ([...f.q].length > MAX_QUERY_CHARS) return { ...empty, problem: 'query_too_long' };
  const pageSize = Math.min(Math.max(1, f.pageSize), 100);
  const offset = (Math.max(1, f.page) - 1) * pageSize;
  let match = sql``;
  let rank = sql`0`;
  let exactMatch: { id: number } | undefined;
  let terms: string[] = [];
  let clauses: QueryClause[] = [];
  let hints: string[] = [];
  let fullQuery = sql``;
  if (f.q) {
    const tsq = buildTsQuery(f.q, { synonyms: await searchSynonyms(db) });
    if (!tsq) {
      exactMatch = await findExact(db, today, f.q);
      return exactMatch ? { ...empty, exactMatch } : { ...empty, problem: 'query_unusable' };
    }
    terms = tsq.terms;
    clauses = tsq.clauses;
    hints = tsq.words.filter((w) => w.required && !w.alts.length && [...w.text].length >= 3).map((w) => w.text);
    fullQuery = sql`to_tsquery('simple', ${tsq.tsquery})`;
    match = sql` and r.search_vector @@ ${fullQuery}`;
    rank = rankOf(tsq.tsquery, tsq.rankTsquery, tsq.words, toSearchForm(f.q).replace(/\s+/g, ''));
    exactMatch = await findExact(db, today, f.q);
  }
  const where = sql`${publicWhere(today)}${match}${filters(f)}`;
  const cap = f.countCap ?? COUNT_CAP;
  const cols = sql`r.id, r.index_no, coalesce(r.title_public, r.title) as title, r.doc_no, r.generated_on, r.published_at,
    r.org_id, o.name as org_name, r.publisher, r.category, r.description,
    left(coalesce(r.body_public, r.body), ${SNIPPET_SOURCE_CHARS}) as body`;
  // The page's ids first (reading only the indexes, dates and search vectors), then the wide columns
  // for those few rows: bodies are never read for rows that are sorted away.
  const need = offset + pageSize;
  let ids: { id: number }[];
  let n: number;
  if (!f.q) {
    // A listing by filters: a capped count, then the page by date.
    const c = await db.execute<{ n: number }>(sql`select count(*) as n from (select 1 from catalog_records r where ${where} limit ${cap + 1}) t`);
    n = Number(c.rows[0]?.n ?? 0);
    ids = (await db.execute<{ id: number }>(sql`select r.id from catalog_records r where ${where}
      order by ${NEWEST} limit ${pageSize} offset ${offset}`)).rows;
  } else {
    // The newest matches, up to one more than the cap: their number is the capped count (no separate
    // count, which would scan the term's whole GIN posting list once more), their head is the page
    // (date order) or the window that relevance ranks.
    // Deeper than MAX_RESULT_DEPTH (far past the pages offered) a page is empty rather than costly;
    // the count is still given.
    const tooDeep = need > MAX_RESULT_DEPTH;
    const want = tooDeep ? cap + 1 : Math.max(need, cap + 1);
    const hasFilters = !!(f.org || f.category || f.year || f.docType || f.validity);
    const estimate = await estimateMatches(db, { where, clauses, hints, filtered: hasFilters ? sql`${publicWhere(today)}${filters(f)}` : null });
    const band: BandMatch = {
      where,
      ...(estimate.rarest && clauses.length > 1
        ? { narrow: { where: sql`${publicWhere(today)} and r.search_vector @@ to_tsquery('simple', ${clauseTsQuery(estimate.rarest)})${filters(f)}`, recheck: fullQuery } }
        : {}),
    };
    // Few matches: one query sorts them all. Measured statistics decide; otherwise (a rare word
    // below the statistics' list, no statistics yet) a count that stops just above the limit does.
    const fewLimit = f.bands?.fewMatches ?? FEW_MATCHES;
    const few = estimate.listed ? estimate.rows <= fewLimit
      : Number((await db.execute<{ n: number }>(sql`select count(*) as n from (select 1 from catalog_records r where ${where} limit ${fewLimit + 1}) t`)).rows[0]?.n ?? 0) <= fewLimit;
    const newest = few
      ? (await db.execute<{ id: number }>(sql`select r.id from catalog_records r where ${where} order by ${NEWEST} limit ${want}`)).rows.map((x) => ({ id: Number(x.id) }))
      : await newestMatches(db, today, band, want, f.bands?.firstDays ?? (await firstBandDays(db, today, estimate.rows, want)));
    n = newest.length;
    if (tooDeep) {
      ids = [];
    } else if (f.order === 'date') {
      ids = newest.slice(offset, need);
    } else {
      // Ranking reads each candidate's whole search vector, so with many matches only the newest
      // window is ranked (enough for the pages anyone reads; the count still tells how many there are).
      const window = newest.slice(0, Math.max(RANK_WINDOW, need));
      ids = window.length ? (await db.execute<{ id: number }>(sql`select r.id from catalog_records r
        where r.id = any(${intArray(window.map((x) => x.id))})
        order by ${rank} desc, ${NEWEST} limit ${pageSize} offset ${offset}`)).rows : [];
    }
  }
  const order = new Map(ids.map((x, i) => [Number(x.id), i]));
  const wide = ids.length
    ? (await db.execute<ResultRow>(sql`select ${cols} from catalog_records r left join org_units o on o.id = r.org_id
        where r.id = any(${intArray(ids.map((x) => Number(x.id)))}) and ${publicWhere(today)}`)).rows
    : [];
  const rows = { rows: wide.sort((a, b) => order.get(Number(a.id))! - order.get(Number(b.id))!) };
  const items = rows.rows.map((x): SearchItem => {
    const source = f.q && x.body.trim() ? x.body : (x.description ?? x.body);
    return {
      id: x.id, indexNo: x.index_no, title: x.title, docNo: x.doc_no, generatedOn: x.generated_on, publishedAt: x.published_at,
      orgId: x.org_id, orgName: x.org_name ?? x.publisher, publisher: x.publisher, category: x.category,
      snippet: f.q ? snippetOf(source, terms) : [{ text: truncate(source, 160), mark: false }],
    };
  });
  const result: SearchResult = { total: Math.min(n, cap), capped: n > cap, items, ...(exactMatch ? { exactMatch } : {}) };
  if (n === 0 && f.q) {
    const s = await suggest(db, today, f.q);
    if (s) result.suggestion = s;
  }
  return result;
}

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
async function estimateMatches(db: Executor, q: { where: SQL; clauses: readonly QueryClause[]; hints: readonly string[]; filtered: SQL | null }): Promise<{ rows: number; rarest?: QueryClause; listed: boolean }> {
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

/**
 * Relevance: cover density of the query (title weighs most), plus the optional words, plus the
 * title holding every word (1), in the order typed (0.5), or the query as typed (1). Computed only
 * for the RANK_WINDOW candidates.
 */
function rankOf(tsquery: string, rankTsquery: string | null, words: readonly QueryWord[], compact: string): SQL {
  const title = sql`coalesce(r.title_public, r.title)`;
  const like = (w: string) => sql`${title} like ${'%' + escapeLike(w) + '%'}`;
  const required = words.filter((w) => w.required);
  const all = required.map((w) => sql`(${sql.join([w.text, ...w.alts].map(like), sql` or `)})`);
  const parts: SQL[] = [sql`ts_rank_cd('{0.1,0.2,0.4,1.0}', r.search_vector, to_tsquery('simple', ${tsquery}))`];
  if (rankTsquery) parts.push(sql`0.5 * ts_rank('{0.1,0.2,0.4,1.0}', r.search_vector, to_tsquery('simple', ${rankTsquery}))`);
  if (all.length) parts.push(sql`(case when ${sql.join(all, sql` and `)} then 1 else 0 end)`);
  if (required.length > 1) parts.push(sql`(case when ${title} like ${'%' + required.map((w) => escapeLike(w.text)).join('%') + '%'} then 0.5 else 0 end)`);
  if ([...compact].length >= 2) parts.push(sql`(case when ${like(compact)} then 1 else 0 end)`);
  return sql.join(parts, sql` + `);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

async function plannedRows(db: Executor, where: SQL): Promise<number> {
  const r = await db.execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(sql`explain (format json) select 1 from catalog_records r where ${where}`);
  return Number(r.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

/**
 * The first band's width in days: wide enough to hold `need` matches (with a margin) if the
 * estimated matches were spread evenly since the oldest publication, and at least FIRST_BAND_DAYS.
 */
async function firstBandDays(db: Executor, today: string, estimate: number, need: number): Promise<number> {
  const { oldest } = await searchStats(db);
  const days = oldest ? (Date.parse(today) - Date.parse(oldest)) / 86_400_000 : 0;
  const perDay = estimate / Math.max(1, days);
  return Math.min(LAST_BAND_DAYS, Math.max(FIRST_BAND_DAYS, Math.ceil((need * BAND_MARGIN) / Math.max(perDay, 1e-9))));
}

/** What a band query matches: `where`; or, if the planner would not use the band, `narrow.where` with the whole query checked on those rows. */
type BandMatch = { where: SQL; narrow?: { where: SQL; recheck: SQL } };

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
async function newestMatches(db: Executor, today: string, m: BandMatch, need: number, firstDays: number): Promise<{ id: number }[]> {
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

function truncate(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}

/**
 * "Did you mean": the most similar public title by trigrams. Only records without a redacted
 * title take part, so a redacted word can never be confirmed through a suggestion.
 */
async function suggest(db: Executor, today: string, q: string): Promise<string | undefined> {
  if ([...q].length < 2) return undefined;
  const r = await db.execute<{ title: string }>(sql`select r.title from catalog_records r
    where r.title % ${q} and r.title_public is null and ${publicWhere(today)}
    order by similarity(r.title, ${q}) desc, r.published_at desc limit 1`);
  return r.rows[0]?.title;
}
