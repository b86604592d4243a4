// 社会评议 through the real server on the demo county: the public list and form (errors in Chinese,
// answers kept, script tags as text, a 100,000-character text refused), one answer per browser
// (signed cookie), the hourly limit per address (1,000 answers from one address), ended and draft
// surveys refused, the phone check (blind index + encrypted), the builder (template, publish), the
// admin results with charts, the CSV export (formula guard), 整改 closed with a rectification or an
// explanation by the item's organisation only (a new item mailed to that organisation's users who may
// close it, through the real test SMTP server), 复制为新问卷, the ECharts browser build as a static
// file, the API, and the audit chain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { beijingToday } from '../../platform/time/index.ts';
import * as repo from './repo.ts';
import { fieldOf, type Question } from './domain.ts';
import { submitAnswer } from './use-cases/answer.ts';
import { seedSurveyDemo } from './demo.ts';
import { startSmtpServer, type TestSmtp } from '../../../test/support/smtp.ts';
import { runPendingJobs } from '../../../test/support/jobs.ts';

let s: TestServer;
let smtp: TestSmtp;
let gkb: Client;
let cbr: Client;
let openId = 0;
let endedId = 0;
let qs: Question[] = [];

before(async () => {
  smtp = await startSmtpServer();
  s = await startTestServer({ config: { COOKIE_SECURE: 'false', RATE_LIMIT_FORMS: '1000', ...smtp.config } });
  assert.equal(await seedSurveyDemo(s.ctx, (m) => assert.fail(m)), 30);
  [gkb, cbr] = [new Client(s.baseUrl), new Client(s.baseUrl)];
  await Promise.all([gkb.login('gkb', s.password('gkb')), cbr.login('cbr', s.password('cbr'))]);
  const list = await repo.listSurveys(s.ctx.db, { all: true });
  openId = list.find((x) => x.status === 'published')!.id;
  endedId = list.find((x) => x.status === 'closed')!.id;
  qs = await repo.listQuestions(s.ctx.db, openId);
});
after(async () => { await s?.close(); await smtp?.close(); });

/** A complete answer to the template's questions. */
function good(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const q of qs) {
    if (q.kind === 'rating') out[fieldOf(q)] = '4';
    else if (q.kind === 'single') out[fieldOf(q)] = '1';
    else if (q.kind === 'multiple') out[fieldOf(q)] = ['1', '2'];
  }
  return { ...out, ...extra };
}
const textQ = () => qs.find((q) => q.kind === 'text')!;
const ratings = () => qs.filter((q) => q.kind === 'rating');

