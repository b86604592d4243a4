// The deadline check on real PostgreSQL: a past-due open deadline is breached once, with one
// finding, one mail to the disclosure office and the lead unit's heads, an event and an audit row;
// a second run does nothing; closed incidents are skipped. An open finding rises while its deadline
// stays unmet (once per level, mailed once per rise); decided, withdrawn and answered ones never
// change; with no lead unit the finding falls on the government office; 决定 / 撤销 are one-time;
// the assessment reads the decided findings of a period.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { findUserByUsername, toPrincipal } from '../auth/repo.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import type { AppContext } from '../../app-context.ts';
import { createManualIncident } from './use-cases/manual-entry.ts';
import { confirmIncident } from './use-cases/triage.ts';
import { assignIncident } from './use-cases/assign.ts';
import type { Caller } from './use-cases/triage-shared.ts';
import * as repo from './incidents.repo.ts';
import { findingsForAssessment, listFindings } from './findings.repo.ts';
import { callerOf, confirmedIncident, orgIdOf } from './respond.fixtures.ts';
import { decideFinding, withdrawFinding } from './use-cases/findings.ts';
import { checkDeadlines } from './deadlines.job.ts';

let t: TestDb;
let yq: Caller;
let edu = 0;
const NOW = new Date('2026-10-01T10:00:00+08:00');
const at = (hours: number): AppContext => ({ ...t.ctx, now: () => new Date(NOW.getTime() + hours * 3_600_000) });

