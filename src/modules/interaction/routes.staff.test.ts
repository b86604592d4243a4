// 互动交流 over HTTP, the staff side and the 繁体 view (a real server on its own database): in the
// 繁体 view a refused comment or question comes back exactly as typed (Simplified), the page around
// it converted; whoever sent a draft for publication (送审) cannot publish it, nor can an interview's
// drafter announce it; the draft's attachment is uploaded (multipart, type checked) and downloadable
// by the public only after publication; 撤回 of a published draft and an announced interview
// (reason required, audited, gone from the public lists, 410 with the reason on its page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client, type Res } from '../../../test/support/http.ts';
import { makeDocx, makeXlsx } from '../../platform/files/fixtures.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { addDays } from './domain.ts';
import { announcedInterview, callerOf, orgIdOf, publishedDraft } from './interaction.fixtures.ts';
import { createDraft } from './use-cases/drafts.ts';
import { createInterview } from './use-cases/interviews.ts';
import { interactionDesk } from './desk.ts';

let s: TestServer;
let today: string;

before(async () => {
  s = await startTestServer({ config: { TRUST_PROXY: '1', COOKIE_SECURE: 'false' } });
  today = beijingToday(s.ctx.now());
});
after(() => s.close());

let n = 0;
/** A form post from its own address (X-Forwarded-For through the trusted proxy). */
async function postFrom(c: Client, path: string, fields: Record<string, string>): Promise<Res> {
  const body = new URLSearchParams({ _csrf: c.csrf, ...fields });
  return c.request('POST', path, { body: body.toString(), type: 'application/x-www-form-urlencoded', headers: { 'x-forwarded-for': `10.7.${Math.floor(++n / 250)}.${(n % 250) + 1}` } });
}
async function postFile(c: Client, path: string, file: { name: string; content: Buffer }): Promise<Res> {
  const boundary = `----gk${Date.now()}`;
  const parts = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${c.csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.content, Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return c.request('POST', path, { body: Buffer.concat(parts) as unknown as string, type: `multipart/form-data; boundary=${boundary}` });
}
const page = async (c: Client, path: string) => { const r = await c.get(path); assert.equal(r.status, 200, path); return r.text; };
const staff = async (user: string) => { const c = new Client(s.baseUrl); await c.login(user, s.password(user)); return c; };
const versionOf = async (table: 'drafts' | 'interviews', id: number) =>
  String((await s.ctx.db.execute<{ version: number }>(sql`select version from ${sql.raw(`interaction_${table}`)} where id = ${id}`)).rows[0]!.version);
const auditOf = async (entity: string, id: number) =>
  (await s.ctx.db.execute<{ action: string; summary: Record<string, unknown> }>(sql`select action, summary from audit_log where entity_type = ${entity} and entity_id = ${String(id)} order by id`)).rows;
/** A draft of 县教体局 in 编辑中, made by cbr through the use case. */
async function editingDraft(title: string): Promise<number> {
  const r = await createDraft(s.ctx, await callerOf(s.ctx, 'cbr'), {
    orgId: await orgIdOf(s.ctx, '县教体局'), title, body: `${title}的正文，共三条。`, howToComment: '', startDate: today, endDate: addDays(today, 20), showComments: true,
  });
  if (!r.ok) throw new Error(r.message);
  return r.id;
}

test('繁体 view: a refused comment and question come back exactly as typed (Simplified), the page converted', async () => {
  const id = await publishedDraft(s.ctx, { title: '云溪县农村生活垃圾治理办法（征求意见稿）', startDate: addDays(today, -1), endDate: addDays(today, 9) });
  const c = new Client(s.baseUrl);
  const prefs = await c.get(`/prefs?variant=tw&next=/hdjl/yjzj/${id}`);
  assert.equal(prefs.status, 303);
  assert.match(await page(c, `/hdjl/yjzj/${id}`), /發表意見/, 'the 繁体 view is on');
  // Characters that OpenCC changes (这→這, 垃圾→垃圾, 处理→處理, 发→發, 张→張, 卫→衛, 国→國).
  const text = `这个办法很好，建议垃圾分类处理站点设在村口，方便群众。发现问题可以及时反映。${'这'.repeat(2000)}`;
  const name = '张卫国';
  const r = await postFrom(c, `/hdjl/yjzj/${id}/comments`, { text, name, contact: '这不是电话', website: '' });
  assert.equal(r.status, 422);
  assert.ok(r.text.includes(`>${text}</textarea>`), 'the textarea holds the text exactly as typed, not converted');
  assert.ok(r.text.includes(`value="${name}"`), 'the name field exactly as typed');
  assert.ok(r.text.includes('value="这不是电话"'), 'the contact field exactly as typed');
  assert.doesNotMatch(r.text, /張衛國|這個辦法很好/, 'nothing typed is shown converted');
  assert.match(r.text, /意見建議最多 2000 個字/, 'the messages around it are in Traditional characters');

  const iv = await announcedInterview(s.ctx, { title: '解读农村垃圾治理新办法', date: addDays(today, 3), startTime: '09:30', endTime: '11:00' });
  await page(c, `/hdjl/zxft/${iv}`);
  const q = '发现垃圾没人清运，应该向哪个部门反映？';
  const bad = await postFrom(c, `/hdjl/zxft/${iv}/questions`, { text: q, name: '这名字也太长了这名字也太长了这名字也太长了这名字也太长了这名字也太长了', website: '' });
  assert.equal(bad.status, 422);
  assert.ok(bad.text.includes(`>${q}</textarea>`));
  assert.ok(bad.text.includes('value="这名字也太长了这名字也太长了'));
  // Accepted as typed: stored in Simplified.
  assert.equal((await postFrom(c, `/hdjl/zxft/${iv}/questions`, { text: q, name: '张', website: '' })).status, 303);
  const row = (await s.ctx.db.execute<{ text: string; name_enc: string }>(sql`select text, name_enc from interaction_submissions where subject_kind = 'interview' and subject_id = ${iv}`)).rows[0]!;
  assert.equal(row.text, q);
  assert.equal(s.ctx.fieldCipher.decrypt(row.name_enc), '张');
});

test('separation of duties: the one who sent a draft for publication cannot publish it; an interview’s drafter cannot announce it', async () => {
  const gkb = await staff('gkb');
  const edu = await orgIdOf(s.ctx, '县教体局');
  await page(gkb, '/admin/hdjl/yjzj/new');
  const made = await gkb.post('/admin/hdjl/yjzj', { orgId: String(edu), title: '云溪县校外培训机构监管办法（征求意见稿）', body: '为规范校外培训机构办学行为，制定本办法。', howToComment: '', startDate: today, endDate: addDays(today, 15), showComments: '1' });
  assert.equal(made.status, 303);
  const id = Number(/\/(\d+)\?/.exec(made.location!)![1]);
  await page(gkb, `/admin/hdjl/yjzj/${id}`);
  assert.equal((await gkb.post(`/admin/hdjl/yjzj/${id}/submit`, { version: await versionOf('drafts', id) })).status, 303);
  const own = await page(gkb, `/admin/hdjl/yjzj/${id}`);
  assert.match(own, /您是该意见征集的送审人，须由本单位其他有审核权限的人员审核发布/);
  assert.doesNotMatch(own, /同意发布<\/button>/);
  const refused = await gkb.post(`/admin/hdjl/yjzj/${id}/publish`, { version: await versionOf('drafts', id) });
  assert.equal(refused.status, 403);
  assert.match(refused.text, /您是该意见征集的送审人，不能同时审核发布/);
  assert.equal((await s.ctx.db.execute<{ status: string }>(sql`select status from interaction_drafts where id = ${id}`)).rows[0]!.status, 'pending');
  assert.equal((await new Client(s.baseUrl).get(`/hdjl/yjzj/${id}`)).status, 404, 'not public');

  const sfr = await staff('sfr');
  await page(sfr, `/admin/hdjl/yjzj/${id}`);
  assert.equal((await sfr.post(`/admin/hdjl/yjzj/${id}/publish`, { version: await versionOf('drafts', id) })).status, 303);
  assert.deepEqual((await auditOf('interaction_draft', id)).map((a) => a.action), ['interaction.draft.create', 'interaction.draft.submit', 'interaction.draft.publish']);
  await page(new Client(s.baseUrl), `/hdjl/yjzj/${id}`);

  const iv = await createInterview(s.ctx, await callerOf(s.ctx, 'gkb'), { orgId: edu, title: '校外培训监管答问', guests: '县教育体育局副局长', date: addDays(today, 4), startTime: '10:00', endTime: '11:00', preview: '解读校外培训机构监管办法，回答网民提问。' });
  assert.ok(iv.ok);
  if (!iv.ok) return;
  await page(gkb, `/admin/hdjl/zxft/${iv.id}`);
  const no = await gkb.post(`/admin/hdjl/zxft/${iv.id}/announce`, { version: await versionOf('interviews', iv.id) });
  assert.equal(no.status, 403);
  assert.match(no.text, /您是该在线访谈的承办人，不能同时审核发布预告/);
  await page(sfr, `/admin/hdjl/zxft/${iv.id}`);
  assert.equal((await sfr.post(`/admin/hdjl/zxft/${iv.id}/announce`, { version: await versionOf('interviews', iv.id) })).status, 303);
});

test('the attachment: a real .docx uploaded (multipart), a wrong type refused in Chinese; public only after publication', async () => {
  const id = await editingDraft('云溪县城区养犬管理规定（征求意见稿）');
  const cbr = await staff('cbr');
  await page(cbr, `/admin/hdjl/yjzj/${id}`);
  const xlsx = await makeXlsx([['条款', '内容'], ['第一条', '养犬登记']]);
  const wrong = await postFile(cbr, `/admin/hdjl/yjzj/${id}/attachment`, { name: '养犬管理规定.xlsx', content: xlsx });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /文件类型不符/);
  const renamed = await postFile(cbr, `/admin/hdjl/yjzj/${id}/attachment`, { name: '养犬管理规定.docx', content: xlsx });
  assert.equal(renamed.status, 422, 'the content is checked, not the name');
  assert.match(renamed.text, /文件类型不符/);
  const docx = await makeDocx({ title: '云溪县城区养犬管理规定（征求意见稿）', body: ['第一条　为规范城区养犬行为，制定本规定。', '第二条　本规定适用于县城规划区。'] });
  const ok = await postFile(cbr, `/admin/hdjl/yjzj/${id}/attachment`, { name: '养犬管理规定（征求意见稿）.docx', content: docx });
  assert.equal(ok.status, 303);
  assert.match(await page(cbr, ok.location!), /附件已上传[\s\S]*养犬管理规定（征求意见稿）\.docx/);
  assert.deepEqual((await auditOf('interaction_draft', id)).map((a) => a.action), ['interaction.draft.create', 'interaction.draft.attach']);

  const citizen = new Client(s.baseUrl);
  const early = await citizen.get(`/hdjl/yjzj/${id}/attachment`);
  assert.equal(early.status, 404, 'not downloadable before publication');
  assert.doesNotMatch(early.text, /PK/);

  assert.equal((await cbr.post(`/admin/hdjl/yjzj/${id}/submit`, { version: await versionOf('drafts', id) })).status, 303);
  assert.equal((await citizen.get(`/hdjl/yjzj/${id}/attachment`)).status, 404, 'nor while waiting for approval');
  const sfr = await staff('sfr');
  await page(sfr, `/admin/hdjl/yjzj/${id}`);
  assert.equal((await sfr.post(`/admin/hdjl/yjzj/${id}/publish`, { version: await versionOf('drafts', id) })).status, 303);
  assert.match(await page(citizen, `/hdjl/yjzj/${id}`), new RegExp(`href="/hdjl/yjzj/${id}/attachment"`));
  const got = await citizen.get(`/hdjl/yjzj/${id}/attachment`);
  assert.equal(got.status, 200);
  assert.ok(got.bytes.equals(docx), 'the same bytes');
  assert.match(got.headers.get('content-type') ?? '', /wordprocessingml/);
  assert.match(got.headers.get('content-disposition') ?? '', /attachment/);
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
});

