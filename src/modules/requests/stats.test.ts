// Statistics: filters (pure), the SQL aggregation against hand-computed figures over the real
// calendar (the 2026 New Year 调休 Sunday counts as a working day), and the page / CSV routes with
// their organisation scope.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { listOrgs } from '../org/repo.ts';
import { cachedStats, computeStats, csvCell, outcomeGroups, periodOf, readStatsQuery, subtreeOf, toCsv, type Stats } from './stats.ts';
import { insertCase } from './jobs.fixtures.ts';
import { loadSettings } from './reminders.ts';

describe('filters and CSV (pure)', () => {
  test('year and date range, with Chinese messages for bad input', () => {
    assert.deepEqual(periodOf(readStatsQuery({}, '2026-11-22')), { ok: true, period: { from: '2026-01-01', to: '2026-12-31', label: '2026年' } });
    assert.deepEqual(periodOf(readStatsQuery({ from: '2026-03-01', to: '2026-03-31' }, '2026-11-22')), { ok: true, period: { from: '2026-03-01', to: '2026-03-31', label: '2026-03-01 至 2026-03-31' } });
    const cases: [Record<string, string>, string, string][] = [
      [{ year: '1999' }, 'year', '请选择 2000 至 2100 年之间的年份'],
      [{ year: 'abc' }, 'year', '请选择 2000 至 2100 年之间的年份'],
      [{ from: '2026-02-30', to: '2026-03-01' }, 'from', '起始日期应为有效日期，格式如 2026-01-01'],
      [{ from: '2026-03-01' }, 'to', '请填写截止日期'],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'to', '截止日期不能早于起始日期'],
      [{ from: '2001-01-01', to: '2026-03-01' }, 'to', '统计期间不能超过 10 年'],
    ];
    for (const [q, field, msg] of cases) {
      const r = periodOf(readStatsQuery(q, '2026-11-22'));
      assert.equal(r.ok, false, JSON.stringify(q));
      if (!r.ok) assert.equal(r.fields[field], msg, JSON.stringify(q));
    }
  });

  test('CSV cells: formulas neutralised, quotes and commas quoted; BOM and CRLF', () => {
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+86'), "'+86");
    assert.equal(csvCell('-3'), "'-3");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('a,"b"'), '"a,""b"""');
    assert.equal(csvCell(12), '12');
    const b = toCsv([['机构', '办结'], ['县教体局', 3]]);
    assert.deepEqual([...b.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(b.subarray(3).toString('utf8'), '机构,办结\r\n县教体局,3\r\n');
  });

  test('subtree of an organisation', () => {
    const orgs = [{ id: 1, parentId: null }, { id: 2, parentId: 1 }, { id: 3, parentId: 2 }, { id: 4, parentId: 1 }, { id: 5, parentId: null }];
    assert.deepEqual(subtreeOf(orgs, 1), [1, 2, 3, 4]);
    assert.deepEqual(subtreeOf(orgs, 2), [2, 3]);
    assert.deepEqual(subtreeOf(orgs, 5), [5]);
  });
});