test('the public list, a required answer missing, script tags as text, a 100,000-character text refused, then accepted once', async () => {
  const anon = new Client(s.baseUrl);
  const list = await anon.get('/hdjl/pj/');
  assert.equal(list.status, 200);
  assert.match(list.text, /正在进行的评议/);
  assert.match(list.text, new RegExp(`href="/hdjl/pj/${openId}"`));
  assert.match(list.text, new RegExp(`href="/hdjl/pj/${endedId}"`));
  const page = await anon.get(`/hdjl/pj/${openId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<fieldset[^>]*><legend>1\. /);
  assert.match(page.text, /type="radio" id="f-q\d+" name="q\d+" value="1"/);

  const first = ratings()[0]!;
  const missing = good({ [fieldOf(textQ())]: '<script>alert("x")</script>网站很好' });
  delete missing[fieldOf(first)];
  const r1 = await anon.post(`/hdjl/pj/${openId}`, missing);
  assert.equal(r1.status, 422);
  assert.match(r1.text, new RegExp(`<a href="#f-${fieldOf(first)}">字段“第1题`));
  assert.match(r1.text, /为必填项/);
  assert.match(r1.text, /&lt;script>alert\(&quot;x&quot;\)&lt;\/script>网站很好|&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;网站很好/);
  assert.doesNotMatch(r1.text, /<script>alert/);
  // The other answers are kept.
  assert.match(r1.text, new RegExp(`name="${fieldOf(ratings()[1]!)}" value="4" checked`));

  const long = 'a'.repeat(100_000);
  const r2 = await anon.post(`/hdjl/pj/${openId}`, good({ [fieldOf(textQ())]: long }));
  assert.equal(r2.status, 422);
  assert.match(r2.text, /不能超过500个字符/);
  assert.ok(r2.text.includes(`>${long}</textarea>`), 'the whole typed text is written back');

  const ok = await anon.post(`/hdjl/pj/${openId}`, good({ [fieldOf(textQ())]: '<b>建议</b>公开更及时' }));
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/hdjl/pj/${openId}/thanks`);
  assert.ok(anon.hasCookie(`gk_pj_${openId}`));
  const thanks = await anon.get(ok.location!);
  assert.match(thanks.text, /提交成功，感谢您参与评议/);

  // The same browser again: refused, nothing stored.
  const before = await repo.countResponses(s.ctx.db, openId);
  const again = await anon.post(`/hdjl/pj/${openId}`, good());
  assert.equal(again.status, 409);
  assert.match(again.text, /您已经参与过本次评议/);
  assert.equal(await repo.countResponses(s.ctx.db, openId), before);
  assert.match((await anon.get(`/hdjl/pj/${openId}`)).text, /您已经参与过本次评议/);
  // A forged cookie is not a signed one: the form is shown.
  const forged = new Client(s.baseUrl);
  const f = await forged.get(`/hdjl/pj/${openId}`, { cookie: `gk_pj_${openId}=${openId}` });
  assert.doesNotMatch(f.text, /您已经参与过本次评议/);
});

test('1,000 answers from one address: the first ones within the hourly limit, the rest refused with a clear message', async () => {
  const limit = (await repo.findSurvey(s.ctx.db, openId))!.perAddressHourly;
  const before = await repo.countResponses(s.ctx.db, openId);
  let accepted = 0;
  let refused = 0;
  let message = '';
  // 50 at a time: the count under the address lock holds under concurrency.
  for (let i = 0; i < 1000; i += 50) {
    const batch = await Promise.all(Array.from({ length: 50 }, () => submitAnswer(s.ctx, { surveyId: openId, body: good(), ip: '203.0.113.7', answeredCookie: false })));
    for (const r of batch) {
      if (r.ok) accepted += 1;
      else { refused += 1; assert.equal(r.reason, 'rate_limited'); message = r.message; }
    }
  }
  assert.equal(accepted, limit);
  assert.equal(refused, 1000 - limit);
  assert.match(message, /一小时内最多可提交 10 份答卷/);
  assert.equal(await repo.countResponses(s.ctx.db, openId), before + limit);
  // Another address is not affected; an hour later the address may answer again.
  assert.ok((await submitAnswer(s.ctx, { surveyId: openId, body: good(), ip: '203.0.113.8', answeredCookie: false })).ok);
  const later = { ...s.ctx, now: () => new Date(Date.now() + 61 * 60_000) };
  assert.ok((await submitAnswer(later, { surveyId: openId, body: good(), ip: '203.0.113.7', answeredCookie: false })).ok);
  // Over HTTP the page says so and keeps the answers.
  const anon = new Client(s.baseUrl);
  await anon.get(`/hdjl/pj/${openId}`);
  for (let i = 0; i < limit; i++) await submitAnswer(s.ctx, { surveyId: openId, body: good(), ip: '127.0.0.1', answeredCookie: false });
  const r = await anon.post(`/hdjl/pj/${openId}`, good({ [fieldOf(textQ())]: '限流后保留' }));
  assert.equal(r.status, 429);
  assert.match(r.text, /本网络地址已达到上限/);
  assert.match(r.text, />限流后保留<\/textarea>/);
});

