import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client, type Res } from '../../../test/support/http.ts';
import { HEADERS } from './csv.ts';
import { makeDocx } from '../../platform/files/fixtures.ts';

let s: TestServer;
let cbr: Client;
let gkb: Client;
const org: Record<string, number> = {};

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  cbr = new Client(s.baseUrl);
  gkb = new Client(s.baseUrl);
  await cbr.login('cbr', s.password('cbr'));
  await gkb.login('gkb', s.password('gkb'));
  const r = await s.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = o.id;
});
after(() => s.close());

function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

const form = (patch: Record<string, string> = {}) => ({
  orgId: String(org['县教体局']), title: '云溪县教育体育局关于开展课后服务质量提升行动的通知', docNo: '云教体发[2024]30号',
  generatedOn: today(), category: 'gzxx', keywords: '课后服务 质量提升', disclosure: 'active', term: 'long', timeLimit: 'art26',
  docType: 'other', validity: 'valid', body: '各中小学校：为提升义务教育学校课后服务质量，现将有关事项通知如下。', _action: 'save', ...patch,
});

/** A multipart form with text fields and one text file (enough for CSV and TXT uploads). */
async function postMultipart(c: Client, path: string, fields: Record<string, string>, file: { name: string; content: string | Buffer }): Promise<Res> {
  const boundary = '----gk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: c.csrf, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return c.request('POST', path, { body: Buffer.concat(parts) as unknown as string, type: `multipart/form-data; boundary=${boundary}` });
}

let recordId = 0;

test('clerk creates a record in 县教体局: 303 to the detail page with its 索引号', async () => {
  const page = await cbr.get('/admin/catalog/new');
  assert.equal(page.status, 200);
  assert.match(page.text, /<legend>基本信息<\/legend>/);
  assert.match(page.text, /云溪县教育体育局/);
  assert.doesNotMatch(page.text, /<option value="\d+"[^>]*>云溪县财政局/, 'only organisations the clerk drafts for');
  const r = await cbr.post('/admin/catalog', form());
  assert.equal(r.status, 303, r.text.slice(0, 500));
  recordId = Number(/\/admin\/catalog\/(\d+)/.exec(r.location ?? '')?.[1]);
  const d = await cbr.get(r.location!);
  assert.equal(d.status, 200);
  assert.match(d.text, /公开信息已保存为草稿/);
  assert.match(d.text, /云教体发〔2024〕30号/);
  assert.match(d.text, new RegExp(`/${today().slice(0, 4)}-00001`));
  assert.match(d.text, /操作记录/);
});

test('clerk cannot create in another department (403); bad input keeps values (422)', async () => {
  await cbr.get('/admin/catalog/new');
  const denied = await cbr.post('/admin/catalog', form({ orgId: String(org['县财政局']) }));
  assert.equal(denied.status, 403);
  await cbr.get('/admin/catalog/new');
  const bad = await cbr.post('/admin/catalog', form({ docNo: '云教体发2024年30', keywords: '课后服务 义务教育学校课后服务质量提升', generatedOn: '2999-01-01' }));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /value="云教体发2024年30"/);
  assert.match(bad.text, /关键词“义务教育学校课后服务质量提升”/);
  assert.match(bad.text, /生成日期/);
  assert.match(bad.text, /云溪县教育体育局关于开展课后服务质量提升行动的通知/);
  const junk = await cbr.post('/admin/catalog', { orgId: 'abc', title: ['a', 'b'] as unknown as string });
  assert.equal(junk.status, 422);
});

test('生成建议 fills in suggested keywords and keeps every typed value', async () => {
  await cbr.get('/admin/catalog/new');
  const r = await cbr.post('/admin/catalog', form({ keywords: '', _action: 'suggest', responsibleDept: '基础教育股' }));
  assert.equal(r.status, 200);
  assert.match(r.text, /建议关键词/);
  assert.match(r.text, /value="基础教育股"/);
  assert.match(r.text, /name="keywords"[^>]*value="[^"]+"/);
});

