import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { SYSTEM_ACTOR, verifyAudit } from '../../../platform/audit/index.ts';
import { ensureSource, findItemByExternalId } from '../repo.ts';
import { sql } from 'drizzle-orm';
import { ingestGroups, ingestItems } from './ingest.ts';

let t: TestDb;
before(async () => { t = await createTestDb(); });
after(() => t.drop());

const at = new Date('2026-10-01T08:00:00+08:00');

test('a batch stores new items once per key, collapses exact reposts from another source, isolates a bad item', async () => {
  const a = await ensureSource(t.ctx.db, '测试推送A', 'api', 'weibo');
  const b = await ensureSource(t.ctx.db, '测试推送B', 'api', 'forum');
  const first = await ingestItems(t.ctx, a.id, [
    { externalId: 'a1', title: '城关镇自来水停水', text: '城关镇东片区今天上午突然停水，没有提前通知。', publishedAt: at, author: '张三' },
    { externalId: 'a2', title: '', text: '', publishedAt: at },
  ], SYSTEM_ACTOR);
  assert.deepEqual([first.added, first.duplicates, first.refused], [1, 0, 1]);
  assert.equal(first.results[1]!.status, 'refused');
  const again = await ingestItems(t.ctx, a.id, [{ externalId: 'a1', title: '城关镇自来水停水', text: '改了也算同一条', publishedAt: at }], SYSTEM_ACTOR);
  assert.equal(again.results[0]!.status, 'duplicate');
  // The same words from another source, with full-width spaces: an exact repost of a1.
  const repost = await ingestItems(t.ctx, b.id, [{ externalId: 'x9', title: '城关镇自来水停水', text: '城关镇东片区今天上午突然停水，　没有提前通知。', publishedAt: at }], SYSTEM_ACTOR);
  const r = repost.results[0]!;
  assert.equal(r.status, 'duplicate');
  const orig = (await findItemByExternalId(t.ctx.db, a.id, 'a1'))!;
  assert.equal(r.status === 'duplicate' && r.duplicateOf, orig.id);
  assert.equal(orig.repostCount, 1);
  assert.notEqual(orig.authorEnc, '张三');
  assert.equal(t.ctx.fieldCipher.decrypt(orig.authorEnc!), '张三');
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});

test('several sources in one batch: keys are per source, a copy across sources collapses, one audit row names every source', async () => {
  const a = await ensureSource(t.ctx.db, '测试推送C', 'api', 'weibo');
  const b = await ensureSource(t.ctx.db, '测试推送D', 'api', 'forum');
  const text = '莲塘镇菜市场门口的下水道堵了半个月，污水漫到路上，商户和居民都很着急。';
  const [sa, sb] = await ingestGroups(t.ctx, [
    { sourceId: a.id, items: [{ externalId: 'k1', title: '', text, publishedAt: at }, { externalId: 'k1', title: '', text: '同一编号再来一次', publishedAt: at }] },
    { sourceId: b.id, items: [{ externalId: 'k1', title: '', text, publishedAt: at }, { externalId: 'k2', title: '', text: '', publishedAt: at }] },
  ], SYSTEM_ACTOR);
  assert.deepEqual(sa!.results.map((r) => r.status), ['new', 'duplicate']);
  assert.deepEqual(sb!.results.map((r) => r.status), ['duplicate', 'refused']);
  const orig = (await findItemByExternalId(t.ctx.db, a.id, 'k1'))!;
  const copy = (await findItemByExternalId(t.ctx.db, b.id, 'k1'))!;
  assert.equal(copy.duplicateOfId, orig.id);
  assert.equal(orig.repostCount, 1);
  const r0 = sa!.results[0]!;
  const r1 = sb!.results[0]!;
  assert.ok(r0.status === 'new' && r1.status === 'duplicate' && r1.duplicateOf === orig.id && r1.incidentId === r0.incidentId);
  const audit = await t.ctx.db.execute<{ entity_id: string | null; summary: { sources: { id: number }[]; added: number; duplicates: number; refused: number } }>(
    sql`select entity_id, summary from audit_log where action = 'opinion.items.ingest' order by id desc limit 1`);
  const row = audit.rows[0]!;
  assert.equal(row.entity_id, null);
  assert.deepEqual(row.summary.sources.map((s) => s.id), [a.id, b.id]);
  assert.deepEqual([row.summary.added, row.summary.duplicates, row.summary.refused], [1, 2, 1]);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});
