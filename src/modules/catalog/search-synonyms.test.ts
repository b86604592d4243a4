// The parts of search that staff keep up: the synonym list (admin page, audited, in effect at once),
// organisations' names in the index (a rename reindexes through a job), the background upgrade of old
// index vectors, and what the public search page says when it had to relax or found nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { runPendingJobs } from '../../../test/support/jobs.ts';
import { insertRecord } from '../../../test/support/catalog-public.ts';
import { searchRecords, type SearchQuery } from './search.ts';
import { upgradeSearchIndex } from './search-index.ts';
import { parseSynonyms } from './synonyms.ts';
import { updateOrg } from '../org/use-cases.ts';
import { findOrg } from '../org/repo.ts';

let s: TestServer;
let gkb: Client;
let cbr: Client;
const org: Record<string, number> = {};
const TODAY = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const q = (text: string): SearchQuery => ({ q: text, order: 'relevance', page: 1, pageSize: 20 });
const titles = async (text: string) => (await searchRecords(s.ctx.db, TODAY(), q(text))).items.map((i) => i.title);

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  gkb = new Client(s.baseUrl);
  cbr = new Client(s.baseUrl);
  await gkb.login('gkb', s.password('gkb'));
  await cbr.login('cbr', s.password('cbr'));
  const r = await s.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = o.id;
  await insertRecord(s.ctx.db, { orgId: org['县教体局'], title: '2027年秋季学期开学工作安排', body: '各中小学校：现将秋季学期开学有关事项安排如下。', generatedOn: '2026-08-20' });
  await insertRecord(s.ctx.db, { orgId: org['县卫健委'], title: '关于开展城乡居民慢性病门诊报销的公告', body: '参保群众患高血压、糖尿病等慢性病的，门诊费用按规定由医疗保障基金支付。', generatedOn: '2026-09-01' });
});
after(() => s.close());

test('parseSynonyms: one group per line; every problem names its line', () => {
  assert.deepEqual(parseSynonyms('医保 = 医疗保障\n\n# 备注\n低保，最低生活保障、低保金'), { ok: true, groups: [['医保', '医疗保障'], ['低保', '最低生活保障', '低保金']] });
  assert.match((parseSynonyms('医保') as { message: string }).message, /第 1 行只有一个词/);
  assert.match((parseSynonyms('医保 医疗保障\n医 医院') as { message: string }).message, /第 2 行的“医”只有一个字/);
  assert.match((parseSynonyms('医保 医疗<保障>') as { message: string }).message, /含有标点或符号/);
});

test('an organisation is found by its short name; renaming it reindexes its records through the job', async () => {
  assert.ok((await titles('教体局')).includes('2027年秋季学期开学工作安排'));
  const edu = (await findOrg(s.ctx.db, org['县教体局']!))!;
  const admin = { user: { id: 1, username: 'admin', displayName: '管理员', orgId: edu.id, orgName: '', via: 'session', grants: [{ role: 'sysadmin', orgId: edu.id, includeSubtree: false, orgIds: [edu.id] }] }, ip: null };
  const form = Object.fromEntries(Object.entries(edu).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)]));
  const r = await updateOrg(s.ctx.db, admin as never, edu.id, { ...form, parentId: edu.parentId ? String(edu.parentId) : '', shortName: '县教育和体育局' });
  assert.ok(r.ok, JSON.stringify(r));
  // The rename committed a reindex job; until it runs, the old vectors answer.
  const done = await runPendingJobs(s.ctx, { only: ['catalog.reindex'] });
  assert.ok(done.completed >= 1, JSON.stringify(done));
  assert.ok((await titles('教育和体育')).includes('2027年秋季学期开学工作安排'));
});

test('vectors of an older index format are rebuilt in the background from a saved cursor', async () => {
  // As before version 2: no organisation names in the vector.
  await s.ctx.db.execute(sql`update catalog_records set search_vector = setweight(to_tsvector('simple', '开学'), 'A')`);
  await s.ctx.db.execute(sql`delete from settings where key = 'catalog_search_index'`);
  assert.deepEqual(await titles('卫健委'), []);
  assert.equal(await upgradeSearchIndex(s.ctx, 0), false, 'no time: nothing done yet');
  assert.equal(await upgradeSearchIndex(s.ctx), true);
  assert.ok((await titles('卫健委')).includes('关于开展城乡居民慢性病门诊报销的公告'));
  const state = await s.ctx.db.execute<{ value: { version: number } }>(sql`select value from settings where key = 'catalog_search_index'`);
  assert.equal(state.rows[0]!.value.version, 2);
});

