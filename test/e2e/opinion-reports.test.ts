// 舆情统计 and 舆情日志 as the 舆情专员 (yqzy) in every view: the dashboard's charts and tables, the log
// of a day with items, incidents and deadlines, the log's date error — zero WCAG 2.1 A/AA violations,
// 长者模式 rules; plain GET forms, no JavaScript needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';
import { beijingToday } from '../../src/platform/time/index.ts';
import { addDeadline, addIncident, addItem, addResponse, orgId } from '../../src/modules/opinion/reports.fixtures.ts';

let s: TestServer;
let browser: Browser;
let today = '';

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  const ctx = s.ctx;
  const now = ctx.now();
  today = beijingToday(now);
  const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
  const health = await orgId(ctx, '县卫健委');
  const a = await addIncident(ctx, {
    no: 'YQ-2026-0001', title: '城关镇医院排队难', status: 'responding', grade: 'major', category: 'public_interest', leadOrgId: health,
    createdAt: hours(-3), confirmedAt: hours(-2), itemCount: 2, repostCount: 1,
  });
  await addIncident(ctx, { no: 'YQ-2026-0002', title: '河口镇道路积水', status: 'candidate', suggestedGrade: 'general', createdAt: hours(-1) });
  const first = await addItem(ctx, { source: '云溪论坛', publishedAt: hours(-3), title: '医院排队两小时', author: '张三丰', incidentId: a, keywords: ['排队', '医院'], repostCount: 1 });
  await addItem(ctx, { source: '县政府网站', mediaType: 'portal', publishedAt: hours(-2), incidentId: a, duplicateOfId: first, keywords: ['排队'] });
  await addItem(ctx, { source: '12345 热线', mediaType: 'hotline', publishedAt: hours(-26), keywords: ['积水', '道路'] });
  await addDeadline(ctx, { incidentId: a, kind: 'first_info', dueAt: hours(3), basis: '国办发〔2016〕80号', metAt: hours(-1) });
  await addDeadline(ctx, { incidentId: a, kind: 'press_conference', dueAt: hours(-0.5), basis: '国办发〔2016〕80号' });
  await addResponse(ctx, { incidentId: a, orgId: health, channel: 'weibo', title: '情况说明', text: '……', status: 'approved', respondedAt: hours(-1) });
});
after(async () => { await browser?.close(); await s?.close(); });

test('舆情统计 and 舆情日志 are accessible in every view', async (t) => {
  const context = await newContext(browser, s.baseUrl);
  const page = await context.newPage();
  await login(page, 'yqzy', s.password('yqzy'));
  for (const view of VIEWS) {
    await t.test(view, async () => {
      await setView(context, s.baseUrl, view);
      const tw = view === 'tw';
      const elder = view === 'elder' || view === 'elder2';

      await visit(page, '/admin/opinion/dashboard');
      assert.equal(await page.locator('figure.chart').count() >= 6, true, 'charts with their tables');
      assert.equal(await page.locator('svg[role="img"][aria-label]').count(), await page.locator('figure.chart').count());
      assert.match(await page.locator('main').innerText(), tw ? /回應時限完成情況/ : /回应时限完成情况/);
      await checkA11y(page, `dashboard [${view}]`);
      if (elder) await checkElder(page, `dashboard [${view}]`, view);
      if (view === 'normal') await screenshot(page, 'opinion-dashboard');

      await visit(page, `/admin/opinion/log?date=${today}`);
      const main = await page.locator('main').innerText();
      assert.match(main, tw ? /當日共收集信息 \d+ 條/ : /当日共收集信息 \d+ 条/);
      assert.match(main, /YQ-2026-0001/);
      await checkA11y(page, `log [${view}]`);
      if (elder) await checkElder(page, `log [${view}]`, view);

      // A date that is no date: the message on the form, the typed value kept (a plain GET form).
      await visit(page, '/admin/opinion/log?date=2026-02-30', 422);
      assert.match(await page.locator('.error-summary').innerText(), tw ? /日期應為有效日期/ : /日期应为有效日期/);
      await checkA11y(page, `log with a bad date [${view}]`);
      await page.locator('#f-date').fill(today);
      await page.locator('form.filters button[type="submit"]').click();
      await page.waitForLoadState('load');
      assert.equal(await page.locator('.error-summary').count(), 0);
      assert.match(page.url(), new RegExp(`date=${today}`));
    });
  }
  await context.close();
});
