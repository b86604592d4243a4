// The back-office home for two roles (系统管理员 and 承办人) in every view: zero WCAG 2.1 A/AA
// violations, 长者模式 rules, and a screenshot of each role's home for a person to look at. The
// clerk's home has a count and a navigation badge (an online application to confirm). The staff help
// page for every role.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, viewOf, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';
import { listOrgs } from '../../src/modules/org/repo.ts';
import { submitApplication } from '../../src/modules/requests/intake.ts';

let s: TestServer;
let browser: Browser;
before(async () => {
  [s, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const edu = (await listOrgs(s.ctx.db)).find((o) => o.shortName === '县教体局')!;
  const r = await submitApplication(s.ctx, {
    orgId: String(edu.id), applicantType: 'natural', applicantName: '刘晓燕', idType: 'id_card', idNumber: '11010519491231002X',
    phone: '13812345678', address: '云溪县城关镇人民路18号', infoDescription: '城关第一小学2025年操场改造工程的验收报告', forms: ['paper'], delivery: 'post',
  }, { ip: null });
  assert.ok(r.ok, 'an application waits for the clerk');
});
after(async () => { await browser?.close(); await s?.close(); });

for (const user of ['admin', 'cbr']) {
  test(`admin home signed in as ${user}`, async (t) => {
    const context: BrowserContext = await newContext(browser, s.baseUrl);
    const page: Page = await context.newPage();
    assert.equal(await login(page, user, s.password(user)), '/admin/');
    for (const view of VIEWS) {
      await t.test(`/admin/ as ${user} (${view})`, async () => {
        await setView(context, s.baseUrl, view);
        await visit(page, '/admin/');
        const v = await viewOf(page);
        assert.equal(v.lang, view === 'tw' ? 'zh-TW' : 'zh-CN');
        assert.equal(v.elder, view === 'elder' ? 1 : view === 'elder2' ? 2 : 0);
        assert.ok(await page.locator('main h1').count(), 'the admin home has a heading');
        if (user === 'cbr') {
          // The count leads to the list; the badge is heard as "1 项待办" (in 繁体 "項待辦"): the links' text, hidden parts included.
          const tw = view === 'tw';
          assert.equal(await page.locator('main a[href="/admin/requests?status=submitted"]').textContent(), tw ? '1項待確認收到，查看列表' : '1项待确认收到，查看列表');
          assert.equal(await page.locator('nav.admin-nav a[href="/admin/requests"]').textContent(), tw ? '依申請公開 1項待辦' : '依申请公开 1项待办');
        }
        if (view !== 'elder2') await screenshot(page, `admin-${user}-${view}`);
        await checkA11y(page, `/admin/ as ${user} [${view}]`);
        if (view === 'elder' || view === 'elder2') await checkElder(page, `/admin/ as ${user} [${view}]`, view);
      });
    }
    await t.test(`an unknown admin page as ${user} is a Chinese 404 in the back-office shell`, async () => {
      await setView(context, s.baseUrl, 'normal');
      await visit(page, '/admin/no-such-page', 404);
      assert.match(await page.locator('main h1').innerText(), /页面不存在/);
      await checkA11y(page, `/admin/no-such-page as ${user}`);
    });
    await context.close();
  });
}

test('the staff help page for every role: axe-clean, reached from the navigation', async (t) => {
  for (const user of ['admin', 'gkb', 'xcb', 'yqzy', 'bmsc', 'cbr', 'shr', 'sfr']) {
    await t.test(`/admin/help as ${user}`, async () => {
      const context = await newContext(browser, s.baseUrl);
      const page = await context.newPage();
      await login(page, user, s.password(user));
      await page.locator('nav.admin-nav a[href="/admin/help"]').click();
      await page.waitForLoadState('load');
      assert.equal(new URL(page.url()).pathname, '/admin/help');
      assert.equal(await page.locator('main h1').innerText(), '工作人员使用说明');
      await checkA11y(page, `/admin/help as ${user}`);
      if (user === 'cbr') {
        await screenshot(page, 'admin-help-cbr');
        await setView(context, s.baseUrl, 'elder');
        await visit(page, '/admin/help');
        await checkA11y(page, '/admin/help as cbr [elder]');
        await checkElder(page, '/admin/help as cbr [elder]', 'elder');
      }
      await context.close();
    });
  }
});
