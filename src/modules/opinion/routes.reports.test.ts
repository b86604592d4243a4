// 舆情日志 / 舆情统计 / 专报 through the real server: the 舆情专员 (yqzy) sees the whole county, the
// 教体局 clerk (cbr) only the incidents his organisation handles. The clock is 2026-10-02 10:00 Beijing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { addDeadline, addEvent, addIncident, addItem, addResponse, orgId } from './reports.fixtures.ts';

let s: TestServer;
let yq: Client;
let cbr: Client;
const ids = { a: 0, b: 0, c: 0 };
const at = (x: string) => new Date(x);

/** The text of word/document.xml, a line per paragraph. */
function docxText(bytes: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n');
}

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  s.ctx.now = () => at('2026-10-02T10:00:00+08:00');
  const ctx = s.ctx;
  const [health, edu] = [await orgId(ctx, '县卫健委'), await orgId(ctx, '县教体局')];
  ids.a = await addIncident(ctx, {
    no: 'YQ-2026-0001', title: '城关镇医院排队难', summary: '网民反映县人民医院门诊排队时间长。', status: 'responding', grade: 'major', category: 'public_interest',
    leadOrgId: health, riskScore: 70, itemCount: 2, repostCount: 1, createdAt: at('2026-10-01T09:00:00+08:00'), confirmedAt: at('2026-10-01T10:00:00+08:00'),
    firstItemAt: at('2026-10-01T08:30:00+08:00'), lastItemAt: at('2026-10-01T23:30:00+08:00'),
    riskExplanation: { score: 70, grade: 'major', factors: [
      { factor: 'volume', label: '传播量（信息数 + 转发数）', raw: 3, weight: 0.25, contribution: 12.5, terms: [] },
      { factor: 'negative', label: '负面词', raw: 3, weight: 0.15, contribution: 9, terms: ['排队', '投诉'] },
    ] },
  });
  ids.b = await addIncident(ctx, {
    no: 'YQ-2026-0002', title: '学校食堂价格上涨', status: 'closed', grade: 'general', leadOrgId: edu, createdAt: at('2026-09-30T20:00:00+08:00'),
    confirmedAt: at('2026-09-30T21:00:00+08:00'), closedAt: at('2026-10-01T16:00:00+08:00'), itemCount: 1, evaluation: { summary: '家长表示理解', rating: 'good', ratingLabel: '效果良好，舆论趋于平稳', by: '韩立新', at: '2026-10-01T08:00:00.000Z' },
  });
  // Opened at 23:40 Beijing (15:40Z): still 1 October.
  ids.c = await addIncident(ctx, { no: 'YQ-2026-0003', title: '河口镇道路积水', status: 'candidate', suggestedGrade: 'general', createdAt: at('2026-10-01T15:40:00Z') });

  const first = await addItem(ctx, { source: '云溪论坛', publishedAt: at('2026-10-01T15:30:00Z'), title: '医院排队两小时', author: '张三丰', incidentId: ids.a, keywords: ['排队', '医院'], repostCount: 1 });
  await addItem(ctx, { source: '县政府网站', mediaType: 'portal', publishedAt: at('2026-10-01T10:00:00+08:00'), incidentId: ids.a, duplicateOfId: first, keywords: ['排队'] });
  await addItem(ctx, { source: '云溪论坛', publishedAt: at('2026-10-01T16:10:00Z'), author: '李四', incidentId: ids.a, keywords: ['医院'] }); // 00:10 on 2 October
  await addItem(ctx, { source: '12345 热线', mediaType: 'hotline', publishedAt: at('2026-09-30T19:00:00+08:00'), author: '王五', incidentId: ids.b, keywords: ['食堂'] });
  await addItem(ctx, { source: '云溪论坛', publishedAt: at('2026-10-01T11:00:00+08:00'), incidentId: ids.c, keywords: ['积水'] });

  const basis = '国办发〔2016〕80号';
  await addDeadline(ctx, { incidentId: ids.a, kind: 'first_info', dueAt: at('2026-10-01T15:00:00+08:00'), basis, metAt: at('2026-10-01T14:00:00+08:00') });
  await addDeadline(ctx, { incidentId: ids.a, kind: 'press_conference', dueAt: at('2026-10-01T22:00:00+08:00'), basis });
  await addDeadline(ctx, { incidentId: ids.a, kind: 'update', dueAt: at('2026-10-03T14:00:00+08:00'), basis });
  await addDeadline(ctx, { incidentId: ids.b, kind: 'response', dueAt: at('2026-10-02T21:00:00+08:00'), basis, metAt: at('2026-10-01T12:00:00+08:00') });
  await addResponse(ctx, { incidentId: ids.a, orgId: health, channel: 'weibo', title: '关于县人民医院门诊排队情况的说明', text: '……', status: 'approved', respondedAt: at('2026-10-01T14:00:00+08:00') });
  await addEvent(ctx, { incidentId: ids.a, type: 'opened', data: { items: 2, reposts: 1 }, at: at('2026-10-01T09:00:00+08:00'), actorName: '系统' });
  await addEvent(ctx, { incidentId: ids.a, type: 'confirmed', data: { grade: 'major' }, at: at('2026-10-01T10:00:00+08:00'), actorName: '韩立新' });

  yq = new Client(s.baseUrl);
  cbr = new Client(s.baseUrl);
  await yq.login('yqzy', s.password('yqzy'));
  await cbr.login('cbr', s.password('cbr'));
});
after(async () => { await s.close(); });

