// Press events through the real server: the application form (Chinese messages per field, typed
// values kept, script tags shown as text, 100,000-character fields refused), held before approval
// refused, approval by the propaganda department, publishing on /xwfb/ (filters, detail, no 口径),
// the JSON API, the compliance page and its CSV, the demo data, and the audit chain intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { beijingLocalValue } from './domain.ts';
import { callerOf, eventValues, orgIdOf } from './press.fixtures.ts';
import { findEvent } from './repo.ts';
import { createEvent, holdEvent, reviewEvent, submitEvent } from './use-cases/events.ts';
import { publishText } from './use-cases/texts.ts';
import { seedPressDemo } from './demo.ts';

let s: TestServer;
let cbr: Client;
let xcb: Client;
let gkb: Client;
let anon: Client;
let edu = 0;
const SCRIPT = '<script>alert(1)</script>';

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  edu = await orgIdOf(s.ctx, '县教体局');
  [cbr, xcb, gkb, anon] = [new Client(s.baseUrl), new Client(s.baseUrl), new Client(s.baseUrl), new Client(s.baseUrl)];
  await Promise.all([cbr.login('cbr', s.password('cbr')), xcb.login('xcb', s.password('xcb')), gkb.login('gkb', s.password('gkb'))]);
});
after(async () => { await s.close(); });

const form = (p: Record<string, string> = {}) => ({
  orgId: String(edu), type: 'conference', category: 'hotspot', title: '城关第二小学校园周边交通安全新闻发布会',
  plannedAt: beijingLocalValue(new Date(Date.now() + 2 * 86400_000)), place: '县政府新闻发布厅', speaker: '县教体局局长', speakerKind: 'principal',
  purpose: '通报校园周边交通整治措施。', outline: '一、整治措施；二、接送车辆管理。', participants: '驻县媒体', ...p,
});
/** The number on the 工作台 card with this label, or undefined when the card is not there. */
function deskCount(html: string, label: string): { count: number; href: string } | undefined {
  const m = new RegExp(`<h4>${label}</h4><p class="num"><a href="([^"]+)">(\\d+)<span class="visually-hidden">`).exec(html);
  return m ? { count: Number(m[2]), href: m[1].replace(/&amp;/g, '&') } : undefined;
}
const idOf = (location: string | null) => Number(/\/admin\/press\/(\d+)/.exec(location ?? '')![1]);

test('the demo loads through the use cases: a held event with its release, an announced one, an interview transcript', async () => {
  const warnings: string[] = [];
  const n = await seedPressDemo(s.ctx, (m) => warnings.push(m));
  assert.deepEqual(warnings, []);
  assert.equal(n, 4);
  assert.equal(await seedPressDemo(s.ctx), 0, 'once');
  const list = await anon.get('/xwfb/');
  assert.match(list.text, /义务教育学校课后服务质量提升行动新闻发布会/);
  assert.match(list.text, /2027年春季学期义务教育招生入学政策新闻发布会/);
  assert.match(list.text, /中小学生近视防控工作在线访谈/);
  assert.doesNotMatch(list.text, /2026年全县教育事业发展情况新闻发布会/, 'still in approval');
  const fxz = new Client(s.baseUrl);
  await fxz.login('fxz', s.password('fxz'));
  const admin = await fxz.get('/admin/press?status=in_review');
  assert.match(admin.text, /2026年全县教育事业发展情况新闻发布会/);
  assert.equal((await verifyAudit(s.ctx.db)).ok, true);
});

