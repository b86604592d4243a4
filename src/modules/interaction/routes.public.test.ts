// 互动交流 over HTTP with plain form posts (a real server on its own database): a comment is
// accepted but not shown until approved; bad input (100,000 characters, script tags, a bad contact)
// is refused with Chinese messages and the typed text kept; after the end date (Beijing) a comment
// is refused; duplicates, the honeypot and 50 posts a minute from one address are refused; the name
// and contact are stored encrypted and shown masked; 采纳情况 and the overdue list; interview
// questions and answers; the consultations API; the desk counts; the demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client, type Res } from '../../../test/support/http.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { addDays } from './domain.ts';
import { callerOf, publishedDraft, announcedInterview } from './interaction.fixtures.ts';
import { interactionDesk } from './desk.ts';
import { seedInteractionDemo } from './demo.ts';

let s: TestServer;
let today: string;
let open: number;
let shift = 0;
const HOUR = 3_600_000;

before(async () => {
  s = await startTestServer({ config: { TRUST_PROXY: '1', COOKIE_SECURE: 'false' } });
  s.ctx.now = () => new Date(Date.now() + shift);
  today = beijingToday(s.ctx.now());
  open = await publishedDraft(s.ctx, { title: '云溪县城区停车收费管理办法（征求意见稿）', startDate: addDays(today, -3), endDate: addDays(today, 5) });
});
after(() => s.close());

let n = 0;
/** A post from its own address (X-Forwarded-For through the trusted proxy), unless one is given. */
async function postFrom(c: Client, path: string, fields: Record<string, string>, ip = `10.0.${Math.floor(++n / 250)}.${(n % 250) + 1}`): Promise<Res> {
  const body = new URLSearchParams({ _csrf: c.csrf, ...fields });
  return c.request('POST', path, { body: body.toString(), type: 'application/x-www-form-urlencoded', headers: { 'x-forwarded-for': ip } });
}
const page = async (c: Client, path: string) => { const r = await c.get(path); assert.equal(r.status, 200, path); return r.text; };
const decode = (h: string) => h.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

test('a comment is accepted, encrypted, not shown until approved; then shown with the name masked', async () => {
  const c = new Client(s.baseUrl);
  await page(c, `/hdjl/yjzj/${open}`);
  const text = '建议夜间 20 时以后城区路边停车免费，方便居民。';
  const r = await postFrom(c, `/hdjl/yjzj/${open}/comments`, { text, name: '张卫东', contact: '13907931234', website: '' });
  assert.equal(r.status, 303);
  assert.match(r.location ?? '', /\?sent=1/);
  const after = await page(c, r.location!);
  assert.match(after, /已提交，感谢参与！经工作人员审核后公开显示/);
  assert.doesNotMatch(after, /夜间 20 时以后/, 'not shown before approval');
  const row = (await s.ctx.db.execute<{ id: number; name_enc: string; contact_enc: string; status: string }>(sql`select id, name_enc, contact_enc, status from interaction_submissions where text = ${text}`)).rows[0]!;
  assert.equal(row.status, 'pending');
  assert.doesNotMatch(row.name_enc + row.contact_enc, /张卫东|13907931234/);
  assert.equal(s.ctx.fieldCipher.decrypt(row.contact_enc), '13907931234');

  // Staff see it masked and approve it.
  const staff = new Client(s.baseUrl);
  await staff.login('cbr', s.password('cbr'));
  const admin = await page(staff, `/admin/hdjl/yjzj/${open}`);
  assert.match(admin, /139\*\*\*\*1234/);
  assert.match(admin, /张\*\*/);
  assert.doesNotMatch(admin, /13907931234|张卫东/);
  const ok = await staff.post(`/admin/hdjl/submissions/${row.id}/moderate`, { decision: 'approve', reason: '' });
  assert.equal(ok.status, 303);
  const shown = await page(c, `/hdjl/yjzj/${open}`);
  assert.match(shown, /夜间 20 时以后/);
  assert.match(shown, /网友 张\*\*/);
  assert.doesNotMatch(shown, /13907931234|张卫东/);
  const audit = (await s.ctx.db.execute<{ action: string }>(sql`select action from audit_log where entity_type = 'interaction_submission' and entity_id = ${String(row.id)} order by id`)).rows.map((x) => x.action);
  assert.deepEqual(audit, ['interaction.draft.submission', 'interaction.submission.approve']);
});