test('an ended survey refuses answers and shows its public results; a draft is not found', async () => {
  const anon = new Client(s.baseUrl);
  const page = await anon.get(`/hdjl/pj/${endedId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /评议结果/);
  assert.match(page.text, /<svg[^>]*role="img"/);
  assert.match(page.text, /<table class="chart-table">/);
  assert.doesNotMatch(page.text, /<form method="post" action="\/hdjl\/pj\//);
  const r = await anon.post(`/hdjl/pj/${endedId}`, { x: '1', _csrf: anon.csrf || 'x' });
  assert.ok(r.status === 409 || r.status === 403, String(r.status));
  if (r.status === 409) assert.match(r.text, /已于\d{4}-\d{2}-\d{2}结束，不再接受填写/);
  const direct = await submitAnswer(s.ctx, { surveyId: endedId, body: {}, ip: '203.0.113.9', answeredCookie: false });
  assert.ok(!direct.ok && direct.reason === 'unavailable' && /不再接受填写/.test(direct.message));

  // A draft built by the office: not on the portal.
  await gkb.get('/admin/surveys/new');
  const made = await gkb.post('/admin/surveys/new', { title: '草稿评议', startsOn: '2020-01-01', endsOn: '2099-12-31', perAddressHourly: '10', template: '1' });
  assert.equal(made.status, 303);
  const draftId = Number(/\/admin\/surveys\/(\d+)/.exec(made.location!)![1]);
  assert.equal((await anon.get(`/hdjl/pj/${draftId}`)).status, 404);
  const d = await submitAnswer(s.ctx, { surveyId: draftId, body: {}, ip: '203.0.113.9', answeredCookie: false });
  assert.ok(!d.ok && d.reason === 'not_found');
});

test('builder: template, bad dates, publish; a phone answers once, kept only as blind index and ciphertext', async () => {
  await gkb.get('/admin/surveys/new?template=1');
  const bad = await gkb.post('/admin/surveys/new', { title: '手机核验评议', startsOn: '2026-10-10', endsOn: '2026-10-01', perAddressHourly: '10', template: '1' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /结束日期不能早于开始日期/);
  assert.match(bad.text, /value="手机核验评议"/);
  const made = await gkb.post('/admin/surveys/new', { title: '手机核验评议', startsOn: '2020-01-01', endsOn: '2099-12-31', perAddressHourly: '100', requirePhone: '1', resultsPublic: '1', template: '1' });
  assert.equal(made.status, 303);
  const id = Number(/\/admin\/surveys\/(\d+)/.exec(made.location!)![1]);
  const page = await gkb.get(made.location!);
  assert.match(page.text, /题目（7）/);
  // A question added and moved while a draft.
  const add = await gkb.post(`/admin/surveys/${id}/questions`, { kind: 'single', title: '您的年龄段', options: '18岁以下\n18—60岁\n60岁以上', required: '1' });
  assert.equal(add.status, 303);
  const noOpts = await gkb.post(`/admin/surveys/${id}/questions`, { kind: 'single', title: '只有一个选项', options: '是' });
  assert.equal(noOpts.status, 422);
  assert.match(noOpts.text, /选择题至少需要2个选项/);
  assert.equal((await gkb.post(`/admin/surveys/${id}/publish`, {})).status, 303);
  // Published: questions are frozen.
  const frozen = await gkb.post(`/admin/surveys/${id}/questions`, { kind: 'rating', title: '加一题' });
  assert.equal(frozen.status, 409);
  assert.match(frozen.text, /题目不能再修改/);

  const qs2 = await repo.listQuestions(s.ctx.db, id);
  const body: Record<string, string | string[]> = {};
  for (const q of qs2) body[fieldOf(q)] = q.kind === 'multiple' ? ['1'] : '1';
  const a = new Client(s.baseUrl);
  await a.get(`/hdjl/pj/${id}`);
  const noPhone = await a.post(`/hdjl/pj/${id}`, body);
  assert.equal(noPhone.status, 422);
  assert.match(noPhone.text, /手机号码”为必填项/);
  assert.equal((await a.post(`/hdjl/pj/${id}`, { ...body, phone: '13912345678' })).status, 303);
  const b = new Client(s.baseUrl);
  await b.get(`/hdjl/pj/${id}`);
  const twice = await b.post(`/hdjl/pj/${id}`, { ...body, phone: '13912345678' });
  assert.equal(twice.status, 409);
  assert.match(twice.text, /该手机号码已经参与过本次评议/);
  assert.match(twice.text, /value="13912345678"/);
  const rows = (await s.ctx.db.execute(sql`select phone_index, phone_enc, answers::text as answers from survey_responses where survey_id = ${id}`)).rows as { phone_index: string; phone_enc: string; answers: string }[];
  assert.equal(rows.length, 1);
  assert.ok(rows[0]!.phone_index && !rows[0]!.phone_index.includes('13912345678'));
  assert.ok(!rows[0]!.phone_enc.includes('13912345678') && !rows[0]!.answers.includes('13912345678'));
  assert.equal(s.ctx.fieldCipher.decrypt(rows[0]!.phone_enc), '13912345678');
});

test('admin results with charts, CSV export with the formula guard, 整改 closed by the item organisation', async () => {
  await submitAnswer(s.ctx, { surveyId: openId, body: good({ [fieldOf(textQ())]: '=HYPERLINK("http://x")' }), ip: '203.0.113.50', answeredCookie: false });
  const res = await gkb.get(`/admin/surveys/${openId}/results`);
  assert.equal(res.status, 200);
  assert.match(res.text, /<svg[^>]*role="img"/);
  assert.match(res.text, /平均 \d(\.\d+)? 分/);
  assert.match(res.text, /&lt;b>建议&lt;\/b>公开更及时|&lt;b&gt;建议&lt;\/b&gt;公开更及时/);
  const csv = await gkb.get(`/admin/surveys/${openId}/export.csv`);
  assert.equal(csv.status, 200);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(csv.text, /'=HYPERLINK/);
  assert.match(csv.text, /答卷编号/);
  // The clerk of 县教体局 cannot see the county office's survey results.
  assert.equal((await cbr.get(`/admin/surveys/${openId}/results`)).status, 403);

  // A free-text answer becomes an 整改 item for 县教体局.
  const edu = (await s.ctx.db.execute(sql`select id from org_units where short_name = '县教体局'`)).rows[0] as { id: number };
  const resp = (await repo.listResponses(s.ctx.db, openId)).find((r) => r.answers[fieldOf(textQ())] === '<b>建议</b>公开更及时')!;
  const form = await gkb.get(`/admin/surveys/rectifications/new?survey=${openId}&question=${textQ().id}&response=${resp.id}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /&lt;b>建议|&lt;b&gt;建议/);
  const past = await gkb.post('/admin/surveys/rectifications/new', { surveyId: String(openId), questionId: String(textQ().id), responseId: String(resp.id), orgId: String(edu.id), problem: '信息公开不及时', dueOn: '2020-01-01' });
  assert.equal(past.status, 422);
  assert.match(past.text, /整改期限不能早于今天/);
  const mk = async (problem: string) => {
    const r = await gkb.post('/admin/surveys/rectifications/new', { surveyId: String(openId), questionId: String(textQ().id), responseId: String(resp.id), orgId: String(edu.id), problem, dueOn: '2099-01-01' });
    assert.equal(r.status, 303, r.text.slice(0, 300));
    return Number(/rectifications\/(\d+)/.exec(r.location!)![1]);
  };
  const a = await mk('信息公开不够及时');
  const b = await mk('需要增加线下公开渠道');
  // Each new item is mailed (mail.send job, real SMTP) to the users of 县教体局 who may close it: the
  // clerk (survey.rectify), not its reviewer, nor the office that raised it.
  await runPendingJobs(s.ctx, { only: ['mail.send'] });
  const mailA = smtp.mails.find((m) => m.subject.includes(`ZG-${a} `));
  assert.ok(mailA, `a mail for ZG-${a}: ${smtp.mails.map((m) => m.subject).join(' | ')}`);
  assert.deepEqual(mailA.to, ['cbr@yunxi.example.gov.cn']);
  assert.equal(mailA.subject, `【社会评议整改】ZG-${a} 请于2099-01-01前办结`);
  assert.match(mailA.text, /信息公开不够及时/);
  assert.match(mailA.text, /整改期限：2099-01-01/);
  assert.match(mailA.text, /向政府信息公开领导小组作出情况说明/);
  assert.ok(mailA.text.includes(`${s.ctx.config.siteUrl}/admin/surveys/rectifications/${a}`), mailA.text);
  assert.equal(smtp.mails.filter((m) => m.subject.includes(`ZG-${b} `)).length, 1);
  const audit = (await s.ctx.db.execute(sql`select summary from audit_log where action = 'survey.rectification.create' and entity_id = ${String(a)}`)).rows[0] as { summary: { recipients: number } };
  assert.equal(audit.summary.recipients, 1);
  const list = await cbr.get('/admin/surveys/rectifications?status=open');
  assert.match(list.text, new RegExp(`ZG-${a}`));
  const item = await cbr.get(`/admin/surveys/rectifications/${a}`);
  const version = /name="version" value="(\d+)"/.exec(item.text)![1]!;
  const empty = await cbr.post(`/admin/surveys/rectifications/${a}`, { kind: 'rectified', text: '', version });
  assert.equal(empty.status, 422);
  const done = await cbr.post(`/admin/surveys/rectifications/${a}`, { kind: 'rectified', text: '已在网站首页开设公开专栏，信息在形成后5个工作日内公开。', version });
  assert.equal(done.status, 303);
  const again = await cbr.post(`/admin/surveys/rectifications/${a}`, { kind: 'explained', text: '再次', version });
  assert.equal(again.status, 409);
  await cbr.get(`/admin/surveys/rectifications/${b}`);
  const vb = /name="version" value="(\d+)"/.exec((await cbr.get(`/admin/surveys/rectifications/${b}`)).text)![1]!;
  assert.equal((await cbr.post(`/admin/surveys/rectifications/${b}`, { kind: 'explained', text: '线下公开栏须统一规划，已向领导小组作出说明。', version: vb })).status, 303);
  const closed = await repo.findRectification(s.ctx.db, b);
  assert.equal(closed!.status, 'explained');
  assert.equal((await repo.findRectification(s.ctx.db, a))!.status, 'rectified');

  // An item of another organisation: the 县教体局 clerk may not close it.
  const office = (await s.ctx.db.execute(sql`select id from org_units where short_name = '县政府办'`)).rows[0] as { id: number };
  const r = await gkb.post('/admin/surveys/rectifications/new', { surveyId: String(openId), orgId: String(office.id), problem: '县政府办的事项', dueOn: '2099-01-01' });
  const c = Number(/rectifications\/(\d+)/.exec(r.location!)![1]);
  await runPendingJobs(s.ctx, { only: ['mail.send'] });
  assert.deepEqual(smtp.mails.find((m) => m.subject.includes(`ZG-${c} `))?.to, ['gkb@yunxi.example.gov.cn'], 'the office\'s own item goes to its staff');
  await cbr.get('/admin/surveys/rectifications');
  const denied = await cbr.post(`/admin/surveys/rectifications/${c}`, { kind: 'rectified', text: '越权', version: '1' });
  assert.equal(denied.status, 403);
  assert.equal((await repo.findRectification(s.ctx.db, c))!.status, 'open');
});

