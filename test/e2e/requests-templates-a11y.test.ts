// The 文书模板 screens in every view: the list, the edit page with its HTML preview, and a refused
// save (unknown placeholder) — zero WCAG 2.1 A/AA violations and the 长者模式 rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';

let s: TestServer;
let browser: Browser;

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
});
after(async () => { await browser?.close(); await s?.close(); });

test('文书模板 list and edit pages, every view, with a preview and a refused save', async (t) => {
  const context: BrowserContext = await newContext(browser, s.baseUrl);
  const page: Page = await context.newPage();
  await login(page, 'gkb', s.password('gkb'));
  for (const view of VIEWS) {
    await t.test(view, async () => {
      await setView(context, s.baseUrl, view);
      await visit(page, '/admin/requests/templates');
      assert.match(await page.locator('main h1').innerText(), /文书模板|文書模板/);
      await checkA11y(page, `/admin/requests/templates [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(page, `/admin/requests/templates [${view}]`, view);
      await visit(page, '/admin/requests/templates/correction_notice?org=default');
      await checkA11y(page, `/admin/requests/templates/correction_notice [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(page, `/admin/requests/templates/correction_notice [${view}]`, view);
    });
  }
  await t.test('preview and a refused save, without JavaScript needs', async () => {
    await setView(context, s.baseUrl, 'normal');
    await visit(page, '/admin/requests/templates/correction_notice?org=default');
    await page.locator('button[value="preview"]').click();
    await page.waitForLoadState('load');
    assert.ok(await page.locator('#preview-title').count(), 'the preview is shown');
    await screenshot(page, 'requests-template-preview');
    await checkA11y(page, 'template preview');
    await page.locator('#f-body').fill('{申请人}：\n请于{截止}前补正。');
    await page.locator('button[value="save"]').click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('.error-summary').innerText(), /未知的占位符：\{截止\}/);
    await checkA11y(page, 'template with a form error');
  });
  await context.close();
});
