// `node bin/run-ts.js bench/requests-cpu.ts [--prof] [--n 200] [--sql]`: CPU per request of the staff
// pages of 依申请公开, measured sequentially (one request at a time, so no queueing), on the dataset of
// `npm run bench -- requests` (.tmp/bench-requests; generate it with that benchmark first). Signed in
// as gkb through the real /login form, then N requests per page through app.inject:
//   Node CPU per request (process.cpuUsage), PostgreSQL CPU per request (utime + stime of every process
//   under the embedded postmaster, from /proc), statements per request, wall time.
// --explain adds EXPLAIN (ANALYZE, BUFFERS) of each read. --sql lists the statements of one view of each page with their times; --prof writes a CPU profile
// of the loops (node:inspector) to .tmp/requests-cpu.cpuprofile (open it in Chrome DevTools).
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { loadConfig } from '../src/platform/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { buildApp } from '../src/app.ts';
import { beijingToday } from '../src/platform/time/index.ts';

const argv = process.argv.slice(2);
const N = Number(argv[argv.indexOf('--n') + 1] || 0) || 200;
const prof = argv.includes('--prof');
const listSql = argv.includes('--sql') || argv.includes('--explain');
const explain = argv.includes('--explain');
const dataDir = path.resolve(process.env.BENCH_REQUESTS_DIR ?? '.tmp/bench-requests');
if (!fs.existsSync(path.join(dataDir, 'requests-result.md'))) {
  console.error('没有基准数据：先运行 npm run bench -- requests（或 BENCH_ONLY=pages npm run bench -- requests）。');
  process.exit(2);
}

// Every statement through pg, counted (and timed with --sql).
let statements = 0;
let trace: { text: string; ms: number; full: string; values: unknown[] }[] | null = null;
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  statements++;
  if (trace) {
    const t0 = performance.now();
    const full = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string })?.text ?? '?';
    const values = (Array.isArray(a[1]) ? a[1] : (a[0] as { values?: unknown[] })?.values) ?? [];
    const text = full.replace(/\s+/g, ' ').slice(0, 120);
    const list = trace;
    const done = () => list.push({ text, ms: performance.now() - t0, full, values });
    const cb = a.findIndex((x) => typeof x === 'function');
    if (cb >= 0) { const f = a[cb] as (...x: unknown[]) => unknown; a[cb] = (...x: unknown[]) => { done(); return f(...x); }; }
    const r = query.apply(this, a);
    if (cb < 0 && r && typeof (r as Promise<unknown>).then === 'function') void (r as Promise<unknown>).then(done, done);
    return r;
  }
  return query.apply(this, a);
} as typeof pg.Client.prototype.query;

const config = loadConfig({ ...process.env, GONGKAI_DATA_DIR: dataDir, GONGKAI_PG_PORT: process.env.BENCH_PG_PORT ?? '54398', DATABASE_URL: '', LOG_LEVEL: 'silent', COOKIE_SECURE: 'false' });
const rt = await openRuntime({ config, quiet: true });
const app = await buildApp(rt.ctx, { logger: false });
await app.ready();

/** CPU ticks (1/100 s) of the postmaster's children: the backends, plus background workers (quiet here). */
const postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
function pgTicks(): number {
  let sum = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === postmaster) sum += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return sum;
}

// Sign in as gkb through the form.
const jar = new Map<string, string>();
const keep = (h: string | string[] | undefined) => { for (const c of [h ?? []].flat()) { const [p] = c.split(';'); const i = p.indexOf('='); jar.set(p.slice(0, i), p.slice(i + 1)); } };
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const page = await app.inject({ url: '/login' });
keep(page.headers['set-cookie']);
const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
const password = rt.ctx.demoAccounts().find((a) => a.username === 'gkb')?.password ?? '';
const res = await app.inject({ method: 'POST', url: '/login', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ username: 'gkb', password, _csrf: csrf, next: '/admin/' }).toString() });
keep(res.headers['set-cookie']);
if (res.statusCode !== 303) throw new Error(`login ${res.statusCode}`);

const today = beijingToday(new Date());
const PAGES = [
  '/admin/requests', '/admin/requests?overdue=1', `/admin/requests/stats?year=${today.slice(0, 4)}`,
  `/admin/requests/stats?from=2023-01-01&to=${today}`, '/admin/requests/reminders', '/admin/',
];
const only = argv.filter((a) => a.startsWith('/'));
const session = prof ? new Session() : null;
if (session) { session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 200 }); await session.post('Profiler.start'); }
console.log(`| page | Node CPU ms/req | PostgreSQL CPU ms/req | statements/req | wall ms/req | bytes |`);
console.log(`|---|---:|---:|---:|---:|---:|`);
for (const p of only.length ? only : PAGES) {
  const get = () => app.inject({ url: p, headers: { cookie: cookie() } });
  for (let i = 0; i < 20; i++) { const r = await get(); if (r.statusCode !== 200) throw new Error(`${p}: ${r.statusCode}`); }
  if (listSql) {
    trace = [];
    await get();
    await new Promise((r) => setTimeout(r, 20));
    console.error(`\n${p}: ${trace.length} statements`);
    const list = trace;
    trace = null;
    for (const s of list) {
      console.error(`  ${s.ms.toFixed(2).padStart(7)} ms  ${s.text}`);
      // Reads only: EXPLAIN ANALYZE runs the statement (the session touch's update is a no-op within its minute).
      if (explain && /^\s*(select|with)/i.test(s.full)) {
        const r = await rt.ctx.database.pool.query(`explain (analyze, buffers, summary) ${s.full}`, s.values);
        for (const row of r.rows as { 'QUERY PLAN': string }[]) console.error(`             ${row['QUERY PLAN']}`);
      }
    }
  }
  const s0 = statements;
  const c0 = process.cpuUsage();
  const p0 = pgTicks();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < N; i++) bytes = (await get()).body.length;
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const pgMs = (pgTicks() - p0) * 10;
  console.log(`| \`${p}\` | ${((c.user + c.system) / 1000 / N).toFixed(2)} | ${(pgMs / N).toFixed(2)} | ${((statements - s0) / N).toFixed(1)} | ${(wall / N).toFixed(2)} | ${bytes} |`);
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(path.join(dataDir, '..', 'requests-cpu.cpuprofile'), JSON.stringify(profile));
  console.error('profile: .tmp/requests-cpu.cpuprofile');
}
await app.close();
await rt.close();
