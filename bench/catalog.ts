// `npm run bench -- catalog`: catalogue search at scale. Generates BENCH_RECORDS synthetic records
// (default 1,000,000; an existing dataset with at least that many is reused, a smaller one is
// extended), then measures searchRecords() by relevance and by date for rare, medium and very
// common terms, the same terms with ILIKE '%…%' as the baseline, and the record and search pages
// under autocannon. Prints Markdown tables (also saved to .tmp/bench-data/catalog-result.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import autocannon from 'autocannon';
import type { AppContext } from '../src/app-context.ts';
import { containsPattern, type Executor } from '../src/platform/db/index.ts';
import { formatDate } from '../src/modules/portal/domain.ts';
import { searchRecords, COUNT_CAP, type Order } from '../src/modules/catalog/search.ts';
import { publicWhere } from '../src/modules/catalog/repo.public.ts';
import { buildVocab, queryTerms, type Org, type WorkerInput, type WorkerMessage } from './catalog-gen.ts';

/** Bump when the generator changes: a dataset made by another version is regenerated. */
const GENERATOR_VERSION = 1;
const SEQ_BASE = 50_000;

type Meta = {
  version: number; words: boolean; records: number; counts: Record<string, number>;
  loads: { from: number; to: number; seconds: number; rate: number; indexes: { name: string; seconds: number }[]; vacuumSeconds: number }[];
};

type Env = { records: number; workers: number; batch: number; words: boolean; queries: number; ilikeSeconds: number; seconds: number; connections: number };

function env(): Env {
  const n = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
  return {
    records: n('BENCH_RECORDS', 1_000_000),
    workers: n('BENCH_WORKERS', 2),
    batch: n('BENCH_BATCH', 500),
    words: process.env.BENCH_WORDS !== '0',
    queries: n('BENCH_QUERIES', 30),
    ilikeSeconds: n('BENCH_ILIKE_SECONDS', 60),
    seconds: n('BENCH_SECONDS', 10),
    connections: n('BENCH_CONNECTIONS', 20),
  };
}

const log = (...a: unknown[]) => console.log(...a);
const dialect = new PgDialect();

async function readMeta(db: Executor): Promise<Meta | undefined> {
  await db.execute(sql`create table if not exists bench_catalog_meta (id int primary key, data jsonb not null)`);
  const r = await db.execute<{ data: Meta }>(sql`select data from bench_catalog_meta where id = 1`);
  return r.rows[0]?.data;
}

async function writeMeta(db: Executor, m: Meta): Promise<void> {
  await db.execute(sql`insert into bench_catalog_meta (id, data) values (1, ${JSON.stringify(m)}::jsonb)
    on conflict (id) do update set data = excluded.data`);
}

