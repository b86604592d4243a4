// 政务舆情 from end to end, in a browser, the way the people of 云溪县 would do it (plain form posts):
// a forum feed served on 127.0.0.1 reports yellow tap water in 城关镇; the 舆情专员 (yqzy) adds the
// feed and polls it, sees the candidate and its score explained, confirms it as 重大 (5 h / 24 h
// clocks in Beijing time; the escalation mail reaches a real SMTP server); the 政务公开办 (gkb)
// names 县教体局 the lead unit — in this demo county the only unit with a clerk and approver —
// whose clerk (cbr) answers on the website within 5 h, passed by the unit approver (sfr); a press
// conference meets the 24 h clock and is published on 回应关切, read by a citizen on a 390 px
// phone; the clerk closes it with an evaluation and the timeline runs from the first post to the
// closing. A second incident, entered by hand, is never answered: past its 48 h the deadline job
// records the breach and proposes an accountability finding, which the 政务公开办 decides (约谈) by
// keyboard on the finding's page. The pages of the journey have no WCAG
// 2.1 A/AA violations in every view (normal, 长者模式 ×2, 繁体).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startFeedServer, rssOf, type FeedServer } from '../support/feed-server.ts';
import { startSmtpServer, type TestSmtp } from '../support/smtp.ts';
import { runCronJob, runPendingJobs } from '../support/jobs.ts';
import { signedInPage, launchBrowser, newContext, newPage, setView, visit, login, checkA11y, checkElder, screenshot, VIEWS } from '../support/browser.ts';
import { formatInstant } from '../../src/platform/time/index.ts';

const HOUR = 3_600_000;
const LEAD = '云溪县教育体育局';
const TITLE = '城关镇幸福路小区自来水发黄有异味';

let s: TestServer;
let feeds: FeedServer;
let smtp: TestSmtp;
let browser: Browser;
/** How far the server's clock runs ahead of the real one (the test moves it forward). */
let shift = 0;
const serverNow = () => new Date(Date.now() + shift);
/** A datetime-local value in Beijing time. */
const local = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16);

before(async () => {
  [smtp, feeds, browser] = await Promise.all([startSmtpServer(), startFeedServer(), launchBrowser()]);
  s = await startTestServer({ config: { COOKIE_SECURE: 'false', OPINION_FEED_ALLOW_PRIVATE: 'true', ...smtp.config } });
  s.ctx.now = serverNow;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toUTCString();
  feeds.route('/bbs/rss.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssOf('云溪论坛·民生直通车', [
    {
      id: 'yx-bbs-20417', link: `${feeds.base}/bbs/thread/20417`, date: at(50), author: '张卫东',
      title: TITLE,
      text: '城关镇幸福路小区从前天开始自来水发黄、有异味，烧开后壶底有黄色沉淀。小区里老人和孩子多，大家不敢饮用，只能去超市买桶装水。'
        + '打了供水公司电话说是管网检修，但没有任何通知，也不知道什么时候恢复正常。希望县里有关部门尽快检测水质并公布结果。',
    },
    {
      id: 'yx-bbs-20431', link: `${feeds.base}/bbs/thread/20431`, date: at(20), author: '李秀英',
      title: '幸福路小区自来水发黄，孩子学校也受影响吗',
      text: '城关镇幸福路小区自来水发黄有异味已经三天了，旁边的城关第二小学食堂是不是也用的同一条管网？家长很担心孩子的饮水安全，'
        + '请县教体局和供水公司说明情况，公布水质检测结果。',
    },
  ])));
});
after(async () => { await browser?.close(); await s?.close(); await feeds?.close(); await smtp?.close(); });

async function submit(page: Page, button?: string) {
  await (button ? page.getByRole('button', { name: button, exact: true }) : page.locator('form.stack button[type="submit"]').first()).click();
  await page.waitForLoadState('load');
}

const mainText = (page: Page) => page.locator('main').innerText();

