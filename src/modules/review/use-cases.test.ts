// The review-chain engine on real PostgreSQL with the demo county: chain resolution, a full pass
// through the default chain, refusals, separation of actors, concurrency, queue, audit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { findUserByUsername, toPrincipal } from '../auth/repo.ts';
import type { Principal, Role } from '../auth/policy.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { withTx } from '../../platform/db/index.ts';
import * as repo from './repo.ts';
import * as uc from './use-cases.ts';
import { DEFAULT_CATALOG_STEPS, DEFAULT_OPINION_RESPONSE_STEPS, DEFAULT_PRESS_DEPARTMENT_STEPS, DEFAULT_PRESS_GOVERNMENT_STEPS, DEFAULT_REQUEST_REPLY_STEPS, rowsFor, type ChainForm } from './domain.ts';

let t: TestDb;
const org: Record<string, number> = {};
const p: Record<string, Principal> = {};
let nextSubject = 1000;

async function principal(username: string): Promise<Principal> {
  const u = await findUserByUsername(t.ctx.db, username);
  return toPrincipal(t.ctx.db, u!, 'session');
}

async function addUser(username: string, name: string, orgKey: string, roles: Role[]): Promise<Principal> {
  const r = await t.ctx.db.execute<{ id: number }>(sql`insert into users (username, display_name, org_id, password_hash)
    values (${username}, ${name}, ${org[orgKey]}, 'x') returning id`);
  for (const role of roles) await t.ctx.db.execute(sql`insert into role_grants (user_id, role, org_id, include_subtree) values (${r.rows[0].id}, ${role}, ${org[orgKey]}, false)`);
  return principal(username);
}

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  const r = await t.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = o.id;
  for (const u of ['gkb', 'bmsc', 'cbr', 'shr', 'sfr', 'admin']) p[u] = await principal(u);
  p.shr2 = await addUser('shr2', '钱审二', '县教体局', ['dept_reviewer']);
  p.sfr2 = await addUser('sfr2', '吴审发', '县教体局', ['unit_approver']);
  p.multi = await addUser('multi', '郑多岗', '县教体局', ['clerk', 'dept_reviewer', 'unit_approver']);
  p.fincbr = await addUser('fincbr', '王财政', '县财政局', ['clerk']);
});
after(() => t.drop());

const caller = (u: string): uc.Caller => ({ user: p[u], ip: '127.0.0.1' });
const subject = (orgKey = '县教体局', recordKind: string | null = null): uc.SubjectRef =>
  ({ subjectType: 'catalog_record', subjectId: nextSubject++, subjectOrgId: org[orgKey], recordKind });
const start = (s: uc.SubjectRef, who: string) => withTx(t.ctx.db, (tx) => uc.startReview(tx, s, p[who], { ip: '127.0.0.1' }));
const act = (id: number, who: string, c: string, opinion = '', expectedStep?: number) =>
  withTx(t.ctx.db, (tx) => uc.act(tx, id, p[who], c, opinion, { expectedStep, ip: '127.0.0.1' }));

function chainForm(p: Partial<ChainForm> = {}): ChainForm {
  return {
    name: '测试流程', subjectType: 'catalog_record', recordKind: '', orgId: '', separateActors: true,
    rows: rowsFor([{ key: 'submit', name: '承办人提交', role: 'clerk', scope: 'own_org' }, { key: 'approve', name: '单位审发', role: 'unit_approver', scope: 'own_org' }]),
    ...p,
  };
}

