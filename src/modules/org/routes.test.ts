import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { demoUscc } from '../demo/seed.ts';

let s: TestServer;
let admin: Client;
const org: Record<string, number> = {};

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  admin = new Client(s.baseUrl);
  await admin.login('admin', s.password('admin'));
  const r = await s.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = o.id;
});
after(() => s.close());

const form = (patch: Record<string, string | string[]> = {}) => ({
  parentId: String(org['县政府']), name: '云溪县审计局', shortName: '县审计局', kind: 'department', regionCode: '361129',
  orgCode: demoUscc(700), address: '云溪县城关镇审计路1号', postcode: '334600', phone: '0793-5120090', fax: '0793-5120099',
  email: 'sjj@yunxi.example.gov.cn', officeHours: '工作日上午8:30—12:00', sort: '30', ...patch,
});

test('the tree lists organisations as nested lists with levels', async () => {
  const r = await admin.get('/admin/orgs');
  assert.equal(r.status, 200);
  assert.match(r.text, /<nav aria-label="机构树"><ul class="org-tree"><li>/);
  assert.match(r.text, /云溪县人民政府<\/a><span class="muted">（人民政府，第 1 级）/);
  assert.match(r.text, /云溪县教育体育局<\/a><span class="muted">（政府工作部门，第 2 级）/);
  assert.match(r.text, /href="\/admin\/orgs\/new"/);
});

test('create: bad input comes back with values and Chinese field errors (422); good input is saved', async () => {
  const bad = await admin.post('/admin/orgs', form({ name: '', orgCode: '91360000ABCDEFGH12', postcode: 'abc', email: 'nope' }));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /请填写机构名称/);
  assert.match(bad.text, /统一社会信用代码/);
  assert.match(bad.text, /邮政编码应为 6 位数字/);
  assert.match(bad.text, /value="nope"/, 'input written back');
  assert.match(bad.text, /aria-invalid="true"/);
  const dup = await admin.post('/admin/orgs', form({ orgCode: demoUscc(1) }));
  assert.equal(dup.status, 422);
  assert.match(dup.text, /已被“云溪县人民政府”使用/);
  const ok = await admin.post('/admin/orgs', form());
  assert.equal(ok.status, 303);
  assert.match(ok.location ?? '', /^\/admin\/orgs\/\d+\?done=created$/);
  const page = await admin.get(ok.location!);
  assert.equal(page.status, 200);
  assert.match(page.text, /机构已新增/);
  assert.match(page.text, /城关镇审计路1号/);
  assert.match(page.text, /工作日上午8:30—12:00/);
});

test('edit: saves, prevents cycles with a field error, and explains refused deactivation', async () => {
  const id = (await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where name = '云溪县审计局'`)).rows[0].id;
  const saved = await admin.post(`/admin/orgs/${id}`, form({ phone: '0793-5120091' }));
  assert.equal(saved.status, 303);
  const cyc = await admin.post(`/admin/orgs/${org['县政府']}`, form({ parentId: String(id), kind: 'government', name: '云溪县人民政府', orgCode: demoUscc(1) }));
  assert.equal(cyc.status, 422);
  assert.match(cyc.text, /循环/);
  const edu = await admin.post(`/admin/orgs/${org['县教体局']}/deactivate`, {});
  assert.equal(edu.status, 409);
  assert.match(edu.text, /启用中的用户/);
  const off = await admin.post(`/admin/orgs/${id}/deactivate`, {});
  assert.equal(off.status, 303);
  assert.match((await admin.get(`/admin/orgs/${id}`)).text, /已停用/);
  assert.equal((await admin.post(`/admin/orgs/${id}/reactivate`, {})).status, 303);
});

test('junk ids are 404, junk bodies are 422, never 500', async () => {
  for (const p of ['/admin/orgs/abc', '/admin/orgs/99999999999', '/admin/orgs/0', '/admin/orgs/-1', '/admin/orgs/1.5', '/admin/orgs/99999999', '/admin/orgs/%E4%BD%A0']) {
    assert.equal((await admin.get(p)).status, 404, p);
  }
  assert.equal((await admin.post('/admin/orgs/abc', form())).status, 404);
  assert.equal((await admin.post('/admin/orgs/99999999', form())).status, 404);
  assert.equal((await admin.post('/admin/orgs/abc/deactivate', {})).status, 404);
  const arrays = await admin.post('/admin/orgs', { name: ['a', 'b'], kind: ['x'], parentId: ['1', '2'], sort: 'x'.repeat(10000) });
  assert.equal(arrays.status, 422);
  const huge = await admin.post('/admin/orgs', form({ name: '长'.repeat(50000), parentId: '99999999999' }));
  assert.equal(huge.status, 422);
  const newPage = await admin.get('/admin/orgs/new?parent=abc');
  assert.equal(newPage.status, 200);
});

test('a clerk (cbr) cannot read or change organisations', async () => {
  const c = new Client(s.baseUrl);
  await c.login('cbr', s.password('cbr'));
  assert.equal((await c.get('/admin/orgs')).status, 403);
  assert.equal((await c.get('/admin/orgs/new')).status, 403);
  assert.equal((await c.get(`/admin/orgs/${org['县教体局']}`)).status, 403);
  await c.get('/admin/account');
  assert.equal((await c.post('/admin/orgs', form({ orgCode: demoUscc(701) }))).status, 403);
  assert.equal((await c.post(`/admin/orgs/${org['县教体局']}`, form())).status, 403);
  assert.equal((await c.post(`/admin/orgs/${org['县教体局']}/deactivate`, {})).status, 403);
});

test('the disclosure office (gkb) reads organisations but cannot change them', async () => {
  const c = new Client(s.baseUrl);
  await c.login('gkb', s.password('gkb'));
  const list = await c.get('/admin/orgs');
  assert.equal(list.status, 200);
  assert.doesNotMatch(list.text, /新增机构/);
  const detail = await c.get(`/admin/orgs/${org['县教体局']}`);
  assert.equal(detail.status, 200);
  assert.doesNotMatch(detail.text, /修改机构信息/);
  assert.equal((await c.post(`/admin/orgs/${org['县教体局']}`, form())).status, 403);
  assert.equal((await c.post('/admin/orgs', form({ orgCode: demoUscc(702) }))).status, 403);
});

test('changes are audited', async () => {
  const r = await s.ctx.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'org_unit' order by id`);
  assert.deepEqual(r.rows.map((x) => x.action), ['org.create', 'org.update', 'org.deactivate', 'org.reactivate']);
});
