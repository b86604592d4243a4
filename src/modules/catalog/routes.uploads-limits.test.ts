// Security regression: one clerk upload must not take the server down. Zip bombs (.docx whose
// document.xml inflates to 190 MiB; the same with a patched central directory; an .xlsx with a
// worksheet of millions of cells) are refused in Chinese within seconds through the real routes,
// the process does not balloon, and /healthz keeps answering while they are parsed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client, type Res } from '../../../test/support/http.ts';
import { declareSmall, docxBomb, docxLarge, xlsxHuge } from '../../platform/files/bombs.ts';
import { makeDocx } from '../../platform/files/fixtures.ts';
import { SANDBOX, closeSandbox } from '../../platform/files/index.ts';

let s: TestServer;
let cbr: Client;
let orgId = 0;
let bomb190: Buffer;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  cbr = new Client(s.baseUrl);
  await cbr.login('cbr', s.password('cbr'));
  const r = await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`);
  orgId = r.rows[0].id;
  bomb190 = await docxBomb(190);
});
after(() => s.close());

async function postMultipart(c: Client, path: string, fields: Record<string, string>, file: { name: string; content: Buffer }): Promise<Res> {
  const boundary = '----gk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: c.csrf, ...fields })) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return c.request('POST', path, { body: Buffer.concat(parts) as unknown as string, type: `multipart/form-data; boundary=${boundary}` });
}

/** Runs `work` while polling /healthz every 100 ms; reports the slowest answer and the RSS peak. */
async function whileServing(work: () => Promise<Res>): Promise<{ res: Res; ms: number; health: number[]; slowest: number; rssGrowthMb: number }> {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const health: number[] = [];
  let slowest = 0;
  let stop = false;
  const poll = (async () => {
    while (!stop) {
      const t = performance.now();
      const r = await fetch(`${s.baseUrl}/healthz`);
      await r.text();
      health.push(r.status);
      slowest = Math.max(slowest, performance.now() - t);
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  })();
  const t0 = performance.now();
  const res = await work();
  const ms = performance.now() - t0;
  stop = true;
  await poll;
  return { res, ms, health, slowest, rssGrowthMb: (peak - rss0) / 1048576 };
}

test('a .docx whose document.xml inflates to 190 MiB is refused in Chinese within seconds; the server keeps serving', async () => {
  const bomb = bomb190;
  assert.ok(bomb.length < 1024 * 1024, `bomb is ${bomb.length} bytes`);
  await cbr.get('/admin/catalog/new?from=upload');
  const r = await whileServing(() => postMultipart(cbr, '/admin/catalog/upload', {}, { name: '通知.docx', content: bomb }));
  assert.equal(r.res.status, 413, r.res.text.slice(0, 500));
  assert.match(r.res.text, /系统已停止解析/);
  assert.ok(r.ms < 15_000, `refused after ${r.ms} ms`);
  assert.ok(r.health.length > 0 && r.health.every((x) => x === 200), `healthz: ${r.health.join(',')}`);
  assert.ok(r.slowest < 2000, `slowest /healthz ${r.slowest} ms`);
  assert.ok(r.rssGrowthMb < 300, `RSS grew ${r.rssGrowthMb} MB`);
});

test('declared sizes are not trusted: the same bomb with a central directory saying 1,000 bytes is refused', async () => {
  const bomb = declareSmall(bomb190);
  await cbr.get('/admin/catalog/new?from=upload');
  const r = await whileServing(() => postMultipart(cbr, '/admin/catalog/upload', {}, { name: '通知.docx', content: bomb }));
  assert.equal(r.res.status, 413, r.res.text.slice(0, 500));
  assert.match(r.res.text, /系统已停止解析/);
  assert.ok(r.ms < 15_000, `refused after ${r.ms} ms`);
  assert.ok(r.rssGrowthMb < 300, `RSS grew ${r.rssGrowthMb} MB`);
});

test('an .xlsx import with a worksheet of millions of cells is refused; the form comes back', async () => {
  const xlsx = await xlsxHuge(60);
  assert.ok(xlsx.length < 20 * 1024 * 1024);
  await cbr.get('/admin/catalog/import');
  const r = await whileServing(() => postMultipart(cbr, '/admin/catalog/import', { orgId: String(orgId) }, { name: '目录.xlsx', content: xlsx }));
  assert.equal(r.res.status, 413, r.res.text.slice(0, 500));
  assert.match(r.res.text, /工作表|部件解压后超过 16 MB 的上限/);
  assert.match(r.res.text, /导入/);
  assert.ok(r.ms < 15_000, `refused after ${r.ms} ms`);
  assert.ok(r.health.every((x) => x === 200));
  assert.ok(r.rssGrowthMb < 300, `RSS grew ${r.rssGrowthMb} MB`);
});

test('a parse that exceeds the worker heap ends with its worker: Chinese refusal, server up, next upload works', async () => {
  const heap = SANDBOX.heapMb;
  SANDBOX.heapMb = 64;
  await closeSandbox(); // new workers get the small heap
  try {
    const large = await docxLarge(24);
    await cbr.get('/admin/catalog/new?from=upload');
    const r = await whileServing(() => postMultipart(cbr, '/admin/catalog/upload', {}, { name: '大文件.docx', content: large }));
    assert.ok(r.res.status === 413 || r.res.status === 422, `status ${r.res.status}`);
    assert.match(r.res.text, /内存超过上限|处理超时/);
    assert.ok(r.health.every((x) => x === 200));
  } finally {
    SANDBOX.heapMb = heap;
    await closeSandbox();
  }
  assert.equal((await fetch(`${s.baseUrl}/healthz`)).status, 200);
  const ok = await makeDocx({ title: '云溪县教育体育局关于做好暑期安全工作的通知', body: ['各中小学校：现将有关事项通知如下。'] });
  await cbr.get('/admin/catalog/new?from=upload');
  const good = await postMultipart(cbr, '/admin/catalog/upload', {}, { name: '通知.docx', content: ok });
  assert.equal(good.status, 200, good.text.slice(0, 500));
  assert.match(good.text, /已从文件中提取/);
});

test('many uploads at once are queued or refused as busy, never a 500', async () => {
  const bomb = bomb190;
  await cbr.get('/admin/catalog/new?from=upload');
  const all = await Promise.all(Array.from({ length: 6 }, () => postMultipart(cbr, '/admin/catalog/upload', {}, { name: 'x.docx', content: bomb })));
  for (const r of all) assert.ok(r.status === 413 || r.status === 503, `status ${r.status}`);
});
