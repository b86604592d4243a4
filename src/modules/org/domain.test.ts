import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeOrgCodeCheckChar, computeUsccCheckChar } from '../../platform/validation/codes.ts';
import { buildTree, checkPlacement, deactivationBlocker, diff, flattenTree, parseId, reactivationBlocker, validateOrgForm, type OrgForm } from './domain.ts';

function uscc(body8: string): string {
  const first17 = '11361129' + body8 + computeOrgCodeCheckChar(body8);
  return first17 + computeUsccCheckChar(first17);
}
const GOOD = uscc('15000099');
const base: Partial<OrgForm> = { name: '云溪县水利局', kind: 'department', parentId: '1', regionCode: '361129', orgCode: GOOD };

test('validateOrgForm: valid input is normalised', () => {
  const r = validateOrgForm({ ...base, orgCode: ' ' + GOOD.toLowerCase() + ' ', shortName: '  ', sort: '12', postcode: '334600', phone: '0793-5120000、0793-5120001', email: 'a.b@yx.gov.cn' });
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.value.orgCode, GOOD);
  assert.equal(r.value.shortName, null);
  assert.equal(r.value.sort, 12);
  assert.equal(r.value.parentId, 1);
  assert.equal(r.value.kind, 'department');
});

test('validateOrgForm: each bad field gets a Chinese message', () => {
  const wrongCheck = GOOD.slice(0, 17) + (GOOD[17] === '0' ? '1' : '0');
  const cases: [Partial<OrgForm>, string, RegExp][] = [
    [{ name: '' }, 'name', /机构名称/],
    [{ name: 'x'.repeat(101) }, 'name', /100/],
    [{ kind: 'ministry' }, 'kind', /机构类型/],
    [{ kind: '' }, 'kind', /请选择/],
    [{ parentId: 'abc' }, 'parentId', /上级机构/],
    [{ parentId: '99999999999' }, 'parentId', /上级机构/],
    [{ regionCode: '3611' }, 'regionCode', /6位/],
    [{ regionCode: '991129' }, 'regionCode', /省级/],
    [{ orgCode: wrongCheck }, 'orgCode', /校验码/],
    [{ orgCode: '12345' }, 'orgCode', /长度/],
    [{ postcode: '3346' }, 'postcode', /6 位/],
    [{ phone: 'call me' }, 'phone', /联系电话/],
    [{ fax: '12' }, 'fax', /传真/],
    [{ email: 'not-an-email' }, 'email', /电子邮箱/],
    [{ sort: '-1' }, 'sort', /排序号/],
    [{ sort: '12345' }, 'sort', /排序号/],
  ];
  for (const [patch, field, msg] of cases) {
    const r = validateOrgForm({ ...base, ...patch });
    assert.equal(r.ok, false, JSON.stringify(patch));
    if (!r.ok) {
      assert.match(r.fields[field] ?? '', msg, JSON.stringify(patch));
      assert.deepEqual(Object.keys(r.fields), [field], JSON.stringify(patch));
    }
  }
});

test('a 9-character 组织机构代码 with hyphen is accepted and stored without it', () => {
  const code = '15000099' + computeOrgCodeCheckChar('15000099');
  const r = validateOrgForm({ ...base, orgCode: code.slice(0, 8) + '-' + code[8] });
  assert.ok(r.ok && r.value.orgCode === code);
});

test('parseId accepts only positive integers that fit in int4', () => {
  const cases: [unknown, number | null][] = [['1', 1], ['42', 42], ['0', null], ['-1', null], ['01', null], ['1.5', null], ['abc', null],
    ['99999999999', null], ['2147483647', 2147483647], ['2147483648', null], [undefined, null], [5, null], ['', null]];
  for (const [v, want] of cases) assert.equal(parseId(v), want, String(v));
});

test('checkPlacement: kinds, roots and cycles', () => {
  const gov = { id: 1, kind: 'government', active: true };
  const dept = { id: 2, kind: 'department', active: true };
  const off = { id: 9, kind: 'town', active: false };
  const cases: [Parameters<typeof checkPlacement>[0], string | null][] = [
    [{ kind: 'government', parent: null }, null],
    [{ kind: 'government', parent: gov }, null],
    [{ kind: 'government', parent: dept }, 'parentId'],
    [{ kind: 'department', parent: null }, 'parentId'],
    [{ kind: 'department', parent: gov }, null],
    [{ kind: 'office', parent: dept }, null],
    [{ kind: 'town', parent: off }, 'parentId'],
    [{ kind: 'town', parent: off, parentUnchanged: true }, null],
    [{ kind: 'department', parent: dept, subtreeIds: [2, 3] }, 'parentId'],
    [{ kind: 'department', parent: gov, subtreeIds: [5, 6] }, null],
    [{ kind: 'department', parent: gov, childKinds: ['government'] }, 'kind'],
    [{ kind: 'government', parent: gov, childKinds: ['government', 'department'] }, null],
  ];
  for (const [input, field] of cases) assert.equal(checkPlacement(input)?.field ?? null, field, JSON.stringify(input));
  assert.match(checkPlacement({ kind: 'department', parent: dept, subtreeIds: [2] })!.message, /循环/);
});

test('deactivation and reactivation say why they are refused', () => {
  assert.equal(deactivationBlocker({ activeUsers: 0, activeChildren: 0 }), null);
  assert.match(deactivationBlocker({ activeUsers: 3, activeChildren: 0 })!, /3 个启用中的用户/);
  assert.match(deactivationBlocker({ activeUsers: 0, activeChildren: 2 })!, /2 个启用中的下级机构/);
  assert.equal(reactivationBlocker(null), null);
  assert.match(reactivationBlocker({ id: 1, kind: 'government', active: false })!, /上级机构已停用/);
});

test('buildTree nests by parent, orders siblings, and lifts orgs whose parent is not visible', () => {
  const rows = [
    { id: 1, parentId: null, sort: 0, name: '县政府' },
    { id: 2, parentId: 1, sort: 2, name: '乙局' },
    { id: 3, parentId: 1, sort: 1, name: '甲局' },
    { id: 4, parentId: 3, sort: 0, name: '甲局办公室' },
    { id: 5, parentId: 2, sort: 0, name: '乙局办公室' },
  ];
  const all = flattenTree(buildTree(rows)).map((n) => [n.org.id, n.depth]);
  assert.deepEqual(all, [[1, 1], [3, 2], [4, 3], [2, 2], [5, 3]]);
  const scoped = flattenTree(buildTree(rows, new Set([3, 4, 5]))).map((n) => [n.org.id, n.depth]);
  assert.deepEqual(scoped, [[3, 1], [4, 2], [5, 1]]);
});

test('diff keeps only changed keys', () => {
  assert.deepEqual(diff({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: 'z' }), { before: { b: 'x', c: null }, after: { b: 'y', c: 'z' } });
});
