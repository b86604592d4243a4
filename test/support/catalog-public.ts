// Test helper for the public catalogue: inserts a record directly (every required field filled)
// and indexes it with reindexRecord and drops the cached public pages, as the catalogue's use cases
// do after every change.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../src/platform/db/index.ts';
import { reindexRecord } from '../../src/modules/catalog/search.ts';
import { publicPagesChanged } from '../../src/platform/http/page-cache.ts';

let seq = 0;

export type TestRecord = {
  orgId?: number;
  title?: string;
  titlePublic?: string | null;
  docNo?: string | null;
  generatedOn?: string;
  disclosure?: string;
  term?: string;
  termEnd?: string | null;
  description?: string | null;
  keywords?: string;
  publisher?: string;
  category?: string;
  docType?: string;
  validity?: string;
  body?: string;
  bodyPublic?: string | null;
  status?: string;
  publishedAt?: string | null;
  withdrawnAt?: string | null;
  withdrawnReason?: string | null;
  interpretsRecordId?: number | null;
  interpretationForm?: string | null;
};

/** An organisation to hang records on (databases without the demo county have none). */
export async function ensureOrg(db: Executor): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`select id from org_units order by id limit 1`);
  if (r.rows[0]) return r.rows[0].id;
  const ins = await db.execute<{ id: number }>(sql`insert into org_units (name, kind, region_code, org_code)
    values ('测试县人民政府', 'government', '360000', 'TESTORG01') returning id`);
  return ins.rows[0].id;
}

/** Inserts a record (published and 主动公开 unless told otherwise) and indexes it; returns its id and 索引号. */
export async function insertRecord(db: Executor, t: TestRecord = {}): Promise<{ id: number; indexNo: string }> {
  const orgId = t.orgId ?? (await ensureOrg(db));
  const n = ++seq;
  const year = Number((t.generatedOn ?? '2024-05-06').slice(0, 4));
  const indexNo = `TESTORG01/${year}-${String(n).padStart(5, '0')}-${process.pid}`;
  const status = t.status ?? 'published';
  const publishedAt = t.publishedAt !== undefined ? t.publishedAt : (status === 'published' || status === 'withdrawn' ? new Date(Date.UTC(2024, 5, 1, 0, n)).toISOString() : null);
  const r = await db.execute<{ id: number }>(sql`insert into catalog_records (org_id, index_no, index_year, index_seq, title, title_public,
      doc_no, generated_on, disclosure, term, term_end, description, keywords, publisher, category, doc_type, validity, body, body_public,
      status, published_at, withdrawn_at, withdrawn_reason, interprets_record_id, interpretation_form)
    values (${orgId}, ${indexNo}, ${year}, ${n + 100000 * (process.pid % 1000)}, ${t.title ?? `测试信息${n}`}, ${t.titlePublic ?? null},
      ${t.docNo ?? null}, ${t.generatedOn ?? '2024-05-06'}, ${t.disclosure ?? 'active'}, ${t.term ?? 'long'}, ${t.termEnd ?? null},
      ${t.description ?? null}, ${t.keywords ?? '测试 信息'}, ${t.publisher ?? '测试县人民政府'}, ${t.category ?? 'gzxx'},
      ${t.docType ?? 'other'}, ${t.validity ?? 'valid'}, ${t.body ?? ''}, ${t.bodyPublic ?? null},
      ${status}, ${publishedAt}, ${t.withdrawnAt ?? null}, ${t.withdrawnReason ?? null}, ${t.interpretsRecordId ?? null}, ${t.interpretationForm ?? null})
    returning id`);
  const id = r.rows[0].id;
  await reindexRecord(db, id);
  publicPagesChanged();
  return { id, indexNo };
}

/** Adds an attachment (bytes in `files`) to a record and reindexes it. */
export async function insertAttachment(db: Executor, recordId: number, a: { name: string; mime?: string; kind?: string; data?: Buffer; text?: string | null; textPublic?: string | null }): Promise<number> {
  const data = a.data ?? Buffer.from(a.text ?? 'attachment');
  const sm3 = `test-${process.pid}-${recordId}-${++seq}`;
  const f = await db.execute<{ id: number }>(sql`insert into files (sm3, size, kind, mime, data, text)
    values (${sm3}, ${data.length}, ${a.kind ?? 'txt'}, ${a.mime ?? 'text/plain'}, ${data}, ${a.text ?? null}) returning id`);
  const r = await db.execute<{ id: number }>(sql`insert into catalog_attachments (record_id, file_id, name, text_public)
    values (${recordId}, ${f.rows[0].id}, ${a.name}, ${a.textPublic ?? null}) returning id`);
  await reindexRecord(db, recordId);
  publicPagesChanged();
  return r.rows[0].id;
}
