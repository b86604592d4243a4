// The 依申请公开 journey in a real browser: a citizen applies online → the clerk confirms receipt →
// 补正 → the applicant supplements through the tracking page → third-party consultation → extension
// (requested by the clerk, approved by the disclosure office) → 部分公开 reply through 承办 → 审核 →
// 签发 → the applicant downloads the .docx reply on the tracking page. And: the query code protects
// the case (a wrong code shows exactly what an unknown number shows).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, visit, login, checkA11y, screenshot } from '../support/browser.ts';
import { answerChallenge, fillApplication } from '../support/requests-browser.ts';
import { extractText } from '../../src/platform/files/index.ts';

let s: TestServer;
let browser: Browser;
before(async () => { [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]); });
after(async () => { await browser?.close(); await s?.close(); });

const DESCRIPTION = '云溪县城关第二小学2025年教学楼维修工程的招标文件、中标通知书和施工合同';
const WITHHELD = '施工合同中项目经理的身份证号码和银行账户';

async function staff(user: string): Promise<Page> {
  const context = await newContext(browser, s.baseUrl);
  const page = await context.newPage();
  await login(page, user, s.password(user));
  return page;
}

/** Submits the case page's action form `name` and expects the success notice. */
/** Opens a folded case action (a click on its summary, as a clerk does). */
async function unfold(page: Page, name: string) {
  const d = page.locator(`details#act-${name}`).first();
  if ((await d.getAttribute('open')) === null) await d.locator('summary').click();
}

async function act(page: Page, name: string, notice: RegExp) {
  await page.locator(`form[action$="/${name}"] button[type="submit"]`).click();
  await page.waitForLoadState('load');
  const summary = (await page.locator('.error-summary').count()) ? await page.locator('.error-summary').innerText() : '';
  assert.equal(summary, '', `${name}: ${summary}`);
  assert.match(await page.locator('.notice').first().innerText(), notice);
}

/** Answers the application form's arithmetic question the way a person reads it. */

