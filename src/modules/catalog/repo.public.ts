// Every SQL statement of the public side of the catalogue (record pages, column listings, feeds,
// sitemap, attachment downloads). Nothing here ever returns a record the public may not see:
// every list goes through publicWhere(), and the record page classifies the row first.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { publicAttachment, type PublicAttachment, type PublicVersion } from './public-attachment.ts';
import { CATEGORIES } from './domain.ts';

/**
 * The one definition of "the public may see it": published, 主动公开, not withdrawn, and not past
 * its 公开时限. `today` is the calendar date in Asia/Shanghai ('YYYY-MM-DD').
 */
export function publicWhere(today: string, alias: 'r' | 'p' = 'r'): SQL {
  const a = sql.raw(alias);
  return sql`${a}.status = 'published' and ${a}.disclosure = 'active' and ${a}.withdrawn_at is null
    and (${a}.term <> 'limited' or ${a}.term_end is null or ${a}.term_end >= ${today}::date)`;
}

export type RecordSummary = {
  id: number;
  indexNo: string;
  title: string;
  docNo: string | null;
  generatedOn: string;
  publishedAt: string;
  orgId: number;
  orgName: string;
  publisher: string;
  category: string;
  description: string | null;
  updatedAt: string;
};

type SummaryRow = {
  id: number; index_no: string; title: string; doc_no: string | null; generated_on: string; published_at: string;
  org_id: number; org_name: string | null; publisher: string; category: string; description: string | null; updated_at: string;
};

// The public title: the redacted version when one exists, never the original.
const SUMMARY_COLS = sql`r.id, r.index_no, coalesce(r.title_public, r.title) as title, r.doc_no, r.generated_on, r.published_at,
  r.org_id, o.name as org_name, r.publisher, r.category, r.description, r.updated_at`;

function toSummary(x: SummaryRow): RecordSummary {
  return {
    id: x.id, indexNo: x.index_no, title: x.title, docNo: x.doc_no, generatedOn: x.generated_on, publishedAt: x.published_at,
    orgId: x.org_id, orgName: x.org_name ?? x.publisher, publisher: x.publisher, category: x.category, description: x.description,
    updatedAt: x.updated_at,
  };
}

export type ListFilter = { category?: string; orgId?: number; year?: number; interpretations?: boolean };

function filterSql(f: ListFilter): SQL {
  const parts: SQL[] = [];
  if (f.category) parts.push(sql`r.category = ${f.category}`);
  if (f.orgId) parts.push(sql`r.org_id = ${f.orgId}`);
  if (f.year) parts.push(sql`r.generated_on >= make_date(${f.year}::int, 1, 1) and r.generated_on < make_date(${f.year}::int + 1, 1, 1)`);
  if (f.interpretations) parts.push(sql`r.interprets_record_id is not null`);
  return parts.length ? sql` and ${sql.join(parts, sql` and `)}` : sql``;
}