test('ensureDefaultChains creates each built-in default once; they resolve for every organisation', async () => {
  const created = await uc.ensureDefaultChains(t.ctx.db);
  assert.equal(created.length, 5, 'catalogue records, replies to applications, responses to public opinion, press events (department, and in the government\'s name)');
  assert.deepEqual(await uc.ensureDefaultChains(t.ctx.db), [], 'idempotent');
  const n = await t.ctx.db.execute(sql`select 1 from review_chains`);
  assert.equal(n.rows.length, 5);
  for (const k of ['县教体局', '青石镇', '县政府']) {
    const c = await uc.findChain(t.ctx.db, { subjectType: 'catalog_record', orgId: org[k] });
    assert.equal(c?.id, created[0], k);
    assert.deepEqual(c?.steps, DEFAULT_CATALOG_STEPS);
    const r = await uc.findChain(t.ctx.db, { subjectType: 'request_reply', orgId: org[k] });
    assert.equal(r?.id, created[1], k);
    assert.deepEqual(r?.steps, DEFAULT_REQUEST_REPLY_STEPS);
    const o = await uc.findChain(t.ctx.db, { subjectType: 'opinion_response', orgId: org[k] });
    assert.equal(o?.id, created[2], k);
    assert.deepEqual(o?.steps, DEFAULT_OPINION_RESPONSE_STEPS);
  }
  const dept = await uc.findChain(t.ctx.db, { subjectType: 'press_event', recordKind: 'department', orgId: org['县教体局'] });
  assert.deepEqual([dept?.id, dept?.steps], [created[3], DEFAULT_PRESS_DEPARTMENT_STEPS], 'a department event: the default press chain');
  const gov = await uc.findChain(t.ctx.db, { subjectType: 'press_event', recordKind: 'government', orgId: org['县教体局'] });
  assert.deepEqual([gov?.id, gov?.steps], [created[4], DEFAULT_PRESS_GOVERNMENT_STEPS], 'in the government\'s name: its own kind chain');
});

test('resolution: org+kind > org > nearest ancestor > default+kind > default; deactivated chains drop out', async () => {
  const def = (await uc.findChain(t.ctx.db, { subjectType: 'catalog_record', orgId: org['县教体局'] }))!.id;
  const mk = async (f: Partial<ChainForm>) => {
    const r = await uc.createChain(t.ctx.db, caller('gkb'), chainForm(f));
    assert.ok(r.ok, JSON.stringify(r));
    return r.id;
  };
  const defNormative = await mk({ name: '规范性文件默认', recordKind: 'normative' });
  const gov = await mk({ name: '县政府流程', orgId: String(org['县政府']) });
  const edu = await mk({ name: '教体局流程', orgId: String(org['县教体局']) });
  const eduNormative = await mk({ name: '教体局规范性文件', orgId: String(org['县教体局']), recordKind: 'normative' });
  const find = async (k: string, kind: string | null = null) => (await uc.findChain(t.ctx.db, { subjectType: 'catalog_record', orgId: org[k], recordKind: kind }))!.id;
  assert.equal(await find('县教体局', 'normative'), eduNormative);
  assert.equal(await find('县教体局'), edu);
  assert.equal(await find('县教体局', 'other'), edu);
  assert.equal(await find('青石镇'), gov, 'a town inherits its government’s chain');
  assert.equal(await find('青石镇', 'normative'), gov, 'the nearest ancestor wins over a default for the kind');
  assert.equal(await find('县政府'), gov);

  const dup = await uc.createChain(t.ctx.db, caller('gkb'), chainForm({ name: '重复', orgId: String(org['县教体局']) }));
  assert.equal(!dup.ok && dup.fields?.orgId, '该单位已有适用于此类事项的审核流程，请编辑现有流程');

  for (const id of [eduNormative, edu, gov]) assert.ok((await uc.deactivateChain(t.ctx.db, caller('gkb'), id)).ok);
  assert.equal(await find('县教体局', 'normative'), defNormative);
  assert.equal(await find('县教体局'), def);
  assert.ok((await uc.deactivateChain(t.ctx.db, caller('gkb'), defNormative)).ok);
  const keep = await uc.deactivateChain(t.ctx.db, caller('gkb'), def!);
  assert.equal(!keep.ok && keep.reason, 'conflict', 'the default for all units stays');
  assert.equal(await find('县教体局', 'normative'), def);

  // Scope: a clerk may not configure; the 全部单位 default needs a grant over every top-level unit.
  assert.equal((await uc.createChain(t.ctx.db, caller('cbr'), chainForm({ orgId: String(org['县教体局']) }))).ok, false);
  const bad = await uc.createChain(t.ctx.db, caller('gkb'), chainForm({ orgId: '99999999' }));
  assert.match(!bad.ok ? bad.fields?.orgId ?? '' : '', /不存在/);
});

