// Reminders: the pure planning rules over the real 2026 calendar (国庆/中秋 with 调休), then the
// daily run against PostgreSQL and a real SMTP server — one digest per person per day, escalation
// of overdue cases to the supervisor and the disclosure office, in-app only without an e-mail address.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { builtinCalendar } from '../../calendar/index.ts';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { listOrgs } from '../org/repo.ts';
import {
  daysLeftText, digestText, excerpt, loadSettings, myReminders, planReminders, runReminders,
  type OrgPeople, type ReminderCase, type ReminderSettings,
} from './reminders.ts';
import { insertCase } from './jobs.fixtures.ts';
import { reminderJob, reminderRuns } from './jobs.ts';
import { startJobs } from '../../platform/jobs/index.ts';
import { APP_JOBS } from '../../jobs.ts';
import { jobStates, runPendingJobs } from '../../../test/support/jobs.ts';

const cal = builtinCalendar();

/** The text of a raw single-part message (nodemailer writes Chinese as base64 or quoted-printable). */
function decodeMail(raw: string): string {
  const i = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, i);
  const body = raw.slice(i + 4);
  const enc = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  let text = body;
  if (enc === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (enc === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`);
    text = decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return head + '\n\n' + text;
}

describe('planReminders (pure, real calendar)', () => {
  const ORG = 10;
  const OTHER = 20;
  const people: OrgPeople = { handlers: [101, 102], supervisors: [201], office: [301] };
  const settings: ReminderSettings = {
    remindDays: new Map([[OTHER, 10]]),
    people: new Map([[ORG, people], [OTHER, { handlers: [], supervisors: [], office: [301] }]]),
  };
  const base = (id: number, p: Partial<ReminderCase>): ReminderCase => ({
    id, trackingNo: `2026-X-${id}`, orgId: ORG, handlerId: 101, status: 'handling', infoDescription: '某信息',
    statutoryDueOn: null, internalDueOn: null, dueProvisional: false, clockStopped: false, ...p,
  });
  // Wednesday 2026-09-30: 10-01…10-07 are the 国庆 holiday, 10-08/10-09 and Saturday 10-10 (调休) are working days.
  const today = '2026-09-30';

  const table: { name: string; c: ReminderCase; expect: [user: number, kind: string, due: string, left: number, roles: string][] }[] = [
    { name: 'statutory date 2 working days away across the National Day holiday (9 calendar days)',
      c: base(1, { statutoryDueOn: '2026-10-09', internalDueOn: '2026-09-29' }),
      expect: [[101, 'internal_soon', '2026-09-29', -1, 'handler'], [101, 'statutory_soon', '2026-10-09', 2, 'handler']] },
    { name: 'statutory date 5 working days away: only the internal target (1 working day away) is reminded',
      c: base(2, { statutoryDueOn: '2026-10-13', internalDueOn: '2026-10-08' }),
      expect: [[101, 'internal_soon', '2026-10-08', 1, 'handler']] },
    { name: '3 working days away (10-08, 10-09, 10-10 调休) is within the default lead',
      c: base(3, { statutoryDueOn: '2026-10-10' }),
      expect: [[101, 'statutory_soon', '2026-10-10', 3, 'handler']] },
    { name: '4 working days away is not',
      c: base(4, { statutoryDueOn: '2026-10-12' }),
      expect: [] },
    { name: 'overdue: handler, supervisor and disclosure office',
      c: base(5, { statutoryDueOn: '2026-09-28' }),
      expect: [[101, 'overdue', '2026-09-28', -2, 'handler'], [201, 'overdue', '2026-09-28', -2, 'supervisor'], [301, 'overdue', '2026-09-28', -2, 'office']] },
    { name: 'unassigned and due today: the unit\'s handlers',
      c: base(6, { handlerId: null, statutoryDueOn: '2026-09-30' }),
      expect: [[101, 'statutory_soon', '2026-09-30', 0, 'unit_handler'], [102, 'statutory_soon', '2026-09-30', 0, 'unit_handler']] },
    { name: 'clock stopped (补正 awaited): nothing', c: base(7, { statutoryDueOn: '2026-09-28', clockStopped: true }), expect: [] },
    { name: 'closed: nothing', c: base(8, { status: 'closed', statutoryDueOn: '2026-09-28' }), expect: [] },
    { name: 'not yet received (no due date): nothing', c: base(9, { status: 'submitted' }), expect: [] },
    { name: 'organisation with a 10-day lead: reminded 6 working days ahead',
      c: base(10, { orgId: OTHER, handlerId: 301, statutoryDueOn: '2026-10-14' }),
      expect: [[301, 'statutory_soon', '2026-10-14', 6, 'handler']] },
    { name: 'overdue where the handler is also the office: one reminder with both roles',
      c: base(11, { orgId: OTHER, handlerId: 301, statutoryDueOn: '2026-09-29' }),
      expect: [[301, 'overdue', '2026-09-29', -1, 'handler,office']] },
    { name: 'internal target not before the statutory date is not a separate reminder',
      c: base(12, { statutoryDueOn: '2026-10-09', internalDueOn: '2026-10-09' }),
      expect: [[101, 'statutory_soon', '2026-10-09', 2, 'handler']] },
  ];
  for (const row of table) {
    test(row.name, () => {
      const got = planReminders([row.c], today, cal, settings).map((p) => [p.userId, p.kind, p.dueOn, p.daysLeft, p.roles.join(',')]);
      assert.deepEqual(got.sort(), row.expect.map((e) => [...e]).sort());
    });
  }

  test('overdue on a non-working day after the due date: 0 working days late, still overdue', () => {
    // Due Saturday 10-10 (调休 working day); Sunday 10-11 is not a working day.
    const got = planReminders([base(20, { statutoryDueOn: '2026-10-10' })], '2026-10-11', cal, settings);
    assert.deepEqual(got.map((p) => [p.userId, p.kind, p.daysLeft]), [[101, 'overdue', 0], [201, 'overdue', 0], [301, 'overdue', 0]]);
    assert.equal(daysLeftText(0, true), '已超期');
    assert.equal(daysLeftText(-3), '已超期 3 个工作日');
    assert.equal(daysLeftText(0), '今天到期');
    assert.equal(daysLeftText(2), '还剩 2 个工作日');
  });

  test('digest text: tracking number, truncated description, date, days left, link; subject counts overdue', () => {
    const m = digestText({
      displayName: '李思远', day: '2026-09-30', baseUrl: 'https://www.example.gov.cn', siteName: '云溪县人民政府',
      lines: [
        { caseId: 7, trackingNo: '2026-YXJTJ-00007', description: excerpt('关于二〇二五年县级义务教育学校校舍维修项目的招标文件、中标结果和合同文本以及验收报告'), kind: 'overdue', dueOn: '2026-09-28', daysLeft: -2, provisional: false },
        { caseId: 8, trackingNo: '2026-YXJTJ-00008', description: '校车', kind: 'statutory_soon', dueOn: '2026-10-09', daysLeft: 2, provisional: true },
      ],
    });
    assert.equal(m.subject, '【依申请公开办理提醒】2026-09-30：2 项待办，其中 1 项已超期');
    assert.match(m.text, /2026-YXJTJ-00007（已超过法定答复期限）/);
    assert.match(m.text, /申请内容：关于二〇二五年县级义务教育学校校舍维修项目的招标文件、中标结…/);
    assert.match(m.text, /法定答复期限：2026-09-28，已超期 2 个工作日/);
    assert.match(m.text, /法定答复期限：2026-10-09（暂定），还剩 2 个工作日/);
    assert.match(m.text, /https:\/\/www\.example\.gov\.cn\/admin\/requests\/7/);
  });
});

describe('runReminders (PostgreSQL + SMTP)', () => {
  let t: TestDb;
  let server: SMTPServer;
  let refuse = false;
  const mails: { to: string[]; data: string }[] = [];
  const org: Record<string, number> = {};
  const user: Record<string, number> = {};
  let day = '2026-09-30';

  before(async () => {
    server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'],
      onMailFrom(_a, _s, cb) { cb(refuse ? Object.assign(new Error('service not available'), { responseCode: 421 }) : undefined); },
      onData(stream, session, cb) {
        let data = '';
        stream.on('data', (c: Buffer) => { data += c.toString('utf8'); });
        stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: decodeMail(data) }); cb(); });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.server.address() as { port: number }).port;
    t = await createTestDb({ config: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), MAIL_FROM: 'gongkai@yunxi.example.gov.cn', SITE_DOMAIN: 'www.yunxi.example.gov.cn' } });
    await seedDemo(t.ctx);
    for (const o of await listOrgs(t.ctx.db)) org[o.shortName ?? o.name] = o.id;
    const u = await t.ctx.db.execute<{ id: number; username: string }>(sql`select id, username from users`);
    for (const r of u.rows) user[r.username] = Number(r.id);
    // A second reviewer at the bureau without an e-mail address: in-app only.
    const x = await t.ctx.db.execute<{ id: number }>(sql`insert into users (username, display_name, org_id, email, password_hash)
      values ('shr2', '钱明', ${org['县教体局']}, null, 'x') returning id`);
    user.shr2 = Number(x.rows[0]!.id);
    await t.ctx.db.execute(sql`insert into role_grants (user_id, role, org_id) values (${user.shr2}, 'dept_reviewer', ${org['县教体局']})`);
  });
  after(async () => {
    await t.drop();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const mailTo = (username: string) => mails.filter((m) => m.to.includes(`${username}@yunxi.example.gov.cn`));
  const digestRows = async () => (await t.ctx.db.execute<{ username: string; day: string; items: number }>(sql`
    select u.username, d.day, d.items from request_digests d join users u on u.id = d.user_id order by d.day, u.username`)).rows;

  test('directory: clerks handle, the dept reviewers supervise, the county office oversees; a unit without staff falls back to the office', async () => {
    const s = await loadSettings(t.ctx.db, [org['县教体局'], org['县财政局']]);
    assert.deepEqual(s.people.get(org['县教体局']), { handlers: [user.cbr], supervisors: [user.shr, user.shr2].sort((a, b) => a - b), office: [user.gkb] });
    assert.deepEqual(s.people.get(org['县财政局']), { handlers: [user.gkb], supervisors: [user.gkb], office: [user.gkb] });
  });

  test('first run of the day: one digest per person, overdue escalated, no personal data, in-app only without e-mail', async () => {
    const edu = org['县教体局'];
    const overdue = await insertCase(t.ctx.db, t.ctx, { orgId: edu, handlerId: user.cbr, receivedOn: '2026-08-31', statutoryDueOn: '2026-09-28', internalDueOn: '2026-09-21', infoDescription: '县城区学校学位分配方案' });
    const soon = await insertCase(t.ctx.db, t.ctx, { orgId: edu, handlerId: user.cbr, receivedOn: '2026-09-10', statutoryDueOn: '2026-10-09', internalDueOn: '2026-09-29', infoDescription: '校车采购合同' });
    const unassigned = await insertCase(t.ctx.db, t.ctx, { orgId: edu, handlerId: null, receivedOn: '2026-09-02', statutoryDueOn: '2026-10-08', internalDueOn: '2026-09-24', infoDescription: '教师招聘成绩' });
    const finOverdue = await insertCase(t.ctx.db, t.ctx, { orgId: org['县财政局'], handlerId: null, receivedOn: '2026-08-20', statutoryDueOn: '2026-09-17', infoDescription: '预算执行情况' });
    await insertCase(t.ctx.db, t.ctx, { orgId: edu, handlerId: user.cbr, statutoryDueOn: '2026-09-28', clockStopped: true, status: 'awaiting_supplement' });
    await insertCase(t.ctx.db, t.ctx, { orgId: edu, handlerId: user.cbr, status: 'closed', statutoryDueOn: '2026-09-28', repliedOn: '2026-09-25', outcome: '1' });

    const r = await runReminders(t.ctx, day);
    // The digests are mail.send jobs queued with the digest rows: the worker sends them.
    assert.equal(mails.length, 0);
    assert.equal((await runPendingJobs(t.ctx)).completed, 3);
    // cbr: overdue + soon(statutory, internal) + unassigned(statutory, internal) = 5; shr, shr2: overdue; gkb: overdue (office) + fin overdue.
    assert.equal(r.recorded, 5 + 1 + 1 + 2);
    assert.equal(r.sent, 3);
    assert.equal(r.inAppOnly, 1);
    assert.deepEqual(r.failed, []);
    assert.equal(mails.length, 3);
    assert.equal(mailTo('cbr').length, 1);
    assert.equal(mailTo('shr').length, 1);
    assert.equal(mailTo('gkb').length, 1);
    const cbrMail = mailTo('cbr')[0].data;
    for (const c of [overdue, soon, unassigned]) assert.ok(cbrMail.includes(c.trackingNo), `cbr's digest lists ${c.trackingNo}`);
    assert.ok(!cbrMail.includes(finOverdue.trackingNo));
    assert.ok(mailTo('shr')[0].data.includes(overdue.trackingNo) && !mailTo('shr')[0].data.includes(soon.trackingNo));
    assert.ok(mailTo('gkb')[0].data.includes(overdue.trackingNo) && mailTo('gkb')[0].data.includes(finOverdue.trackingNo));
    assert.ok(!mails.some((m) => m.data.includes('11010519491231002X')), 'no ID number in any mail');
    assert.deepEqual((await digestRows()).map((d) => [d.username, d.day, Number(d.items)]), [['cbr', day, 5], ['gkb', day, 2], ['shr', day, 1]]);
    // The person without e-mail sees it in the app.
    const mine = await myReminders(t.ctx, user.shr2, day);
    assert.deepEqual(mine.map((m) => [m.caseId, m.kind, m.roles.join()]), [[overdue.id, 'overdue', 'supervisor']]);
  });

  test('a second run the same day sends nothing; new items wait for tomorrow\'s digest', async () => {
    const again = await runReminders(t.ctx, day);
    await runPendingJobs(t.ctx);
    assert.equal(again.recorded, 0);
    assert.equal(again.sent, 0);
    assert.equal(mails.length, 3);

    const fresh = await insertCase(t.ctx.db, t.ctx, { orgId: org['县教体局'], handlerId: user.cbr, receivedOn: '2026-09-09', statutoryDueOn: '2026-10-10', infoDescription: '食堂招标' });
    const later = await runReminders(t.ctx, day);
    await runPendingJobs(t.ctx);
    assert.equal(later.recorded, 1);
    assert.equal(later.sent, 0);
    assert.equal(later.deferred, 1);
    assert.equal(mails.length, 3, 'still one e-mail to cbr today');

    day = '2026-10-08';
    const next = await runReminders(t.ctx, day);
    await runPendingJobs(t.ctx);
    // Next working day: cbr gets the deferred item (and nothing already told); others have nothing new.
    assert.equal(next.sent, 1);
    assert.equal(mails.length, 4);
    const second = mailTo('cbr')[1].data;
    assert.ok(second.includes(fresh.trackingNo));
    assert.equal((second.match(/受理编号/g) ?? []).length, 1, 'only the new item');
  });

  test('SMTP down delays the digests: recorded once, retried, sent once the server is back', async () => {
    const c = await insertCase(t.ctx.db, t.ctx, { orgId: org['县教体局'], handlerId: user.cbr, receivedOn: '2026-09-11', statutoryDueOn: '2026-10-12', infoDescription: '体育场馆开放' });
    day = '2026-10-09';
    const before = mails.length;
    refuse = true;
    const run = await runReminders(t.ctx, day);
    // The unassigned case became overdue today: cbr, shr and gkb all have something to be told.
    assert.equal(run.sent, 3);
    assert.deepEqual(run.failed, []);
    assert.equal((await digestRows()).filter((d) => d.day === day).length, 3, 'the day is claimed: no second digest today');
    const down = await runPendingJobs(t.ctx);
    assert.equal(down.failed.length, 3);
    assert.equal(mails.length, before);
    assert.equal((await jobStates(t.ctx, 'mail.send')).retry, 3, 'waiting for a retry, not lost');
    // A second run while SMTP is down queues nothing more.
    assert.equal((await runReminders(t.ctx, day)).sent, 0);
    refuse = false;
    const up = await runPendingJobs(t.ctx, { includeRetries: true });
    assert.equal(up.completed, 3);
    assert.equal(mails.length, before + 3);
    assert.ok(mailTo('cbr')[2].data.includes(c.trackingNo));
  });

  test('without SMTP configured nothing is claimed: the items wait', async () => {
    const noMail = { ...t.ctx, config: { ...t.ctx.config, smtp: undefined } };
    await insertCase(t.ctx.db, t.ctx, { orgId: org['县教体局'], handlerId: user.cbr, receivedOn: '2026-09-14', statutoryDueOn: '2026-10-13', infoDescription: '图书馆开放时间' });
    const r = await runReminders(noMail, '2026-10-12');
    assert.equal(r.sent, 0);
    assert.ok(r.failed.length >= 1 && /未配置邮件服务器/.test(r.failed[0]!.message));
    assert.equal((await digestRows()).filter((d) => d.day === '2026-10-12').length, 0);
  });

  test('the scheduled run skips non-working days; a manual run does not', async () => {
    // 2026-10-03 is in the 国庆 holiday.
    const skipped = await runReminders(t.ctx, '2026-10-03', { workingDaysOnly: true });
    assert.equal(skipped.skipped, '非工作日，不发送提醒');
    assert.equal(skipped.recorded, 0);
    const count = async () => (await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_reminders`)).rows[0]!.n;
    const before = await count();
    await runReminders(t.ctx, '2026-10-03', { workingDaysOnly: true });
    assert.equal(await count(), before);
  });

  test('pg-boss: the job starts on this database, a triggered run is worked, and it stops cleanly', async () => {
    const runs: string[] = [];
    const silent = { info() {}, warn() {}, error() {} };
    // A case whose 补正 deadline passed long ago: the job closes it (6.1) before sending reminders.
    const { id: lapsed } = await insertCase(t.ctx.db, t.ctx, { orgId: org['县教体局'], status: 'awaiting_supplement', receivedOn: '2026-03-02', statutoryDueOn: null, infoDescription: '补正逾期的申请' });
    await t.ctx.db.execute(sql`insert into request_events (case_id, type, occurred_on, data, actor_name)
      values (${lapsed}, 'correction_sent', '2026-03-04', ${JSON.stringify({ deadline: '2026-03-25', content: '请补充所需信息的名称' })}::jsonb, '承办人')`);
    reminderRuns.onRun = (r) => runs.push(r.day);
    const jobs = await startJobs(t.ctx, APP_JOBS, { url: t.url, log: silent, pollSeconds: 0.5 });
    try {
      assert.ok(await jobs.send(reminderJob, { manual: true }));
      const until = Date.now() + 15_000;
      while (!runs.length && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      assert.equal(runs.length, 1);
      const closed = await t.ctx.db.execute<{ status: string; outcome: string }>(sql`select status, outcome from request_cases where id = ${lapsed}`);
      assert.deepEqual({ ...closed.rows[0] }, { status: 'closed', outcome: '6.1' });
      const sched = await t.ctx.db.execute<{ name: string; cron: string; timezone: string }>(sql`select name, cron, timezone from pgboss.schedule where name like 'requests.%'`);
      assert.deepEqual(sched.rows.map((r) => [r.name, r.cron, r.timezone]), [['requests.reminders', '30 8 * * *', 'Asia/Shanghai']]);
    } finally {
      reminderRuns.onRun = undefined;
      await jobs.stop();
    }
  });
});
