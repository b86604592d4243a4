// The module contract holds for every listed module: unique names, every policy action owned by
// exactly one module, navigation only behind actions of its own module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODULES } from './index.ts';
import { ACTIONS } from './auth/policy.ts';

test('module names are unique and every policy action belongs to exactly one module', () => {
  const names = MODULES.map((m) => m.name);
  assert.equal(new Set(names).size, names.length);
  const owner = new Map<string, string>();
  for (const m of MODULES) {
    for (const a of m.actions ?? []) {
      assert.ok(Object.hasOwn(ACTIONS, a), `${m.name} declares ${a}, which policy.ts does not define`);
      assert.ok(!owner.has(a), `${a} is declared by ${owner.get(a)} and ${m.name}`);
      owner.set(a, m.name);
    }
  }
  for (const a of Object.keys(ACTIONS)) assert.ok(owner.has(a), `no module declares ${a}`);
});

test('navigation entries are admin paths behind the module\u2019s own actions, with Chinese labels', () => {
  const hrefs = new Set<string>();
  for (const m of MODULES) {
    for (const n of m.nav ?? []) {
      assert.match(n.href, /^\/admin\//);
      assert.ok(!hrefs.has(n.href), `${n.href} twice`);
      hrefs.add(n.href);
      assert.match(n.label, /^[\u4e00-\u9fff]+$/);
      for (const a of typeof n.action === 'string' ? [n.action] : n.action) assert.ok((m.actions ?? []).includes(a), `${m.name}: ${n.href} needs ${a}`);
    }
  }
});
