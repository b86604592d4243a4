import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNoticeJson, parseNoticeRows, parseOverrideForm, parseYear } from './rows.ts';
import { beijingToday } from '../platform/time/index.ts';

test('parseYear', () => {
  for (const [raw, y] of [['2027', 2027], [' 1900 ', 1900], ['2100', 2100], ['2101', null], ['1899', null], ['27', null], ['abcd', null], ['', null], ['2027.0', null]] as const) {
    assert.equal(parseYear(raw), y, raw);
  }
});

test('beijingToday uses Beijing time whatever the process TZ', () => {
  assert.equal(beijingToday(new Date('2026-12-31T16:30:00Z')), '2027-01-01');
  assert.equal(beijingToday(new Date('2026-12-31T15:59:59Z')), '2026-12-31');
});

test('parseNoticeRows: good input with Chinese commas, tabs, comments and blank lines', () => {
  const r = parseNoticeRows('2027', '# 2027年安排\n2027-01-01,元旦,放假\n\n2027-02-06，春节调休上班，上班\n2027-02-10\t春节\t休\n2026-12-31,元旦,放假\r\n');
  assert.ok(r.ok);
  assert.equal(r.year, 2027);
  assert.deepEqual(r.overrides, [
    { date: '2027-01-01', isOffDay: true, name: '元旦', source: 'import' },
    { date: '2027-02-06', isOffDay: false, name: '春节调休上班', source: 'import' },
    { date: '2027-02-10', isOffDay: true, name: '春节', source: 'import' },
    { date: '2026-12-31', isOffDay: true, name: '元旦', source: 'import' },
  ]);
});

// [description, year, text, field, message pattern]
const bad: [string, string, string, string, RegExp][] = [
  ['bad year', '27', '2027-01-01,元旦,放假', 'year', /四位年份/],
  ['empty', '2027', '\n# only a comment\n', 'rows', /至少填写一天/],
  ['missing part', '2027', '2027-01-01,元旦', 'rows', /第1行应为/],
  ['bad date', '2027', '\n2027-02-30,元旦,放假', 'rows', /第2行日期“2027-02-30”无效/],
  ['wrong year', '2027', '2029-01-01,元旦,放假', 'rows', /不属于2027年度/],
  ['duplicate', '2027', '2027-01-01,元旦,放假\n2027-01-01,元旦,上班', 'rows', /第2行日期2027-01-01与第1行重复/],
  ['bad kind', '2027', '2027-01-01,元旦,调休', 'rows', /放假.*上班/],
  ['no name', '2027', '2027-01-01,,放假', 'rows', /缺少名称/],
];
for (const [name, year, text, fieldName, re] of bad) {
  test(`parseNoticeRows rejects: ${name}`, () => {
    const r = parseNoticeRows(year, text);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.errors[fieldName] ?? '' : '', re);
  });
}

test('parseNoticeRows caps the list of problems', () => {
  const text = Array.from({ length: 15 }, (_, i) => `bad${i}`).join('\n');
  const r = parseNoticeRows('2027', text);
  assert.match(!r.ok ? r.errors.rows : '', /等共15处错误/);
});

test('parseNoticeJson: malformed, wrong shape and good input', () => {
  assert.match(((r) => (!r.ok ? r.errors.json : ''))(parseNoticeJson('')), /请粘贴/);
  assert.match(((r) => (!r.ok ? r.errors.json : ''))(parseNoticeJson('{"year": 2027,')), /JSON 格式错误/);
  assert.match(((r) => (!r.ok ? r.errors.json : ''))(parseNoticeJson('[1,2]')), /节假日安排数据无效/);
  assert.match(((r) => (!r.ok ? r.errors.json : ''))(parseNoticeJson('{"year": 2027, "days": [{"name":"元旦","date":"2027-13-01","isOffDay":true}]}')), /日期格式错误/);
  const ok = parseNoticeJson('{"year": 2027, "days": [{"name":"元旦","date":"2027-01-01","isOffDay":true}]}');
  assert.ok(ok.ok && ok.overrides.length === 1);
});

test('parseOverrideForm', () => {
  assert.deepEqual(parseOverrideForm({ date: '2026-10-09', kind: 'off', name: ' 防汛停止办公 ', note: '' }),
    { ok: true, value: { date: '2026-10-09', isOffDay: true, name: '防汛停止办公', note: null } });
  assert.deepEqual(parseOverrideForm({ date: '2026-10-10', kind: 'work', name: '补班', note: '县政府通知' }),
    { ok: true, value: { date: '2026-10-10', isOffDay: false, name: '补班', note: '县政府通知' } });
  const r = parseOverrideForm({ date: '2026-02-30', kind: 'maybe', name: '', note: 'x'.repeat(501) });
  assert.equal(r.ok, false);
  assert.deepEqual(Object.keys(!r.ok ? r.errors : {}).sort(), ['date', 'kind', 'name', 'note']);
  assert.match(((x) => (!x.ok ? x.errors.date : ''))(parseOverrideForm({ date: '', kind: 'off', name: 'a', note: '' })), /请填写日期/);
  assert.match(((x) => (!x.ok ? x.errors.name : ''))(parseOverrideForm({ date: '2026-01-01', kind: 'off', name: '名'.repeat(51), note: '' })), /50/);
});

test('control characters (NUL would break the database) are refused everywhere', () => {
  assert.match(((x) => (!x.ok ? x.errors.name : ''))(parseOverrideForm({ date: '2026-01-01', kind: 'off', name: 'a\u0000b', note: '' })), /无效字符/);
  assert.match(((x) => (!x.ok ? x.errors.note : ''))(parseOverrideForm({ date: '2026-01-01', kind: 'off', name: 'a', note: 'x\u0000' })), /无效字符/);
  assert.ok(parseOverrideForm({ date: '2026-01-01', kind: 'off', name: 'a', note: '第一行\r\n第二行' }).ok);
  assert.match(((x) => (!x.ok ? x.errors.rows : ''))(parseNoticeRows('2027', '2027-01-01,元\u0001旦,放假')), /无效字符/);
  assert.match(((x) => (!x.ok ? x.errors.json : ''))(parseNoticeJson('{"year":2027,"days":[{"name":"元\\u0000旦","date":"2027-01-01","isOffDay":true}]}')), /无效字符/);
  assert.match(((x) => (!x.ok ? x.errors.json : ''))(parseNoticeJson(JSON.stringify({ year: 2027, days: [{ name: '长'.repeat(51), date: '2027-01-01', isOffDay: true }] }))), /过长/);
});
