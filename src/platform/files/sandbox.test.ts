import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { SANDBOX, closeSandbox, extractUpload, readCsvUpload, readSheetUpload } from './sandbox.ts';
import { makeDocx, makeXlsx } from './fixtures.ts';
import { docxBomb } from './bombs.ts';

after(() => closeSandbox());

test('the sandbox parses docx, xlsx, csv and text like the in-process extractors', async () => {
  const docx = await extractUpload(await makeDocx({ title: '关于印发测试办法的通知', body: ['正文第一段。'] }), 'docx');
  assert.ok(docx.ok && docx.text === '关于印发测试办法的通知\n正文第一段。', JSON.stringify(docx));
  const sheet = await readSheetUpload(await makeXlsx([['信息名称', '关键词'], ['测试', 5]]), { maxRows: 10 });
  assert.deepEqual(sheet, { ok: true, rows: [['信息名称', '关键词'], ['测试', '5']] });
  // Date cells: a date alone is the calendar date; a date and time keeps the time (Excel stores wall-clock values).
  const dated = await readSheetUpload(await makeXlsx([['来电时间', '日期'], [new Date(Date.UTC(2026, 9, 1, 8, 30)), new Date(Date.UTC(2026, 9, 1))], [new Date(Date.UTC(2026, 11, 31, 23, 59, 59)), '']]), { maxRows: 10 });
  assert.deepEqual(dated, { ok: true, rows: [['来电时间', '日期'], ['2026-10-01 08:30', '2026-10-01'], ['2026-12-31 23:59:59', '']] });
  const csv = await readCsvUpload(Buffer.from('\uFEFF信息名称,关键词\r\n测试,"a,b"\r\n'));
  assert.deepEqual(csv, { ok: true, rows: [['信息名称', '关键词'], ['测试', 'a,b']] });
  const bad = await readCsvUpload(Buffer.from('a\n"b\n'));
  assert.ok(!bad.ok && /第 2 行的引号没有闭合/.test(bad.message));
  const txt = await extractUpload(Buffer.from('第一行\r\n第二行'), 'txt');
  assert.ok(txt.ok && txt.text === '第一行\n第二行');
});

test('a zip bomb is refused by the zip check; the hard timeout ends a worker', async () => {
  const r = await extractUpload(await docxBomb(100), 'docx');
  assert.ok(!r.ok && 'code' in r && r.code === 'file.inflated_too_large' && /系统已停止解析/.test(r.message), JSON.stringify(r));
  // 1 ms is too short for this parse (a warm worker answers a tiny one in under a millisecond, so
  // the input is several megabytes): the worker is terminated and a Chinese refusal comes back.
  const t = SANDBOX.timeoutMs;
  SANDBOX.timeoutMs = 1;
  try {
    const slow = await extractUpload(Buffer.from('第一行文字，第二行文字。\n'.repeat(300_000)), 'txt');
    assert.ok(!slow.ok && 'code' in slow && slow.code === 'file.timeout', JSON.stringify(slow));
  } finally { SANDBOX.timeoutMs = t; }
  const again = await extractUpload(Buffer.from('之后照常'), 'txt');
  assert.ok(again.ok && again.text === '之后照常');
});
