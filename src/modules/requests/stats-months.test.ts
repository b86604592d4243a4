// The statistics page's chart: month by month, received / closed / on time follow exactly the rules of
// stats.ts (each month equals computeStats over that month; the months add up to the period), and the
// page shows the chart as an accessible SVG with the same numbers in its table.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { listOrgs } from '../org/repo.ts';
import { computeStats } from './stats.ts';
import { cachedMonthlyStats, monthlyStats } from './stats-months.repo.ts';
import { insertCase } from './jobs.fixtures.ts';

describe('statistics by month (PostgreSQL)', () => {
  let s: TestServer;
  const org: Record<string, number> = {};
  let orgs: { id: number; name: string }[];

  before(async () => {
    s = await startTestServer();
    s.ctx.now = () => new Date('2026-12-31T02:00:00Z');
    for (const o of await listOrgs(s.ctx.db)) org[o.shortName ?? o.name] = o.id;
    orgs = (await listOrgs(s.ctx.db)).map((o) => ({ id: o.id, name: o.name }));
    const { db } = s.ctx;
    const edu = org['县教体局'];
    const fin = org['县财政局'];
    const closed = { status: 'closed' } as const;
    await insertCase(db, s.ctx, { ...closed, orgId: edu, receivedOn: '2026-03-02', repliedOn: '2026-03-16', statutoryDueOn: '2026-03-30', outcome: '1' });
    await insertCase(db, s.ctx, { ...closed, orgId: edu, receivedOn: '2026-03-03', repliedOn: '2026-04-20', statutoryDueOn: '2026-03-31', outcome: '2' });
    await insertCase(db, s.ctx, { ...closed, orgId: fin, receivedOn: '2025-12-29', repliedOn: '2026-01-09', statutoryDueOn: '2026-01-27', outcome: '4.1' });
    // Closed without a reply at 00:30 Beijing time on 1 July (30 June in UTC): a July closing.
    await insertCase(db, s.ctx, { ...closed, orgId: edu, receivedOn: '2026-06-01', closedAt: '2026-06-30T16:30:00Z', outcome: '6.1' });
    await insertCase(db, s.ctx, { orgId: fin, receivedOn: '2026-12-28', statutoryDueOn: '2027-01-26' });
    await insertCase(db, s.ctx, { orgId: edu, receivedOn: '2026-07-15', statutoryDueOn: '2026-08-12' });
    // Never counted: a correction request, a case not yet received, one after the period.
    await insertCase(db, s.ctx, { ...closed, kind: 'correction', orgId: edu, receivedOn: '2026-03-02', repliedOn: '2026-03-09', statutoryDueOn: '2026-03-30', outcome: 'corrected' });
    await insertCase(db, s.ctx, { orgId: edu, status: 'submitted', receivedOn: null });
    await insertCase(db, s.ctx, { orgId: edu, receivedOn: '2027-01-05', statutoryDueOn: '2027-02-02' });
  });
  after(() => s.close());

  const year = { from: '2026-01-01', to: '2026-12-31', label: '2026年' };

  test('each month equals the statistics computed for that month, and the months add up to the year', async () => {
    const ids = orgs.map((o) => o.id);
    const lines = await monthlyStats(s.ctx.db, { period: year, orgIds: ids });
    assert.equal(lines.length, 12);
    assert.deepEqual(lines.map((l) => [l.month, l.received, l.closed, l.onTime]).filter(([, r, c]) => r || c), [
      ['2026-01', 0, 1, 1], ['2026-03', 2, 1, 1], ['2026-04', 0, 1, 0], ['2026-06', 1, 0, 0], ['2026-07', 1, 1, 0], ['2026-12', 1, 0, 0],
    ]);
    const cal = await s.ctx.calendar.get();
    const total = (await computeStats(s.ctx.db, cal, { period: year, orgIds: ids, orgs })).total;
    const sum = (k: 'received' | 'closed' | 'judged' | 'onTime') => lines.reduce((a, l) => a + l[k], 0);
    assert.deepEqual([sum('received'), sum('closed'), sum('judged'), sum('onTime')], [total.received, total.closed, total.judged, total.onTime]);
    for (const l of lines) {
      const last = new Date(Date.UTC(Number(l.month.slice(0, 4)), Number(l.month.slice(5, 7)), 0)).toISOString().slice(0, 10);
      const m = (await computeStats(s.ctx.db, cal, { period: { from: `${l.month}-01`, to: last, label: '' }, orgIds: ids, orgs })).total;
      assert.deepEqual([l.received, l.closed, l.judged, l.onTime], [m.received, m.closed, m.judged, m.onTime], l.month);
    }
  });

  test('a date range starts and ends inside months; the organisation scope applies', async () => {
    const lines = await monthlyStats(s.ctx.db, { period: { from: '2026-03-03', to: '2026-04-19', label: '' }, orgIds: [org['县教体局']] });
    assert.deepEqual(lines.map((l) => [l.label, l.received, l.closed]), [['2026年3月', 1, 1], ['2026年4月', 0, 0]]);
    const fin = await monthlyStats(s.ctx.db, { period: year, orgIds: [org['县财政局']] });
    assert.deepEqual([fin.reduce((a, l) => a + l.received, 0), fin.reduce((a, l) => a + l.closed, 0)], [1, 1]);
  });

  test('cached with the figures beside it: recomputed only when their stamp changes', async () => {
    const input = { period: year, orgIds: [org['县卫健委'] ?? orgs[orgs.length - 1]!.id] };
    const a = await cachedMonthlyStats(s.ctx.db, input, 1);
    await insertCase(s.ctx.db, s.ctx, { orgId: input.orgIds[0]!, receivedOn: '2026-05-06', statutoryDueOn: '2026-06-03' });
    assert.equal((await cachedMonthlyStats(s.ctx.db, input, 1)), a, 'same stamp, same answer');
    const b = await cachedMonthlyStats(s.ctx.db, input, 2);
    assert.equal(b.find((l) => l.month === '2026-05')!.received, a.find((l) => l.month === '2026-05')!.received + 1);
  });

  test('page: the chart is an SVG with its name and title, and its table has the same numbers', async () => {
    const gkb = new Client(s.baseUrl);
    await gkb.login('gkb', s.password('gkb'));
    const page = await gkb.get('/admin/requests/stats?year=2026&org=' + org['县教体局']);
    assert.equal(page.status, 200);
    const fig = page.text.match(/<figure class="chart"[\s\S]*?<\/figure>/)?.[0] ?? '';
    assert.match(fig, /<svg role="img" aria-label="各月收到、办结和按期答复的申请（2026年）（收到申请、办结、按期答复，单位：件；数据见下表）"/);
    assert.match(fig, /<title id="stats-months-title">各月收到、办结和按期答复的申请（2026年）<\/title>/);
    assert.match(fig, /viewBox="0 0 720 360"/);
    assert.ok(!/\sstyle=|<style/.test(fig), 'nothing the CSP blocks');
    assert.match(fig, /<caption>各月收到、办结和按期答复的申请（2026年）（数据表）<\/caption>/);
    const rows = [...fig.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><\/tr>/g)].map((m) => m.slice(1).join(' '));
    assert.equal(rows.length, 12);
    assert.deepEqual(rows.filter((r) => !r.endsWith(' 0 0 0')), ['2026年3月 2 1 1', '2026年4月 0 1 0', '2026年6月 1 0 0', '2026年7月 1 1 0']);
    // The same totals as the summary of the page (cached figures and chart agree).
    assert.match(page.text, /<dt>收到申请<\/dt><dd>4 件<\/dd>/);
    assert.match(page.text, /<dt>办结<\/dt><dd>3 件<\/dd>/);
  });
});
