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
import { FEW_MATCHES, NEWEST, estimateMatches, firstBandDays, newestMatches, type BandMatch } from './search-bands.repo.ts';
import {
  COUNT_CAP, MAX_QUERY_CHARS, PROBLEM_MESSAGES, cleanQuery, fewerWords, looksLikeIndexNo, normaliseDocNoQuery, snippetOf,
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

/** How the records are matched: the tsquery (none: a listing by filters), its clauses for the estimate, the relevance. */
type Matcher = { tsquery: string | null; clauses: readonly QueryClause[]; hints: readonly string[]; rank: SQL };

/**
 * Searches public records. An empty query with filters lists them by date; a query that is too
 * long or has nothing searchable returns an empty result with `problem` set, never an error. A
 * query of three or more words that finds nothing is tried again with all but one of its words
 * (`relaxed` set on the result, so the page can say so).
 */
export async function searchRecords(db: Executor, today: string, f: SearchQuery): Promise<SearchResult> {
  const empty: SearchResult = { total: 0, capped: false, items: [] };
  if ([...f.q].length > MAX_QUERY_CHARS) return { ...empty, problem: 'query_too_long' };
  const pageSize = Math.min(Math.max(1, f.pageSize), 100);
  const offset = (Math.max(1, f.page) - 1) * pageSize;
  const cap = f.countCap ?? COUNT_CAP;
  let terms: string[] = [];
  let exactMatch: { id: number } | undefined;
  let found: { ids: { id: number }[]; n: number };
  let relaxed = false;
  let words: QueryWord[] = [];
  if (!f.q) {
    found = await matchIds(db, today, f, { tsquery: null, clauses: [], hints: [], rank: sql`0` }, offset, pageSize);
  } else {
    const tsq = buildTsQuery(f.q, { synonyms: await searchSynonyms(db) });
    exactMatch = await findExact(db, today, f.q);
    if (!tsq) return exactMatch ? { ...empty, exactMatch } : { ...empty, problem: 'query_unusable' };
    terms = tsq.terms;
    words = tsq.words;
    const rank = rankOf(tsq.tsquery, tsq.rankTsquery, tsq.words, toSearchForm(f.q).replace(/\s+/g, ''));
    const hints = tsq.words.filter((w) => w.required && !w.alts.length && [...w.text].length >= 3).map((w) => w.text);
    found = await matchIds(db, today, f, { tsquery: tsq.tsquery, clauses: tsq.clauses, hints, rank }, offset, pageSize);
    if (found.n === 0 && tsq.relaxedTsquery) {
      // The estimate knows nothing of alternatives of conjunctions: the planner's own is used.
      found = await matchIds(db, today, f, { tsquery: tsq.relaxedTsquery, clauses: [], hints: [], rank }, offset, pageSize);
      relaxed = found.n > 0;
    }
  }
  const { ids, n } = found;
  const cols = sql`r.id, r.index_no, coalesce(r.title_public, r.title) as title, r.doc_no, r.generated_on, r.published_at,
    r.org_id, o.name as org_name, r.publisher, r.category, r.description,
    left(coalesce(r.body_public, r.body), ${SNIPPET_SOURCE_CHARS}) as body`;
  const order = new Map(ids.map((x, i) => [Number(x.id), i]));
  const wide = ids.length
    ? (await db.execute<ResultRow>(sql`select ${cols} from catalog_records r left join org_units o on o.id = r.org_id
        where r.id = any(${intArray(ids.map((x) => Number(x.id)))}) and ${publicWhere(today)}`)).rows
    : [];
  const rows = wide.sort((a, b) => order.get(Number(a.id))! - order.get(Number(b.id))!);
  const items = rows.map((x): SearchItem => {
    const source = f.q && x.body.trim() ? x.body : (x.description ?? x.body);
    return {
      id: x.id, indexNo: x.index_no, title: x.title, docNo: x.doc_no, generatedOn: x.generated_on, publishedAt: x.published_at,
      orgId: x.org_id, orgName: x.org_name ?? x.publisher, publisher: x.publisher, category: x.category,
      snippet: f.q ? snippetOf(source, terms) : [{ text: truncate(source, 160), mark: false }],
    };
  });
  const result: SearchResult = { total: Math.min(n, cap), capped: n > cap, items, ...(exactMatch ? { exactMatch } : {}), ...(relaxed ? { relaxed } : {}) };
  if (n === 0 && f.q) {
    const s = await suggest(db, today, f.q);
    if (s) result.suggestion = s;
    result.fewerWords = fewerWords(words);
    const orgs = await orgsNamed(db, words);
    if (orgs.length) result.orgColumns = orgs;
  }
  return result;
}

/** The page's ids (reading only indexes, dates and search vectors) and the capped number of matches. */
async function matchIds(db: Executor, today: string, f: SearchQuery, m: Matcher, offset: number, pageSize: number): Promise<{ ids: { id: number }[]; n: number }> {
  const cap = f.countCap ?? COUNT_CAP;
  const fullQuery = sql`to_tsquery('simple', ${m.tsquery ?? ''})`;
  const where = sql`${publicWhere(today)}${m.tsquery ? sql` and r.search_vector @@ ${fullQuery}` : sql``}${filters(f)}`;
  const need = offset + pageSize;
  if (!m.tsquery) {
    // A listing by filters: a capped count, then the page by date.
    const c = await db.execute<{ n: number }>(sql`select count(*) as n from (select 1 from catalog_records r where ${where} limit ${cap + 1}) t`);
    const ids = (await db.execute<{ id: number }>(sql`select r.id from catalog_records r where ${where}
      order by ${NEWEST} limit ${pageSize} offset ${offset}`)).rows;
    return { ids, n: Number(c.rows[0]?.n ?? 0) };
  }
  // The newest matches, up to one more than the cap: their number is the capped count (no separate
  // count, which would scan the term's whole GIN posting list once more), their head is the page
  // (date order) or the window that relevance ranks.
  // Deeper than MAX_RESULT_DEPTH (far past the pages offered) a page is empty rather than costly;
  // the count is still given.
  const tooDeep = need > MAX_RESULT_DEPTH;
  const want = tooDeep ? cap + 1 : Math.max(need, cap + 1);
  const hasFilters = !!(f.org || f.category || f.year || f.docType || f.validity);
  const estimate = await estimateMatches(db, { where, clauses: m.clauses, hints: m.hints, filtered: hasFilters ? sql`${publicWhere(today)}${filters(f)}` : null });
  const band: BandMatch = {
    where,
    ...(estimate.rarest && m.clauses.length > 1
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
  const n = newest.length;
  if (tooDeep) return { ids: [], n };
  if (f.order === 'date') return { ids: newest.slice(offset, need), n };
  // Ranking reads each candidate's whole search vector, so with many matches only the newest
  // window is ranked (enough for the pages anyone reads; the count still tells how many there are).
  const window = newest.slice(0, Math.max(RANK_WINDOW, need));
  const ids = window.length ? (await db.execute<{ id: number }>(sql`select r.id from catalog_records r
    where r.id = any(${intArray(window.map((x) => x.id))})
    order by ${m.rank} desc, ${NEWEST} limit ${pageSize} offset ${offset}`)).rows : [];
  return { ids, n };
}

/** Organisations whose name or short name holds a word of the query: their column is a suggestion. */
async function orgsNamed(db: Executor, words: readonly QueryWord[]): Promise<{ id: number; name: string }[]> {
  const texts = [...new Set(words.filter((w) => [...w.text].length >= 2).flatMap((w) => [w.text, ...w.alts]))].slice(0, 8);
  if (!texts.length) return [];
  const like = texts.map((t) => sql`(o.name like ${'%' + escapeLike(t) + '%'} or o.short_name like ${'%' + escapeLike(t) + '%'})`);
  const r = await db.execute<{ id: number; name: string }>(sql`select o.id, o.name from org_units o
    where o.active and (${sql.join(like, sql` or `)}) order by o.sort, o.id limit 3`);
  return r.rows.map((x) => ({ id: Number(x.id), name: x.name }));
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
