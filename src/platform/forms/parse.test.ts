// parseForm: bounded, trimmed, typed form values with a Chinese message per field, every typed value
// kept for the re-rendered form, and the domain checks run even when the schema failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import { formText, parseForm } from './parse.ts';
import { DateStr, Id, Password, Str, StringEnum } from './schema.ts';

const Schema = Type.Object({
  name: Str('姓名', 10),
  note: Type.Optional(Str('备注', 20)),
  orgId: Id('所属单位'),
  sort: Type.Optional(Type.Integer({ title: '排序', minimum: 0, maximum: 999 })),
  kind: StringEnum(['a', 'b'] as const, { title: '类型' }),
  on: Type.Optional(DateStr('日期')),
  forms: Type.Array(StringEnum(['paper', 'disc'] as const), { title: '提供形式', minItems: 1 }),
  agree: Type.Boolean({ title: '同意' }),
  lead: Type.Optional(Type.Integer({ title: '提前天数', default: 3 })),
});

test('good input is typed: integers, enums, lists, checkboxes, defaults; blanks of optional fields are absent', () => {
  const r = parseForm(Schema, { name: '  王小明 ', orgId: '12', sort: '', kind: 'b', on: '2024-02-29', forms: ['paper', 'disc'], agree: 'on', note: '' });
  assert.ok(r.ok);
  assert.deepEqual(r.values, { name: '王小明', orgId: 12, kind: 'b', on: '2024-02-29', forms: ['paper', 'disc'], agree: true, lead: 3 });
  const single = parseForm(Schema, { name: 'x', orgId: '1', kind: 'a', forms: 'paper' });
  assert.ok(single.ok);
  assert.deepEqual(single.values.forms, ['paper']);
  assert.equal(single.values.agree, false);
});

test('bad input: one Chinese message per field, everything typed kept as strings', () => {
  const r = parseForm(Schema, { name: '王'.repeat(11), orgId: 'abc', sort: '1000', kind: 'c', on: '2023-02-29', forms: ['pigeon'], note: 'ok' });
  assert.ok(!r.ok);
  assert.deepEqual(r.errors, {
    name: '字段“姓名”不能超过10个字符',
    orgId: '字段“所属单位”格式不正确，应为整数',
    sort: '字段“排序”不能大于999',
    kind: '字段“类型”的取值无效',
    on: '字段“日期”格式不正确',
    forms: '字段“提供形式”的取值无效',
  });
  assert.equal(r.values.note, 'ok');
  assert.equal(r.values.orgId, 'abc');
  assert.deepEqual(r.values.forms, ['pigeon']);
  assert.equal(r.values.name, '王'.repeat(11), 'one over the limit is kept so the message makes sense');
  assert.ok(r.summary);
  const missing = parseForm(Schema, {});
  assert.ok(!missing.ok);
  assert.equal(missing.errors.name, '字段“姓名”为必填项');
  assert.equal(missing.errors.forms, '字段“提供形式”为必填项');
});

test('strings are bounded before anything else, NUL and control characters are refused per field', () => {
  const r = parseForm(Schema, { name: 'a\u0000b', note: 'x'.repeat(100_000), orgId: '1', kind: 'a', forms: ['paper\u0007'] });
  assert.ok(!r.ok);
  assert.match(r.errors.name, /控制字符/);
  assert.match(r.errors.forms, /控制字符/);
  assert.equal((r.values.note as string).length, 21);
  const lists = parseForm(Schema, { name: 'a', orgId: '1', kind: 'a', forms: Array(10_000).fill('paper') });
  assert.ok(lists.ok);
  assert.equal(lists.values.forms.length, 50);
  const odd = parseForm(Schema, { name: { $ne: 1 }, orgId: ['7', '8'], kind: 'a', forms: 'disc' });
  assert.ok(!odd.ok);
  assert.equal(odd.errors.name, '字段“姓名”为必填项');
  assert.equal(odd.values.orgId, '7');
});

test('domain checks run with the strings even when the schema failed, and their message wins', () => {
  const r = parseForm(Schema, { name: '', orgId: '5', kind: 'a', forms: ['paper'] }, {
    domain: (s) => ({ orgId: s.orgId === '5' ? '该单位已停用' : '', name: '请填写申请人姓名' }),
  });
  assert.ok(!r.ok);
  assert.deepEqual(r.errors, { name: '请填写申请人姓名', orgId: '该单位已停用' });
  const fine = parseForm(Schema, { name: 'x', orgId: '6', kind: 'a', forms: ['paper'] }, { domain: () => null });
  assert.ok(fine.ok);
});

test('a Password field is bounded but read exactly as typed: not trimmed, line breaks kept', () => {
  const S = Type.Object({ user: Str('用户名', 10), password: Password('密码', 8) });
  const r = parseForm(S, { user: ' li ', password: ' a b\r\n ' });
  assert.ok(r.ok);
  assert.deepEqual(r.values, { user: 'li', password: ' a b\r\n ' });
  const long = parseForm(S, { user: 'li', password: ' '.repeat(100) });
  assert.ok(!long.ok);
  assert.equal(long.errors.password, '字段“密码”不能超过8个字符');
  assert.equal(long.values.password, ' '.repeat(9), 'bounded one over the limit, like every field');
  assert.ok(!parseForm(S, { user: 'li', password: 'a\u0000' }).ok, 'control characters are still refused');
});

test('formText: the single-value fields as typed, whether or not the schema passed', () => {
  const S = Type.Object({ a: Str('甲', 3), b: Type.Optional(Str('乙', 3)), c: Type.Array(Type.String(), { title: '丙' }) });
  assert.deepEqual(formText(parseForm(S, { a: ' x ', c: ['1'] })), { a: 'x', b: '' });
  assert.deepEqual(formText(parseForm(S, { a: 'xxxxx', b: 'y' })), { a: 'xxxx', b: 'y' });
});
