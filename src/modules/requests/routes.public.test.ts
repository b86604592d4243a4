// Route tests of the public 依申请公开 pages with plain form posts (no JavaScript): apply → confirm
// (published records shown) → receipt; bad input keeps what was typed; the text challenge and the
// honeypot; the JSON API; tracking with the right code, a wrong code and an unknown number (same
// answer); downloads and the supplement upload; the rate limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client, type Res } from '../../../test/support/http.ts';
import { insertRecord } from '../../../test/support/catalog-public.ts';
import { listOrgs } from '../org/repo.ts';

let s: TestServer;
const ids: Record<string, number> = {};

before(async () => {
  s = await startTestServer();
  for (const o of await listOrgs(s.ctx.db)) ids[o.shortName ?? o.name] = o.id;
  await insertRecord(s.ctx.db, {
    orgId: ids['县教体局'], title: '云溪县2025年义务教育学校校舍维修项目招标公告', docNo: '云教体发[2025]7号',
    body: '校舍维修项目招标公告正文。', keywords: '校舍维修 招标', publishedAt: '2025-04-01T02:00:00Z',
  });
});
after(() => s.close());

const hidden = (html: string, name: string): string => {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  return m ? m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"') : '';
};

/** Reads the question on the page and answers it, as a person would. */
function solve(html: string): Record<string, string> {
  const m = /[请請][计計]算：(\d) (加|减|減) (\d) 等[于於]多少？/.exec(html);
  assert.ok(m, 'challenge question on the page');
  const a = Number(m[1]);
  const b = Number(m[3]);
  return { challenge: hidden(html, 'challenge'), challengeAnswer: String(m[2] === '加' ? a + b : a - b) };
}

const fields = (patch: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  _step: 'check', orgId: String(ids['县教体局']), kind: 'disclosure', applicantType: 'natural', applicantName: '王小明', idType: 'id_card',
  idNumber: '11010519491231002X', phone: '13912345678', email: 'wxm@example.com', address: '云溪县青石镇和平街3号', postcode: '334600',
  infoDescription: '2025年义务教育学校校舍维修项目招标的中标结果和合同金额', infoDocNo: '', infoFeatures: '', correctionDetail: '',
  forms: ['paper', 'electronic'], delivery: 'post', feeWaiverReason: '', website: '', ...patch,
});

async function apply(c: Client, patch: Record<string, string | string[]> = {}): Promise<{ trackingNo: string; queryCode: string; receipt: Res }> {
  const form = await c.get('/ysqgk/apply');
  const confirm = await c.post('/ysqgk/apply', { ...fields(patch), ...solve(form.text) });
  assert.equal(confirm.status, 200, confirm.text.slice(0, 2000));
  const done = await c.post('/ysqgk/apply', { data: hidden(confirm.text, 'data'), pass: hidden(confirm.text, 'pass'), _step: 'submit' });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/ysqgk/receipt');
  const receipt = await c.get('/ysqgk/receipt');
  assert.equal(receipt.status, 200);
  const trackingNo = /受理编号<\/th><td><strong class="code">([^<]+)</.exec(receipt.text)?.[1] ?? '';
  const queryCode = /查询码<\/th><td><strong class="code">([^<]+)</.exec(receipt.text)?.[1] ?? '';
  return { trackingNo, queryCode, receipt };
}

test('/ysqgk/ explains how to apply, with the receiving organisations and the clock', async () => {
  const r = await new Client(s.baseUrl).get('/ysqgk/');
  assert.equal(r.status, 200);
  for (const t of ['在线提出申请', '查询办理进度', '挂号信', '以行政机关签收之日为收到申请之日', '20 个工作日', '云溪县教育体育局', '云溪县青石镇人民政府']) assert.ok(r.text.includes(t), t);
  assert.ok(!r.text.includes('云溪县人民政府办公室</td>'), 'the government office is not a receiving organisation');
});

