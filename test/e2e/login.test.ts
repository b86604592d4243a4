// Signing in and out with the keyboard alone, the Secure session cookie over http://localhost,
// and the error path of a wrong password.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, visit, focused, describeFocus, focusVisible, tabUntil, checkA11y } from '../support/browser.ts';

let s: TestServer;
let browser: Browser;
// COOKIE_SECURE stays at its default (true): Chromium must keep Secure cookies on http://localhost.
before(async () => { [s, browser] = await Promise.all([startTestServer(), launchBrowser()]); });
after(async () => { await browser?.close(); await s?.close(); });

test('sign in and out using only the keyboard', async () => {
  const context = await newContext(browser, s.baseUrl);
  const page = await context.newPage();
  await visit(page, '/login');

  // The first Tab lands on the skip link, which becomes visible on screen.
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  assert.ok(skip, 'the first Tab focuses something');
  assert.match(skip.classes, /skip-link/, `the first Tab should land on the skip link, got ${describeFocus(skip)}`);
  assert.equal(skip.href, '#main');
  assert.ok(focusVisible(skip), 'the skip link shows its focus');
  const r = skip.rect;
  assert.ok(r.width > 0 && r.height > 0 && r.x >= 0 && r.y >= 0 && r.x + r.width <= skip.viewport.width && r.y + r.height <= skip.viewport.height,
    `the focused skip link is on screen: ${JSON.stringify(r)}`);

  // Tab on to the user name, type; Tab to the password, type; Enter submits.
  await tabUntil(page, (f) => f.id === 'f-username', 'the user name field');
  await page.keyboard.type('admin');
  await page.keyboard.press('Tab');
  const pw = await focused(page);
  assert.equal(pw?.id, 'f-password', `Tab from the user name goes to the password, got ${describeFocus(pw)}`);
  assert.ok(focusVisible(pw!), 'the password field shows its focus');
  await page.keyboard.type(s.password('admin'));
  await Promise.all([page.waitForURL('**/admin/'), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, '/admin/');

  // The session cookie is Secure and HttpOnly, and Chromium kept it on http://localhost.
  const sid = (await context.cookies()).find((c) => c.name === 'gk_sid');
  assert.ok(sid, 'Chromium kept the Secure session cookie on http://localhost');
  assert.equal(sid.secure, true);
  assert.equal(sid.httpOnly, true);
  assert.equal(sid.sameSite, 'Lax');

  // Sign out with the keyboard: Tab to 退出登录 and press Enter.
  await page.keyboard.press('Tab');
  const first = await focused(page);
  assert.match(first?.classes ?? '', /skip-link/, `the first Tab on /admin/ lands on the skip link, got ${describeFocus(first)}`);
  await tabUntil(page, (f) => f.tag === 'button' && f.text.includes('退出登录'), 'the 退出登录 button');
  await Promise.all([page.waitForURL('**/login'), page.keyboard.press('Enter')]);
  assert.equal((await context.cookies()).find((c) => c.name === 'gk_sid'), undefined, 'the session cookie is gone');
  const back = await page.goto('/admin/');
  assert.equal(new URL(page.url()).pathname, '/login', 'signed out: /admin/ sends back to the login page');
  assert.equal(back?.status(), 200);
  await context.close();
});

test('the skip link moves focus to the main content', async () => {
  const context = await newContext(browser, s.baseUrl);
  const page = await context.newPage();
  await visit(page, '/login');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const f = await focused(page);
  assert.equal(f?.id, 'main', `after the skip link, focus is on main, got ${describeFocus(f)}`);
  await page.keyboard.press('Tab');
  const next = await focused(page);
  assert.ok(next && await page.evaluate('document.activeElement.closest("main") !== null'), `the next Tab stays in main, got ${describeFocus(next)}`);
  await context.close();
});

test('a wrong password shows the Chinese error summary, focuses it, and keeps the user name', async () => {
  const context = await newContext(browser, s.baseUrl);
  const page = await context.newPage();
  await visit(page, '/login');
  await page.locator('#f-username').fill('gkb');
  await page.locator('#f-password').fill('Wrong-pass-123!');
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
    page.locator('form[action="/login"] button[type="submit"]').click(),
  ]);
  assert.equal(res.status(), 401);
  await page.waitForLoadState('load');
  const summary = page.locator('.error-summary');
  assert.equal(await summary.count(), 1, 'one error summary');
  assert.match(await summary.innerText(), /用户名或密码错误/);
  assert.equal(await summary.getAttribute('role'), 'alert');
  const f = await focused(page);
  assert.match(f?.classes ?? '', /error-summary/, `focus moved to the error summary, got ${describeFocus(f)}`);
  assert.equal(await page.locator('#f-username').inputValue(), 'gkb', 'the user name is kept');
  assert.equal(await page.locator('#f-password').inputValue(), '', 'the password is not written back');
  assert.equal((await context.cookies()).find((c) => c.name === 'gk_sid'), undefined, 'no session');
  await checkA11y(page, '/login with an error');
  await context.close();
});
