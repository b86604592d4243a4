// Public full-text search of the catalogue: the index (a weighted tsvector of the PUBLIC text, made
// of the text module's Simplified-normalised tokens) and the query (filters, relevance or date
// order, snippets, exact 文号 / 索引号 lookup). Only what publicWhere() allows is ever searched.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { buildTsQuery, highlight, parseDocNo, toTsvectorInput } from '../../platform/text/index.ts';
import { publicWhere, type RecordSummary } from './repo.public.ts';
import { intArray } from '../org/repo.ts';

/** Longest query accepted (characters); longer ones get a clear message instead of a slow query. */
export const MAX_QUERY_CHARS = 100;
/** Counting stops here: "more than 10,000 results" is all a reader needs, and it keeps common terms fast. */
export const COUNT_CAP = 1_000;
const SNIPPET_SOURCE_CHARS = 20_000;
/** How much of a long body the highlighter reads, around the first match. */
const SNIPPET_WINDOW = 1_500;
/**
 * Up to this many matches every match is ranked; with more, relevance is ranked among this many
 * newest matches. Ranking reads each candidate's whole search vector (TOASTed, ~10 KB for a long
 * body), about 30–40 µs each: 300 keeps that near 10 ms, where 1,000 took most of a 50 ms budget.
 */
const RANK_WINDOW = 300;
/** With many matches the newest are collected band by band (newestMatches): the first band, in days; */
const FIRST_BAND_DAYS = 30;
/** beyond this age (days), one last band takes everything older. */
const LAST_BAND_DAYS = 20 * 365;

export type Order = 'relevance' | 'date';

export type SearchQuery = {
  q: string;
  org?: number;
  category?: string;
  year?: number;
  docType?: string;
  validity?: string;
  order: Order;
  page: number;
  pageSize: number;
  /** Overrides COUNT_CAP (tests exercise the capped path with a few records). */
  countCap?: number;
};

export type Segment = { text: string; mark: boolean };

/** A search hit: the public summary of the record (without its description) plus a highlighted snippet. */
export type SearchItem = Omit<RecordSummary, 'description' | 'updatedAt'> & { snippet: Segment[] };

export type SearchProblem = 'query_too_long' | 'query_unusable';

export type SearchResult = {
  total: number;
  /** True when the count reached COUNT_CAP and stopped. */
  capped: boolean;
  items: SearchItem[];
  exactMatch?: { id: number };
  problem?: SearchProblem;
  /** A similar public title when nothing was found (pg_trgm). */
  suggestion?: string;
};

export const PROBLEM_MESSAGES: Record<SearchProblem, string> = {
  query_too_long: `检索词过长，请控制在${MAX_QUERY_CHARS}个字以内。`,
  query_unusable: '检索词中没有可以检索的文字或数字，请换用信息名称、文号或关键词中的词语。',
};

// ---------------------------------------------------------------------------------------------
// Pure helpers

