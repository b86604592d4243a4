// 舆情 settings in the browser as the 舆情专员 (yqzy), in every view: import a hotline CSV (upload →
// map → preview → import → error report, downloaded as CSV), 试一试 on the plans page, and every
// settings page — zero WCAG 2.1 A/AA violations, 长者模式 rules; plain form posts (no JavaScript needed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { launchBrowser, newContext, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS, type View } from '../support/browser.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/index.ts';
import { createImportSource } from '../../src/modules/opinion/use-cases/import.ts';
import { savePlan, saveDutyContact, saveRoutingRule } from '../../src/modules/opinion/use-cases/settings.ts';
import { orgChoices } from '../../src/modules/opinion/settings.repo.ts';

let s: TestServer;
let browser: Browser;
let sourceId = 0;

before(async () => {
  [s, browser] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false' } }), launchBrowser()]);
  const src = await createImportSource(s.ctx, SYSTEM_ACTOR, { name: '云溪县12345热线', kind: 'hotline' });
  assert.ok(src.ok);
  sourceId = src.source.id;
  const org = (await orgChoices(s.ctx.db))[1]!;
  await savePlan(s.ctx, SYSTEM_ACTOR, null, { name: '供水保障', includeGroups: [['停水'], ['自来水', '水质']], excludeWords: ['招聘'], mediaTypes: [], orgIds: [], notifyUserIds: [], active: true });
  await saveRoutingRule(s.ctx, SYSTEM_ACTOR, null, { term: '自来水', orgId: org.id, priority: 10, vertical: false }, org.name);
  await saveDutyContact(s.ctx, SYSTEM_ACTOR, null, { orgId: org.id, name: '赵值班', position: '值班员', phone: '13912345678', email: null, hours: '全天24小时', active: true }, org.name);
});
after(async () => { await browser?.close(); await s?.close(); });

const csvOf = (view: string) => Buffer.from('\uFEFF工单编号,来电时间,来电人,来电号码,诉求内容\r\n'
  + `${view}-1,2026-10-01 08:30,张三丰,13812345678,城关镇东片区今天上午突然停水，没有提前通知。（${view}）\r\n`
  + `${view}-2,昨天下午,李四,,西街路灯连续三天不亮。（${view}）\r\n`
  + `${view}-3,2026/10/1 9:30,王五,,夜间施工噪音扰民，多次反映没人管。（${view}）\r\n`, 'utf8');

async function a11y(page: Page, label: string, view: View) {
  await checkA11y(page, `${label} [${view}]`);
  if (view === 'elder' || view === 'elder2') await checkElder(page, `${label} [${view}]`, view);
}

async function submit(page: Page, name: RegExp) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name }).click()]);
  await page.waitForLoadState('load');
}

test('import journey, 试一试 and every settings page are accessible in every view', async (t) => {
  const context = await newContext(browser, s.baseUrl, { acceptDownloads: true });
  const page = await context.newPage();
  await login(page, 'yqzy', s.password('yqzy'));
  for (const view of VIEWS) {
    await t.test(view, async () => {
      await setView(context, s.baseUrl, view);
      const tw = view === 'tw';

      // Upload.
      await visit(page, '/admin/opinion/import');
      await a11y(page, 'import upload', view);
      await page.locator('#f-sourceId').selectOption(String(sourceId));
      await page.locator('#f-file').setInputFiles({ name: `hotline-${view}.csv`, mimeType: 'text/csv', buffer: csvOf(view) });
      await submit(page, tw ? /上傳並選擇對應列/ : /上传并选择对应列/);

      // Map and preview: guessed columns, masked personal data, the bad row named.
      const main = () => page.locator('main').innerText();
      assert.match(await main(), tw ? /共 3 行數據，其中 2 行可以導入/ : /共 3 行数据，其中 2 行可以导入/);
      assert.equal(await page.locator('#f-col_publishedAt').inputValue(), '1');
      assert.match(await main(), /138\*\*\*\*5678/);
      assert.ok(!(await main()).includes('13812345678'));
      await a11y(page, 'import mapping', view);
      // A wrong time column: the column is named, nothing else breaks.
      await page.locator('#f-col_author').selectOption('');
      await page.locator('#f-col_publishedAt').selectOption('2');
      await submit(page, tw ? /更新預覽/ : /更新预览/);
      assert.match(await main(), tw ? /“來電人”列中沒有一個可識別的日期/ : /所选的“来电人”列中没有一个可识别的日期或时间/);
      await a11y(page, 'import mapping with a wrong column', view);
      await page.locator('#f-col_publishedAt').selectOption('1');
      await page.locator('#f-col_author').selectOption('2');
      await submit(page, tw ? /確認導入/ : /确认导入/);

      // The report and its error file.
      // Later views send near copies of the first view's texts: counted as duplicates (reposts), not new.
      const summary = await page.locator('.notice').first().innerText();
      if (view === 'normal') assert.match(summary, /新增 2 条，重复 0 条，1 行未导入/);
      else assert.match(summary, tw ? /新增 \d 條，重複 \d 條，1 行未導入/ : /新增 \d 条，重复 \d 条，1 行未导入/);
      assert.match(await main(), tw ? /時間“昨天下午”無法識別/ : /时间“昨天下午”无法识别/);
      await a11y(page, 'import report', view);
      if (view === 'normal') await screenshot(page, 'opinion-import-report');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: tw ? /下載錯誤報告/ : /下载错误报告/ }).click()]);
      const file = await download.path();
      const { readFileSync } = await import('node:fs');
      assert.match(readFileSync(file!, 'utf8'), new RegExp(`3,${view}-2,.*时间“昨天下午”无法识别`));

      // 试一试.
      await visit(page, '/admin/opinion/plans');
      await a11y(page, 'plans', view);
      await page.locator('#f-text').fill('城关镇东片区今天突然停水，没有通知。');
      await submit(page, /^试一试$|^試一試$/);
      assert.match(await main(), tw ? /會被 “供水保障” 保留/ : /会被 “供水保障” 保留/);
      assert.match(await main(), tw ? /含有關鍵詞組“停水”/ : /含有关键词组“停水”的全部词语/);
      assert.equal(await page.locator('#f-text').inputValue(), '城关镇东片区今天突然停水，没有通知。');
      await a11y(page, 'plans after 试一试', view);

      for (const [path, label] of [
        ['/admin/opinion/plans/new', 'new plan'], ['/admin/opinion/lexicons?lexicon=negative', 'lexicon (defaults)'],
        ['/admin/opinion/lexicons?lexicon=gazetteer', 'gazetteer'], ['/admin/opinion/routing', 'routing'],
        ['/admin/opinion/duty', 'duty'], ['/admin/opinion/duty/new', 'new duty contact'], ['/admin/opinion/corrections', 'corrections'],
      ] as const) {
        await visit(page, path);
        await a11y(page, label, view);
      }
      // The plan form with errors: summary, typed values kept.
      await visit(page, '/admin/opinion/plans/new');
      await page.locator('#f-groups').fill('停水');
      await submit(page, tw ? /保存方案/ : /保存方案/);
      assert.match(await page.locator('.error-summary').innerText(), tw ? /方案名稱/ : /字段“方案名称”为必填项/);
      assert.equal(await page.locator('#f-groups').inputValue(), '停水');
      await a11y(page, 'new plan with errors', view);
    });
  }
  await context.close();
});
