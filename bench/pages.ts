// `npm run bench -- pages`: public pages against nginx serving the same HTML as static files.
// Makes sure the catalogue holds BENCH_RECORDS synthetic records (default 100,000; the dataset of
// `npm run bench -- catalog`, reused or extended), saves the record page, the home page and a column
// page as files, starts nginx unprivileged on its own prefix and port under .tmp/bench-nginx, and
// measures each page with autocannon (a worker thread, BENCH_CONNECTIONS, BENCH_SECONDS):
//   cached  — the same URL again and again (what a reader sees after the first render),
//   render  — a fresh query parameter per request (_n=…), so every request is rendered,
//   nginx   — the saved file.
// Then the search page for a rare, a medium and a very common term, cached and rendered.
// Prints Markdown (also saved to .tmp/bench-data/pages-result.md).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../src/app-context.ts';
import { publicPagesChanged } from '../src/platform/http/page-cache.ts';
import { buildVocab, queryTerms } from './catalog-gen.ts';
import { ensureCatalogDataset } from './catalog.ts';

type Env = { records: number; seconds: number; connections: number; nginx: string; nginxPort: number; nginxWorkers: string };

function env(): Env {
  const n = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
  return {
    records: n('BENCH_RECORDS', 100_000),
    seconds: n('BENCH_SECONDS', 10),
    connections: n('BENCH_CONNECTIONS', 20),
    nginx: process.env.BENCH_NGINX ?? '/usr/sbin/nginx',
    nginxPort: n('BENCH_NGINX_PORT', 18_480),
    // One worker: the Node.js server under test is one process too.
    nginxWorkers: process.env.BENCH_NGINX_WORKERS ?? '1',
  };
}

const log = (...a: unknown[]) => console.log(...a);

type Load = { rps: number; p50: number; p99: number; errors: number; bytes: number };

/** autocannon in a worker thread (bench/load-worker.mjs), so the load does not share the server's event loop. */
function load(url: string, e: Env, idReplacement = false): Promise<Load> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { url, connections: e.connections, duration: e.seconds, idReplacement } });
    w.once('message', (m: { error?: string; times: number[]; byStatus: Record<string, number>; rps: number; errors: number }) => {
      void w.terminate();
      if (m.error) return reject(new Error(m.error));
      const t = m.times.sort((a, b) => a - b);
      const q = (p: number) => t[Math.min(t.length - 1, Math.max(0, Math.ceil(p * t.length) - 1))] ?? NaN;
      const r1 = (x: number) => Math.round(x * 10) / 10;
      resolve({ rps: m.rps, p50: r1(q(0.5)), p99: r1(q(0.99)), errors: m.errors + (t.length - (m.byStatus['200'] ?? 0)), bytes: 0 });
    });
    w.once('error', reject);
  });
}

function nginxConf(prefix: string, root: string, e: Env): string {
  return `worker_processes ${e.nginxWorkers};
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  types { text/html html; }
  default_type text/html;
  charset utf-8;
  server {
    listen 127.0.0.1:${e.nginxPort};
    root ${root};
  }
}
`;
}

