// Press events wired to the other issue-12 modules, through the real server: 解读专家 from the
// 专家库 (only filed experts offered; chosen while a draft, audited, refused once approved; name and
// field on /xwfb/<id>, never contact data), and a 在线访谈 event's interview page in 互动交流
// (made only from an approved 在线访谈 event, prefilled, press_event_id set, once; both admin pages
// link to each other; its published transcript offered as the event's 发布实录).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { expertOf } from '../spokesperson/spokesperson.fixtures.ts';
import { findInterview } from '../interaction/interviews.repo.ts';
import { interviewPrefill } from '../interaction/press-link.ts';
import { announceInterview, publishTranscript } from '../interaction/use-cases/interviews.ts';
import { beijingLocalValue } from './domain.ts';
import { callerOf, eventValues, orgIdOf } from './press.fixtures.ts';
import { eventExpertIds, findEvent } from './repo.ts';
import { createEvent, holdEvent, reviewEvent, submitEvent } from './use-cases/events.ts';
import { setEventExperts } from './use-cases/experts.ts';
import type { EventValues } from './forms.ts';

let s: TestServer;
let cbr: Client;
let anon: Client;
let edu = 0;
const ex: Record<string, number> = {};
const PHONE = '13907936666';

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  edu = await orgIdOf(s.ctx, '县教体局');
  [cbr, anon] = [new Client(s.baseUrl), new Client(s.baseUrl)];
  await cbr.login('cbr', s.password('cbr'));
  ex.a = await expertOf(s.ctx, { name: '郑秀华', field: '教育政策', phone: PHONE });
  ex.b = await expertOf(s.ctx, { name: '黄志远', field: '财税与预算' });
  ex.unfiled = await expertOf(s.ctx, { name: '刘安琪', field: '公共卫生', filed: false });
});
after(() => s.close());

async function draftEvent(p: Partial<EventValues>): Promise<number> {
  const r = await createEvent(s.ctx, await callerOf(s.ctx, 'cbr'), eventValues(edu, p));
  assert.ok(r.ok, JSON.stringify(r));
  return r.ok ? r.id : 0;
}
async function approve(id: number) {
  const clerk = await callerOf(s.ctx, 'cbr');
  assert.ok((await submitEvent(s.ctx, clerk, id, { version: (await findEvent(s.ctx.db, id))!.version })).ok);
  const r = await reviewEvent(s.ctx, await callerOf(s.ctx, 'xcb'), id, { conclusion: 'pass', step: 1 });
  assert.ok(r.ok && r.status === 'approved', JSON.stringify(r));
}
const versionOf = async (id: number) => String((await findEvent(s.ctx.db, id))!.version);

test('解读专家: filed experts offered, chosen while a draft, audited; on /xwfb/ by name and field once approved', async () => {
  const id = await draftEvent({ title: '2027年学生资助政策新闻发布会' });
  let page = await cbr.get(`/admin/press/${id}`);
  assert.match(page.text, /<h3 id="experts-title">解读专家<\/h3>/);
  assert.match(page.text, /郑秀华（教育政策）/);
  assert.doesNotMatch(page.text, /刘安琪/, 'not filed: not offered');
  assert.doesNotMatch(page.text, new RegExp(PHONE));

  const bad = await cbr.post(`/admin/press/${id}/experts`, { experts: [String(ex.unfiled)], version: await versionOf(id) });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /所选专家不在专家库中或尚未备案/);
  assert.deepEqual(await eventExpertIds(s.ctx.db, id), []);
  const stale = await cbr.post(`/admin/press/${id}/experts`, { experts: [String(ex.a)], version: '99' });
  assert.equal(stale.status, 409);

  const ok = await cbr.post(`/admin/press/${id}/experts`, { experts: [String(ex.b), String(ex.a)], version: await versionOf(id) });
  assert.equal(ok.location, `/admin/press/${id}?done=experts`);
  assert.deepEqual(await eventExpertIds(s.ctx.db, id), [ex.b, ex.a]);
  page = await cbr.get(ok.location!);
  assert.match(page.text, /<dt>解读专家<\/dt><dd>黄志远（财税与预算）、郑秀华（教育政策）<\/dd>/);
  const audit = (await s.ctx.db.execute<{ summary: Record<string, unknown> }>(sql`select summary from audit_log where action = 'press.event.experts' and entity_id = ${String(id)}`)).rows;
  assert.deepEqual(audit.map((a) => a.summary), [{ experts: '黄志远（财税与预算）、郑秀华（教育政策）', added: 2, removed: 0 }]);

  assert.equal((await anon.get(`/xwfb/${id}`)).status, 404, 'a draft is not public');
  await approve(id);
  const pub = await anon.get(`/xwfb/${id}`);
  assert.equal(pub.status, 200);
  assert.match(pub.text, /<dt>解读专家<\/dt><dd>黄志远（财税与预算）、郑秀华（教育政策）<\/dd>/);
  assert.doesNotMatch(pub.text, new RegExp(`${PHONE}|云溪县第一中学|高级教师`), 'never contact data or employer');

  page = await cbr.get(`/admin/press/${id}`);
  assert.doesNotMatch(page.text, /experts-title/, 'no choice once approved');
  const late = await setEventExperts(s.ctx, await callerOf(s.ctx, 'cbr'), id, { experts: [String(ex.a)] });
  assert.ok(!late.ok);
  assert.match(late.message, /只有草稿或退回修改的活动可以选择解读专家/);
});

