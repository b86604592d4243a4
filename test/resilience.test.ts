// Losing the database under load: the real server (`gongkai serve`, its own embedded PostgreSQL in
// .tmp) takes applications through the JSON API while the postgres process is SIGKILLed. The server
// process must stay up, answer 503 (JSON on the API, the Chinese page in HTML) while the database is
// away, restart the embedded server by itself and serve again within seconds; every application it
// acknowledged with a tracking number is in the database afterwards and gets its 登记回执 (the job
// worker resumes). Local addresses only; every loop is bounded.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from './support/cli.ts';
import { removeEmbeddedData } from '../src/platform/db/embedded-native.ts';
import { freePort } from './support/net.ts';

const dataDir = path.join(repoRoot, '.tmp', `resilience-${process.pid}`);
let server: ChildProcess | undefined;
let output = '';


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

after(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    for (let i = 0; i < 100 && server.exitCode === null; i++) await sleep(100);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  // Never leave a postgres behind, whatever happened above.
  try { const pid = postmasterPid(); if (pid && alive(pid)) process.kill(pid, 'SIGKILL'); } catch { /* no pid file */ }
  removeEmbeddedData(dataDir); // and its cluster, which running as root moves out of a 0700 checkout
});

test('SIGKILL of the embedded PostgreSQL under load: 503 meanwhile, back by itself, no acknowledged application lost', { timeout: 120_000 }, async () => {
  const port = await freePort();
  const pgPort = await freePort();
  fs.rmSync(dataDir, { recursive: true, force: true });
  server = spawn(process.execPath, [path.join(repoRoot, 'bin/gongkai.js'), 'serve'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '', TZ: 'Asia/Shanghai', GONGKAI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1',
      GONGKAI_PG_PORT: String(pgPort), GONGKAI_DEMO: 'true', LOG_LEVEL: 'warn', RATE_LIMIT_FORMS: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => { output += d; });
  server.stderr!.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 900 && !output.includes('gongkai 已启动') && server.exitCode === null; i++) await sleep(100);
  assert.ok(output.includes('gongkai 已启动'), `server did not start:\n${output}`);

  const password = fs.readFileSync(path.join(dataDir, 'pg.password'), 'utf8').trim();
  const db = new pg.Pool({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/gongkai`, max: 2 });
  db.on('error', () => {});
  try {
    const org = await db.query<{ id: number }>(`select id from org_units where short_name = '县教体局'`);
    const orgId = Number(org.rows[0]!.id);

    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let unavailableJson = 0;
    let seq = 0;
    const apply = async (): Promise<void> => {
      const n = ++seq;
      try {
        const res = await fetch(`${base}/api/v1/requests`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(15_000),
          body: JSON.stringify({
            orgId, kind: 'disclosure', applicantType: 'natural', applicantName: '王小明', idType: 'id_card', idNumber: '11010519491231002X',
            phone: '13912345678', email: 'wxm@example.com', address: '云溪县青石镇和平街3号', postcode: '334600',
            infoDescription: `第${n}号：2025年义务教育学校校舍维修项目招标的中标结果和合同金额`, forms: ['paper'], delivery: 'post',
          }),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const body = await res.json() as { trackingNo?: string; error?: { code: string; message: string } };
        if (res.status === 201 && body.trackingNo) acknowledged.push(body.trackingNo);
        else if (res.status === 503) {
          assert.equal(body.error?.code, 'unavailable');
          assert.match(body.error!.message, /系统正在恢复数据库连接/);
          assert.ok(res.headers.get('retry-after'));
          unavailableJson++;
        } else assert.fail(`unexpected ${res.status}: ${JSON.stringify(body)}`);
      } catch (e) {
        if (e instanceof assert.AssertionError) throw e;
        statuses.set(-1, (statuses.get(-1) ?? 0) + 1); // connection-level failure: not acknowledged
      }
    };
    // Three clients applying in a loop until told to stop (bounded by the deadline).
    let stop = false;
    const deadline = Date.now() + 45_000;
    const load = Promise.all([1, 2, 3].map(async () => { while (!stop && Date.now() < deadline) await apply(); }));

    await sleep(1500);
    const before = acknowledged.length;
    assert.ok(before > 0, 'applications are acknowledged before the kill');
    const pid = postmasterPid();
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();

    // The portal page while the database is away: the Chinese 503 page (it renders without the database).
    let html503 = false;
    let recoveredAfter = -1;
    while (Date.now() - killedAt < 20_000) {
      const res = await fetch(`${base}/`, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(10_000) }).catch(() => null);
      if (res?.status === 503) {
        const text = await res.text();
        assert.match(res.headers.get('content-type') ?? '', /text\/html/);
        assert.match(text, /系统正在恢复数据库连接，请稍后刷新重试。/);
        html503 = true;
      } else if (res?.status === 200 && (html503 || Date.now() - killedAt > 1000) && postmasterPid() !== pid) {
        await res.text();
        recoveredAfter = Date.now() - killedAt;
        break;
      } else await res?.text();
      await sleep(50);
    }
    assert.ok(html503, 'the HTML portal answered the Chinese 503 page during the outage');
    assert.ok(recoveredAfter >= 0 && recoveredAfter < 15_000, `service back within 15 s (took ${recoveredAfter} ms)`);
    // Applications are acknowledged again after the restart.
    const afterRestart = acknowledged.length;
    for (let i = 0; i < 100 && acknowledged.length < afterRestart + 5; i++) await sleep(100);
    stop = true;
    await load;
    assert.ok(acknowledged.length >= afterRestart + 5, `applications acknowledged after the restart (${JSON.stringify([...statuses])})`);
    assert.ok(unavailableJson > 0, `the API answered 503 during the outage (${JSON.stringify([...statuses])})`);
    assert.equal(server.exitCode, null, 'the server process is still running');
    assert.ok(alive(server.pid!), 'the server process is still running');
    assert.match(output, /嵌入式数据库已重启/);

    // Every acknowledged application is stored, and the worker (resumed) builds each one's receipt.
    const stored = await db.query<{ tracking_no: string }>('select tracking_no from request_cases where tracking_no = any($1)', [acknowledged]);
    assert.equal(stored.rowCount, acknowledged.length, 'no acknowledged application is lost');
    let withReceipt = 0;
    for (let i = 0; i < 200; i++) {
      const r = await db.query<{ n: number }>(`select count(distinct c.id)::int as n from request_cases c join request_documents d on d.case_id = c.id and d.kind = 'receipt'
        where c.tracking_no = any($1)`, [acknowledged]);
      withReceipt = Number(r.rows[0]!.n);
      if (withReceipt === acknowledged.length) break;
      await sleep(100);
    }
    assert.equal(withReceipt, acknowledged.length, 'every acknowledged application gets its 登记回执');
  } finally {
    await db.end();
  }
});
