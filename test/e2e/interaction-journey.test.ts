// 互动交流 in a browser: a citizen in 长者模式 reads a draft for comment on 云溪县's portal and
// comments (plain form post); the comment is not shown until the clerk of 县教体局 (cbr) approves
// it in the back office; then it is shown, the name masked. The citizen asks the announced online
// interview a question. Every public page of the column has no WCAG 2.1 A/AA violations in the
// normal, 长者模式 and 繁体 views, and fits a 390 px phone with its heading on the first screen.
// The back office (normal view): the new / edit draft forms with their error states, the draft
// list and its moderation list, the interview page with its questions; then 公开办 (gkb) withdraws
// a draft (the reason required first) and its public page says so (410), accessible in every view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, newPage, setView, visit, login, checkA11y, checkElder, screenshot } from '../support/browser.ts';
import { seedInteractionDemo } from '../../src/modules/interaction/demo.ts';
import { sql } from 'drizzle-orm';

let s: TestServer;
let browser: Browser;
let draftId = 0;
let interviewId = 0;

before(async () => {
  [browser, s] = await Promise.all([launchBrowser(), startTestServer({ config: { COOKIE_SECURE: 'false' } })]);
  await seedInteractionDemo(s.ctx);
  draftId = (await s.ctx.db.execute<{ id: number }>(sql`select id from interaction_drafts where title like '%课后服务%'`)).rows[0]!.id;
  interviewId = (await s.ctx.db.execute<{ id: number }>(sql`select id from interaction_interviews where status = 'announced'`)).rows[0]!.id;
});
after(async () => { await browser?.close(); await s?.close(); });

const mainText = (page: Page) => page.locator('main').innerText();
const COMMENT = '建议课后服务增加书法和围棋兴趣小组，由学校统一安排场地，<script>alert(1)</script>不要额外收费。';