test('apply without JavaScript: form → confirm page with a matching published record → receipt with number and code, once', async () => {
  const c = new Client(s.baseUrl);
  const form = await c.get('/ysqgk/apply');
  assert.equal(form.status, 200);
  assert.match(form.text, /<legend>申请人信息<\/legend>/);
  assert.match(form.text, /autocomplete="tel"/);
  assert.match(form.text, /证件号码<span class="req">（必填）<\/span>/);
  const confirm = await c.post('/ysqgk/apply', { ...fields(), ...solve(form.text) });
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /可能已主动公开的信息/);
  assert.match(confirm.text, /云溪县2025年义务教育学校校舍维修项目招标公告/);
  assert.match(confirm.text, /<button type="submit" name="_step" value="submit">确认提交申请<\/button>/);
  const before = await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases`);
  assert.equal(before.rows[0].n, 0, 'nothing saved before the confirmation');

  const { trackingNo, queryCode, receipt } = await apply(c);
  assert.match(trackingNo, /^2026-\d{3}-\d{5}$|^\d{4}-\d{3}-\d{5}$/);
  assert.match(queryCode, /^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
  assert.match(receipt.text, /查询码只显示这一次/);
  // The printed receipt names the site and gives the full address of the tracking page.
  assert.match(receipt.text, /<caption>云溪县人民政府政府信息公开申请回执<\/caption>|<caption>[^<]+政府信息公开申请回执<\/caption>/);
  assert.ok(receipt.text.includes(`查询网址</th><td><span class="url">${s.config.siteUrl}/ysqgk/track</span>`), 'the tracking address is absolute, from SITE_URL');
  assert.match(receipt.text, /js-print/);
  // Committed before the answer: the row is there.
  const row = await s.ctx.db.execute<{ status: string; channel: string }>(sql`select status, channel from request_cases where tracking_no = ${trackingNo}`);
  assert.deepEqual(row.rows[0], { status: 'submitted', channel: 'online' });
  // The receipt can be opened again in this browser, but without the query code (shared computers);
  // not at all elsewhere.
  const again = await c.get('/ysqgk/receipt');
  assert.equal(again.status, 200);
  assert.ok(again.text.includes(trackingNo));
  assert.ok(!again.text.includes(queryCode), 'the query code is shown once');
  assert.match(again.text, /已于提交时显示，不再显示/);
  const other = new Client(s.baseUrl);
  const elsewhere = await other.get('/ysqgk/receipt');
  assert.equal(elsewhere.status, 410);
  assert.ok(!elsewhere.text.includes(queryCode));
  assert.match(receipt.text, /href="\/ysqgk\/receipt\/download"/);
  const d = await c.get('/ysqgk/receipt/download');
  assert.equal(d.status, 200);
  assert.match(d.headers.get('content-disposition') ?? '', /\.docx/);
  assert.equal((await other.get('/ysqgk/receipt/download')).status, 410);
});

test('繁体 view: the confirmation carries the values untouched by the page conversion; 返回修改 keeps them', async () => {
  const c = new Client(s.baseUrl);
  await c.get('/prefs?variant=tw&next=/ysqgk/apply');
  const form = await c.get('/ysqgk/apply');
  assert.match(form.text, /lang="zh-TW"/);
  const confirm = await c.post('/ysqgk/apply', { ...fields({ applicantName: '孙丽', infoDescription: '县体育馆维修工程的竣工验收报告' }), ...solve(form.text) });
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /孫麗/, 'shown in Traditional characters');
  const edit = await c.post('/ysqgk/apply', { data: hidden(confirm.text, 'data'), pass: hidden(confirm.text, 'pass'), _step: 'edit' });
  assert.equal(edit.status, 200);
  // Back in the form, the fields hold exactly what was typed (field values are never converted).
  assert.match(edit.text, />县体育馆维修工程的竣工验收报告<\/textarea>/);
  assert.match(edit.text, /value="孙丽"/);
  const done = await c.post('/ysqgk/apply', { data: hidden(confirm.text, 'data'), pass: hidden(confirm.text, 'pass'), _step: 'submit' });
  assert.equal(done.status, 303);
  const r = await s.ctx.db.execute<{ n: string; d: string }>(sql`select applicant_name_enc as n, info_description as d from request_cases order by id desc limit 1`);
  assert.equal(s.ctx.fieldCipher.decrypt(r.rows[0].n), '孙丽');
  assert.equal(r.rows[0].d, '县体育馆维修工程的竣工验收报告');
});

test('bad input re-renders the form with messages and everything typed kept', async () => {
  const c = new Client(s.baseUrl);
  const form = await c.get('/ysqgk/apply');
  const r = await c.post('/ysqgk/apply', { ...fields({ idNumber: '110105194912310021', phone: '', infoDescription: '想要<校舍>维修的资料 & 合同' }), ...solve(form.text) });
  assert.equal(r.status, 422);
  assert.match(r.text, /身份证号码校验码错误，应为X/);
  assert.match(r.text, /请填写联系电话/);
  assert.match(r.text, /href="#f-idNumber"/);
  assert.match(r.text, /value="110105194912310021"/);
  assert.match(r.text, /value="王小明"/);
  assert.match(r.text, /想要&lt;校舍(&gt;|>)维修的资料 &amp; 合同<\/textarea>/);
  assert.match(r.text, /value="electronic" checked/);
  // The challenge was answered: it is not asked again.
  assert.ok(!/请计算/.test(r.text));
  assert.ok(hidden(r.text, 'pass'));
  const missing = await c.post('/ysqgk/apply', { ...fields({ applicantName: '', infoDescription: '', forms: [] }), pass: hidden(r.text, 'pass') });
  assert.equal(missing.status, 422);
  for (const m of ['请填写申请人姓名', '请填写所需政府信息', '请至少选择一种获取信息的方式']) assert.ok(missing.text.includes(m), m);
});

test('the 更正 field: after the kind choice in its own fieldset; kept as typed on errors; ignored unless 更正 is chosen', async () => {
  const c = new Client(s.baseUrl);
  const form = await c.get('/ysqgk/apply');
  const kindAt = form.text.indexOf('name="kind"');
  const fieldset = form.text.indexOf('<fieldset class="form-group correction-only" id="g-correction">');
  assert.ok(kindAt > 0 && fieldset > kindAt && fieldset < form.text.indexOf('name="applicantType"'), 'the kind comes first, then the 更正 fieldset');
  assert.match(form.text, /value="disclosure" checked/);

  // A disclosure request with text typed in the (hidden) field and an error elsewhere: the text comes back, no error on it.
  const typed = '公示名单中本人姓名写错，应为王小明。';
  const r = await c.post('/ysqgk/apply', { ...fields({ phone: '', correctionDetail: typed + '错'.repeat(2100) }), ...solve(form.text) });
  assert.equal(r.status, 422);
  assert.match(r.text, /请填写联系电话/);
  assert.ok(r.text.includes(typed), 'what was typed is written back');
  assert.doesNotMatch(r.text, /更正内容不能超过/, 'the field is not checked for a disclosure request');
  const pass = hidden(r.text, 'pass');

  // The confirmation of a disclosure request does not show it, and the case does not keep it.
  const confirm = await c.post('/ysqgk/apply', { ...fields({ correctionDetail: typed, infoDescription: '2024年县级学生资助资金的发放名单' }), pass });
  assert.equal(confirm.status, 200);
  assert.doesNotMatch(confirm.text, /需要更正的内容/);
  const done = await c.post('/ysqgk/apply', { data: hidden(confirm.text, 'data'), pass: hidden(confirm.text, 'pass'), _step: 'submit' });
  assert.equal(done.status, 303);
  const stored = await s.ctx.db.execute<{ d: string | null }>(sql`select correction_detail as d from request_cases where info_description = '2024年县级学生资助资金的发放名单'`);
  assert.deepEqual(stored.rows, [{ d: null }]);

  // A correction request needs it, and gets it kept and shown.
  const noDetail = await c.post('/ysqgk/apply', { ...fields({ kind: 'correction', correctionDetail: '' }), pass });
  assert.equal(noDetail.status, 422);
  assert.match(noDetail.text, /href="#f-correctionDetail"/);
  assert.match(noDetail.text, /value="correction" checked/);
  const okC = await c.post('/ysqgk/apply', { ...fields({ kind: 'correction', correctionDetail: typed }), pass });
  assert.equal(okC.status, 200);
  assert.match(okC.text, new RegExp(`需要更正的内容</th><td class="pre-wrap">${typed}`));
});

test('wrong challenge answer: refused with a new question, input kept; the honeypot refuses robots', async () => {
  const c = new Client(s.baseUrl);
  const form = await c.get('/ysqgk/apply');
  const sol = solve(form.text);
  const r = await c.post('/ysqgk/apply', { ...fields(), challenge: sol.challenge, challengeAnswer: String(Number(sol.challengeAnswer) + 1) });
  assert.equal(r.status, 422);
  assert.match(r.text, /计算结果不正确/);
  assert.match(r.text, /value="王小明"/);
  // Left blank: a required field, not a wrong answer.
  const blank = await c.post('/ysqgk/apply', { ...fields(), challenge: solve(r.text).challenge, challengeAnswer: '  ' });
  assert.equal(blank.status, 422);
  assert.match(blank.text, /请填写验证题的计算结果/);
  // The summary lists the problems in the order of the form: the challenge comes last.
  const both = await c.post('/ysqgk/apply', { ...fields({ applicantName: '', infoDescription: '' }), challenge: solve(blank.text).challenge, challengeAnswer: '' });
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(both.text)?.[0] ?? '';
  const at = (m: string) => summary.indexOf(m);
  assert.ok(at('请填写申请人姓名') >= 0 && at('请填写申请人姓名') < at('请填写所需政府信息') && at('请填写所需政府信息') < at('请填写验证题的计算结果'), summary);
  assert.doesNotMatch(blank.text, /计算结果不正确/);
  const forged = await c.post('/ysqgk/apply', { ...fields(), challenge: sol.challenge.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), challengeAnswer: sol.challengeAnswer });
  assert.equal(forged.status, 422);
  const noPass = await c.post('/ysqgk/apply', { ...fields(), _step: 'submit', pass: 'p1.9999999999999.AAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' });
  assert.equal(noPass.status, 422, 'a forged pass cannot skip the challenge');
  const bot = await c.post('/ysqgk/apply', { ...fields({ website: 'http://spam.example' }), ...solve((await c.get('/ysqgk/apply')).text) });
  assert.equal(bot.status, 400);
  const n = await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases where info_description like '%中标结果和合同金额'`);
  assert.equal(n.rows[0].n, 1, 'only the first test saved such an application');
});

