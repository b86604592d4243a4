// 新闻发言人 from end to end in a browser: the clerk of 县教体局 (cbr) reports a new spokesperson —
// a first try with a script tag, an over-long position and a bad phone is refused in Chinese with
// the typed values kept —; the press office (xcb) files it; a citizen on a 390 px phone finds the
// new name on /xwfb/fyr, the old one gone. The pages have no WCAG 2.1 A/AA violations in the normal,
// 长者模式 and 繁体 views. The demo's spokesperson data is loaded through its use-case-free seed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { activePerson } from '../../src/modules/spokesperson/repo.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { listOrgs } from '../../src/modules/org/repo.ts';
import { signedInPage, launchBrowser, newContext, newPage, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';
import { seedSpokespersonDemo } from '../../src/modules/spokesperson/demo.ts';

let s: TestServer;
let browser: Browser;
let edu = 0;

before(async () => {
  browser = await launchBrowser();
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  await seedSpokespersonDemo(s.ctx);
  edu = (await listOrgs(s.ctx.db)).find((o) => o.shortName === '县教体局')!.id;
});
after(async () => { await browser?.close(); await s?.close(); });

const signedIn = (user: string) => signedInPage(browser, s, user);

const mainText = (page: Page) => page.locator('main').innerText();

test('新闻发言人 journey: clerk reports → press office files → public list', async (t) => {
  const clerk = await signedIn('cbr');
  const press = await signedIn('xcb');
  const before = await (async () => { const p = await newPage(browser, s.baseUrl); await visit(p, '/xwfb/fyr'); const x = await mainText(p); await p.context().close(); return x; })();
  assert.match(before, /云溪县教育体育局/);
  const oldName = (await activePerson(s.ctx.db, edu, 'spokesperson'))!.name;

  await t.test('1. the clerk reports a new spokesperson; bad input is refused with the values kept', async () => {
    const p = clerk.page;
    await visit(p, '/admin/fyr');
    await p.getByRole('link', { name: '查看：云溪县教育体育局' }).click();
    await p.waitForLoadState('load');
    await p.getByRole('link', { name: '变更新闻发言人信息' }).click();
    await p.waitForLoadState('load');
    assert.equal(new URL(p.url()).pathname, `/admin/fyr/org/${edu}/spokesperson`);
    await p.locator('#f-name').fill('<script>window.__x=1</script>');
    // The browser keeps to maxlength; the server refuses a longer value posted anyway.
    await p.locator('#f-position').evaluate((el) => el.removeAttribute('maxlength'));
    await p.locator('#f-position').fill('副'.repeat(70));
    await p.locator('#f-officePhone').fill('12345');
    await p.locator('#f-email').fill('not-an-email');
    await p.getByRole('button', { name: '提交备案' }).click();
    await p.waitForLoadState('load');
    const text = await mainText(p);
    assert.match(text, /字段“职务”不能超过60个字符/);
    assert.match(text, /电话格式不正确/);
    assert.match(text, /电子邮箱格式不正确/);
    assert.equal(await p.locator('#f-name').inputValue(), '<script>window.__x=1</script>', 'typed values kept');
    assert.equal(await p.evaluate('window.__x'), undefined, 'the script tag is text, never run');
    await checkA11y(p, 'spokesperson form with errors');
    await p.locator('#f-name').fill('邓海燕');
    await p.locator('#f-position').fill('县教育体育局副局长');
    await p.locator('#f-basis').selectOption('deputy');
    await p.locator('#f-officePhone').fill('0793-5120032');
    await p.locator('#f-email').fill('jtj_xw@yunxi.example.gov.cn');
    await p.locator('#f-termFrom').fill('2026-03-01');
    await p.getByRole('button', { name: '提交备案' }).click();
    await p.waitForLoadState('load');
    assert.match(await mainText(p), /已提交，等待县委宣传部备案/);
    assert.match(await mainText(p), new RegExp(`${oldName} 改为 邓海燕`));
    await checkA11y(p, 'organisation page after reporting');
  });

  await t.test('2. the press office files it', async () => {
    const p = press.page;
    await visit(p, '/admin/fyr/filings');
    await p.getByRole('button', { name: '备案：云溪县教育体育局新闻发言人' }).click();
    await p.waitForLoadState('load');
    assert.match(await mainText(p), /已备案，新闻发言人名单已更新/);
    await checkA11y(p, 'filings after filing');
  });

  await t.test('3. a citizen on a 390 px phone sees the new spokesperson on /xwfb/fyr', async () => {
    const phone = await newPage(browser, s.baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visit(phone, '/xwfb/fyr');
    const row = phone.locator('tr').filter({ hasText: '云溪县教育体育局' });
    assert.match(await row.innerText(), /邓海燕[\s\S]*县教育体育局副局长[\s\S]*0793-5120032/);
    assert.doesNotMatch(await mainText(phone), new RegExp(oldName));
    const wide = await phone.evaluate('document.documentElement.scrollWidth') as number;
    assert.ok(wide <= 390, `/xwfb/fyr is ${wide}px wide on a 390 px phone`);
    const h1 = await phone.locator('h1').boundingBox();
    assert.ok(h1 && h1.y + h1.height <= 844, 'the heading is on the first screen');
    await screenshot(phone, 'spokesperson-fyr-phone');
    await phone.context().close();
  });

  await t.test('4. no WCAG 2.1 A/AA violations in every view', async () => {
    const citizen = await newPage(browser, s.baseUrl);
    for (const view of VIEWS) {
      const elder = view === 'elder' || view === 'elder2';
      await setView(citizen.context(), s.baseUrl, view);
      for (const path of ['/xwfb/fyr', '/xwfb/xmt']) {
        await visit(citizen, path);
        await checkA11y(citizen, `${path} [${view}]`);
        if (elder) await checkElder(citizen, `${path} [${view}]`, view);
      }
      await setView(press.context, s.baseUrl, view);
      for (const path of ['/admin/fyr', '/admin/xmt?flag=1', '/admin/experts', '/admin/fyr/rounds', '/admin/fyr/evaluations']) {
        await visit(press.page, path);
        await checkA11y(press.page, `${path} [${view}]`);
      }
    }
    {
      await setView(citizen.context(), s.baseUrl, 'tw');
      await visit(citizen, '/xwfb/fyr');
      assert.match(await mainText(citizen), /新聞發言人/);
    }
    await citizen.context().close();
  });
  await clerk.context.close();
  await press.context.close();
});