test('the synonym list: only the disclosure office edits it; a save is audited and in effect at once', async () => {
  assert.equal((await cbr.get('/admin/catalog/synonyms')).status, 403);
  const page = await gkb.get('/admin/catalog/synonyms');
  assert.equal(page.status, 200);
  assert.match(page.text, /医保 = 医疗保障 = 医疗保险/);
  assert.match(page.text, /当前使用系统默认的同义词表/);
  // With the defaults, 医保 finds 医疗保障.
  assert.deepEqual(await titles('医保报销'), ['关于开展城乡居民慢性病门诊报销的公告']);
  // A bad line comes back with the text as typed and the line named.
  const bad = await gkb.post('/admin/catalog/synonyms', { text: '医保 医疗保障\n门诊', _action: 'save' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /第 2 行只有一个词/);
  assert.match(bad.text, /医保 医疗保障\n门诊<\/textarea>/);
  // Saving a list without 医保 takes effect for the next search.
  const ok = await gkb.post('/admin/catalog/synonyms', { text: '门诊 = 门急诊\n慢病 = 慢性病', _action: 'save' });
  assert.equal(ok.status, 303);
  assert.match((await gkb.get(ok.location!)).text, /同义词表已保存/);
  assert.deepEqual(await titles('医保报销'), []);
  assert.deepEqual(await titles('慢病报销'), ['关于开展城乡居民慢性病门诊报销的公告']);
  const audit = await s.ctx.db.execute<{ action: string; summary: { groupsAfter: number } }>(sql`select action, summary from audit_log where action like 'catalog.synonyms.%' order by id`);
  assert.deepEqual(audit.rows.map((a) => [a.action, a.summary.groupsAfter]), [['catalog.synonyms.update', 2]]);
  // Back to the defaults.
  const reset = await gkb.post('/admin/catalog/synonyms', { text: '', _action: 'reset' });
  assert.equal(reset.status, 303);
  assert.deepEqual(await titles('医保报销'), ['关于开展城乡居民慢性病门诊报销的公告']);
});

test('the search page says when it left a word out, and suggests fewer words and the organisation\'s column when nothing is found', async () => {
  const relaxed = await gkb.get('/xxgk/search?q=' + encodeURIComponent('卫健委慢性病报销火箭'));
  assert.equal(relaxed.status, 200);
  assert.match(relaxed.text, /没有同时包含全部检索词的信息/);
  assert.match(relaxed.text, /慢性病门诊报销的公告/);
  const none = await gkb.get('/xxgk/search?q=' + encodeURIComponent('卫健委火箭'));
  assert.match(none.text, /没有找到符合条件的信息/);
  assert.match(none.text, /减少检索词试试：<a href="\/xxgk\/search\?q=[^"]+">/);
  assert.match(none.text, new RegExp(`href="/xxgk/fdzdgknr/\\?org=${org['县卫健委']}">云溪县卫生健康委员会</a>`));
});

test('the search API says the same: relaxed, and suggestions when nothing is found', async () => {
  const relaxed = await gkb.get('/api/v1/search?q=' + encodeURIComponent('卫健委慢性病报销火箭'));
  const rj = JSON.parse(relaxed.text) as { relaxed?: boolean; total: number };
  assert.equal(rj.relaxed, true);
  assert.ok(rj.total >= 1);
  const none = JSON.parse((await gkb.get('/api/v1/search?q=' + encodeURIComponent('卫健委火箭'))).text) as { total: number; suggestions: { fewerWords: string[]; organisations: { id: number; url: string }[] } };
  assert.equal(none.total, 0);
  assert.ok(none.suggestions.fewerWords.length >= 1);
  assert.ok(none.suggestions.organisations.some((o) => o.id === org['县卫健委'] && o.url.endsWith(`/xxgk/fdzdgknr/?org=${o.id}`)));
});