test('a full pass through the default chain: cbr submits, shr, bmsc, sfr → approved; history in order', async () => {
  const s = subject();
  const st = await start(s, 'cbr');
  assert.ok(st.ok, JSON.stringify(st));
  assert.equal(st.instance.status, 'in_progress');
  assert.equal(st.instance.currentStep, 1);
  assert.deepEqual(st.instance.steps, DEFAULT_CATALOG_STEPS);
  const id = st.instance.id;

  const again = await start(s, 'cbr');
  assert.equal(!again.ok && again.reason, 'conflict', 'one open instance per subject');

  const a1 = await act(id, 'shr', 'pass', '同意公开', 1);
  assert.ok(a1.ok && a1.instance.currentStep === 2 && !a1.finished);
  const a2 = await act(id, 'bmsc', 'pass', '经审查不涉密', 2);
  assert.ok(a2.ok && a2.step.kind === 'secrecy');
  const a3 = await act(id, 'sfr', 'pass', '', 3);
  assert.ok(a3.ok);
  assert.equal(a3.finished, true);
  assert.equal(a3.instance.status, 'approved');
  assert.ok(a3.instance.finishedAt instanceof Date);

  const h = await uc.history(t.ctx.db, id);
  assert.deepEqual(h.map((x) => [x.stepName, x.actorName, x.conclusion, x.opinion]), [
    ['承办人提交', '李思远', 'submit', null],
    ['承办部门审核', '赵雅琴', 'pass', '同意公开'],
    ['保密审查', '程守一', 'pass', '经审查不涉密'],
    ['单位审发', '孙振华', 'pass', null],
  ]);
  assert.ok(h.every((x) => x.actedAt instanceof Date && !Number.isNaN(x.actedAt.getTime())));
  const after = await act(id, 'sfr', 'pass');
  assert.equal(!after.ok && after.reason, 'closed');
  assert.equal((await uc.latestInstance(t.ctx.db, 'catalog_record', s.subjectId))?.id, id);
});

test('the wrong person is refused at every step, with nothing written', async () => {
  const st = await start(subject(), 'cbr');
  assert.ok(st.ok);
  const id = st.instance.id;
  const wrong: [number, string[], string][] = [
    [1, ['cbr', 'bmsc', 'sfr', 'gkb', 'admin', 'fincbr'], 'shr'],
    [2, ['shr', 'sfr', 'cbr', 'gkb'], 'bmsc'],
    [3, ['shr', 'bmsc', 'cbr', 'gkb'], 'sfr'],
  ];
  for (const [step, people, right] of wrong) {
    for (const who of people) {
      const r = await act(id, who, 'pass', '', step);
      assert.equal(!r.ok && r.reason, 'not_eligible', `${who} at step ${step}`);
      assert.match(!r.ok ? r.message : '', /不是“.+”步骤的办理人/);
    }
    assert.ok((await act(id, right, 'pass', '', step)).ok, `${right} at step ${step}`);
  }
  assert.equal((await uc.history(t.ctx.db, id)).length, 4);
  // Starting: only a clerk of the subject's own organisation.
  for (const who of ['shr', 'gkb', 'fincbr']) {
    const r = await start(subject(), who);
    assert.equal(!r.ok && r.reason, 'not_eligible', who);
  }
});

test('return and refuse need an opinion; a returned subject is resubmitted as a new instance', async () => {
  const s = subject();
  const st = await start(s, 'cbr');
  assert.ok(st.ok);
  const id = st.instance.id;
  const noOp = await act(id, 'shr', 'return', '  ', 1);
  assert.equal(!noOp.ok && noOp.reason, 'opinion_required');
  assert.ok(!noOp.ok && noOp.fields?.opinion);
  const ret = await act(id, 'shr', 'return', '请补充政策依据', 1);
  assert.ok(ret.ok && ret.instance.status === 'returned' && ret.finished);

  const st2 = await start(s, 'cbr');
  assert.ok(st2.ok);
  assert.notEqual(st2.instance.id, id);
  assert.ok((await act(st2.instance.id, 'shr', 'pass', '', 1)).ok);
  const noReason = await act(st2.instance.id, 'bmsc', 'refuse', '', 2);
  assert.equal(!noReason.ok && noReason.reason, 'opinion_required');
  const ref = await act(st2.instance.id, 'bmsc', 'refuse', '涉及工作秘密（第八条）', 2);
  assert.ok(ref.ok && ref.instance.status === 'refused');
  const bad = await act(st2.instance.id, 'sfr', 'approve', '', 3);
  assert.equal(!bad.ok && bad.reason, 'bad_conclusion');
  assert.equal((await act(999999, 'shr', 'pass')).ok, false);
});

