import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPasswordStrength } from './policy.ts';
import {
  activationBlocker, checkUsername, generateTemporaryPassword, grantBlocker, sysadminRemovalBlocker, validateGrantForm, validateUserForm,
} from './users-domain.ts';

test('user names: 3–32 of [a-z0-9_.-], compared in lower case', () => {
  const cases: [string, boolean][] = [
    ['abc', true], ['zhang.san', true], ['li_si-2', true], ['Zhang.San', true], ['  wang  ', true],
    ['ab', false], ['a'.repeat(33), false], ['a'.repeat(32), true], ['张三', false], ['a b', false], ['a@b', false], ['', false],
  ];
  for (const [u, ok] of cases) assert.equal(checkUsername(u) === null, ok, u);
  assert.match(checkUsername('ab')!, /3 至 32/);
  assert.match(checkUsername('张三丰')!, /小写英文字母/);
});

test('validateUserForm: normalises and reports every bad field in Chinese', () => {
  const ok = validateUserForm({ username: ' Zhang.San ', displayName: ' 张三 ', orgId: '3', email: '', phone: '13812345678' }, true);
  assert.deepEqual(ok, { ok: true, value: { username: 'zhang.san', displayName: '张三', orgId: 3, email: null, phone: '13812345678' } });
  const bad = validateUserForm({ username: 'x', displayName: '', orgId: 'abc', email: 'nope', phone: 'call me' }, true);
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.deepEqual(Object.keys(bad.fields).sort(), ['displayName', 'email', 'orgId', 'phone', 'username']);
  const edit = validateUserForm({ displayName: '李四', orgId: '2' }, false);
  assert.equal(edit.ok, true, 'no user name needed when editing');
  const long = validateUserForm({ displayName: '名'.repeat(51), orgId: '2' }, false);
  assert.ok(!long.ok && /50/.test(long.fields.displayName));
});

test('validateGrantForm', () => {
  assert.deepEqual(validateGrantForm({ role: 'clerk', orgId: '4', includeSubtree: '1' }), { ok: true, value: { role: 'clerk', orgId: 4, includeSubtree: true } });
  assert.deepEqual(validateGrantForm({ role: 'clerk', orgId: '4' }), { ok: true, value: { role: 'clerk', orgId: 4, includeSubtree: false } });
  const bad = validateGrantForm({ role: 'emperor', orgId: '0' });
  assert.ok(!bad.ok && bad.fields.role && bad.fields.grantOrgId);
  const proto = validateGrantForm({ role: 'toString', orgId: '1' });
  assert.ok(!proto.ok && proto.fields.role, 'inherited property names are not roles');
});

test('grantBlocker: inside the granter scope, and subtree only when the whole subtree is covered', () => {
  const scope = new Set([4, 5, 6]);
  const cases: [number, boolean, number[], boolean][] = [
    [4, false, [], true],
    [4, true, [4, 5, 6], true],
    [4, true, [4, 5, 6, 7], false],
    [7, false, [], false],
  ];
  for (const [orgId, includeSubtree, subtreeIds, ok] of cases) {
    assert.equal(grantBlocker({ granterScope: scope, orgId, includeSubtree, subtreeIds }) === null, ok, `${orgId} ${includeSubtree}`);
  }
});

test('sysadminRemovalBlocker: own last sysadmin grant, and the last sysadmin of the system', () => {
  const base = { role: 'sysadmin', actorId: 1, targetUserId: 2, targetSysadminGrants: 1, activeSysadminUsers: 2, targetActive: true };
  assert.equal(sysadminRemovalBlocker(base), null);
  assert.match(sysadminRemovalBlocker({ ...base, targetUserId: 1 })!, /本人唯一/);
  assert.equal(sysadminRemovalBlocker({ ...base, targetUserId: 1, targetSysadminGrants: 2 }), null, 'another sysadmin grant remains');
  assert.match(sysadminRemovalBlocker({ ...base, activeSysadminUsers: 1 })!, /至少应保留/);
  assert.equal(sysadminRemovalBlocker({ ...base, activeSysadminUsers: 1, targetActive: false }), null, 'an inactive holder does not count');
  assert.equal(sysadminRemovalBlocker({ ...base, role: 'clerk', targetUserId: 1, activeSysadminUsers: 1 }), null);
});

test('activationBlocker', () => {
  assert.match(activationBlocker({ actorId: 1, targetUserId: 1, active: false, orgActive: true })!, /本人/);
  assert.equal(activationBlocker({ actorId: 1, targetUserId: 2, active: false, orgActive: true }), null);
  assert.match(activationBlocker({ actorId: 1, targetUserId: 2, active: true, orgActive: false })!, /机构已停用/);
});

test('temporary passwords pass the password rules, even for awkward user names, and differ', () => {
  const seen = new Set<string>();
  for (const u of ['abc', 'admin', 'kq7m', 'tmp', 'x.y']) {
    for (let i = 0; i < 50; i++) {
      const pw = generateTemporaryPassword(u);
      assert.equal(checkPasswordStrength(pw, u), null, pw);
      assert.match(pw, /^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      assert.doesNotMatch(pw, /[01OIl]/);
      seen.add(pw);
    }
  }
  assert.equal(seen.size, 250);
  // A fixed random source that first yields a password containing the user name: the generator retries.
  let n = 0;
  const seq = (k: number) => (n++ < 16 ? 0 : (n * 7) % k);
  const pw = generateTemporaryPassword('aaa', seq);
  assert.equal(checkPasswordStrength(pw, 'aaa'), null);
});
