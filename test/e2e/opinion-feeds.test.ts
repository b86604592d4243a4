// 舆情来源 screens as the 舆情专员 (yqzy) in every view: the list with a healthy and a failing source,
// the add form and its errors, a source page after 立即抓取 — zero WCAG 2.1 A/AA violations, 长者模式
// rules, typed values kept; works without JavaScript (plain form posts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startFeedServer, rssOf, type FeedServer } from '../support/feed-server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/index.ts';
import { createFeedSource } from '../../src/modules/opinion/use-cases/feeds-sources.ts';
import { pollSourceNow } from '../../src/modules/opinion/use-cases/feeds-poll.ts';
import { runPendingJobs } from '../support/jobs.ts';

let s: TestServer;
let feeds: FeedServer;
let browser: Browser;
let goodId = 0;

before(async () => {
  [s, feeds, browser] = await Promise.all([
    startTestServer({ config: { COOKIE_SECURE: 'false', OPINION_FEED_ALLOW_PRIVATE: 'true' } }), startFeedServer(), launchBrowser(),
  ]);
  feeds.route('/rss.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' })
    .end(rssOf('云溪论坛', [{ id: 'e1', title: '城关镇东片区突然停水', text: '今天上午突然停水，没有提前通知。' }])));
  feeds.route('/page', (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>首页</body></html>'));
  const good = await createFeedSource(s.ctx, SYSTEM_ACTOR, { name: '云溪论坛', url: `${feeds.base}/rss.xml`, mediaType: 'forum', pollMinutes: 30, weight: 1 });
  const bad = await createFeedSource(s.ctx, SYSTEM_ACTOR, { name: '县政府网站首页', url: `${feeds.base}/page`, mediaType: 'portal', pollMinutes: 60, weight: 1 });
  assert.ok(good.ok && bad.ok);
  goodId = good.source.id;
  await pollSourceNow(s.ctx, bad.source.id);
});
after(async () => { await browser?.close(); await feeds?.close(); await s?.close(); });

test('舆情来源 screens are accessible in every view', async (t) => {
  const context = await newContext(browser, s.baseUrl);
  const page = await context.newPage();
  await login(page, 'yqzy', s.password('yqzy'));
  for (const view of VIEWS) {
    await t.test(view, async () => {
      await setView(context, s.baseUrl, view);
      const tw = view === 'tw';
      await visit(page, '/admin/opinion/sources');
      assert.match(await page.locator('main').innerText(), tw ? /返回的不是訂閱源/ : /返回的不是订阅源（RSS\/Atom\/JSON Feed），而是网页/);
      await checkA11y(page, `sources list [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(page, `sources list [${view}]`, view);

      // 立即抓取 from the list (a plain form post) lands back on the list at once: the poll is queued.
      await page.getByRole('button', { name: tw ? '立即抓取：雲溪論壇' : '立即抓取：云溪论坛' }).click();
      await page.waitForLoadState('load');
      assert.match(await page.locator('.notice').innerText(), /已加入抓取(队|隊)列/);
      assert.match(await page.locator('main').innerText(), /排(队|隊)中/);
      await checkA11y(page, `sources list with a queued poll [${view}]`);
      // The worker runs it; the list then shows the usual state.
      await runPendingJobs(s.ctx, { only: ['opinion.poll-source'] });
      await visit(page, '/admin/opinion/sources');
      assert.doesNotMatch(await page.locator('main').innerText(), /排(队|隊)中/);
      await checkA11y(page, `sources list after a poll [${view}]`);

      await visit(page, `/admin/opinion/sources/${goodId}`);
      await checkA11y(page, `source page [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(page, `source page [${view}]`, view);

      await visit(page, '/admin/opinion/sources/new');
      await checkA11y(page, `new source [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(page, `new source [${view}]`, view);
      await page.locator('#f-name').fill('');
      await page.locator('#f-url').fill('ftp://bbs.example.cn/rss');
      await page.locator('#f-pollMinutes').fill('2');
      await page.locator('form.stack button[type="submit"]').click();
      await page.waitForLoadState('load');
      const summary = await page.locator('.error-summary').innerText();
      assert.match(summary, tw ? /來源名稱/ : /字段“来源名称”为必填项/);
      assert.match(summary, tw ? /訂閱地址應以/ : /订阅地址应以 http:\/\/ 或 https:\/\/ 开头/);
      assert.equal(await page.locator('#f-url').inputValue(), 'ftp://bbs.example.cn/rss');
      assert.equal(await page.locator('#f-pollMinutes').inputValue(), '2');
      await checkA11y(page, `new source with errors [${view}]`);
      if (view === 'normal') await screenshot(page, 'opinion-source-errors');
    });
  }
  await context.close();
});
