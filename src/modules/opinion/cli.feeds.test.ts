// `gongkai opinion source add` / `opinion poll` as real processes against a test database and a feed server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { runCli, type CliRun } from '../../../test/support/cli.ts';
import { startFeedServer, rssOf, atomOf, type FeedServer } from '../../../test/support/feed-server.ts';
import { findSourceByName } from './repo.ts';
import { orgUnits } from '../org/schema.ts';

let t: TestDb;
let feeds: FeedServer;
let tmp: string;
before(async () => {
  [t, feeds] = await Promise.all([createTestDb(), startFeedServer()]);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-opinion-cli-'));
  feeds.route('/rss.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' })
    .end(rssOf('云溪论坛', [{ id: 'c1', title: '城关镇停水', text: '东片区停水。' }, { id: 'c2', title: '公交改线', text: '3路公交改线。' }])));
  feeds.route('/atom.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' })
    .end(atomOf('县融媒体', [{ id: 'a1', title: '城关镇停水', text: '东片区停水。' }])));
  feeds.route('/page', (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>x</body></html>'));
});
after(async () => {
  await feeds.close();
  await t.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliRun> =>
  runCli(args, { databaseUrl: t.url, dataDir: path.join(tmp, 'data'), env: { OPINION_FEED_ALLOW_PRIVATE: 'true', GONGKAI_DEMO: 'false' } });

function cleanFailure(r: CliRun, code: number, re: RegExp) {
  assert.equal(r.code, code, `exit ${r.code}; stdout: ${r.stdout}; stderr: ${r.stderr}`);
  assert.match(r.stderr, re);
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .+:\d+:\d+/);
}

test('source add: bad arguments exit 2 with Chinese messages; good ones add a feed source', async () => {
  const bad = await cli(['opinion', 'source', 'add', '--name', '云溪论坛', '--url', 'ftp://x.cn/rss', '--minutes', '1', '--media', '报纸']);
  cleanFailure(bad, 2, /--url：订阅地址应以 http:\/\/ 或 https:\/\/ 开头/);
  assert.match(bad.stderr, /--minutes：字段“抓取间隔（分钟）”不能小于5/);
  assert.match(bad.stderr, /--media：字段“媒体类型”的取值无效/);
  assert.match(bad.stderr, /用法：gongkai opinion source add/);
  cleanFailure(await cli(['opinion', 'source', 'add', '--url', `${feeds.base}/rss.xml`]), 2, /--name：字段“来源名称”为必填项/);

  const ok = await cli(['opinion', 'source', 'add', '--name', '云溪论坛', '--url', `${feeds.base}/rss.xml`, '--media', '论坛社区', '--minutes', '15']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.last, /已新增订阅源“云溪论坛”（编号 \d+），每 15 分钟抓取一次。/);
  const s = (await findSourceByName(t.ctx.db, '云溪论坛'))!;
  assert.deepEqual([s.kind, s.mediaType, s.pollMinutes], ['feed', 'forum', 15]);
});

test('poll: one line per source, a failing source exits 1, an unknown --source exits 2', async () => {
  for (const [name, p] of [['县融媒体', '/atom.xml'], ['错误地址', '/page']] as const) {
    const r = await cli(['opinion', 'source', 'add', '--name', name, '--url', feeds.base + p, '--media', 'weibo']);
    assert.equal(r.code, 0, r.stderr);
  }
  const one = await cli(['opinion', 'poll', '--source', '云溪论坛']);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(one.stdout.trim(), '云溪论坛：新增 2，重复 0，错误 无');

  const all = await cli(['opinion', 'poll']);
  assert.equal(all.code, 1, all.stderr);
  // The atom item repeats the words of an RSS item: an exact repost, counted as a duplicate.
  assert.deepEqual(all.stdout.trim().split('\n').sort(), [
    '云溪论坛：新增 0，重复 2，错误 无',
    '县融媒体：新增 0，重复 1，错误 无',
    '错误地址：新增 0，重复 0，错误 返回的不是订阅源（RSS/Atom/JSON Feed），而是网页。请核对订阅地址是否为网站提供的 RSS 或 Atom 链接。',
  ].sort());
  cleanFailure(await cli(['opinion', 'poll', '--source', '不存在的源']), 2, /没有名为“不存在的源”的订阅源/);
});

test('source add --org: the organisation by name, short name or id; an unknown or ambiguous one exits 2 in Chinese', async () => {
  const [gov] = await t.ctx.db.insert(orgUnits).values({ name: '云溪县人民政府', kind: 'government', regionCode: '450000', orgCode: '11450000000000001A' }).returning();
  const [edu] = await t.ctx.db.insert(orgUnits).values([
    { parentId: gov!.id, name: '云溪县教育体育局', shortName: '县教体局', kind: 'department', regionCode: '450000', orgCode: '11450000000000002A' },
    { parentId: gov!.id, name: '云溪县青石镇人民政府', shortName: '青石镇', kind: 'town', regionCode: '450000', orgCode: '11450000000000003A' },
    { parentId: gov!.id, name: '云溪县青石镇中心学校', shortName: '青石镇', kind: 'office', regionCode: '450000', orgCode: '11450000000000004A' },
  ]).returning();
  const add = (name: string, org: string) => cli(['opinion', 'source', 'add', '--name', name, '--url', `${feeds.base}/rss.xml`, '--org', org]);

  const byShort = await add('教体局留言板', '县教体局');
  assert.equal(byShort.code, 0, byShort.stderr);
  assert.match(byShort.last, /已新增订阅源“教体局留言板”（编号 \d+，所属单位 云溪县教育体育局），每 30 分钟抓取一次。/);
  assert.equal((await findSourceByName(t.ctx.db, '教体局留言板'))!.orgId, edu!.id);
  assert.equal((await add('教体局公众号', '云溪县教育体育局')).code, 0);
  assert.equal((await findSourceByName(t.ctx.db, '教体局公众号'))!.orgId, edu!.id);
  assert.equal((await add('政府网站', String(gov!.id))).code, 0);
  assert.equal((await findSourceByName(t.ctx.db, '政府网站'))!.orgId, gov!.id);

  cleanFailure(await add('未知单位源', '县水利局'), 2, /--org：没有名称、简称或编号为“县水利局”的启用单位。/);
  cleanFailure(await add('两个青石镇', '青石镇'), 2, /--org：“青石镇”对应多个单位（云溪县青石镇人民政府，编号 \d+；云溪县青石镇中心学校，编号 \d+），请改用编号。/);
  cleanFailure(await cli(['opinion', 'source', 'add', '--name', '空单位', '--url', `${feeds.base}/rss.xml`, '--org', ' ']), 2, /--org：须给出所属单位的名称、简称或编号/);
  assert.equal(await findSourceByName(t.ctx.db, '未知单位源'), undefined);
});
