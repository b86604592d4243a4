// Answering a 重大 incident in a browser, without JavaScript tricks (plain form posts): the clerk
// (cbr) answers within 5 h on the government website, the unit approver (sfr) passes it, the clerk
// then records the press conference (24 h), publishes it on 回应关切 and closes the incident with an
// evaluation. The respond, response, close, referral and /hygq/ pages have zero WCAG 2.1 A/AA
// violations in every view (normal, 长者模式 ×2, 繁体); /hygq/ fits a 390 px phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, newPage, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';
import { confirmedIncident, deadlinesOf, orgIdOf } from '../../src/modules/opinion/respond.fixtures.ts';
import { findIncident, listResponses } from '../../src/modules/opinion/responses.repo.ts';

let s: TestServer;
let browser: Browser;
let id = 0;
const HOUR = 3_600_000;
const local = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16);

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  const edu = await orgIdOf(s.ctx, '县教体局');
  id = await confirmedIncident(s.ctx, { leadOrgId: edu, grade: 'major', confirmedAt: new Date(Date.now() - HOUR), title: '县第三中学食堂食品安全问题' });
});
after(async () => { await browser?.close(); await s?.close(); });

async function submit(page: Page, selector = 'form.stack button[type="submit"]') {
  await page.locator(selector).click();
  await page.waitForLoadState('load');
}

async function approveAs(sfr: Page, rid: number) {
  await visit(sfr, `/admin/opinion/${id}/responses/${rid}`);
  await sfr.locator('#f-conclusion').selectOption('pass');
  await submit(sfr);
  assert.match(await sfr.locator('.notice').innerText(), /回应已生效/);
}