test('复制为新问卷: a draft of the caller\'s organisation with the same questions and no answers, audited; refused without the right to see the original', async () => {
  const src = (await repo.findSurvey(s.ctx.db, endedId))!;
  const srcQs = await repo.listQuestions(s.ctx.db, endedId);
  const page = await gkb.get(`/admin/surveys/${endedId}`);
  assert.match(page.text, new RegExp(`<form method="post" action="/admin/surveys/${endedId}/copy" class="inline-form">`));
  const r = await gkb.post(`/admin/surveys/${endedId}/copy`, {});
  assert.equal(r.status, 303);
  const id = Number(/\/admin\/surveys\/(\d+)\?done=copied/.exec(r.location!)![1]);
  assert.notEqual(id, endedId);
  const shown = await gkb.get(r.location!);
  assert.match(shown.text, /已复制为新问卷（草稿）/);
  assert.match(shown.text, new RegExp(`<h1>${src.title}（副本）</h1>`));
  const copy = (await repo.findSurvey(s.ctx.db, id))!;
  assert.equal(copy.status, 'draft');
  assert.equal(copy.orgId, src.orgId);
  assert.equal(copy.targetOrgId, src.targetOrgId);
  assert.equal(copy.intro, src.intro);
  assert.equal(copy.resultsPublic, src.resultsPublic);
  const today = beijingToday(s.ctx.now());
  assert.equal(copy.startsOn, today);
  const qs2 = await repo.listQuestions(s.ctx.db, id);
  const shape = (q: Question) => [q.position, q.kind, q.title, q.hint, q.required, q.options, q.minChoices, q.maxChoices, q.maxLength];
  assert.deepEqual(qs2.map(shape), srcQs.map(shape));
  assert.ok(qs2.every((q) => !srcQs.some((x) => x.id === q.id)), 'new question rows');
  assert.equal(await repo.countResponses(s.ctx.db, id), 0);
  // The copy's questions can be changed (a draft); the original's stay as they were.
  assert.equal((await gkb.post(`/admin/surveys/${id}/questions/${qs2[0]!.id}/delete`, {})).status, 303);
  assert.equal((await repo.listQuestions(s.ctx.db, endedId)).length, srcQs.length);
  const audit = (await s.ctx.db.execute(sql`select summary from audit_log where action = 'survey.copy' and entity_id = ${String(id)}`)).rows[0] as { summary: Record<string, unknown> };
  assert.deepEqual(audit.summary, { copiedFrom: endedId, title: `${src.title}（副本）`, startsOn: today, endsOn: copy.endsOn, questions: srcQs.length });
  // The 县教体局 clerk may not see the county office's surveys, so may not copy them.
  await cbr.get('/admin/surveys');
  assert.equal((await cbr.post(`/admin/surveys/${endedId}/copy`, {})).status, 403);
  assert.equal((await cbr.post('/admin/surveys/999999/copy', {})).status, 404);
});