/** Enter on the focused link or button, waiting for the page it leads to. */
async function enter(page: Page) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}

/** A row of the incident page's 回应时限 table: its due instant (from <time datetime>), shown text and state. */
async function deadline(page: Page, label: string) {
  const row = page.locator('table').filter({ has: page.locator('caption', { hasText: '回应时限（北京时间）' }) }).locator('tbody tr').filter({ hasText: label });
  assert.equal(await row.count(), 1, `one 回应时限 row for ${label}`);
  const cells = row.locator('td, th');
  const due = row.locator('time').first();
  return { due: new Date((await due.getAttribute('datetime'))!), dueText: await due.innerText(), state: await cells.nth(2).innerText() };
}

/** The 处置过程 table: [time, event label, detail] per row, oldest first. */
async function timeline(page: Page): Promise<string[][]> {
  const rows = page.locator('table').filter({ has: page.locator('caption', { hasText: '处置过程（北京时间）' }) }).locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < await rows.count(); i++) out.push((await rows.nth(i).locator('td, th').allInnerTexts()).map((x) => x.trim()));
  return out;
}

function inOrder(labels: string[], want: string[]): void {
  let at = -1;
  for (const w of want) {
    const next = labels.indexOf(w, at + 1);
    assert.ok(next > at, `timeline has ${w} after ${want[want.indexOf(w) - 1] ?? 'the start'}: ${labels.join(' → ')}`);
    at = next;
  }
}

const signedIn = (user: string) => signedInPage(browser, s, user);