test('nobody passes two consecutive steps of one instance', async () => {
  // multi is clerk, dept reviewer and unit approver of 县教体局.
  const st = await start(subject(), 'multi');
  assert.ok(st.ok);
  const id = st.instance.id;
  const same = await act(id, 'multi', 'pass', '', 1);
  assert.equal(!same.ok && same.reason, 'same_actor');
  assert.match(!same.ok ? same.message : '', /上一步骤“承办人提交”/);
  assert.ok((await act(id, 'shr', 'pass', '', 1)).ok);
  assert.ok((await act(id, 'bmsc', 'pass', '', 2)).ok);
  // Not consecutive with the submit step: allowed.
  const last = await act(id, 'multi', 'pass', '', 3);
  assert.ok(last.ok && last.instance.status === 'approved');
});

test('concurrency: two reviewers acting at once on the same step — exactly one succeeds', async () => {
  for (const [step, a, b, pre] of [[1, 'shr', 'shr2', []], [3, 'sfr', 'sfr2', ['shr', 'bmsc']]] as const) {
    const st = await start(subject(), 'cbr');
    assert.ok(st.ok);
    const id = st.instance.id;
    for (const [i, who] of pre.entries()) assert.ok((await act(id, who, 'pass', '', i + 1)).ok);
    const results = await Promise.all([act(id, a, 'pass', '同意', step), act(id, b, 'return', '请修改', step)]);
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    assert.equal(ok.length, 1, JSON.stringify(results.map((r) => r.ok || r.reason)));
    assert.equal(refused.length, 1);
    assert.equal(!refused[0].ok && refused[0].reason, 'stale');
    assert.equal(!refused[0].ok && refused[0].message, '该事项已由他人处理，请刷新页面后查看最新状态。');
    const h = await uc.history(t.ctx.db, id);
    assert.equal(h.filter((x) => x.stepIndex === step).length, 1, 'one action at the contested step');
  }
  // Two starts of the same subject at once: one instance.
  const s = subject();
  const both = await Promise.all([start(s, 'cbr'), start(s, 'cbr')]);
  assert.equal(both.filter((r) => r.ok).length, 1);
});

test('beforeAdvance runs at the step with the transaction and can refuse; nothing is written then', async () => {
  const st = await start(subject(), 'cbr');
  assert.ok(st.ok);
  const id = st.instance.id;
  assert.ok((await act(id, 'shr', 'pass', '', 1)).ok);
  const seen: string[] = [];
  const refused = await withTx(t.ctx.db, (tx) => uc.act(tx, id, p.bmsc, 'pass', '', {
    expectedStep: 2,
    beforeAdvance: (_tx, c) => {
      seen.push(`${c.step.kind}:${c.stepIndex}:${c.conclusion}:${c.next.currentStep}`);
      return { ok: false, reason: 'secrecy_record_missing', message: '请填写保密审查记录。', fields: { basis: '请填写审查依据' } };
    },
  }));
  assert.deepEqual(seen, ['secrecy:2:pass:3']);
  assert.equal(!refused.ok && refused.reason, 'secrecy_record_missing');
  assert.equal((await uc.getInstance(t.ctx.db, id))?.currentStep, 2);
  assert.equal((await uc.history(t.ctx.db, id)).length, 2);
  const ok = await withTx(t.ctx.db, (tx) => uc.act(tx, id, p.bmsc, 'pass', '', { expectedStep: 2, beforeAdvance: () => undefined }));
  assert.ok(ok.ok && ok.instance.currentStep === 3);
});

