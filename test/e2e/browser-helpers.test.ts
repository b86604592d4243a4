// The browser helpers must catch what they claim to: axe violations, CSP violations, pop-ups,
// small targets and tight text in 长者模式, and an invisible focus. Pages are served by page.route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, checkA11y, checkElder, focused, focusVisible } from '../support/browser.ts';

const BASE = 'http://localhost:9';
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'";
const CSS = `body { font: 16px/1.6 sans-serif; } body.elder { font-size: 20px; line-height: 1.8; }
  body.elder a, body.elder button { display: inline-block; min-height: 60px; }
  .small { min-height: 0 !important; } .tight { line-height: 1.1; } .nofocus:focus { outline: none; }`;

let browser: Browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function serve(html: string): Promise<Page> {
  const context = await newContext(browser, BASE);
  await context.route(`${BASE}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/s.css') return route.fulfill({ contentType: 'text/css', body: CSS });
    if (url.pathname === '/s.js') return route.fulfill({ contentType: 'text/javascript', body: 'window.addEventListener("load", () => { if (document.body.dataset.popup) window.open("/x"); if (document.body.dataset.alert) alert("hi"); });' });
    return route.fulfill({ contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': CSP }, body: html });
  });
  const page = await context.newPage();
  await page.goto('/');
  return page;
}

const doc = (body: string, bodyAttrs = '') => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试</title>
  <link rel="stylesheet" href="/s.css"><script src="/s.js"></script></head><body ${bodyAttrs}><main id="main"><h1>测试页</h1>${body}</main></body></html>`;

test('a clean page passes', async () => {
  const page = await serve(doc('<p>正文</p><a href="/a">链接</a>'));
  await checkA11y(page, 'clean');
  await page.context().close();
});

test('axe violations are listed with rule id, impact and target', async () => {
  const page = await serve(doc('<img src="/x.png"><input type="text">'));
  await assert.rejects(checkA11y(page, 'broken'), (e: Error) => {
    assert.match(e.message, /\[image-alt\] \(critical\)/);
    assert.match(e.message, /\[label\]/);
    assert.match(e.message, /at img/);
    return true;
  });
  await page.context().close();
});

test('inline styles refused by the CSP are reported', async () => {
  const page = await serve(doc('<p style="color: red">正文</p>'));
  await assert.rejects(checkA11y(page, 'csp'), /\[csp\]/);
  await page.context().close();
});

test('长者模式: small targets, tight text and pop-ups are reported', async () => {
  const page = await serve(doc('<p class="tight">很挤的一段文字</p><a class="small" href="/a">小链接</a><a href="/b" target="_blank">新窗口</a>', 'class="elder elder-1" data-popup="1" data-alert="1"'));
  await assert.rejects(checkElder(page, 'elder', 'elder'), (e: Error) => {
    assert.match(e.message, /tight text: main p\.tight/);
    assert.match(e.message, /target under 60px: main a\.small "小链接"/);
    assert.match(e.message, /pop-up dialog: alert: hi/);
    assert.match(e.message, /window\.open/);
    assert.match(e.message, /target=_blank/);
    assert.doesNotMatch(e.message, /body font-size/);
    return true;
  });
  await page.context().close();
});

test('an element whose focus style is removed is detected', async () => {
  const page = await serve(doc('<a href="/a" class="nofocus">甲</a><a href="/b">乙</a>'));
  await page.keyboard.press('Tab');
  assert.equal(focusVisible((await focused(page))!), false);
  await page.keyboard.press('Tab');
  assert.equal(focusVisible((await focused(page))!), true, 'the default focus ring counts as visible');
  await page.context().close();
});
