import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { SYSTEM_ACTOR, verifyAudit } from '../../../platform/audit/index.ts';
import { ensureSource, findItemByExternalId } from '../repo.ts';
import { ingestItems } from './ingest.ts';

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
