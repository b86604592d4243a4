import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo, demoUscc } from '../demo/seed.ts';
import * as authRepo from '../auth/repo.ts';
import type { Principal } from '../auth/policy.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import * as uc from './use-cases.ts';
import * as repo from './repo.ts';
import { flattenTree } from './domain.ts';

let t: TestDb;
let admin: uc.Caller;
let gkb: uc.Caller;
const ids: Record<string, number> = {};

async function caller(username: string): Promise<uc.Caller> {
  const u = (await authRepo.findUserByUsername(t.ctx.db, username))!;
  return { user: await authRepo.toPrincipal(t.ctx.db, u, 'session'), ip: '127.0.0.1' };
}

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  admin = await caller('admin');
  gkb = await caller('gkb');
  for (const o of await repo.listOrgs(t.ctx.db)) ids[o.shortName ?? o.name] = o.id;
});
after(() => t.drop());
// A principal is a per-request snapshot of the grants: reload it so new organisations are in scope.
beforeEach(async () => { admin = await caller('admin'); });

const form = (patch: Record<string, string> = {}) => ({
  parentId: String(ids['县政府']), name: '云溪县水利局', shortName: '县水利局', kind: 'department', regionCode: '361129',
  orgCode: demoUscc(500), address: '云溪县城关镇水利路8号', postcode: '334600', phone: '0793-5120080', fax: '', email: 'slj@yunxi.example.gov.cn',
  officeHours: '工作日', sort: '20', ...patch,
});

/** A sysadmin whose grant covers only one organisation (no subtree). */
function narrowAdmin(orgId: number): uc.Caller {
  const user: Principal = { id: 1, username: 'narrow', displayName: '窄', orgId, orgName: '', via: 'session', grants: [{ role: 'sysadmin', orgId, includeSubtree: false, orgIds: [orgId] }] };
  return { user, ip: null };
}

test('create: a department under the government, audited with its fields', async () => {
  const r = await uc.createOrg(t.ctx.db, admin, form());
  assert.ok(r.ok);
  if (!r.ok) return;
  ids['县水利局'] = r.id;
  const o = await repo.findOrg(t.ctx.db, r.id);
  assert.equal(o?.name, '云溪县水利局');
  assert.equal(o?.fax, null);
  const a = await t.ctx.db.execute<{ actor_name: string; summary: { after: { orgCode: string } } }>(sql`select actor_name, summary from audit_log where action = 'org.create' and entity_id = ${String(r.id)}`);
  assert.equal(a.rows[0].actor_name, 'admin');
  assert.equal(a.rows[0].summary.after.orgCode, demoUscc(500));
});

test('create: a duplicate organisation code is a field error naming the holder', async () => {
  const r = await uc.createOrg(t.ctx.db, admin, form({ name: '另一个局', orgCode: demoUscc(1) }));
  assert.equal(r.ok, false);
  if (!r.ok) { assert.equal(r.reason, 'invalid'); assert.match(r.fields!.orgCode, /云溪县人民政府/); }
});

test('create: bad input returns field errors; placement rules apply', async () => {
  const bad = await uc.createOrg(t.ctx.db, admin, form({ name: '', orgCode: '123' }));
  assert.ok(!bad.ok && bad.reason === 'invalid' && bad.fields!.name && bad.fields!.orgCode);
  const govUnderDept = await uc.createOrg(t.ctx.db, admin, form({ kind: 'government', parentId: String(ids['县财政局']), orgCode: demoUscc(501) }));
  assert.ok(!govUnderDept.ok && /人民政府只能/.test(govUnderDept.fields!.parentId));
  const deptAtRoot = await uc.createOrg(t.ctx.db, admin, form({ parentId: '', orgCode: demoUscc(501) }));
  assert.ok(!deptAtRoot.ok && /顶级机构/.test(deptAtRoot.fields!.parentId));
  const noParent = await uc.createOrg(t.ctx.db, admin, form({ parentId: '999999', orgCode: demoUscc(501) }));
  assert.ok(!noParent.ok && noParent.reason === 'forbidden', 'an unknown parent is outside every scope');
});