test('JSON API: 201 with number and code; validation errors as JSON fields', async () => {
  const c = new Client(s.baseUrl);
  const body = { ...fields(), orgId: ids['县教体局'] } as Record<string, unknown>;
  delete body._step; delete body.website;
  const ok = await c.postJson('/api/v1/requests', body);
  assert.equal(ok.status, 201, ok.text);
  const j = JSON.parse(ok.text);
  assert.match(j.trackingNo, /^\d{4}-\d{3}-\d{5}$/);
  assert.match(j.queryCode, /^.{5}-.{5}$/);
  assert.equal(j.trackUrl, `/ysqgk/track?no=${encodeURIComponent(j.trackingNo)}`);
  const prefilled = await c.get(j.trackUrl);
  assert.match(prefilled.text, new RegExp(`id="f-trackingNo" name="trackingNo" type="text" value="${j.trackingNo}"`));
  const bad = await c.postJson('/api/v1/requests', { ...body, idNumber: '123', delivery: 'pigeon' });
  assert.equal(bad.status, 422);
  const e = JSON.parse(bad.text);
  assert.equal(e.error.code, 'validation_failed');
  assert.match(e.error.fields.idNumber, /身份证号码/);
  assert.match(e.error.fields.delivery, /无效/);
  const notObject = await c.postJson('/api/v1/requests', [1, 2]);
  assert.equal(notObject.status, 400);
  const junk = await c.request('POST', '/api/v1/requests', { body: '{bad json', type: 'application/json' });
  assert.equal(junk.status, 400);
  assert.equal(JSON.parse(junk.text).error.code, 'bad_request');
});

