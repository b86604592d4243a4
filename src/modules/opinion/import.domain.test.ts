import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorSheet, guessMapping, mapRows, mappingProblems, mappingToHeaders, parseImportTime } from './import.domain.ts';

const now = new Date('2026-10-02T12:00:00+08:00');

test('guessMapping: 12345 and 留言板 headers, remembered mapping first, one field per column', () => {
  const hotline = ['工单编号', '来电时间', '来电人', '来电号码', '诉求标题', '诉求内容', '承办单位'];
  assert.deepEqual(guessMapping(hotline), { externalId: 0, publishedAt: 1, author: 2, contact: 3, title: 4, text: 5 });
  const board = ['留言标题', '留言内容', ' 留言时间 ', '网友', '原文链接'];
  assert.deepEqual(guessMapping(board), { title: 0, text: 1, publishedAt: 2, author: 3, url: 4 });
  // Parts of names: 受理日期 is the time, 联系人电话 the phone.
  assert.deepEqual(guessMapping(['序号', '受理日期', '联系人电话', '反映内容']), { publishedAt: 1, contact: 2, text: 3 });
  // Remembered per source: 办结时间 was chosen last time, and is chosen again over 来电时间.
  const remembered = { publishedAt: '办结时间', externalId: '工单编号' };
  assert.deepEqual(guessMapping(['工单编号', '来电时间', '办结时间', '内容'], remembered), { externalId: 0, publishedAt: 2, text: 3 });
  assert.deepEqual(mappingToHeaders({ externalId: 0, publishedAt: 2 }, ['工单编号 ', '来电时间', '办结时间']), { externalId: '工单编号', publishedAt: '办结时间' });
});

test('mappingProblems: time and title-or-text required, a column once, no column outside the sheet', () => {
  assert.deepEqual(mappingProblems({ publishedAt: 0, text: 1 }, 2), {});
  const p = mappingProblems({ title: 1, externalId: 1, url: 9 }, 3);
  assert.match(p.publishedAt!, /请选择“时间”对应的列/);
  assert.match(p.title!, /“标题”与“编号”选择了同一列/);
  assert.match(p.url!, /所选的列不存在/);
  assert.match(mappingProblems({ publishedAt: 0 }, 1).text!, /至少要选择一列/);
});

test('parseImportTime: the forms exports use, in Beijing time', () => {
  const iso = (s: string) => parseImportTime(s)?.toISOString() ?? null;
  assert.equal(iso('2026-10-01 08:30'), '2026-10-01T00:30:00.000Z');
  assert.equal(iso('2026/10/1 8:30:15'), '2026-10-01T00:30:15.000Z');
  assert.equal(iso('2026.10.01'), '2026-09-30T16:00:00.000Z');
  assert.equal(iso('2026年10月1日8时30分'), '2026-10-01T00:30:00.000Z');
  assert.equal(iso('2026年10月1日 08:30'), '2026-10-01T00:30:00.000Z');
  assert.equal(iso('20261001083000'), '2026-10-01T00:30:00.000Z');
  assert.equal(iso('46296.5'), '2026-10-01T04:00:00.000Z'); // Excel serial: 2026-10-01 12:00 Beijing
  for (const bad of ['', '城关镇', '2026-02-30', '2026-13-01', '13812345678', '12345', '昨天下午']) assert.equal(iso(bad), null, bad);
});

test('mapRows: good rows become items, each bad row its reason with the spreadsheet row number', () => {
  const rows = [
    ['工单编号', '来电时间', '来电人', '来电号码', '诉求内容', '链接'],
    ['GD001', '2026-10-01 08:30', '张三', '13812345678', '城关镇东片区停水', ''],
    [],
    ['GD002', '昨天', '李四', '', '路灯不亮', ''],
    ['', '2026-10-01 09:00', '', '', '没有编号', ''],
    ['GD003', '2026-10-01 09:00', '', '', '', ''],
    ['GD001', '2026-10-01 10:00', '', '', '同号再来', ''],
    ['GD004', '2027-01-01 09:00', '', '', '未来的时间', ''],
    ['GD005', '2026-10-01 11:00', '', '', '链接有误', 'ftp://x'],
  ];
  const m = mapRows(rows, guessMapping(rows[0]!), { now, headers: rows[0] });
  assert.equal(m.total, 7);
  assert.deepEqual(m.items.map((i) => [i.row, i.item.externalId, i.item.author, i.item.contact]), [[2, 'GD001', '张三', '13812345678']]);
  assert.equal(m.items[0]!.item.publishedAt.toISOString(), '2026-10-01T00:30:00.000Z');
  assert.deepEqual(m.errors.map((e) => e.row), [4, 5, 6, 7, 8, 9]);
  assert.match(m.errors[0]!.reason, /时间“昨天”无法识别/);
  assert.match(m.errors[1]!.reason, /缺少编号/);
  assert.match(m.errors[2]!.reason, /标题和正文不能都为空/);
  assert.match(m.errors[3]!.reason, /编号“GD001”与第 2 行重复/);
  assert.match(m.errors[4]!.reason, /晚于当前时间/);
  assert.match(m.errors[5]!.reason, /链接应为/);
  // The only link is no web address: the column is named.
  assert.match(m.warnings.url!, /所选的“链接”列中没有以 http/);
  assert.equal(m.warnings.publishedAt, undefined);
  // The error sheet carries no name or phone.
  assert.deepEqual(errorSheet(m.errors)[0], ['行号', '编号', '标题', '错误说明']);
  assert.ok(!JSON.stringify(errorSheet(m.errors)).includes('李四'));
});

test('mapRows: a time column without dates is named; without an id column the id is stable', () => {
  const rows = [['标题', '内容', '网友', '留言时间'], ['停水', '东片区停水', '王五', '2026-10-01'], ['路灯', '西街路灯不亮', '赵六', '2026-10-01']];
  // Mis-mapped: 网友 taken as the time.
  const wrong = mapRows(rows, { title: 0, text: 1, publishedAt: 2 }, { now, headers: rows[0] });
  assert.equal(wrong.items.length, 0);
  assert.match(wrong.warnings.publishedAt!, /所选的“网友”列中没有一个可识别的日期或时间/);
  const right = mapRows(rows, guessMapping(rows[0]!), { now, headers: rows[0] });
  assert.equal(right.items.length, 2);
  const again = mapRows(rows, guessMapping(rows[0]!), { now, headers: rows[0] });
  assert.deepEqual(again.items.map((i) => i.item.externalId), right.items.map((i) => i.item.externalId));
  assert.match(right.items[0]!.item.externalId, /^auto-[0-9a-f]{32}$/);
});
