// Route tests of the 文书模板 screens: the disclosure office edits the 补正 template of an
// organisation and a generated notice uses it; unknown placeholders are refused with their names;
// previews; restore; a clerk is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { withTx } from '../../platform/db/index.ts';
import { extractText } from '../../platform/files/extract.ts';
import { documentBytes, generateDocument } from './documents.ts';

let s: TestServer;
let gkb: Client;
let cbr: Client;
let edu: number;
const url = (key: string, org: string | number) => `/admin/requests/templates/${encodeURIComponent(key)}?org=${org}`;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  gkb = new Client(s.baseUrl);
  cbr = new Client(s.baseUrl);
  await gkb.login('gkb', s.password('gkb'));
  await cbr.login('cbr', s.password('cbr'));
  const r = await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`);
  edu = Number(r.rows[0].id);
});
after(() => s.close());

test('the list shows every template with the one in force; a clerk gets 403', async () => {
  const list = await gkb.get('/admin/requests/templates');
  assert.equal(list.status, 200);
  for (const label of ['登记回执', '补正申请告知书', '收费通知书', '属于国家秘密', '不属于本机关负责公开', '予以更正']) assert.ok(list.text.includes(label), label);
  assert.ok(list.text.includes('全部机构（默认）') && list.text.includes('内置模板'));
  const one = await gkb.get(`/admin/requests/templates?org=${edu}`);
  assert.equal(one.status, 200);
  assert.ok(one.text.includes('云溪县教育体育局'));
  assert.equal((await cbr.get('/admin/requests/templates')).status, 403);
  assert.equal((await cbr.get(url('correction_notice', edu))).status, 403);
  assert.equal((await gkb.get(url('no_such_kind', edu))).status, 404);
  assert.equal((await gkb.get(url('correction_notice', 'abc'))).status, 404);
});

test('gkb edits the 补正 template of 县教体局: unknown placeholder refused, preview, save, a generated notice uses it, restore', async () => {
  const edit = await gkb.get(url('correction_notice', edu));
  assert.equal(edit.status, 200);
  assert.ok(edit.text.includes('{补正期限}') && edit.text.includes('第三十条'));
  const path = `/admin/requests/templates/correction_notice`;

  const bad = await gkb.post(path, { org: String(edu), title: '补正申请告知书', body: '{申请人}：\n请于{补正时限}前补正{补正内容}。', _action: 'save' });
  assert.equal(bad.status, 422);
  assert.ok(bad.text.includes('未知的占位符：{补正时限}'));
  assert.ok(bad.text.includes('请于{补正时限}前补正'), 'what the user typed is kept');

  const body = '{申请人}：\n县教体局告知：请于{补正期限}前补正以下事项：{补正内容}。（依据《中华人民共和国政府信息公开条例》第三十条）';
  const pv = await gkb.post(path, { org: String(edu), title: '补正申请告知书', body, _action: 'preview' });
  assert.equal(pv.status, 200);
  assert.ok(pv.text.includes('县教体局告知：请于2026年10月9日前补正'), 'HTML preview with sample values');
  const dx = await gkb.post(path, { org: String(edu), title: '补正申请告知书', body, _action: 'docx' });
  assert.equal(dx.status, 200);
  assert.match(dx.headers.get('content-type') ?? '', /wordprocessingml/);
  assert.match(dx.headers.get('content-disposition') ?? '', /attachment; .*filename\*=UTF-8''/);

  const saved = await gkb.post(path, { org: String(edu), title: '补正申请告知书', body, _action: 'save' });
  assert.equal(saved.status, 303);
  const after = await gkb.get(saved.location!);
  assert.ok(after.text.includes('模板已保存为新版本') && after.text.includes('本机构模板第 1 版'));
  const audit = await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'request.template.save' and actor_name = 'gkb'`);
  assert.equal(audit.rows[0].n, 1);

  // A case of 县教体局 gets the edited text.
  const enc = (v: string) => s.ctx.fieldCipher.encrypt(v);
  const c = await s.ctx.db.execute<{ id: number }>(sql`insert into request_cases
    (tracking_no, tracking_year, tracking_seq, query_code_hash, org_id, channel, status, rule_set, applicant_type,
     applicant_name_enc, id_type, id_number_enc, id_number_bidx, info_description, forms, delivery, received_on)
    values ('2026-T-00001', 2026, 9001, 'x', ${edu}, 'in_person', 'handling', '条例2019', 'natural', ${enc('赵六')}, 'id_card',
     ${enc('11010519491231002X')}, 'b', '学校食堂招标文件', '["paper"]'::jsonb, 'post', '2026-09-18') returning id`);
  const g = await withTx(s.ctx.db, (tx) => generateDocument(tx, s.ctx, { caseId: Number(c.rows[0].id), kind: 'correction_notice', vars: { 补正内容: '招标年度', 补正期限: '2026年10月9日' }, actor: { id: null, name: '测试' } }));
  const d = await documentBytes(s.ctx, g.documentId);
  const text = await extractText(d!.bytes, 'docx');
  assert.ok(text.ok && text.text.includes('县教体局告知：请于2026年10月9日前补正以下事项：招标年度') && text.text.includes('赵六'));

  // The default for all organisations is untouched; restore brings the built-in text back for 县教体局.
  assert.ok((await gkb.get(url('correction_notice', 'default'))).text.includes('内置模板'));
  const restored = await gkb.post(`${path}/restore`, { org: String(edu) });
  assert.equal(restored.status, 303);
  const back = await gkb.get(restored.location!);
  assert.ok(back.text.includes('恢复使用上一级模板') && back.text.includes('当前使用：内置模板'));
});

test('bad input is answered on the form, never a 500', async () => {
  const path = `/admin/requests/templates/reply%3A2`;
  const empty = await gkb.post(path, { org: 'default', title: '', body: '{申请人：', _action: 'save' });
  assert.equal(empty.status, 422);
  assert.ok(empty.text.includes('请填写标题') && empty.text.includes('不成对的花括号'));
  const long = await gkb.post(path, { org: 'default', title: '答复', body: '字'.repeat(20_001), _action: 'save' });
  assert.equal(long.status, 422);
  assert.ok(long.text.includes('不能超过 20000 个字符'));
  const noOrg = await gkb.post(path, { org: '999999', title: '答复', body: '正文', _action: 'save' });
  assert.equal(noOrg.status, 403);
});