test('create: scope refusals for the parent and for top-level organisations', async () => {
  const narrow = narrowAdmin(ids['县教体局']);
  const r = await uc.createOrg(t.ctx.db, narrow, form({ orgCode: demoUscc(502) }));
  assert.ok(!r.ok && r.reason === 'forbidden');
  const root = await uc.createOrg(t.ctx.db, narrow, form({ parentId: '', kind: 'government', orgCode: demoUscc(502) }));
  assert.ok(!root.ok && root.reason === 'forbidden');
  const under = await uc.createOrg(t.ctx.db, narrow, form({ parentId: String(ids['县教体局']), kind: 'office', name: '教体局办公室', orgCode: demoUscc(502) }));
  assert.ok(under.ok);
  const byReader = await uc.createOrg(t.ctx.db, gkb, form({ orgCode: demoUscc(503) }));
  assert.ok(!byReader.ok && byReader.reason === 'forbidden', 'the disclosure office reads but does not manage');
  const newRoot = await uc.createOrg(t.ctx.db, admin, form({ parentId: '', kind: 'government', name: '测试市人民政府', orgCode: demoUscc(504), regionCode: '361100' }));
  assert.ok(newRoot.ok, 'the county-wide administrator may add a top-level government');
  if (newRoot.ok) ids['测试市'] = newRoot.id;
});

test('update: edits fields, audits only what changed', async () => {
  const id = ids['县水利局'];
  const r = await uc.updateOrg(t.ctx.db, admin, id, form({ phone: '0793-5120088', officeHours: '工作日上午' }));
  assert.ok(r.ok);
  const a = await t.ctx.db.execute<{ summary: { before: Record<string, unknown>; after: Record<string, unknown> } }>(sql`select summary from audit_log where action = 'org.update' and entity_id = ${String(id)} order by id desc limit 1`);
  assert.deepEqual(a.rows[0].summary, { before: { phone: '0793-5120080', officeHours: '工作日' }, after: { phone: '0793-5120088', officeHours: '工作日上午' } });
});

test('update: a parent cannot be the organisation itself or one of its descendants', async () => {
  const child = await uc.createOrg(t.ctx.db, admin, form({ parentId: String(ids['县水利局']), name: '水利局办公室', kind: 'office', orgCode: demoUscc(505) }));
  assert.ok(child.ok);
  if (!child.ok) return;
  admin = await caller('admin');
  const self = await uc.updateOrg(t.ctx.db, admin, ids['县水利局'], form({ parentId: String(ids['县水利局']) }));
  assert.ok(!self.ok && /循环/.test(self.fields!.parentId));
  const cycle = await uc.updateOrg(t.ctx.db, admin, ids['县水利局'], form({ parentId: String(child.id) }));
  assert.ok(!cycle.ok && /循环/.test(cycle.fields!.parentId));
  const govParent = await repo.findOrg(t.ctx.db, ids['县政府']);
  const moveGov = await uc.updateOrg(t.ctx.db, admin, ids['县政府'], { ...form(), parentId: String(ids['县水利局']), kind: 'government', name: govParent!.name, orgCode: govParent!.orgCode });
  assert.ok(!moveGov.ok, 'the government cannot move under its own department');
  const outside = await uc.updateOrg(t.ctx.db, admin, ids['县水利局'], form({ parentId: String(ids['测试市']) }));
  assert.ok(!outside.ok && outside.reason === 'forbidden', 'a new top-level government is outside the county grant');
  const subGov = await uc.createOrg(t.ctx.db, admin, form({ kind: 'government', name: '测试街道人民政府', orgCode: demoUscc(507) }));
  assert.ok(subGov.ok, 'a government may sit under a government');
  if (!subGov.ok) return;
  admin = await caller('admin');
  const move = await uc.updateOrg(t.ctx.db, admin, ids['县水利局'], form({ parentId: String(subGov.id) }));
  assert.ok(move.ok, 'moving a department to another government works');
  assert.equal((await repo.subtreeIds(t.ctx.db, subGov.id)).length, 3);
  const back = await uc.updateOrg(t.ctx.db, admin, ids['县水利局'], form());
  assert.ok(back.ok);
});

