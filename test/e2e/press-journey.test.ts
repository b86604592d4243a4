// 新闻发布 from end to end in a browser (plain form posts): the clerk of 县教体局 (cbr) applies for a
// 新闻发布会 — the form refuses bad input in Chinese and keeps what was typed, script tags stay text;
// marking it held before approval is not offered and refused; the propaganda department (xcb)
// approves it; the clerk prepares 答问口径, marks it held and publishes the release; a citizen reads
// it on /xwfb/ (filters, detail, on a 390 px phone) — never the 口径. The public pages have no
// WCAG 2.1 A/AA violations in the normal, 长者模式 (×2) and 繁体 views; so have the admin pages (list,
// application form with errors, event page for the clerk and for the press office with its withdraw
// form, compliance), 长者模式 also checked for type size, line height and target size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { expertOf } from '../../src/modules/spokesperson/spokesperson.fixtures.ts';
import { signedInPage, launchBrowser, newContext, newPage, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';

const TITLE = '城关镇中小学校园周边交通安全整治新闻发布会';
const HOUR = 3_600_000;
const local = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16);

let s: TestServer;
let browser: Browser;

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  await expertOf(s.ctx, { name: '郑秀华', field: '教育政策' });
});
after(async () => { await browser?.close(); await s?.close(); });

const signedIn = (user: string) => signedInPage(browser, s, user);
async function click(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForLoadState('load');
}
const mainText = (page: Page) => page.locator('main').innerText();

