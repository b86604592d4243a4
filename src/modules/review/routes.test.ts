// /admin/review-chains through a real server with the demo county.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { renderToString } from 'preact-render-to-string';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { ReviewHistory } from './views.tsx';

let s: TestServer;
let gkb: Client;
let cbr: Client;
const org: Record<string, number> = {};

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  gkb = new Client(s.baseUrl);
  await gkb.login('gkb', s.password('gkb'));
  cbr = new Client(s.baseUrl);
  await cbr.login('cbr', s.password('cbr'));
  const r = await s.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = o.id;
});
after(() => s.close());

/** A chain form with two steps in rows 0 and 1, and two blank rows. */
const form = (patch: Record<string, string> = {}) => ({
  name: '教体局审核流程', subjectType: 'catalog_record', recordKind: '', orgId: String(org['县教体局']), separateActors: '1', rowCount: '4',
  s0_order: '1', s0_key: '', s0_name: '承办人提交', s0_role: 'clerk', s0_scope: 'own_org', s0_kind: '',
  s1_order: '2', s1_key: '', s1_name: '局长审发', s1_role: 'unit_approver', s1_scope: 'own_org', s1_kind: '',
  s2_order: '', s2_key: '', s2_name: '', s2_role: '', s2_scope: 'own_org', s2_kind: '',
  s3_order: '', s3_key: '', s3_name: '', s3_role: '', s3_scope: 'own_org', s3_kind: '',
  ...patch,
});

test('the list shows the default chain, created at start-up, with readable steps', async () => {
  const r = await gkb.get('/admin/review-chains');
  assert.equal(r.status, 200);
  assert.match(r.text, /<caption>启用中的审核流程<\/caption>/);
  assert.match(r.text, /主动公开信息默认审核流程/);
  assert.match(r.text, /全部单位默认/);
  assert.match(r.text, /承办人提交（承办人，本单位）/);
  assert.match(r.text, /保密审查（保密审查员，授权范围内任一单位，保密审查）/);
  assert.match(r.text, /单位审发（单位审发人，本单位）/);
});

test('a clerk gets 403 on every chain screen', async () => {
  assert.equal((await cbr.get('/admin/review-chains')).status, 403);
  assert.equal((await cbr.get('/admin/review-chains/new')).status, 403);
  await cbr.get('/admin/');
  assert.equal((await cbr.post('/admin/review-chains', form())).status, 403);
  assert.equal((await cbr.post('/admin/review-chains/1', form())).status, 403);
  assert.equal((await cbr.post('/admin/review-chains/1/deactivate', {})).status, 403);
});