before(async () => {
  t = await createTestDb({ config: { SMTP_HOST: '127.0.0.1', SMTP_PORT: '9', MAIL_FROM: 'gongkai@yunxi.example.gov.cn' } });
  await seedDemo(t.ctx);
  edu = Number((await t.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`)).rows[0]!.id);
  const user = await toPrincipal(t.ctx.db, (await findUserByUsername(t.ctx.db, 'yqzy'))!, 'session');
  yq = { user, ip: null };
});
after(() => t.drop());

async function majorIncident(title: string): Promise<number> {
  const r = await createManualIncident(at(0), yq, { title, text: `${title}，群众反映强烈。`, sourceName: '', mediaType: 'forum', origin: 'manual', higherDeadline: null, url: null, author: null, publishedAt: null });
  assert.ok(r.ok);
  let i = (await repo.findIncident(t.ctx.db, r.incidentId))!;
  assert.ok((await assignIncident(at(0), yq, i.id, { version: i.version, leadOrgId: edu, coOrgIds: [] })).ok);
  i = (await repo.findIncident(t.ctx.db, i.id))!;
  assert.ok((await confirmIncident(at(0), yq, i.id, { version: i.version, grade: 'major', category: 'public_interest' })).ok);
  return i.id;
}

const breachMails = async () => (await t.ctx.database.pool.query<{ data: { to: string[]; subject: string; text: string } }>(
  `select data from pgboss.job where name = 'mail.send' and data->>'subject' like '%超时督办%' order by created_on`)).rows.map((r) => r.data);

test('a past-due deadline is breached once: finding, mail, event, audit; a second run adds nothing', async () => {
  const id = await majorIncident('某小学校车超载');
  const closed = await majorIncident('某中学食堂涨价');
  await t.ctx.db.execute(sql`update opinion_incidents set status = 'closed' where id = ${closed}`);

  assert.deepEqual(await checkDeadlines(at(4)), { breached: 0, findings: 0, raised: 0, mails: 0 });
  const first = await checkDeadlines(at(6));
  assert.deepEqual(first, { breached: 1, findings: 1, raised: 0, mails: 1 });
  assert.deepEqual(await checkDeadlines(at(6)), { breached: 0, findings: 0, raised: 0, mails: 0 });

  const ds = await repo.incidentDeadlines(t.ctx.db, id);
  const fi = ds.find((d) => d.kind === 'first_info')!;
  assert.equal(fi.breachedAt!.getTime(), at(6).now().getTime());
  assert.ok(fi.escalatedAt);
  assert.equal(ds.find((d) => d.kind === 'press_conference')!.breachedAt, null);
  assert.equal((await repo.incidentDeadlines(t.ctx.db, closed)).every((d) => d.breachedAt === null), true);

  const { rows } = await listFindings(t.ctx.db, { all: true, orgIds: [] }, 1, 20);
  assert.equal(rows.length, 1);
  // One hour late on a 重大 incident: 通报 raised one step to 约谈.
  assert.deepEqual([rows[0]!.incidentId, rows[0]!.kind, rows[0]!.deadlineKind, rows[0]!.orgName], [id, 'interview', 'first_info', '云溪县教育体育局']);
  assert.match(rows[0]!.reason, /已超时1小时0分钟/);

  const mails = await breachMails();
  assert.equal(mails.length, 1);
  assert.deepEqual([...mails[0]!.to].sort(), ['gkb@yunxi.example.gov.cn', 'sfr@yunxi.example.gov.cn', 'shr@yunxi.example.gov.cn']);
  assert.match(mails[0]!.text, /建议约谈|约谈/);
  const ev = (await repo.incidentEvents(t.ctx.db, id)).filter((e) => e.type === 'deadline_breached');
  assert.equal(ev.length, 1);

  // The press conference runs out later: a second finding (another deadline kind), the repeat counted.
  assert.deepEqual(await checkDeadlines(at(25)), { breached: 1, findings: 1, raised: 0, mails: 1 });
  assert.equal((await listFindings(t.ctx.db, { all: false, orgIds: [edu] }, 1, 20)).total, 2);
  const audit = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'opinion.deadline.breach'`);
  assert.equal(audit.rows[0]!.n, 2);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
  // Out of the way of the tests below (its open findings would rise with their clocks).
  await t.ctx.db.execute(sql`update opinion_incidents set status = 'closed' where id = ${id}`);
});

const findingOf = async (incidentId: number) => (await listFindings(t.ctx.db, { all: true, orgIds: [] }, 1, 100)).rows.filter((f) => f.incidentId === incidentId);
const raiseMails = async () => (await t.ctx.database.pool.query<{ data: { to: string[]; subject: string; text: string } }>(
  `select data from pgboss.job where name = 'mail.send' and data->>'subject' like '%问责升级%' order by created_on`)).rows.map((r) => r.data);
const actions = async (action: string) => (await t.ctx.db.execute<{ entity_id: string; summary: Record<string, unknown> }>(
  sql`select entity_id, summary from audit_log where action = ${action} order by id`)).rows;

test('an open finding rises with the time its deadline stays unmet: 通报 → 约谈 at 24 h → 问责 at 72 h, told once per rise', async () => {
  const fin = await orgIdOf(t.ctx, '县财政局');
  const id = await confirmedIncident(t.ctx, { leadOrgId: fin, grade: 'general', confirmedAt: NOW, title: '县财政局惠民补贴发放迟缓' });
  // 作出回应 due at 48 h; an hour late at the breach: 通报.
  assert.deepEqual(await checkDeadlines(at(49)), { breached: 1, findings: 1, raised: 0, mails: 1 });
  const [f0] = await findingOf(id);
  assert.deepEqual([f0!.kind, f0!.orgName, f0!.raisedAt], ['notice', '云溪县财政局', null]);
  assert.deepEqual(await checkDeadlines(at(71.9)), { breached: 0, findings: 0, raised: 0, mails: 0 }, 'still under 24 h late');

  assert.deepEqual(await checkDeadlines(at(72)), { breached: 0, findings: 0, raised: 1, mails: 1 });
  assert.deepEqual(await checkDeadlines(at(72)), { breached: 0, findings: 0, raised: 0, mails: 0 }, 'once per rise');
  let [f] = await findingOf(id);
  assert.deepEqual([f!.kind, f!.status, f!.raisedAt?.getTime()], ['interview', 'open', at(72).now().getTime()]);
  assert.equal(f!.reason, '一般舆情“作出回应”时限已过，尚未回应，已超时1天0小时。建议约谈。');
  assert.deepEqual(await checkDeadlines(at(119)), { breached: 0, findings: 0, raised: 0, mails: 0 });

  assert.deepEqual(await checkDeadlines(at(120)), { breached: 0, findings: 0, raised: 1, mails: 1 });
  [f] = await findingOf(id);
  assert.equal(f!.kind, 'accountability');
  assert.match(f!.reason, /已超时3天0小时。建议问责。$/);
  assert.deepEqual(await checkDeadlines(at(500)), { breached: 0, findings: 0, raised: 0, mails: 0 }, '问责 is the top');

  const mails = (await raiseMails()).filter((m) => m.subject.includes('惠民补贴') || m.text.includes('惠民补贴'));
  assert.equal(mails.length, 2);
  assert.deepEqual(mails.map((m) => m.subject.endsWith('建议约谈') || m.subject.endsWith('建议问责')), [true, true]);
  assert.deepEqual(mails[0]!.to, ['gkb@yunxi.example.gov.cn'], 'the same people as the breach: the disclosure office (县财政局 has no heads here)');
  assert.match(mails[1]!.text, /问责建议由约谈升为问责/);
  const ev = (await repo.incidentEvents(t.ctx.db, id)).filter((e) => e.type === 'finding_raised');
  assert.deepEqual(ev.map((e) => { const d = e.data as Record<string, unknown>; return [d.from, d.to]; }), [['notice', 'interview'], ['interview', 'accountability']]);
  const audit = (await actions('opinion.finding.raise')).filter((a) => a.entity_id === String(f!.id));
  assert.deepEqual(audit.map((a) => [a.summary.from, a.summary.to]), [['通报', '约谈'], ['约谈', '问责']]);
  await t.ctx.db.execute(sql`update opinion_incidents set status = 'closed' where id = ${id}`);
});

test('a decided, withdrawn or answered finding never changes; 决定 / 撤销 once only, by the disclosure office', async () => {
  const [health, market, land, fgw] = await Promise.all(['县卫健委', '县市场监管局', '县自然资源局', '县发改委'].map((n) => orgIdOf(t.ctx, n)));
  const decided = await confirmedIncident(t.ctx, { leadOrgId: health, grade: 'general', confirmedAt: NOW, title: '乡镇卫生院夜间无人值守' });
  const withdrawn = await confirmedIncident(t.ctx, { leadOrgId: market, grade: 'general', confirmedAt: NOW, title: '农贸市场缺斤短两' });
  const answered = await confirmedIncident(t.ctx, { leadOrgId: land, grade: 'general', confirmedAt: NOW, title: '宅基地审批周期过长' });
  const control = await confirmedIncident(t.ctx, { leadOrgId: fgw, grade: 'general', confirmedAt: NOW, title: '项目审批材料要求反复' });
  assert.equal((await checkDeadlines(at(49))).findings, 4);
  const [fd, fw, fa] = [(await findingOf(decided))[0]!, (await findingOf(withdrawn))[0]!, (await findingOf(answered))[0]!];
  const gkb = await callerOf(at(50), 'gkb');
  const yqzy = await callerOf(t.ctx, 'yqzy');

  const notAllowed = await decideFinding(at(50), yqzy, fd.id, { kind: 'notice', note: '舆情专员不能决定' });
  assert.deepEqual([notAllowed.ok, !notAllowed.ok && notAllowed.reason], [false, 'forbidden']);
  // Two people submit at once: one wins, the other is told it was decided first.
  const both = await Promise.all([
    decideFinding(at(50), gkb, fd.id, { kind: 'interview', note: '经会商，夜间值守缺位情节较重，决定约谈。' }),
    decideFinding(at(50), gkb, fd.id, { kind: 'notice', note: '重复提交的决定说明。' }),
  ]);
  assert.equal(both.filter((r) => r.ok).length, 1);
  const loser = both.find((r) => !r.ok)!;
  assert.ok(!loser.ok && loser.reason === 'conflict' && loser.message === '该问责建议已经作出决定，不能再决定。请刷新页面查看结果。', JSON.stringify(loser));
  const w = await withdrawFinding(at(50), gkb, fw.id, { reason: '当日系统故障，回应已按时在政务微博发布。' });
  assert.ok(w.ok);
  const again = await withdrawFinding(at(50), gkb, fw.id, { reason: '再次撤销。' });
  assert.ok(!again.ok && again.message === '该问责建议已经撤销，不能再撤销。请刷新页面查看结果。');
  const late = await decideFinding(at(50), gkb, fw.id, { kind: 'notice', note: '撤销后又决定。' });
  assert.ok(!late.ok && late.reason === 'conflict');
  assert.deepEqual([(await decideFinding(at(50), gkb, 999_999, { kind: 'notice', note: '不存在的建议' }) as { reason: string }).reason], ['not_found']);
  await t.ctx.db.execute(sql`update opinion_deadlines set met_at = ${at(50).now().toISOString()}::timestamptz where incident_id = ${answered}`);

  assert.equal((await checkDeadlines(at(200))).raised, 1, 'only the open, unanswered one rises');
  assert.equal((await findingOf(control))[0]!.kind, 'accountability');
  const [d, wd, a] = [(await findingOf(decided))[0]!, (await findingOf(withdrawn))[0]!, (await findingOf(answered))[0]!];
  // Either submission may win the race; the stored decision is the winner's, kind and note together.
  const firstWon = both.find((r) => r.ok) === both[0];
  assert.deepEqual([d.status, d.kind, d.decidedKind, d.decidedByName, d.decidedAt?.getTime()], ['decided', 'notice', firstWon ? 'interview' : 'notice', '周文清', at(50).now().getTime()]);
  assert.equal(d.note, firstWon ? '经会商，夜间值守缺位情节较重，决定约谈。' : '重复提交的决定说明。');
  assert.deepEqual([wd.status, wd.kind, wd.decidedKind, wd.note], ['withdrawn', 'notice', null, '当日系统故障，回应已按时在政务微博发布。']);
  assert.deepEqual([a.status, a.kind], ['open', fa.kind]);

  const timeline = (await repo.incidentEvents(t.ctx.db, decided)).map((e) => e.type);
  assert.deepEqual(timeline.filter((x) => x.startsWith('finding_')), ['finding_decided']);
  assert.deepEqual((await repo.incidentEvents(t.ctx.db, withdrawn)).filter((e) => e.type === 'finding_withdrawn').map((e) => e.actorName), ['周文清']);
  assert.equal((await actions('opinion.finding.decide')).length, 1);
  assert.deepEqual((await actions('opinion.finding.withdraw')).map((x) => x.summary.org), ['云溪县市场监督管理局']);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);

  // The assessment reads decided findings only, by the day of the breach (or of the decision).
  const oct = await findingsForAssessment(t.ctx.db, { from: '2026-10-01', to: '2026-10-31' });
  assert.deepEqual(oct.filter((x) => [decided, withdrawn, answered].includes(x.incidentId)).map((x) => [x.orgName, x.kind]), [['云溪县卫生健康委员会', firstWon ? 'interview' : 'notice']]);
  assert.ok(oct.every((x) => x.kind && x.decidedAt instanceof Date));
  assert.equal((await findingsForAssessment(t.ctx.db, { from: '2026-10-04', to: '2026-10-31' })).some((x) => x.incidentId === decided), false, 'breached on 10-03');
  assert.equal((await findingsForAssessment(t.ctx.db, { from: '2026-10-03', to: '2026-10-03' })).some((x) => x.incidentId === decided), true);
  assert.equal((await findingsForAssessment(t.ctx.db, { from: '2026-10-03', to: '2026-10-03', on: 'decision' })).some((x) => x.incidentId === decided), true);
  assert.equal((await findingsForAssessment(t.ctx.db, { from: '2026-10-04', to: '2026-10-04', on: 'decision' })).length, 0);
  for (const i of [decided, withdrawn, answered, control]) await t.ctx.db.execute(sql`update opinion_incidents set status = 'closed' where id = ${i}`);
});