test('the menu has 舆情日志 and 舆情统计', async () => {
  const home = await cbr.get('/admin/');
  assert.match(home.text, /href="\/admin\/opinion\/log"[^>]*>舆情日志/);
  assert.match(home.text, /href="\/admin\/opinion\/dashboard"[^>]*>舆情统计/);
});

test('log: one Beijing day — the 23:30 item and the 23:40 incident are in, the 00:10 item is not', async () => {
  const r = await yq.get('/admin/opinion/log?date=2026-10-01');
  assert.equal(r.status, 200);
  const t = r.text;
  assert.match(t, /当日共收集信息 3 条，其中原发信息 2 条，转载和重复信息 1 条/);
  assert.match(t, /<td>云溪论坛<\/td><td>论坛社区<\/td><td>2<\/td><td>0<\/td><td>2<\/td>/);
  assert.match(t, /当日新发现舆情事件 2 件，研判确认 1 件，发布回应 1 次，办结 1 件/);
  assert.ok(t.includes('YQ-2026-0003') && t.includes('2026-10-01 23:40'), 'the incident opened at 23:40 Beijing');
  assert.match(t, /尚未完成的回应时限 2 项（其中已超时 1 项）；当日到期未按时完成 1 项/);
  assert.match(t, /召开新闻发布会/);
  assert.match(t, /href="\/admin\/opinion\/log.docx\?date=2026-10-01"/);
  assert.ok(t.includes(`href="/admin/opinion/${ids.a}/report.docx"`), 'the 专报 of each incident');
  const next = await yq.get('/admin/opinion/log?date=2026-10-02');
  assert.match(next.text, /当日共收集信息 1 条/);
  assert.match(next.text, /0时至10:00/);
  const today = await yq.get('/admin/opinion/log');
  assert.match(today.text, /value="2026-10-02"/);
});

test('log: a department clerk sees only his organisation\'s incidents and their items', async () => {
  const t = (await cbr.get('/admin/opinion/log?date=2026-10-01')).text;
  assert.match(t, /当日共收集信息 0 条/);
  assert.match(t, /当日新发现舆情事件 0 件，研判确认 0 件，发布回应 0 次，办结 1 件/);
  assert.ok(t.includes('YQ-2026-0002') && !t.includes('YQ-2026-0001') && !t.includes('YQ-2026-0003'));
});

test('log: a bad date is refused in Chinese with the typed value kept; the .docx too', async () => {
  const r = await yq.get('/admin/opinion/log?date=2026-02-30');
  assert.equal(r.status, 422);
  assert.match(r.text, /日期应为有效日期，格式如 2026-10-01/);
  assert.match(r.text, /value="2026-02-30"/);
  const f = await yq.get('/admin/opinion/log?date=2026-10-09');
  assert.match(f.text, /日期不能晚于今天（2026年10月2日）/);
  const d = await yq.get('/admin/opinion/log.docx?date=tomorrow');
  assert.equal(d.status, 422);
  assert.match(d.text, /日期应为有效日期/);
});

test('log .docx: a 公文 named by the Beijing date with the same numbers', async () => {
  const r = await yq.get('/admin/opinion/log.docx?date=2026-10-01');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /wordprocessingml/);
  assert.equal(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? ''), '舆情日志-20261001.docx');
  const t = docxText(r.bytes);
  for (const want of ['舆情日志（2026年10月1日）', '一、信息收集情况', '当日共收集信息 3 条', '云溪论坛', 'YQ-2026-0001', 'YQ-2026-0003', '政务微博（云溪县卫生健康委员会）', '召开新闻发布会', '中共云溪县委网络安全和信息化委员会办公室']) {
    assert.ok(t.includes(want), want);
  }
});