async function apply(page: Page): Promise<{ trackingNo: string; queryCode: string }> {
  const org = (await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`)).rows[0].id;
  await visit(page, '/ysqgk/apply');
  await fillApplication(page, {
    orgId: org, name: '周建国', idNumber: '11010519491231002X', phone: '13812345678', email: 'zhoujg@example.com',
    address: '云溪县城关镇人民路28号', description: DESCRIPTION, form: 'electronic', delivery: 'online',
  });
  await answerChallenge(page);
  await page.locator('button[type="submit"]', { hasText: '下一步' }).click();
  await page.waitForLoadState('load');
  await page.locator('button[name="_step"][value="submit"]').click();
  await page.waitForLoadState('load');
  assert.match(new URL(page.url()).pathname, /\/ysqgk\/receipt/);
  const cells = page.locator('strong.code');
  const trackingNo = (await cells.nth(0).innerText()).trim();
  const queryCode = (await cells.nth(1).innerText()).trim();
  assert.match(trackingNo, /^\d{4}-/);
  assert.ok(queryCode.length >= 10, queryCode);
  return { trackingNo, queryCode };
}

async function track(page: Page, trackingNo: string, queryCode: string, status = 200) {
  await visit(page, '/ysqgk/track');
  await page.locator('#f-trackingNo').fill(trackingNo);
  await page.locator('#f-queryCode').fill(queryCode);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/ysqgk/track') && r.request().method() === 'POST'),
    page.locator('form[action="/ysqgk/track"] button[type="submit"]').click(),
  ]);
  await page.waitForLoadState('load');
  assert.equal(res.status(), status);
}

test('apply online → confirm receipt → 补正 → supplement on the tracking page → consultation → extension → 部分公开 reply signed → the applicant downloads the .docx', async () => {
  // 1. The citizen applies online.
  const citizenCtx = await newContext(browser, s.baseUrl);
  const citizen = await citizenCtx.newPage();
  const { trackingNo, queryCode } = await apply(citizen);

  // 2. The clerk finds it among the applications awaiting confirmation and confirms receipt.
  const cbr = await staff('cbr');
  await visit(cbr, '/admin/requests?status=submitted');
  await cbr.getByRole('link', { name: trackingNo }).click();
  await cbr.waitForLoadState('load');
  const caseUrl = new URL(cbr.url()).pathname;
  assert.match(await cbr.locator('main').innerText(), /尚未确认收到/);
  await cbr.locator('form[action$="/confirm-receipt"] button[type="submit"]').click();
  await cbr.waitForLoadState('load');
  assert.match(await cbr.locator('main').innerText(), /法定答复期限/);
  assert.match(await cbr.locator('main').innerText(), /办理中/);

  // 3. 补正.
  await unfold(cbr, 'correction');
  await cbr.locator('#f-corr_content').fill('请写明所需施工合同的签订年月或合同编号');
  await cbr.getByLabel(/补正告知只能发出一次/).check();
  await act(cbr, 'correction', /补正告知已发出/);
  assert.match(await cbr.locator('main').innerText(), /待申请人补正/);

  // 4. The applicant sees the notice on the tracking page and supplements there.
  await track(citizen, trackingNo, queryCode);
  assert.match(await citizen.locator('main').innerText(), /补正申请告知书/);
  await checkA11y(citizen, 'tracking page awaiting 补正');
  await citizen.locator('form[action="/ysqgk/track/supplement"] textarea[name="text"]').fill('施工合同于2025年4月签订，合同编号YXJT-2025-017');
  await citizen.locator('form[action="/ysqgk/track/supplement"] button[type="submit"]').click();
  await citizen.waitForLoadState('load');
  assert.match(await citizen.locator('main').innerText(), /补正材料已提交/);

  // 5. Third-party consultation, opinion received.
  await visit(cbr, caseUrl);
  assert.match(await cbr.locator('main').innerText(), /收到补正材料/);
  await unfold(cbr, 'consult');
  await cbr.locator('#f-cons_reason').selectOption('third_party');
  await cbr.locator('#f-cons_party').fill('云溪县宏达建筑工程有限公司');
  await cbr.locator('#f-cons_content').fill('施工合同是否涉及商业秘密');
  await act(cbr, 'consult', /征求意见已发出/);
  assert.match(await cbr.locator('main').innerText(), /征求意见中/);
  await unfold(cbr, 'consult-end');
  const endResult = cbr.locator('select[name^="end_result_"]');
  await endResult.selectOption('opinion');
  await cbr.locator('textarea[name^="end_opinion_"]').fill('同意公开合同，但项目经理身份证号码和银行账户不同意公开');
  await act(cbr, 'consult-end', /征求意见已结束/);

  // 6. Extension: requested by the clerk, approved by the disclosure office.
  await unfold(cbr, 'extension');
  await cbr.locator('#f-ext_days').fill('10');
  await cbr.locator('#f-ext_reason').fill('需要调取档案室保存的合同原件并区分处理');
  await act(cbr, 'extension', /延期申请已提交/);
  const gkb = await staff('gkb');
  await visit(gkb, caseUrl);
  await unfold(gkb, 'extension-decide');
  await gkb.locator('#f-dec_decision').selectOption('approve');
  await gkb.locator('#f-dec_opinion').fill('同意延长10个工作日');
  await act(gkb, 'extension-decide', /延期审批意见已保存/);
  assert.match(await gkb.locator('main').innerText(), /延期答复告知书/);

  // 7. 部分公开 reply drafted and submitted.
  await visit(cbr, caseUrl);
  await unfold(cbr, 'reply');
  await cbr.locator('#f-reply_choice').selectOption('outcome:2');
  await cbr.locator('#f-reply_text').fill('经审查，您申请的招标文件、中标通知书予以公开，施工合同区分处理后公开，见附件。');
  await cbr.locator('#f-wh_part1').fill(WITHHELD);
  await cbr.locator('#f-wh_ground1').selectOption('3.4');
  await cbr.locator('#f-wh_reason1').fill('涉及第三方个人隐私和商业秘密，第三方不同意公开');
  await act(cbr, 'reply', /答复稿已保存/);
  await unfold(cbr, 'submit-reply');
  await cbr.locator('#f-submit_opinion').fill('拟部分公开');
  await act(cbr, 'submit-reply', /答复已提交审核/);
  assert.match(await cbr.locator('main').innerText(), /答复审核中/);

  // 8. 承办部门审核 → 单位签发.
  const shr = await staff('shr');
  await visit(shr, '/admin/requests?status=reply_review');
  await shr.getByRole('link', { name: trackingNo }).click();
  await shr.waitForLoadState('load');
  await checkA11y(shr, 'case page with the reply review form');
  await shr.locator('#f-rv_conclusion').selectOption('pass');
  await shr.locator('#f-rv_opinion').fill('同意');
  await act(shr, 'review', /审核意见已提交/);
  const sfr = await staff('sfr');
  await visit(sfr, caseUrl);
  assert.match(await sfr.locator('main').innerText(), /审核答复：单位签发/);
  await sfr.locator('#f-rv_conclusion').selectOption('pass');
  await sfr.locator('#f-rv_opinion').fill('同意签发');
  await act(sfr, 'review', /审核意见已提交/);
  assert.match(await sfr.locator('main').innerText(), /已办结：（二）部分公开/);
  await screenshot(sfr, 'requests-journey-closed');

  // 9. The applicant downloads the reply (.docx) from the tracking page.
  await track(citizen, trackingNo, queryCode);
  const main = await citizen.locator('main').innerText();
  assert.match(main, /已办结|办结/);
  const replyItem = citizen.locator('li', { hasText: '答复' }).filter({ has: citizen.locator('form[action="/ysqgk/track/download"]') }).last();
  const [download] = await Promise.all([citizen.waitForEvent('download'), replyItem.locator('button[type="submit"]').click()]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  const bytes = fs.readFileSync((await download.path())!);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a .docx is a zip package');
  const text = await extractText(bytes, 'docx');
  assert.ok(text.ok, 'the reply can be read as a Word document');
  if (text.ok) {
    assert.match(text.text, new RegExp(trackingNo));
    assert.match(text.text, /项目经理的身份证号码和银行账户/, 'the withheld part is named in the reply');
    assert.match(text.text, /第三十七条|部分公开/);
  }
  await citizenCtx.close();
});

test('the query code protects the case: a wrong code reveals nothing, exactly like an unknown number', async () => {
  const ctx = await newContext(browser, s.baseUrl);
  const page = await ctx.newPage();
  const { trackingNo, queryCode } = await apply(page);
  const wrong = queryCode.replace(/[A-Z2-9]$/, (ch) => (ch === 'A' ? 'B' : 'A'));
  await track(page, trackingNo, wrong, 404);
  const withWrongCode = await page.locator('main').innerText();
  assert.doesNotMatch(withWrongCode, /教学楼维修工程/);
  assert.doesNotMatch(withWrongCode, /待确认收到|办理中/);
  await checkA11y(page, 'tracking page, not found');
  const unknown = trackingNo.replace(/\d+$/, (d) => String(Number(d) + 900).padStart(d.length, '0'));
  await track(page, unknown, queryCode, 404);
  const withUnknownNo = await page.locator('main').innerText();
  assert.equal(withWrongCode.replace(trackingNo, '#'), withUnknownNo.replace(unknown, '#'), 'same answer for a wrong code and an unknown number');
  // The right code shows the case.
  await track(page, trackingNo, queryCode, 200);
  const right = await page.locator('main').innerText();
  assert.match(right, /待确认收到/);
  assert.match(right, /登记回执/);
  assert.doesNotMatch(withWrongCode, /登记回执/);
  await ctx.close();
});