test('create: errors in Chinese on their fields with the input kept; then saved, edited, deactivated, audited', async () => {
  const page = await gkb.get('/admin/review-chains/new');
  assert.equal(page.status, 200);
  assert.match(page.text, /name="s3_name" type="text" value="单位审发"/, 'starts from the default steps');

  const bad = await gkb.post('/admin/review-chains', form({ name: '', s1_role: 'king', s0_name: '一'.repeat(21), s2_name: '新增步骤', s2_role: '' }));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /请填写流程名称/);
  assert.match(bad.text, /第 1 行：步骤名称不能超过 20 个字/);
  assert.match(bad.text, /第 2 行：请选择办理角色/);
  assert.match(bad.text, /第 3 行：请选择办理角色/);
  assert.match(bad.text, /value="新增步骤"/, 'input written back');
  assert.match(bad.text, /href="#f-s1_role"/);
  assert.match(bad.text, /aria-invalid="true"/);

  const more = await gkb.post('/admin/review-chains', form({ more: '1', s2_name: '保留的输入' }));
  assert.equal(more.status, 200);
  assert.match(more.text, /name="s6_name"/, 'three more rows');
  assert.match(more.text, /value="保留的输入"/);

  const ok = await gkb.post('/admin/review-chains', form());
  assert.equal(ok.status, 303);
  assert.match(ok.location ?? '', /^\/admin\/review-chains\/\d+\?done=created$/);
  const id = Number(/\/(\d+)\?/.exec(ok.location!)![1]);
  const detail = await gkb.get(ok.location!);
  assert.match(detail.text, /审核流程已新增/);
  assert.match(detail.text, /云溪县教育体育局/);

  const dup = await gkb.post('/admin/review-chains', form({ name: '重复' }));
  assert.equal(dup.status, 422);
  assert.match(dup.text, /该单位已有适用于此类事项的审核流程/);

  // Edit: reorder, delete the second step, add a secrecy step; allow the same person.
  const edit = await gkb.post(`/admin/review-chains/${id}`, form({
    name: '教体局审核流程（修订）', separateActors: '', s1_del: '1', s2_order: '0', s2_name: '保密审查', s2_role: 'secrecy_reviewer', s2_scope: 'grant_scope', s2_kind: 'secrecy',
  }));
  assert.equal(edit.status, 303);
  const row = (await s.ctx.db.execute<{ name: string; steps: { key: string; name: string; allowSameActor?: boolean }[] }>(sql`select name, steps from review_chains where id = ${id}`)).rows[0];
  assert.equal(row.name, '教体局审核流程（修订）');
  assert.deepEqual(row.steps.map((x) => [x.name, !!x.allowSameActor]), [['保密审查', false], ['承办人提交', true]]);

  const off = await gkb.post(`/admin/review-chains/${id}/deactivate`, {});
  assert.equal(off.status, 303);
  assert.match((await gkb.get(`/admin/review-chains/${id}`)).text, /已停用/);
  const after = await gkb.post(`/admin/review-chains/${id}`, form());
  assert.equal(after.status, 409);

  const def = (await s.ctx.db.execute<{ id: number }>(sql`select id from review_chains where org_id is null and record_kind is null`)).rows[0].id;
  const keep = await gkb.post(`/admin/review-chains/${def}/deactivate`, {});
  assert.equal(keep.status, 409);
  assert.match(keep.text, /全部单位默认流程不能停用/);

  const audit = await s.ctx.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'review_chain' and entity_id = ${String(id)} order by id`);
  assert.deepEqual(audit.rows.map((a) => a.action), ['review_chain.create', 'review_chain.update', 'review_chain.deactivate']);
});

test('junk ids are 404 and junk bodies are 422, never 500', async () => {
  await gkb.get('/admin/review-chains');
  for (const p of ['/admin/review-chains/abc', '/admin/review-chains/99999999999', '/admin/review-chains/0', '/admin/review-chains/99999999']) {
    assert.equal((await gkb.get(p)).status, 404, p);
  }
  assert.equal((await gkb.post('/admin/review-chains/abc', form())).status, 404);
  assert.equal((await gkb.post('/admin/review-chains/99999999/deactivate', {})).status, 404);
  const junk = await gkb.post('/admin/review-chains', { name: ['a', 'b'], subjectType: 'x'.repeat(10000), rowCount: '99999', s0_name: ['x', 'y'], orgId: 'abc' });
  assert.equal(junk.status, 422);
  assert.match(junk.text, /适用事项/);
  const neg = await gkb.post('/admin/review-chains', form({ rowCount: '-5' }));
  assert.equal(neg.status, 422);
  assert.match(neg.text, /至少需要 1 个步骤/);
});

test('ReviewHistory renders a captioned table with Chinese conclusions', () => {
  const html = renderToString(ReviewHistory({ history: [
    { id: 1, stepIndex: 0, stepKey: 'submit', stepName: '承办人提交', actorId: 1, actorName: '李思远', conclusion: 'submit', opinion: null, actedAt: new Date('2027-03-01T00:05:00Z') },
    { id: 2, stepIndex: 1, stepKey: 'dept', stepName: '承办部门审核', actorId: 2, actorName: '赵雅琴', conclusion: 'return', opinion: '请补充<依据>', actedAt: new Date('2027-03-01T01:00:00Z') },
  ] })!);
  assert.match(html, /<caption>审核记录<\/caption>/);
  assert.match(html, /提交/);
  assert.match(html, /退回修改/);
  assert.match(html, /请补充&lt;依据>/);
  assert.match(html, /2027-03-01 08:05/);
});
