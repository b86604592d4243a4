// The demo catalogue: every category, 第二十条 item and organisation has published records, with
// 解读, attachments, a withdrawn and an expired record, and work waiting in the 县教体局's chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { CATEGORIES, ART20_ITEMS } from './domain.ts';
import { fillYears, seedCatalogDemo } from './demo.ts';
import { searchRecords } from './search.ts';

let t: TestDb;
before(async () => {
  t = await createTestDb();
  // Tuesday 2026-12-01, 10:00 in Beijing.
  t.ctx.now = () => new Date('2026-12-01T02:00:00Z');
  await seedDemo(t.ctx);
});
after(() => t.drop());

test('year placeholders follow the record date', () => {
  assert.equal(fillYears('{Y}年 {Y-1}年 {Y+1}年 〔{Y}〕', 2026), '2026年 2025年 2027年 〔2026〕');
});

test('the demo catalogue is loaded once, with something in every column', async () => {
  const warnings: string[] = [];
  const n = await seedCatalogDemo(t.ctx, (m) => warnings.push(m));
  assert.deepEqual(warnings, []);
  assert.ok(n >= 60, `published ${n}`);
  const db = t.ctx.db;
  const rows = (await db.execute<{ status: string; category: string; art20: number; org: number; interp: boolean; term_end: string | null; files: number; published_at: string | null }>(sql`
    select r.status, r.category, r.art20_item as art20, r.org_id as org, r.interprets_record_id is not null as interp, r.term_end::text,
      (select count(*)::int from catalog_attachments a where a.record_id = r.id) as files, r.published_at::text
    from catalog_records r`)).rows;
  const published = rows.filter((r) => r.status === 'published');
  assert.ok(published.length + rows.filter((r) => r.status === 'withdrawn').length >= 60);
  for (const c of CATEGORIES) assert.ok(published.some((r) => r.category === c.code), `category ${c.label}`);
  for (const i of ART20_ITEMS) assert.ok(published.some((r) => r.art20 === i.item), `第二十条第${i.item}项`);
  const orgs = (await db.execute<{ id: number }>(sql`select id from org_units`)).rows;
  for (const o of orgs) assert.ok(published.some((r) => r.org === o.id), `org ${o.id}`);
  assert.ok(published.filter((r) => r.interp).length >= 4, 'interpretations');
  assert.ok(published.some((r) => r.files > 0), 'attachments');
  assert.equal(rows.filter((r) => r.status === 'withdrawn').length, 1);
  assert.ok(published.some((r) => r.term_end && r.term_end < '2026-12-01'), 'an expired record');
  assert.ok(rows.some((r) => r.status === 'in_review') && rows.some((r) => r.status === 'draft'), 'work for the clerk and the reviewer');
  // Published in the past, spread over the year, never in the future.
  assert.ok(published.every((r) => r.published_at && r.published_at <= '2026-12-01 02:00:00+00'));
  assert.equal((await verifyAudit(db)).ok, true);
  assert.equal(await seedCatalogDemo(t.ctx), 0, 'a second run adds nothing');
});

test('the README example search finds the enrolment notice', async () => {
  const r = await searchRecords(t.ctx.db, '2026-12-01', { q: '招生', order: 'relevance', page: 1, pageSize: 10 });
  assert.ok(JSON.stringify(r).includes('义务教育招生入学工作的通知'));
});