/** How many published records a column holds (cached per change by column-counts.ts). */
export async function countPublished(db: Executor, today: string, f: ListFilter): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*) as n from catalog_records r where ${publicWhere(today)}${filterSql(f)}`);
  return Number(r.rows[0]?.n ?? 0);
}

/** One page of a column's published records, newest first (the total comes from countPublished). */
export async function listPublishedPage(db: Executor, today: string, f: ListFilter, page: { limit: number; offset: number }): Promise<RecordSummary[]> {
  // A year column: the planner expects the year's records anywhere along the publication-date index
  // and walks it backwards, but an old year's records were published long ago (94,719 rows read for
  // the first page of 2008 at 100,000 records: 157 ms). The year's ids come from
  // catalog_records_generated_idx first (a materialized CTE the planner cannot flatten), the page is
  // sorted from those few thousand, then its 20 rows are read: 11–19 ms for any year and page.
  const r = f.year
    ? await db.execute<SummaryRow>(sql`with y as materialized (select r.id, r.published_at from catalog_records r where ${publicWhere(today)}${filterSql(f)}),
        p as (select id from y order by published_at desc, id desc limit ${page.limit} offset ${page.offset})
      select ${SUMMARY_COLS} from p join catalog_records r on r.id = p.id left join org_units o on o.id = r.org_id
      order by r.published_at desc, r.id desc`)
    : await db.execute<SummaryRow>(sql`select ${SUMMARY_COLS} from catalog_records r left join org_units o on o.id = r.org_id
      where ${publicWhere(today)}${filterSql(f)} order by r.published_at desc, r.id desc limit ${page.limit} offset ${page.offset}`);
  return r.rows.map(toSummary);
}

/** The newest published records (home page, feeds): no count, the date index read backwards. */
export async function latestPublished(db: Executor, today: string, limit: number): Promise<RecordSummary[]> {
  const r = await db.execute<SummaryRow>(sql`select ${SUMMARY_COLS} from catalog_records r left join org_units o on o.id = r.org_id
    where ${publicWhere(today)} order by r.published_at desc, r.id desc limit ${limit}`);
  return r.rows.map(toSummary);
}

/** The newest `per` records of every category (the 法定主动公开内容 overview). */
export async function latestByCategory(db: Executor, today: string, per: number): Promise<Map<string, RecordSummary[]>> {
  // One short index walk per category (catalog_records_category_idx), not a window over every
  // published record: the page costs the same at a million records as at a hundred.
  const r = await db.execute<SummaryRow>(sql`select x.* from unnest(${'{' + CATEGORIES.map((c) => c.code).join(',') + '}'}::text[]) c(code)
    cross join lateral (select ${SUMMARY_COLS} from catalog_records r left join org_units o on o.id = r.org_id
      where r.category = c.code and ${publicWhere(today)} order by r.published_at desc, r.id desc limit ${per}) x`);
  const out = new Map<string, RecordSummary[]>();
  for (const x of r.rows) {
    const list = out.get(x.category) ?? [];
    list.push(toSummary(x));
    out.set(x.category, list);
  }
  return out;
}

/** Years (of 生成日期) that have published records, newest first: the year filter's options. */
export async function publishedYears(db: Executor, today: string): Promise<number[]> {
  const r = await db.execute<{ y: number }>(sql`select distinct extract(year from r.generated_on)::int as y
    from catalog_records r where ${publicWhere(today)} order by y desc`);
  return r.rows.map((x) => Number(x.y));
}

export type RecordDetail = RecordSummary & {
  status: string;
  disclosure: string;
  term: string;
  termEnd: string | null;
  keywords: string;
  responsibleDept: string | null;
  docType: string;
  validity: string;
  effectiveOn: string | null;
  repealedOn: string | null;
  expiredOn: string | null;
  /** The public body: the redacted version when one exists. */
  body: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  interpretsRecordId: number | null;
  interpretationForm: string | null;
  interpretationLink: string | null;
};

type DetailRow = SummaryRow & {
  status: string; disclosure: string; term: string; term_end: string | null; keywords: string; responsible_dept: string | null;
  doc_type: string; validity: string; effective_on: string | null; repealed_on: string | null; expired_on: string | null;
  body: string; withdrawn_at: string | null; withdrawn_reason: string | null; interprets_record_id: number | null;
  interpretation_form: string | null; interpretation_link: string | null;
};

/** Any record by id, with its public texts only; the caller classifies it with publicState(). */
export async function findRecord(db: Executor, id: number): Promise<RecordDetail | null> {
  const r = await db.execute<DetailRow>(sql`select ${SUMMARY_COLS}, r.status, r.disclosure, r.term, r.term_end, r.keywords,
      r.responsible_dept, r.doc_type, r.validity, r.effective_on, r.repealed_on, r.expired_on,
      coalesce(r.body_public, r.body) as body, r.withdrawn_at, r.withdrawn_reason, r.interprets_record_id,
      r.interpretation_form, r.interpretation_link
    from catalog_records r left join org_units o on o.id = r.org_id where r.id = ${id}`);
  const x = r.rows[0];
  if (!x) return null;
  return {
    ...toSummary(x),
    status: x.status, disclosure: x.disclosure, term: x.term, termEnd: x.term_end, keywords: x.keywords,
    responsibleDept: x.responsible_dept, docType: x.doc_type, validity: x.validity, effectiveOn: x.effective_on,
    repealedOn: x.repealed_on, expiredOn: x.expired_on, body: x.body, withdrawnAt: x.withdrawn_at,
    withdrawnReason: x.withdrawn_reason, interpretsRecordId: x.interprets_record_id,
    interpretationForm: x.interpretation_form, interpretationLink: x.interpretation_link,
  };
}

export type PublicState = 'public' | 'withdrawn' | 'expired' | 'hidden';

/**
 * What the public is told about a record: shown; 410 withdrawn or expired (only for records that
 * were really published as 主动公开 once, so nothing about drafts leaks); otherwise nothing (404).
 */
export function publicState(r: Pick<RecordDetail, 'status' | 'disclosure' | 'term' | 'termEnd' | 'publishedAt' | 'withdrawnAt'>, today: string): PublicState {
  if (!r.publishedAt || r.disclosure !== 'active') return 'hidden';
  if (r.status === 'withdrawn' || r.withdrawnAt) return r.status === 'withdrawn' || r.status === 'published' ? 'withdrawn' : 'hidden';
  if (r.status !== 'published') return 'hidden';
  if (r.term === 'limited' && r.termEnd && r.termEnd < today) return 'expired';
  return 'public';
}

/** Published interpretations of a policy. */
export async function interpretationsOf(db: Executor, today: string, policyId: number): Promise<(RecordSummary & { form: string | null })[]> {
  const r = await db.execute<SummaryRow & { interpretation_form: string | null }>(sql`select ${SUMMARY_COLS}, r.interpretation_form
    from catalog_records r left join org_units o on o.id = r.org_id
    where ${publicWhere(today)} and r.interprets_record_id = ${policyId} order by r.published_at desc, r.id desc limit 50`);
  return r.rows.map((x) => ({ ...toSummary(x), form: x.interpretation_form }));
}

/** A record if the public may see it (the policy an interpretation links back to). */
export async function findPublicSummary(db: Executor, today: string, id: number): Promise<RecordSummary | null> {
  const r = await db.execute<SummaryRow>(sql`select ${SUMMARY_COLS} from catalog_records r left join org_units o on o.id = r.org_id
    where ${publicWhere(today)} and r.id = ${id}`);
  return r.rows[0] ? toSummary(r.rows[0]) : null;
}

export type InterpretationItem = RecordSummary & { form: string | null; policy: { id: number; title: string } | null };

/** How many published interpretations there are (cached per change by column-counts.ts). */
export async function countInterpretations(db: Executor, today: string): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*) as n from catalog_records r where ${publicWhere(today)} and r.interprets_record_id is not null`);
  return Number(r.rows[0]?.n ?? 0);
}

