// Search over the public catalogue on a real PostgreSQL: recall, 繁/简, exact 文号 / 索引号, filters,
// ordering, junk queries, and — above all — that nothing unpublished is ever findable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { ensureOrg, insertAttachment, insertRecord } from '../../../test/support/catalog-public.ts';
import { cleanQuery, looksLikeIndexNo, normaliseDocNoQuery, reindexRecord, searchRecords, snippetOf, type SearchQuery } from './search.ts';

const TODAY = '2025-03-01';
let t: TestDb;
before(async () => { t = await createTestDb(); });
after(async () => { await t?.drop(); });

const q = (text: string, more: Partial<SearchQuery> = {}): SearchQuery => ({ q: text, order: 'relevance', page: 1, pageSize: 100, ...more });
const ids = (r: { items: { id: number }[] }) => r.items.map((i) => i.id);

test('pure helpers: query cleaning, 文号 variants, 索引号 shape', () => {
  assert.equal(cleanQuery('  政务\u0000 公开\n '), '政务 公开');
  assert.equal(cleanQuery(['a']), '');
  for (const [input, out] of [
    ['鄂前政办发〔2018〕96号', '鄂前政办发〔2018〕96号'],
    ['鄂前政办发[2018]96号', '鄂前政办发〔2018〕96号'],
    ['鄂前政办发(2018)96号', '鄂前政办发〔2018〕96号'],
    ['鄂前政办发（2018）96号', '鄂前政办发〔2018〕96号'],
    ['鄂前政办发 ［2018］ 96号', '鄂前政办发〔2018〕96号'],
    ['政务公开', null],
    ['2018', null],
  ] as const) assert.equal(normaliseDocNoQuery(input, 2025), out, input);
  assert.ok(looksLikeIndexNo('11530000MB0000000X/2024-00001'));
  assert.ok(!looksLikeIndexNo('政务公开'));
  assert.ok(!looksLikeIndexNo('2024'));
});

test('snippets mark the hits and keep the rest as plain segments', () => {
  const s = snippetOf('关于做好二〇二五年政务公开工作的通知。各乡镇人民政府，县级各部门。', ['政务公开']);
  assert.ok(s.some((x) => x.mark && x.text === '政务公开'));
  assert.equal(s.map((x) => x.text).join('').replace(/…/g, '').includes('政务公开工作'), true);
  // Traditional text, Simplified query: the original characters are marked.
  const tw = snippetOf('本縣政務公開工作要點', ['政务公开']);
  assert.ok(tw.some((x) => x.mark && x.text === '政務公開'));
});

test('recall: every published record whose public text contains a CJK substring (≥ 2) is found', async () => {
  // Records cut from the seed documents (real government prose), read at test time only.
  const dir = '/work/shared/seeds';
  const texts = fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((f) => fs.readFileSync(`${dir}/${f}`, 'utf8')) : [];
  const lines = texts.flatMap((s) => s.split(/\n/).map((l) => l.trim()).filter((l) => l.length >= 12));
  if (lines.length < 40) lines.push(...Array.from({ length: 40 }, (_, i) => `第${i}号测试文本：政务公开标准化规范化建设推进情况与基层政务公开工作要点${i}`));
  let seed = 12345;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const docs: { id: number; text: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const title = lines[rand(lines.length)]!.slice(0, 40);
    const body = Array.from({ length: 6 }, () => lines[rand(lines.length)]!).join('\n');
    const { id } = await insertRecord(t.ctx.db, { title, body, generatedOn: `202${rand(5)}-0${1 + rand(9)}-1${rand(9)}` });
    docs.push({ id, text: `${title}\n${body}` });
  }
  const hanRuns = (s: string) => s.match(/[\u4e00-\u9fff]{2,}/g) ?? [];
  let checked = 0;
  for (let k = 0; k < 120; k++) {
    const d = docs[rand(docs.length)]!;
    const runs = hanRuns(d.text);
    if (!runs.length) continue;
    const run = runs[rand(runs.length)]!;
    const len = 2 + rand(Math.min(9, run.length - 1));
    const start = rand(run.length - len + 1);
    const needle = run.slice(start, start + len);
    const expected = docs.filter((x) => x.text.replace(/\s+/g, '').includes(needle) || x.text.includes(needle)).map((x) => x.id);
    const r = await searchRecords(t.ctx.db, TODAY, q(needle));
    const found = new Set(ids(r));
    const missing = expected.filter((id) => !found.has(id));
    assert.deepEqual(missing, [], `query “${needle}” missed ${missing.join(', ')}`);
    assert.ok(r.total >= expected.length);
    checked++;
  }
  assert.ok(checked >= 100);
});

