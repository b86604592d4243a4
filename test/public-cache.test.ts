// Public pages on a real server: cacheable (no cookie, Cache-Control public, ETag, 304), kept per
// 简/繁 and 长者模式, dropped at once when a record is published or withdrawn or an organisation
// changes, and re-rendered after midnight (Beijing) when a record expires. Forms and the back office
// keep no-store and their CSRF cookie.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './support/server.ts';
import { Client } from './support/http.ts';
import { insertRecord } from './support/catalog-public.ts';
import * as authRepo from '../src/modules/auth/repo.ts';
import { listOrgs } from '../src/modules/org/repo.ts';
import { updateOrg } from '../src/modules/org/use-cases.ts';
import { createRecord } from '../src/modules/catalog/use-cases/createRecord.ts';
import type { Caller } from '../src/modules/catalog/use-cases/shared.ts';
import * as review from '../src/modules/review/use-cases.ts';
import { reviewRecord, submitRecord, withdrawRecord, SUBJECT } from '../src/modules/catalog/workflow/use-cases.ts';

let s: TestServer;
const u: Record<string, Caller> = {};
let eduId: number;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  for (const n of ['cbr', 'shr', 'bmsc', 'sfr', 'gkb', 'admin']) {
    const x = await authRepo.findUserByUsername(s.ctx.db, n);
    if (x) u[n] = { user: await authRepo.toPrincipal(s.ctx.db, x, 'session'), ip: '127.0.0.1' };
  }
  eduId = (await listOrgs(s.ctx.db)).find((o) => o.name === '云溪县教育体育局')!.id;
});
after(() => s.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(s.baseUrl + path, { headers, redirect: 'manual' });

test('a record page: no cookie, Cache-Control public, ETag and Last-Modified; 304 on revalidation', async () => {
  const { id } = await insertRecord(s.ctx.db, { title: '云溪县缓存测试信息一' });
  const r = await get(`/xxgk/${id}`);
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /云溪县缓存测试信息一/);
  assert.deepEqual(r.headers.getSetCookie(), []);
  assert.equal(r.headers.get('cache-control'), 'public, max-age=60');
  assert.equal(r.headers.get('vary'), 'Cookie');
  const etag = r.headers.get('etag')!;
  const lastModified = r.headers.get('last-modified')!;
  assert.match(etag, /^"[\w-]+"$/);
  assert.ok(Number.isFinite(Date.parse(lastModified)));
  // The security headers stay on cached answers.
  assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'/);

  const again = await get(`/xxgk/${id}`);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal(await again.text(), html);
  assert.match(again.headers.get('content-security-policy') ?? '', /default-src 'self'/);

  const inm = await get(`/xxgk/${id}`, { 'if-none-match': etag });
  assert.equal(inm.status, 304);
  assert.equal(await inm.text(), '');
  assert.equal(inm.headers.get('etag'), etag);
  assert.equal(inm.headers.get('cache-control'), 'public, max-age=60');
  assert.equal((await get(`/xxgk/${id}`, { 'if-modified-since': lastModified })).status, 304);
  assert.equal((await get(`/xxgk/${id}`, { 'if-none-match': '"something-else"' })).status, 200);
  // HEAD answers from the same entry.
  const head = await fetch(`${s.baseUrl}/xxgk/${id}`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('etag'), etag);
});

test('the home page, a column page, the guide, contact and the search page are cacheable too', async () => {
  for (const p of ['/', '/xxgk/', '/xxgk/fdzdgknr/?category=gzxx', '/xxgk/zn/', '/contact', `/xxgk/search?q=${encodeURIComponent('教育')}`, '/news/', '/zcjd/']) {
    const r = await get(p);
    assert.equal(r.status, 200, p);
    assert.deepEqual(r.headers.getSetCookie(), [], p);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=60', p);
    assert.ok(r.headers.get('etag'), p);
    assert.doesNotMatch(await r.text(), /name="_csrf"/, p);
  }
});

test('繁体 and 长者模式 are separate entries; the record page is cached (a silent database edit is not seen)', async () => {
  const { id } = await insertRecord(s.ctx.db, { title: '云溪县缓存测试信息二' });
  const cn = await get(`/xxgk/${id}`);
  const cnHtml = await cn.text();
  const tw = await get(`/xxgk/${id}`, { cookie: 'gk_variant=tw' });
  const twHtml = await tw.text();
  assert.match(twHtml, /lang="zh-TW"/);
  assert.match(twHtml, /雲溪縣/);
  assert.notEqual(tw.headers.get('etag'), cn.headers.get('etag'));
  const elder = await get(`/xxgk/${id}`, { cookie: 'gk_elder=1' });
  assert.match(await elder.text(), /<body class="[^"]*elder/);
  // A change that bypasses the use cases is not seen until the entry expires: the page really is cached.
  await s.ctx.db.execute(sql`update catalog_records set title_public = '云溪县缓存测试信息二（改）' where id = ${id}`);
  assert.equal(await (await get(`/xxgk/${id}`)).text(), cnHtml);
  assert.equal(await (await get(`/xxgk/${id}`, { cookie: 'gk_variant=tw; gk_csrf=abc' })).text(), twHtml);
});