async function startNginx(e: Env, pages: Record<string, string>): Promise<{ base: string; stop: () => Promise<void> }> {
  if (!fs.existsSync(e.nginx)) throw new Error(`未找到 nginx（${e.nginx}）：请安装 Debian 软件包 nginx，或以 BENCH_NGINX 指定路径`);
  const prefix = path.resolve('.tmp/bench-nginx');
  const root = path.join(prefix, 'html');
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  for (const [name, html] of Object.entries(pages)) fs.writeFileSync(path.join(root, `${name}.html`), html);
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, nginxConf(prefix, root, e));
  const child: ChildProcess = spawn(e.nginx, ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'error.log')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${e.nginxPort}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx 未能启动（退出码 ${child.exitCode}），见 ${prefix}/error.log`);
    try {
      if ((await fetch(`${base}/home.html`)).ok) break;
    } catch { /* not listening yet */ }
    if (i > 100) throw new Error('nginx 5 秒内未开始监听');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGQUIT');
    }),
  };
}

const fmt = (n: number) => n.toFixed(0);

export async function runPagesBench(ctx: AppContext, base: string): Promise<void> {
  const e = env();
  const meta = await ensureCatalogDataset(ctx, e.records);
  // BENCH_LOAD_ONLY=1: build or extend the dataset without measuring (as for the catalog bench).
  if (process.env.BENCH_LOAD_ONLY === '1') return;
  // The dataset was loaded by SQL while the server was up: nothing rendered before counts.
  publicPagesChanged();
  const db = ctx.db;
  const total = (await db.execute<{ n: number }>(sql`select count(*)::int as n from catalog_records where status = 'published'`)).rows[0]!.n;
  const rec = (await db.execute<{ id: number }>(sql`select id from catalog_records where status = 'published' and disclosure = 'active' and withdrawn_at is null
    order by published_at desc limit 1 offset 100`)).rows[0];
  if (!rec) throw new Error('目录中没有已公开的记录');
  const targets: [string, string, string][] = [
    ['record', '记录页', `/xxgk/${rec.id}`],
    ['home', '首页', '/'],
    ['column', '栏目页（工作信息）', '/xxgk/fdzdgknr/?category=gzxx'],
  ];
  const html: Record<string, string> = {};
  for (const [name, , p] of targets) {
    const r = await fetch(base + p);
    if (r.status !== 200) throw new Error(`${p}: HTTP ${r.status}`);
    if (!/^public/.test(r.headers.get('cache-control') ?? '')) throw new Error(`${p}: 未标记为可缓存（${r.headers.get('cache-control')}）`);
    html[name] = await r.text();
  }
  const nginx = await startNginx(e, html);
  const out: string[] = [];
  try {
    log(`页面基准：${e.seconds} 秒/项，${e.connections} 个连接，nginx ${e.nginxWorkers} 个工作进程`);
    const rows: string[] = [];
    for (const [name, label, p] of targets) {
      const cached = await load(base + p, e);
      const render = await load(base + p + (p.includes('?') ? '&' : '?') + '_n=[<id>]', e, true);
      const ng = await load(`${nginx.base}/${name}.html`, e);
      const kb = (Buffer.byteLength(html[name]!) / 1024).toFixed(1);
      rows.push(`| ${label} | \`${p}\` | ${kb} | ${fmt(cached.rps)} | ${cached.p50} / ${cached.p99} | ${fmt(render.rps)} | ${render.p50} / ${render.p99} | ${fmt(ng.rps)} | ${ng.p50} / ${ng.p99} | ${(cached.rps / ng.rps).toFixed(2)}× | ${cached.errors + render.errors + ng.errors} |`);
      log(`  ${label}: 缓存 ${fmt(cached.rps)}，渲染 ${fmt(render.rps)}，nginx ${fmt(ng.rps)} 次/秒（${(cached.rps / ng.rps).toFixed(2)}×）`);
    }
    const q = queryTerms(buildVocab());
    const terms: [string, string][] = [['罕见', q.rare[0]!], ['中等', q.medium[0]!], ['极常见', q.common[0]!]];
    const searchRows: string[] = [];
    for (const [cls, term] of terms) {
      const p = `/xxgk/search?q=${encodeURIComponent(term)}`;
      const first = await fetch(base + p);
      const m = /共找到(超过)? <strong>(\d+)<\/strong>/.exec(await first.text());
      const found = m ? `${m[1] ? '> ' : ''}${m[2]}` : '0';
      const cached = await load(base + p, e);
      const render = await load(base + p + '&_n=[<id>]', e, true);
      searchRows.push(`| ${cls} | ${term} | ${found} | ${fmt(cached.rps)} | ${cached.p50} / ${cached.p99} | ${fmt(render.rps)} | ${render.p50} / ${render.p99} | ${cached.errors + render.errors} |`);
      log(`  检索「${term}」（${cls}）：缓存 ${fmt(cached.rps)}，渲染 ${fmt(render.rps)} 次/秒`);
    }
    out.push(`Dataset: ${meta.records.toLocaleString('en-US')} synthetic records + the demo county (${total.toLocaleString('en-US')} published); Node.js ${process.version}; nginx ${e.nginxWorkers} worker(s); ${os.cpus().length} cores; load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}.`, '');
    out.push(`Pages (${e.seconds} s each, ${e.connections} connections; latency p50 / p99 in ms; ratio = cached ÷ nginx):`, '');
    out.push('| page | path | KiB | cached req/s | ms | rendered req/s | ms | nginx req/s | ms | ratio | errors |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|', ...rows);
    out.push('', 'Search page (cached: the same URL; rendered: a fresh `_n` per request, so each one runs the search):', '');
    out.push('| class | term | results | cached req/s | ms | rendered req/s | ms | errors |', '|---|---|---:|---:|---:|---:|---:|---:|', ...searchRows);
  } finally {
    await nginx.stop();
  }
  const text = out.join('\n');
  const file = path.resolve('.tmp/bench-data/pages-result.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text + '\n');
  log('\n' + text);
  log(`\n（结果已保存：${file}）`);
}
