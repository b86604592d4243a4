// The 依申请公开 staff screens in every view: the queue and a case page with its clock, action forms,
// reply review and timeline — zero WCAG 2.1 A/AA violations, 长者模式 rules, a form error re-rendered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';
import * as authRepo from '../../src/modules/auth/repo.ts';
import { registerOffline } from '../../src/modules/requests/intake.ts';
import { requestExtension, startConsultation, uploadDocument } from '../../src/modules/requests/use-cases/index.ts';

let s: TestServer;
let browser: Browser;
let caseId = 0;

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  const org = (await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`)).rows[0].id;
  const gkb = await authRepo.toPrincipal(s.ctx.db, (await authRepo.findUserByUsername(s.ctx.db, 'gkb'))!, 'session');
  const cbr = await authRepo.toPrincipal(s.ctx.db, (await authRepo.findUserByUsername(s.ctx.db, 'cbr'))!, 'session');
  const r = await registerOffline(s.ctx, gkb, {
    orgId: String(org), applicantType: 'natural', applicantName: '陈志刚', idType: 'id_card', idNumber: '11010519491231002X',
    phone: '13812345678', email: 'chen@example.com', address: '云溪县城关镇人民路8号', postcode: '334600', channel: 'in_person',
    infoDescription: '2025年城关第一小学食堂承包合同及招标文件', forms: ['paper'], delivery: 'post',
  });
  assert.ok(r.ok, JSON.stringify(r));
  caseId = r.ok ? r.caseId : 0;
  const by = { user: cbr, ip: null };
  assert.ok((await startConsultation(s.ctx, by, caseId, { reason: 'third_party', party: '云溪县某餐饮管理有限公司' })).ok);
  assert.ok((await requestExtension(s.ctx, by, caseId, { days: 10, reason: '需征求第三方意见并检索档案' })).ok);
  assert.ok((await uploadDocument(s.ctx, by, caseId, { file: { name: '食堂承包合同.txt', data: Buffer.from('合同正文') } })).ok);
});
after(async () => { await browser?.close(); await s?.close(); });

for (const user of ['gkb', 'cbr']) {
  test(`依申请公开 queue and case page as ${user}, every view`, async (t) => {
    const context: BrowserContext = await newContext(browser, s.baseUrl);
    const page: Page = await context.newPage();
    await login(page, user, s.password(user));
    for (const view of VIEWS) {
      await t.test(`${user} ${view}`, async () => {
        await setView(context, s.baseUrl, view);
        await visit(page, '/admin/requests');
        assert.match(await page.locator('main h1').innerText(), /依申请公开|依申請公開/);
        if (view === 'normal') await screenshot(page, `requests-queue-${user}`);
        await checkA11y(page, `/admin/requests as ${user} [${view}]`);
        if (view === 'elder' || view === 'elder2') await checkElder(page, `/admin/requests [${view}]`, view);
        await visit(page, `/admin/requests/${caseId}`);
        if (view === 'normal') await screenshot(page, `requests-case-${user}`);
        await checkA11y(page, `/admin/requests/${caseId} as ${user} [${view}]`);
        if (view === 'elder' || view === 'elder2') await checkElder(page, `/admin/requests/${caseId} [${view}]`, view);
      });
    }
    await t.test(`${user}: a refused form comes back with its message and values, still accessible`, async () => {
      await setView(context, s.baseUrl, 'normal');
      await visit(page, `/admin/requests/${caseId}`);
      // Case actions are folded: open one by its summary, as a clerk does, then submit it empty.
      const action = page.locator('details#act-transfer, details#act-upload').first();
      assert.equal(await action.getAttribute('open'), null, 'actions start folded');
      await action.locator('summary').click();
      await action.locator('button[type="submit"]').click();
      await page.waitForLoadState('load');
      assert.ok(await page.locator('.error-summary').count(), 'an error summary is shown');
      assert.notEqual(await page.locator('details.case-action[open] .error-summary').count(), 0, 'the refused action comes back open');
      await checkA11y(page, `/admin/requests/${caseId} with a form error as ${user}`);
    });
    await context.close();
  });
}