/** Recreates GIN indexes a previous, interrupted load dropped. */
async function restoreIndexes(db: Executor): Promise<void> {
  const r = await db.execute<{ data: { indexname: string; indexdef: string }[] }>(sql`select data from bench_catalog_meta where id = 2`);
  for (const ix of r.rows[0]?.data ?? []) {
    log(`恢复上次中断时删除的索引 ${ix.indexname}…`);
    await db.execute(sql.raw(ix.indexdef.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ')));
  }
  await db.execute(sql`delete from bench_catalog_meta where id = 2`);
}

async function benchRecordCount(db: Executor): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from catalog_records where index_seq >= ${SEQ_BASE}`);
  return r.rows[0]!.n;
}

/** Makes sure the database holds at least e.records bench records; returns the dataset's metadata. */
async function ensureDataset(ctx: AppContext, url: string, e: Env): Promise<Meta> {
  const db = ctx.db;
  const vocab = buildVocab();
  const q = queryTerms(vocab);
  const terms = [...q.rare, ...q.medium, ...q.common];
  let meta = await readMeta(db);
  await restoreIndexes(db);
  const have = await benchRecordCount(db);
  if (!meta || meta.version !== GENERATOR_VERSION || meta.words !== e.words || meta.records !== have) {
    if (have > 0) {
      log(`基准数据与记录不符（库中 ${have} 条），重新生成…`);
      await db.execute(sql`delete from catalog_records where index_seq >= ${SEQ_BASE}`);
    }
    meta = { version: GENERATOR_VERSION, words: e.words, records: 0, counts: Object.fromEntries(terms.map((t) => [t, 0])), loads: [] };
  }
  if (meta.records >= e.records) {
    log(`复用已有数据集：${meta.records} 条记录（≥ ${e.records}）`);
    return meta;
  }
  const from = meta.records;
  const to = e.records;
  const orgsR = await db.execute<{ id: number; name: string; short_name: string | null; org_code: string }>(sql`select id, name, short_name, org_code from org_units order by id`);
  const orgs: Org[] = orgsR.rows.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name, orgCode: o.org_code }));
  if (!orgs.length) throw new Error('没有机构：基准数据库未初始化演示数据');

  // GIN indexes are rebuilt after a big load (much faster than maintaining them row by row).
  // Their definitions are saved first (meta row 2), so an interrupted load is repaired on the next run.
  const gin = (await db.execute<{ indexname: string; indexdef: string }>(sql`select indexname, indexdef from pg_indexes
    where tablename = 'catalog_records' and indexdef ilike '%using gin%' order by indexname`)).rows;
  const dropIndexes = to - from >= from;
  if (dropIndexes) {
    await db.execute(sql`insert into bench_catalog_meta (id, data) values (2, ${JSON.stringify(gin)}::jsonb) on conflict (id) do update set data = excluded.data`);
    for (const ix of gin) await db.execute(sql.raw(`drop index if exists "${ix.indexname}"`));
  }
  log(`生成记录 ${from}–${to - 1}（${e.workers} 个工作线程，每批 ${e.batch} 条，jieba 词${e.words ? '开启' : '关闭'}${dropIndexes ? '，先删除 GIN 索引' : ''}）`);

  const t0 = performance.now();
  let done = 0;
  let lastLog = t0;
  const per = Math.ceil((to - from) / e.workers);
  const results = await Promise.all(Array.from({ length: e.workers }, (_, k) => {
    const input: WorkerInput = { url, from: from + k * per, to: Math.min(to, from + (k + 1) * per), orgs, terms, batch: e.batch, words: e.words };
    return new Promise<number[]>((resolve, reject) => {
      // Workers do not inherit tsx's loader: register it, then load the TypeScript generator.
      const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./catalog-gen.ts', import.meta.url).href)}); })`;
      const w = new Worker(boot, { eval: true, workerData: { kind: 'catalog-gen', input } });
      w.on('message', (m: WorkerMessage) => {
        if (m.kind === 'progress') {
          done += m.done;
          const now = performance.now();
          if (now - lastLog > 10_000) {
            lastLog = now;
            log(`  ${done}/${to - from}  ${(done / ((now - t0) / 1000)).toFixed(0)} 条/秒`);
          }
        } else resolve(m.counts);
      });
      w.on('error', reject);
      w.on('exit', (c) => { if (c !== 0) reject(new Error(`worker exited ${c}`)); });
    });
  }));
  const loadSeconds = (performance.now() - t0) / 1000;
  log(`载入 ${to - from} 条用时 ${loadSeconds.toFixed(1)} 秒：${((to - from) / loadSeconds).toFixed(0)} 条/秒`);

  const indexes: { name: string; seconds: number }[] = [];
  if (dropIndexes) {
    // One dedicated connection: the memory setting must apply to the session that builds the index.
    const client = await ctx.database.pool.connect();
    try {
      await client.query(`set maintenance_work_mem = '${process.env.BENCH_INDEX_MEM ?? '2GB'}'`);
      for (const ix of gin) {
        const t = performance.now();
        await client.query(ix.indexdef);
        indexes.push({ name: ix.indexname, seconds: (performance.now() - t) / 1000 });
        log(`  重建索引 ${ix.indexname}：${indexes.at(-1)!.seconds.toFixed(1)} 秒`);
      }
      await client.query('reset maintenance_work_mem');
    } finally {
      client.release();
    }
    await db.execute(sql`delete from bench_catalog_meta where id = 2`);
  }
  const tv = performance.now();
  await db.execute(sql`vacuum analyze catalog_records`);
  const vacuumSeconds = (performance.now() - tv) / 1000;
  log(`  vacuum analyze：${vacuumSeconds.toFixed(1)} 秒`);

  for (const counts of results) terms.forEach((t, k) => (meta.counts[t] = (meta.counts[t] ?? 0) + counts[k]!));
  meta.records = to;
  meta.loads.push({ from, to, seconds: loadSeconds, rate: (to - from) / loadSeconds, indexes, vacuumSeconds });
  await writeMeta(db, meta);
  return meta;
}