test('the form: messages per field, typed values kept, script tags as text, 100,000 characters refused', async () => {
  const blank = await cbr.post('/admin/press/new', form({ title: '', speaker: '', plannedAt: '2026-13-40 25:00', type: 'party', wideScope: '1' }));
  assert.equal(blank.status, 422);
  assert.match(blank.text, /字段“发布主题”为必填项/);
  assert.match(blank.text, /字段“发布人”为必填项/);
  assert.match(blank.text, /拟举行时间格式不正确/);
  assert.match(blank.text, /只有以政府名义举行的发布才能计为经济社会发展全局性发布/);
  assert.match(blank.text, /value="2026-13-40 25:00"/, 'typed value kept');

  const long = '发'.repeat(100_000);
  const big = await cbr.post('/admin/press/new', form({ outline: long, title: SCRIPT }));
  assert.equal(big.status, 422);
  assert.match(big.text, /字段“发布内容提纲”不能超过5000个字符|发布内容提纲.{0,10}5000/);
  assert.match(big.text, /发{1000}/, 'the typed text is kept');
  assert.doesNotMatch(big.text, /<script>alert/);
  assert.match(big.text, /&lt;script>alert\(1\)&lt;\/script>/);

  const ok = await cbr.post('/admin/press/new', form({ title: SCRIPT, guests: SCRIPT, place: SCRIPT, purpose: SCRIPT }));
  assert.equal(ok.status, 303);
  const page = await cbr.get(ok.location!);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.match(page.text, /&lt;script>alert\(1\)&lt;\/script>/);
});

