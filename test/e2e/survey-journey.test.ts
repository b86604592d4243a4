// 社会评议 in a browser: a citizen on a 390 px phone in 长者模式 opens the open survey of the demo county,
// leaves a required rating out (the page comes back with the error linked to the question and every
// other answer kept), fixes it and reaches the thank-you page; the list, the form and the ended
// survey's public results have no WCAG 2.1 A/AA violations in the normal, 长者模式 and 繁体 views and fit
// the phone; the disclosure office (gkb) sees the results charts with their tables, live with JavaScript
// (an ECharts instance in place of the server SVG, a tooltip on hover), axe-clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, checkElder, screenshot } from '../support/browser.ts';
import { seedSurveyDemo } from '../../src/modules/survey/demo.ts';
import * as repo from '../../src/modules/survey/repo.ts';
import { fieldOf } from '../../src/modules/survey/domain.ts';

let s: TestServer;
let browser: Browser;
let openId = 0;
let endedId = 0;

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  await seedSurveyDemo(s.ctx);
  const list = await repo.listSurveys(s.ctx.db, { all: true });
  openId = list.find((x) => x.status === 'published')!.id;
  endedId = list.find((x) => x.status === 'closed')!.id;
});
after(async () => { await browser?.close(); await s?.close(); });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function fits(page: Page, label: string) {
  const wide = await page.evaluate('document.documentElement.scrollWidth') as number;
  assert.ok(wide <= 390, `${label} is ${wide}px wide on a 390 px phone`);
  const h1 = await page.locator('main h1').boundingBox();
  assert.ok(h1 && h1.y < 844, `${label}: the heading is on the first screen`);
}

