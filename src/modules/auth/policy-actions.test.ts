// Permissions that mean one thing each: request.approve is split into extension approval, full
// personal data and escalations; every action has a Chinese label; and the role lists the requests
// module uses (handler candidates, escalation targets) are read from the policy table.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { ACTIONS, ACTION_LABELS, ROLE_KEYS, can, isAction, rolesFor, type Principal, type Role } from './policy.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { handlerCandidates, handlersInScope } from '../requests/repo.ts';
import { loadSettings } from '../requests/reminders.ts';
import { mayReveal } from '../requests/pii.ts';

const base = { id: 7, username: 'u', displayName: 'U', orgId: 4, orgName: '县教体局', via: 'session' as const };
const as = (role: Role): Principal => ({ ...base, grants: [{ role, orgId: 4, includeSubtree: false, orgIds: [4] }] });

describe('policy table (pure)', () => {
  test('request.approve is gone; its three meanings are separate actions, granted as before', () => {
    assert.equal(isAction('request.approve'), false);
    for (const a of ['request.extension.approve', 'request.pii.reveal', 'request.escalation.receive'] as const) {
      assert.deepEqual([...rolesFor(a)], ['disclosure_office'], a);
      assert.equal(can(as('disclosure_office'), a, { orgId: 4 }), true);
      for (const r of ROLE_KEYS.filter((x) => x !== 'disclosure_office')) assert.equal(can(as(r), a, { orgId: 4 }), false, `${r} ${a}`);
    }
  });

  test('full personal data: request.pii.reveal, or the case\'s own handler', () => {
    assert.equal(mayReveal(as('disclosure_office'), { orgId: 4, handlerId: null }), true);
    assert.equal(mayReveal(as('clerk'), { orgId: 4, handlerId: null }), false);
    assert.equal(mayReveal(as('clerk'), { orgId: 4, handlerId: base.id }), true);
    assert.equal(mayReveal(as('unit_approver'), { orgId: 4, handlerId: base.id }), false);
    assert.equal(mayReveal(as('disclosure_office'), { orgId: 5, handlerId: null }), false, 'only on the organisations of the grant');
  });

  test('every action has a Chinese label, and only actions do', () => {
    assert.deepEqual(Object.keys(ACTION_LABELS).sort(), Object.keys(ACTIONS).sort());
    for (const [a, l] of Object.entries(ACTION_LABELS)) assert.match(l, /^[\u4e00-\u9fff（）、]+$/u, a);
    assert.equal(rolesFor('request.handle'), ACTIONS['request.handle']);
  });
});

describe('role lists come from the policy table (PostgreSQL)', () => {
  let s: TestServer;
  let orgId: number;
  const userOf = new Map<number, Role>();

  before(async () => {
    s = await startTestServer();
    // A unit of its own with one user per role, so the demo users do not mix in.
    const o = await s.ctx.db.execute<{ id: number }>(sql`insert into org_units (name, kind, region_code, org_code) values ('角色测试单位', 'department', '360000', '555555555') returning id`);
    orgId = Number(o.rows[0]!.id);
    for (const role of ROLE_KEYS) {
      const u = await s.ctx.db.execute<{ id: number }>(sql`insert into users (username, display_name, org_id, password_hash) values (${'rt_' + role}, ${'角色' + role}, ${orgId}, 'x') returning id`);
      const id = Number(u.rows[0]!.id);
      userOf.set(id, role);
      await s.ctx.db.execute(sql`insert into role_grants (user_id, role, org_id) values (${id}, ${role}, ${orgId})`);
    }
  });
  after(() => s.close());

  const rolesOfIds = (ids: readonly number[]) => ids.map((i) => userOf.get(i)).filter(Boolean).sort();

  test('handler candidates and the queue\'s handler filter: the roles holding request.handle', async () => {
    assert.deepEqual(rolesOfIds((await handlerCandidates(s.ctx.db, orgId)).map((u) => u.id)), [...rolesFor('request.handle')].sort());
    assert.deepEqual(rolesOfIds((await handlersInScope(s.ctx.db, [orgId])).map((u) => u.id)), [...rolesFor('request.handle')].sort());
  });

  test('escalations reach the roles holding request.escalation.receive; supervisors hold request.assign', async () => {
    const p = (await loadSettings(s.ctx.db, [orgId])).people.get(orgId)!;
    assert.deepEqual(rolesOfIds(p.office), [...rolesFor('request.escalation.receive')].sort());
    const assign = rolesFor('request.assign').filter((r) => !rolesFor('request.escalation.receive').includes(r));
    assert.deepEqual(rolesOfIds(p.supervisors), [...assign].sort());
  });
});
