// 依申请公开统计 and 我的提醒 in every view: zero WCAG 2.1 A/AA violations and the 长者模式 rules,
// with figures in the tables (cases inserted directly), a refused filter, and the reminders list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, checkElder, VIEWS } from '../support/browser.ts';
import { listOrgs } from '../../src/modules/org/repo.ts';
import { insertCase } from '../../src/modules/requests/jobs.fixtures.ts';
import { beijingToday } from '../../src/platform/time/index.ts';
import { addDays } from '../../src/calendar/index.ts';

let s: TestServer;
let browser: Browser;

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  const edu = (await listOrgs(s.ctx.db)).find((o) => o.shortName === '县教体局')!.id;
  const today = beijingToday(s.ctx.now());
  const year = today.slice(0, 4);
  await insertCase(s.ctx.db, s.ctx, { orgId: edu, status: 'closed', receivedOn: `${year}-03-02`, repliedOn: `${year}-03-16`, statutoryDueOn: `${year}-03-30`, outcome: '2', channel: 'in_person' });
  await insertCase(s.ctx.db, s.ctx, { orgId: edu, status: 'closed', receivedOn: `${year}-03-03`, repliedOn: `${year}-04-20`, statutoryDueOn: `${year}-03-31`, outcome: '3.4' });
  await insertCase(s.ctx.db, s.ctx, { orgId: edu, receivedOn: addDays(today, -40), statutoryDueOn: addDays(today, -5), infoDescription: '县城区学校学位分配方案及依据' });
});
after(async () => { await browser?.close(); await s?.close(); });

test('statistics and reminders pages, every view', async (t) => {
  const context: BrowserContext = await newContext(browser, s.baseUrl);
  const page: Page = await context.newPage();
  await login(page, 'gkb', s.password('gkb'));
  for (const view of VIEWS) {
    await t.test(view, async () => {
      await setView(context, s.baseUrl, view);
      await visit(page, '/admin/requests/stats');
      assert.match(await page.locator('main h1').innerText(), /依申请公开统计|依申請公開統計/);
      assert.ok(await page.locator('table caption').count() >= 4, 'captioned tables');
      await checkA11y(page, `/admin/requests/stats [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(page, `/admin/requests/stats [${view}]`, view);
      await visit(page, '/admin/requests/stats?from=2026-05-01&to=2026-04-01', 422);
      assert.ok(await page.locator('.error-summary').count(), 'the error summary is shown');
      await checkA11y(page, `/admin/requests/stats refused [${view}]`);
      await visit(page, '/admin/requests/reminders');
      assert.ok(await page.locator('table').first().count());
      await checkA11y(page, `/admin/requests/reminders [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(page, `/admin/requests/reminders [${view}]`, view);
    });
  }
  await context.close();
});
