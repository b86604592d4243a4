import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal, Role } from '../auth/policy.ts';
import {
  checkSteps, decide, decideCancel, decideStart, DEFAULT_CATALOG_STEPS, mayActOnStep, parseSteps, rowsFor,
  separateActors, validateChainForm, withSeparation, STALE_MESSAGE, type ChainForm, type InstanceState, type StepDef, type StepRow,
} from './domain.ts';

// A tiny tree: 1 county government → 2 education bureau, 3 finance bureau.
const GOV = 1, EDU = 2, FIN = 3;
function who(id: number, grants: [Role, number, boolean][]): Principal {
  return {
    id, username: `u${id}`, displayName: `用户${id}`, orgId: grants[0]?.[1] ?? GOV, orgName: '', via: 'session',
    grants: grants.map(([role, orgId, sub]) => ({ role, orgId, includeSubtree: sub, orgIds: sub && orgId === GOV ? [GOV, EDU, FIN] : [orgId] })),
  };
}
const cbr = who(1, [['clerk', EDU, false]]);
const shr = who(2, [['dept_reviewer', EDU, false]]);
const bmsc = who(3, [['secrecy_reviewer', GOV, true]]);
const sfr = who(4, [['unit_approver', EDU, false]]);
const gkb = who(5, [['disclosure_office', GOV, true]]);
const finShr = who(6, [['dept_reviewer', FIN, false]]);
const both = who(7, [['dept_reviewer', EDU, false], ['unit_approver', EDU, false], ['clerk', EDU, false]]);
const countyShr = who(8, [['dept_reviewer', GOV, true]]);
const now = new Date('2027-03-01T08:00:00Z');

const inst = (p: Partial<InstanceState> = {}): InstanceState => ({
  status: 'in_progress', currentStep: 1, steps: DEFAULT_CATALOG_STEPS, subjectOrgId: EDU, lastActorId: cbr.id, startedBy: cbr.id, ...p,
});

test('scopes: own_org needs a grant anchored on the subject org; ancestor a subtree grant above it; grant_scope either', () => {
  const step = (scope: StepDef['scope'], role: Role = 'dept_reviewer'): StepDef => ({ key: 'k', name: '审核', role, scope });
  const rows: [StepDef, Principal, number, boolean][] = [
    [step('own_org'), shr, EDU, true],
    [step('own_org'), finShr, EDU, false],
    [step('own_org'), countyShr, EDU, false],
    [step('own_org'), countyShr, GOV, true],
    [step('ancestor'), countyShr, EDU, true],
    [step('ancestor'), countyShr, GOV, false],
    [step('ancestor'), shr, EDU, false],
    [step('grant_scope'), countyShr, EDU, true],
    [step('grant_scope'), shr, EDU, true],
    [step('grant_scope'), finShr, EDU, false],
    [step('grant_scope', 'secrecy_reviewer'), bmsc, FIN, true],
    [step('grant_scope', 'secrecy_reviewer'), shr, EDU, false],
    [step('own_org', 'clerk'), gkb, EDU, false],
  ];
  for (const [s, p, org, expect] of rows) assert.equal(mayActOnStep(s, p, org), expect, `${p.username} ${s.scope} ${s.role} on ${org}`);
});

test('start: the drafter performs step 0; others cannot; a one-step chain is approved at once', () => {
  const ok = decideStart(DEFAULT_CATALOG_STEPS, cbr, EDU, '', now);
  assert.ok(ok.ok);
  assert.deepEqual(ok.next, { currentStep: 1, status: 'in_progress', finished: false });
  assert.equal(ok.action.conclusion, 'submit');
  assert.equal(ok.action.opinion, null);
  assert.equal(ok.action.actorName, '用户1');
  const no = decideStart(DEFAULT_CATALOG_STEPS, shr, EDU, '', now);
  assert.equal(no.ok, false);
  assert.equal(!no.ok && no.reason, 'not_eligible');
  assert.match(!no.ok ? no.message : '', /承办人提交/);
  assert.equal(decideStart(DEFAULT_CATALOG_STEPS, cbr, FIN, '', now).ok, false, 'clerk of another org');
  const one = decideStart([DEFAULT_CATALOG_STEPS[0]], cbr, EDU, '', now);
  assert.ok(one.ok && one.next.status === 'approved' && one.next.finished);
  const empty = decideStart([], cbr, EDU, '', now);
  assert.equal(!empty.ok && empty.reason, 'no_steps');
});

test('decide: who may act at each step of the default chain', () => {
  const table: [number, Principal, boolean][] = [
    [1, shr, true], [1, bmsc, false], [1, sfr, false], [1, finShr, false], [1, gkb, false], [1, countyShr, false],
    [2, bmsc, true], [2, shr, false], [2, sfr, false],
    [3, sfr, true], [3, shr, false], [3, bmsc, false],
  ];
  for (const [stepIdx, p, expect] of table) {
    const d = decide(inst({ currentStep: stepIdx, lastActorId: 99 }), p, 'pass', '', now);
    assert.equal(d.ok, expect, `${p.username} at step ${stepIdx}`);
    if (!d.ok) assert.equal(d.reason, 'not_eligible');
  }
});