test('撤回 a published draft: reason required, audited, gone from the public lists, API and sitemap; 410 with the reason', async () => {
  const title = '云溪县城区临时摊点管理办法（征求意见稿）';
  const id = await publishedDraft(s.ctx, { title, startDate: addDays(today, -2), endDate: addDays(today, 10) });
  const citizen = new Client(s.baseUrl);
  assert.match(await page(citizen, '/hdjl/yjzj/'), new RegExp(title.slice(0, 12)));
  await page(citizen, `/hdjl/yjzj/${id}`);
  assert.equal((await postFrom(citizen, `/hdjl/yjzj/${id}/comments`, { text: '撤回以前提交、尚未审核的意见。', website: '' })).status, 303);
  const pendingOnDesk = async () => (await interactionDesk(s.ctx, (await callerOf(s.ctx, 'cbr')).user)).find((i) => i.label === '待审核公众意见')!.count;
  const deskBefore = await pendingOnDesk();

  const cbr = await staff('cbr');
  await page(cbr, `/admin/hdjl/yjzj/${id}`);
  assert.equal((await cbr.post(`/admin/hdjl/yjzj/${id}/withdraw`, { version: await versionOf('drafts', id), withdrawReason: '依据已废止，需重新起草。' })).status, 403, 'a clerk may not withdraw');

  const sfr = await staff('sfr');
  assert.match(await page(sfr, `/admin/hdjl/yjzj/${id}`), /撤回意见征集<\/button>/);
  const empty = await sfr.post(`/admin/hdjl/yjzj/${id}/withdraw`, { version: await versionOf('drafts', id), withdrawReason: ' ' });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /请填写撤回原因/);
  const reason = '上位法已修订，本办法需重新起草后再征求意见。';
  const r = await sfr.post(`/admin/hdjl/yjzj/${id}/withdraw`, { version: await versionOf('drafts', id), withdrawReason: reason });
  assert.equal(r.status, 303);
  assert.match(await page(sfr, r.location!), /已撤回[\s\S]*撤回原因[\s\S]*上位法已修订/);
  const audit = (await auditOf('interaction_draft', id)).at(-1)!;
  assert.equal(audit.action, 'interaction.draft.withdraw');
  assert.equal(audit.summary.reason, reason);
  assert.equal(await pendingOnDesk(), deskBefore - 1, 'its waiting comments leave the desk count');

  assert.doesNotMatch(await page(citizen, '/hdjl/yjzj/'), new RegExp(title.slice(0, 12)), 'gone from the public list');
  const gone = await citizen.get(`/hdjl/yjzj/${id}`);
  assert.equal(gone.status, 410);
  assert.match(gone.text, /该意见征集已撤回[\s\S]*上位法已修订/);
  const late = await postFrom(citizen, `/hdjl/yjzj/${id}/comments`, { text: '撤回以后还能提交意见吗？', website: '' });
  assert.equal(late.status, 410);
  assert.equal((await s.ctx.db.execute(sql`select 1 from interaction_submissions where text like '撤回以后%'`)).rows.length, 0);
  const api = JSON.parse((await citizen.get('/api/v1/consultations?pageSize=100')).text) as { items: { id: number }[] };
  assert.ok(!api.items.some((x) => x.id === id), 'not in the API');
  assert.doesNotMatch(await page(citizen, '/sitemap.xml'), new RegExp(`/hdjl/yjzj/${id}<`));
  const again = await sfr.post(`/admin/hdjl/yjzj/${id}/withdraw`, { version: await versionOf('drafts', id), withdrawReason: reason });
  assert.equal(again.status, 409);
});

