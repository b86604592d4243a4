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
      // The monthly chart: an image with its name (checked by axe with the page, CSP violations included).
      assert.equal(await page.locator('figure.chart svg[role="img"][aria-label]').count(), 1, 'the chart is there');
      assert.ok((await page.locator('figure.chart svg').boundingBox())!.height > 100, 'the chart is drawn');
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

test('the chart at 390 px: as wide as the screen, nothing scrolls sideways; drawn without JavaScript', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await newContext(browser, s.baseUrl, { viewport: { width: 390, height: 844 }, javaScriptEnabled });
    const page = await context.newPage();
    await login(page, 'gkb', s.password('gkb'));
    await visit(page, '/admin/requests/stats');
    const box = (await page.locator('figure.chart svg').boundingBox())!;
    assert.ok(box.width > 300 && box.x + box.width <= 390, `chart box ${JSON.stringify(box)}`);
    assert.ok(Math.abs(box.height - box.width / 2) < 2, 'height follows the viewBox');
    // axe and the page measurements run scripts in the page: only where JavaScript is on.
    if (javaScriptEnabled) {
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scrolling');
      await checkA11y(page, '/admin/requests/stats [390px]');
    }
    await context.close();
  }
});