test('decide: pass advances, the last pass approves, return and refuse end the instance', () => {
  const p1 = decide(inst(), shr, 'pass', '  同意  ', now);
  assert.ok(p1.ok);
  assert.deepEqual(p1.next, { currentStep: 2, status: 'in_progress', finished: false });
  assert.deepEqual(p1.action, { stepIndex: 1, stepKey: 'dept_review', stepName: '承办部门审核', conclusion: 'pass', opinion: '同意', actorId: 2, actorName: '用户2', actedAt: now });
  const last = decide(inst({ currentStep: 3, lastActorId: bmsc.id }), sfr, 'pass', undefined, now);
  assert.ok(last.ok);
  assert.deepEqual(last.next, { currentStep: 3, status: 'approved', finished: true });
  const ret = decide(inst(), shr, 'return', '请补充附件', now);
  assert.ok(ret.ok);
  assert.deepEqual(ret.next, { currentStep: 1, status: 'returned', finished: true });
  const ref = decide(inst({ currentStep: 2 }), bmsc, 'refuse', '涉及国家秘密', now);
  assert.ok(ref.ok);
  assert.deepEqual(ref.next, { currentStep: 2, status: 'refused', finished: true });
  assert.equal(ref.step.kind, 'secrecy');
});

test('decide: return and refuse need an opinion; opinions are bounded; conclusions are checked', () => {
  const cases: [unknown, string | undefined, string | false][] = [
    ['return', '', 'opinion_required'],
    ['return', '   ', 'opinion_required'],
    ['refuse', undefined, 'opinion_required'],
    ['pass', '', false],
    ['pass', 'x'.repeat(2001), 'opinion_too_long'],
    ['return', 'x'.repeat(2000), false],
    ['approve', 'ok', 'bad_conclusion'],
    [undefined, 'ok', 'bad_conclusion'],
    [['pass'], 'ok', 'bad_conclusion'],
  ];
  for (const [c, op, reason] of cases) {
    const d = decide(inst(), shr, c, op, now);
    assert.equal(d.ok ? false : d.reason, reason, `${String(c)} / ${op?.length}`);
    if (!d.ok && reason !== 'bad_conclusion') assert.ok(d.fields?.opinion, 'field error on opinion');
  }
});

test('decide: nobody passes two consecutive steps unless the step allows it', () => {
  const d = decide(inst({ currentStep: 1, lastActorId: both.id }), both, 'pass', '', now);
  assert.equal(!d.ok && d.reason, 'same_actor');
  assert.match(!d.ok ? d.message : '', /承办人提交/);
  const relaxed = withSeparation(DEFAULT_CATALOG_STEPS, false);
  assert.equal(separateActors(relaxed), false);
  assert.equal(separateActors(DEFAULT_CATALOG_STEPS), true);
  assert.ok(decide(inst({ steps: relaxed, lastActorId: both.id }), both, 'pass', '', now).ok);
  // Non-consecutive steps may be the same person (审核 at 1, 审发 at 3 with 保密审查 between).
  assert.ok(decide(inst({ currentStep: 3, lastActorId: bmsc.id }), both, 'pass', '', now).ok);
});

test('decide: a closed or moved-on instance is refused with a stale message when the form named a step', () => {
  for (const status of ['approved', 'returned', 'refused', 'cancelled']) {
    const d = decide(inst({ status }), shr, 'pass', '', now);
    assert.equal(!d.ok && d.reason, 'closed', status);
    const s = decide(inst({ status }), shr, 'pass', '', now, { expectedStep: 1 });
    assert.equal(!s.ok && s.message, STALE_MESSAGE);
  }
  const moved = decide(inst({ currentStep: 2 }), shr, 'pass', '', now, { expectedStep: 1 });
  assert.equal(!moved.ok && moved.reason, 'stale');
  assert.ok(decide(inst(), shr, 'pass', '', now, { expectedStep: 1 }).ok);
});

test('cancel: the starter or a review administrator, while open', () => {
  assert.ok(decideCancel(inst(), cbr).ok);
  assert.ok(decideCancel(inst(), gkb).ok);
  assert.equal(decideCancel(inst(), shr).ok, false);
  const closed = decideCancel(inst({ status: 'approved' }), cbr);
  assert.equal(!closed.ok && closed.reason, 'closed');
});

test('stored steps are read defensively and checked', () => {
  assert.deepEqual(parseSteps(JSON.parse(JSON.stringify(DEFAULT_CATALOG_STEPS))), DEFAULT_CATALOG_STEPS);
  for (const bad of [null, {}, [], [{ key: 'a' }], [{ key: 'a', name: 'b', role: 'king', scope: 'own_org' }], [{ key: 'a', name: 'b', role: 'clerk', scope: 'world' }], ['x']]) {
    assert.equal(parseSteps(bad), null, JSON.stringify(bad));
  }
  assert.equal(checkSteps(DEFAULT_CATALOG_STEPS), null);
  assert.match(checkSteps([]) ?? '', /至少/);
  assert.match(checkSteps([...DEFAULT_CATALOG_STEPS, DEFAULT_CATALOG_STEPS[0]]) ?? '', /重复/);
  assert.match(checkSteps(Array.from({ length: 11 }, (_, i) => ({ ...DEFAULT_CATALOG_STEPS[0], key: `s${i}` }))) ?? '', /最多 10/);
  assert.match(checkSteps([{ ...DEFAULT_CATALOG_STEPS[0], name: '一'.repeat(21) }]) ?? '', /1 至 20/);
});