test('a Traditional query finds Simplified text and the reverse', async () => {
  const simp = await insertRecord(t.ctx.db, { title: '关于推进基层政务公开标准化规范化的实施意见', body: '全面推进基层政务公开标准化规范化工作。' });
  const trad = await insertRecord(t.ctx.db, { title: '縣級資訊公開專區維護辦法', body: '本辦法適用於各鄉鎮資訊公開專區之維護。' });
  assert.ok(ids(await searchRecords(t.ctx.db, TODAY, q('政務公開標準化'))).includes(simp.id));
  assert.ok(ids(await searchRecords(t.ctx.db, TODAY, q('资讯公开专区'))).includes(trad.id));
  assert.ok(ids(await searchRecords(t.ctx.db, TODAY, q('資訊公開專區'))).includes(trad.id));
  // Full-width forms are indexed half-width: ＡＢＣ finds abc.
  const fw = await insertRecord(t.ctx.db, { title: '县ＡＢＣ１２３项目公示', body: '' });
  assert.ok(ids(await searchRecords(t.ctx.db, TODAY, q('abc123'))).includes(fw.id));
});

test('nothing unpublished is ever findable: results, counts, snippets, filters, suggestions', async () => {
  const WORD = '琥珀湾隧道';
  const orgId = await ensureOrg(t.ctx.db);
  const hidden: [string, Parameters<typeof insertRecord>[1]][] = [
    ['draft', { status: 'draft' }],
    ['in_review', { status: 'in_review' }],
    ['returned', { status: 'returned' }],
    ['withheld status', { status: 'withheld', disclosure: 'withheld' }],
    ['withdrawn', { status: 'withdrawn', withdrawnAt: '2024-12-01T00:00:00Z', withdrawnReason: '内容有误' }],
    ['published but withdrawn_at set', { status: 'published', withdrawnAt: '2024-12-01T00:00:00Z' }],
    ['published, 依申请公开', { status: 'published', disclosure: 'on_request' }],
    ['published, 不予公开', { status: 'published', disclosure: 'withheld' }],
    ['published, term expired', { status: 'published', term: 'limited', termEnd: '2025-02-28' }],
  ];
  for (const [label, rec] of hidden) {
    await insertRecord(t.ctx.db, { ...rec, orgId, title: `${WORD}工程（${label}）`, body: `${WORD}的正文`, keywords: WORD, docNo: '琥政发〔2024〕1号', category: 'zfjc' });
  }
  for (const query of [WORD, '琥珀', '隧道工程', '琥政发〔2024〕1号', '琥政发[2024]1号']) {
    const r = await searchRecords(t.ctx.db, TODAY, q(query));
    assert.equal(r.total, 0, `${query}: count`);
    assert.deepEqual(r.items, [], `${query}: items`);
    assert.equal(r.exactMatch, undefined, `${query}: exact`);
    assert.equal(r.suggestion, undefined, `${query}: suggestion`);
  }
  // Browsing by filter (no query) shows none of them either.
  const browse = await searchRecords(t.ctx.db, TODAY, q('', { category: 'zfjc' }));
  assert.ok(browse.items.every((i) => !i.title.includes(WORD)));

  // The last day of a limited term is still public; the next day it is gone.
  const lastDay = await insertRecord(t.ctx.db, { title: `${WORD}限时公示`, term: 'limited', termEnd: TODAY });
  assert.deepEqual(ids(await searchRecords(t.ctx.db, TODAY, q(WORD))), [lastDay.id]);
  assert.deepEqual(ids(await searchRecords(t.ctx.db, '2025-03-02', q(WORD))), []);

  // Redacted text: the original title, body and attachment text are never searchable or shown.
  const red = await insertRecord(t.ctx.db, {
    title: '关于王秀英同志低保申请的公示', titlePublic: '关于王**同志低保申请的公示',
    body: '申请人王秀英，身份证号110101199003071234。', bodyPublic: '申请人王**，身份证号110101********1234。',
  });
  await insertAttachment(t.ctx.db, red.id, { name: '名单.txt', text: '王秀英 13800138000', textPublic: '王** 138****8000' });
  for (const query of ['王秀英', '秀英', '13800138000', '199003071234']) {
    const r = await searchRecords(t.ctx.db, TODAY, q(query));
    assert.ok(!ids(r).includes(red.id), `redacted “${query}” must not find the record`);
    assert.ok(r.items.every((i) => !i.title.includes('秀英') && !i.snippet.some((s) => s.text.includes('秀英'))));
  }
  const pub = await searchRecords(t.ctx.db, TODAY, q('低保申请'));
  const hit = pub.items.find((i) => i.id === red.id);
  assert.ok(hit, 'the public version is found');
  assert.equal(hit.title, '关于王**同志低保申请的公示');
  assert.ok(!JSON.stringify(hit).includes('秀英'));
});

