import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { createTestDb } from '../../../test/support/db.ts';
import { buildApp } from '../../app.ts';

let s: TestServer;
before(async () => { s = await startTestServer({ config: { COOKIE_SECURE: 'false' } }); });
after(() => s.close());

function meta(html: string, name: string): string | undefined {
  const m = new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html);
  return m?.[1];
}

function title(html: string): string | undefined {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1];
}

/** Headings start at one h1 and never skip a level. */
function assertHeadingOrder(html: string, label: string): void {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  assert.equal(levels[0], 1, `${label}: first heading is h1 (${levels.join(',')})`);
  assert.equal(levels.filter((l) => l === 1).length, 1, `${label}: exactly one h1`);
  for (let i = 1; i < levels.length; i++) {
    assert.ok(levels[i] <= levels[i - 1] + 1, `${label}: h${levels[i - 1]} → h${levels[i]} skips a level`);
  }
}

function assertSiteMeta(html: string, label: string, column: string): void {
  assert.equal(meta(html, 'SiteName'), '云溪县人民政府', `${label} SiteName`);
  assert.equal(meta(html, 'SiteDomain'), 'localhost', `${label} SiteDomain`);
  assert.match(meta(html, 'SiteIDCode') ?? '', /^[0-9A-Za-z]{10}$/, `${label} SiteIDCode`);
  assert.equal(meta(html, 'ColumnName'), column, `${label} ColumnName`);
  assert.ok(meta(html, 'Keywords'), `${label} Keywords`);
  assert.ok(meta(html, 'Description'), `${label} Description`);
  assert.match(meta(html, 'Url') ?? '', /^http:\/\/localhost:3000\//, `${label} Url`);
}

async function orgId(name: string): Promise<number> {
  const r = await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where name = ${name}`);
  return r.rows[0].id;
}

test('every public page answers 200 with its title, column meta, breadcrumb and heading order', async () => {
  const edu = await orgId('云溪县教育体育局');
  const pages: [string, string, string][] = [
    ['/', '首页', '首页'],
    ['/news/', '要闻动态', '要闻动态'],
    ['/notices/', '通知公告', '通知公告'],
    ['/xxgk/', '政府信息公开', '政府信息公开'],
    ['/xxgk/zn/', '云溪县人民政府政府信息公开指南', '政府信息公开指南'],
    [`/xxgk/zn/?org=${edu}`, '云溪县教育体育局政府信息公开指南', '政府信息公开指南'],
    ['/xxgk/zd/', '政府信息公开制度', '政府信息公开制度'],
    ['/xxgk/fdzdgknr/', '法定主动公开内容', '法定主动公开内容'],
    ['/xxgk/nb/', '政府信息公开年报', '政府信息公开年报'],
    ['/ysqgk/', '依申请公开', '依申请公开'],
    ['/accessibility', '无障碍说明', '无障碍说明'],
    ['/sitemap', '网站地图', '网站地图'],
  ];
  const c = new Client(s.baseUrl);
  for (const [path, t, column] of pages) {
    const r = await c.get(path);
    assert.equal(r.status, 200, path);
    assert.equal(title(r.text), `${t} - 云溪县人民政府`, `${path} title`);
    assertSiteMeta(r.text, path, column);
    assertHeadingOrder(r.text, path);
    assert.match(r.text, /<html lang="zh-CN"/);
    assert.doesNotMatch(r.text, /<script>|style="/, `${path}: no inline script or style`);
    if (path !== '/') assert.match(r.text, /<nav class="breadcrumb" aria-label="当前位置">/, `${path} breadcrumb`);
  }
});

test('home page lists news, notices, column entrances and active departments and towns', async () => {
  const r = await new Client(s.baseUrl).get('/');
  assert.match(r.text, /要闻动态/);
  assert.match(r.text, /县政府召开第十二次常务会议/);
  assert.match(r.text, /关于做好政府信息公开年度报告编制工作的通知/);
  for (const href of ['/xxgk/zn/', '/xxgk/zd/', '/xxgk/fdzdgknr/', '/xxgk/nb/', '/ysqgk/']) assert.ok(r.text.includes(`href="${href}"`), href);
  const edu = await orgId('云溪县教育体育局');
  assert.ok(r.text.includes(`href="/xxgk/zn/?org=${edu}"`));
  assert.match(r.text, /青石镇人民政府/);
  assert.match(r.text, /<time datetime="\d{4}-\d{2}-\d{2}">/);
});

test('article pages carry ArticleTitle, PubDate and ContentSource; bad ids give the Chinese 404', async () => {
  const c = new Client(s.baseUrl);
  const home = await c.get('/');
  const ids = [...home.text.matchAll(/href="\/news\/(\d+)"/g)].map((m) => m[1]);
  assert.ok(ids.length >= 2);
  const a = await c.get(`/news/${ids[0]}`);
  assert.equal(a.status, 200);
  assert.equal(meta(a.text, 'ArticleTitle'), '县政府召开第十二次常务会议研究部署今冬明春重点工作');
  assert.match(meta(a.text, 'PubDate') ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.equal(meta(a.text, 'ContentSource'), '云溪县人民政府');
  assert.equal(meta(a.text, 'ColumnName'), '要闻动态');
  assert.match(meta(a.text, 'Description') ?? '', /会议听取了全县经济运行情况汇报/);
  assertHeadingOrder(a.text, 'article');

  const notice = await s.ctx.db.execute<{ id: number }>(sql`select id from portal_articles where channel = 'notice' limit 1`);
  const n = await c.get(`/news/${notice.rows[0].id}`);
  assert.equal(meta(n.text, 'ColumnName'), '通知公告');

  for (const bad of ['999999', 'abc', '99999999999', '1e3', '-1', '0', '1;drop', '%E4%B8%80']) {
    const r = await c.get(`/news/${bad}`);
    assert.equal(r.status, 404, `/news/${bad}`);
    assert.match(r.text, /<html lang="zh-CN"/);
    assert.match(r.text, /页面不存在/);
    for (const href of ['/', '/xxgk/', '/sitemap']) assert.ok(r.text.includes(`href="${href}"`), `404 links to ${href}`);
  }
  const unknown = await c.get('/no-such-page');
  assert.equal(unknown.status, 404);
  assert.match(unknown.text, /网站地图/);
});

test('guide: the government by default, ?org= for a unit, 404 for junk, unknown or inactive units', async () => {
  const c = new Client(s.baseUrl);
  const gov = await c.get('/xxgk/zn/');
  for (const label of ['办公地址', '邮政编码', '办公时间', '联系电话', '传真', '电子邮箱', '第三十三条', '行政复议', '行政诉讼']) assert.match(gov.text, new RegExp(label));
  assert.match(gov.text, /0793-5120000/);
  assert.match(gov.text, /上一级人民政府申请行政复议/);
  const town = await orgId('云溪县青石镇人民政府');
  const t = await c.get(`/xxgk/zn/?org=${town}`);
  assert.match(t.text, /<h1>云溪县青石镇人民政府政府信息公开指南<\/h1>/);
  assert.match(t.text, /0793-5310001/);
  assert.match(t.text, /向云溪县人民政府申请行政复议/);
  assert.equal(meta(t.text, 'ContentSource'), '云溪县青石镇人民政府');

  const r = await s.ctx.db.execute<{ id: number }>(sql`insert into org_units (parent_id, name, kind, region_code, org_code, active)
    values (${await orgId('云溪县人民政府')}, '云溪县已撤销测试局', 'department', '361129', 'TESTINACTIVE', false) returning id`);
  const inactive = r.rows[0].id;
  for (const q of ['abc', '99999999', '99999999999', String(inactive)]) {
    const x = await c.get(`/xxgk/zn/?org=${q}`);
    assert.equal(x.status, 404, `org=${q}`);
  }
  assert.equal((await c.get('/xxgk/zn/?org=1%00')).status, 422, 'a NUL is refused by the input guard');
  assert.equal((await c.get('/xxgk/zn/?org=')).status, 200);
  assert.doesNotMatch((await c.get('/')).text, /已撤销测试局/);
  assert.doesNotMatch((await c.get('/sitemap')).text, /已撤销测试局/);
});

test('sections without the trailing slash redirect to the section', async () => {
  const c = new Client(s.baseUrl);
  const r = await c.get('/xxgk');
  assert.equal(r.status, 301);
  assert.equal(r.location, '/xxgk/');
  assert.equal((await c.get('/xxgk/zn?org=3')).location, '/xxgk/zn/?org=3');
});

test('/prefs sets year-long Lax cookies and redirects only to local paths', async () => {
  const c = new Client(s.baseUrl);
  const r = await c.get('/prefs?variant=tw&elder=2&next=%2Fxxgk%2F');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/xxgk/');
  const cookies = r.headers.getSetCookie();
  for (const name of ['gk_variant=tw', 'gk_elder=2']) {
    const ck = cookies.find((x) => x.startsWith(name));
    assert.ok(ck, name);
    assert.match(ck, /Max-Age=31536000/);
    assert.match(ck, /SameSite=Lax/i);
    assert.match(ck, /Path=\//);
  }
  for (const next of ['//evil.com', 'https://evil.com', '/\\evil.com', 'javascript:alert(1)', '']) {
    const x = await c.get(`/prefs?elder=0&next=${encodeURIComponent(next)}`);
    assert.equal(x.status, 303);
    assert.equal(x.location, '/', `next=${next}`);
  }
  assert.equal((await c.get('/prefs')).location, '/');
  // Junk values set nothing.
  const junk = await c.get('/prefs?variant=xx&elder=9&next=/');
  assert.equal(junk.headers.getSetCookie().length, 0);
});

test('繁体 converts the whole page and sets lang zh-TW; 长者模式 adds the body classes', async () => {
  const c = new Client(s.baseUrl);
  await c.get('/prefs?variant=tw');
  const tw = await c.get('/xxgk/');
  assert.match(tw.text, /<html lang="zh-TW"/);
  assert.match(tw.text, /政府信息公開/);
  assert.match(tw.text, /<title>政府信息公開 - 雲溪縣人民政府<\/title>/);
  assert.doesNotMatch(tw.text, /云溪县/);
  await c.get('/prefs?variant=cn&elder=1');
  const e1 = await c.get('/');
  assert.match(e1.text, /<html lang="zh-CN"/);
  assert.match(e1.text, /<body class="portal elder elder-1">/);
  assert.match(e1.text, /字号再大一些/);
  await c.get('/prefs?elder=2');
  assert.match((await c.get('/xxgk/zn/')).text, /<body class="portal elder elder-2">/);
  await c.get('/prefs?elder=0');
  assert.match((await c.get('/')).text, /<body class="portal">/);
});

test('/admin/ needs a session; the 工作台 shows identity, role labels and only allowed cards and nav', async () => {
  const anon = await fetch(s.baseUrl + '/admin/', { redirect: 'manual' });
  assert.equal(anon.status, 303);
  assert.equal(anon.headers.get('location'), '/login?next=%2Fadmin%2F');

  const admin = new Client(s.baseUrl);
  await admin.login('admin', s.password('admin'));
  const a = await admin.get('/admin/');
  assert.equal(a.status, 200);
  assert.match(a.text, /<title>工作台 - 云溪县人民政府政务公开管理平台<\/title>/);
  assert.match(a.text, /您好，系统管理员/);
  assert.match(a.text, /云溪县人民政府办公室/);
  assert.match(a.text, /<dd>系统管理员<\/dd>/);
  assert.match(a.text, /href="\/admin\/users"[^>]*>用户与角色</);
  assert.match(a.text, /组织机构/);
  assert.match(a.text, /<p class="num">14<\/p>/);
  assert.match(a.text, /最近操作记录/);
  assert.match(a.text, /载入演示数据/);
  assert.match(a.text, /当前为演示环境/);
  assertHeadingOrder(a.text, '/admin/');

  const cbr = new Client(s.baseUrl);
  await cbr.login('cbr', s.password('cbr'));
  const b = await cbr.get('/admin/');
  assert.equal(b.status, 200);
  assert.match(b.text, /<dd>承办人<\/dd>/);
  assert.match(b.text, /云溪县教育体育局/);
  assert.doesNotMatch(b.text, /用户与角色/);
  assert.doesNotMatch(b.text, /审计日志/);
  assert.doesNotMatch(b.text, /最近操作记录/);
  assert.doesNotMatch(b.text, /管理组织机构/);
  assert.match(b.text, /工作日历/);
  assert.equal((await cbr.get('/admin')).location, '/admin/');
});

test('工作台 warns from November when next year\'s holiday notice is not loaded', async () => {
  const c = new Client(s.baseUrl);
  await c.login('gkb', s.password('gkb'));
  const realNow = s.ctx.now;
  try {
    const cal = await s.ctx.calendar.get();
    const year = [...cal.coveredYears].sort().at(-1)!;
    s.ctx.now = () => new Date(`${year}-11-15T02:00:00Z`);
    const nov = await c.get('/admin/');
    assert.match(nov.text, new RegExp(`${year + 1}年的法定节假日安排尚未载入`));
    assert.match(nov.text, /notice-warning[^>]*>[^<]*\d{4}年的法定节假日安排尚未载入/);
    s.ctx.now = () => new Date(`${year}-06-15T02:00:00Z`);
    const jun = await c.get('/admin/');
    assert.doesNotMatch(jun.text, /尚未载入/);
    assert.match(jun.text, /badge-ok/);
  } finally {
    s.ctx.now = realNow;
  }
});

test('/healthz and /metrics still answer', async () => {
  const h = await fetch(s.baseUrl + '/healthz');
  assert.equal(h.status, 200);
  assert.deepEqual(await h.json(), { status: 'ok' });
  assert.equal(h.headers.get('cache-control'), 'no-store');
  const m = await fetch(s.baseUrl.replace('localhost', '127.0.0.1') + '/metrics');
  assert.equal(m.status, 200);
  assert.match(await m.text(), /gongkai_http_request_duration_seconds/);
});

test('a thrown error renders the Chinese 500 page without internals', async () => {
  const tdb = await createTestDb({ config: { COOKIE_SECURE: 'false' } });
  const app = await buildApp(tdb.ctx, { logger: false });
  app.get('/boom', { config: { policy: 'public' } }, async () => { throw new Error('secret internal detail at db.query'); });
  app.get('/boom-async', { config: { policy: 'public' } }, async () => { await Promise.resolve(); throw new TypeError('Cannot read properties of undefined'); });
  try {
    for (const url of ['/boom', '/boom-async']) {
      const r = await app.inject({ method: 'GET', url });
      assert.equal(r.statusCode, 500);
      assert.match(r.headers['content-type'] as string, /text\/html/);
      assert.match(r.body, /系统繁忙/);
      assert.match(r.body, /<html lang="zh-CN"/);
      assert.doesNotMatch(r.body, /secret internal detail|Cannot read properties|at [\w.]+ \(|\.ts:\d+/);
      assert.ok(r.body.includes('href="/sitemap"'));
    }
    const j = await app.inject({ method: 'GET', url: '/boom', headers: { accept: 'application/json' } });
    assert.equal(j.statusCode, 500);
    assert.equal(j.json().error.code, 'internal');
    assert.doesNotMatch(j.body, /secret internal detail/);
  } finally {
    await app.close();
    await tdb.drop();
  }
});

test('every public page has the catalogue search in its header, a plain GET form that reaches the search page', async () => {
  for (const p of ['/', '/xxgk/', '/xxgk/zn/', '/ysqgk/', '/news/', '/accessibility', '/sitemap', '/no-such-page']) {
    const r = await fetch(`${s.baseUrl}${p}`);
    const html = await r.text();
    const form = /<header class="site-header">[\s\S]*?<form class="header-search"([^>]*)>([\s\S]*?)<\/form>[\s\S]*?<\/header>/.exec(html);
    assert.ok(form, `${p}: search form in the header`);
    assert.match(form[1], /action="\/xxgk\/search"/);
    assert.match(form[1], /method="get"/);
    assert.match(form[2], /<label for="site-search-q"[^>]*>站内检索/);
    assert.match(form[2], /<input id="site-search-q" name="q" type="search"/);
  }
  const r = await fetch(`${s.baseUrl}/xxgk/search?q=%E6%8B%9B%E7%94%9F`);
  assert.equal(r.status, 200);
});

test('favicon.ico, robots.txt, 联系我们 and the footer registrations (shown only when configured)', async () => {
  const ico = await fetch(`${s.baseUrl}/favicon.ico`);
  assert.equal(ico.status, 200);
  assert.equal(ico.headers.get('content-type'), 'image/x-icon');
  const bytes = Buffer.from(await ico.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
  assert.equal(bytes.subarray(22, 26).toString('latin1'), '\x89PNG');

  const robots = await fetch(`${s.baseUrl}/robots.txt`);
  assert.equal(robots.status, 200);
  const text = await robots.text();
  assert.match(text, /^User-agent: \*$/m);
  for (const p of ['/admin/', '/api/', '/ysqgk/track']) assert.match(text, new RegExp(`^Disallow: ${p.replace(/\//g, '\\/')}$`, 'm'));
  assert.match(text, /^Sitemap: http:\/\/localhost:3000\/sitemap\.xml$/m);

  const contact = await fetch(`${s.baseUrl}/contact`);
  assert.equal(contact.status, 200);
  const html = await contact.text();
  assert.match(html, /<h1>联系我们<\/h1>/);
  assert.match(html, /联系电话/);
  assert.match(html, /<a href="\/contact">联系我们<\/a>/);
  assert.doesNotMatch(html, /ICP备|公网安备|党政机关网站标识/, 'nothing shown when not configured');

  const t = await startTestServer({ config: { COOKIE_SECURE: 'false', SITE_ICP: '赣ICP备12345678号', SITE_PSB: '赣公网安备36012102000123号', SITE_CONAC_URL: 'https://bszs.conac.cn/sitename?method=show&id=1' } });
  try {
    const home = await (await fetch(`${t.baseUrl}/`)).text();
    const footer = /<footer[\s\S]*<\/footer>/.exec(home)?.[0] ?? '';
    assert.match(footer, /赣ICP备12345678号/);
    assert.match(footer, /赣公网安备36012102000123号/);
    assert.match(footer, /href="https:\/\/bszs\.conac\.cn\/sitename\?method=show&amp;id=1"[^>]*>党政机关网站标识/);
  } finally {
    await t.close();
  }
});
