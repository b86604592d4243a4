// fetchFeed against a real HTTP server on 127.0.0.1: conditional GET, redirects, limits, timeouts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startFeedServer, rssOf, conditional, type FeedServer } from '../../../test/support/feed-server.ts';
import { freePort } from '../../../test/support/net.ts';
import { fetchFeed, isPrivateAddress, type FetchResult } from './fetch.ts';
import { readFeed } from './index.ts';

let srv: FeedServer;
before(async () => { srv = await startFeedServer(); });
after(() => srv.close());

const RSS = rssOf('测试源', [{ id: 'a1', title: '城关镇停水', text: '今天上午突然停水' }]);
const get = (path: string, extra: Partial<Parameters<typeof fetchFeed>[0]> = {}) => fetchFeed({ url: srv.base + path, allowPrivate: true, ...extra });
const failed = (r: FetchResult, code: string, re: RegExp) => {
  assert.equal(r.ok, false, JSON.stringify(r));
  if (!r.ok) { assert.equal(r.code, code, r.message); assert.match(r.message, re); }
};

test('private and loopback targets are refused unless allowed, by literal and by resolved name', async () => {
  srv.route('/p.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS));
  failed(await fetchFeed({ url: `${srv.base}/p.xml`, allowPrivate: false }), 'feed.private', /内网或本机地址（127\.0\.0\.1）/);
  failed(await fetchFeed({ url: `${srv.base.replace('127.0.0.1', 'localhost')}/p.xml`, allowPrivate: false }), 'feed.private', /内网或本机地址/);
  assert.equal(srv.hits.get('/p.xml') ?? 0, 0);
  const r = await fetchFeed({ url: `${srv.base}/p.xml`, allowPrivate: true });
  assert.equal(r.ok && !r.notModified && r.body.toString(), RSS);
  for (const [ip, priv] of [['10.1.2.3', true], ['172.20.0.1', true], ['192.168.1.1', true], ['169.254.169.254', true], ['100.64.0.1', true],
    ['::1', true], ['fd00::1', true], ['fe80::1', true], ['::ffff:127.0.0.1', true], ['8.8.8.8', false], ['2400:3200::1', false], ['223.5.5.5', false]] as const) {
    assert.equal(isPrivateAddress(ip), priv, ip);
  }
  failed(await fetchFeed({ url: 'ftp://example.cn/feed', allowPrivate: true }), 'feed.url', /http:\/\/ 或 https:\/\//);
  failed(await fetchFeed({ url: '不是网址', allowPrivate: true }), 'feed.url', /不是有效的网址/);
});

test('conditional GET: validators are stored from a 200 and a 304 means nothing new', async () => {
  srv.route('/c.xml', conditional(() => RSS, 'application/rss+xml', () => ({ etag: '"v1"', lastModified: 'Thu, 01 Oct 2026 00:00:00 GMT' })));
  const first = await get('/c.xml');
  assert.ok(first.ok && !first.notModified);
  if (!first.ok || first.notModified) return;
  assert.equal(first.etag, '"v1"');
  assert.equal(first.lastModified, 'Thu, 01 Oct 2026 00:00:00 GMT');
  const again = await get('/c.xml', { etag: first.etag, lastModified: first.lastModified });
  assert.deepEqual(again, { ok: true, notModified: true, url: `${srv.base}/c.xml` });
  const byDate = await get('/c.xml', { lastModified: first.lastModified });
  assert.equal(byDate.ok && byDate.notModified, true);
});

test('redirects: a chain of 3 is followed, 6 is refused, a non-http target is refused', async () => {
  for (let i = 0; i < 6; i++) srv.route(`/r${i}`, (_q, res) => res.writeHead(i % 2 ? 301 : 302, { location: `/r${i + 1}` }).end());
  srv.route('/r6', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS));
  srv.route('/s0', (_q, res) => res.writeHead(302, { location: '/s1' }).end());
  srv.route('/s1', (_q, res) => res.writeHead(307, { location: `${srv.base}/s2` }).end());
  srv.route('/s2', (_q, res) => res.writeHead(308, { location: '/r6' }).end());
  const three = await get('/s0');
  assert.equal(three.ok && !three.notModified && three.url, `${srv.base}/r6`);
  failed(await get('/r0'), 'feed.redirects', /重定向超过 5 次/);
  srv.route('/bad', (_q, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
  failed(await get('/bad'), 'feed.redirect_target', /仅支持 http 和 https/);
});

test('a 50 MB body is aborted at the 5 MB limit while streaming, with memory bounded', async () => {
  let written = 0;
  let closed = false;
  srv.route('/huge', (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    res.on('close', () => { closed = true; });
    const pump = () => {
      while (written < 50 * 1024 * 1024 && !closed) {
        written += chunk.length;
        if (!res.write(chunk)) { res.once('drain', pump); return; }
      }
      if (!closed) res.end();
    };
    pump();
  });
  srv.route('/declared', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(50 * 1024 * 1024) }).write('<rss>'));
  const heap = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  failed(await get('/huge'), 'feed.too_large', /超过 5 MB 的上限/);
  const grown = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heap;
  assert.ok(grown < 30 * 1024 * 1024, `memory grew by ${grown}`);
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(written < 20 * 1024 * 1024, `the server wrote ${written} bytes before the client hung up`);
  failed(await get('/declared'), 'feed.too_large', /5 MB/);
  // A gzip bomb is counted after decompression.
  const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
  srv.route('/bomb', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb));
  failed(await get('/bomb'), 'feed.too_large', /5 MB/);
  srv.route('/gz', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(zlib.gzipSync(RSS)));
  const gz = await get('/gz');
  assert.equal(gz.ok && !gz.notModified && gz.body.toString(), RSS);
});

test('a server that never answers times out within the deadline; refused connections and HTTP errors are said in Chinese', async () => {
  srv.route('/never', () => { /* accepts, never answers */ });
  const started = Date.now();
  failed(await get('/never', { limits: { totalTimeoutMs: 700 } }), 'feed.timeout', /0\.7 秒内没有完成响应/);
  assert.ok(Date.now() - started < 2_000);
  const port = await freePort();
  failed(await fetchFeed({ url: `http://127.0.0.1:${port}/x`, allowPrivate: true }), 'feed.connect', /无法连接订阅源服务器.*连接被拒绝/);
  srv.route('/err', (_q, res) => res.writeHead(503).end('busy'));
  failed(await get('/err'), 'feed.status', /HTTP 503（服务器内部错误或暂时不可用）/);
  failed(await get('/missing'), 'feed.status', /HTTP 404（订阅地址不存在）/);
});

test('readFeed: fetch then parse in the sandbox; a web page and broken XML are refused in Chinese', async () => {
  srv.route('/ok.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS));
  srv.route('/page', (_q, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html><body><h1>云溪县人民政府</h1></body></html>'));
  srv.route('/broken.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item><title>断了'));
  const r = await readFeed({ url: `${srv.base}/ok.xml`, allowPrivate: true });
  assert.equal(r.ok && !r.notModified && r.feed.entries[0]!.title, '城关镇停水');
  const page = await readFeed({ url: `${srv.base}/page`, allowPrivate: true });
  assert.equal(!page.ok && page.code, 'feed.html');
  assert.match(!page.ok ? page.message : '', /返回的不是订阅源（RSS\/Atom\/JSON Feed），而是网页/);
  const broken = await readFeed({ url: `${srv.base}/broken.xml`, allowPrivate: true });
  assert.equal(!broken.ok && broken.code, 'feed.xml');
});