test('respond within 5 h, press conference, publish, close with evaluation — accessible in every view', async (t) => {
  const clerkCtx = await newContext(browser, s.baseUrl);
  const cbr = await clerkCtx.newPage();
  await login(cbr, 'cbr', s.password('cbr'));
  const approverCtx = await newContext(browser, s.baseUrl);
  const sfr = await approverCtx.newPage();
  await login(sfr, 'sfr', s.password('sfr'));

  await t.test('first authoritative information on the website within 5 h', async () => {
    await visit(cbr, `/admin/opinion/${id}/respond`);
    assert.match(await cbr.locator('main').innerText(), /首次发布权威信息/);
    // An error first: the typed text is kept.
    await cbr.locator('#f-channel').selectOption('website');
    await cbr.locator('#f-text').fill('县市场监管局、县教体局已进驻县第三中学食堂调查，相关食材已封存送检。');
    await cbr.locator('#f-url').fill('www.yunxi.gov.cn');
    await submit(cbr);
    assert.match(await cbr.locator('.error-summary').innerText(), /回应链接应为以 http:\/\/ 或 https:\/\/ 开头的网址/);
    assert.match(await cbr.locator('#f-text').inputValue(), /相关食材已封存送检/);
    await checkA11y(cbr, 'respond form with errors');
    await cbr.locator('#f-url').fill('https://www.yunxi.gov.cn/art/2026/10/1/3.html');
    await cbr.locator('#f-respondedAt').fill(local(new Date(Date.now() - 5 * 60_000)));
    await submit(cbr);
    assert.match(await cbr.locator('.notice').innerText(), /回应已提交审核/);
    const [r] = await listResponses(s.ctx.db, id);
    await approveAs(sfr, r!.id);
    const first = (await deadlinesOf(s.ctx, id)).find((d) => d.kind === 'first_info')!;
    assert.ok(first.metAt && first.metAt < first.dueAt, 'met within 5 h');
  });

  await t.test('the press conference meets the 24 h deadline', async () => {
    await visit(cbr, `/admin/opinion/${id}/respond`);
    await cbr.locator('#f-channel').selectOption('press_conference');
    await cbr.locator('#f-text').fill('县政府新闻办召开新闻发布会，通报县第三中学食堂食品安全问题调查进展：送检样品检测结果均合格。');
    await cbr.locator('#f-respondedAt').fill(local(new Date(Date.now() - 60_000)));
    await submit(cbr);
    const rs = await listResponses(s.ctx.db, id);
    await approveAs(sfr, rs.at(-1)!.id);
    const pc = (await deadlinesOf(s.ctx, id)).find((d) => d.kind === 'press_conference')!;
    assert.equal(pc.metByResponseId, rs.at(-1)!.id);
    await visit(cbr, `/admin/opinion/${id}/respond`);
    await cbr.getByRole('button', { name: `在回应关切栏目公开：回应 ${rs.at(-1)!.id}` }).click();
    await cbr.waitForLoadState('load');
    assert.match(await cbr.locator('.notice').innerText(), /已在回应关切栏目公开/);
  });

  const [, conf] = await listResponses(s.ctx.db, id);
  for (const view of VIEWS) {
    await t.test(`pages in view ${view}`, async () => {
      await setView(clerkCtx, s.baseUrl, view);
      const elder = view === 'elder' || view === 'elder2';
      for (const [path, label] of [[`/admin/opinion/${id}/respond`, 'respond'], [`/admin/opinion/${id}/responses/${conf!.id}`, 'response'], [`/admin/opinion/${id}/close`, 'close']] as const) {
        await visit(cbr, path);
        await checkA11y(cbr, `${label} [${view}]`);
        if (elder) await checkElder(cbr, `${label} [${view}]`, view);
      }
      await visit(cbr, '/hygq/');
      assert.match(await cbr.locator('main').innerText(), view === 'tw' ? /縣第三中學食堂/ : /县第三中学食堂食品安全问题/);
      await checkA11y(cbr, `hygq list [${view}]`);
      await visit(cbr, `/hygq/${conf!.id}`);
      await checkA11y(cbr, `hygq page [${view}]`);
      if (elder) await checkElder(cbr, `hygq page [${view}]`, view);
      if (view === 'normal') await screenshot(cbr, 'opinion-respond-page');
    });
  }
  await setView(clerkCtx, s.baseUrl, 'normal');

  await t.test('the referral page of the monitor is accessible', async () => {
    const mCtx = await newContext(browser, s.baseUrl);
    const yq = await mCtx.newPage();
    await login(yq, 'yqzy', s.password('yqzy'));
    for (const view of VIEWS) {
      await setView(mCtx, s.baseUrl, view);
      await visit(yq, `/admin/opinion/${id}/referral`);
      await checkA11y(yq, `referral [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(yq, `referral [${view}]`, view);
    }
    await mCtx.close();
  });

  await t.test('close with an evaluation', async () => {
    await visit(cbr, `/admin/opinion/${id}/close`);
    await submit(cbr);
    assert.match(await cbr.locator('.error-summary').innerText(), /字段“效果评估”为必填项/);
    await checkA11y(cbr, 'close form with errors');
    await cbr.locator('#f-evaluation').fill('两次权威发布后，网络讨论量明显下降，家长关切的检测结果已公开，舆情趋于平稳。');
    await cbr.locator('#f-rating').selectOption('good');
    await submit(cbr);
    assert.match(await cbr.locator('.notice').innerText(), /舆情已办结/);
    await checkA11y(cbr, 'closed incident');
    const inc = (await findIncident(s.ctx.db, id))!;
    assert.equal(inc.status, 'closed');
  });

  await t.test('回应关切 fits a 390 px phone without scrolling sideways', async () => {
    const phone = await newPage(browser, s.baseUrl, { viewport: { width: 390, height: 844 } });
    for (const path of ['/hygq/', `/hygq/${conf!.id}`]) {
      await visit(phone, path);
      const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `${path} is ${wide}px wide`);
    }
    await phone.context().close();
  });

  await clerkCtx.close();
  await approverCtx.close();
});
