import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, parseCsv, readCsv, toCsv } from './index.ts';

test('toCsv: BOM, CRLF, quoting (line breaks too), formula guard', () => {
  const b = toCsv([['信息名称', '正文'], ['=HYPERLINK("x")', '第一行\n第二行'], ['+86', '-3'], ['@SUM(A1)', '\tx'], ['a,"b"', 12], ['', null]]);
  assert.deepEqual([...b.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(b.subarray(3).toString('utf8'),
    '信息名称,正文\r\n"\'=HYPERLINK(""x"")","第一行\n第二行"\r\n\'+86,\'-3\r\n\'@SUM(A1),\'\tx\r\n"a,""b""",12\r\n,\r\n');
  assert.equal(csvCell('\rx'), '"\'\rx"');
});

test('readCsv: round trip of what toCsv wrote, blank rows kept (row numbers stay the spreadsheet\'s)', () => {
  const rows = [['索引号', '信息名称'], ['=1+1', '多行\r\n正文，带"引号"'], [], ['x', '']];
  const back = parseCsv(toCsv(rows).toString('utf8'));
  assert.deepEqual(back, [['索引号', '信息名称'], ['=1+1', '多行\r\n正文，带"引号"'], [''], ['x', '']]);
  // LF or CR line ends, a quote inside an unquoted cell, ragged rows.
  assert.deepEqual(parseCsv('a,b\n12"寸,2,3\rc'), [['a', 'b'], ['12"寸', '2', '3'], ['c']]);
});

test('readCsv: a malformed row is named in Chinese', () => {
  const r = readCsv('信息名称,关键词\n测试,"未闭合\n');
  assert.equal(r.ok, false);
  assert.ok(!r.ok && /第 2 行的引号没有闭合/.test(r.message), JSON.stringify(r));
  const long = readCsv('a\n' + 'x'.repeat(50) + '\n', { maxRecordChars: 10 });
  assert.ok(!long.ok && /第 2 行内容过长/.test(long.message), JSON.stringify(long));
});