test('lists: clerk sees own department, gkb sees all; bad ids are 404', async () => {
  await gkb.get('/admin/catalog/new');
  const g = await gkb.post('/admin/catalog', form({ orgId: String(org['县财政局']), title: '云溪县财政局关于2024年部门预算公开的说明', docNo: '', category: 'czxx' }));
  assert.equal(g.status, 303);
  const mine = await cbr.get('/admin/catalog');
  assert.equal(mine.status, 200);
  assert.match(mine.text, /课后服务质量提升行动/);
  assert.doesNotMatch(mine.text, /部门预算公开的说明/);
  const all = await gkb.get('/admin/catalog?status=draft&q=' + encodeURIComponent('预算'));
  assert.match(all.text, /部门预算公开的说明/);
  assert.doesNotMatch(all.text, /课后服务质量提升行动/);
  const other = Number(/\/admin\/catalog\/(\d+)/.exec(g.location ?? '')?.[1]);
  assert.equal((await cbr.get(`/admin/catalog/${other}`)).status, 403);
  assert.equal((await cbr.get('/admin/catalog/abc')).status, 404);
  assert.equal((await cbr.get('/admin/catalog/99999999999')).status, 404);
  assert.equal((await cbr.get('/admin/catalog?page=-1&year=abc&org=x&status=<b>')).status, 200);
  // A NUL in the search text is refused by the input guard with a Chinese message, never a 500.
  const nul = await gkb.get('/admin/catalog?q=' + encodeURIComponent('预\u0000算'));
  assert.equal(nul.status, 422);
  assert.match(nul.text, /控制字符/);
  assert.equal((await gkb.get('/admin/catalog/export?q=%00')).status, 422);
  assert.equal((await gkb.get('/admin/catalog/due')).status, 200);
});

test('edit: a stale version is refused with the differences and the user\'s values (409)', async () => {
  const e = await cbr.get(`/admin/catalog/${recordId}/edit`);
  assert.equal(e.status, 200);
  assert.match(e.text, /name="version" value="1"/);
  assert.doesNotMatch(e.text, /name="indexNo"/);
  const ok = await gkb.get(`/admin/catalog/${recordId}/edit`);
  const first = await gkb.post(`/admin/catalog/${recordId}/edit`, { ...form({ title: '政务公开办修改的标题' }), version: '1' });
  assert.equal(first.status, 303, ok.text.slice(0, 100));
  await cbr.get(`/admin/catalog/${recordId}/edit`);
  const stale = await cbr.post(`/admin/catalog/${recordId}/edit`, { ...form({ title: '承办人自己的标题' }), version: '1' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /该信息已被他人修改/);
  assert.match(stale.text, /政务公开办修改的标题/);
  assert.match(stale.text, /value="承办人自己的标题"/);
  assert.match(stale.text, /name="version" value="2"/);
  await s.ctx.db.execute(sql`update catalog_records set status = 'in_review' where id = ${recordId}`);
  assert.equal((await cbr.get(`/admin/catalog/${recordId}/edit`)).status, 409);
  await s.ctx.db.execute(sql`update catalog_records set status = 'draft' where id = ${recordId}`);
});

test('export CSV and import it back, with a bad row reported and downloadable', async () => {
  const exp = await gkb.request('GET', '/admin/catalog/export?format=csv&org=' + org['县教体局']);
  assert.equal(exp.status, 200);
  assert.match(exp.headers.get('content-type') ?? '', /text\/csv/);
  // (fetch's text() drops the BOM; the BOM itself is checked in the use-case test)
  assert.ok(exp.text.replace(/^\uFEFF/, '').startsWith('索引号,信息名称'));
  const xlsx = await gkb.request('GET', '/admin/catalog/export?format=xlsx');
  assert.equal(xlsx.status, 200);
  const bad = HEADERS.map((h) => (h === '信息名称' ? '缺少日期的行' : h === '主题分类' ? '工作信息' : h === '关键词' ? '测试' : ''));
  const csv = exp.text.replace(/^\uFEFF/, '') + bad.join(',') + '\r\n';
  await gkb.get('/admin/catalog/import');
  const r = await postMultipart(gkb, '/admin/catalog/import', { orgId: String(org['县卫健委']) }, { name: 'catalog.csv', content: csv });
  assert.equal(r.status, 200, r.text.slice(0, 2000));
  assert.match(r.text, /成功导入 1 行，1 行未导入/);
  assert.match(r.text, /请填写生成日期/);
  const data = /name="data" value="([^"]*)"/.exec(r.text)?.[1];
  assert.ok(data);
  const dl = await gkb.post('/admin/catalog/import/errors', { data: data!.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') });
  assert.equal(dl.status, 200);
  assert.match(dl.text, /缺少日期的行.*请填写生成日期/);
  // Type by content: a PNG named .csv is refused with a clear message.
  await gkb.get('/admin/catalog/import');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const wrong = await postMultipart(gkb, '/admin/catalog/import', { orgId: String(org['县卫健委']) }, { name: 'x.csv', content: png });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /文件类型不符/);
});

test('a cut-off multipart upload is a 400 with a Chinese message, not a 500', async () => {
  await cbr.get('/admin/catalog/new?from=upload');
  const body = `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${cbr.csrf}\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc`;
  const r = await cbr.request('POST', '/admin/catalog/upload', { body, type: 'multipart/form-data; boundary=xyz' });
  assert.equal(r.status, 400, r.text.slice(0, 300));
  assert.match(r.text, /上传的数据不完整/);
});