test('a citizen comments in 长者模式; shown only after approval; asks the interview a question; every page accessible', async (t) => {
  const ctx = await newContext(browser, s.baseUrl);
  const citizen = await ctx.newPage();
  const staff = await newPage(browser, s.baseUrl);

  await t.test('1. comment on the open draft in 长者模式: not shown until approved', async () => {
    await setView(ctx, s.baseUrl, 'elder');
    await visit(citizen, '/hdjl/');
    await citizen.getByRole('link', { name: '意见征集', exact: true }).first().click();
    await citizen.waitForLoadState('load');
    await citizen.getByRole('link', { name: /课后服务管理办法/ }).first().click();
    await citizen.waitForLoadState('load');
    assert.equal(new URL(citizen.url()).pathname, `/hdjl/yjzj/${draftId}`);
    assert.match(await mainText(citizen), /正在征集/);
    await citizen.locator('#f-text').fill(COMMENT);
    await citizen.locator('#f-name').fill('黄明');
    await citizen.locator('#f-contact').fill('13807930000');
    await citizen.getByRole('button', { name: '提交意见' }).click();
    await citizen.waitForLoadState('load');
    const text = await mainText(citizen);
    assert.match(text, /经工作人员审核后公开显示/);
    assert.doesNotMatch(text, /书法和围棋兴趣小组/, 'not shown before approval');
    assert.equal(await citizen.evaluate('document.body.className.includes("elder")'), true);
    await checkA11y(citizen, 'draft page after commenting [elder]');
    await checkElder(citizen, 'draft page after commenting', 'elder');
  });

  await t.test('2. the clerk approves it in the back office; the citizen sees it, name masked, script as text', async () => {
    await login(staff, 'cbr', s.password('cbr'));
    await visit(staff, `/admin/hdjl/yjzj/${draftId}`);
    const item = staff.locator('.submission-list li').filter({ hasText: '书法和围棋兴趣小组' });
    assert.match(await item.innerText(), /黄\*/);
    assert.match(await item.innerText(), /138\*\*\*\*0000/);
    await checkA11y(staff, 'admin draft page');
    await item.getByRole('button', { name: '通过' }).click();
    await staff.waitForLoadState('load');
    assert.match(await staff.locator('.notice').innerText(), /通过审核/);

    await visit(citizen, `/hdjl/yjzj/${draftId}`);
    const text = await mainText(citizen);
    assert.ok(text.includes(COMMENT), 'shown as typed, as text');
    assert.match(text, /网友 黄\*/);
    assert.doesNotMatch(text, /黄明|13807930000/);
  });

  await t.test('3. a question to the announced interview', async () => {
    await visit(citizen, '/hdjl/zxft/');
    await citizen.getByRole('link', { name: /秋季义务教育招生/ }).first().click();
    await citizen.waitForLoadState('load');
    assert.equal(new URL(citizen.url()).pathname, `/hdjl/zxft/${interviewId}`);
    await citizen.locator('#f-text').fill('外县户籍的孩子今年秋季能在城区就近入学吗？');
    await citizen.getByRole('button', { name: '提交问题' }).click();
    await citizen.waitForLoadState('load');
    assert.match(await mainText(citizen), /您的问题已提交/);
    assert.doesNotMatch(await mainText(citizen), /外县户籍的孩子/);
  });

  await t.test('4. every public page: axe in normal / 长者模式 / 繁体; 390 px with the heading on the first screen', async () => {
    const closed = (await s.ctx.db.execute<{ id: number }>(sql`select id from interaction_drafts where summary is not null`)).rows[0]!.id;
    const past = (await s.ctx.db.execute<{ id: number }>(sql`select id from interaction_interviews where status = 'closed'`)).rows[0]!.id;
    const paths = ['/hdjl/', '/hdjl/yjzj/', `/hdjl/yjzj/${draftId}`, `/hdjl/yjzj/${closed}`, '/hdjl/zxft/', `/hdjl/zxft/${interviewId}`, `/hdjl/zxft/${past}`];
    for (const view of ['normal', 'elder', 'tw'] as const) {
      await setView(ctx, s.baseUrl, view);
      for (const path of paths) {
        await visit(citizen, path);
        await checkA11y(citizen, `${path} [${view}]`);
        if (view === 'elder') await checkElder(citizen, path, 'elder');
      }
    }
    await visit(citizen, `/hdjl/yjzj/${closed}`);
    assert.match(await mainText(citizen), /意見採納情況/);
    const phone = await newPage(browser, s.baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    for (const path of paths) {
      await visit(phone, path);
      const wide = await phone.evaluate('document.documentElement.scrollWidth') as number;
      assert.ok(wide <= 390, `${path} is ${wide}px wide on a 390 px phone`);
      const top = await phone.locator('main h1').evaluate((h: any) => h.getBoundingClientRect().top) as number;
      assert.ok(top < 844, `${path}: the heading is on the first screen (${top}px)`);
    }
    await screenshot(phone, 'interaction-draft-phone');
    await phone.context().close();
  });

  await t.test('5. the back office in the normal view: forms with errors, lists, moderation, the interview page', async () => {
    await visit(staff, '/admin/hdjl/yjzj');
    await checkA11y(staff, 'admin draft list');
    await visit(staff, '/admin/hdjl/yjzj?view=overdue');
    await checkA11y(staff, 'admin overdue list');
    // The new draft form, sent with a missing title and an end before the start.
    await visit(staff, '/admin/hdjl/yjzj/new');
    await checkA11y(staff, 'new draft form');
    await staff.locator('#f-body').fill('为规范城区道路停车秩序，起草本办法。');
    await staff.locator('#f-startDate').fill('2026-06-10');
    await staff.locator('#f-endDate').fill('2026-06-01');
    await staff.getByRole('button', { name: '保存' }).click();
    await staff.waitForLoadState('load');
    const summary = await staff.locator('.error-summary').innerText();
    assert.match(summary, /标题/);
    assert.match(summary, /截止日期不能早于开始日期/);
    assert.equal(await staff.locator('#f-body').inputValue(), '为规范城区道路停车秩序，起草本办法。', 'typed text kept');
    await checkA11y(staff, 'new draft form with errors');
    // Saved, then its edit form with an error.
    await staff.locator('#f-title').fill('云溪县城区道路停车管理办法（征求意见稿）');
    await staff.locator('#f-endDate').fill('2026-06-30');
    await staff.getByRole('button', { name: '保存' }).click();
    await staff.waitForLoadState('load');
    assert.match(await staff.locator('.notice').innerText(), /意见征集已保存/);
    await checkA11y(staff, 'admin draft page (编辑中: edit, attachment, 送审)');
    await staff.getByRole('link', { name: '修改内容' }).click();
    await staff.waitForLoadState('load');
    await staff.locator('#f-title').fill('');
    await staff.getByRole('button', { name: '保存' }).click();
    await staff.waitForLoadState('load');
    assert.match(await staff.locator('.error-summary').innerText(), /标题/);
    await checkA11y(staff, 'edit draft form with errors');
    // The moderation list of the open draft, with a reject refused for want of a reason.
    await visit(staff, `/admin/hdjl/yjzj/${draftId}`);
    const pending = staff.locator('.submission-list li').filter({ has: staff.getByRole('button', { name: '通过' }) }).first();
    await pending.getByRole('button', { name: '不予展示' }).click();
    await staff.waitForLoadState('load');
    assert.match(await staff.locator('.submission-list [role="alert"]').innerText(), /请填写不予展示的理由/);
    await checkA11y(staff, 'moderation list with an item error');
    await visit(staff, '/admin/hdjl/zxft');
    await checkA11y(staff, 'admin interview list');
    await visit(staff, `/admin/hdjl/zxft/${interviewId}`);
    assert.ok(await staff.getByRole('button', { name: '通过' }).count() > 0, 'questions waiting for moderation');
    await checkA11y(staff, 'admin interview page (questions, answers)');
  });

  await t.test('6. 公开办 withdraws a draft: reason required; the public page says so (410), accessible in every view', async () => {
    await staff.getByRole('button', { name: '退出登录' }).click();
    await staff.waitForLoadState('load');
    await login(staff, 'gkb', s.password('gkb'));
    const overdue = (await s.ctx.db.execute<{ id: number }>(sql`select id from interaction_drafts where title like '%老旧小区%'`)).rows[0]!.id;
    await visit(staff, `/admin/hdjl/zxft/${interviewId}`);
    await checkA11y(staff, 'admin interview page for an approver (withdraw)');
    await visit(staff, `/admin/hdjl/yjzj/${overdue}`);
    await staff.getByRole('button', { name: '撤回意见征集' }).click();
    await staff.waitForLoadState('load');
    assert.match(await staff.locator('.error-summary').innerText(), /请填写撤回原因/);
    await checkA11y(staff, 'withdraw form with an error');
    await staff.locator('#f-withdrawReason').fill('改造范围需与新一轮城市更新规划衔接，重新起草后再征求意见。');
    await staff.getByRole('button', { name: '撤回意见征集' }).click();
    await staff.waitForLoadState('load');
    assert.match(await staff.locator('.notice').innerText(), /已撤回/);
    for (const view of ['normal', 'elder', 'tw'] as const) {
      await setView(ctx, s.baseUrl, view);
      await visit(citizen, `/hdjl/yjzj/${overdue}`, 410);
      await checkA11y(citizen, `withdrawn draft [${view}]`);
    }
    assert.match(await mainText(citizen), /已撤回[\s\S]*城市更新規劃/);
    await visit(citizen, '/hdjl/yjzj/');
    assert.doesNotMatch(await mainText(citizen), /老舊小區/);
  });
  await staff.context().close();
  await ctx.close();
});
