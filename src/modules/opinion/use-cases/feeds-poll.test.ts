// Polling against a real feed server on 127.0.0.1 and a real database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { startFeedServer, rssOf, atomOf, conditional, type FeedServer } from '../../../../test/support/feed-server.ts';
import { SYSTEM_ACTOR, verifyAudit } from '../../../platform/audit/index.ts';
import { findSource } from '../repo.ts';
import { createFeedSource } from './feeds-sources.ts';
import { withTx } from '../../../platform/db/index.ts';
import { enqueue } from '../../../platform/jobs/index.ts';
import { runPendingJobs } from '../../../../test/support/jobs.ts';
import { opinionPollJob } from '../feeds.job.ts';
import { nextPollAt, outcomeLine, pollDueSources, pollSourceNow, entryKey } from './feeds-poll.ts';

let t: TestDb;
let srv: FeedServer;
let clock = new Date('2026-10-01T08:00:00+08:00');
before(async () => {
  [t, srv] = await Promise.all([createTestDb({ config: { OPINION_FEED_ALLOW_PRIVATE: 'true' } }), startFeedServer()]);
  t.ctx.now = () => clock;
});
after(async () => { await srv.close(); await t.drop(); });

const minutes = (n: number) => n * 60_000;
async function itemsOf(sourceId: number): Promise<{ external_id: string; title: string; text: string; url: string | null; published_at: string }[]> {
  const r = await t.ctx.db.execute(sql`select external_id, title, text, url, published_at::text from opinion_items where source_id = ${sourceId} order by id`);
  return r.rows as never;
}
async function add(name: string, path: string, pollMinutes = 30) {
  const r = await createFeedSource(t.ctx, SYSTEM_ACTOR, { name, url: srv.base + path, mediaType: 'forum', pollMinutes, weight: 1 });
  assert.ok(r.ok);
  return r.source;
}
/** Only these sources are due: the others are pushed a day ahead. */
async function onlyDue(ids: number[]) {
  await t.ctx.db.execute(sql`update opinion_sources set next_poll_at = ${new Date(clock.getTime() + minutes(24 * 60)).toISOString()}::timestamptz`);
  await t.ctx.db.execute(sql`update opinion_sources set next_poll_at = ${clock.toISOString()}::timestamptz where id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
}

test('back-off doubles per failure and stops at a day', () => {
  const now = new Date('2026-10-01T00:00:00Z');
  assert.deepEqual([0, 1, 2, 3, 10, 60].map((f) => (nextPollAt(now, 30, f).getTime() - now.getTime()) / 60_000), [30, 60, 120, 240, 1440, 1440]);
  assert.equal(entryKey({ id: null, link: null, title: '同一标题', text: '', published: null, rawDate: 'Thu, 01 Oct 2026 08:00:00 +0800', author: null }),
    entryKey({ id: null, link: null, title: '同一标题', text: '正文不同', published: null, rawDate: 'Thu, 01 Oct 2026 08:00:00 +0800', author: null }));
});

test('RSS and Atom with Chinese items arrive; ETag and Last-Modified turn the next poll into a 304 with nothing new', async () => {
  let version = 1;
  const rssItems = () => [
    { id: 'bbs-1', title: '城关镇东片区突然停水', text: '今天上午<b>突然</b>停水，没有提前通知。', link: '/t/1', date: 'Thu, 01 Oct 2026 07:30:00 +0800', author: '网友甲' },
    { title: '学校门口交通拥堵', text: '每天放学时段拥堵严重。', link: `${srv.base}/t/2` },
    ...(version > 1 ? [{ id: 'bbs-3', title: '县医院挂号难', text: '挂号要排很久。', date: 'Thu, 01 Oct 2026 09:00:00 +0800' }] : []),
  ];
  srv.route('/rss.xml', conditional(() => rssOf('云溪论坛', rssItems()), 'application/rss+xml; charset=utf-8', () => ({ etag: `"r${version}"`, lastModified: 'Thu, 01 Oct 2026 00:00:00 GMT' })));
  srv.route('/atom.xml', (req, res) => {
    const lm = 'Wed, 30 Sep 2026 16:00:00 GMT';
    if (req.headers['if-modified-since'] === lm) { res.writeHead(304).end(); return; }
    res.writeHead(200, { 'content-type': 'application/atom+xml', 'last-modified': lm })
      .end(atomOf('县融媒体中心', [{ id: 'tag:rm,2026:9', title: '关于城区供水管网改造的说明', text: '供水管网改造期间分片停水。', link: 'https://rm.example.cn/9', date: '2026-10-01T07:00:00+08:00' }]));
  });
  const rss = await add('云溪论坛', '/rss.xml');
  const atom = await add('县融媒体中心', '/atom.xml');
  await onlyDue([rss.id, atom.id]);
  const first = await pollDueSources(t.ctx);
  assert.deepEqual(first.map(outcomeLine).sort(), ['云溪论坛：新增 2，重复 0，错误 无', '县融媒体中心：新增 1，重复 0，错误 无'].sort());
  const items = await itemsOf(rss.id);
  assert.deepEqual(items.map((i) => [i.external_id, i.title, i.text, i.url]), [
    ['bbs-1', '城关镇东片区突然停水', '今天上午突然停水，没有提前通知。', `${srv.base}/t/1`],
    [`${srv.base}/t/2`, '学校门口交通拥堵', '每天放学时段拥堵严重。', `${srv.base}/t/2`],
  ]);
  // A date in the feed is kept; none → the fetch time.
  assert.equal(new Date(items[0]!.published_at).toISOString(), '2026-09-30T23:30:00.000Z');
  assert.equal(new Date(items[1]!.published_at).toISOString(), clock.toISOString());
  const s1 = (await findSource(t.ctx.db, rss.id))!;
  assert.equal(s1.etag, '"r1"');
  assert.equal(s1.itemsFetched, 2);
  assert.equal(s1.lastSuccessAt?.toISOString(), clock.toISOString());
  assert.equal(s1.nextPollAt?.toISOString(), new Date(clock.getTime() + minutes(30)).toISOString());

  // Half an hour later both are due again: 304s, nothing new, the validators kept.
  clock = new Date(clock.getTime() + minutes(30));
  const second = await pollDueSources(t.ctx);
  assert.equal(second.length, 2);
  assert.ok(second.every((o) => o.notModified && o.added === 0 && o.error === null));
  assert.equal((await findSource(t.ctx.db, rss.id))!.etag, '"r1"');
  assert.equal((await findSource(t.ctx.db, atom.id))!.lastModified, 'Wed, 30 Sep 2026 16:00:00 GMT');

  // The feed changes: one new item, the two old ones are duplicates of the same keys.
  version = 2;
  clock = new Date(clock.getTime() + minutes(30));
  const third = await pollSourceNow(t.ctx, rss.id);
  assert.equal(outcomeLine(third!), '云溪论坛：新增 1，重复 2，错误 无');
  assert.equal((await findSource(t.ctx.db, rss.id))!.itemsFetched, 3);
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});

test('a failing phase backs off, then a success resets; HTML, broken XML and JSON Feed', async () => {
  let phase: 'down' | 'up' = 'down';
  srv.route('/flaky.json', (_q, res) => {
    if (phase === 'down') { res.writeHead(500).end('oops'); return; }
    res.writeHead(200, { 'content-type': 'application/feed+json' }).end(JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1', title: '热线',
      items: [{ id: 'rx-1', title: '夜间施工噪音', content_text: '晚上十一点还在施工。', date_published: '2026-10-01T23:10:00+08:00' }],
    }));
  });
  const flaky = await add('热线公开', '/flaky.json', 20);
  const start = clock;
  for (const [n, wait] of [[1, 40], [2, 80], [3, 160]] as const) {
    await onlyDue([flaky.id]);
    const [o] = await pollDueSources(t.ctx);
    assert.match(o!.error!, /HTTP 500（服务器内部错误或暂时不可用）/);
    const s = (await findSource(t.ctx.db, flaky.id))!;
    assert.equal(s.consecutiveFailures, n);
    assert.match(s.lastError!, /HTTP 500/);
    assert.equal(s.lastErrorAt?.toISOString(), clock.toISOString());
    assert.equal(s.nextPollAt!.getTime() - clock.getTime(), minutes(wait));
    clock = new Date(clock.getTime() + minutes(wait));
  }
  // Not due before its back-off ends.
  await t.ctx.db.execute(sql`update opinion_sources set next_poll_at = ${new Date(clock.getTime() + 1000).toISOString()}::timestamptz where id = ${flaky.id}`);
  await t.ctx.db.execute(sql`update opinion_sources set next_poll_at = ${new Date(clock.getTime() + minutes(9999)).toISOString()}::timestamptz where id <> ${flaky.id}`);
  assert.deepEqual(await pollDueSources(t.ctx), []);
  phase = 'up';
  const ok = await pollSourceNow(t.ctx, flaky.id);
  assert.equal(outcomeLine(ok!), '热线公开：新增 1，重复 0，错误 无');
  const s = (await findSource(t.ctx.db, flaky.id))!;
  assert.deepEqual([s.consecutiveFailures, s.lastError], [0, null]);
  assert.equal(s.nextPollAt!.getTime() - clock.getTime(), minutes(20));
  assert.ok(clock > start);

  srv.route('/page', (_q, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>首页</body></html>'));
  srv.route('/broken.xml', (_q, res) => res.writeHead(200, { 'content-type': 'text/xml' }).end('<rss><channel><item><title>半截'));
  const page = await add('网页不是订阅源', '/page');
  const broken = await add('格式错误的源', '/broken.xml');
  assert.equal((await pollSourceNow(t.ctx, page.id))!.error, '返回的不是订阅源（RSS/Atom/JSON Feed），而是网页。请核对订阅地址是否为网站提供的 RSS 或 Atom 链接。');
  assert.match((await pollSourceNow(t.ctx, broken.id))!.error!, /XML 格式有误/);
  assert.match((await findSource(t.ctx.db, page.id))!.lastError!, /而是网页/);
});

test('a server that never answers does not hold back a good source polled in the same run', async () => {
  srv.route('/never.xml', () => { /* never answers */ });
  srv.route('/good.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssOf('好源', [{ id: 'g1', title: '社区卫生服务站开诊', text: '新站点今日开诊。' }])));
  const slow = await add('无响应的源', '/never.xml');
  const good = await add('正常的源', '/good.xml');
  await onlyDue([slow.id, good.id]);
  const started = Date.now();
  const run = pollDueSources(t.ctx, { limits: { totalTimeoutMs: 3_000 } });
  let arrivedAfter = -1;
  while (Date.now() - started < 3_000) {
    if ((await itemsOf(good.id)).length) { arrivedAfter = Date.now() - started; break; }
    await new Promise((r) => setTimeout(r, 50));
  }
  const out = await run;
  const took = Date.now() - started;
  assert.ok(arrivedAfter >= 0 && arrivedAfter < 1_500, `the good source's items arrived after ${arrivedAfter} ms`);
  assert.ok(took >= 2_900 && took < 6_000, `the run took ${took} ms`);
  const slowOut = out.find((o) => o.sourceId === slow.id)!;
  assert.match(slowOut.error!, /3 秒内没有完成响应/);
  assert.equal(out.find((o) => o.sourceId === good.id)!.added, 1);
});

