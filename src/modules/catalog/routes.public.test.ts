// Public catalogue routes on a real server: search page and API, record pages (200 / 404 / 410),
// print view, attachment downloads, listings, 政策解读, feeds and sitemap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { insertAttachment, insertRecord } from '../../../test/support/catalog-public.ts';
import { listPublishedPage, publicState } from './repo.public.ts';
import { publicPagesChanged } from '../../platform/http/page-cache.ts';
import { xmlEscape } from './feeds.ts';

let s: TestServer;
let c: Client;
let orgId: number;
before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  c = new Client(s.baseUrl);
  orgId = (await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where name = '云溪县教育体育局'`)).rows[0].id;
});
after(() => s.close());

const meta = (html: string, name: string) => new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];

/** A small well-formedness check: balanced tags, no stray '<' or '&', one root element. */
function assertWellFormedXml(xml: string, label: string): void {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), `${label}: declaration`);
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  let roots = 0;
  const re = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(re)) {
    if (m[6]) assert.fail(`${label}: stray '<' near ${body.slice(m.index!, m.index! + 40)}`);
    if (m[5] !== undefined) {
      if (stack.length === 0) assert.match(m[5], /^\s*$/, `${label}: text outside the root`);
      for (const amp of m[5].matchAll(/&([^;\s]*);?/g)) assert.match(amp[0], /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);$/i, `${label}: bad entity ${amp[0]}`);
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (close) assert.equal(stack.pop(), name, `${label}: </${name}> closes the wrong element`);
    else if (!selfClose) { if (stack.length === 0) roots++; stack.push(name!); }
    else if (stack.length === 0) roots++;
  }
  assert.deepEqual(stack, [], `${label}: unclosed ${stack.join(',')}`);
  assert.equal(roots, 1, `${label}: one root element`);
}

test('publicState: table of statuses', () => {
  const base = { status: 'published', disclosure: 'active', term: 'long', termEnd: null, publishedAt: '2024-01-01T00:00:00Z', withdrawnAt: null };
  const cases: [Record<string, unknown>, string][] = [
    [{}, 'public'],
    [{ status: 'draft', publishedAt: null }, 'hidden'],
    [{ status: 'in_review', publishedAt: null }, 'hidden'],
    [{ status: 'returned', publishedAt: null }, 'hidden'],
    [{ status: 'withheld', disclosure: 'withheld', publishedAt: null }, 'hidden'],
    [{ status: 'withdrawn', withdrawnAt: '2024-02-01T00:00:00Z' }, 'withdrawn'],
    [{ status: 'withdrawn', publishedAt: null }, 'hidden'],
    [{ status: 'published', withdrawnAt: '2024-02-01T00:00:00Z' }, 'withdrawn'],
    [{ disclosure: 'on_request' }, 'hidden'],
    [{ disclosure: 'withheld' }, 'hidden'],
    [{ term: 'limited', termEnd: '2025-02-28' }, 'expired'],
    [{ term: 'limited', termEnd: '2025-03-01' }, 'public'],
    [{ term: 'limited', termEnd: null }, 'public'],
    [{ status: 'in_review', publishedAt: '2024-01-01T00:00:00Z' }, 'hidden'],
  ];
  for (const [over, want] of cases) assert.equal(publicState({ ...base, ...over } as never, '2025-03-01'), want, JSON.stringify(over));
});

test('xmlEscape escapes markup and drops characters XML cannot carry', () => {
  assert.equal(xmlEscape('a<b>&"\'\u0001c'), 'a&lt;b&gt;&amp;&quot;&apos;c');
});

test('search page: form, highlighted results, escaping, exact jump, no results, junk', async () => {
  const db = s.ctx.db;
  const a = await insertRecord(db, { orgId, title: '云溪县凤凰山森林防火工作方案<script>', body: '为做好凤凰山森林防火工作，现制定本方案。<b>不是标签</b>', docNo: '云教发〔2024〕8号', category: 'gzxx' });
  await insertRecord(db, { orgId, title: '凤凰山森林防火草稿', status: 'draft', body: '凤凰山森林防火' });

  const r = await c.get('/xxgk/search?q=' + encodeURIComponent('凤凰山森林'));
  assert.equal(r.status, 200);
  assert.match(r.text, /<label for="f-q">检索词/);
  assert.match(r.text, /共找到 <strong>1<\/strong> 条信息/);
  assert.match(r.text, /<mark>凤凰山森林<\/mark>/);
  assert.ok(!r.text.includes('方案<script>') && r.text.includes('方案&lt;script'), 'titles are escaped');
  assert.ok(!r.text.includes('<b>不是标签</b>'), 'snippets are escaped');
  assert.ok(!r.text.includes('草稿'), 'drafts never appear');
  assert.ok(r.text.includes(`href="/xxgk/${a.id}"`));

  // Traditional query.
  const tw = await c.get('/xxgk/search?q=' + encodeURIComponent('鳳凰山森林防火'));
  assert.ok(tw.text.includes(`href="/xxgk/${a.id}"`));

  // Exact 文号 and 索引号 → 303 to the record.
  for (const v of ['云教发[2024]8号', a.indexNo]) {
    const e = await c.get('/xxgk/search?q=' + encodeURIComponent(v));
    assert.equal(e.status, 303, v);
    assert.equal(e.location, `/xxgk/${a.id}`);
  }

  const none = await c.get('/xxgk/search?q=' + encodeURIComponent('不存在的词语组合甲乙丙'));
  assert.equal(none.status, 200);
  assert.match(none.text, /没有找到符合条件的信息/);
  assert.match(none.text, /检索建议/);

  for (const junk of ['!!!', '%27%20OR%201%3D1', 'a'.repeat(5000), encodeURIComponent('政'.repeat(1000)), '&q=x&q=y', '', '%E4%B8']) {
    const j = await c.get('/xxgk/search?q=' + junk + '&org=abc&year=99999&category=<x>&order=zzz&page=-1');
    assert.ok(j.status === 200 || j.status === 400, `${junk.slice(0, 20)} → ${j.status}`);
  }
  // 5,000 characters: too long for a search, answered with a message.
  for (const long of ['a'.repeat(5000), encodeURIComponent('政'.repeat(1000))]) {
    const r2 = await c.get('/xxgk/search?q=' + long);
    assert.equal(r2.status, 200);
    assert.match(r2.text, /检索词过长/);
  }
  const sym = await c.get('/xxgk/search?q=' + encodeURIComponent('！！！'));
  assert.match(sym.text, /没有可以检索的文字/);
  const empty = await c.get('/xxgk/search');
  assert.equal(empty.status, 200);
  assert.ok(!empty.text.includes('检索结果'));
});

test('JSON API: shape, filters and error codes', async () => {
  const db = s.ctx.db;
  const a = await insertRecord(db, { orgId, title: '关于白鹭洲公园开放时间调整的公告', body: '白鹭洲公园自即日起调整开放时间。', category: 'ggfw', generatedOn: '2024-07-01' });
  const r = await c.get('/api/v1/search?q=' + encodeURIComponent('白鹭洲公园'));
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  const j = JSON.parse(r.text);
  assert.equal(j.total, 1);
  assert.equal(j.page, 1);
  assert.equal(j.pageSize, 20);
  const it = j.items[0];
  assert.equal(it.id, a.id);
  assert.equal(it.url, `http://localhost:3000/xxgk/${a.id}`);
  assert.equal(it.indexNo, a.indexNo);
  assert.equal(it.title, '关于白鹭洲公园开放时间调整的公告');
  assert.equal(it.generatedOn, '2024-07-01');
  assert.match(it.publishedAt, /^\d{4}-\d{2}-\d{2}T/);
  assert.equal(it.organisation.name, '云溪县教育体育局');
  assert.deepEqual(it.category, { code: 'ggfw', label: '公共服务' });
  assert.ok(it.snippet.some((x: { text: string; mark: boolean }) => x.mark && x.text === '白鹭洲公园'));
  assert.equal(JSON.parse((await c.get('/api/v1/search?q=' + encodeURIComponent('白鹭洲') + '&category=jggk')).text).total, 0);
  assert.equal(JSON.parse((await c.get('/api/v1/search?category=ggfw&year=2024')).text).total >= 1, true);

  // One error code for bad input (validation_failed, 422), with the field named and a Chinese message.
  const errs: [string, number, string, string][] = [
    ['/api/v1/search', 422, 'validation_failed', 'q'],
    ['/api/v1/search?q=', 422, 'validation_failed', 'q'],
    ['/api/v1/search?q=' + 'a'.repeat(5000), 422, 'validation_failed', 'q'],
    ['/api/v1/search?q=' + encodeURIComponent('政'.repeat(1000)), 422, 'validation_failed', 'q'],
    ['/api/v1/search?q=' + encodeURIComponent('！！！'), 422, 'validation_failed', 'q'],
    ['/api/v1/search?q=x&org=abc', 422, 'validation_failed', 'org'],
    ['/api/v1/search?q=x&category=nope', 422, 'validation_failed', 'category'],
    ['/api/v1/search?q=x&page=0', 422, 'validation_failed', 'page'],
    ['/api/v1/search?q=x&pageSize=1000', 422, 'validation_failed', 'pageSize'],
    ['/api/v1/search?q=a&q=b', 422, 'validation_failed', 'q'],
  ];
  for (const [url, status, code, field] of errs) {
    const e = await c.get(url);
    const label = url.slice(0, 60);
    assert.equal(e.status, status, label);
    const body = JSON.parse(e.text);
    assert.equal(body.error.code, code, label);
    assert.match(body.error.fields[field], /[\u4e00-\u9fff]/, label);
    assert.ok(body.error.message, label);
  }
});