test('社会评议 journey: 长者模式 answer with an error then fixed; views; the office sees the live chart', async (t) => {
  const qs = await repo.listQuestions(s.ctx.db, openId);
  const ratings = qs.filter((q) => q.kind === 'rating');
  const text = qs.find((q) => q.kind === 'text')!;

  await t.test('1. a citizen in 长者模式 on a phone: a required answer missing, then fixed', async () => {
    const context = await newContext(browser, s.baseUrl, PHONE);
    await setView(context, s.baseUrl, 'elder');
    const p = await context.newPage();
    await visit(p, '/hdjl/pj/');
    await fits(p, '/hdjl/pj/ 长者模式');
    await checkA11y(p, 'survey list, 长者模式');
    await checkElder(p, 'survey list', 'elder');
    await p.locator(`main a[href="/hdjl/pj/${openId}"]`).click();
    await p.waitForLoadState('load');
    await fits(p, 'survey form 长者模式');
    await checkA11y(p, 'survey form, 长者模式');
    await checkElder(p, 'survey form', 'elder');

    // Every rating but the first, the single choice, two channels, a text with a script tag.
    for (const q of ratings.slice(1)) await p.locator(`label[for="f-${fieldOf(q)}-4"]`).click();
    for (const q of qs.filter((x) => x.kind === 'single')) await p.locator(`label[for="f-${fieldOf(q)}"]`).click();
    for (const q of qs.filter((x) => x.kind === 'multiple')) {
      await p.locator(`label[for="f-${fieldOf(q)}"]`).click();
      await p.locator(`label[for="f-${fieldOf(q)}-3"]`).click();
    }
    await p.locator(`#f-${fieldOf(text)}`).fill('建议<script>alert(1)</script>把办事指南放在首页');
    await p.getByRole('button', { name: '提交评议' }).click();
    await p.waitForLoadState('load');
    const summary = p.locator('.error-summary');
    assert.match(await summary.innerText(), /第1题.*为必填项/);
    // The summary links to the question; the other answers are kept.
    assert.equal(await summary.locator('a').first().getAttribute('href'), `#f-${fieldOf(ratings[0]!)}`);
    for (const q of ratings.slice(1)) assert.ok(await p.locator(`#f-${fieldOf(q)}-4`).isChecked(), `${q.title} kept`);
    assert.equal(await p.locator(`#f-${fieldOf(text)}`).inputValue(), '建议<script>alert(1)</script>把办事指南放在首页');
    await checkA11y(p, 'survey form with an error, 长者模式');
    await checkElder(p, 'survey form with an error', 'elder');
    await screenshot(p, 'survey-journey-error-elder');

    await summary.locator('a').first().click();
    await p.locator(`label[for="f-${fieldOf(ratings[0]!)}-5"]`).click();
    await p.getByRole('button', { name: '提交评议' }).click();
    await p.waitForLoadState('load');
    assert.equal(new URL(p.url()).pathname, `/hdjl/pj/${openId}/thanks`);
    assert.match(await p.locator('main').innerText(), /提交成功，感谢您参与评议/);
    await checkA11y(p, 'thank-you page, 长者模式');
    // Back on the survey: already answered.
    await visit(p, `/hdjl/pj/${openId}`);
    assert.match(await p.locator('main').innerText(), /您已经参与过本次评议/);
    // The ended survey's public results in 长者模式.
    await visit(p, `/hdjl/pj/${endedId}`);
    await fits(p, 'ended survey 长者模式');
    await checkA11y(p, 'ended survey results, 长者模式');
    await checkElder(p, 'ended survey results', 'elder');
    await context.close();
  });

  await t.test('2. list, form and the ended survey\'s public results in the normal and 繁体 views on a phone', async () => {
    for (const view of ['normal', 'tw'] as const) {
      const context = await newContext(browser, s.baseUrl, PHONE);
      await setView(context, s.baseUrl, view);
      const p = await context.newPage();
      for (const path of ['/hdjl/pj/', `/hdjl/pj/${openId}`, `/hdjl/pj/${endedId}`]) {
        await visit(p, path);
        await fits(p, `${path} (${view})`);
        await checkA11y(p, `${path} (${view})`);
      }
      assert.equal(await p.locator('main svg[role="img"]').count() > 0, true, 'the ended survey shows its charts');
      if (view === 'tw') assert.match(await p.locator('main').innerText(), /評議結果/);
      await context.close();
    }
  });

  await t.test('3. the disclosure office sees the results as live charts (tooltip on hover) and the answer just given', async () => {
    const context = await newContext(browser, s.baseUrl);
    const p = await context.newPage();
    await login(p, 'gkb', s.password('gkb'));
    const consoleErrors: string[] = [];
    p.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    // Without JavaScript the server SVG is the chart (the same HTML the browser gets before charts.js runs).
    const html = await (await p.request.get(`/admin/surveys/${openId}/results`)).text();
    assert.match(html, /<div class="chart-image" data-chart-option="[^"]+" data-chart-unit="人"><svg role="img"/);
    assert.equal((html.match(/src="\/static\/vendor\/echarts\/echarts\.common\.min\.js"/g) ?? []).length, 1, 'ECharts loaded once');
    await visit(p, `/admin/surveys/${openId}/results`);
    // With JavaScript every chart becomes a live ECharts instance (canvas) with the SVG's name.
    const first = p.locator('figure.chart').first();
    await first.locator('.chart-live canvas').waitFor({ state: 'visible' });
    assert.equal(await p.locator('.chart-image[data-chart-live] .chart-live').count(), await p.locator('figure.chart').count(), 'every chart is live');
    assert.equal(await first.locator('.chart-image svg[role="img"]').count(), 0, 'the SVG was replaced');
    assert.match((await first.locator('.chart-live').getAttribute('aria-label')) ?? '', /^第1题 .*（人数，单位：人；数据见下表）$/);
    assert.ok(await p.evaluate(() => Boolean((window as unknown as { echarts?: { getInstanceByDom(el: Element): unknown } }).echarts?.getInstanceByDom(document.querySelector('.chart-live')!))), 'an ECharts instance');
    // Hovering a bar shows the tooltip with its category and count.
    const box = (await first.locator('.chart-live').boundingBox())!;
    const tip = first.locator('.chart-tooltip');
    for (const fx of [0.55, 0.7, 0.85, 0.4]) {
      await p.mouse.move(box.x + box.width * fx, box.y + box.height * 0.6);
      if (await tip.isVisible().catch(() => false)) break;
    }
    await tip.waitFor({ state: 'visible' });
    assert.match(await tip.innerText(), /分[\s\S]*人数：\d+人/);
    await checkA11y(p, 'admin results, live charts with a tooltip');
    await p.mouse.move(1, 1);
    assert.ok(await p.locator('table.chart-table').count() >= ratings.length);
    const main = await p.locator('main').innerText();
    assert.match(main, /共收到有效答卷 13 份/);
    assert.match(main, /建议<script>alert\(1\)<\/script>把办事指南放在首页/);
    await checkA11y(p, 'admin results');
    await visit(p, '/admin/surveys/rectifications');
    await checkA11y(p, 'rectifications list');
    await visit(p, `/admin/surveys/${openId}`);
    await checkA11y(p, 'survey page');
    await screenshot(p, 'survey-journey-admin');
    assert.deepEqual(consoleErrors, [], 'no console errors');
    await context.close();
  });
});
