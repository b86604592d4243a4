import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionLabel, actionOptions, entityLabel, filterQuery, parseAuditFilters, registerAuditActionLabels, summaryLines } from './present.ts';

test('action labels: known codes in Chinese, unknown codes raw, modules can add theirs', () => {
  const cases: [string, string][] = [
    ['auth.login', '登录'], ['auth.login_failed', '登录失败'], ['auth.logout', '退出'],
    ['auth.password_changed', '修改密码'], ['token.create', '创建接口令牌'], ['token.revoke', '吊销接口令牌'],
    ['demo.seed', '载入演示数据'], ['calendar.import', '导入节假日安排'], ['audit.verify', '校验审计日志哈希链'],
    ['something.new', 'something.new'],
  ];
  for (const [code, label] of cases) assert.equal(actionLabel(code), label, code);
  registerAuditActionLabels({ 'test.thing': '测试事项' }, { 'test.*': '测试（全部）' });
  assert.equal(actionLabel('test.thing'), '测试事项');
  assert.ok(actionOptions().some((o) => o.value === 'test.*'));
});

test('entity labels', () => {
  assert.equal(entityLabel('user', '3'), '用户 #3');
  assert.equal(entityLabel('system', null), '系统');
  assert.equal(entityLabel('weird', 'x'), 'weird #x');
});

// [description, summary, expected lines]
const summaries: [string, unknown, string[]][] = [
  ['empty', {}, []],
  ['null', null, []],
  ['plain keys with labels and booleans', { failedLogins: 3, locked: true }, ['连续失败次数：3', '已锁定：是']],
  ['unknown keys raw, arrays joined', { foo: ['a', 'b'], n: null }, ['foo：a、b', 'n：（无）']],
  ['changed fields only', { before: { name: '甲', kind: '放假' }, after: { name: '乙', kind: '放假' } }, ['名称：甲 → 乙']],
  ['created', { before: null, after: { name: '甲' }, recalculated: 0 }, ['新增', '名称：甲', '重新计算事项数：0']],
  ['deleted', { before: { name: '甲' }, after: null }, ['删除', '名称：甲']],
  ['nested object shown as JSON', { x: { a: 1 } }, ['x：{"a":1}']],
  ['scalar before/after are plain keys', { before: 1, after: 2 }, ['before：1', 'after：2']],
];
for (const [name, s, lines] of summaries) {
  test(`summaryLines: ${name}`, () => assert.deepEqual(summaryLines(s), lines));
}

test('summaryLines cuts long output', () => {
  const lines = summaryLines({ note: 'x'.repeat(1000) }, 50);
  assert.equal(lines.length, 1);
  assert.ok(lines[0].length <= 51 && lines[0].endsWith('…'));
});

test('parseAuditFilters: good values pass, bad ones get messages and are dropped', () => {
  const ok = parseAuditFilters({ actor: ' gkb ', action: 'calendar.*', entityType: 'user', entityId: '12', from: '2026-01-01', to: '2026-01-31', before: '500' });
  assert.deepEqual(ok.errors, {});
  assert.equal(ok.values.actor, 'gkb');
  assert.equal(ok.before, 500);
  assert.equal(filterQuery(ok, { before: 7 }), '?actor=gkb&action=calendar.*&entityType=user&entityId=12&from=2026-01-01&to=2026-01-31&before=7');

  const bad = parseAuditFilters({ action: "x'; drop", entityType: 'User Table', from: '2026-02-30', to: 'junk', before: '99999999999999999999' });
  assert.ok(bad.errors.action && bad.errors.entityType && bad.errors.from && bad.errors.to && bad.errors.page);
  assert.equal(bad.before, undefined);
  assert.equal(filterQuery(bad), '');

  assert.ok(parseAuditFilters({ from: '2026-02-01', to: '2026-01-01' }).errors.to);
  assert.ok(parseAuditFilters({ after: '-1' }).errors.page);
  assert.ok(parseAuditFilters({ before: '0' }).errors.page);
  // Arrays and non-strings (repeated query keys) are tolerated.
  assert.equal(parseAuditFilters({ actor: ['a', 'b'], entityId: { x: 1 } }).values.actor, 'a');
  assert.equal(parseAuditFilters({ actor: 'x'.repeat(5000) }).values.actor.length, 100);
});