test('exact 文号 or 索引号 → exactMatch; ambiguous 文号 does not jump', async () => {
  const a = await insertRecord(t.ctx.db, { title: '关于印发云溪县政务公开工作要点的通知', docNo: '云政办发〔2024〕12号' });
  for (const v of ['云政办发〔2024〕12号', '云政办发[2024]12号', '云政办发(2024)12号', ' 云政办发（2024）12号 ', '雲政辦發〔2024〕12號', '雲政辦發[2024]12号'])
    assert.deepEqual((await searchRecords(t.ctx.db, TODAY, q(cleanQuery(v)))).exactMatch, { id: a.id }, v);
  assert.deepEqual((await searchRecords(t.ctx.db, TODAY, q(a.indexNo))).exactMatch, { id: a.id });
  assert.deepEqual((await searchRecords(t.ctx.db, TODAY, q(a.indexNo.toLowerCase()))).exactMatch, { id: a.id });
  await insertRecord(t.ctx.db, { title: '重号文件甲', docNo: '云政发〔2024〕3号' });
  await insertRecord(t.ctx.db, { title: '重号文件乙', docNo: '云政发〔2024〕3号' });
  const dup = await searchRecords(t.ctx.db, TODAY, q('云政发〔2024〕3号'));
  assert.equal(dup.exactMatch, undefined);
  assert.ok(dup.total >= 2);
});

test('filters and ordering', async () => {
  const WORD = '青石湖湿地';
  const orgId = await ensureOrg(t.ctx.db);
  const other = (await t.ctx.db.execute<{ id: number }>(sql`insert into org_units (name, kind, region_code, org_code) values ('测试局', 'department', '360000', 'TESTORG02') returning id`)).rows[0].id;
  const inTitle = await insertRecord(t.ctx.db, { orgId, title: `${WORD}保护规定`, body: '正文', category: 'zcwj', docType: 'normative', generatedOn: '2023-04-01', publishedAt: '2023-04-02T00:00:00Z' });
  const inBody = await insertRecord(t.ctx.db, { orgId: other, title: '生态保护工作情况', body: `今年${WORD}治理取得进展。`, category: 'gzxx', generatedOn: '2024-06-01', publishedAt: '2024-06-02T00:00:00Z', validity: 'repealed' });
  const rel = await searchRecords(t.ctx.db, TODAY, q(WORD));
  assert.deepEqual(ids(rel), [inTitle.id, inBody.id], 'title hit ranks first');
  assert.deepEqual(ids(await searchRecords(t.ctx.db, TODAY, q(WORD, { order: 'date' }))), [inBody.id, inTitle.id], 'newest first');
  assert.deepEqual(ids(await searchRecords(t.ctx.db, TODAY, q(WORD, { org: other }))), [inBody.id]);
  assert.deepEqual(ids(await searchRecords(t.ctx.db, TODAY, q(WORD, { category: 'zcwj' }))), [inTitle.id]);
  assert.deepEqual(ids(await searchRecords(t.ctx.db, TODAY, q(WORD, { year: 2024 }))), [inBody.id]);
  assert.deepEqual(ids(await searchRecords(t.ctx.db, TODAY, q(WORD, { docType: 'normative' }))), [inTitle.id]);
  assert.deepEqual(ids(await searchRecords(t.ctx.db, TODAY, q(WORD, { validity: 'repealed' }))), [inBody.id]);
  const page2 = await searchRecords(t.ctx.db, TODAY, q(WORD, { pageSize: 1, page: 2 }));
  assert.equal(page2.total, 2);
  assert.deepEqual(ids(page2), [inBody.id]);
  const hit = rel.items[1]!;
  assert.ok(hit.snippet.some((s) => s.mark && s.text === WORD));
});

test('capped count: "more than N" and relevance among the newest matches', async () => {
  const WORD = '红杉林步道';
  const old = await insertRecord(t.ctx.db, { title: `${WORD}建设方案`, publishedAt: '2022-01-01T00:00:00Z' });
  const mid = await insertRecord(t.ctx.db, { title: '步道维护', body: `${WORD}维护。`, publishedAt: '2024-01-01T00:00:00Z' });
  const top = await insertRecord(t.ctx.db, { title: `${WORD}开放公告`, publishedAt: '2024-02-01T00:00:00Z' });
  const r = await searchRecords(t.ctx.db, TODAY, q(WORD, { countCap: 2 }));
  assert.equal(r.total, 2);
  assert.equal(r.capped, true);
  assert.equal(ids(r)[0], top.id, 'title hit first');
  assert.ok(ids(r).includes(mid.id) && ids(r).includes(old.id), 'the window covers what is shown');
});