test('the ECharts browser build is served from node_modules, that one file only', async () => {
  const anon = new Client(s.baseUrl);
  const js = await anon.get('/static/vendor/echarts/echarts.common.min.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') ?? '', /javascript/);
  assert.ok(js.text.length > 100_000);
  for (const other of ['echarts.js', 'extension/dataTool.js', 'package.json', '../package.json']) {
    assert.equal((await anon.get(`/static/vendor/echarts/${other}`)).status, 404, other);
  }
  assert.equal((await anon.get('/static/js/charts.js')).status, 200);
});

test('the API lists open and ended surveys and is in the OpenAPI document; the sitemap has the pages; the audit chain holds', async () => {
  const anon = new Client(s.baseUrl);
  const api = await anon.get('/api/v1/surveys');
  assert.equal(api.status, 200);
  const body = JSON.parse(api.text) as { items: { id: number; state: string; url: string }[] };
  assert.ok(body.items.some((x) => x.id === openId && x.state === 'open'));
  assert.ok(body.items.some((x) => x.id === endedId && x.state === 'ended'));
  const doc = JSON.parse((await anon.get('/api/v1/openapi.json')).text) as { paths: Record<string, unknown> };
  assert.ok(doc.paths['/api/v1/surveys']);
  const map = await anon.get('/sitemap.xml');
  assert.match(map.text, new RegExp(`/hdjl/pj/${openId}<`));
  assert.equal((await verifyAudit(s.ctx.db)).ok, true);
});