test('held before approval refused; approved by 县委宣传部; held; release on /xwfb/ and in the API; 口径 never public', async () => {
  const made = await cbr.post('/admin/press/new', form());
  const id = idOf(made.location);
  assert.equal((await anon.get(`/xwfb/${id}`)).status, 404, 'a draft is not public');
  let page = await cbr.get(`/admin/press/${id}`);
  assert.doesNotMatch(page.text, /标记为已举行<\/button>/, 'no hold form before approval');
  const early = await cbr.post(`/admin/press/${id}/hold`, { heldAt: beijingLocalValue(new Date()) });
  assert.equal(early.status, 409);
  assert.match(early.text, /尚未提交审批，不能标记为已举行/);

  const version = /name="version" value="(\d+)"/.exec(page.text)![1]!;
  assert.equal((await cbr.post(`/admin/press/${id}/submit`, { version, note: '' })).status, 303);
  assert.equal((await cbr.post(`/admin/press/${id}/answers`, { question: '口径问题甲', answer: '内部口径乙' })).status, 303);
  const notYet = await cbr.post(`/admin/press/${id}/hold`, { heldAt: beijingLocalValue(new Date()) });
  assert.match(notYet.text, /审批尚未完成/);

  page = await xcb.get(`/admin/press/${id}`);
  assert.match(page.text, /审批：宣传部审批/);
  const noOpinion = await xcb.post(`/admin/press/${id}/review`, { conclusion: 'return', opinion: '', step: '1' });
  assert.equal(noOpinion.status, 422);
  assert.match(noOpinion.text, /退回修改时请填写需修改的内容/);
  // Returned: the applicant's 工作台 counts it (with the navigation badge) and leads to it; resubmitted, it leaves the count.
  assert.equal(deskCount((await cbr.get('/admin/')).text, '新闻发布退回修改')?.count, 0);
  assert.equal((await xcb.post(`/admin/press/${id}/review`, { conclusion: 'return', opinion: '请补充发布会的安保安排。', step: '1' })).status, 303);
  const home = await cbr.get('/admin/');
  const returned = deskCount(home.text, '新闻发布退回修改');
  assert.deepEqual(returned, { count: 1, href: '/admin/press?returned=1' });
  assert.match(home.text, /<a href="\/admin\/press"[^>]*>新闻发布活动 <span class="nav-badge">1</);
  const returnedList = await cbr.get(returned!.href);
  assert.match(returnedList.text, /共 1 件/);
  assert.match(returnedList.text, new RegExp(`href="/admin/press/${id}"`));
  assert.match(returnedList.text, /id="f-returned" name="returned" value="1" checked/);
  assert.match((await xcb.get(returned!.href)).text, /共 0 件/, 'returned to the applicant, not to the reviewer');
  page = await cbr.get(`/admin/press/${id}`);
  assert.equal((await cbr.post(`/admin/press/${id}/submit`, { version: /name="version" value="(\d+)"/.exec(page.text)![1]!, note: '已补充安保安排' })).status, 303);
  assert.equal(deskCount((await cbr.get('/admin/')).text, '新闻发布退回修改')?.count, 0, 'resubmitted');
  assert.match((await cbr.get(returned!.href)).text, /共 0 件/);
  const pass = await xcb.post(`/admin/press/${id}/review`, { conclusion: 'pass', opinion: '同意。', step: '1' });
  assert.equal(pass.location, `/admin/press/${id}?done=approved`);
  const announced = await anon.get('/xwfb/');
  assert.match(announced.text, /发布预告[\s\S]*城关第二小学校园周边交通安全新闻发布会/);
  assert.equal((await anon.get(`/xwfb/${id}`)).status, 200, 'announced once approved');

  const future = await cbr.post(`/admin/press/${id}/hold`, { heldAt: beijingLocalValue(new Date(Date.now() + 3_600_000)) });
  assert.equal(future.status, 422);
  assert.match(future.text, /实际举行时间不能晚于当前时间/);
  assert.equal((await cbr.post(`/admin/press/${id}/hold`, { heldAt: beijingLocalValue(new Date(Date.now() - 600_000)) })).status, 303);
  const tooLong = await cbr.post(`/admin/press/${id}/texts/release`, { text: '稿'.repeat(100_000) });
  assert.equal(tooLong.status, 422);
  assert.match(tooLong.text, /新闻稿/);
  const pub = await cbr.post(`/admin/press/${id}/texts/release`, { text: `县教体局通报校园周边交通整治措施。${SCRIPT}\n第二段。` });
  assert.equal(pub.location, `/admin/press/${id}?done=published`);
  page = await cbr.get(`/admin/press/${id}?done=published`);
  assert.match(page.text, /主动公开目录：索引号 [^（]+（审核中）/);

  const list = await anon.get('/xwfb/?type=conference');
  assert.match(list.text, new RegExp(`href="/xwfb/${id}"`));
  const none = await anon.get('/xwfb/?type=interview');
  assert.doesNotMatch(none.text, new RegExp(`href="/xwfb/${id}"`));
  const detail = await anon.get(`/xwfb/${id}`);
  assert.match(detail.text, /县教体局通报校园周边交通整治措施/);
  assert.match(detail.text, /&lt;script>/);
  assert.doesNotMatch(detail.text, /口径问题甲|内部口径乙|通报校园周边交通整治措施。<script>/);
  assert.doesNotMatch(detail.text, /驻县媒体/, 'the application is not public');

  const api = await anon.get('/api/v1/press/events?type=conference&limit=5');
  assert.equal(api.status, 200);
  const body = JSON.parse(api.text);
  const item = body.items.find((x: { id: number }) => x.id === id);
  assert.ok(item, api.text);
  assert.match(item.release, /校园周边/);
  assert.match(item.heldAt, /\+08:00$/);
  assert.equal((await anon.get('/api/v1/press/events?limit=500')).status, 422);
  const doc = JSON.parse((await anon.get('/api/v1/openapi.json')).text);
  assert.ok(doc.paths['/api/v1/press/events']?.get, 'in the OpenAPI document');
  assert.match((await anon.get('/sitemap.xml')).text, new RegExp(`/xwfb/${id}<`));
});

