// 舆情 handling in the browser: a candidate found by monitoring → 研判 as 重大 → assignment to a
// lead unit, as the 舆情专员 (yqzy), with plain form posts (no JavaScript needed); then the list, the
// incident page, manual entry (with its errors) and the findings (政务公开办, gkb) checked with axe
// (WCAG 2.1 A/AA) in every view, 长者模式 rules included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/index.ts';
import { ensureSource } from '../../src/modules/opinion/repo.ts';
import { ingestItems } from '../../src/modules/opinion/use-cases/ingest.ts';
import { findIncident } from '../../src/modules/opinion/incidents.repo.ts';

let s: TestServer;
let browser: Browser;
let incidentId = 0;
let edu = 0;

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  const src = await ensureSource(s.ctx.db, '云溪论坛', 'api', 'forum');
  const now = new Date();
  const r = await ingestItems(s.ctx, src.id, [
    { externalId: 'e1', title: '城关镇东片区突然停水', text: '今天上午城关镇东片区突然停水，没有提前通知，有老人被困在高层无法取水，群众非常不满。', publishedAt: now, author: '王小红' },
  ], SYSTEM_ACTOR);
  incidentId = (r.results[0] as { incidentId: number }).incidentId;
  edu = Number((await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`)).rows[0]!.id);
  await s.ctx.db.execute(sql`insert into opinion_duty_contacts (org_id, name, position, phone_enc) values (${edu}, '赵值班', '办公室主任', ${s.ctx.fieldCipher.encrypt('13912345678')})`);
});
after(async () => { await browser?.close(); await s?.close(); });

test('candidate → 研判 重大 → assignment, without JavaScript', async () => {
  const context = await newContext(browser, s.baseUrl, { javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, 'yqzy', s.password('yqzy'));
  await visit(page, '/admin/opinion?status=candidate');
  await page.getByRole('link', { name: /YQ-\d{4}-\d{4}/ }).first().click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('main').innerText(), /风险评分 \d+ 分的构成/);
  await page.locator('#f-grade').selectOption('major');
  await page.locator('#f-category').selectOption('emergency');
  await page.getByRole('button', { name: '确认研判' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.notice').innerText(), /重大或特别重大舆情，已立即通知/);
  assert.match(await page.locator('main').innerText(), /首次发布权威信息/);
  assert.match(await page.locator('main').innerText(), /139\*{4}5678/);
  await page.locator('#f-lead').selectOption(String(edu));
  await page.getByRole('button', { name: '保存指定' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.notice').innerText(), /牵头单位已指定/);
  const i = (await findIncident(s.ctx.db, incidentId))!;
  assert.deepEqual([i.status, i.grade, i.category, i.leadOrgId], ['confirmed', 'major', 'emergency', edu]);
  await screenshot(page, 'opinion-incident-confirmed');
  await context.close();
});

test('舆情 handling screens are accessible in every view', async (t) => {
  const context = await newContext(browser, s.baseUrl);
  const page = await context.newPage();
  await login(page, 'yqzy', s.password('yqzy'));
  const office = await newContext(browser, s.baseUrl);
  const officePage = await office.newPage();
  await login(officePage, 'gkb', s.password('gkb'));
  for (const view of VIEWS) {
    await t.test(view, async () => {
      await setView(context, s.baseUrl, view);
      await setView(office, s.baseUrl, view);
      const tw = view === 'tw';
      const elder = view === 'elder' || view === 'elder2';
      await visit(page, '/admin/opinion');
      assert.match(await page.locator('main').innerText(), tw ? /輿情事件/ : /舆情事件/);
      await checkA11y(page, `incident list [${view}]`);
      if (elder) await checkElder(page, `incident list [${view}]`, view);

      await visit(page, `/admin/opinion/${incidentId}`);
      await checkA11y(page, `incident page [${view}]`);
      if (elder) await checkElder(page, `incident page [${view}]`, view);

      await visit(page, '/admin/opinion/new');
      await checkA11y(page, `manual entry [${view}]`);
      if (elder) await checkElder(page, `manual entry [${view}]`, view);
      await page.locator('#f-text').fill('上级交办事项');
      await page.locator('#f-origin').selectOption('higher_task');
      await page.locator('form.stack button[type="submit"]').click();
      await page.waitForLoadState('load');
      const summary = await page.locator('.error-summary').innerText();
      assert.match(summary, tw ? /標題/ : /字段“标题”为必填项/);
      assert.match(summary, tw ? /交辦時限/ : /上级交办的舆情须填写交办时限/);
      assert.equal(await page.locator('#f-text').inputValue(), '上级交办事项');
      await checkA11y(page, `manual entry with errors [${view}]`);

      await visit(officePage, '/admin/opinion/findings');
      await checkA11y(officePage, `findings [${view}]`);
      if (elder) await checkElder(officePage, `findings [${view}]`, view);
    });
  }
  await office.close();
  await context.close();
});