const BANDS = { fewMatches: 0, firstDays: 30 };

test('many matches: newest first band by band gives the same order as one query over all matches', async () => {
  // BANDS forces the band-by-band path with a first band of 30 days (at 1M records it is what keeps
  // a frequent term from reading every match's row); countCap 1 makes two or more matches "many". Records from days to decades before
  // TODAY (several bands, and the last one beyond 20 years), one dated after TODAY, two on the same
  // day, one without a date, and unpublished ones in between that must never appear.
  const WORD = '金沙滩栈桥';
  const dates = ['2025-06-01T00:00:00Z', '2025-02-20T00:00:00Z', '2025-01-10T00:00:00Z', '2024-06-01T00:00:00Z', '2023-01-01T00:00:00Z',
    '2018-01-01T00:00:00Z', '2010-01-01T00:00:00Z', '2025-02-20T00:00:00Z', '2001-05-01T00:00:00Z'];
  const made: { id: number; at: string | null }[] = [];
  for (const [i, at] of dates.entries()) {
    made.push({ id: (await insertRecord(t.ctx.db, { title: i === 5 ? `${WORD}改造方案` : `公告${i}`, body: `${WORD}的正文`, publishedAt: at })).id, at });
  }
  made.push({ id: (await insertRecord(t.ctx.db, { title: '无日期', body: `${WORD}的正文`, publishedAt: null })).id, at: null });
  for (const [status, at] of [['draft', null], ['withdrawn', '2025-02-21T00:00:00Z'], ['in_review', null]] as const) {
    await insertRecord(t.ctx.db, { title: `${WORD}（${status}）`, body: WORD, status, publishedAt: at, ...(status === 'withdrawn' ? { withdrawnAt: '2025-02-22T00:00:00Z' } : {}) });
  }
  await insertRecord(t.ctx.db, { title: `${WORD}（依申请）`, body: WORD, disclosure: 'on_request', publishedAt: '2025-02-25T00:00:00Z' });
  await insertRecord(t.ctx.db, { title: `${WORD}（限时已过）`, body: WORD, term: 'limited', termEnd: '2025-02-01', publishedAt: '2025-01-20T00:00:00Z' });
  // Newest first, ties by id descending; as in PostgreSQL's `desc`, the undated record comes first.
  const expected = made.filter((m) => !m.at).map((m) => m.id).concat(made.filter((m) => m.at).sort((a, b) => b.at!.localeCompare(a.at!) || b.id - a.id).map((m) => m.id));
  const all = await searchRecords(t.ctx.db, TODAY, q(WORD, { order: 'date', countCap: 1, bands: BANDS }));
  assert.equal(all.capped, true);
  assert.deepEqual(ids(all), expected);
  for (const size of [1, 2, 3, 4]) {
    const pages: number[] = [];
    for (let page = 1; page <= Math.ceil(expected.length / size) + 1; page++) {
      pages.push(...ids(await searchRecords(t.ctx.db, TODAY, q(WORD, { order: 'date', countCap: 1, bands: BANDS, pageSize: size, page }))));
    }
    assert.deepEqual(pages, expected, `page size ${size}`);
  }
  // Not capped (the count reads every match): the same order.
  assert.deepEqual(ids(await searchRecords(t.ctx.db, TODAY, q(WORD, { order: 'date' }))), expected);
  // Relevance among the window: the title hit first, then newest first; nothing unpublished.
  const rel = await searchRecords(t.ctx.db, TODAY, q(WORD, { countCap: 1, bands: BANDS }));
  assert.equal(ids(rel)[0], made[5]!.id);
  assert.deepEqual(ids(rel).slice(1), expected.filter((id) => id !== made[5]!.id));
});

