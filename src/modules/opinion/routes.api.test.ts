// The opinion API through the real server: POST /api/v1/opinion/items (per-item outcomes, a bad
// item isolated, idempotent repeats, the 1,000-item bound, token and policy) and
// GET /api/v1/opinion/incidents (scoped to the token's user, filters, items without authors).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/index.ts';
import { createApiToken } from '../auth/service.ts';
import { FLOOD_A, FLOOD_A_TRADITIONAL, SCHOOL_A, WAGE_A } from './pipeline/samples.fixtures.ts';
import { insertSource } from './repo.ts';
import { ingestItems } from './use-cases/ingest.ts';

let s: TestServer;
const tokens: Record<string, string> = {};
before(async () => {
  s = await startTestServer();
  for (const u of ['yqzy', 'gkb', 'cbr']) {
    const r = await createApiToken(s.ctx.db, SYSTEM_ACTOR, { username: u });
    assert.ok(r.ok);
    tokens[u] = r.token;
  }
});
after(async () => { await s.close(); });

const call = (method: string, path: string, token: string | null, body?: unknown) => fetch(s.baseUrl + path, {
  method,
  headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const push = (items: unknown[], token = tokens.yqzy!) => call('POST', '/api/v1/opinion/items', token, { items });
type Answer = { results: { id: string; status: string; itemId?: number; duplicateOf?: number; incidentId?: number; reason?: string }[]; added: number; duplicates: number; refused: number };

const counts = async () => (await s.ctx.db.execute<{ items: number; reposts: number; incidents: number; inc_items: number; inc_reposts: number }>(sql`
  select (select count(*)::int from opinion_items) as items, (select coalesce(sum(repost_count), 0)::int from opinion_items) as reposts,
    (select count(*)::int from opinion_incidents) as incidents, (select coalesce(sum(item_count), 0)::int from opinion_incidents) as inc_items,
    (select coalesce(sum(repost_count), 0)::int from opinion_incidents) as inc_reposts`)).rows[0]!;

const batch = [
  { id: 'm-1', source: '舆情监测平台', title: '莲塘镇暴雨积水', text: FLOOD_A, url: 'https://weibo.example.com/1', publishedAt: '2026-10-01T08:00:00+08:00', author: '莲塘身边事' },
  { id: 'm-2', source: '舆情监测平台', title: '', text: FLOOD_A_TRADITIONAL, url: null, publishedAt: '2026-10-01T08:05:00' },
  { id: 'm-3', source: '舆情监测平台', title: '坏链接', text: SCHOOL_A, url: 'ftp://files.example.com/x', publishedAt: '2026-10-01T08:06:00+08:00' },
  { id: 'm-4', source: '舆情监测平台', title: '没有时间', text: WAGE_A },
  { id: 'm-5', source: '舆情监测平台', title: '工地欠薪', text: WAGE_A, publishedAt: '2026-10-01T09:00:00Z', mediaType: 'forum' },
];

test('a batch with bad items: each bad one refused with its reason, the rest stored; the same batch again is all duplicate and nothing is counted twice', async () => {
  const r = await push(batch);
  assert.equal(r.status, 200);
  const a = await r.json() as Answer;
  assert.deepEqual(a.results.map((x) => [x.id, x.status]), [['m-1', 'new'], ['m-2', 'duplicate'], ['m-3', 'refused'], ['m-4', 'refused'], ['m-5', 'new']]);
  assert.equal(a.results[1]!.duplicateOf, a.results[0]!.itemId);
  assert.equal(a.results[1]!.incidentId, a.results[0]!.incidentId);
  assert.match(a.results[2]!.reason!, /链接/);
  assert.match(a.results[3]!.reason!, /发布时间/);
  assert.deepEqual([a.added, a.duplicates, a.refused], [2, 1, 2]);
  const before = await counts();
  assert.deepEqual(before, { items: 3, reposts: 1, incidents: 2, inc_items: 2, inc_reposts: 1 });
  // m-2 had no zone: Beijing time.
  const m2 = await s.ctx.db.execute<{ published_at: string; media_type: string }>(sql`select published_at, media_type from opinion_items where external_id in ('m-2', 'm-5') order by external_id`);
  assert.equal(new Date(m2.rows[0]!.published_at).toISOString(), '2026-10-01T00:05:00.000Z');
  assert.equal(m2.rows[1]!.media_type, 'forum');

  const again = await (await push(batch)).json() as Answer;
  assert.deepEqual(again.results.map((x) => x.status), ['duplicate', 'duplicate', 'refused', 'refused', 'duplicate']);
  assert.equal(again.results[0]!.itemId, a.results[0]!.itemId);
  assert.equal(again.results[1]!.itemId, a.results[1]!.itemId);
  assert.deepEqual(await counts(), before);
});

test('the same post from a feed and from the API is counted once', async () => {
  const feed = await insertSource(s.ctx.db, { name: '县论坛订阅', kind: 'feed', mediaType: 'forum', url: 'https://bbs.example.com/rss' });
  const f = await ingestItems(s.ctx, feed.id, [{ externalId: 'guid-77', title: '', text: SCHOOL_A, publishedAt: new Date('2026-10-02T10:00:00+08:00') }], SYSTEM_ACTOR);
  assert.equal(f.results[0]!.status, 'new');
  const a = await (await push([{ id: 'api-77', source: '舆情监测平台', title: '', text: SCHOOL_A, publishedAt: '2026-10-02T10:30:00+08:00' }])).json() as Answer;
  assert.equal(a.results[0]!.status, 'duplicate');
  assert.equal(a.results[0]!.duplicateOf, (f.results[0] as { itemId: number }).itemId);
  // A feed's name cannot be written to through the push API.
  const b = await (await push([{ id: 'x', source: '县论坛订阅', title: 't', text: '别的内容', publishedAt: '2026-10-02T10:30:00+08:00' }])).json() as Answer;
  assert.equal(b.results[0]!.status, 'refused');
});

test('1,001 items, an empty list, a body that is not an object: JSON errors with stable codes', async () => {
  const many = Array.from({ length: 1001 }, (_, i) => ({ id: `n${i}`, source: '批量', title: '', text: `第${i}条`, publishedAt: '2026-10-01T08:00:00+08:00' }));
  const r = await push(many);
  assert.equal(r.status, 422);
  const e = await r.json() as { error: { code: string; message: string; fields: Record<string, string> } };
  assert.equal(e.error.code, 'validation_failed');
  assert.match(e.error.message, /1000/);
  assert.ok(e.error.fields.items);
  assert.equal((await push([])).status, 422);
  const arr = await call('POST', '/api/v1/opinion/items', tokens.yqzy!, [1, 2]);
  assert.equal(arr.status, 400);
  assert.equal((await arr.json() as { error: { code: string } }).error.code, 'bad_request');
  assert.equal((await counts()).items >= 3, true);
  const n = await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_items i join opinion_sources s on s.id = i.source_id where s.name = '批量'`);
  assert.equal(n.rows[0]!.n, 0);
});

test('no token → 401 JSON; a token whose user may not push → 403 JSON', async () => {
  const none = await call('POST', '/api/v1/opinion/items', null, { items: batch });
  assert.equal(none.status, 401);
  assert.equal((await none.json() as { error: { code: string } }).error.code, 'unauthenticated');
  const gkb = await push(batch, tokens.gkb);
  assert.equal(gkb.status, 403);
  assert.equal((await gkb.json() as { error: { code: string } }).error.code, 'forbidden');
  assert.equal((await call('GET', '/api/v1/opinion/incidents', null)).status, 401);
});

type Listed = { total: number; items: { id: number; no: string; status: string; grade: string | null; suggestedGrade: string; leadOrg: { id: number; name: string } | null; deadlines: { kind: string; dueAt: string }[]; itemCount: number; repostCount: number; items: Record<string, unknown>[] }[] };

test('GET /api/v1/opinion/incidents: the monitor sees every incident with its items (no author); a department clerk only those its organisation leads', async () => {
  const list = await (await call('GET', '/api/v1/opinion/incidents?limit=50', tokens.yqzy!)).json() as Listed;
  assert.equal(list.total, 3);
  const flood = list.items.find((i) => i.items.some((x) => String(x.title).includes('莲塘')))!;
  assert.match(flood.no, /^YQ-2026-\d{4}$/);
  assert.equal(flood.status, 'candidate');
  assert.equal(flood.grade, null);
  assert.ok(flood.suggestedGrade);
  assert.equal(flood.repostCount, 1);
  assert.deepEqual(Object.keys(flood.items[0]!).sort(), ['id', 'publishedAt', 'repostCount', 'source', 'title', 'url']);
  assert.equal(flood.items[0]!.publishedAt, '2026-10-01T08:00:00+08:00');
  assert.equal(flood.items[0]!.repostCount, 1);
  assert.doesNotMatch(JSON.stringify(list), /莲塘身边事/);

  // The clerk of 教育体育局 sees nothing until the incident is led by that bureau; then it has its deadline.
  const cbr = async (q = '') => (await (await call('GET', `/api/v1/opinion/incidents${q}`, tokens.cbr!)).json()) as Listed;
  assert.equal((await cbr()).total, 0);
  const edu = (await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where name like '%教育体育局'`)).rows[0]!.id;
  await s.ctx.db.execute(sql`update opinion_incidents set lead_org_id = ${edu}, status = 'confirmed', grade = 'large' where id = ${flood.id}`);
  await s.ctx.db.execute(sql`insert into opinion_deadlines (incident_id, kind, due_at, basis) values (${flood.id}, 'response', '2026-10-03T08:00:00+08:00', '国办发〔2016〕61号')`);
  const mine = await cbr();
  assert.equal(mine.total, 1);
  assert.equal(mine.items[0]!.leadOrg!.id, Number(edu));
  assert.deepEqual(mine.items[0]!.deadlines.map((d) => [d.kind, d.dueAt]), [['response', '2026-10-03T08:00:00+08:00']]);
  // Filters.
  assert.equal((await cbr('?status=candidate')).total, 0);
  assert.equal((await cbr('?grade=large')).total, 1);
  const monitor = async (q: string) => ((await (await call('GET', `/api/v1/opinion/incidents${q}`, tokens.yqzy!)).json()) as Listed).total;
  assert.equal(await monitor('?status=candidate'), 2);
  assert.equal(await monitor('?from=2026-10-02'), 1);
  assert.equal(await monitor('?to=2026-10-01'), 2);
  assert.equal(await monitor('?limit=1&offset=2'), 3);
  const bad = await call('GET', '/api/v1/opinion/incidents?status=nonsense', tokens.yqzy!);
  assert.equal(bad.status, 422);
});

test('both routes are in the OpenAPI document with Chinese descriptions and the Bearer scheme', async () => {
  const doc = await (await fetch(`${s.baseUrl}/api/v1/openapi.json`)).json() as { paths: Record<string, Record<string, { summary: string; security?: unknown[]; requestBody?: { content: Record<string, { schema: { properties: { items: { items: { properties: Record<string, { title?: string; description?: string }> } } } } }> } }>> };
  const post = doc.paths['/api/v1/opinion/items']!.post!;
  assert.deepEqual(post.security, [{ bearer: [] }]);
  const props = post.requestBody!.content['application/json']!.schema.properties.items.items.properties;
  for (const k of ['id', 'source', 'title', 'text', 'url', 'publishedAt', 'author']) assert.match(props[k]!.description ?? '', /[\u4e00-\u9fff]/, k);
  assert.ok(doc.paths['/api/v1/opinion/incidents']!.get!.summary);
});