test('update: duplicate code, unknown id, out-of-scope organisation', async () => {
  const dup = await uc.updateOrg(t.ctx.db, admin, ids['县水利局'], form({ orgCode: demoUscc(2) }));
  assert.ok(!dup.ok && /已被/.test(dup.fields!.orgCode));
  const missing = await uc.updateOrg(t.ctx.db, admin, 99999999, form());
  assert.ok(!missing.ok && missing.reason === 'not_found');
  const narrow = narrowAdmin(ids['县教体局']);
  const out = await uc.updateOrg(t.ctx.db, narrow, ids['县水利局'], form());
  assert.ok(!out.ok && out.reason === 'forbidden');
  const fin = (await repo.findOrg(t.ctx.db, ids['县教体局']))!;
  const moveAway = await uc.updateOrg(t.ctx.db, narrow, ids['县教体局'], { ...form(), name: fin.name, orgCode: fin.orgCode, parentId: String(ids['测试市']) });
  assert.ok(!moveAway.ok && moveAway.reason === 'forbidden', 'moving needs the new parent in scope too');
});

test('deactivate: refused with reasons while users or children are active; reactivate needs an active parent', async () => {
  const edu = await uc.setOrgActive(t.ctx.db, admin, ids['县教体局'], false);
  assert.ok(!edu.ok && edu.reason === 'conflict' && /启用中的用户/.test(edu.message) && /下级机构/.test(edu.message));
  const parent = await uc.setOrgActive(t.ctx.db, admin, ids['县水利局'], false);
  assert.ok(!parent.ok && /1 个启用中的下级机构/.test(parent.message));
  const office = (await repo.listOrgs(t.ctx.db)).find((o) => o.name === '水利局办公室')!;
  assert.ok((await uc.setOrgActive(t.ctx.db, admin, office.id, false)).ok);
  assert.ok((await uc.setOrgActive(t.ctx.db, admin, ids['县水利局'], false)).ok);
  const re = await uc.setOrgActive(t.ctx.db, admin, office.id, true);
  assert.ok(!re.ok && /上级机构已停用/.test(re.message));
  const editInactive = await uc.updateOrg(t.ctx.db, admin, office.id, form({ parentId: String(ids['县水利局']), name: '水利局办公室', kind: 'office', orgCode: demoUscc(505), phone: '0793-5120089' }));
  assert.ok(editInactive.ok, 'an inactive organisation under an inactive parent can still be edited');
  const under = await uc.createOrg(t.ctx.db, admin, form({ parentId: String(ids['县水利局']), name: '新科室', kind: 'office', orgCode: demoUscc(506) }));
  assert.ok(!under.ok && /停用/.test(under.fields!.parentId));
  assert.ok((await uc.setOrgActive(t.ctx.db, admin, ids['县水利局'], true)).ok);
  assert.ok((await uc.setOrgActive(t.ctx.db, admin, office.id, true)).ok);
  const byReader = await uc.setOrgActive(t.ctx.db, gkb, office.id, false);
  assert.ok(!byReader.ok && byReader.reason === 'forbidden');
});

test('tree: subtree ids by recursive query; a scoped reader sees only their part', async () => {
  const sub = await repo.subtreeIds(t.ctx.db, ids['县水利局']);
  assert.equal(sub.length, 2);
  const all = flattenTree(await uc.orgTree(t.ctx.db, admin.user));
  assert.equal(all[0].org.name, '云溪县人民政府');
  assert.ok(all.some((n) => n.org.name === '水利局办公室' && n.depth === 3));
  const narrow = narrowAdmin(ids['县教体局']);
  const mine = flattenTree(await uc.orgTree(t.ctx.db, { ...narrow.user, grants: [{ role: 'disclosure_office', orgId: ids['县教体局'], includeSubtree: false, orgIds: [ids['县教体局']] }] }));
  assert.deepEqual(mine.map((n) => [n.org.shortName, n.depth]), [['县教体局', 1]]);
});

test('the audit chain is intact after all changes', async () => {
  const v = await verifyAudit(t.ctx.db);
  assert.equal(v.ok, true);
});