// ---------------------------------------------------------------------------------------------
// Measurements

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
const median = (xs: number[]) => pct(xs, 50);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** An Executor that remembers the statements searchRecords() sends (for EXPLAIN ANALYZE). */
function capturing(db: Executor, into: SQL[]): Executor {
  return new Proxy(db, {
    get(target, prop, recv) {
      // The planner-estimate statement (EXPLAIN without ANALYZE) is not itself explained; it reads no data.
      if (prop === 'execute') return (q: SQL) => { if (!/^\s*explain/i.test(dialect.sqlToQuery(q).sql)) into.push(q); return target.execute(q); };
      return Reflect.get(target, prop, recv);
    },
  });
}

type Row = { cls: string; order: string; n: number; p50: number; p95: number; max: number; hits: number };

async function measureSearch(db: Executor, today: string, cls: string, terms: string[], order: Order): Promise<{ row: Row; slowest: { term: string; ms: number } }> {
  const times: number[] = [];
  const totals: number[] = [];
  let slowest = { term: '', ms: 0 };
  for (const q of terms) {
    const t = performance.now();
    const r = await searchRecords(db, today, { q, order, page: 1, pageSize: 20 });
    const d = performance.now() - t;
    times.push(d);
    totals.push(r.total);
    if (d > slowest.ms) slowest = { term: q, ms: d };
  }
  return { row: { cls, order: order === 'relevance' ? '相关度' : '日期', n: times.length, p50: median(times), p95: pct(times, 95), max: Math.max(...times), hits: median(totals) }, slowest };
}

/** The baseline: substring match with ILIKE, newest first, with the same capped count as the product. */
async function ilikeQuery(db: Executor, today: string, term: string): Promise<number> {
  const p = containsPattern(term);
  const where = sql`${publicWhere(today)} and (r.title ilike ${p} or r.body ilike ${p})`;
  const [c] = await Promise.all([
    db.execute<{ n: number }>(sql`select count(*) as n from (select 1 from catalog_records r where ${where} limit ${COUNT_CAP + 1}) t`),
    db.execute(sql`select r.id, r.title, r.published_at from catalog_records r where ${where} order by r.published_at desc, r.id desc limit 20`),
  ]);
  return Math.min(Number(c.rows[0]!.n), COUNT_CAP);
}

async function measureIlike(db: Executor, today: string, cls: string, terms: string[], budgetSeconds: number): Promise<Row> {
  const times: number[] = [];
  const totals: number[] = [];
  const start = performance.now();
  for (const q of terms) {
    const t = performance.now();
    totals.push(await ilikeQuery(db, today, q));
    times.push(performance.now() - t);
    // A full scan per rare term: keep the baseline's share of the run bounded (at least 3 queries).
    if (times.length >= 3 && performance.now() - start > budgetSeconds * 1000) break;
  }
  return { cls, order: 'ILIKE（日期）', n: times.length, p50: median(times), p95: pct(times, 95), max: Math.max(...times), hits: median(totals) };
}

/**
 * Shared buffers (hit + read) and server execution time summed over the statements one search
 * sends, from EXPLAIN (ANALYZE, BUFFERS): unlike wall time, the buffer count does not depend on
 * what else the machine is doing.
 */
async function searchCost(db: Executor, today: string, term: string, order: Order): Promise<{ buffers: number; ms: number; statements: number }> {
  const captured: SQL[] = [];
  await searchRecords(capturing(db, captured), today, { q: term, order, page: 1, pageSize: 20 });
  let buffers = 0;
  let time = 0;
  for (const stmt of captured) {
    const r = await db.execute<{ 'QUERY PLAN': [{ 'Execution Time': number; Plan: Record<string, number> }] }>(sql`explain (analyze, buffers, format json) ${stmt}`);
    const p = r.rows[0]!['QUERY PLAN'][0];
    buffers += (p.Plan['Shared Hit Blocks'] ?? 0) + (p.Plan['Shared Read Blocks'] ?? 0);
    time += p['Execution Time'];
  }
  return { buffers, ms: time, statements: captured.length };
}