test('cancel and withdraw through their forms: reasons required in Chinese; an announced event says 已取消 on /xwfb/ and leaves the upcoming list', async () => {
  const [clerk, press] = [await callerOf(s.ctx, 'cbr'), await callerOf(s.ctx, 'xcb')];
  const approvedEvent = async (title: string) => {
    const r = await createEvent(s.ctx, clerk, eventValues(edu, { title }));
    assert.ok(r.ok);
    assert.ok((await submitEvent(s.ctx, clerk, r.id, { version: (await findEvent(s.ctx.db, r.id))!.version })).ok);
    assert.ok((await reviewEvent(s.ctx, press, r.id, { conclusion: 'pass', step: 1 })).ok);
    return r.id;
  };
  const id = await approvedEvent('县城区学校学位扩容工作新闻发布会');
  assert.match((await anon.get('/xwfb/')).text, new RegExp(`发布预告[\\s\\S]*href="/xwfb/${id}"[\\s\\S]*新闻稿和发布实录`));
  let page = await cbr.get(`/admin/press/${id}`);
  assert.match(page.text, /<h2 id="cancel-title">取消活动<\/h2>/);
  const blank = await cbr.post(`/admin/press/${id}/cancel`, { reason: '' });
  assert.equal(blank.status, 422);
  assert.match(blank.text, /“取消理由”为必填项|请填写取消理由/);
  const ok = await cbr.post(`/admin/press/${id}/cancel`, { reason: `场地检修${SCRIPT}` });
  assert.equal(ok.location, `/admin/press/${id}?done=cancelled`);
  page = await cbr.get(ok.location!);
  assert.match(page.text, /活动已取消。/);
  assert.match(page.text, /取消理由：场地检修&lt;script>/);
  assert.doesNotMatch(page.text, /cancel-title/, 'no second cancel');
  const pub = await anon.get(`/xwfb/${id}`);
  assert.equal(pub.status, 200);
  assert.match(pub.text, /已取消：/);
  assert.doesNotMatch(pub.text, /场地检修/, 'the reason stays internal');
  assert.doesNotMatch((await anon.get('/xwfb/')).text, new RegExp(`href="/xwfb/${id}"`));

  const held = await approvedEvent('县域义务教育优质均衡发展新闻发布会');
  assert.ok((await holdEvent(s.ctx, clerk, held, { heldAt: beijingLocalValue(new Date(Date.now() - 3_600_000)) })).ok);
  assert.ok((await publishText(s.ctx, clerk, held, 'release', '县教体局通报义务教育优质均衡发展情况。')).ok);
  page = await gkb.get(`/admin/press/${held}`);
  assert.match(page.text, /撤回新闻稿/);
  assert.equal((await cbr.post(`/admin/press/${held}/texts/release/withdraw`, { reason: '有误' })).status, 403, 'press.manage only');
  const noReason = await gkb.post(`/admin/press/${held}/texts/release/withdraw`, { reason: ' ' });
  assert.equal(noReason.status, 422);
  assert.match(noReason.text, /“撤回理由”为必填项|请填写撤回理由/);
  const inReview = await gkb.post(`/admin/press/${held}/texts/release/withdraw`, { reason: '数据有误' });
  assert.equal(inReview.status, 409);
  assert.match(inReview.text, /正在主动公开目录审核中/);
  assert.match(inReview.text, /数据有误/, 'the typed reason kept');
});

test('compliance: missing items per organisation, CSV export; only for the press office and the disclosure office', async () => {
  assert.equal((await cbr.get('/admin/press/compliance')).status, 403);
  const page = await gkb.get('/admin/press/compliance?year=2026&quarter=4');
  assert.equal(page.status, 200);
  assert.match(page.text, /2026年第4季度新闻发布考核缺项/);
  assert.match(page.text, /云溪县财政局[\s\S]*?部门每季度举办新闻发布会/);
  const bad = await gkb.get('/admin/press/compliance?year=1900');
  assert.equal(bad.status, 422);
  assert.match(bad.text, /年度应为 2000 至 2100/);
  const csv = await xcb.get('/admin/press/compliance.csv?year=2026');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition') ?? '', /press-compliance-2026-/);
  assert.match(csv.text, /单位,考核事项,要求,应完成,已完成,尚缺,状态/);
  assert.match(csv.text, /云溪县人民政府,经济社会发展全局性新闻发布/);
});