test('queueFor lists what each person may act on now; cancel withdraws', async () => {
  await t.ctx.db.execute(sql`update review_instances set status = 'cancelled' where status = 'in_progress'`);
  const a = await start(subject(), 'cbr');
  const b = await start(subject(), 'multi');
  const c = await start(subject('县财政局'), 'fincbr');
  assert.ok(a.ok && b.ok && c.ok);
  const ids = async (who: string) => (await uc.queueFor(t.ctx.db, p[who], { subjectType: 'catalog_record' })).map((q) => q.instance.id).sort();
  assert.deepEqual(await ids('shr'), [a.instance.id, b.instance.id].sort());
  assert.deepEqual(await ids('multi'), [a.instance.id], 'not the one multi submitted');
  assert.deepEqual(await ids('bmsc'), []);
  assert.deepEqual(await ids('cbr'), []);
  assert.deepEqual(await uc.queueFor(t.ctx.db, p.shr, { subjectType: 'press_event' }), []);
  const q = (await uc.queueFor(t.ctx.db, p.shr))[0];
  assert.equal(q.step.name, '承办部门审核');
  assert.equal(q.subjectOrgName, '云溪县教育体育局');
  assert.ok(q.startedByName);
  assert.ok(q.waitingSince instanceof Date);

  assert.ok((await act(a.instance.id, 'shr', 'pass', '', 1)).ok);
  assert.deepEqual(await ids('bmsc'), [a.instance.id], 'the county secrecy reviewer sees it at 保密审查');
  assert.deepEqual(await ids('shr'), [b.instance.id]);

  const notMine = await withTx(t.ctx.db, (tx) => uc.cancel(tx, b.instance.id, p.shr));
  assert.equal(!notMine.ok && notMine.reason, 'forbidden');
  const mine = await withTx(t.ctx.db, (tx) => uc.cancel(tx, b.instance.id, p.multi, { reason: '内容需调整' }));
  assert.ok(mine.ok && mine.instance.status === 'cancelled');
  const byOffice = await withTx(t.ctx.db, (tx) => uc.cancel(tx, c.instance.id, p.gkb));
  assert.ok(byOffice.ok);
  const twice = await withTx(t.ctx.db, (tx) => uc.cancel(tx, c.instance.id, p.gkb));
  assert.equal(!twice.ok && twice.reason, 'closed');
  assert.deepEqual(await ids('shr'), []);
  assert.equal((await uc.history(t.ctx.db, b.instance.id)).at(-1)?.conclusion, 'cancel');
});

test('recordCompleted: an imported subject is approved with every step done by the importer', async () => {
  const s = subject('县财政局');
  const r = await withTx(t.ctx.db, (tx) => uc.recordCompleted(tx, s, p.admin, { ip: null }));
  assert.ok(r.ok && r.instance.status === 'approved' && r.finished);
  const h = await uc.history(t.ctx.db, r.instance.id);
  assert.deepEqual(h.map((x) => [x.conclusion, x.actorName]), [['submit', '系统管理员'], ['pass', '系统管理员'], ['pass', '系统管理员'], ['pass', '系统管理员']]);
  assert.equal(h[0].opinion, '原网站已审核发布，迁移导入');
  assert.ok(!(await uc.queueFor(t.ctx.db, p.bmsc)).some((q) => q.instance.id === r.instance.id));
});

test('every change is audited and the audit chain is intact', async () => {
  const rows = await t.ctx.db.execute<{ action: string; n: number }>(sql`select action, count(*)::int8 as n from audit_log where action like 'review%' group by action`);
  const by = Object.fromEntries(rows.rows.map((r) => [r.action, Number(r.n)]));
  for (const a of ['review.import', 'review.start', 'review.pass', 'review.return', 'review.refuse', 'review.cancel', 'review_chain.create', 'review_chain.deactivate']) assert.ok(by[a] > 0, a);
  const starts = await t.ctx.db.execute(sql`select 1 from review_instances`);
  assert.equal(by['review.start'] + by['review.import'], starts.rows.length);
  const actions = await t.ctx.db.execute(sql`select 1 from review_actions a join review_instances i on i.id = a.instance_id where a.conclusion in ('pass', 'return', 'refuse') and i.id not in (select entity_id::int from audit_log where action = 'review.import')`);
  assert.equal(by['review.pass'] + by['review.return'] + by['review.refuse'], actions.rows.length);
  const total = (await t.ctx.db.execute(sql`select 1 from audit_log`)).rows.length;
  assert.deepEqual(await verifyAudit(t.ctx.db), { ok: true, rows: total });
  assert.ok(await repo.findChain(t.ctx.db, 1) !== undefined);
});