/** 政策解读: one page of published interpretations, newest first, each with its (public) policy (the total: countInterpretations). */
export async function listInterpretations(db: Executor, today: string, page: { limit: number; offset: number }, known?: { total: number }): Promise<{ total: number; items: InterpretationItem[] }> {
  const where = sql`${publicWhere(today)} and r.interprets_record_id is not null`;
  const [c, r] = await Promise.all([
    known ? { rows: [{ n: known.total }] } : db.execute<{ n: number }>(sql`select count(*) as n from catalog_records r where ${where}`),
    db.execute<SummaryRow & { interpretation_form: string | null; policy_id: number | null; policy_title: string | null }>(sql`
      select ${SUMMARY_COLS}, r.interpretation_form, p.id as policy_id, coalesce(p.title_public, p.title) as policy_title
      from catalog_records r left join org_units o on o.id = r.org_id
      left join catalog_records p on p.id = r.interprets_record_id and ${publicWhere(today, 'p')}
      where ${where} order by r.published_at desc, r.id desc limit ${page.limit} offset ${page.offset}`),
  ]);
  return {
    total: Number(c.rows[0]?.n ?? 0),
    items: r.rows.map((x) => ({ ...toSummary(x), form: x.interpretation_form, policy: x.policy_id ? { id: x.policy_id, title: x.policy_title ?? '' } : null })),
  };
}

export type AttachmentItem = PublicAttachment;

// The file the public get (see public-attachment.ts): the masked file, else the masked text (its
// size as served: UTF-8 with a 3-byte BOM), else the upload. A public file without masked text is
// the upload without the people named in its properties.
const VERSION = sql`case when pf.id is not null and a.text_public is null then 'cleaned' when pf.id is not null then 'redacted'
  when a.text_public is not null then 'text' else 'original' end`;

export async function listAttachments(db: Executor, recordId: number): Promise<AttachmentItem[]> {
  const r = await db.execute<{ id: number; name: string; title: string | null; version: PublicVersion; kind: string; size: number }>(sql`
    select a.id, a.name, a.title, ${VERSION} as version,
      case when pf.id is not null then pf.kind when a.text_public is not null then 'txt' else f.kind end as kind,
      case when pf.id is not null then pf.size when a.text_public is not null then octet_length(a.text_public) + 3 else f.size end as size
    from catalog_attachments a join files f on f.id = a.file_id left join files pf on pf.id = a.public_file_id
    where a.record_id = ${recordId} order by a.sort, a.id`);
  return r.rows.map((x) => publicAttachment({ ...x, size: Number(x.size) }));
}

/** An attachment's public file, only when its record is public; the upload's bytes only when they are what the public get. */
export async function publicAttachmentFile(db: Executor, today: string, recordId: number, attachmentId: number): Promise<{
  name: string; version: PublicVersion; kind: string; mime: string; data: Buffer | null; textPublic: string | null;
} | null> {
  const r = await db.execute<{ name: string; version: PublicVersion; kind: string; mime: string; data: Buffer | null; textPublic: string | null }>(sql`
    select a.name, ${VERSION} as version, coalesce(pf.kind, f.kind) as kind, coalesce(pf.mime, f.mime) as mime,
      case when pf.id is not null then pf.data when a.text_public is null then f.data end as data, a.text_public as "textPublic"
    from catalog_attachments a join files f on f.id = a.file_id left join files pf on pf.id = a.public_file_id
    join catalog_records r on r.id = a.record_id
    where a.id = ${attachmentId} and a.record_id = ${recordId} and ${publicWhere(today)}`);
  return r.rows[0] ?? null;
}

/** Every public record's id and last change, for sitemap.xml. */
export async function sitemapRecords(db: Executor, today: string, limit: number): Promise<{ id: number; updatedAt: string }[]> {
  const r = await db.execute<{ id: number; updated_at: string }>(sql`select r.id, r.updated_at from catalog_records r
    where ${publicWhere(today)} order by r.published_at desc, r.id desc limit ${limit}`);
  return r.rows.map((x) => ({ id: x.id, updatedAt: x.updated_at }));
}