test('dashboard: charts with their tables, by day (Beijing), category, grade, organisation, source, timeliness, terms', async () => {
  const r = await yq.get('/admin/opinion/dashboard?from=2026-09-30&to=2026-10-02');
  assert.equal(r.status, 200);
  const t = r.text;
  for (const id of ['op-days', 'op-category', 'op-grade', 'op-org', 'op-source', 'op-timeliness', 'op-terms']) {
    assert.match(t, new RegExp(`<figure class="chart" aria-labelledby="${id}-caption">`), id);
    assert.match(t, new RegExp(`<title id="${id}-title">`), id);
  }
  assert.match(t, /<tr><th scope="row">9月30日<\/th><td>1<\/td><td>0<\/td><td>1<\/td><\/tr>/);
  assert.match(t, /<tr><th scope="row">10月1日<\/th><td>3<\/td><td>1<\/td><td>2<\/td><\/tr>/);
  assert.match(t, /<tr><th scope="row">10月2日<\/th><td>1<\/td><td>0<\/td><td>0<\/td><\/tr>/);
  assert.match(t, /<tr><th scope="row">涉及公众切身利益且影响较大<\/th><td>1<\/td><\/tr>/);
  assert.match(t, /<tr><th scope="row">尚未指定牵头单位<\/th><td>1<\/td><\/tr>/);
  assert.match(t, /<tr><th scope="row">合计<\/th><td>2<\/td><td>0<\/td><td>1<\/td><td>0<\/td><\/tr>/, 'on time, late, overdue, pending');
  assert.match(t, /<tr><th scope="row">排队<\/th><td>2<\/td><\/tr>/);
  assert.match(t, /按时完成率<\/dt><dd>66.7%/);
  assert.ok(!/\sstyle=/.test(t.slice(t.indexOf('<main'))), 'no inline styles');
  assert.equal((await yq.get('/admin/opinion/dashboard')).status, 200);
  const bad = await yq.get('/admin/opinion/dashboard?from=2026-10-02&to=2026-09-30');
  assert.equal(bad.status, 422);
  assert.match(bad.text, /截止日期不能早于起始日期/);
  assert.match(bad.text, /value="2026-10-02"/);
  const clerk = (await cbr.get('/admin/opinion/dashboard?from=2026-09-30&to=2026-10-02')).text;
  assert.match(clerk, /<tr><th scope="row">云溪县教育体育局<\/th><td>1<\/td><\/tr>/);
  assert.ok(!clerk.includes('云溪县卫生健康委员会'));
});

test('专报: every section, author masked; scoped like the incident', async () => {
  const r = await yq.get(`/admin/opinion/${ids.a}/report.docx`);
  assert.equal(r.status, 200);
  assert.equal(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? ''), '舆情专报-YQ-2026-0001-20261002.docx');
  const t = docxText(r.bytes);
  for (const want of [
    '关于“城关镇医院排队难”舆情的专报', '网民反映县人民医院门诊排队时间长。', '重大', '涉及公众切身利益且影响较大', '云溪县卫生健康委员会',
    '共监测到相关信息 3 条', '医院排队两小时', '张**', '负面词', '排队、投诉', '研判确认', '韩立新', '按时完成', '超时未完成', '未到期',
    '关于县人民医院门诊排队情况的说明', '舆情尚未办结',
  ]) assert.ok(t.includes(want), want);
  assert.ok(!t.includes('张三丰') && !t.includes('李四'), 'no plain author names');
  const b = docxText((await cbr.get(`/admin/opinion/${ids.b}/report.docx`)).bytes);
  assert.ok(b.includes('回应效果：效果良好，舆论趋于平稳。') && b.includes('评估意见：家长表示理解。'), b);
  assert.equal((await cbr.get(`/admin/opinion/${ids.a}/report.docx`)).status, 403);
  assert.equal((await cbr.get(`/admin/opinion/${ids.c}/report.docx`)).status, 403);
  assert.equal((await yq.get(`/admin/opinion/${ids.c}/report.docx`)).status, 200);
  assert.equal((await yq.get('/admin/opinion/99999/report.docx')).status, 404);
  assert.equal((await yq.get('/admin/opinion/abc/report.docx')).status, 404);
});

test('signed out: the pages ask for sign-in', async () => {
  const anon = new Client(s.baseUrl);
  const r = await anon.get('/admin/opinion/log');
  assert.ok(r.status === 302 || r.status === 303 || r.status === 401, String(r.status));
});
