// Everything a visitor or officer needs works with JavaScript switched off: the 简/繁 and 长者模式
// switches are plain links, signing in and out are plain forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, visit, viewOf, login, setView, elderMetrics } from '../support/browser.ts';

let s: TestServer;
let browser: Browser;
before(async () => { [s, browser] = await Promise.all([startTestServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await s?.close(); });

/** Follows a preference link in the 浏览设置 bar (by where it goes, and its text) and checks we come back to the same page. */
async function switchBy(page: Page, query: string, text: RegExp): Promise<void> {
  const before = new URL(page.url());
  const a = page.locator(`nav.prefbar a[href^="/prefs?${query}&"]`);
  assert.equal(await a.count(), 1, `one /prefs?${query} link in the 浏览设置 bar on ${before.pathname}`);
  assert.match(await a.innerText(), text);
  await a.click();
  await page.waitForLoadState('load');
  const after = new URL(page.url());
  assert.equal(after.pathname + after.search, before.pathname + before.search, `/prefs?${query} returns to the same page`);
}

test('without JavaScript: switch to 繁体 and 长者模式 by the links, sign in and out', async () => {
  const context = await newContext(browser, s.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  assert.equal(await page.evaluate('1 + 1'), 2); // evaluate still works for measuring
  await visit(page, '/');
  assert.deepEqual(await viewOf(page), { lang: 'zh-CN', elder: 0 });

  await switchBy(page, 'variant=tw', /^繁體中文$/);
  assert.equal((await viewOf(page)).lang, 'zh-TW');
  assert.match(await page.locator('nav.main-nav').innerText(), /公開/, 'the navigation is in Traditional characters');
  assert.equal((await context.cookies()).find((c) => c.name === 'gk_variant')?.value, 'tw', 'the server set gk_variant=tw');

  await switchBy(page, 'elder=1', /^長者模式$/);
  assert.deepEqual(await viewOf(page), { lang: 'zh-TW', elder: 1 });
  assert.equal((await elderMetrics(page)).bodyFontPx, 20);

  await switchBy(page, 'elder=2', /^字號再大一些$/);
  assert.equal((await viewOf(page)).elder, 2);
  assert.equal((await elderMetrics(page)).bodyFontPx, 24);

  // The choices survive signing in, and the back office has the same switches.
  assert.equal(await login(page, 'gkb', s.password('gkb')), '/admin/');
  assert.deepEqual(await viewOf(page), { lang: 'zh-TW', elder: 2 });
  await switchBy(page, 'elder=0', /^退出長者模式$/);
  assert.deepEqual(await viewOf(page), { lang: 'zh-TW', elder: 0 });
  await switchBy(page, 'variant=cn', /^简体中文$/);
  assert.deepEqual(await viewOf(page), { lang: 'zh-CN', elder: 0 });
  assert.match(await page.locator('main').innerText(), /\S/, 'the admin home has content');

  await page.locator('form[action="/logout"] button[type="submit"]').click();
  await page.waitForLoadState('load');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal((await context.cookies()).find((c) => c.name === 'gk_sid'), undefined);
  await context.close();
});

test('without JavaScript: the view cookies alone give the right pages', async () => {
  const context = await newContext(browser, s.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  await setView(context, s.baseUrl, 'elder');
  await visit(page, '/xxgk/');
  assert.deepEqual(await viewOf(page), { lang: 'zh-CN', elder: 1 });
  await setView(context, s.baseUrl, 'tw');
  await visit(page, '/xxgk/');
  assert.deepEqual(await viewOf(page), { lang: 'zh-TW', elder: 0 });
  await context.close();
});

test('a preference link never redirects off the site', async () => {
  const context = await newContext(browser, s.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/prefs?variant=tw&next=' + encodeURIComponent('//evil.example/x'));
  assert.equal(new URL(page.url()).host, new URL(s.baseUrl).host, 'stays on this site');
  await context.close();
});