test('reject needs a reason; a rejected comment is never shown', async () => {
  const c = new Client(s.baseUrl);
  await page(c, `/hdjl/yjzj/${open}`);
  assert.equal((await postFrom(c, `/hdjl/yjzj/${open}/comments`, { text: '这是一条广告：低价代办各类证件。', website: '' })).status, 303);
  const id = (await s.ctx.db.execute<{ id: number }>(sql`select id from interaction_submissions where text like '这是一条广告%'`)).rows[0]!.id;
  const staff = new Client(s.baseUrl);
  await staff.login('gkb', s.password('gkb'));
  await page(staff, `/admin/hdjl/yjzj/${open}`);
  const noReason = await staff.post(`/admin/hdjl/submissions/${id}/moderate`, { decision: 'reject', reason: '' });
  assert.match(noReason.location ?? '', /err=reason/);
  assert.match(await page(staff, noReason.location!), /请填写不予展示的理由/);
  assert.equal((await staff.post(`/admin/hdjl/submissions/${id}/moderate`, { decision: 'reject', reason: '广告信息' })).status, 303);
  assert.doesNotMatch(await page(c, `/hdjl/yjzj/${open}`), /低价代办/);
});

test('bad input: 100,000 characters, script tags, bad contact — refused in Chinese, typed text kept, shown as text', async () => {
  const c = new Client(s.baseUrl);
  await page(c, `/hdjl/yjzj/${open}`);
  const long = '长'.repeat(100_000);
  const r1 = await postFrom(c, `/hdjl/yjzj/${open}/comments`, { text: long, website: '' });
  assert.equal(r1.status, 422);
  assert.match(r1.text, /意见建议最多 2000 个字，您填写了 100000 个字/);
  assert.ok(r1.text.includes(long), 'the typed text is kept');

  const script = '<script>alert("x")</script>';
  const r2 = await postFrom(c, `/hdjl/yjzj/${open}/comments`, { text: script, name: script, contact: script, website: '' });
  assert.equal(r2.status, 422);
  assert.match(r2.text, /姓名最多 30 个字|联系方式请填写/);
  assert.doesNotMatch(r2.text, /<script>alert/, 'never as markup');
  assert.ok(r2.text.includes('>&lt;script>alert(&quot;x&quot;)&lt;/script></textarea>'), 'shown as text, kept in the form');

  // A script-tag comment that is acceptable is stored as typed and shown as text once approved.
  const ok = await postFrom(c, `/hdjl/yjzj/${open}/comments`, { text: `我的意见 ${script}`, name: '<b>李</b>', website: '' });
  assert.equal(ok.status, 303);
  const id = (await s.ctx.db.execute<{ id: number }>(sql`select id from interaction_submissions where text like '我的意见 <script>%'`)).rows[0]!.id;
  const staff = new Client(s.baseUrl);
  await staff.login('cbr', s.password('cbr'));
  await page(staff, `/admin/hdjl/yjzj/${open}`);
  await staff.post(`/admin/hdjl/submissions/${id}/moderate`, { decision: 'approve' });
  const shown = await page(c, `/hdjl/yjzj/${open}`);
  assert.doesNotMatch(shown, /<script>alert/);
  assert.ok(decode(shown).includes(`我的意见 ${script}`));
});

