// The public catalogue pages in every view (normal, 长者模式 ×2, 繁体): zero WCAG 2.1 A/AA
// violations and the 长者模式 rules; search works without JavaScript and a 繁体 query finds
// Simplified text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { insertAttachment, insertRecord } from '../support/catalog-public.ts';
import { launchBrowser, newContext, setView, visit, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';

let s: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pages: { path: string; status: number; shot?: string }[] = [];

before(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const db = s.ctx.db;
  const orgId = (await db.execute<{ id: number }>(sql`select id from org_units where name = '云溪县教育体育局'`)).rows[0].id;
  const policy = await insertRecord(db, {
    orgId, title: '云溪县义务教育阶段招生入学实施办法', docNo: '云教发〔2024〕21号', category: 'zcwj', docType: 'normative',
    keywords: '招生 入学 义务教育', description: '规定本县义务教育阶段招生入学的范围、程序和时间。', publisher: '云溪县教育体育局',
    body: '第一条 为规范义务教育阶段招生入学工作，根据有关规定，制定本办法。\n第二条 本办法适用于本县公办和民办义务教育学校。',
  });
  await insertAttachment(db, policy.id, { name: '招生片区划分表.pdf', mime: 'application/pdf', kind: 'pdf', text: '片区' });
  const interp = await insertRecord(db, { orgId, title: '《云溪县义务教育阶段招生入学实施办法》政策解读', interpretsRecordId: policy.id, interpretationForm: 'qa', category: 'zcwj', body: '问：为什么制定本办法？\n答：为规范招生入学工作。' });
  const gone = await insertRecord(db, { orgId, title: '已撤回的招生通知', status: 'withdrawn', withdrawnAt: '2024-12-01T02:00:00Z', withdrawnReason: '内容已更新' });
  for (let i = 0; i < 3; i++) await insertRecord(db, { orgId, title: `义务教育招生工作动态（第${i + 1}期）`, category: 'gzxx', body: '义务教育招生工作有序推进。' });
  pages = [
    { path: '/xxgk/search', status: 200 },
    { path: '/xxgk/search?q=' + encodeURIComponent('义务教育招生'), status: 200, shot: 'catalog-search' },
    { path: '/xxgk/search?q=' + encodeURIComponent('不存在的词语组合'), status: 200 },
    { path: `/xxgk/${policy.id}`, status: 200, shot: 'catalog-record' },
    { path: `/xxgk/${interp.id}`, status: 200 },
    { path: `/xxgk/${policy.id}/print`, status: 200 },
    { path: `/xxgk/${gone.id}`, status: 410 },
    { path: '/zcjd/', status: 200 },
    { path: '/xxgk/fdzdgknr/', status: 200 },
    { path: '/xxgk/fdzdgknr/?category=gzxx', status: 200 },
  ];
  context = await newContext(browser, s.baseUrl);
  page = await context.newPage();
});
after(async () => { await browser?.close(); await s?.close(); });

// 长者模式's larger preset (elder2) shares every rule with elder; the portal suite covers it.
for (const view of VIEWS.filter((v) => v !== 'elder2')) {
  test(`catalogue pages in the ${view} view`, async (t) => {
    await setView(context, s.baseUrl, view);
    for (const p of pages) {
      await t.test(`${p.path} (${view})`, async () => {
        await visit(page, p.path, p.status);
        if (p.shot) await screenshot(page, `${p.shot}-${view}`);
        await checkA11y(page, `${p.path} [${view}]`);
        if (view === 'elder' && !p.path.endsWith('/print')) await checkElder(page, `${p.path} [${view}]`, view);
      });
    }
  });
}

test('the header search of any page, by keyboard and without JavaScript, lands on the results', async () => {
  const ctx = await newContext(browser, s.baseUrl, { javaScriptEnabled: false });
  try {
    const p = await ctx.newPage();
    await visit(p, '/xxgk/zn/');
    const box = p.getByRole('search', { name: '站内检索' }).getByRole('searchbox');
    await box.fill('义务教育阶段招生');
    await box.press('Enter');
    await p.waitForLoadState('load');
    assert.match(new URL(p.url()).pathname, /^\/xxgk\/search$/);
    assert.match(await p.locator('.result-list').innerText(), /义务教育阶段招生入学实施办法/);
  } finally {
    await ctx.close();
  }
});

test('search without JavaScript, from the 繁体 view: a Traditional query finds the Simplified record', async () => {
  const ctx = await newContext(browser, s.baseUrl, { javaScriptEnabled: false });
  try {
    await setView(ctx, s.baseUrl, 'tw');
    const p = await ctx.newPage();
    await visit(p, '/xxgk/search');
    await p.getByLabel('檢索詞').fill('義務教育階段招生');
    await p.getByRole('main').getByRole('button', { name: '檢索' }).click();
    await p.waitForLoadState('load');
    assert.match(await p.locator('.result-list').innerText(), /義務教育階段招生入學實施辦法/);
    assert.ok(await p.locator('.result-list mark').count() > 0);
  } finally {
    await ctx.close();
  }
});
