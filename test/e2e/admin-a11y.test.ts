// The back-office home for two roles (系统管理员 and 承办人) in every view: zero WCAG 2.1 A/AA
// violations, 长者模式 rules, and a screenshot of each role's home for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, viewOf, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';

let s: TestServer;
let browser: Browser;
before(async () => { [s, browser] = await Promise.all([startTestServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await s?.close(); });

for (const user of ['admin', 'cbr']) {
  test(`admin home signed in as ${user}`, async (t) => {
    const context: BrowserContext = await newContext(browser, s.baseUrl);
    const page: Page = await context.newPage();
    assert.equal(await login(page, user, s.password(user)), '/admin/');
    for (const view of VIEWS) {
      await t.test(`/admin/ as ${user} (${view})`, async () => {
        await setView(context, s.baseUrl, view);
        await visit(page, '/admin/');
        const v = await viewOf(page);
        assert.equal(v.lang, view === 'tw' ? 'zh-TW' : 'zh-CN');
        assert.equal(v.elder, view === 'elder' ? 1 : view === 'elder2' ? 2 : 0);
        assert.ok(await page.locator('main h1').count(), 'the admin home has a heading');
        if (view !== 'elder2') await screenshot(page, `admin-${user}-${view}`);
        await checkA11y(page, `/admin/ as ${user} [${view}]`);
        if (view === 'elder' || view === 'elder2') await checkElder(page, `/admin/ as ${user} [${view}]`, view);
      });
    }
    await t.test(`an unknown admin page as ${user} is a Chinese 404 in the back-office shell`, async () => {
      await setView(context, s.baseUrl, 'normal');
      await visit(page, '/admin/no-such-page', 404);
      assert.match(await page.locator('main h1').innerText(), /页面不存在/);
      await checkA11y(page, `/admin/no-such-page as ${user}`);
    });
    await context.close();
  });
}
