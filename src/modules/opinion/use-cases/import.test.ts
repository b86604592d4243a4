// Importing hotline / message-board rows on a real database: new, duplicate and bad rows, the mapping remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { SYSTEM_ACTOR, verifyAudit } from '../../../platform/audit/index.ts';
import { findItemByExternalId, findSource } from '../repo.ts';
import { guessMapping } from '../import.domain.ts';
import { createImportSource, importSheet } from './import.ts';

let t: TestDb;
before(async () => { t = await createTestDb(); });
after(() => t.drop());

const rows = [
  ['工单编号', '来电时间', '来电人', '来电号码', '诉求标题', '诉求内容'],
  ['GD-1', '2026-10-01 08:30', '张三', '13812345678', '东片区停水', '城关镇东片区今天上午突然停水，没有提前通知。'],
  ['GD-2', '2026/10/1 9:10', '李四', '', '路灯不亮', '西街路灯连续三天不亮，晚上出行不便。'],
  ['GD-3', '十月一日', '王五', '', '噪音', '夜间施工噪音扰民。'],
  ['', '2026-10-01 10:00', '', '', '没有编号', '内容'],
];

test('import: new rows stored (personal data encrypted), bad rows reported, re-import counts duplicates, mapping remembered', async () => {
  const created = await createImportSource(t.ctx, SYSTEM_ACTOR, { name: '云溪县12345热线', kind: 'hotline' });
  assert.ok(created.ok);
  const src = created.source;
  assert.deepEqual([src.kind, src.mediaType], ['hotline', 'hotline']);
  const dup = await createImportSource(t.ctx, SYSTEM_ACTOR, { name: '云溪县12345热线', kind: 'board' });
  assert.ok(!dup.ok && /已有同名的来源/.test(dup.fields!.newName!));

  const map = guessMapping(rows[0]!);
  const first = await importSheet(t.ctx, SYSTEM_ACTOR, src, rows, map);
  assert.deepEqual([first.total, first.added, first.duplicates], [4, 2, 0]);
  assert.deepEqual(first.errors.map((e) => [e.row, e.reason.slice(0, 8)]), [[4, '时间“十月一日”'], [5, '缺少编号']]);
  const item = (await findItemByExternalId(t.ctx.db, src.id, 'GD-1'))!;
  assert.equal(item.mediaType, 'hotline');
  assert.notEqual(item.contactEnc, '13812345678');
  assert.equal(t.ctx.fieldCipher.decrypt(item.contactEnc!), '13812345678');
  assert.equal(t.ctx.fieldCipher.decrypt(item.authorEnc!), '张三');
  assert.equal(item.publishedAt.toISOString(), '2026-10-01T00:30:00.000Z');

  const stored = (await findSource(t.ctx.db, src.id))!;
  assert.deepEqual(stored.importMapping, { externalId: '工单编号', title: '诉求标题', text: '诉求内容', publishedAt: '来电时间', author: '来电人', contact: '来电号码' });

  // The same file again: duplicates, nothing new; the unchanged mapping is not audited twice.
  const again = await importSheet(t.ctx, SYSTEM_ACTOR, stored, rows, guessMapping(rows[0]!, stored.importMapping));
  assert.deepEqual([again.added, again.duplicates, again.errors.length], [0, 2, 2]);
  const audit = await t.ctx.db.execute<{ action: string }>(sql`select action from audit_log where action like 'opinion.%' order by id`);
  assert.deepEqual(audit.rows.map((r) => r.action), ['opinion.import.source.create', 'opinion.import.mapping', 'opinion.items.ingest', 'opinion.items.ingest']);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});

test('import: a mis-mapped time column gives one clear warning and imports nothing wrong', async () => {
  const created = await createImportSource(t.ctx, SYSTEM_ACTOR, { name: '县长信箱', kind: 'board' });
  assert.ok(created.ok);
  const r = await importSheet(t.ctx, SYSTEM_ACTOR, created.source, rows, { externalId: 0, publishedAt: 2, text: 5 });
  assert.equal(r.added, 0);
  assert.equal(r.errors.length, 4);
  assert.deepEqual(r.warnings, ['所选的“来电人”列中没有一个可识别的日期或时间，请检查“时间”对应的列是否选对']);
});
