// The review-chain screens as 政务公开办 (gkb): list, editor and the editor with errors, without
// JavaScript-dependent behaviour, with zero WCAG 2.1 A/AA violations in every view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';

let s: TestServer;
let browser: Browser;
before(async () => { [s, browser] = await Promise.all([startTestServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await s?.close(); });

test('review chain screens are accessible in every view', async (t) => {
  const context = await newContext(browser, s.baseUrl);
  const page = await context.newPage();
  await login(page, 'gkb', s.password('gkb'));
  for (const view of VIEWS) {
    await t.test(view, async () => {
      await setView(context, s.baseUrl, view);
      for (const url of ['/admin/review-chains', '/admin/review-chains/new']) {
        await visit(page, url);
        await checkA11y(page, `${url} [${view}]`);
        if (view === 'elder' || view === 'elder2') await checkElder(page, `${url} [${view}]`, view);
      }
      // Submit the editor with mistakes: errors are linked, the typed values stay.
      await page.locator('#f-name').fill('');
      await page.locator('#f-s1_name').fill('一二三四五六七八九十一二三四五六七八九十一');
      await page.locator('form.stack button[type="submit"]:not([name])').click();
      await page.waitForLoadState('load');
      assert.match(await page.locator('.error-summary').innerText(), view === 'tw' ? /請填寫流程名稱/ : /请填写流程名称/);
      assert.equal(await page.locator('#f-s1_name').inputValue(), '一二三四五六七八九十一二三四五六七八九十一'.slice(0, 20));
      await checkA11y(page, `chain editor with errors [${view}]`);
      if (view === 'normal') await screenshot(page, 'review-chain-editor-errors');
    });
  }
  await context.close();
});