test('在线访谈: the interview page made from the approved event, prefilled, linked both ways, once; its transcript offered to the event', async () => {
  // Begun five minutes ago (or now, just after midnight: an interview starts and ends on one day).
  const early = Number(beijingLocalValue(new Date()).slice(11, 13)) * 60 + Number(beijingLocalValue(new Date()).slice(14, 16)) < 10;
  const start = new Date(Date.now() - (early ? 0 : 5 * 60_000));
  const id = await draftEvent({ type: 'interview', title: '中小学生近视防控工作在线访谈', plannedAt: beijingLocalValue(start), guests: '县人民医院眼科主任' });
  assert.ok((await setEventExperts(s.ctx, await callerOf(s.ctx, 'cbr'), id, { experts: [String(ex.a)] })).ok);
  let page = await cbr.get(`/admin/press/${id}`);
  assert.match(page.text, /活动经批准后，可在此创建在线访谈页面/);
  assert.equal((await cbr.get(`/admin/hdjl/zxft/new?press=${id}`)).status, 409, 'not approved yet');
  const conference = await draftEvent({ title: '一场新闻发布会' });
  await approve(conference);
  const wrongType = await cbr.get(`/admin/hdjl/zxft/new?press=${conference}`);
  assert.equal(wrongType.status, 409);
  assert.match(wrongType.text, /只有发布形式为“在线访谈”的新闻发布活动/);
  assert.doesNotMatch((await cbr.get(`/admin/press/${conference}`)).text, /interview-title/);

  await approve(id);
  page = await cbr.get(`/admin/press/${id}`);
  assert.match(page.text, new RegExp(`href="/admin/hdjl/zxft/new\\?press=${id}"`));
  const form = await cbr.get(`/admin/hdjl/zxft/new?press=${id}`);
  assert.equal(form.status, 200);
  const ev = (await findEvent(s.ctx.db, id))!;
  const values = interviewPrefill(ev, [{ name: '郑秀华', field: '教育政策' }]) as Record<string, string>;
  assert.match(form.text, new RegExp(`name="pressEventId" value="${id}"`));
  assert.match(form.text, /中小学生近视防控工作在线访谈/);
  assert.match(form.text, /县人民医院眼科主任；教育政策专家 郑秀华/);
  assert.match(form.text, new RegExp(`value="${values.startTime}"`));

  const made = await cbr.post('/admin/hdjl/zxft', values);
  assert.equal(made.status, 303, made.text.slice(0, 500));
  const iid = Number(/\/admin\/hdjl\/zxft\/(\d+)/.exec(made.location!)![1]);
  const interview = (await findInterview(s.ctx.db, iid))!;
  assert.equal(interview.pressEventId, id);
  const audit = (await s.ctx.db.execute<{ summary: Record<string, unknown> }>(sql`select summary from audit_log where action = 'interaction.interview.create' and entity_id = ${String(iid)}`)).rows;
  assert.equal(audit[0]?.summary.pressEventId, id);
  assert.match((await cbr.get(`/admin/hdjl/zxft/${iid}`)).text, new RegExp(`<dt>新闻发布活动</dt><dd><a href="/admin/press/${id}">中小学生近视防控工作在线访谈</a>`));
  page = await cbr.get(`/admin/press/${id}`);
  assert.match(page.text, new RegExp(`在线访谈页面：<a href="/admin/hdjl/zxft/${iid}">`));

  // Once: the link leads to the page made; a second one is refused.
  const again = await cbr.get(`/admin/hdjl/zxft/new?press=${id}`);
  assert.equal(again.location, `/admin/hdjl/zxft/${iid}`);
  const twice = await cbr.post('/admin/hdjl/zxft', values);
  assert.equal(twice.status, 409);
  assert.match(twice.text, /该新闻发布活动已创建在线访谈页面/);

  // Announced (by another person) and its transcript published: offered to the held event.
  assert.ok((await announceInterview(s.ctx, await callerOf(s.ctx, 'sfr'), iid, interview.version)).ok);
  assert.match((await anon.get(`/xwfb/${id}`)).text, new RegExp(`href="/hdjl/zxft/${iid}"`), 'the public event page links the interview');
  const transcript = '主持人：各位网友好，欢迎参加本期在线访谈。局长：近视防控要从小抓起，学校每天安排户外活动两小时。';
  assert.ok((await publishTranscript(s.ctx, await callerOf(s.ctx, 'cbr'), iid, (await findInterview(s.ctx.db, iid))!.version, transcript)).ok);
  assert.ok((await holdEvent(s.ctx, await callerOf(s.ctx, 'cbr'), id, { heldAt: beijingLocalValue(new Date(Date.now() - 60_000)) })).ok);
  page = await cbr.get(`/admin/press/${id}`);
  assert.match(page.text, /已按在线访谈的文字实录预填/);
  assert.match(page.text, /学校每天安排户外活动两小时。<\/textarea>/);
  assert.ok((await verifyAudit(s.ctx.db)).ok);
});

test('/xwfb/ links the spokesperson list and the 政务新媒体 list', async () => {
  const idx = await anon.get('/xwfb/');
  assert.match(idx.text, /<a href="\/xwfb\/fyr">新闻发言人名单<\/a>/);
  assert.match(idx.text, /<a href="\/xwfb\/xmt">政务新媒体<\/a>/);
});