describe('statistics (PostgreSQL)', () => {
  let s: TestServer;
  const org: Record<string, number> = {};
  let stats: Stats;

  before(async () => {
    s = await startTestServer();
    s.ctx.now = () => new Date('2026-12-31T02:00:00Z');
    for (const o of await listOrgs(s.ctx.db)) org[o.shortName ?? o.name] = o.id;
    const { db } = s.ctx;
    const edu = org['县教体局'];
    const fin = org['县财政局'];
    const closed = { status: 'closed' } as const;
    // A: 10 working days, on time.
    await insertCase(db, s.ctx, { ...closed, orgId: edu, channel: 'online', receivedOn: '2026-11-02', repliedOn: '2026-11-16', statutoryDueOn: '2026-11-30', outcome: '1' });
    // B: 14 working days, minus 5 awaiting the 补正 (11-03 → 11-10) = 9, on time.
    await insertCase(db, s.ctx, { ...closed, orgId: edu, channel: 'in_person', applicantType: 'commercial', receivedOn: '2026-11-02', repliedOn: '2026-11-20', statutoryDueOn: '2026-12-08', outcome: '2',
      events: [{ type: 'correction_sent', occurredOn: '2026-11-03' }, { type: 'correction_received', occurredOn: '2026-11-10' }] });
    // C: 20 working days, minus the overlapping consultation (11-04 → 11-09) and fee wait (11-06 → 11-12), merged 11-04 → 11-12 = 6: 14; late.
    await insertCase(db, s.ctx, { ...closed, orgId: edu, channel: 'registered_mail', receivedOn: '2026-11-02', repliedOn: '2026-11-30', statutoryDueOn: '2026-11-27', outcome: '3.1',
      events: [{ type: 'pause_start', occurredOn: '2026-11-04', data: { reason: 'third_party', to: '2026-11-09' } }, { type: 'pause_end', occurredOn: '2026-11-09' },
        { type: 'fee_notice', occurredOn: '2026-11-06', data: { reason: 'fee', to: null } }, { type: 'fee_paid', occurredOn: '2026-11-12' }] });
    // D: received in 2025, replied 2026-01-09: 12-30, 12-31, 01-04 (调休 Sunday), 01-05…01-09 = 8 working days; on time.
    await insertCase(db, s.ctx, { ...closed, orgId: fin, channel: 'online', receivedOn: '2025-12-29', repliedOn: '2026-01-09', statutoryDueOn: '2026-01-27', outcome: '4.1' });
    // E: received late in 2026, still open: carried over.
    await insertCase(db, s.ctx, { orgId: fin, channel: 'email', applicantType: 'legal_services', receivedOn: '2026-12-28', statutoryDueOn: '2027-01-26' });
    // F: received in 2025, still open: carried over, not received in 2026.
    await insertCase(db, s.ctx, { orgId: edu, channel: 'online', receivedOn: '2025-11-03', statutoryDueOn: '2025-12-01' });
    // G: closed by expiry of the 补正 period (6.1), no reply date: closed, not judged for timeliness.
    await insertCase(db, s.ctx, { ...closed, orgId: edu, channel: 'online', receivedOn: '2026-11-03', closedAt: '2026-11-25T10:00:00+08:00', outcome: '6.1' });
    // Outside the period or not received: never counted.
    await insertCase(db, s.ctx, { orgId: edu, receivedOn: '2027-01-05', statutoryDueOn: '2027-02-02' });
    await insertCase(db, s.ctx, { ...closed, orgId: edu, receivedOn: '2025-06-02', repliedOn: '2025-06-30', statutoryDueOn: '2025-06-30', outcome: '1' });
    await insertCase(db, s.ctx, { orgId: edu, status: 'submitted', receivedOn: null });
    // A correction request (更正) closed in the period: not an annual-report row, never counted.
    await insertCase(db, s.ctx, { ...closed, kind: 'correction', orgId: edu, receivedOn: '2026-11-02', repliedOn: '2026-11-09', statutoryDueOn: '2026-11-30', outcome: 'corrected' });
    // Another county's-worth: an organisation whose name looks like a spreadsheet formula.
    const gov = org['县政府'];
    const x = await db.execute<{ id: number }>(sql`insert into org_units (parent_id, name, kind, region_code, org_code) values (${gov}, '=HYPERLINK("http://evil.example")', 'department', '360000', '123456789') returning id`);
    org.evil = Number(x.rows[0]!.id);
    await insertCase(db, s.ctx, { ...closed, orgId: org.evil, receivedOn: '2025-03-03', repliedOn: '2025-03-10', statutoryDueOn: '2025-03-31', outcome: '1' });

    const orgs = (await listOrgs(db)).map((o) => ({ id: o.id, name: o.name }));
    stats = await computeStats(db, await s.ctx.calendar.get(), { period: { from: '2026-01-01', to: '2026-12-31', label: '2026年' }, orgIds: orgs.map((o) => o.id), orgs });
  });
  after(() => s.close());

  const pick = (c: Stats['total']) => [c.received, c.closed, c.judged, c.onTime, c.medianDays, c.carried];

  test('totals: received, closed, on time, median working days excluding pauses, carried over', () => {
    assert.deepEqual(pick(stats.total), [5, 5, 4, 3, 9.5, 2]);
    assert.equal(stats.total.onTimeRate, 0.75);
  });

  test('by organisation', () => {
    const byOrg = Object.fromEntries(stats.byOrg.map((l) => [l.label, pick(l)]));
    assert.deepEqual(byOrg['云溪县教育体育局'], [4, 4, 3, 2, 10, 1]);
    assert.deepEqual(byOrg['云溪县财政局'], [1, 1, 1, 1, 8, 1]);
    assert.deepEqual(byOrg['云溪县卫生健康委员会'], [0, 0, 0, 0, null, 0]);
  });

  test('by outcome, in annual-report rows with group subtotals', () => {
    const closed = Object.fromEntries(stats.byOutcome.filter((l) => l.closed).map((l) => [l.key, l.closed]));
    assert.deepEqual(closed, { '1': 1, '2': 1, '3.1': 1, '4.1': 1, '6.1': 1 });
    assert.equal(stats.byOutcome.length, 21);
    const groups = outcomeGroups(stats.byOutcome);
    assert.deepEqual(groups.map((g) => [g.group, g.closed, g.lines.length]), [
      ['（一）予以公开', 1, 1], ['（二）部分公开', 1, 1], ['（三）不予公开', 1, 8], ['（四）无法提供', 1, 3], ['（五）不予处理', 0, 5], ['（六）其他处理', 1, 3],
    ]);
  });

  test('by applicant type and by channel', () => {
    const t = Object.fromEntries(stats.byApplicantType.map((l) => [l.key, [l.received, l.closed, l.carried]]));
    assert.deepEqual(t.natural, [3, 4, 1]);
    assert.deepEqual(t.commercial, [1, 1, 0]);
    assert.deepEqual(t.legal_services, [1, 0, 1]);
    assert.deepEqual(t.research, [0, 0, 0]);
    const c = Object.fromEntries(stats.byChannel.map((l) => [l.key, [l.received, l.closed, l.carried]]));
    assert.deepEqual(c.online, [2, 3, 1]);
    assert.deepEqual(c.in_person, [1, 1, 0]);
    assert.deepEqual(c.registered_mail, [1, 1, 0]);
    assert.deepEqual(c.email, [1, 0, 1]);
  });

  test('cache: the same figures for a minute, then recomputed; another calendar recomputes at once', async () => {
    // An organisation outside the county tree, so the figures of the other tests stay as they are.
    const x = await s.ctx.db.execute<{ id: number }>(sql`insert into org_units (name, kind, region_code, org_code) values ('缓存测试单位', 'department', '360000', '987654321') returning id`);
    const id = Number(x.rows[0]!.id);
    const orgs = [{ id, name: '缓存测试单位' }];
    const input = { period: { from: '2026-01-01', to: '2026-12-31', label: '2026年' }, orgIds: orgs.map((o) => o.id), orgs };
    const cal = await s.ctx.calendar.get();
    const t0 = 1_800_000_000_000;
    const a = await cachedStats(s.ctx.db, cal, input, t0);
    assert.equal(a.total.received, 0);
    await insertCase(s.ctx.db, s.ctx, { orgId: id, receivedOn: '2026-06-01', statutoryDueOn: '2026-06-29' });
    assert.equal((await cachedStats(s.ctx.db, cal, input, t0 + 59_000)).total.received, 0, 'cached');
    assert.equal((await cachedStats(s.ctx.db, cal, input, t0 + 61_000)).total.received, 1, 'recomputed after a minute');
    await insertCase(s.ctx.db, s.ctx, { orgId: id, receivedOn: '2026-06-02', statutoryDueOn: '2026-06-30' });
    s.ctx.calendar.invalidate();
    assert.equal((await cachedStats(s.ctx.db, await s.ctx.calendar.get(), input, t0 + 62_000)).total.received, 2, 'a new calendar object recomputes');
  });

  test('a date range: carried over means open at the end of the range', async () => {
    const orgs = (await listOrgs(s.ctx.db)).filter((o) => o.name !== '缓存测试单位').map((o) => ({ id: o.id, name: o.name }));
    const r = await computeStats(s.ctx.db, await s.ctx.calendar.get(), { period: { from: '2026-11-01', to: '2026-11-15', label: '' }, orgIds: orgs.map((o) => o.id), orgs });
    assert.deepEqual(pick(r.total), [4, 0, 0, 0, null, 5]);
  });

  test('page: figures and accessible tables; the scope follows the grants', async () => {
    const gkb = new Client(s.baseUrl);
    await gkb.login('gkb', s.password('gkb'));
    const page = await gkb.get('/admin/requests/stats?year=2026');
    assert.equal(page.status, 200);
    assert.match(page.text, /<caption>各机构办理情况（2026年）<\/caption>/);
    assert.match(page.text, /<th scope="row">云溪县教育体育局<\/th><td>4<\/td><td>4<\/td><td>2 \/ 3<\/td><td>66\.7%<\/td><td>10<\/td><td>1<\/td>/);
    assert.match(page.text, /75\.0%/);
    assert.match(page.text, /9\.5 个工作日/);

    const bad = await gkb.get('/admin/requests/stats?from=2026-05-01&to=2026-04-01');
    assert.equal(bad.status, 422);
    assert.match(bad.text, /截止日期不能早于起始日期/);
    assert.match(bad.text, /value="2026-05-01"/);

    // The bureau's reviewer sees the bureau only; another organisation is refused.
    const shr = new Client(s.baseUrl);
    await shr.login('shr', s.password('shr'));
    const own = await shr.get('/admin/requests/stats?year=2026');
    assert.equal(own.status, 200);
    assert.match(own.text, /统计范围：云溪县教育体育局/);
    assert.ok(!own.text.includes('云溪县财政局'));
    assert.match(own.text, /<dt>收到申请<\/dt><dd>4 件<\/dd>/);
    assert.equal((await shr.get(`/admin/requests/stats?year=2026&org=${org['县财政局']}`)).status, 403);
    assert.equal((await shr.get(`/admin/requests/stats.csv?year=2026&org=${org['县财政局']}`)).status, 403);

    // A clerk has no statistics permission at all.
    const cbr = new Client(s.baseUrl);
    await cbr.login('cbr', s.password('cbr'));
    assert.equal((await cbr.get('/admin/requests/stats')).status, 403);
    assert.equal((await cbr.get('/admin/requests/stats.csv')).status, 403);
  });

  test('CSV export: UTF-8 with BOM, same figures, formula-looking names neutralised', async () => {
    const gkb = new Client(s.baseUrl);
    await gkb.login('gkb', s.password('gkb'));
    const res = await fetch(`${s.baseUrl}/admin/requests/stats.csv?year=2026`, { headers: { cookie: (gkb as unknown as { cookieHeader(): string }).cookieHeader() } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv; charset=utf-8/);
    assert.match(res.headers.get('content-disposition') ?? '', /requests-stats-20260101-20261231\.csv/);
    const buf = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = buf.subarray(3).toString('utf8');
    assert.match(text, /\r\n合计,5,5,3\/4,75\.0%,9\.5,2\r\n/);
    assert.match(text, /\r\n云溪县教育体育局,4,4,2\/3,66\.7%,10,1\r\n/);
    assert.match(text, /\r\n"'=HYPERLINK\(""http:\/\/evil\.example""\)",0,0,0\/0,—,—,0\r\n/);
    assert.match(text, /（三）不予公开,属于国家秘密,1/);
    const bad = await gkb.get('/admin/requests/stats.csv?year=1999');
    assert.equal(bad.status, 422);
  });

  test('reminders page: my reminders (overdue unassigned case reaches the unit\'s clerk); only managers may run them now', async () => {
    const cbr = new Client(s.baseUrl);
    await cbr.login('cbr', s.password('cbr'));
    const page = await cbr.get('/admin/requests/reminders');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>我的依申请公开提醒<\/h1>/);
    assert.match(page.text, /共 1 项<strong>，其中 1 项已超过法定答复期限<\/strong>/);
    assert.match(page.text, /本单位承办人（案件尚未指定承办人）/);
    assert.equal((await cbr.post('/admin/requests/reminders/run', {})).status, 403);

    const gkb = new Client(s.baseUrl);
    await gkb.login('gkb', s.password('gkb'));
    await gkb.get('/admin/requests/reminders');
    const ran = await gkb.post('/admin/requests/reminders/run', {});
    assert.equal(ran.status, 200);
    // No SMTP server in this test: the reminders are recorded, the e-mails fail and will be retried.
    assert.match(ran.text, /已执行 2026-12-31 的到期提醒：新记录提醒 3 条，发送汇总邮件 0 封，3 人邮件发送失败（下次执行时重试）。/);
    const audit = await s.ctx.db.execute<{ summary: Record<string, unknown> }>(sql`select summary from audit_log where action = 'request.reminders_run'`);
    assert.deepEqual(audit.rows.map((r) => [r.summary.recorded, r.summary.failed]), [[3, 3]]);
  });

  test('reminder lead per organisation: managers set it (checked, audited), the planner reads it', async () => {
    const gkb = new Client(s.baseUrl);
    await gkb.login('gkb', s.password('gkb'));
    const page = await gkb.get('/admin/requests/reminders');
    assert.match(page.text, /<h2 id="h-lead">提前提醒天数<\/h2>/);
    const bad = await gkb.post('/admin/requests/reminders/settings', { org: String(org['县教体局']), days: '30' });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /提前提醒天数应为 0 至 20 之间的整数（工作日）/);
    assert.match(bad.text, /value="30"/);
    const ok = await gkb.post('/admin/requests/reminders/settings', { org: String(org['县教体局']), days: '5' });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /已将云溪县教育体育局的提前提醒天数设为 5 个工作日。/);
    assert.match(ok.text, /<td>云溪县教育体育局<\/td><td>5<\/td>/);
    const settings = await loadSettings(s.ctx.db, [org['县教体局']]);
    assert.equal(settings.remindDays.get(org['县教体局']), 5);
    const audit = await s.ctx.db.execute<{ summary: Record<string, unknown> }>(sql`select summary from audit_log where action = 'request.remind_days_set'`);
    assert.deepEqual(audit.rows.map((r) => [r.summary.before, r.summary.after]), [[null, 5]]);

    const shr = new Client(s.baseUrl);
    await shr.login('shr', s.password('shr'));
    await shr.get('/admin/requests/reminders');
    assert.equal((await shr.post('/admin/requests/reminders/settings', { org: String(org['县教体局']), days: '1' })).status, 403);
  });
});