test('duplicates, the honeypot and 50 posts a minute from one address are refused; the text is kept', async () => {
  const c = new Client(s.baseUrl);
  await page(c, `/hdjl/yjzj/${open}`);
  const text = '建议在老城区增设临时停车位。';
  assert.equal((await postFrom(c, `/hdjl/yjzj/${open}/comments`, { text, website: '' })).status, 303);
  const dup = await postFrom(c, `/hdjl/yjzj/${open}/comments`, { text: ` ${text}！`, website: '' });
  assert.equal(dup.status, 409);
  assert.match(dup.text, /相同内容的意见已经提交过/);

  const bot = await postFrom(c, `/hdjl/yjzj/${open}/comments`, { text: '机器人提交的内容很多很多', website: 'http://spam.example' });
  assert.equal(bot.status, 400);
  assert.equal((await s.ctx.db.execute(sql`select 1 from interaction_submissions where text like '机器人%'`)).rows.length, 0);

  const statuses: number[] = [];
  let last: Res | undefined;
  for (let i = 0; i < 50; i++) {
    last = await postFrom(c, `/hdjl/yjzj/${open}/comments`, { text: `第 ${i} 条刷屏意见内容`, website: '' }, '10.9.9.9');
    statuses.push(last.status);
  }
  assert.equal(statuses.filter((x) => x === 303).length, 3, statuses.join(','));
  assert.equal(last!.status, 429);
  assert.match(last!.text, /同一网络地址每分钟最多提交 3 条意见/);
  assert.ok(last!.text.includes('第 49 条刷屏意见内容'), 'typed text kept');
  assert.equal(Number((await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int n from interaction_submissions where text like '%刷屏意见内容'`)).rows[0]!.n), 3);
});

test('after the end date (Beijing calendar) a comment is refused with a clear message; typed text kept', async () => {
  const id = await publishedDraft(s.ctx, { title: '即将结束的征求意见稿', startDate: addDays(today, -5), endDate: today });
  const c = new Client(s.baseUrl);
  await page(c, `/hdjl/yjzj/${id}`);
  // Move the server clock to the next Beijing day.
  const tomorrow = new Date(`${addDays(today, 1)}T00:00:30+08:00`).getTime();
  shift = tomorrow - Date.now();
  try {
    const r = await postFrom(c, `/hdjl/yjzj/${id}/comments`, { text: '截止以后才看到，补充一条意见。', website: '' });
    assert.equal(r.status, 422);
    assert.match(r.text, new RegExp(`已于 ${today}（北京时间）结束，不再接收意见`));
    assert.ok(r.text.includes('截止以后才看到，补充一条意见。'));
    const p = await page(c, `/hdjl/yjzj/${id}`);
    assert.match(p, /已结束/);
    assert.doesNotMatch(p, /提交意见<\/button>/);
  } finally { shift = 0; }
});

test('采纳情况 after the end; overdue list and desk count; the API', async () => {
  const ended = await publishedDraft(s.ctx, { title: '已结束待公布采纳情况的草案', startDate: addDays(today, -3), endDate: addDays(today, -1) }).catch(() => 0);
  // Publishing refuses an end date already past: make one that ends later, then look from the future.
  assert.equal(ended, 0);
  const id = await publishedDraft(s.ctx, { title: '采纳情况逾期的草案', startDate: today, endDate: addDays(today, 1) });
  const cbr = await callerOf(s.ctx, 'cbr');
  const before = (await interactionDesk(s.ctx, cbr.user)).find((i) => i.label === '采纳情况逾期未公布')!.count;
  shift = 40 * 24 * HOUR;
  try {
    const after = (await interactionDesk(s.ctx, cbr.user)).find((i) => i.label === '采纳情况逾期未公布')!.count;
    assert.ok(after >= before + 1, 'this draft is overdue 40 days on');
    const staff = new Client(s.baseUrl);
    await staff.login('cbr', s.password('cbr'));
    const list = await page(staff, '/admin/hdjl/yjzj?view=overdue');
    assert.match(list, /采纳情况逾期的草案/);
    await page(staff, `/admin/hdjl/yjzj/${id}`);
    const short = await staff.post(`/admin/hdjl/yjzj/${id}/summary`, { version: String(await versionOf(id)), summary: '太短' });
    assert.equal(short.status, 422);
    assert.match(short.text, /请填写采纳情况（至少 10 个字）/);
    const r = await staff.post(`/admin/hdjl/yjzj/${id}/summary`, { version: String(await versionOf(id)), summary: '共收到意见 3 条，采纳 2 条：延长夜间免费时段；未采纳 1 条，理由是与上位法规定不一致。' });
    assert.equal(r.status, 303);
    assert.match(await page(new Client(s.baseUrl), `/hdjl/yjzj/${id}`), /意见采纳情况[\s\S]*延长夜间免费时段/);
    assert.equal((await interactionDesk(s.ctx, cbr.user)).find((i) => i.label === '采纳情况逾期未公布')!.count, after - 1);
    const api = JSON.parse((await new Client(s.baseUrl).get('/api/v1/consultations?status=closed&pageSize=50')).text);
    const item = api.items.find((x: { id: number }) => x.id === id);
    assert.equal(item.status, 'closed');
    assert.equal(item.summaryPublished, true);
    assert.match(item.summaryUrl, new RegExp(`/hdjl/yjzj/${id}#summary-title$`));
  } finally { shift = 0; }
  const bad = await new Client(s.baseUrl).get('/api/v1/consultations?pageSize=1000');
  assert.equal(bad.status, 422);
  assert.equal(JSON.parse(bad.text).error.code, 'validation_failed');
  const openApi = JSON.parse((await new Client(s.baseUrl).get('/api/v1/consultations?status=open')).text);
  assert.ok(openApi.items.some((x: { id: number; status: string }) => x.id === open && x.status === 'open'));
});

async function versionOf(id: number): Promise<number> {
  return (await s.ctx.db.execute<{ version: number }>(sql`select version from interaction_drafts where id = ${id}`)).rows[0]!.version;
}

test('interview: questions before it, moderated and answered; after the end refused; transcript', async () => {
  const day = addDays(today, 2);
  const id = await announcedInterview(s.ctx, { title: '解读城区停车新政', date: day, startTime: '09:30', endTime: '11:00' });
  const c = new Client(s.baseUrl);
  assert.match(await page(c, '/hdjl/zxft/'), /解读城区停车新政/);
  await page(c, `/hdjl/zxft/${id}`);
  assert.equal((await postFrom(c, `/hdjl/zxft/${id}/questions`, { text: '夜间免费停车从什么时候开始执行？', website: '' })).status, 303);
  const qid = (await s.ctx.db.execute<{ id: number }>(sql`select id from interaction_submissions where subject_kind = 'interview' and subject_id = ${id}`)).rows[0]!.id;
  assert.doesNotMatch(await page(c, `/hdjl/zxft/${id}`), /夜间免费停车从什么时候/);
  const staff = new Client(s.baseUrl);
  await staff.login('cbr', s.password('cbr'));
  await page(staff, `/admin/hdjl/zxft/${id}`);
  await staff.post(`/admin/hdjl/submissions/${qid}/moderate`, { decision: 'approve' });
  assert.equal((await staff.post(`/admin/hdjl/submissions/${qid}/answer`, { answer: '新办法发布之日起 30 日后执行。' })).status, 303);
  const shown = await page(c, `/hdjl/zxft/${id}`);
  assert.match(shown, /夜间免费停车从什么时候[\s\S]*答复：[\s\S]*30 日后执行/);
  shift = new Date(`${day}T11:00:00+08:00`).getTime() - Date.now();
  try {
    const late = await postFrom(c, `/hdjl/zxft/${id}/questions`, { text: '访谈结束后的问题能回答吗？', website: '' });
    assert.equal(late.status, 422);
    assert.match(late.text, /本期访谈已于 .*结束，不再接收提问/);
    assert.ok(late.text.includes('访谈结束后的问题能回答吗？'));
    await page(staff, `/admin/hdjl/zxft/${id}`);
    const v = (await s.ctx.db.execute<{ version: number }>(sql`select version from interaction_interviews where id = ${id}`)).rows[0]!.version;
    assert.equal((await staff.post(`/admin/hdjl/zxft/${id}/transcript`, { version: String(v), transcript: '主持人：各位网友好。嘉宾：城区停车新政主要有三项变化……' })).status, 303);
    assert.match(await page(c, `/hdjl/zxft/${id}`), /文字实录[\s\S]*城区停车新政主要有三项变化/);
  } finally { shift = 0; }
});

test('unpublished drafts are not public; staff without the moderation grant cannot moderate', async () => {
  const c = new Client(s.baseUrl);
  const monitor = new Client(s.baseUrl);
  await monitor.login('yqzy', s.password('yqzy'));
  await monitor.get('/admin/');
  const anyId = (await s.ctx.db.execute<{ id: number }>(sql`select id from interaction_submissions limit 1`)).rows[0]!.id;
  assert.equal((await monitor.post(`/admin/hdjl/submissions/${anyId}/moderate`, { decision: 'approve' })).status, 403);
  assert.equal((await monitor.get('/admin/hdjl/yjzj')).status, 403);
  assert.equal((await c.get('/hdjl/yjzj/999999')).status, 404);
  const r = await c.get('/hdjl/');
  assert.equal(r.status, 200);
  assert.match(r.text, /意见征集[\s\S]*在线访谈[\s\S]*网上评议/);
  const xml = await page(c, '/sitemap.xml');
  assert.match(xml, new RegExp(`/hdjl/yjzj/${open}<`));
});

test('the demo loads once, with an open draft, a closed one with 采纳情况, an overdue one and two interviews', async () => {
  assert.equal(await seedInteractionDemo(s.ctx), 0, 'drafts exist: the demo is not loaded over them');
  await s.ctx.db.execute(sql`truncate interaction_submissions, interaction_drafts, interaction_interviews`);
  assert.equal(await seedInteractionDemo(s.ctx), 5);
  const c = new Client(s.baseUrl);
  const list = await page(c, '/hdjl/yjzj/');
  assert.match(list, /课后服务管理办法[\s\S]*正在征集/);
  assert.match(list, /家庭医生签约服务实施方案[\s\S]*已公布采纳情况/);
  const cbr = await callerOf(s.ctx, 'gkb');
  assert.equal((await interactionDesk(s.ctx, cbr.user)).find((i) => i.label === '采纳情况逾期未公布')!.count, 1);
  assert.match(await page(c, '/hdjl/zxft/'), /秋季义务教育招生[\s\S]*家庭医生签约服务在身边/);
});