test('撤回 an announced interview: reason required, audited, gone from the list, 410 with the reason; questions refused', async () => {
  const title = '解读城区临时摊点管理';
  const id = await announcedInterview(s.ctx, { title, date: addDays(today, 5), startTime: '15:00', endTime: '16:30' });
  const citizen = new Client(s.baseUrl);
  assert.match(await page(citizen, '/hdjl/zxft/'), new RegExp(title));
  await page(citizen, `/hdjl/zxft/${id}`);
  const sfr = await staff('sfr');
  await page(sfr, `/admin/hdjl/zxft/${id}`);
  const empty = await sfr.post(`/admin/hdjl/zxft/${id}/withdraw`, { version: await versionOf('interviews', id), withdrawReason: '' });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /请填写撤回原因/);
  const reason = '嘉宾临时有公务，本期访谈取消，另行安排。';
  assert.equal((await sfr.post(`/admin/hdjl/zxft/${id}/withdraw`, { version: await versionOf('interviews', id), withdrawReason: reason })).status, 303);
  const audit = (await auditOf('interaction_interview', id)).at(-1)!;
  assert.equal(audit.action, 'interaction.interview.withdraw');
  assert.equal(audit.summary.reason, reason);
  assert.doesNotMatch(await page(citizen, '/hdjl/zxft/'), new RegExp(title));
  const gone = await citizen.get(`/hdjl/zxft/${id}`);
  assert.equal(gone.status, 410);
  assert.match(gone.text, /该在线访谈已撤回[\s\S]*嘉宾临时有公务/);
  assert.equal((await postFrom(citizen, `/hdjl/zxft/${id}/questions`, { text: '访谈撤回后还能提问吗？', website: '' })).status, 410);
  assert.doesNotMatch(await page(citizen, '/sitemap.xml'), new RegExp(`/hdjl/zxft/${id}<`));
});