test('新闻发布 journey: apply → 宣传部 approves → held → release on /xwfb/; admin pages in every view', async (t) => {
  const clerk = await signedIn('cbr');
  const press = await signedIn('xcb');
  let eventPath = '';

  await t.test('1. the clerk applies: Chinese messages, typed text kept, script tags as text', async () => {
    const p = clerk.page;
    await visit(p, '/admin/press/new');
    await p.locator('#f-title').fill('<script>alert(1)</script>');
    await p.locator('#f-plannedAt').fill(local(new Date(Date.now() + 2 * 86400_000)));
    await p.locator('#f-speaker').fill('');
    await p.locator('#f-purpose').fill('通报校园周边交通安全整治措施，提醒家长注意接送安全。');
    // The field's maxlength stops a browser at 5,000; a client without it posts 100,000 characters.
    await p.locator('#f-outline').evaluate((el) => el.removeAttribute('maxlength'));
    await p.locator('#f-outline').fill('发'.repeat(100_000));
    await click(p, '保存申请');
    const text = await mainText(p);
    assert.match(text, /字段“发布人”为必填项/);
    assert.match(text, /字段“发布内容提纲”不能超过5000个字符/);
    assert.equal(await p.locator('#f-title').inputValue(), '<script>alert(1)</script>', 'typed text kept, as text');
    assert.equal((await p.locator('#f-outline').inputValue()).length, 5001);
    await checkA11y(p, 'application form with errors');

    await p.locator('#f-title').fill(TITLE);
    await p.locator('#f-speaker').fill('县教体局局长 王明德');
    await p.locator('#f-speakerKind').selectOption('principal');
    await p.locator('#f-outline').fill('一、整治措施；二、接送车辆管理；三、家长和学生安全提示。');
    await p.locator('#f-participants').fill('县融媒体中心及驻县媒体记者');
    await click(p, '保存申请');
    eventPath = new URL(p.url()).pathname;
    assert.match(eventPath, /^\/admin\/press\/\d+$/);
    assert.match(await p.locator('.notice').innerText(), /申请已保存为草稿/);
    assert.equal(await p.getByRole('button', { name: '标记为已举行' }).count(), 0, 'not offered before approval');
    await p.getByLabel('郑秀华（教育政策）').check();
    await click(p, '保存解读专家');
    assert.match(await p.locator('.notice').innerText(), /解读专家已保存/);
    await checkA11y(p, 'draft event page with its 解读专家');
    await click(p, '提交审批');
    assert.match(await p.locator('.notice').innerText(), /已提交审批/);
    assert.match(await mainText(p), /宣传部审批（宣传部\/新闻办）— 当前步骤/);
    await checkA11y(p, 'event page in review');
  });

  await t.test('2. the propaganda department approves', async () => {
    const p = press.page;
    await visit(p, '/admin/press?status=in_review');
    await p.getByRole('link', { name: TITLE }).click();
    await p.waitForLoadState('load');
    assert.equal(new URL(p.url()).pathname, eventPath);
    await checkA11y(p, 'event page for the approver');
    await p.locator('#f-conclusion').selectOption('pass');
    await p.locator('#f-opinion').fill('同意举行，请做好答问口径准备。');
    await click(p, '提交审批意见');
    assert.match(await p.locator('.notice').innerText(), /审批通过，活动已批准/);
  });

  await t.test('3. the clerk prepares 口径, marks it held and publishes the release', async () => {
    const p = clerk.page;
    await visit(p, eventPath);
    await p.locator('#f-question').fill('学校周边是否增设临时停车点？');
    await p.locator('#f-answer').fill('内部口径：将在三所学校周边设置临时停车点，具体位置以交警部门公告为准。');
    await click(p, '添加口径');
    assert.match(await p.locator('.notice').innerText(), /答问口径已添加/);
    await p.locator('#f-heldAt').fill(local(new Date(Date.now() - 30 * 60_000)));
    await click(p, '标记为已举行');
    assert.match(await p.locator('.notice').innerText(), /已标记为已举行/);
    await p.locator('#f-text').first().fill('县教育体育局今天举行新闻发布会，通报城关镇中小学校园周边交通安全整治措施。\n上下学时段，交警和学校护学岗在校门口疏导交通。');
    await click(p, '公开新闻稿');
    assert.match(await p.locator('.notice').innerText(), /已在新闻发布栏目公开/);
    assert.match(await mainText(p), /主动公开目录：索引号 .+（审核中）/);
    await checkA11y(p, 'event page after publishing');
  });

  await t.test('4. a citizen reads it on /xwfb/ in every view, and on a phone; no 口径', async () => {
    const id = eventPath.split('/').at(-1)!;
    const context = await newContext(browser, s.baseUrl);
    const page = await context.newPage();
    for (const view of VIEWS) {
      await setView(context, s.baseUrl, view);
      const tw = view === 'tw';
      await visit(page, '/xwfb/?type=conference');
      assert.match(await mainText(page), tw ? /新聞稿和發佈實錄|新聞稿和發布實錄/ : /新闻稿和发布实录/);
      assert.equal(await page.locator(`main a[href="/xwfb/${id}"]`).count(), 1, `listed (${view})`);
      await checkA11y(page, `/xwfb/ [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(page, `/xwfb/ [${view}]`, view);
      await visit(page, `/xwfb/${id}`);
      const text = await mainText(page);
      assert.match(text, tw ? /交警和學校護學崗/ : /交警和学校护学岗/);
      assert.doesNotMatch(text, /临时停车点|臨時停車點|驻县媒体|駐縣媒體/, 'neither 口径 nor the application');
      assert.match(text, /(郑|鄭)秀(华|華)（教育政策）/, `the 解读专家 (${view})`);
      await checkA11y(page, `/xwfb/${id} [${view}]`);
      if (view === 'elder' || view === 'elder2') await checkElder(page, `/xwfb/${id} [${view}]`, view);
    }
    // /xwfb/ leads to the 新闻发言人名单 (the page of the spokesperson module).
    await setView(context, s.baseUrl, 'normal');
    await visit(page, '/xwfb/');
    await page.getByRole('link', { name: '新闻发言人名单', exact: true }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/xwfb/fyr');
    await checkA11y(page, '/xwfb/fyr from /xwfb/');
    await context.close();

    const phone = await newPage(browser, s.baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visit(phone, `/xwfb/${id}`);
    const box = await phone.locator('main h1').boundingBox();
    assert.ok(box && box.y + box.height <= 844, 'the heading is on the first screen');
    const wide = await phone.evaluate('document.documentElement.scrollWidth') as number;
    assert.ok(wide <= 390, `/xwfb/${id} is ${wide}px wide on a 390 px phone`);
    await checkA11y(phone, 'xwfb page on a phone');
    await screenshot(phone, 'press-journey-xwfb-phone');
    await phone.context().close();
  });

  await t.test('5. the admin pages in 长者模式 and 繁体 (the same pages, one per user)', async () => {
    for (const view of VIEWS.filter((v) => v !== 'normal')) {
      for (const [who, u, paths] of [['cbr', clerk, ['/admin/press', eventPath, '/admin/press/new']], ['xcb', press, [eventPath, '/admin/press/compliance']]] as const) {
        await setView(u.context, s.baseUrl, view);
        for (const path of paths) {
          await visit(u.page, path);
          if (path.endsWith('/new')) {
            await u.page.locator('main form.stack button[type="submit"]').click();
            await u.page.waitForLoadState('load');
            assert.ok(await u.page.locator('.error-summary').count() > 0, `errors shown (${view})`);
          }
          if (view === 'tw') assert.equal(await u.page.evaluate(() => document.documentElement.lang), 'zh-TW');
          if (path === eventPath && who === 'xcb') assert.ok(await u.page.locator('#release-withdraw-title').count() === 1, 'the withdraw form is checked too');
          await checkA11y(u.page, `${path} as ${who} [${view}]`);
          if (view === 'elder' || view === 'elder2') await checkElder(u.page, `${path} as ${who} [${view}]`, view);
        }
      }
    }
    await setView(clerk.context, s.baseUrl, 'normal');
    await setView(press.context, s.baseUrl, 'normal');
  });

  await clerk.context.close();
  await press.context.close();
});
