#!/usr/bin/env node
// `npm test`: every test (unit, database, browser) through node:test + tsx, TZ=Asia/Shanghai.
// Database tests use TEST_DATABASE_URL if set, otherwise an embedded PostgreSQL started here.
// Browser tests need Chromium: without it they are skipped loudly, or fail when REQUIRE_BROWSER=1.
// `--db-only` runs just the files that talk to PostgreSQL (not pure rules, not browser journeys):
// CI's second pass against the shared server, where only the database differs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules') walk(p, out); }
    else if (/\.test\.tsx?$/.test(e.name)) out.push(path.relative(root, p));
  }
  return out;
}

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
let files = [...walk('src'), ...walk('test')].sort();
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
const isBrowserTest = (f) => f.startsWith('test/e2e/');
// A file uses the database when it imports a support module that opens one (or reads the URL itself).
const DB_MARKER = /support\/(db|server|cli|requests-browser|catalog-public)(\.ts)?['"]|TEST_DATABASE_URL/;
const usesDatabase = (f) => DB_MARKER.test(fs.readFileSync(f, 'utf8'));
const dbOnly = args.includes('--db-only');
if (dbOnly) files = files.filter((f) => !isBrowserTest(f) && usesDatabase(f));

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasBrowser = fs.existsSync(chromium);
const requireBrowser = process.env.REQUIRE_BROWSER === '1';
if (!hasBrowser && files.some(isBrowserTest)) {
  const msg = `Chromium not found at ${chromium}: browser tests (test/e2e) ${requireBrowser ? 'cannot run' : 'are SKIPPED'}.\n  Install it with: apt-get install -y chromium fonts-wqy-microhei`;
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n!! ${msg}\n${bar}\n`);
  if (requireBrowser) process.exit(1);
  files = files.filter((f) => !isBrowserTest(f));
}

let embedded;
console.log(`Running ${files.length} test file(s)${dbOnly ? ' (database tests only)' : ''}.`);
const env = { ...process.env, TZ: process.env.TEST_TZ ?? 'UTC', NODE_ENV: 'test', CHROMIUM_PATH: chromium };
if (!env.TEST_DATABASE_URL) {
  // One embedded server for the whole run; each test file makes its own database from a template.
  const { register } = await import('tsx/esm/api');
  register();
  const { startEmbedded, describeStartupError, removeEmbeddedData } = await import('../src/platform/db/embedded.ts');
  // Per-run data dir and port: several `npm test` runs may share a machine.
  const dataDir = path.join(root, '.tmp', `test-pg-${process.pid}`);
  const port = 55000 + (process.pid % 3000);
  try {
    // A throw-away cluster: nothing in it has to survive a crash of the machine, so no fsync
    // (each test file's CREATE DATABASE and every commit would otherwise wait for the disk).
    const settings = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
    embedded = await startEmbedded({ dataDir, port, database: 'postgres', quiet: true, settings });
  } catch (e) {
    removeEmbeddedData(dataDir);
    console.error(`无法启动测试用的嵌入式数据库：${describeStartupError(e)}`);
    process.exit(1);
  }
  // As root its cluster may live outside the data dir (the postgres user cannot enter a 0700 checkout).
  embedded.cleanup = () => removeEmbeddedData(dataDir);
  env.TEST_DATABASE_URL = embedded.url;
  console.log(`Using embedded PostgreSQL for tests on port ${port}.`);
} else {
  console.log('Using TEST_DATABASE_URL for tests.');
}
env.GONGKAI_TEST_RUN = String(Date.now());

// Our own pool instead of `node --test`'s: each file still runs alone in its own process, but its
// output is printed whole when it ends, with its wall time, and the slowest files are listed at the
// end — CI time is spent where those lines say.
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY ?? 2) || 2);
const FILE_TIMEOUT_MS = Number(process.env.TEST_FILE_TIMEOUT_MS ?? 900_000);
const running = new Set();
let stopping = false;
const results = [];
const tally = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };

/** One process: a file on its own, or a batch of files through scripts/test-batch.mjs. */
function runUnit(unit) {
  return new Promise((resolve) => {
    const started = Date.now();
    const target = unit.files.length === 1 && !unit.batch ? unit.files : ['scripts/test-batch.mjs', ...unit.files];
    const child = spawn(process.execPath, ['--import', 'tsx', '--test-reporter=spec', ...target], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    running.add(child);
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; killTree(child, 'SIGKILL'); }, FILE_TIMEOUT_MS * (unit.batch ? 2 : 1));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const secs = (Date.now() - started) / 1000;
      const counts = {};
      for (const k of Object.keys(tally)) {
        const m = new RegExp(`^ℹ ${k} (\\d+)$`, 'm').exec(out);
        counts[k] = m ? Number(m[1]) : 0;
        tally[k] += counts[k];
      }
      const ok = code === 0 && !timedOut && counts.fail === 0;
      if (unit.batch) {
        // Each file's suite line: "✔ path (N ms)" at the start of a line; a file without one did not finish.
        for (const f of unit.files) {
          const m = new RegExp(`^([✔✖]) ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(([\\d.]+)ms\\)$`, 'm').exec(out);
          results.push({ file: f, secs: m ? Number(m[2]) / 1000 : secs, ok: ok || (m?.[1] === '✔') });
        }
      } else {
        results.push({ file: unit.files[0], secs, ok });
      }
      const why = timedOut ? `，超过 ${FILE_TIMEOUT_MS * (unit.batch ? 2 : 1) / 1000} 秒被终止` : !ok && code !== 0 ? ` (exit ${code ?? signal})` : '';
      const name = unit.batch ? `${unit.files.length} files in one process (${unit.files[0]} …)` : unit.files[0];
      process.stdout.write(`\n${ok ? '▶' : '✖'} ${name} — ${secs.toFixed(1)} s${why}\n${out.replace(/^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) .*\n?/gm, '')}`);
      resolve();
    });
  });
}

function killTree(child, signal) {
  try { process.kill(-child.pid, signal); } catch { try { child.kill(signal); } catch { /* gone */ } }
}

// Longest first, so that no long file starts last and runs alone: by the wall times of the last run
// on this machine (.tmp/test-timings.json) when there is one, else the browser journeys and the files
// that start servers or CLI processes of their own first.
const TIMINGS_FILE = path.join(root, '.tmp', 'test-timings.json');
let timings = {};
try { timings = JSON.parse(fs.readFileSync(TIMINGS_FILE, 'utf8')); } catch { /* first run here */ }
const SPAWNS = /^test\/(startup|resilience|embedded|serve)/;
const guess = (f) => timings[f] ?? (f.startsWith('test/e2e/') ? 60 : SPAWNS.test(f) ? 40 : 10);
// Files that start servers or processes of their own (start-up, resilience …), or that must not
// share a process (a "// test: own process" line), run alone; the rest run in batches
// (scripts/test-batch.mjs), browser journeys in batches of their own (each launches its browser) —
// as many batches as workers times three, filled longest first so they end at about the same time.
// TEST_ISOLATE=1 runs every file alone (to rule out one file disturbing another).
const alone = (f) => process.env.TEST_ISOLATE === '1' || SPAWNS.test(f) || /^\/\/ test: own process/m.test(fs.readFileSync(f, 'utf8'));
function batchesOf(list, n) {
  const batches = Array.from({ length: Math.min(list.length, n) }, () => ({ files: [], batch: true, est: 0 }));
  for (const f of [...list].sort((a, b) => guess(b) - guess(a) || a.localeCompare(b))) {
    const b = batches.reduce((x, y) => (y.est < x.est ? y : x));
    b.files.push(f);
    b.est += guess(f);
  }
  return batches;
}
const batchable = files.filter((f) => !alone(f));
const units = [
  ...files.filter(alone).map((f) => ({ files: [f], batch: false, est: guess(f) })),
  ...batchesOf(batchable.filter((f) => !isBrowserTest(f)), concurrency * 3),
  ...batchesOf(batchable.filter(isBrowserTest), concurrency * 3),
];
const queue = units.sort((a, b) => b.est - a.est);
const suiteStarted = Date.now();
async function worker() {
  while (queue.length && !stopping) await runUnit(queue.shift());
}
const finished = Promise.all(Array.from({ length: Math.min(concurrency, units.length) }, worker)).then(() => {
  const failed = results.filter((r) => !r.ok);
  const slowest = [...results].sort((a, b) => b.secs - a.secs).slice(0, 12);
  console.log(`\n---- slowest files ----\n${slowest.map((r) => `${r.secs.toFixed(1).padStart(7)} s  ${r.file}`).join('\n')}`);
  for (const [k, v] of Object.entries(tally)) console.log(`ℹ ${k} ${v}`);
  console.log(`ℹ files ${results.length}, wall ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s, concurrency ${concurrency}`);
  try {
    fs.mkdirSync(path.dirname(TIMINGS_FILE), { recursive: true });
    fs.writeFileSync(TIMINGS_FILE, JSON.stringify({ ...timings, ...Object.fromEntries(results.map((r) => [r.file, Math.round(r.secs)])) }, null, 1));
  } catch { /* a read-only checkout still reports */ }
  if (failed.length) console.log(`\n✖ failing files:\n${failed.map((r) => `  ${r.file}`).join('\n')}`);
  return failed.length || results.length < files.length ? 1 : 0;
});
// Interrupted (Ctrl-C, a CI time-out): the children, the embedded server and its data do not outlive the run.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, async () => {
    stopping = true;
    for (const c of running) killTree(c, signal);
    if (embedded) { await embedded.stop().catch(() => {}); embedded.cleanup(); }
    process.exit(code);
  });
}
const code = await finished;
if (embedded) {
  await embedded.stop().catch(() => {});
  embedded.cleanup();
}
process.exit(code);