async function publishThroughReview(title: string): Promise<number> {
  const created = await createRecord(s.ctx, u.cbr, { orgId: eduId, form: { title, generatedOn: '2024-06-11', category: 'gzxx', keywords: '缓存 测试', body: '各学校：现将有关事项通知如下。' } });
  assert.ok(created.ok, JSON.stringify(created));
  const id = created.ok ? created.id : 0;
  const sub = await submitRecord(s.ctx, u.cbr, id);
  assert.ok(sub.ok, JSON.stringify(sub));
  const secrecy = { disclosure: 'active', basis: '《中华人民共和国保守国家秘密法》及本县保密事项范围' };
  for (const who of ['shr', 'bmsc', 'sfr']) {
    const step = (await review.latestInstance(s.ctx.db, SUBJECT, id))!.currentStep;
    const r = await reviewRecord(s.ctx, u[who], id, { conclusion: 'pass', opinion: '同意', expectedStep: step, secrecy: who === 'bmsc' ? secrecy : undefined });
    assert.ok(r.ok, `${who}: ${JSON.stringify(r)}`);
  }
  return id;
}

test('publication and withdrawal show at once on the home page, the column list, the search page and the record page', async () => {
  const pages = ['/', '/xxgk/fdzdgknr/?category=gzxx', `/xxgk/search?q=${encodeURIComponent('缓存发布测试')}&order=date`];
  for (const p of pages) await get(p); // cached before the change
  const title = '云溪县教育体育局关于缓存发布测试的通知';
  const id = await publishThroughReview(title);
  for (const p of pages) assert.match(await (await get(p)).text(), new RegExp(title), `after publication: ${p}`);
  const page = await get(`/xxgk/${id}`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), new RegExp(title));

  const w = await withdrawRecord(s.ctx, u.gkb, id, '内容已调整，撤回原信息。');
  assert.ok(w.ok, JSON.stringify(w));
  const gone = await get(`/xxgk/${id}`);
  assert.equal(gone.status, 410);
  assert.match(gone.headers.get('cache-control') ?? '', /no-store/);
  for (const p of pages) assert.doesNotMatch(await (await get(p)).text(), new RegExp(title), `after withdrawal: ${p}`);
});

test('an organisation edit shows at once on the guide and the home page', async () => {
  const before = await (await get('/xxgk/zn/')).text();
  const org = (await listOrgs(s.ctx.db)).find((o) => o.id === eduId)!;
  assert.match(before, /云溪县教育体育局/);
  await get('/');
  const keys = ['parentId', 'name', 'shortName', 'kind', 'regionCode', 'orgCode', 'address', 'postcode', 'phone', 'fax', 'email', 'officeHours', 'sort'] as const;
  const form = Object.fromEntries(keys.map((k) => [k, org[k] === null || org[k] === undefined ? '' : String(org[k])]));
  const r = await updateOrg(s.ctx.db, u.admin, eduId, { ...form, name: '云溪县教育和体育局' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.match(await (await get('/xxgk/zn/')).text(), /云溪县教育和体育局/);
  assert.match(await (await get('/')).text(), /云溪县教育和体育局/);
});

test('a record that expires at midnight (Beijing) answers 410 from midnight, whatever was cached', async () => {
  const realNow = s.ctx.now;
  try {
    s.ctx.now = () => new Date('2030-06-30T15:59:00Z'); // 23:59 in Beijing
    const { id } = await insertRecord(s.ctx.db, { title: '云溪县限期公开测试信息', term: 'limited', termEnd: '2030-06-30' });
    assert.equal((await get(`/xxgk/${id}`)).status, 200);
    assert.equal((await get(`/xxgk/${id}`)).status, 200);
    s.ctx.now = () => new Date('2030-06-30T16:00:30Z'); // 00:00:30 on 1 July in Beijing, with TZ=UTC 30 June
    assert.equal((await get(`/xxgk/${id}`)).status, 410);
  } finally {
    s.ctx.now = realNow;
  }
});

test('forms keep no-store and their CSRF cookie: the application form, sign-in, and the back office', async () => {
  const apply = await get('/ysqgk/apply');
  assert.equal(apply.status, 200);
  assert.match(apply.headers.get('cache-control') ?? '', /no-store/);
  assert.ok(apply.headers.getSetCookie().some((c) => c.startsWith('gk_csrf=')));
  assert.equal(apply.headers.get('etag'), null);
  assert.match(await apply.text(), /name="_csrf" value="[^"]+"/);

  // The token it issued is accepted (the form comes back with its messages), a post without it is refused.
  const c = new Client(s.baseUrl);
  await c.get('/ysqgk/apply');
  const posted = await c.post('/ysqgk/apply', { name: '' });
  assert.equal(posted.status, 422);
  const anon = new Client(s.baseUrl);
  assert.equal((await anon.post('/ysqgk/apply', { name: '' }, { csrf: false })).status, 403);

  const login = await get('/login');
  assert.match(login.headers.get('cache-control') ?? '', /no-store/);
  assert.ok(login.headers.getSetCookie().some((x) => x.startsWith('gk_csrf=')));

  const staff = new Client(s.baseUrl);
  await staff.login('admin', s.password('admin'));
  const admin = await staff.get('/admin/');
  assert.equal(admin.status, 200);
  assert.match(admin.headers.get('cache-control') ?? '', /no-store/);
  assert.equal(admin.headers.get('etag'), null);
  // Signed in, a public page is the user's own: never marked public.
  const home = await staff.get('/');
  assert.equal(home.status, 200);
  assert.match(home.headers.get('cache-control') ?? '', /no-store/);
  assert.equal(home.headers.get('etag'), null);
});
