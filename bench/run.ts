// `npm run bench [-- NAME…]`: starts the platform on its own data (embedded PostgreSQL in
// .tmp/bench-data, or BENCH_DATABASE_URL) with the demo county, then measures each case with
// autocannon and prints req/s and p99 latency. Not part of `npm test`.
// `npm run bench -- catalog` (never part of the default run: it loads BENCH_RECORDS synthetic
// records first) measures catalogue search at scale; see bench/catalog.ts.
// `npm run bench -- requests` (opt-in as well) generates 100,000 closed + 5,000 open 依申请公开 cases in
// its own data directory (.tmp/bench-requests) and measures the clock, the staff pages and submissions;
// see bench/requests.ts.
// `npm run bench -- opinion-e2e [--n 50000]` (opt-in) pushes the generated 政务舆情 stream through the push API
// into a fresh database (.tmp/bench-opinion) in concurrent batches of 500; see bench/opinion-e2e.ts.
// `npm run bench -- search-quality` (opt-in, run on its own) loads the search relevance set into a fresh
// data directory (.tmp/bench-search-quality, recreated each run) and prints recall@5, MRR, the misses and
// per-query latency; see bench/search-quality.ts.
// `npm run bench -- pages` (opt-in) compares the cached public pages with nginx serving the same HTML
// and measures the search page at BENCH_RECORDS (default 100,000) records; see bench/pages.ts.
// `npm run bench -- columns` (opt-in) times the rendered column pages of 法定主动公开内容 on the same dataset,
// with the column counts warm and after a change; see bench/columns.ts.
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/platform/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { buildApp } from '../src/app.ts';
import { isDatabaseEmpty, seedDemo } from '../src/modules/demo/seed.ts';
import { CASES } from './cases.ts';
import { runCatalogBench } from './catalog.ts';
import { runRequestsBench } from './requests.ts';
import { runSearchQualityBench } from './search-quality.ts';
import { runPagesBench } from './pages.ts';
import { runColumnsBench } from './columns.ts';
import { runOpinionE2eBench } from './opinion-e2e.ts';

if (process.argv.includes('opinion')) { await (await import('./opinion.ts')).runOpinionBench(process.argv.slice(2)); process.exit(0); } // pure pipeline, no database
const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const catalog = args.includes('catalog');
const requests = args.includes('requests');
const quality = args.includes('search-quality');
const pages = args.includes('pages');
const columns = args.includes('columns');
const opinionE2e = args.includes('opinion-e2e');
// Numeric values of the opinion-e2e flags (--n 50000) are not bench names.
const names = args.filter((a) => a !== 'catalog' && a !== 'requests' && a !== 'search-quality' && a !== 'pages' && a !== 'columns' && a !== 'opinion-e2e' && !/^\d+$/.test(a));
const selected = names.length ? CASES.filter((c) => names.includes(c.name)) : catalog || requests || quality || pages || columns || opinionE2e ? [] : CASES.filter((c) => !c.optIn);
const unknown = names.filter((n) => !CASES.some((c) => c.name === n));
if (unknown.length || (!selected.length && !catalog && !requests && !quality && !pages && !columns && !opinionE2e)) {
  console.error(`未知的基准测试：${unknown.join(', ')}。可选：catalog, requests, search-quality, pages, columns, opinion, opinion-e2e, ${CASES.map((c) => c.name).join(', ')}`);
  process.exit(2);
}
// The relevance set's numbers hold only for a catalogue that is exactly its corpus.
if (quality && args.length > 1) {
  console.error('search-quality 须单独运行：npm run bench -- search-quality');
  process.exit(2);
}
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

// The requests benchmark keeps its 100,000 cases away from the catalogue's dataset (own directory and port),
// and lifts the per-address submission limit so the API can be loaded from one address.
// opinion-e2e gets a fresh directory each run, so the stored row count is exactly what it pushed.
const dataDir = path.resolve(quality ? '.tmp/bench-search-quality' : opinionE2e ? '.tmp/bench-opinion' : requests && !catalog ? '.tmp/bench-requests' : '.tmp/bench-data');
if (quality || opinionE2e) fs.rmSync(dataDir, { recursive: true, force: true });
const config = loadConfig({
  ...(requests ? { RATE_LIMIT_FORMS: '100000' } : {}),
  ...process.env,
  GONGKAI_DATA_DIR: dataDir,
  GONGKAI_PG_PORT: process.env.BENCH_PG_PORT ?? (opinionE2e ? '54396' : quality ? '54397' : requests && !catalog ? '54398' : '54399'),
  // The relevance set always gets its own fresh embedded database, never a shared one.
  DATABASE_URL: quality || opinionE2e ? '' : process.env.BENCH_DATABASE_URL ?? '',
  LOG_LEVEL: 'silent',
  COOKIE_SECURE: 'false',
});
const rt = await openRuntime({ config, quiet: true });
if (await isDatabaseEmpty(rt.ctx.db)) await seedDemo(rt.ctx);
const app = await buildApp(rt.ctx, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

if (catalog) await runCatalogBench(rt.ctx, base);
if (requests) await runRequestsBench(rt.ctx, base, dataDir);
if (quality) await runSearchQualityBench(rt.ctx, dataDir);
if (pages) await runPagesBench(rt.ctx, base);
if (columns) await runColumnsBench(rt.ctx, base);
if (opinionE2e) await runOpinionE2eBench(rt.ctx, base, process.argv.slice(2));
if (selected.length) console.log(`gongkai bench: ${duration}s per case, ${connections} connections, Node ${process.version}`);
if (selected.length) console.log('case'.padEnd(14), 'path'.padEnd(22), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7));
for (const c of selected) {
  const setup = c.setup ? await c.setup(rt.ctx, base) : {};
  const p = setup.path ?? c.path;
  const r = await autocannon({ url: base + p, connections, duration, headers: setup.headers });
  const errors = r.errors + r.timeouts + r.non2xx;
  console.log(c.name.padEnd(14), p.padEnd(22), r.requests.average.toFixed(0).padStart(9), String(r.latency.p50).padStart(8), String(r.latency.p99).padStart(8), String(errors).padStart(7));
}
await app.close();
await rt.close();
