// The 主动公开 journey in a real browser: the clerk uploads a .docx → 承办部门审核 passes →
// 保密审查 masks the privacy findings of each kind at once and passes → 单位审发 approves → the public finds the record by
// a Traditional-character search in the 繁体 view and reads the redacted page. Axe-clean pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, screenshot } from '../support/browser.ts';
import { makeDocx } from '../../src/platform/files/fixtures.ts';
import { Client } from '../support/http.ts';

let s: TestServer;
let browser: Browser;
let tmp: string;
before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-journey-'));
});
after(async () => { await browser?.close(); await s?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

const PHONE = '13987654321';
const TITLE = '云溪县教育体育局关于开展暑期课后托管服务的通知';

async function as(user: string): Promise<Page> {
  const context = await newContext(browser, s.baseUrl);
  const page = await context.newPage();
  await login(page, user, s.password(user));
  return page;
}

async function submitConclusion(page: Page, conclusion: 'pass', opinion = '') {
  await page.locator(`#f-conclusion-${conclusion}`).check();
  if (opinion) await page.locator('form[action$="/review"] #f-opinion').fill(opinion);
  await page.locator('form[action$="/review"] button[type="submit"]').click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.notice').innerText(), /审核意见已提交/);
}

test('upload → 三审 with 保密审查 → public 繁体 search → redacted page', async () => {
  const docx = path.join(tmp, 'notice.docx');
  fs.writeFileSync(docx, await makeDocx({
    header: '云溪县教育体育局文件', docNo: '云教体发〔2024〕31号', title: TITLE, addressee: '各中小学校：',
    body: ['为满足家长暑期托管需求，现就开展暑期课后托管服务有关事项通知如下。', `报名咨询联系人：李老师，联系电话 ${PHONE}。`],
    signer: '云溪县教育体育局', date: '2024年6月3日',
  }));

  // 承办人: upload, complete the form, save, submit.
  const cbr = await as('cbr');
  await visit(cbr, '/admin/catalog/new?from=upload');
  await cbr.locator('#f-file').setInputFiles(docx);
  await cbr.locator('form[action="/admin/catalog/upload"] button[type="submit"]').click();
  await cbr.waitForLoadState('load');
  assert.equal(await cbr.locator('#f-title').inputValue(), TITLE);
  await cbr.locator('#f-category').selectOption('gzxx');
  await cbr.locator('#f-keywords').fill('课后托管 暑期');
  await cbr.locator('button[name="_action"][value="save"]').click();
  await cbr.waitForLoadState('load');
  const id = Number(/\/admin\/catalog\/(\d+)/.exec(cbr.url())?.[1]);
  assert.ok(id, cbr.url());
  await cbr.locator(`a[href="/admin/catalog/${id}/review"]`).click();
  await cbr.waitForLoadState('load');
  // Before submitting, the clerk sees what the submit scan will find, masked, with its places: the
  // number is in the body and in the uploaded file, and is one finding.
  const preview = await cbr.locator('#h-findings').locator('xpath=..').innerText();
  assert.match(preview, /正文、附件：notice\.docx\s+手机号码\s+139\*{4}4321/);
  assert.doesNotMatch(preview, /未发现/);
  await checkA11y(cbr, 'review page (clerk, before submit)');
  await cbr.locator(`form[action="/admin/catalog/${id}/submit"] button`).click();
  await cbr.waitForLoadState('load');
  assert.match(await cbr.locator('.notice').innerText(), /已提交审核/);

  // 承办部门审核
  const shr = await as('shr');
  await visit(shr, '/admin/review');
  await checkA11y(shr, '待我审核');
  await shr.locator(`a[href="/admin/catalog/${id}/review"]`).click();
  await shr.waitForLoadState('load');
  await submitConclusion(shr, 'pass', '同意');

  // 保密审查: redact the phone number, write the record, pass.
  const bmsc = await as('bmsc');
  await visit(bmsc, `/admin/catalog/${id}/review`);
  assert.match(await bmsc.locator('#h-findings + p, #h-findings ~ p').first().innerText(), /尚有 \d+ 处未处理/);
  await checkA11y(bmsc, 'review page at 保密审查 with findings');
  await screenshot(bmsc, 'catalog-review-secrecy');
  // One decision per kind: 全部遮盖（… N 处）.
  while (await bmsc.locator('button[name="resolution"][value="redact"]').count()) {
    await bmsc.locator('button[name="resolution"][value="redact"]').first().click();
    await bmsc.waitForLoadState('load');
  }
  assert.match(await bmsc.locator('#h-findings ~ p').first().innerText(), /全部检查结果均已处理/);
  await bmsc.locator('#f-basis').fill('《中华人民共和国保守国家秘密法》、本局保密事项范围');
  await submitConclusion(bmsc, 'pass');

  // 单位审发
  const sfr = await as('sfr');
  await visit(sfr, `/admin/catalog/${id}/review`);
  await submitConclusion(sfr, 'pass', '同意发布');

  // The public, in the 繁体 view, searching with Traditional characters.
  const context = await newContext(browser, s.baseUrl);
  await setView(context, s.baseUrl, 'tw');
  const pub = await context.newPage();
  await visit(pub, '/xxgk/search?q=' + encodeURIComponent('暑期課後托管'));
  await checkA11y(pub, 'search [tw]');
  const link = pub.locator(`a[href="/xxgk/${id}"]`).first();
  assert.equal(await link.count(), 1, 'found by a Traditional query');
  await link.click();
  await pub.waitForLoadState('load');
  const html = await pub.content();
  assert.ok(!html.includes(PHONE), 'the original number never reaches the public');
  assert.match(await pub.locator('main').innerText(), /139\*+4321|\*{4,}/);
  await checkA11y(pub, 'record page [tw]');
  await screenshot(pub, 'catalog-journey-public-record');
});

test('an office number accepted on the review page is listed for the disclosure office (axe-clean), which removes it', async () => {
  const api = new Client(s.baseUrl);
  await api.login('cbr', s.password('cbr'));
  await api.get('/admin/catalog/new');
  const orgId = /<option value="(\d+)"[^>]*>[^<]*教育体育局/.exec((await api.get('/admin/catalog/new')).text)?.[1];
  assert.ok(orgId);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const made = await api.post('/admin/catalog', {
    orgId, title: '云溪县教育体育局关于公布招生咨询电话的公告', generatedOn: today, category: 'gzxx', keywords: '招生 咨询电话',
    disclosure: 'active', term: 'long', timeLimit: 'art26', docType: 'other', validity: 'valid', body: '招生咨询电话：0793-5120088。', _action: 'save',
  });
  const id = Number(/\/admin\/catalog\/(\d+)/.exec(made.location ?? '')?.[1]);
  assert.ok(id, made.text.slice(0, 300));

  const cbr = await as('cbr');
  await visit(cbr, `/admin/catalog/${id}/review`);
  const row = cbr.locator('form[action$="/findings/resolve"]:has(input[name="group"][value^="landline-"])');
  await row.locator('select').selectOption('office_phone');
  await row.locator('button').click();
  await cbr.waitForLoadState('load');
  assert.match(await cbr.locator('.notice').innerText(), /本单位对外公开的办公电话/);
  assert.match(await cbr.locator('#h-findings').locator('xpath=..').innerText(), /未发现身份证号、手机号码/);

  const gkb = await as('gkb');
  await visit(gkb, '/admin/catalog/allowed-numbers');
  assert.match(await gkb.locator('main table').innerText(), /0793-5120088/);
  await checkA11y(gkb, 'published office numbers');
  // By keyboard: focus the remove button and press Enter.
  await gkb.locator('main table button').focus();
  await gkb.keyboard.press('Enter');
  await gkb.waitForLoadState('load');
  assert.match(await gkb.locator('.notice').innerText(), /已移除 0793-5120088/);
  assert.match(await gkb.locator('main').innerText(), /尚无确认的办公电话/);

  // 检索同义词: the page and its error state are accessible; a bad line keeps what was typed.
  await visit(gkb, '/admin/catalog/synonyms');
  await checkA11y(gkb, 'search synonyms');
  await gkb.locator('textarea[name="text"]').fill('医保 医疗保障\n门诊');
  await gkb.locator('button[value="save"]').click();
  await gkb.waitForLoadState('load');
  assert.match(await gkb.locator('main').innerText(), /第 2 行只有一个词/);
  assert.equal(await gkb.locator('textarea[name="text"]').inputValue(), '医保 医疗保障\n门诊');
  await checkA11y(gkb, 'search synonyms with an error');
});