test('tracking: the right code shows the case; a wrong code and an unknown number get the same answer', async () => {
  const c = new Client(s.baseUrl);
  const { trackingNo, queryCode } = await apply(c, { infoDescription: '青石镇2025年高标准农田建设项目验收报告' });
  await c.get('/ysqgk/track');
  const ok = await c.post('/ysqgk/track', { trackingNo, queryCode: queryCode.toLowerCase() });
  assert.equal(ok.status, 200);
  for (const t of ['办理进度', trackingNo, '待确认收到', '工作人员确认收到申请后计算', '提交申请']) assert.ok(ok.text.includes(t), t);
  // What was asked, so the applicant recognises the case.
  assert.match(ok.text, /所需政府信息<\/th><td>青石镇2025年高标准农田建设项目验收报告</);
  assert.ok(!ok.text.includes('王小明') && !ok.text.includes('13912345678'), 'no personal data on the tracking page');

  const wrongCode = queryCode.slice(0, -1) + (queryCode.endsWith('A') ? 'B' : 'A');
  const wrong = await c.post('/ysqgk/track', { trackingNo, queryCode: wrongCode });
  const unknownNo = trackingNo.replace(/\d{5}$/, '99999');
  const unknown = await c.post('/ysqgk/track', { trackingNo: unknownNo, queryCode });
  assert.equal(wrong.status, 404);
  assert.equal(unknown.status, 404);
  const norm = (r: Res, no: string) => r.text.replaceAll(no, 'NO').replace(/name="_csrf" value="[^"]+"/g, '');
  assert.equal(norm(wrong, trackingNo), norm(unknown, unknownNo));
  assert.match(wrong.text, /受理编号或查询码不正确/);
  assert.ok(!wrong.text.includes(wrongCode), 'the code is never echoed');

  // Downloads re-check number + code and only serve documents visible to the applicant.
  const doc = await s.ctx.db.execute<{ id: number }>(sql`select d.id from request_documents d join request_cases c on c.id = d.case_id
    where c.tracking_no = ${trackingNo} and d.visible_to_applicant order by d.id limit 1`);
  if (doc.rows[0]) {
    const d = await c.post('/ysqgk/track/download', { trackingNo, queryCode, documentId: String(doc.rows[0].id) });
    assert.equal(d.status, 200);
    const denied = await c.post('/ysqgk/track/download', { trackingNo, queryCode: wrongCode, documentId: String(doc.rows[0].id) });
    assert.equal(denied.status, 404);
  }
  const other = await c.post('/ysqgk/track/download', { trackingNo, queryCode, documentId: '999999' });
  assert.equal(other.status, 404);
});

