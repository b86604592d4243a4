// Public pages in every view (normal, 长者模式 ×2, 繁体): zero WCAG 2.1 A/AA violations, and the
// 长者模式 rules (type size, line height, 60px targets, no pop-ups) measured in the real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, viewOf, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';

const PAGES: { path: string; status: number; shot?: string }[] = [
  { path: '/', status: 200, shot: 'home' },
  { path: '/login', status: 200 },
  { path: '/xxgk/', status: 200 },
  { path: '/xxgk/zn/', status: 200 },
  { path: '/ysqgk/', status: 200 },
  { path: '/xxgk/zd/', status: 200 },
  { path: '/xxgk/nb/', status: 200 },
  { path: '/news/', status: 200 },
  { path: '/news/1', status: 200 },
  { path: '/notices/', status: 200 },
  { path: '/accessibility', status: 200 },
  { path: '/sitemap', status: 200 },
  { path: '/contact', status: 200 },
  { path: '/no-such-page', status: 404 },
];

let s: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
before(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  context = await newContext(browser, s.baseUrl);
  page = await context.newPage();
});
after(async () => { await browser?.close(); await s?.close(); });

for (const view of VIEWS) {
  test(`public pages in the ${view} view`, async (t) => {
    await setView(context, s.baseUrl, view);
    for (const p of PAGES) {
      await t.test(`${p.path} (${view})`, async () => {
        await visit(page, p.path, p.status);
        const v = await viewOf(page);
        assert.equal(v.lang, view === 'tw' ? 'zh-TW' : 'zh-CN', 'html lang follows the variant');
        assert.equal(v.elder, view === 'elder' ? 1 : view === 'elder2' ? 2 : 0, 'body class follows 长者模式');
        if (p.shot && view !== 'elder2') await screenshot(page, `${p.shot}-${view}`);
        await checkA11y(page, `${p.path} [${view}]`);
        if (view === 'elder' || view === 'elder2') await checkElder(page, `${p.path} [${view}]`, view);
      });
    }
  });
}
