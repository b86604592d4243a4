import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, scopeOf, checkPasswordStrength, type Principal } from './policy.ts';

const base = { id: 1, username: 'u', displayName: 'U', orgId: 1, orgName: '县政府', via: 'session' as const };

test('a grant covers its organisation and, with subtree, its descendants only', () => {
  const sys: Principal = { ...base, grants: [{ role: 'sysadmin', orgId: 2, includeSubtree: true, orgIds: [2, 5, 6] }] };
  assert.equal(can(sys, 'org.manage', { orgId: 5 }), true);
  assert.equal(can(sys, 'org.manage', { orgId: 3 }), false);
  assert.equal(can(sys, 'org.manage'), true);
  assert.equal(can(sys, 'audit.read', { orgId: 2 }), true);
});

test('roles without the action are refused, and nobody is allowed without a principal', () => {
  const clerk: Principal = { ...base, grants: [{ role: 'clerk', orgId: 4, includeSubtree: false, orgIds: [4] }] };
  assert.equal(can(clerk, 'user.manage', { orgId: 4 }), false);
  assert.equal(can(clerk, 'admin.access'), true);
  assert.equal(can(null, 'admin.access'), false);
  assert.deepEqual([...scopeOf(clerk, 'portal.manage')], [4]);
  assert.deepEqual([...scopeOf(clerk, 'org.manage')], []);
});

test('password rules', () => {
  const cases: [string, string, boolean][] = [
    ['short1A!', 'zhang', false],
    ['alllowercaseletters', 'zhang', false],
    ['Abcdefgh12', 'zhang', true],
    ['Zhang-2026-xyz', 'zhang', false],
    ['Password123!', 'li', false],
    ['Aaaa1111bbbb!', 'li', false],
    ['Gk!7tq-9Lmz', 'li', true],
  ];
  for (const [pw, user, ok] of cases) assert.equal(checkPasswordStrength(pw, user) === null, ok, pw);
});

test('inherited object keys are neither roles nor actions', async () => {
  const { isRole, isAction } = await import('./policy.ts');
  assert.equal(isRole('toString'), false);
  assert.equal(isAction('constructor'), false);
  assert.equal(isRole('clerk'), true);
});