test('a breach with no lead unit: the finding falls on the government office (seed 004 §三(四)) and rises like any other', async () => {
  const id = await confirmedIncident(t.ctx, { leadOrgId: null, grade: 'general', confirmedAt: NOW, title: '多部门职责交叉的占道经营问题' });
  assert.deepEqual(await checkDeadlines(at(48.5)), { breached: 1, findings: 1, raised: 0, mails: 1 });
  const [f] = await findingOf(id);
  assert.deepEqual([f!.orgName, f!.kind], ['云溪县人民政府办公室', 'notice']);
  assert.match(f!.reason, /时限届满时尚未确定牵头单位，由负责确定牵头单位的县政府办公室承担/);
  const mail = (await breachMails()).find((m) => m.text.includes('占道经营'))!;
  assert.match(mail.text, /牵头单位：尚未指定/);
  assert.match(mail.text, /问责建议：通报/);
  assert.deepEqual(mail.to, ['gkb@yunxi.example.gov.cn']);
  assert.deepEqual(await checkDeadlines(at(72)), { breached: 0, findings: 0, raised: 1, mails: 1 });
  const [r] = await findingOf(id);
  assert.equal(r!.kind, 'interview');
  assert.match(r!.reason, /由负责确定牵头单位的县政府办公室承担/);
});