/** Query text as typed, with whitespace collapsed; non-strings become ''. */
export function cleanQuery(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  // Control characters never help a search and must not reach SQL or XML.
  return raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A query that is a 文号 (any common bracket variant), normalised as stored; otherwise null. */
export function normaliseDocNoQuery(q: string, currentYear: number): string | null {
  if (!/\d/.test(q)) return null;
  const r = parseDocNo(q, currentYear);
  return r.ok ? r.normalised : null;
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9/\-_.]{4,80}$/;

/** Could the query be a 索引号 (ASCII code, slashes, dashes)? Then it is looked up exactly. */
export function looksLikeIndexNo(q: string): boolean {
  return CODE_RE.test(q) && /\d/.test(q) && /[/-]/.test(q);
}

/** Up to two passages of `text` around the hits of `terms`, as segments with ellipses where clipped. */
export function snippetOf(text: string, terms: readonly string[]): Segment[] {
  let flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return [];
  // Highlighting normalises every character it looks at; on a long body, look only around the
  // first place a term appears as written (or at the start when it only matches after 繁→简).
  let cut = false;
  if (flat.length > SNIPPET_WINDOW) {
    let pos = -1;
    for (const t of terms) {
      const i = flat.indexOf(t);
      if (i >= 0 && (pos < 0 || i < pos)) pos = i;
    }
    const start = Math.max(0, pos - 200);
    cut = start > 0;
    flat = flat.slice(start, start + SNIPPET_WINDOW);
  }
  const out: Segment[] = [];
  for (const [i, s] of highlight(flat, terms, { maxSnippets: 2, radius: 50 }).entries()) {
    if (s.clippedStart || i > 0 || (cut && i === 0)) out.push({ text: '…', mark: false });
    out.push(...s.segments.map((x) => ({ text: x.text, mark: x.mark })));
    if (s.clippedEnd) out.push({ text: '…', mark: false });
  }
  // Adjacent ellipses of two passages collapse into one.
  return out.filter((x, i) => !(x.text === '…' && !x.mark && out[i - 1]?.text === '…' && !out[i - 1]?.mark));
}

// ---------------------------------------------------------------------------------------------
// Index

type IndexRow = { title: string; doc_no: string | null; index_no: string; keywords: string; description: string | null; body: string };

/**
 * Recomputes a record's search_vector from its PUBLIC text only (title_public, body_public and
 * attachments' text_public when they exist): A = 信息名称, 文号, 索引号; B = 关键词, 内容描述;
 * C = body and attachment text. Call it in the transaction of every change to the record.
 */
export async function reindexRecord(tx: Executor, recordId: number): Promise<void> {
  const r = await tx.execute<IndexRow>(sql`select coalesce(title_public, title) as title, doc_no, index_no, keywords, description,
    coalesce(body_public, body) as body from catalog_records where id = ${recordId}`);
  const rec = r.rows[0];
  if (!rec) return;
  const atts = await tx.execute<{ name: string; text: string | null }>(sql`select a.name, coalesce(a.text_public, f.text) as text
    from catalog_attachments a join files f on f.id = a.file_id where a.record_id = ${recordId} order by a.sort, a.id`);
  const { a, b, c } = toTsvectorInput({
    title: rec.title,
    docNo: rec.doc_no,
    indexNo: rec.index_no,
    keywords: [rec.keywords, rec.description ?? ''].join('\n'),
    body: rec.body,
    attachments: atts.rows.map((x) => `${x.name}\n${x.text ?? ''}`),
  });
  await tx.execute(sql`update catalog_records set search_vector =
      setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${c}), 'C')
    where id = ${recordId}`);
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
  const docNo = normaliseDocNoQuery(q, Number(today.slice(0, 4)));
  const indexNo = looksLikeIndexNo(q) ? q : null;
  if (!docNo && !indexNo) return undefined;
  const cond = [
    ...(indexNo ? [sql`r.index_no = ${indexNo}`, sql`r.index_no = ${indexNo.toUpperCase()}`] : []),
    ...(docNo ? [sql`r.doc_no = ${docNo}`] : []),
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
  if (f.q) {
    const tsq = buildTsQuery(f.q);
    if (!tsq) {
      exactMatch = await findExact(db, today, f.q);
      return exactMatch ? { ...empty, exactMatch } : { ...empty, problem: 'query_unusable' };
    }
    terms = tsq.terms;
    match = sql` and r.search_vector @@ to_tsquery('simple', ${tsq.tsquery})`;
    rank = sql`ts_rank_cd('{0.1,0.2,0.4,1.0}', r.search_vector, to_tsquery('simple', ${tsq.tsquery}))`;
    exactMatch = await findExact(db, today, f.q);
  }
  const where = sql`${publicWhere(today)}${match}${filters(f)}`;
  // Capped count: a very common term must not make every page count a million rows.
  const cap = f.countCap ?? COUNT_CAP;
  const c = await db.execute<{ n: number }>(sql`select count(*) as n from (select 1 from catalog_records r where ${where} limit ${cap + 1}) t`);
  const n = Number(c.rows[0]?.n ?? 0);
  const cols = sql`r.id, r.index_no, coalesce(r.title_public, r.title) as title, r.doc_no, r.generated_on, r.published_at,
    r.org_id, o.name as org_name, r.publisher, r.category, r.description,
    left(coalesce(r.body_public, r.body), ${SNIPPET_SOURCE_CHARS}) as body`;
  // The page's ids first (reading only the index, dates and search vectors), then the wide columns
  // for those few rows: bodies are never read for rows that are sorted away.
  const need = offset + pageSize;
  let ids: { id: number }[];
  if (!f.q || n === 0) {
    ids = (await db.execute<{ id: number }>(sql`select r.id from catalog_records r where ${where}
      order by r.published_at desc, r.id desc limit ${pageSize} offset ${offset}`)).rows;
  } else if (n <= cap && n <= RANK_WINDOW) {
    // Few matches: reading them all is cheap, so sort (or rank) every one.
    const by = f.order === 'date' ? sql`${NEWEST}` : sql`${rank} desc, ${NEWEST}`;
    ids = (await db.execute<{ id: number }>(sql`select r.id from catalog_records r where ${where}
      order by ${by} limit ${pageSize} offset ${offset}`)).rows;
  } else if (f.order === 'date') {
    ids = (await newestMatches(db, today, where, need)).slice(offset);
  } else {
    // Many matches: ranking every one would read all their search vectors, so rank the newest
    // window only (enough for the pages anyone reads; the count still tells how many there are).
    const window = await newestMatches(db, today, where, Math.max(RANK_WINDOW, need));
    ids = window.length ? (await db.execute<{ id: number }>(sql`select r.id from catalog_records r
      where r.id = any(${intArray(window.map((x) => x.id))})
      order by ${rank} desc, ${NEWEST} limit ${pageSize} offset ${offset}`)).rows : [];
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

/**
 * The `need` newest matches of `where` (in NEWEST order), collected band by band of publication
 * time. One query over all matches of a frequent term reads every match's wide heap row to sort by
 * date (tens of thousands of random reads at 1M records); restricted to a band, PostgreSQL
 * intersects the GIN matches with the status/published_at index (BitmapAnd) and reads only the
 * matches inside the band, or, for a very frequent term, walks that index backwards and stops at
 * the page's end. The first band is the last FIRST_BAND_DAYS; each next one is sized from the
 * matches per day seen so far (at least doubling), so a page usually needs one or two bands. The
 * bands are disjoint and cover everything, so the result is the same as one query over all matches.
 */
async function newestMatches(db: Executor, today: string, where: SQL, need: number): Promise<{ id: number }[]> {
  const out: { id: number }[] = [];
  const take = async (band: SQL) => {
    const r = await db.execute<{ id: number }>(sql`select r.id from catalog_records r where ${where} and ${band}
      order by ${NEWEST} limit ${need - out.length}`);
    out.push(...r.rows.map((x) => ({ id: Number(x.id) })));
  };
  // NEWEST puts records without a date (published ones should have one) first. They get their own
  // band, so no band needs an OR, which would keep the planner from walking the index backwards.
  await take(sql`r.published_at is null`);
  const day = (n: number) => sql`(${today}::date - ${n}::int)`;
  let upper = 0;
  let span = FIRST_BAND_DAYS;
  while (out.length < need) {
    const lower = upper + span;
    if (lower >= LAST_BAND_DAYS) {
      await take(upper ? sql`r.published_at < ${day(upper)}` : sql`r.published_at is not null`);
      break;
    }
    // The first band has no upper end: it also holds anything dated after today.
    await take(upper ? sql`r.published_at >= ${day(lower)} and r.published_at < ${day(upper)}` : sql`r.published_at >= ${day(lower)}`);
    const perDay = out.length / lower;
    const guess = perDay > 0 ? Math.ceil(((need - out.length) / perDay) * 1.5) : 0;
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
