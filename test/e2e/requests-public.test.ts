// 依申请公开 public pages in a real browser, in every view (normal, 长者模式 ×2, 繁体): /ysqgk/, the
// application form (and its error state), the confirmation page, the receipt, tracking (form and
// result) — zero WCAG 2.1 A/AA violations, 长者模式 rules met. Plus a keyboard-only application.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, checkA11y, checkElder, screenshot, tabUntil, focused, VIEWS, type View } from '../support/browser.ts';
import { insertRecord } from '../support/catalog-public.ts';
import { answerChallenge, fillApplication } from '../support/requests-browser.ts';
import { listOrgs } from '../../src/modules/org/repo.ts';

let s: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let edu = 0;

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  edu = (await listOrgs(s.ctx.db)).find((o) => o.shortName === '县教体局')!.id;
  await insertRecord(s.ctx.db, { orgId: edu, title: '云溪县2025年义务教育学校校舍维修项目招标公告', keywords: '校舍维修 招标', publishedAt: '2025-04-01T02:00:00Z' });
  context = await newContext(browser, s.baseUrl);
  page = await context.newPage();
});
after(async () => { await browser?.close(); await s?.close(); });

async function check(p: Page, label: string, view: View, shot?: string) {
  if (shot && view !== 'elder2') await screenshot(p, `${shot}-${view}`);
  await checkA11y(p, `${label} [${view}]`);
  if (view === 'elder' || view === 'elder2') await checkElder(p, `${label} [${view}]`, view);
}

const fillForm = (p: Page, description: string) => fillApplication(p, {
  orgId: edu, name: '孙丽', idNumber: '11010519491231002X', phone: '13712345678', address: '云溪县城关镇东风路2号', description,
});

for (const view of VIEWS) {
  test(`依申请公开 pages in the ${view} view`, async (t) => {
    await setView(context, s.baseUrl, view);
    await t.test(`/ysqgk/ (${view})`, async () => {
      await visit(page, '/ysqgk/');
      await check(page, '/ysqgk/', view, 'ysqgk');
      // The receipt is shown once: without its cookie the page explains where to look instead (410).
      await context.clearCookies({ name: 'gk_ysq_receipt' });
      await visit(page, '/ysqgk/receipt', 410);
      assert.match(await page.locator('main').innerText(), /查询|查詢/);
      await check(page, '/ysqgk/receipt (gone)', view);
    });
    await t.test(`/ysqgk/apply and its error state (${view})`, async () => {
      await visit(page, '/ysqgk/apply');
      await check(page, '/ysqgk/apply', view, 'ysqgk-apply');
      await page.locator('#f-applicantName').fill('孙丽');
      await page.locator('.apply-form button[type="submit"]').click();
      await page.waitForLoadState('load');
      assert.match(await page.locator('.error-summary').innerText(), /请选择受理申请的行政机关|請選擇受理申請的行政機關/);
      // What was typed comes back exactly as typed, in every view (the 繁体 conversion skips field values).
      assert.equal(await page.locator('#f-applicantName').inputValue(), '孙丽');
      await check(page, '/ysqgk/apply (errors)', view, 'ysqgk-apply-errors');
    });
    let trackingNo = '';
    let queryCode = '';
    await t.test(`confirm page and receipt (${view})`, async () => {
      await fillForm(page, `2025年义务教育学校校舍维修项目招标结果（${view}）`);
      await answerChallenge(page);
      await page.locator('.apply-form button[type="submit"]').click();
      await page.waitForLoadState('load');
      assert.match(await page.locator('h1').innerText(), /确认申请内容|確認申請內容/);
      assert.ok(await page.locator('a[href^="/xxgk/"]', { hasText: /校舍/ }).count() >= 1, 'a matching published record is offered');
      await check(page, 'confirm', view, 'ysqgk-confirm');
      await page.locator('button[name="_step"][value="submit"]').click();
      await page.waitForLoadState('load');
      assert.ok(page.url().endsWith('/ysqgk/receipt'), page.url());
      const codes = await page.locator('.receipt .code').allInnerTexts();
      [trackingNo, queryCode] = codes;
      assert.match(queryCode, /^.{5}-.{5}$/);
      assert.equal(await page.locator('button.js-print').isVisible(), true, 'the print button appears with JavaScript');
      await check(page, 'receipt', view, 'ysqgk-receipt');
    });
    await t.test(`/ysqgk/track form and result (${view})`, async () => {
      await visit(page, '/ysqgk/track');
      await check(page, '/ysqgk/track', view, 'ysqgk-track');
      await page.locator('#f-trackingNo').fill(trackingNo);
      await page.locator('#f-queryCode').fill('AAAAA-AAAAA');
      await page.locator('form[action="/ysqgk/track"] button[type="submit"]').click();
      await page.waitForLoadState('load');
      assert.match(await page.locator('.error-summary').innerText(), /受理编号或查询码不正确|受理編號或查詢碼不正確/);
      await check(page, '/ysqgk/track (not found)', view);
      await page.locator('#f-queryCode').fill(queryCode);
      await page.locator('form[action="/ysqgk/track"] button[type="submit"]').click();
      await page.waitForLoadState('load');
      assert.match(await page.locator('h1').innerText(), /^(办理进度|辦理進度)$/);
      assert.match(await page.locator('main').innerText(), new RegExp(trackingNo));
      await check(page, '/ysqgk/track (result)', view, 'ysqgk-track-result');
    });
  });
}