async function explain(db: Executor, q: SQL): Promise<string> {
  const r = await db.execute<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers) ${q}`);
  return r.rows.map((x) => x['QUERY PLAN']).join('\n');
}

/** The dataset of `npm run bench -- catalog` with at least `records` records (reused or extended); bench/pages.ts uses it. */
export async function ensureCatalogDataset(ctx: AppContext, records: number): Promise<{ records: number }> {
  return ensureDataset(ctx, ctx.database.url, { ...env(), records });
}

async function pageLoad(url: string, e: Env): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const r = await autocannon({ url, connections: e.connections, duration: e.seconds });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx };
}

export async function runCatalogBench(ctx: AppContext, baseUrl: string): Promise<void> {
  const e = env();
  const db = ctx.db;
  const meta = await ensureDataset(ctx, ctx.database.url, e);
  // BENCH_LOAD_ONLY=1: build or extend the dataset (e.g. in the background) without measuring.
  if (process.env.BENCH_LOAD_ONLY === '1') return;
  const vocab = buildVocab();
  const q = queryTerms(vocab);
  const today = formatDate(ctx.now());
  const classes: [string, string[]][] = [['罕见', q.rare.slice(0, e.queries)], ['中等', q.medium.slice(0, e.queries)], ['极常见', q.common.slice(0, e.queries)]];
  const pgVersion = (await db.execute<{ v: string }>(sql`select current_setting('server_version') as v`)).rows[0]!.v;
  const total = (await db.execute<{ n: number }>(sql`select count(*)::int as n from catalog_records`)).rows[0]!.n;
  const size = (await db.execute<{ t: string; i: string }>(sql`select pg_size_pretty(pg_total_relation_size('catalog_records')) as t,
    pg_size_pretty(pg_relation_size('catalog_records_search_idx')) as i`)).rows[0]!;

  // Warm-up: every query once (plans, caches, jieba), not measured.
  log('预热…');
  for (const [, terms] of classes) for (const t of terms) for (const order of ['relevance', 'date'] as const) await searchRecords(db, today, { q: t, order, page: 1, pageSize: 20 });

  const rows: Row[] = [];
  const slow: { cls: string; order: Order; term: string; ms: number }[] = [];
  for (const [cls, terms] of classes) {
    for (const order of ['relevance', 'date'] as const) {
      const m = await measureSearch(db, today, cls, terms, order);
      rows.push(m.row);
      slow.push({ cls, order, ...m.slowest });
      log(`  ${cls} ${m.row.order}: p50 ${ms(m.row.p50)} ms, p95 ${ms(m.row.p95)} ms`);
    }
  }
  // The baseline reads the whole table (15 GB at 1M) and evicts the caches the searches use: it runs
  // after all of them. BENCH_ILIKE_SECONDS=0 skips it (a re-run after a search change; it does not change).
  for (const [cls, terms] of e.ilikeSeconds > 0 ? classes : []) {
    await ilikeQuery(db, today, terms[0]!); // warm the heap for the baseline too
    const b = await measureIlike(db, today, cls, terms, e.ilikeSeconds);
    rows.splice(rows.findLastIndex((r) => r.cls === cls) + 1, 0, b);
    log(`  ${cls} ILIKE: p50 ${ms(b.p50)} ms, p95 ${ms(b.p95)} ms (${b.n} 次)`);
  }

  // Load-independent cost per search: buffers touched and server time, every term once.
  const costs: string[] = [];
  for (const [cls, terms] of classes) {
    for (const order of ['relevance', 'date'] as const) {
      const c = [];
      for (const t of terms) c.push(await searchCost(db, today, t, order));
      const b = c.map((x) => x.buffers);
      const t = c.map((x) => x.ms);
      costs.push(`| ${cls} | ${order === 'relevance' ? '相关度' : '日期'} | ${c.length} | ${median(b)} | ${pct(b, 95)} | ${Math.max(...b)} | ${ms(median(t))} | ${ms(pct(t, 95))} | ${Math.max(...c.map((x) => x.statements))} |`);
      log(`  ${cls} ${order}: buffers p50 ${median(b)}, p95 ${pct(b, 95)}; SQL p50 ${ms(median(t))} ms`);
    }
  }

  // EXPLAIN ANALYZE of the slowest query of each class and order, as searchRecords() sent it.
  const plans: string[] = [];
  for (const s of slow) {
    const captured: SQL[] = [];
    await searchRecords(capturing(db, captured), today, { q: s.term, order: s.order, page: 1, pageSize: 20 });
    const parts = [];
    for (const [k, stmt] of captured.entries()) parts.push(`-- statement ${k + 1}\n${await explain(db, stmt)}`);
    plans.push(`### ${s.cls} / ${s.order}: 「${s.term}」 (${ms(s.ms)} ms)\n\n\`\`\`\n${parts.join('\n\n')}\n\`\`\``);
  }

  // Pages under load: a bench record and the search page for a medium term.
  const rec = (await db.execute<{ id: number }>(sql`select id from catalog_records where index_seq >= ${SEQ_BASE} order by id limit 1 offset ${Math.floor(meta.records / 2)}`)).rows[0]!;
  const pages: [string, string][] = [['记录页', `/xxgk/${rec.id}`], ['检索页（中等词）', `/xxgk/search?q=${encodeURIComponent(q.medium[0]!)}`], ['检索页（极常见词）', `/xxgk/search?q=${encodeURIComponent(q.common[0]!)}`]];
  const loads: string[] = [];
  for (const [name, p] of pages) {
    const r = await pageLoad(baseUrl + p, e);
    loads.push(`| ${name} | \`${decodeURIComponent(p)}\` | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
    log(`  ${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`);
  }

  const countOf = (terms: string[]) => terms.map((t) => meta.counts[t] ?? 0);
  const lastLoad = meta.loads.at(-1);
  const out: string[] = [];
  out.push(`Dataset: ${meta.records.toLocaleString('en-US')} synthetic records (${total.toLocaleString('en-US')} rows in catalog_records; table with indexes ${size.t}, search GIN index ${size.i}); PostgreSQL ${pgVersion}; Node.js ${process.version}; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${today}.`, '');
  out.push('Records containing each query term (substring, title + body), per class: min / median / max', '');
  out.push('| class | terms | min | median | max | examples |', '|---|---:|---:|---:|---:|---|');
  for (const [cls, terms] of classes) {
    const c = countOf(terms);
    out.push(`| ${cls} | ${terms.length} | ${Math.min(...c)} | ${median(c)} | ${Math.max(...c)} | ${terms.slice(0, 4).map((t) => `${t} (${meta.counts[t]})`).join('，')} |`);
  }
  out.push('', `Search, page 1 of 20 results with the capped count (${COUNT_CAP.toLocaleString('en-US')}), warm, sequential; times in ms:`, '');
  out.push('| class | query | n | p50 | p95 | max | median total | speed-up p50 vs ILIKE |', '|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const base = rows.find((x) => x.cls === r.cls && x.order === 'ILIKE（日期）');
    const ratio = r === base || !base ? '—' : `${(base.p50 / r.p50).toFixed(0)}×`;
    out.push(`| ${r.cls} | ${r.order} | ${r.n} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${r.hits} | ${ratio} |`);
  }
  out.push('', 'Cost per search from EXPLAIN (ANALYZE, BUFFERS) of every statement it sends (buffers do not depend on machine load; SQL ms does):', '');
  out.push('| class | query | n | buffers p50 | buffers p95 | buffers max | SQL ms p50 | SQL ms p95 | statements |', '|---|---|---:|---:|---:|---:|---:|---:|---:|', ...costs);
  out.push('', `Pages under autocannon (${e.seconds} s, ${e.connections} connections, same machine):`, '');
  out.push('| page | path | req/s | p50 ms | p99 ms | errors |', '|---|---|---:|---:|---:|---:|', ...loads);
  if (lastLoad) {
    out.push('', 'Indexing (generation + toTsvectorInput in worker threads + insert with to_tsvector):', '');
    out.push('| records | seconds | records/s | index rebuilds | vacuum analyze s |', '|---|---:|---:|---|---:|');
    for (const l of meta.loads) out.push(`| ${l.from.toLocaleString('en-US')}–${l.to.toLocaleString('en-US')} | ${l.seconds.toFixed(0)} | ${l.rate.toFixed(0)} | ${l.indexes.map((x) => `${x.name} ${x.seconds.toFixed(0)} s`).join('; ') || 'kept (maintained during load)'} | ${l.vacuumSeconds.toFixed(0)} |`);
  }
  out.push('', '## Plans of the slowest query per class and order', '', ...plans);
  const text = out.join('\n');
  const file = path.resolve('.tmp/bench-data/catalog-result.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text + '\n');
  log('\n' + text.split('\n## Plans')[0]);
  log(`\n（完整结果与执行计划：${file}）`);
}