test('with column statistics: the bigrams of a word are matched on the rarest one and checked whole; a look-alike never appears', async () => {
  // 挥部 alone (发挥部分作用) is not 指挥部: the band query matches on 挥部, the rarest clause once
  // the table is analysed, and must drop those rows when it checks the whole query.
  const made: { id: number; at: string }[] = [];
  for (let i = 0; i < 24; i++) {
    const at = `${2001 + i}-0${1 + (i % 9)}-15T00:00:00Z`;
    made.push({ id: (await insertRecord(t.ctx.db, { title: `防汛抗旱指挥部通知${i}`, body: '县防汛抗旱指挥部办公室', publishedAt: at })).id, at });
  }
  for (let i = 0; i < 6; i++) await insertRecord(t.ctx.db, { title: `发挥部分作用${i}`, body: '充分发挥部分社会组织作用', publishedAt: `${2010 + i}-05-01T00:00:00Z` });
  for (let i = 0; i < 40; i++) await insertRecord(t.ctx.db, { title: `应急指挥中心值班${i}`, body: '应急指挥中心', publishedAt: `${2005 + (i % 20)}-03-01T00:00:00Z` });
  await t.ctx.db.execute(sql`analyze catalog_records`);
  // A fresh executor object: the statistics are cached per executor.
  const db = new Proxy(t.ctx.db, {});
  const expected = made.sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id).map((m) => m.id);
  const plain = await searchRecords(db, TODAY, q('指挥部', { order: 'date' }));
  assert.deepEqual(ids(plain), expected);
  const banded = await searchRecords(db, TODAY, q('指挥部', { order: 'date', bands: BANDS }));
  assert.deepEqual(ids(banded), expected);
  assert.equal(banded.total, 24);
  const rel = await searchRecords(db, TODAY, q('指挥部', { bands: BANDS }));
  assert.deepEqual([...ids(rel)].sort((a, b) => a - b), [...expected].sort((a, b) => a - b));
});

test('the connections search with work_mem 32MB (large bitmaps stay exact)', async () => {
  const r = await t.ctx.db.execute<{ work_mem: string }>(sql`show work_mem`);
  assert.equal(r.rows[0]!.work_mem, '32MB');
});

test('a page far past the pages offered is empty, with the count still given', async () => {
  const WORD = '石门水库';
  for (let i = 0; i < 3; i++) await insertRecord(t.ctx.db, { title: `${WORD}调度公告${i}` });
  const deep = await searchRecords(t.ctx.db, TODAY, q(WORD, { page: 101, pageSize: 50 }));
  assert.equal(deep.total, 3);
  assert.deepEqual(deep.items, []);
  assert.equal((await searchRecords(t.ctx.db, TODAY, q(WORD, { order: 'date', page: 200, pageSize: 100 }))).items.length, 0);
});

test('junk, tsquery syntax and oversized queries never throw', async () => {
  for (const junk of ['!!!@@@###', "' OR 1=1 --", '&|!:*()<->', '\\', '；；；，，。', '😀😀', 'a'.repeat(100), ':*']) {
    const r = await searchRecords(t.ctx.db, TODAY, q(junk));
    assert.ok(r.total >= 0, junk);
  }
  assert.equal((await searchRecords(t.ctx.db, TODAY, q('！！！'))).problem, 'query_unusable');
  const long = await searchRecords(t.ctx.db, TODAY, q('政'.repeat(5000)));
  assert.equal(long.problem, 'query_too_long');
  assert.equal(long.total, 0);
});

test('reindexRecord: a changed public version replaces the old tokens', async () => {
  const r = await insertRecord(t.ctx.db, { title: '旧标题紫藤花园', body: '' });
  assert.ok(ids(await searchRecords(t.ctx.db, TODAY, q('紫藤花园'))).includes(r.id));
  await t.ctx.db.execute(sql`update catalog_records set title_public = '新标题银杏广场' where id = ${r.id}`);
  await reindexRecord(t.ctx.db, r.id);
  assert.ok(!ids(await searchRecords(t.ctx.db, TODAY, q('紫藤花园'))).includes(r.id));
  assert.ok(ids(await searchRecords(t.ctx.db, TODAY, q('银杏广场'))).includes(r.id));
});

test('the query uses the GIN index on search_vector', async () => {
  // EXPLAIN on a small table prefers a sequential scan, so forbid that (and plain index scans on
  // the status index) to see that the planner can use the GIN index:
  //   Bitmap Heap Scan on catalog_records r
  //     Recheck Cond: (search_vector @@ '''政务'' & ''务公'''::tsquery)
  //     ->  Bitmap Index Scan on catalog_records_search_idx
  // On the 1M-record benchmark (npm run bench -- catalog) the planner picks it by itself.
  const plan = await t.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_indexscan = off`);
    const r = await tx.execute<{ 'QUERY PLAN': string }>(sql`explain select id from catalog_records r
      where r.search_vector @@ to_tsquery('simple', '''政务'' & ''务公''')`);
    return r.rows.map((x) => x['QUERY PLAN']).join('\n');
  });
  assert.match(plan, /catalog_records_search_idx/);
});