/** A multipart form with text fields and one file. */
async function postMultipart(c: Client, path: string, f: Record<string, string>, file: { name: string; content: Buffer }): Promise<Res> {
  const boundary = '----gk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: c.csrf, ...f })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file.content);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return c.request('POST', path, { body: Buffer.concat(parts) as unknown as string, type: `multipart/form-data; boundary=${boundary}` });
}

test('supplement through the tracking page while a 补正 is awaited', async () => {
  const c = new Client(s.baseUrl);
  const { trackingNo, queryCode } = await apply(c, { infoDescription: '河口镇2025年农村道路硬化工程的资金拨付情况' });
  // Put the case into 待补正 as the handling use cases would.
  const cs = await s.ctx.db.execute<{ id: number }>(sql`select id from request_cases where tracking_no = ${trackingNo}`);
  const id = cs.rows[0].id;
  await s.ctx.db.execute(sql`update request_cases set status = 'awaiting_supplement', received_on = '2026-01-05', clock_stopped = true where id = ${id}`);
  await s.ctx.db.execute(sql`insert into request_events (case_id, type, occurred_on, data, public_note, actor_name)
    values (${id}, 'correction_sent', '2026-01-07', ${JSON.stringify({ content: '请写明道路名称和所需资金拨付的年份', deadline: '2099-01-21' })}::jsonb, '请补正', '测试')`);
  await c.get('/ysqgk/track');
  const page = await c.post('/ysqgk/track', { trackingNo, queryCode });
  assert.match(page.text, /提交补正材料/);
  assert.match(page.text, /请写明道路名称和所需资金拨付的年份/);
  assert.match(page.text, /enctype="multipart\/form-data"/);
  const empty = await postMultipart(c, '/ysqgk/track/supplement', { trackingNo, queryCode, text: '' }, { name: 'x.txt', content: Buffer.alloc(0) });
  assert.equal(empty.status, 422);
  const wrong = await postMultipart(c, '/ysqgk/track/supplement', { trackingNo, queryCode: 'AAAAA-AAAAA', text: '村道名称：青河路' }, { name: 'a.txt', content: Buffer.from('补正') });
  assert.equal(wrong.status, 404);
  const ok = await postMultipart(c, '/ysqgk/track/supplement', { trackingNo, queryCode, text: '村道名称：青河路，资金年份：2025年' }, { name: '补正说明.txt', content: Buffer.from('补正说明：青河路 2025 年', 'utf8') });
  assert.equal(ok.status, 200, ok.text.slice(0, 1500));
  assert.match(ok.text, /补正材料已提交/);
  const st = await s.ctx.db.execute<{ status: string }>(sql`select status from request_cases where id = ${id}`);
  assert.equal(st.rows[0].status, 'handling');
  const ev = await s.ctx.db.execute<{ type: string }>(sql`select type from request_events where case_id = ${id} and type = 'correction_received'`);
  assert.equal(ev.rows.length, 1);
  const late = await postMultipart(c, '/ysqgk/track/supplement', { trackingNo, queryCode, text: '再补充一点' }, { name: 'b.txt', content: Buffer.alloc(0) });
  assert.equal(late.status, 422);
  assert.match(late.text, /目前不需要补正/);
  assert.ok(!late.text.includes('提交补正材料'), 'no supplement form once the supplement was received');
});

test('multipart is refused outside the supplement route', async () => {
  const c = new Client(s.baseUrl);
  await c.get('/ysqgk/apply');
  const r = await postMultipart(c, '/ysqgk/apply', { _step: 'check' }, { name: 'a.txt', content: Buffer.from('x') });
  assert.equal(r.status, 415);
});

test('rate limit: at most RATE_LIMIT_FORMS posts a minute from one address, then a Chinese 429', async () => {
  const limited = await startTestServer({ config: { RATE_LIMIT_FORMS: '50' } });
  try {
    const c = new Client(limited.baseUrl);
    await c.get('/ysqgk/apply');
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await c.post('/ysqgk/apply', fields({ phone: '' }))).status);
    assert.ok(statuses.every((x) => x === 422), statuses.join(','));
    const r = await c.post('/ysqgk/apply', fields());
    assert.equal(r.status, 429);
    assert.match(r.text, /提交过于频繁（每个网络地址每分钟最多 50 次）/);
    const api = new Client(limited.baseUrl);
    const res: number[] = [];
    for (let i = 0; i < 51; i++) res.push((await api.postJson('/api/v1/requests', {})).status);
    assert.equal(res[49], 422);
    assert.equal(res[50], 429);
  } finally {
    await limited.close();
  }
});