test('keyboard only: apply from the first field to the receipt', async () => {
  await setView(context, s.baseUrl, 'normal');
  const p = await context.newPage();
  await visit(p, '/ysqgk/apply');
  const typeInto = async (id: string, text: string) => {
    await tabUntil(p, (f) => f.id === id, `#${id}`);
    await p.keyboard.type(text);
  };
  await tabUntil(p, (f) => f.id === 'f-orgId', '#f-orgId');
  // A select changes with the arrow keys while focused; step until the 县教体局 is chosen.
  for (let i = 0; i < 20 && (await p.locator('#f-orgId').inputValue()) !== String(edu); i++) await p.keyboard.press('ArrowDown');
  assert.equal(await p.locator('#f-orgId').inputValue(), String(edu));
  await tabUntil(p, (f) => f.id === 'f-applicantType', '#f-applicantType');
  await p.keyboard.press('ArrowDown');
  assert.equal(await p.locator('#f-applicantType').inputValue(), 'natural');
  await typeInto('f-applicantName', '孙丽');
  await tabUntil(p, (f) => f.id === 'f-idType', '#f-idType');
  await p.keyboard.press('ArrowDown');
  assert.equal(await p.locator('#f-idType').inputValue(), 'id_card');
  await typeInto('f-idNumber', '11010519491231002X');
  await typeInto('f-phone', '13712345678');
  await typeInto('f-address', '云溪县城关镇东风路2号');
  await typeInto('f-infoDescription', '城关镇第二小学操场改造工程的验收报告');
  await tabUntil(p, (f) => f.id === 'f-forms', '#f-forms');
  await p.keyboard.press('Space');
  await tabUntil(p, (f) => f.name === 'delivery', 'the delivery radios');
  await p.keyboard.press('Space');
  assert.equal(await p.locator('input[name="delivery"]:checked').count(), 1);
  const q = await p.locator('label[for="f-challengeAnswer"]').innerText();
  const m = /(\d) (加|减) (\d)/.exec(q)!;
  assert.ok(m, q);
  await typeInto('f-challengeAnswer', String(m[2] === '加' ? Number(m[1]) + Number(m[3]) : Number(m[1]) - Number(m[3])));
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.keyboard.press('Enter')]);
  assert.match(await p.locator('h1').innerText(), /确认申请内容/, await p.locator('main').innerText());
  await tabUntil(p, (f) => f.tag === 'button' && /确认提交申请/.test(f.text), 'the submit button');
  await Promise.all([p.waitForURL('**/ysqgk/receipt', { waitUntil: 'load' }), p.keyboard.press('Enter')]);
  assert.equal((await p.locator('.receipt .code').allInnerTexts()).length, 2);
  assert.ok(await focused(p) !== undefined);
  await p.close();
});