test('upload a .txt: the form comes back pre-filled; saving keeps the file as an attachment', async () => {
  await cbr.get('/admin/catalog/new?from=upload');
  const text = '云溪县教育体育局关于做好暑期学生安全教育工作的通知\n云教体发〔2024〕31号\n各中小学校：\n暑假将至，现就做好学生安全教育工作通知如下。\n云溪县教育体育局\n2024年6月3日\n';
  const r = await postMultipart(cbr, '/admin/catalog/upload', {}, { name: 'notice.txt', content: text });
  assert.equal(r.status, 200, r.text.slice(0, 1500));
  assert.match(r.text, /已从文件中提取/);
  assert.match(r.text, /value="云教体发〔2024〕31号"/);
  assert.match(r.text, /name="keywords"[^>]*value="[^"]*学生[^"]*"/, 'keywords suggested from the document');
  const token = /name="upload" value="([^"]+)"/.exec(r.text)?.[1];
  assert.ok(token);
  const title = /name="title"[^>]*value="([^"]*)"/.exec(r.text)?.[1] ?? '';
  const saved = await cbr.post('/admin/catalog', form({ upload: token!, title: title || '暑期学生安全教育', docNo: '云教体发〔2024〕31号' }));
  assert.equal(saved.status, 303, saved.text.slice(0, 800));
  const d = await cbr.get(saved.location!);
  assert.match(d.text, /notice\.txt/);
  // A forged token attaches nothing.
  await cbr.get('/admin/catalog/new');
  const forged = await cbr.post('/admin/catalog', form({ upload: token!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), title: '伪造附件的测试' }));
  assert.equal(forged.status, 303);
  assert.doesNotMatch((await cbr.get(forged.location!)).text, /notice\.txt/);
});

test('a plain-text file named .pdf is taken for what it is: saved as .txt and the clerk is told', async () => {
  await cbr.get('/admin/catalog/new?from=upload');
  const r = await postMultipart(cbr, '/admin/catalog/upload', {}, { name: '防汛通知.pdf', content: '云溪县防汛抗旱指挥部关于做好汛期值班工作的通知\n各乡镇：\n请做好汛期值班工作。\n' });
  assert.equal(r.status, 200, r.text.slice(0, 1500));
  assert.match(r.text, /文件扩展名与内容不符，已按实际内容（纯文本（\.txt））保存为“防汛通知\.txt”/);
  assert.match(r.text, /防汛通知\.txt/);
});

test('settings: only the disclosure office; preview, bad format (422), save', async () => {
  assert.equal((await cbr.get('/admin/catalog/settings')).status, 403);
  const page = await gkb.get('/admin/catalog/settings');
  assert.equal(page.status, 200);
  const prev = await gkb.post('/admin/catalog/settings', { orgId: String(org['县教体局']), format: 'JY-{orgCode}-{year}-{seq:4}', _action: 'preview' });
  assert.equal(prev.status, 200);
  assert.match(prev.text, /JY-[0-9A-Z]{18}-\d{4}-0001/);
  const bad = await gkb.post('/admin/catalog/settings', { orgId: String(org['县教体局']), format: '{year}-{seq}', _action: 'save' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /机构代码/);
  assert.match(bad.text, /value="\{year\}-\{seq\}"/);
  const ok = await gkb.post('/admin/catalog/settings', { orgId: String(org['县教体局']), format: 'JY-{orgCode}-{year}-{seq:4}', _action: 'save' });
  assert.equal(ok.status, 303);
  await cbr.get('/admin/catalog/new');
  const r = await cbr.post('/admin/catalog', form({ title: '新格式索引号的信息' }));
  assert.equal(r.status, 303);
  assert.match((await cbr.get(r.location!)).text, /JY-[0-9A-Z]{18}-\d{4}-\d{4}/);
});

test('upload a .docx: title, 文号 and date extracted; a file that is not what its name says is refused', async () => {
  const docx = await makeDocx({
    header: '云溪县教育体育局文件', docNo: '云教体发〔2024〕32号', title: '云溪县教育体育局关于印发学校食堂管理办法的通知',
    addressee: '各中小学校：', body: ['现将《云溪县学校食堂管理办法》印发给你们，请认真贯彻执行。'], signer: '云溪县教育体育局', date: '2024年6月5日',
  });
  await cbr.get('/admin/catalog/new?from=upload');
  const r = await postMultipart(cbr, '/admin/catalog/upload', {}, { name: '食堂管理办法.docx', content: docx });
  assert.equal(r.status, 200, r.text.slice(0, 1500));
  assert.match(r.text, /name="title"[^>]*value="云溪县教育体育局关于印发学校食堂管理办法的通知"/);
  assert.match(r.text, /value="云教体发〔2024〕32号"/);
  assert.match(r.text, /value="2024-06-05"/);
  await cbr.get('/admin/catalog/new?from=upload');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const wrong = await postMultipart(cbr, '/admin/catalog/upload', {}, { name: '通知.docx', content: png });
  assert.equal(wrong.status, 422);
  assert.match(wrong.text, /文件类型不符/);
});