test('a source leased by a running poll is not taken by a second run; a private target is refused by default', async () => {
  srv.route('/slow.xml', (_q, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssOf('慢', [])), 400));
  const s = await add('慢速源', '/slow.xml');
  await onlyDue([s.id]);
  const [a, b] = await Promise.all([pollDueSources(t.ctx), new Promise((r) => setTimeout(r, 100)).then(() => pollDueSources(t.ctx))]);
  assert.equal(a.length + b.length, 1);
  const strict = await createTestDb();
  try {
    const r = await createFeedSource(strict.ctx, SYSTEM_ACTOR, { name: '内网源', url: `${srv.base}/good.xml`, mediaType: 'news', pollMinutes: 30, weight: 1 });
    assert.ok(r.ok);
    const o = await pollSourceNow(strict.ctx, r.source.id);
    assert.match(o!.error!, /内网或本机地址（127\.0\.0\.1）/);
  } finally { await strict.drop(); }
});

test('the opinion.poll job polls the due sources', async () => {
  srv.route('/job.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssOf('定时', [{ id: 'j1', title: '定时任务抓取到的信息', text: '正文。' }])));
  const s = await add('定时抓取的源', '/job.xml');
  await onlyDue([s.id]);
  await withTx(t.ctx.db, (tx) => enqueue(tx, opinionPollJob, {}));
  const r = await runPendingJobs(t.ctx, { only: ['opinion.poll'] });
  assert.deepEqual([r.completed, r.failed], [1, []]);
  assert.equal((await itemsOf(s.id)).length, 1);
});