test('政务舆情 journey: feed → 研判 重大 → 指定 → 5 h and 24 h responses → 回应关切 → 办结; an unanswered incident breaches', async (t) => {
  const yq = await signedIn('yqzy');
  const office = await signedIn('gkb');
  const clerk = await signedIn('cbr');
  const approver = await signedIn('sfr');
  let incidentPath = '';
  let no = '';

  await t.test('1. the monitor adds the forum feed, polls it and finds a candidate', async () => {
    const p = yq.page;
    await visit(p, '/admin/opinion/sources');
    await p.getByRole('link', { name: '新增订阅源' }).click();
    await p.waitForLoadState('load');
    await p.locator('#f-name').fill('云溪论坛·民生直通车');
    await p.locator('#f-url').fill(`${feeds.base}/bbs/rss.xml`);
    await p.locator('#f-mediaType').selectOption('forum');
    await p.locator('#f-pollMinutes').fill('15');
    await p.locator('#f-weight').fill('1.2');
    await checkA11y(p, 'new source, filled');
    await submit(p, '保存并开始抓取');
    assert.match(new URL(p.url()).pathname, /^\/admin\/opinion\/sources\/\d+$/);
    await p.getByRole('button', { name: '立即抓取：云溪论坛·民生直通车' }).click();
    await p.waitForLoadState('load');
    assert.match(await p.locator('.notice').innerText(), /已加入抓取队列/);
    assert.match(await mainText(p), /排队中/);
    // The job worker polls it (here: the test runs the queued job), then the page shows the result.
    await runPendingJobs(s.ctx, { only: ['opinion.poll-source'] });
    assert.ok((feeds.hits.get('/bbs/rss.xml') ?? 0) >= 1, 'the feed server was asked');
    await p.reload();
    await p.waitForLoadState('load');
    assert.match(await mainText(p), /累计新增信息\s*2 条/);
    await checkA11y(p, 'source page after a poll');

    await visit(p, '/admin/opinion?status=candidate');
    const row = p.locator('main tbody tr').filter({ hasText: TITLE });
    assert.equal(await row.count(), 1, `one candidate about the water: ${await mainText(p)}`);
    await checkA11y(p, 'incident list with the candidate');
    const link = row.getByRole('link', { name: /YQ-\d{4}-\d{4}/ });
    no = (await link.innerText()).trim();
    await link.click();
    await p.waitForLoadState('load');
    incidentPath = new URL(p.url()).pathname;
    assert.match(incidentPath, /^\/admin\/opinion\/\d+$/);
  });

  await t.test('2. 研判 as 重大: the score explained, 5 h / 24 h clocks in Beijing time, the escalation mail sent', async () => {
    const p = yq.page;
    const text = await mainText(p);
    assert.match(text, /风险评分 \d+ 分的构成（建议级别：/);
    assert.match(text, /相关信息（共 2 条/);
    assert.match(text, /云溪论坛·民生直通车/);
    // The citizens' names are personal data: masked on the page.
    assert.doesNotMatch(text, /张卫东|李秀英/);
    assert.match(text, /张\*+/);
    assert.match(text, /研判确认后开始计算回应时限/);
    await checkA11y(p, 'candidate incident page');

    await p.locator('#f-grade').selectOption('major');
    await p.locator('#f-category').selectOption('public_interest');
    await p.locator('#f-reason').fill('涉及群众饮水安全，已引发家长集中关注，按重大舆情处置。');
    const before = serverNow();
    await submit(p, '确认研判');
    assert.match(await p.locator('.notice').innerText(), /重大或特别重大舆情，已立即通知县政府办公室和网信办/);

    const confirmedAt = new Date((await p.locator('dl.facts dt:text-is("研判确认时间") + dd time').getAttribute('datetime'))!);
    assert.ok(Math.abs(confirmedAt.getTime() - before.getTime()) < 60_000, 'confirmed now on the server clock');
    const first = await deadline(p, '首次发布权威信息');
    const press = await deadline(p, '召开新闻发布会');
    assert.equal(first.due.getTime() - confirmedAt.getTime(), 5 * HOUR);
    assert.equal(press.due.getTime() - confirmedAt.getTime(), 24 * HOUR);
    assert.equal(first.dueText, formatInstant(first.due, 'minute'), 'shown in Beijing time');
    assert.equal(press.dueText, formatInstant(press.due, 'minute'));
    assert.match(first.state, /剩余|小时|分钟/);
    await checkA11y(p, 'confirmed incident page');

    // The mail to the escalation receivers (政务公开办, 网信办) goes through the mail job to SMTP.
    const run = await runPendingJobs(s.ctx, { only: ['mail.send'] });
    assert.deepEqual(run.failed, []);
    const mail = smtp.mails.find((m) => m.subject.includes(no));
    assert.ok(mail, `a mail about ${no}: ${smtp.mails.map((m) => m.subject).join(' | ')}`);
    assert.equal(mail.subject, `【政务舆情·重大】${no} ${TITLE}`);
    assert.deepEqual([...mail.to].sort(), ['gkb@yunxi.example.gov.cn', 'yqzy@yunxi.example.gov.cn']);
    assert.match(mail.text, /报告原因：研判为重大、特别重大舆情/);
    assert.ok(mail.text.includes(`${formatInstant(first.due, 'minute')}前`), `the 5 h deadline in the mail:\n${mail.text}`);
    assert.ok(mail.text.includes(`${formatInstant(press.due, 'minute')}前`));
    await visit(p, incidentPath);
    assert.match(await mainText(p), /已发送邮件通知 2 人/);
  });

  await t.test('3. the disclosure office names the lead unit', async () => {
    const p = office.page;
    await visit(p, incidentPath);
    await p.locator('#f-lead').selectOption({ label: LEAD });
    await p.locator('#f-assignNote').fill('请县教体局会同供水公司核实城关第二小学饮水情况并统一发布。');
    await submit(p, '保存指定');
    assert.match(await p.locator('.notice').innerText(), /牵头单位已指定/);
    assert.match(await p.locator('dl.facts').innerText(), new RegExp(`牵头单位\\s*${LEAD}`));
    await checkA11y(p, 'assigned incident page');
  });

  let firstResponse = '';
  await t.test('4. the lead unit answers on the website within 5 h; the approver passes it', async () => {
    shift = 2 * HOUR;
    const p = clerk.page;
    await visit(p, '/admin/opinion');
    await p.locator('main tbody tr').filter({ hasText: TITLE }).getByRole('link', { name: no }).click();
    await p.waitForLoadState('load');
    await p.getByRole('link', { name: '起草回应' }).click();
    await p.waitForLoadState('load');
    assert.match(await mainText(p), /首次发布权威信息/);
    await p.locator('#f-channel').selectOption('website');
    await p.locator('#f-respondedAt').fill(local(serverNow()));
    await p.locator('#f-text').fill('县教体局、县供水公司已对城关镇幸福路片区管网开展冲洗排放，并对城关第二小学等6个点位取样送检，检测结果将于今日18时前在县政府网站公布。检测结果出来前，学校食堂暂停使用自来水，改用桶装水。');
    await p.locator('#f-url').fill('https://www.yunxi.gov.cn/art/2026/10/12/art_1021_88.html');
    await checkA11y(p, 'respond form, filled');
    await submit(p, '提交回应');
    assert.match(await p.locator('.notice').innerText(), /回应已提交审核/);

    const a = approver.page;
    await visit(a, incidentPath);
    const link = a.locator('table').filter({ has: a.locator('caption', { hasText: '回应记录' }) }).getByRole('link').first();
    firstResponse = (await link.getAttribute('href'))!;
    await link.click();
    await a.waitForLoadState('load');
    assert.match(await mainText(a), /城关第二小学等6个点位取样送检/);
    await checkA11y(a, 'response review page');
    await a.locator('#f-conclusion').selectOption('pass');
    await a.locator('#f-opinion').fill('同意发布。');
    await submit(a, '提交审核意见');
    assert.match(await a.locator('.notice').innerText(), /回应已生效/);

    await visit(p, incidentPath);
    const first = await deadline(p, '首次发布权威信息');
    assert.match(first.state, /^已完成（.+）$/);
    assert.match(await mainText(p), /已审核通过/);
  });

  let pressResponse = '';
  await t.test('5. a press conference meets the 24 h deadline and is published on 回应关切', async () => {
    shift = 20 * HOUR;
    const p = clerk.page;
    await visit(p, `${incidentPath}/respond`);
    await p.locator('#f-channel').selectOption('press_conference');
    await p.locator('#f-respondedAt').fill(local(serverNow()));
    await p.locator('#f-text').fill('县政府新闻办召开新闻发布会，通报城关镇幸福路片区自来水发黄问题：原因为管网检修后管道内沉积物扰动，6个点位水样检测结果均符合生活饮用水卫生标准，供水已恢复正常。今后管网检修将提前3天在小区公告并通过政务微信发布。');
    await submit(p, '提交回应');
    assert.match(await p.locator('.notice').innerText(), /回应已提交审核/);

    const a = approver.page;
    await visit(a, incidentPath);
    const link = a.locator('table').filter({ has: a.locator('caption', { hasText: '回应记录' }) }).locator('tbody tr').filter({ hasText: '审核中' }).getByRole('link');
    pressResponse = (await link.getAttribute('href'))!;
    assert.notEqual(pressResponse, firstResponse);
    await link.click();
    await a.waitForLoadState('load');
    await a.locator('#f-conclusion').selectOption('pass');
    await submit(a, '提交审核意见');
    assert.match(await a.locator('.notice').innerText(), /回应已生效/);

    await visit(p, incidentPath);
    assert.match((await deadline(p, '召开新闻发布会')).state, /^已完成（.+）$/);
    assert.match((await deadline(p, '首次发布权威信息')).state, /^已完成（.+）$/);

    const rid = pressResponse.split('/').at(-1)!;
    await visit(p, `${incidentPath}/respond`);
    await p.getByRole('button', { name: `在回应关切栏目公开：回应 ${rid}` }).click();
    await p.waitForLoadState('load');
    assert.match(await p.locator('.notice').innerText(), /已在回应关切栏目公开/);
    await checkA11y(p, 'respond page after publishing');

    // A citizen, not signed in, on a phone.
    const phone = await newPage(browser, s.baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visit(phone, '/hygq/');
    assert.match(await mainText(phone), new RegExp(TITLE));
    await phone.getByRole('link', { name: new RegExp(TITLE) }).first().click();
    await phone.waitForLoadState('load');
    assert.equal(new URL(phone.url()).pathname, `/hygq/${rid}`);
    const text = await mainText(phone);
    assert.match(text, /均符合生活饮用水卫生标准/);
    assert.doesNotMatch(text, /城关第二小学等6个点位取样送检/, 'the unpublished response stays inside');
    assert.doesNotMatch(text, /张卫东|李秀英/);
    const wide = await phone.evaluate('document.documentElement.scrollWidth') as number;
    assert.ok(wide <= 390, `/hygq/${rid} is ${wide}px wide on a 390 px phone`);
    await checkA11y(phone, 'hygq page on a phone');
    await screenshot(phone, 'opinion-journey-hygq-phone');
    await phone.context().close();
  });

  await t.test('6. closed with an effect evaluation; the timeline runs from the first post to the closing', async () => {
    const p = clerk.page;
    await visit(p, incidentPath);
    await p.getByRole('link', { name: '办结' }).click();
    await p.waitForLoadState('load');
    await p.locator('#f-evaluation').fill('两次权威发布后，论坛相关讨论明显减少，家长关心的水质检测结果已公开，供水公司承诺检修提前公告，舆情平稳消退。');
    await p.locator('#f-rating').selectOption('good');
    await checkA11y(p, 'close form, filled');
    await submit(p, '办结');
    assert.match(await p.locator('.notice').innerText(), /舆情已办结/);

    await visit(p, incidentPath);
    const text = await mainText(p);
    assert.match(await p.locator('dl.facts').first().innerText(), /状态\s*已办结/);
    assert.match(text, /效果良好，舆论趋于平稳/);
    assert.match(text, /家长关心的水质检测结果已公开/);
    // The clocks stopped with the closing: what was still owed counts down no more.
    assert.equal((await deadline(p, '持续发布进展')).state, '已办结，不再计时');
    const rows = await timeline(p);
    const labels = rows.map((r) => r[1]!);
    assert.equal(labels[0], '发现舆情', `starts with the first post: ${labels.join(' → ')}`);
    assert.match(rows[0]![2]!, /2 条信息/);
    assert.equal(labels.at(-1), '办结');
    const said = (label: string) => rows.filter((r) => r[1] === label).map((r) => r[2]);
    assert.deepEqual(said('发布回应'), ['回应渠道：政府网站；完成时限：首次发布权威信息', '回应渠道：新闻发布会；完成时限：召开新闻发布会、持续发布进展']);
    assert.deepEqual(said('办结'), ['评估结论：效果良好，舆论趋于平稳']);
    // The people who did it, by name (not their login names).
    const by = (label: string) => rows.find((r) => r[1] === label)![3];
    assert.deepEqual([by('研判确认'), by('指定牵头单位'), by('回应提交审核'), by('回应审核通过'), by('办结')], ['韩立新', '周文清', '李思远', '孙振华', '李思远']);
    inOrder(labels, ['发现舆情', '研判确认', '通知', '指定牵头单位', '回应提交审核', '回应审核通过', '回应提交审核', '回应审核通过', '在回应关切栏目公开', '办结']);
    await screenshot(p, 'opinion-journey-closed');
  });

  let secondPath = '';
  let secondNo = '';
  await t.test('7. a hand-entered incident nobody answers breaches its 48 h deadline', async () => {
    const p = yq.page;
    await visit(p, '/admin/opinion');
    await p.locator('main').getByRole('link', { name: '录入舆情' }).click();
    await p.waitForLoadState('load');
    assert.equal(new URL(p.url()).pathname, '/admin/opinion/new');
    await p.locator('#f-title').fill('城关第二小学门口早晚高峰交通拥堵');
    await p.locator('#f-text').fill('12345热线连续接到家长反映：城关第二小学门口早晚高峰车辆乱停，学生过马路不安全，希望增设护学岗和临时停车位。');
    await p.locator('#f-origin').selectOption('manual');
    await p.locator('#f-sourceName').fill('12345政务服务便民热线');
    await p.locator('#f-mediaType').selectOption('hotline');
    await submit(p, '保存并进入研判');
    assert.match(await p.locator('.notice').innerText(), /舆情已录入，请研判/);
    secondPath = new URL(p.url()).pathname;
    secondNo = (await p.locator('dl.facts dt:text-is("舆情编号") + dd').innerText()).trim();
    await p.locator('#f-grade').selectOption('general');
    await p.locator('#f-category').selectOption('public_interest');
    await submit(p, '确认研判');
    assert.match(await p.locator('.notice').innerText(), /研判已确认，回应时限已开始计算/);
    const due = (await deadline(p, '作出回应')).due;
    assert.equal(due.getTime() - new Date((await p.locator('dl.facts dt:text-is("研判确认时间") + dd time').getAttribute('datetime'))!).getTime(), 48 * HOUR);

    await visit(office.page, secondPath);
    await office.page.locator('#f-lead').selectOption({ label: LEAD });
    await submit(office.page, '保存指定');
    assert.match(await office.page.locator('.notice').innerText(), /牵头单位已指定/);

    // Nobody answers. Two days and an hour later the deadline job comes round.
    shift += 49 * HOUR;
    const run = await runCronJob(s.ctx, 'opinion.deadlines');
    assert.deepEqual(run.failed, []);
    assert.deepEqual((await runPendingJobs(s.ctx, { only: ['mail.send'] })).failed, []);
    const mail = smtp.mails.find((m) => m.subject.includes('超时督办') && m.subject.includes(secondNo));
    assert.ok(mail, `a 超时督办 mail: ${smtp.mails.map((m) => m.subject).join(' | ')}`);
    assert.deepEqual([...mail.to].sort(), ['gkb@yunxi.example.gov.cn', 'sfr@yunxi.example.gov.cn', 'shr@yunxi.example.gov.cn']);
    assert.ok(!smtp.mails.some((m) => m.subject.includes('超时督办') && m.subject.includes(no)), 'the closed incident owes nothing');

    const o = office.page;
    await visit(o, '/admin/opinion/findings');
    const row = o.locator('main tbody tr').filter({ hasText: secondNo });
    assert.equal(await row.count(), 1, `one finding for ${secondNo}: ${await mainText(o)}`);
    const cells = (await row.locator('td, th').allInnerTexts()).map((x) => x.trim());
    assert.deepEqual(cells.slice(2, 5), ['一般', LEAD, '作出回应']);
    assert.match(cells[5]!, /通报|约谈|问责/);
    assert.equal(cells[7], '待决定');
    assert.ok(!(await mainText(o)).includes(no), 'the answered incident has no finding');
    await checkA11y(o, 'findings with the breach');
    await row.getByRole('link', { name: secondNo, exact: true }).click();
    await o.waitForLoadState('load');
    assert.equal(new URL(o.url()).pathname, secondPath);
    assert.equal((await deadline(o, '作出回应')).state, '已超时');
    const last = (await timeline(o)).at(-1)!;
    assert.equal(last[1], '超过时限');
    assert.match(last[2]!, /作出回应时限已过，已生成问责建议/);
    await checkA11y(o, 'breached incident page');
  });

  let findingPath = '';
  await t.test('8. the disclosure office decides the finding, by keyboard, with the confirmation ticked', async () => {
    const o = office.page;
    await visit(o, '/admin/opinion/findings');
    await o.locator('#f-status').selectOption('open');
    await submit(o, '筛选');
    assert.equal(new URL(o.url()).searchParams.get('status'), 'open');
    const row = o.locator('main tbody tr').filter({ hasText: secondNo });
    await row.getByRole('link', { name: /决定或撤销/ }).focus();
    await enter(o);
    findingPath = new URL(o.url()).pathname;
    assert.match(findingPath, /^\/admin\/opinion\/findings\/\d+$/);
    assert.equal(await o.locator('h1').innerText(), `问责建议：${LEAD}`);
    assert.equal(await o.locator('#f-kind').isChecked(), true, 'the proposal (通报) is chosen by default');
    await checkA11y(o, 'open finding');

    // Without the confirmation ticked: refused, the note kept.
    await o.locator('#f-note').focus();
    await o.keyboard.type('经联席会议会商，该单位未按时回应群众关切，决定约谈分管负责同志。');
    await o.getByRole('button', { name: '提交决定' }).focus();
    await enter(o);
    assert.match(await o.locator('.error-summary').innerText(), /请勾选确认：决定提交后不能修改或撤回/);
    assert.match(await o.locator('#f-note').inputValue(), /决定约谈分管负责同志/);
    await checkA11y(o, 'finding form with errors');

    await o.locator('#f-kind-interview').focus();
    await o.keyboard.press('Space');
    await o.locator('#f-confirm').focus();
    await o.keyboard.press('Space');
    await o.getByRole('button', { name: '提交决定' }).focus();
    await enter(o);
    assert.match(await o.locator('.notice').innerText(), /决定已记录/);
    const fact = async (label: string) => (await o.locator(`dl.facts dt:text-is("${label}") + dd`).innerText()).trim();
    assert.deepEqual([await fact('状态'), await fact('决定结果'), await fact('决定人')], ['已决定', '约谈（建议为通报）', '周文清']);
    assert.match(await fact('决定时间'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/);
    assert.equal(await o.locator('form[action$="/decide"], form[action$="/withdraw"]').count(), 0, 'one time only');
    await checkA11y(o, 'decided finding');

    await visit(o, '/admin/opinion/findings?status=decided');
    const decided = o.locator('main tbody tr').filter({ hasText: secondNo });
    assert.match(await decided.locator('td, th').nth(7).innerText(), /已决定：约谈\s*周文清，\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await visit(o, secondPath);
    const last = (await timeline(o)).at(-1)!;
    assert.equal(last[1], '问责决定');
    assert.match(last[2]!, /作出回应时限：对云溪县教育体育局决定约谈（原建议通报）；决定说明：经联席会议会商/);
    assert.equal(last[3], '周文清');
  });

  await t.test('the journey pages are accessible in every view', async () => {
    const anon = await newContext(browser, s.baseUrl);
    const citizen = await anon.newPage();
    const rid = pressResponse.split('/').at(-1)!;
    for (const view of VIEWS) {
      const elder = view === 'elder' || view === 'elder2';
      for (const [who, path, label] of [
        [yq, incidentPath, 'closed incident'], [office, secondPath, 'breached incident'], [office, '/admin/opinion/findings', 'findings'],
        [office, findingPath, 'decided finding'],
        [approver, pressResponse, 'approved response'],
      ] as const) {
        await setView(who.context, s.baseUrl, view);
        await visit(who.page, path);
        await checkA11y(who.page, `${label} [${view}]`);
        if (elder) await checkElder(who.page, `${label} [${view}]`, view);
      }
      await setView(anon, s.baseUrl, view);
      for (const path of ['/hygq/', `/hygq/${rid}`]) {
        await visit(citizen, path);
        await checkA11y(citizen, `${path} [${view}]`);
        if (elder) await checkElder(citizen, `${path} [${view}]`, view);
      }
      assert.match(await mainText(citizen), view === 'tw' ? /均符合生活飲用水衛生標準/ : /均符合生活饮用水卫生标准/);
    }
    await anon.close();
  });

  for (const c of [yq, office, clerk, approver]) await c.context.close();
});