test('record page: metadata table, public body only, meta tags, attachments, interpretation links, print', async () => {
  const db = s.ctx.db;
  const policy = await insertRecord(db, {
    orgId, title: '云溪县义务教育阶段招生入学实施办法', docNo: '云教发〔2024〕21号', category: 'zcwj', docType: 'normative',
    keywords: '招生 入学 义务教育', description: '规定本县义务教育阶段招生入学的范围、程序和时间。', publisher: '云溪县教育体育局',
    body: '第一条 为规范招生入学工作，制定本办法。\n联系人张三，电话13912345678。', bodyPublic: '第一条 为规范招生入学工作，制定本办法。\n联系人张*，电话139****5678。',
  });
  const interp = await insertRecord(db, { orgId, title: '《云溪县义务教育阶段招生入学实施办法》政策解读', interpretsRecordId: policy.id, interpretationForm: 'qa', category: 'zcwj', body: '问：为什么制定本办法？' });
  await insertRecord(db, { orgId, title: '未发布的解读草稿', interpretsRecordId: policy.id, status: 'draft' });
  const att = await insertAttachment(db, policy.id, { name: '招生片区划分表.pdf', mime: 'application/pdf', kind: 'pdf', data: Buffer.from('%PDF-1.4 test'), text: '片区' });

  const r = await c.get(`/xxgk/${policy.id}`);
  assert.equal(r.status, 200);
  for (const label of ['索引号', '发布机构', '生成日期', '文号', '主题分类', '有效性', '公开时限', '关键词', '内容描述']) assert.ok(r.text.includes(`<th scope="row">${label}</th>`), label);
  assert.ok(r.text.includes(policy.indexNo));
  assert.ok(r.text.includes('云教发〔2024〕21号'));
  assert.ok(r.text.includes('联系人张*'), 'public body shown');
  assert.ok(!r.text.includes('张三') && !r.text.includes('13912345678'), 'original body never shown');
  assert.equal(meta(r.text, 'ArticleTitle'), '云溪县义务教育阶段招生入学实施办法');
  assert.equal(meta(r.text, 'ContentSource'), '云溪县教育体育局');
  assert.equal(meta(r.text, 'ColumnName'), '政策文件');
  assert.equal(meta(r.text, 'Keywords'), '招生,入学,义务教育');
  assert.equal(meta(r.text, 'Description'), '规定本县义务教育阶段招生入学的范围、程序和时间。');
  assert.match(meta(r.text, 'PubDate') ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.ok(r.text.includes(`href="/xxgk/${policy.id}/files/${att}"`));
  assert.ok(r.text.includes(`href="/xxgk/${interp.id}"`), 'links to its interpretation');
  assert.ok(!r.text.includes('未发布的解读草稿'));
  assert.ok(r.text.includes(`href="/xxgk/${policy.id}/print"`));

  const back = await c.get(`/xxgk/${interp.id}`);
  assert.ok(back.text.includes(`href="/xxgk/${policy.id}"`), 'interpretation links back');

  const p = await c.get(`/xxgk/${policy.id}/print`);
  assert.equal(p.status, 200);
  assert.match(p.text, /class="print-view"/);
  assert.ok(!p.text.includes('class="site-header"'));

  const f = await fetch(`${s.baseUrl}/xxgk/${policy.id}/files/${att}`);
  assert.equal(f.status, 200);
  assert.equal(f.headers.get('content-type'), 'application/pdf');
  assert.equal(f.headers.get('x-content-type-options'), 'nosniff');
  assert.match(f.headers.get('content-disposition') ?? '', /^attachment; filename="[^"]*"; filename\*=UTF-8''%E6%8B%9B/);
  assert.equal(Buffer.from(await f.arrayBuffer()).toString(), '%PDF-1.4 test');

  const z = await c.get('/zcjd/');
  assert.equal(z.status, 200);
  assert.ok(z.text.includes(`href="/xxgk/${interp.id}"`) && z.text.includes(`href="/xxgk/${policy.id}"`));
  assert.ok(!z.text.includes('未发布的解读草稿'));
});

test('unpublished → 404, withdrawn or expired → 410, attachments only for published records', async () => {
  const db = s.ctx.db;
  for (const status of ['draft', 'in_review', 'returned', 'withheld']) {
    const d = await insertRecord(db, { orgId, title: `状态${status}的秘密草稿`, status });
    const att = await insertAttachment(db, d.id, { name: '草稿附件.txt', text: '草稿' });
    const r = await c.get(`/xxgk/${d.id}`);
    assert.equal(r.status, 404, status);
    assert.ok(!r.text.includes('秘密草稿'), `${status}: nothing revealed`);
    assert.equal((await c.get(`/xxgk/${d.id}/print`)).status, 404);
    assert.equal((await c.get(`/xxgk/${d.id}/files/${att}`)).status, 404);
  }
  const onRequest = await insertRecord(db, { orgId, title: '依申请公开的信息', disclosure: 'on_request' });
  assert.equal((await c.get(`/xxgk/${onRequest.id}`)).status, 404);

  const w = await insertRecord(db, { orgId, title: '已撤回的通知', status: 'withdrawn', withdrawnAt: '2024-12-01T02:00:00Z', withdrawnReason: '内容已过时' });
  const wAtt = await insertAttachment(db, w.id, { name: 'w.txt', text: 'w' });
  const wr = await c.get(`/xxgk/${w.id}`);
  assert.equal(wr.status, 410);
  assert.match(wr.text, /该信息已撤回/);
  assert.match(wr.text, /内容已过时/);
  assert.equal((await c.get(`/xxgk/${w.id}/files/${wAtt}`)).status, 404);

  const e = await insertRecord(db, { orgId, title: '限时公示的名单', term: 'limited', termEnd: '2020-01-01' });
  const er = await c.get(`/xxgk/${e.id}`);
  assert.equal(er.status, 410);
  assert.match(er.text, /已超过公开时限/);

  const ok = await insertRecord(db, { orgId, title: '公开的信息' });
  const okAtt = await insertAttachment(db, ok.id, { name: 'a.txt', text: 'a' });
  assert.equal((await c.get(`/xxgk/${ok.id}/files/${okAtt}`)).status, 200);
  assert.equal((await c.get(`/xxgk/${w.id}/files/${okAtt}`)).status, 404, 'attachment of another record');
  for (const bad of ['/xxgk/abc', '/xxgk/99999999999', '/xxgk/0', '/xxgk/999999', `/xxgk/${ok.id}/files/abc`, `/xxgk/${ok.id}/files/99999999999`]) {
    assert.equal((await c.get(bad)).status, 404, bad);
  }
});

test('a year column (its own query plan): only that year of 生成日期, newest publication first, paged to the end', async () => {
  const db = s.ctx.db;
  const mk = (title: string, generatedOn: string, publishedAt: string) => insertRecord(db, { orgId, title, category: 'ghjh', generatedOn, publishedAt });
  const older = await mk('二〇一一年规划甲', '2011-02-01', '2011-03-01T02:00:00Z');
  const newest = await mk('二〇一一年规划乙', '2011-06-01', '2019-05-01T02:00:00Z');
  const middle = await mk('二〇一一年规划丙', '2011-12-31', '2012-01-05T02:00:00Z');
  await mk('二〇一二年规划丁', '2012-01-01', '2012-01-02T02:00:00Z');
  await insertRecord(db, { orgId, title: '二〇一一年草稿戊', category: 'ghjh', generatedOn: '2011-05-01', status: 'draft' });
  const today = '2026-12-08';
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
  assert.deepEqual(ids(await listPublishedPage(db, today, { year: 2011, category: 'ghjh' }, { limit: 20, offset: 0 })), [newest.id, middle.id, older.id]);
  assert.deepEqual(ids(await listPublishedPage(db, today, { year: 2011, category: 'ghjh' }, { limit: 2, offset: 2 })), [older.id]);
  const page = await listPublishedPage(db, today, { year: 2011, category: 'ghjh' }, { limit: 1, offset: 0 });
  assert.equal(page[0]!.title, '二〇一一年规划乙');
  assert.ok(page[0]!.orgName, 'the organisation is joined');
});

test('listings: 法定主动公开内容 by category, organisation and year; home page latest', async () => {
  const db = s.ctx.db;
  const a = await insertRecord(db, { orgId, title: '人事任免信息公示甲', category: 'rsxx', generatedOn: '2023-03-01' });
  const hidden = await insertRecord(db, { orgId, title: '人事任免草稿乙', category: 'rsxx', status: 'draft' });
  const ov = await c.get('/xxgk/fdzdgknr/');
  assert.equal(ov.status, 200);
  assert.ok(ov.text.includes(`href="/xxgk/${a.id}"`));
  assert.ok(ov.text.includes('href="/xxgk/fdzdgknr/?category=rsxx"'));
  assert.ok(!ov.text.includes(`href="/xxgk/${hidden.id}"`));
  const l = await c.get(`/xxgk/fdzdgknr/?category=rsxx&org=${orgId}&year=2023`);
  assert.equal(l.status, 200);
  assert.ok(l.text.includes(`href="/xxgk/${a.id}"`));
  assert.ok(!l.text.includes('人事任免草稿乙'));
  assert.ok(!(await c.get('/xxgk/fdzdgknr/?category=rsxx&year=2022')).text.includes(`href="/xxgk/${a.id}"`));
  for (const junk of ['?category=<x>', '?org=abc', '?year=abcd', '?page=999999', '?page=-3', '?all=1']) {
    assert.equal((await c.get('/xxgk/fdzdgknr/' + junk)).status, 200, junk);
  }
  const home = await c.get('/');
  assert.match(home.text, /最新公开信息/);
  assert.ok(home.text.includes('href="/xxgk/'));
});

test('RSS, Atom and sitemap.xml: well-formed, absolute URLs, nothing unpublished', async () => {
  const db = s.ctx.db;
  const a = await insertRecord(db, { orgId, title: '关于“春风行动”招聘会的通知 & <公告>', description: '时间：3月1日 & 地点 <广场>' });
  const d = await insertRecord(db, { orgId, title: '不应出现在订阅中的草稿', status: 'draft' });
  const rss = await fetch(`${s.baseUrl}/xxgk/rss.xml`);
  assert.match(rss.headers.get('content-type') ?? '', /application\/rss\+xml/);
  const rssText = await rss.text();
  assertWellFormedXml(rssText, 'rss');
  assert.ok(rssText.includes(`<link>http://localhost:3000/xxgk/${a.id}</link>`));
  assert.ok(rssText.includes('&amp; &lt;公告&gt;'));
  assert.ok(!rssText.includes('不应出现') && !rssText.includes(`/xxgk/${d.id}<`));

  const atom = await (await fetch(`${s.baseUrl}/xxgk/atom.xml`)).text();
  assertWellFormedXml(atom, 'atom');
  assert.ok(atom.includes(`href="http://localhost:3000/xxgk/${a.id}"`));
  assert.ok(!atom.includes('不应出现'));

  const sm = await fetch(`${s.baseUrl}/sitemap.xml`);
  assert.match(sm.headers.get('content-type') ?? '', /application\/xml/);
  const smText = await sm.text();
  assertWellFormedXml(smText, 'sitemap');
  assert.ok(smText.includes(`<loc>http://localhost:3000/xxgk/${a.id}</loc><lastmod>`));
  assert.ok(smText.includes('<loc>http://localhost:3000/xxgk/fdzdgknr/</loc>'));
  assert.ok(!smText.includes(`/xxgk/${d.id}<`));
});

test('a 5,000-character Chinese query reaches the search page and is refused there in Chinese', async () => {
  const r = await fetch(s.baseUrl + '/xxgk/search?q=' + encodeURIComponent('政'.repeat(5000)));
  assert.equal(r.status, 200);
  assert.match(await r.text(), /过长/);
});

test('an attachment masked in review is downloaded as its masked text, never the original bytes', async () => {
  const db = s.ctx.db;
  const rec = await insertRecord(db, { orgId, title: '关于公布樟树湾片区安置名单的公告', category: 'gzxx', body: '名单见附件。' });
  const att = await insertAttachment(db, rec.id, {
    name: '安置名单.docx', kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    data: Buffer.from('PK original bytes with 13912345678'), text: '王五 13912345678', textPublic: '王* 139****5678',
  });
  const r = await fetch(`${s.baseUrl}/xxgk/${rec.id}/files/${att}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
  assert.match(decodeURIComponent(r.headers.get('content-disposition') ?? ''), /安置名单（公开版，纯文本）\.txt/);
  const body = await r.text();
  assert.ok(body.includes('139****5678'));
  assert.ok(!body.includes('13912345678'));
});

test('a long column: the count and the last page are right, kept until the next change, and follow publish, withdraw and expiry', async () => {
  const db = s.ctx.db;
  const ids: number[] = [];
  // 41 records: 3 pages of 20; the oldest (published first) is alone on the last page.
  for (let i = 0; i < 41; i++) {
    ids.push((await insertRecord(db, { orgId, title: `财政预算执行情况第${i + 1}期`, category: 'czxx', publishedAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() })).id);
  }
  await insertRecord(db, { orgId, title: '财政草稿', category: 'czxx', status: 'draft' });
  publicPagesChanged();
  const col = (q = '') => c.get(`/xxgk/fdzdgknr/?category=czxx${q}`);
  const first = await col();
  assert.match(first.text, /共 <strong>41<\/strong> 条信息，当前第 1 页，共 3 页/);
  assert.ok(first.text.includes(`href="/xxgk/${ids[40]}"`), 'newest first');
  const last = await col('&page=3');
  assert.match(last.text, /共 <strong>41<\/strong> 条信息，当前第 3 页，共 3 页/);
  assert.ok(last.text.includes(`href="/xxgk/${ids[0]}"`), 'the oldest on the last page');
  assert.ok(!last.text.includes(`href="/xxgk/${ids[1]}"`), 'alone there');
  assert.match((await col('&page=99')).text, /当前第 3 页，共 3 页/, 'past the end: the last page');

  // A record published behind the platform's back (no publicPagesChanged): the kept count stands.
  const sneaked = await insertRecord(db, { orgId, title: '财政预算执行情况补充', category: 'czxx', status: 'draft' });
  await col('&page=2');
  await db.execute(sql`update catalog_records set status = 'published', published_at = ${new Date(Date.UTC(2025, 0, 2)).toISOString()} where id = ${sneaked.id}`);
  assert.match((await col('&page=2&_n=1')).text, /共 <strong>41<\/strong> 条/, 'the count is kept, not recounted per render');
  // The change signal drops it: 42 records, the last page now holds two.
  publicPagesChanged();
  const after = await col('&page=3');
  assert.match(after.text, /共 <strong>42<\/strong> 条信息，当前第 3 页，共 3 页/);
  assert.ok(after.text.includes(`href="/xxgk/${ids[0]}"`) && after.text.includes(`href="/xxgk/${ids[1]}"`));
  assert.ok((await col()).text.includes(`href="/xxgk/${sneaked.id}"`));

  // Withdrawn (the use case signals the change): back to 41.
  await db.execute(sql`update catalog_records set withdrawn_at = now(), withdrawn_reason = '测试撤回' where id = ${sneaked.id}`);
  publicPagesChanged();
  assert.match((await col()).text, /共 <strong>41<\/strong> 条/);

  // A 公开期限 that ends today counts today and not tomorrow (the Beijing date is part of the key).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await insertRecord(db, { orgId, title: '限期公开的财政信息', category: 'czxx', term: 'limited', termEnd: today, publishedAt: new Date(Date.UTC(2025, 0, 3)).toISOString() });
  publicPagesChanged();
  assert.match((await col()).text, /共 <strong>42<\/strong> 条/);
  const realNow = s.ctx.now;
  try {
    s.ctx.now = () => new Date(Date.now() + 86_400_000);
    assert.match((await col('&_n=2')).text, /共 <strong>41<\/strong> 条/, 'expired at midnight without any change');
  } finally {
    s.ctx.now = realNow;
  }
});