const row = (p: Partial<StepRow> = {}): StepRow => ({ order: '', key: '', name: '', role: '', scope: 'own_org', kind: '', del: false, ...p });
const form = (p: Partial<ChainForm> = {}): ChainForm => ({
  name: '教体局审核流程', subjectType: 'catalog_record', recordKind: '', orgId: '2', separateActors: true,
  rows: [row({ name: '承办人提交', role: 'clerk' }), row({ name: '分管领导审核', role: 'unit_approver' }), row(), row()], ...p,
});

test('chain form: valid input, blank rows dropped, codes generated, order by number, deletion', () => {
  const v = validateChainForm(form());
  assert.ok(v.ok);
  assert.deepEqual(v.value, {
    name: '教体局审核流程', subjectType: 'catalog_record', recordKind: null, orgId: 2,
    steps: [{ key: 'step1', name: '承办人提交', role: 'clerk', scope: 'own_org' }, { key: 'step2', name: '分管领导审核', role: 'unit_approver', scope: 'own_org' }],
  });
  const reordered = validateChainForm(form({
    orgId: '', recordKind: 'normative', separateActors: false,
    rows: [row({ order: '2', key: 'b', name: '乙', role: 'clerk' }), row({ order: '1', key: 'a', name: '甲', role: 'clerk' }),
      row({ name: '丙', role: 'clerk', del: true }), row({ order: '3', name: '保密', role: 'secrecy_reviewer', scope: 'grant_scope', kind: 'secrecy', key: 'step1' })],
  }));
  assert.ok(reordered.ok);
  assert.equal(reordered.value.orgId, null);
  assert.equal(reordered.value.recordKind, 'normative');
  assert.deepEqual(reordered.value.steps.map((s) => s.key), ['a', 'b', 'step1']);
  assert.deepEqual(reordered.value.steps.map((s) => !!s.allowSameActor), [false, true, true]);
  assert.equal(reordered.value.steps[2].kind, 'secrecy');
  const again = rowsFor(reordered.value.steps);
  assert.equal(again.length, 6);
  assert.deepEqual(again[0], { order: '1', key: 'a', name: '甲', role: 'clerk', scope: 'own_org', kind: '', del: false });
});

test('chain form: every mistake is reported on its field in Chinese', () => {
  const cases: [Partial<ChainForm>, string, RegExp][] = [
    [{ name: '' }, 'name', /请填写流程名称/],
    [{ name: '名'.repeat(31) }, 'name', /30 个字/],
    [{ subjectType: 'pizza' }, 'subjectType', /适用事项/],
    [{ recordKind: 'pizza' }, 'recordKind', /信息类型无效/],
    [{ subjectType: 'press_event', recordKind: 'normative' }, 'recordKind', /信息类型无效/],
    [{ orgId: 'abc' }, 'orgId', /适用单位无效/],
    [{ orgId: '99999999999' }, 'orgId', /适用单位无效/],
    [{ rows: [row(), row()] }, 'steps', /至少需要 1 个步骤/],
    [{ rows: [row({ name: 'a', role: 'clerk', del: true })] }, 'steps', /至少需要 1 个步骤/],
    [{ rows: Array.from({ length: 11 }, () => row({ name: '审核', role: 'clerk' })) }, 'steps', /最多 10 个步骤/],
    [{ rows: [row({ name: '一'.repeat(21), role: 'clerk' })] }, 's0_name', /第 1 行：步骤名称不能超过 20 个字/],
    [{ rows: [row({ key: 'x', role: 'clerk' })] }, 's0_name', /请填写步骤名称/],
    [{ rows: [row({ name: '甲', role: 'king' })] }, 's0_role', /请选择办理角色/],
    [{ rows: [row({ name: '甲', role: 'clerk', scope: 'world' })] }, 's0_scope', /办理范围/],
    [{ rows: [row({ name: '甲', role: 'clerk', kind: 'magic' })] }, 's0_kind', /步骤类别无效/],
    [{ rows: [row({ name: '甲', role: 'clerk', key: 'Bad Key' })] }, 's0_key', /小写英文字母/],
    [{ rows: [row({ name: '甲', role: 'clerk', key: 'a' }), row({ name: '乙', role: 'clerk', key: 'a' })] }, 's1_key', /第 2 行：步骤代码“a”与其他步骤重复/],
    [{ rows: [row({ name: '甲', role: 'clerk', order: 'x' })] }, 's0_order', /0 至 99/],
  ];
  for (const [patch, field, re] of cases) {
    const v = validateChainForm(form(patch));
    assert.equal(v.ok, false, field);
    if (!v.ok) assert.match(v.fields[field] ?? '', re, `${field}: ${JSON.stringify(v.fields)}`);
  }
});