test('without JavaScript: the 更正 field appears only when 更正 is chosen, and comes back as typed', async () => {
  const ctx = await newContext(browser, s.baseUrl, { javaScriptEnabled: false });
  const p = await ctx.newPage();
  await visit(p, '/ysqgk/apply');
  const detail = p.locator('#f-correctionDetail');
  assert.equal(await detail.isVisible(), false, 'hidden for a disclosure request (the default)');
  await p.locator('input[name="kind"][value="correction"]').check();
  assert.equal(await detail.isVisible(), true, 'shown by CSS alone once 更正 is chosen');
  const typed = '县教体局公示的资助名单中本人姓名写为孙莉，应为孙丽。';
  await detail.fill(typed);
  await p.locator('input[name="kind"][value="disclosure"]').check();
  assert.equal(await detail.isVisible(), false, 'hidden again');
  await p.locator('input[name="kind"][value="correction"]').check();
  assert.equal(await detail.inputValue(), typed);

  // Sent with an error elsewhere: the form comes back with the kind, the field and the text.
  await fillApplication(p, { orgId: edu, name: '孙丽', idNumber: '11010519491231002X', phone: '', address: '云溪县城关镇东风路2号', description: '2025年学生资助公示名单' });
  await p.locator('input[name="kind"][value="correction"]').check();
  await answerChallenge(p);
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.locator('form.apply-form button[type="submit"]').click()]);
  assert.match(await p.locator('.error-summary').innerText(), /请填写联系电话/);
  assert.equal(await p.locator('input[name="kind"][value="correction"]').isChecked(), true);
  assert.equal(await detail.isVisible(), true);
  assert.equal(await detail.inputValue(), typed);

  // A disclosure request keeps the text too (hidden, not checked, not sent on as a correction).
  await p.locator('input[name="kind"][value="disclosure"]').check();
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.locator('form.apply-form button[type="submit"]').click()]);
  assert.equal(await detail.isVisible(), false);
  assert.equal(await detail.inputValue(), typed);
  assert.doesNotMatch(await p.locator('.error-summary').innerText(), /更正/);
  await ctx.close();

  // axe needs script: the form with the 更正 fieldset shown, checked where JavaScript runs.
  await setView(context, s.baseUrl, 'normal');
  const withJs = await context.newPage();
  await visit(withJs, '/ysqgk/apply');
  await withJs.locator('input[name="kind"][value="correction"]').check();
  assert.equal(await withJs.locator('#f-correctionDetail').isVisible(), true);
  await checkA11y(withJs, '/ysqgk/apply with 更正 chosen');
  await withJs.close();
});

test('staff intake pages in every view: registration form (and its errors), tracking-number formats', async (t) => {
  const { login } = await import('../support/browser.ts');
  for (const [user, path, form] of [['cbr', '/admin/requests/new', 'form[action="/admin/requests/new"]'], ['gkb', '/admin/requests/settings', 'form[action="/admin/requests/settings"]']] as const) {
    const ctx2 = await newContext(browser, s.baseUrl);
    const p = await ctx2.newPage();
    await login(p, user, s.password(user));
    for (const view of VIEWS) {
      await t.test(`${path} as ${user} (${view})`, async () => {
        await setView(ctx2, s.baseUrl, view);
        await visit(p, path);
        await check(p, path, view, `requests-${user}-${path.split('/').pop()}`);
        await p.locator(`${form} button[type="submit"]`).click();
        await p.waitForLoadState('load');
        assert.ok(await p.locator('.error-summary').count(), 'the empty form is refused with a summary');
        await check(p, `${path} (errors)`, view);
      });
    }
    await ctx2.close();
  }
});
