// `npm run bench -- requests`: 依申请公开 at scale. Generates BENCH_CLOSED closed (default 100,000)
// and BENCH_OPEN open (default 5,000) cases with realistic timelines in SQL (generate_series, no
// row-by-row inserts; an existing dataset of the same size is reused), then measures:
//   1. recomputing every open case's clock (clock.ts recomputeOpenCases), and a real calendar change
//      (an admin override through the calendar use case, which recomputes affected open cases in its
//      transaction) and its undo — target < 5 s;
//   2. the staff queue and the statistics page under autocannon, signed in — target p95 < 100 ms;
//   3. submissions/s through POST /api/v1/requests, then counts rows: every 201 must be a row.
// Prints Markdown (also saved to <data dir>/requests-result.md).
import { beijingToday } from '../src/platform/time/index.ts';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../src/app-context.ts';
import { addDays, addWorkingDays, isWorkingDay } from '../src/calendar/index.ts';
import { removeAdminOverride, setAdminOverride } from '../src/calendar/use-cases.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit/index.ts';
import { withTx } from '../src/platform/db/index.ts';
import { recomputeOpenCases } from '../src/modules/requests/clock.ts';
import { loadOpenCases, loadSettings, planReminders } from '../src/modules/requests/reminders.ts';
import { computeStats } from '../src/modules/requests/stats.ts';
import { refreshDemoAccounts } from '../src/runtime.ts';

type Env = { closed: number; open: number; seconds: number; connections: number; submitSeconds: number; pagesOnly: boolean };

function env(): Env {
  const n = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
  return {
    closed: n('BENCH_CLOSED', 100_000),
    open: n('BENCH_OPEN', 5_000),
    seconds: n('BENCH_SECONDS', 10),
    connections: n('BENCH_CONNECTIONS', 10),
    submitSeconds: n('BENCH_SUBMIT_SECONDS', 10),
    // BENCH_ONLY=pages: just the page latencies (quicker while working on one page; the dataset is unchanged).
    pagesOnly: process.env.BENCH_ONLY === 'pages',
  };
}

const log = (...a: unknown[]) => console.log(...a);
const secs = (ms: number) => (ms / 1000).toFixed(2);

async function counts(ctx: AppContext): Promise<{ closed: number; open: number }> {
  const r = await ctx.db.execute<{ closed: number; open: number }>(sql`select
    count(*) filter (where tracking_no like 'BENCH-C%')::int as closed, count(*) filter (where tracking_no like 'BENCH-O%')::int as open
    from request_cases`);
  return r.rows[0]!;
}

/** A few encrypted applicants, reused by every generated case (valid ciphertexts; the values do not matter here). */
function applicants(ctx: AppContext, n = 200) {
  const names: string[] = [];
  const ids: string[] = [];
  const bidx: string[] = [];
  const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  for (let i = 0; i < n; i++) {
    const idNo = `36${String(100000 + i).padStart(6, '0')}19${String(70 + (i % 30)).padStart(2, '0')}0101${String(i % 1000).padStart(3, '0')}X`;
    names.push(ctx.fieldCipher.encrypt(`${SURNAMES[i % SURNAMES.length]}某${i}`));
    ids.push(ctx.fieldCipher.encrypt(idNo));
    bidx.push(ctx.fieldCipher.blindIndex(idNo));
  }
  return { names, ids, bidx };
}

const DESCRIPTIONS = [
  '2025年县级义务教育学校校舍维修项目的招标文件和中标结果', '本村土地征收补偿标准及补偿款发放明细', '城区老旧小区改造项目的立项批复文件',
  '县级财政预算执行情况和决算报告', '某路段道路拓宽工程的环境影响评价报告', '2024年度农业补贴资金发放名单', '县人民医院医疗设备采购合同',
  '城关镇污水处理厂运行监测数据', '某企业安全生产行政处罚决定书', '公租房分配名单及审核标准', '农村危房改造补助对象名单', '学区划分方案及依据',
];

/** Generates the dataset in a few SQL statements; returns seconds spent. */
async function generate(ctx: AppContext, e: Env, today: string): Promise<number> {
  const t0 = performance.now();
  const { db } = ctx;
  await db.execute(sql`delete from request_cases where tracking_no like 'BENCH-%'`);
  const orgs = (await db.execute<{ id: number }>(sql`select id from org_units where kind in ('department', 'town', 'zone', 'office') order by id`)).rows.map((r) => Number(r.id));
  const cbr = (await db.execute<{ id: number; org_id: number }>(sql`select id, org_id from users where username = 'cbr'`)).rows[0];
  const a = applicants(ctx);
  const arr = (xs: readonly (string | number)[], t: string) => sql`${'{' + xs.map((x) => typeof x === 'number' ? String(x) : '"' + x.replace(/"/g, '\\"') + '"').join(',') + '}'}::${sql.raw(t)}[]`;
  const common = {
    orgs: arr(orgs, 'int'), names: arr(a.names, 'text'), ids: arr(a.ids, 'text'), bidx: arr(a.bidx, 'text'), descs: arr(DESCRIPTIONS, 'text'),
    // Weighted picks: repeated codes are more common (roughly an annual report's shape).
    outcomes: arr(['1', '1', '1', '1', '1', '1', '2', '2', '2', '3.4', '3.6', '3.5', '4.1', '4.1', '4.1', '4.1', '4.2', '5.2', '5.1', '6.1', '6.3'], 'text'),
    types: arr(['natural', 'natural', 'natural', 'natural', 'natural', 'natural', 'natural', 'commercial', 'commercial', 'research', 'public_interest', 'legal_services', 'other'], 'text'),
    channels: arr(['online', 'online', 'online', 'online', 'online', 'in_person', 'in_person', 'registered_mail', 'registered_mail', 'ordinary_mail', 'email', 'fax', 'oral'], 'text'),
  };
  const pick = (a: ReturnType<typeof arr>, r: string) => sql`(${a})[1 + floor(${sql.raw(r)} * array_length(${a}, 1))::int]`;
  const cols = sql`tracking_no, tracking_year, tracking_seq, query_code_hash, kind, org_id, channel, status, rule_set, applicant_type,
    applicant_name_enc, id_type, id_number_enc, id_number_bidx, info_description, forms, delivery, submitted_at, received_on, receipt_basis,
    statutory_due_on, internal_due_on, outcome, replied_on, closed_at, handler_id`;

  await withTx(db, async (tx) => {
    await tx.execute(sql`select setseed(0.4242)`);
    // Closed: received 2023-01-02 … ~2026-10, replied 3–33 days later; due ≈ 20 working days (28 days).
    const start = '2023-01-02';
    const span = Math.max(30, Math.floor((Date.parse(addDays(today, -40)) - Date.parse(start)) / 86_400_000));
    for (let from = 1; from <= e.closed; from += 50_000) {
      const to = Math.min(e.closed, from + 49_999);
      await tx.execute(sql`insert into request_cases (${cols})
        select 'BENCH-C' || g.i, extract(year from g.rec)::int, 1000000 + g.i, 'bench', 'disclosure', ${pick(common.orgs, 'g.r1')}, ${pick(common.channels, 'g.r2')},
          'closed', '条例2019', ${pick(common.types, 'g.r3')},
          (${common.names})[1 + g.i % 200], 'id_card', (${common.ids})[1 + g.i % 200], (${common.bidx})[1 + g.i % 200], (${common.descs})[1 + g.i % 12],
          '["electronic"]'::jsonb, 'email', g.rec::timestamp at time zone 'Asia/Shanghai', g.rec, '基准测试数据',
          g.rec + 28, g.rec + 21, ${pick(common.outcomes, 'g.r4')}, g.rec + g.dur, (g.rec + g.dur)::timestamp at time zone 'Asia/Shanghai' + interval '10 hours', null
        from (select i, random() as r1, random() as r2, random() as r3, random() as r4,
                date '2023-01-02' + floor(random() * ${span})::int as rec, 3 + floor(random() * 31)::int as dur
              from generate_series(${from}::int, ${to}::int) as i) as g`);
    }
    // Their timelines: received, replied; 10 % had a 补正 (5 days), 5 % a third-party consultation (7 days).
    await tx.execute(sql`insert into request_events (case_id, type, occurred_on, data, actor_name)
      select c.id, 'received', c.received_on, '{}'::jsonb, '基准测试' from request_cases c where c.tracking_no like 'BENCH-C%'
      union all select c.id, 'replied', c.replied_on, jsonb_build_object('outcome', c.outcome), '基准测试' from request_cases c where c.tracking_no like 'BENCH-C%'
      union all select c.id, 'correction_sent', c.received_on + 1, '{}'::jsonb, '基准测试' from request_cases c where c.tracking_no like 'BENCH-C%' and c.id % 10 = 0 and c.replied_on > c.received_on + 6
      union all select c.id, 'correction_received', c.received_on + 6, '{}'::jsonb, '基准测试' from request_cases c where c.tracking_no like 'BENCH-C%' and c.id % 10 = 0 and c.replied_on > c.received_on + 6
      union all select c.id, 'pause_start', c.received_on + 2, jsonb_build_object('reason', 'third_party', 'to', c.received_on + 9), '基准测试' from request_cases c where c.tracking_no like 'BENCH-C%' and c.id % 20 = 3 and c.replied_on > c.received_on + 9
      union all select c.id, 'pause_end', c.received_on + 9, '{}'::jsonb, '基准测试' from request_cases c where c.tracking_no like 'BENCH-C%' and c.id % 20 = 3 and c.replied_on > c.received_on + 9`);

    // Open: received on working days of the last ~6 weeks; a status mix with the matching open events.
    const days: string[] = [];
    // Received at least 8 working days ago, so every generated step (up to the 6th working day) lies in the past.
    for (let d = addDays(today, -50); d <= today; d = addDays(d, 1)) if (isWorkingDay(cal, d)) days.push(d);
    days.splice(days.length - 8);
    await tx.execute(sql`insert into request_cases (${cols})
      select 'BENCH-O' || g.i, extract(year from g.rec)::int, 2000000 + g.i, 'bench', 'disclosure', g.org, ${pick(common.channels, 'g.r2')},
        case when g.i % 20 < 14 then 'handling' when g.i % 20 < 16 then 'awaiting_supplement' when g.i % 20 < 18 then 'consulting' when g.i % 20 = 18 then 'awaiting_fee' else 'reply_review' end,
        '条例2019', ${pick(common.types, 'g.r3')},
        (${common.names})[1 + g.i % 200], 'id_card', (${common.ids})[1 + g.i % 200], (${common.bidx})[1 + g.i % 200], (${common.descs})[1 + g.i % 12],
        '["electronic"]'::jsonb, 'email', g.rec::timestamp at time zone 'Asia/Shanghai', g.rec, '基准测试数据',
        null, null, null, null, null, case when g.org = ${cbr?.org_id ?? 0} and g.i % 3 > 0 then ${cbr?.id ?? null}::int end
      from (select i, ${pick(common.orgs, 'random()')} as org, random() as r2, random() as r3, (${arr(days, 'date')})[1 + i % ${days.length}] as rec
            from generate_series(1, ${e.open}::int) as i) as g`);
    // The open timelines (dates are working days after receipt, within the 补正 window of 7 working days).
    const later = arr(days.concat(nextDays(today, 30)), 'date');
    const wd = (n: number) => sql`(select x.d from unnest(${later}) as x(d) where x.d > c.received_on order by x.d limit 1 offset ${n - 1})`;
    await tx.execute(sql`insert into request_events (case_id, type, occurred_on, data, actor_name)
      select c.id, 'received', c.received_on, '{}'::jsonb, '基准测试' from request_cases c where c.tracking_no like 'BENCH-O%'
      union all select c.id, 'correction_sent', ${wd(2)}, '{}'::jsonb, '基准测试' from request_cases c where c.tracking_no like 'BENCH-O%' and (c.status = 'awaiting_supplement' or c.id % 11 = 0)
      union all select c.id, 'correction_received', ${wd(5)}, '{}'::jsonb, '基准测试' from request_cases c where c.tracking_no like 'BENCH-O%' and c.status <> 'awaiting_supplement' and c.id % 11 = 0
      union all select c.id, 'pause_start', ${wd(3)}, jsonb_build_object('reason', 'third_party'), '基准测试' from request_cases c where c.tracking_no like 'BENCH-O%' and (c.status = 'consulting' or c.id % 13 = 0) and c.status not in ('awaiting_supplement')
      union all select c.id, 'pause_end', ${wd(6)}, '{}'::jsonb, '基准测试' from request_cases c where c.tracking_no like 'BENCH-O%' and c.status not in ('consulting', 'awaiting_supplement') and c.id % 13 = 0
      union all select c.id, 'fee_notice', ${wd(3)}, jsonb_build_object('reason', 'fee'), '基准测试' from request_cases c where c.tracking_no like 'BENCH-O%' and c.status = 'awaiting_fee'
      union all select c.id, 'extension_approved', ${wd(4)}, jsonb_build_object('days', 10), '基准测试' from request_cases c where c.tracking_no like 'BENCH-O%' and c.status in ('handling', 'reply_review') and c.id % 7 = 0`);
  });
  // As autovacuum leaves a live database: statistics and the visibility map (index-only scans).
  await db.execute(sql`vacuum analyze request_cases`);
  await db.execute(sql`vacuum analyze request_events`);
  return (performance.now() - t0) / 1000;
}

let cal: Awaited<ReturnType<AppContext['calendar']['get']>>;
function nextDays(today: string, n: number): string[] {
  const out: string[] = [];
  for (let d = addDays(today, 1); out.length < n; d = addDays(d, 1)) if (isWorkingDay(cal, d)) out.push(d);
  return out;
}

/** Signs in through the real form and returns the cookie header. */
async function login(base: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => { for (const c of res.headers.getSetCookie()) { const [p] = c.split(';'); const i = p.indexOf('='); jar.set(p.slice(0, i), p.slice(i + 1)); } };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${base}/login`);
  keep(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ username, password, _csrf: csrf, next: '/admin/' }).toString(),
  });
  keep(res);
  if (res.status !== 303) throw new Error(`无法以 ${username} 登录（HTTP ${res.status}）`);
  return cookie();
}

type Lat = { path: string; rps: number; p50: number; p95: number; p99: number; errors: number; requests: number };

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * autocannon with every response time kept (its histogram has no p95), in a worker thread: the load
 * generator must not compete with the server for its own event loop.
 */
async function measure(url: string, opts: { connections: number; duration: number; headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: string; expect?: number }): Promise<Lat & { byStatus: Map<number, number> }> {
  const r = await new Promise<{ times: number[]; byStatus: Record<string, number>; rps: number; errors: number }>((resolve, reject) => {
    const w = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { url, ...opts } });
    w.once('message', (m: { error?: string; times: number[]; byStatus: Record<string, number>; rps: number; errors: number }) => {
      void w.terminate();
      if (m.error) reject(new Error(m.error)); else resolve(m);
    });
    w.once('error', reject);
  });
  const times = r.times.sort((a, b) => a - b);
  const byStatus = new Map(Object.entries(r.byStatus).map(([k, v]) => [Number(k), v]));
  const ok = byStatus.get(opts.expect ?? 200) ?? 0;
  return {
    path: new URL(url).pathname + new URL(url).search, rps: r.rps, requests: times.length,
    p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99),
    errors: r.errors + (times.length - ok), byStatus,
  };
}

export async function runRequestsBench(ctx: AppContext, base: string, dataDir: string): Promise<void> {
  const e = env();
  const out: string[] = [];
  const say = (s = '') => { out.push(s); log(s); };
  cal = await ctx.calendar.get();
  const today = beijingToday(ctx.now());

  const have = await counts(ctx);
  let genSeconds: number | null = null;
  if (have.closed !== e.closed || have.open !== e.open) {
    log(`生成数据：${e.closed} 件已办结、${e.open} 件办理中…`);
    genSeconds = await generate(ctx, e, today);
  }
  const total = (await ctx.db.execute<{ n: number; ev: number }>(sql`select (select count(*) from request_cases)::int as n, (select count(*) from request_events)::int as ev`)).rows[0]!;
  say(`## 依申请公开（npm run bench -- requests）`);
  say();
  say(`${new Date().toISOString().slice(0, 10)}，Node ${process.version}，${e.closed.toLocaleString('en')} 件已办结 + ${e.open.toLocaleString('en')} 件办理中（共 ${total.n.toLocaleString('en')} 件、${total.ev.toLocaleString('en')} 条办理记录）` +
    (genSeconds != null ? `；生成用时 ${genSeconds.toFixed(1)} 秒。` : '（复用已有数据）。'));
  say();

  if (!e.pagesOnly) await clockAndComputations(ctx, today, say);
  await pagesAndSubmissions(ctx, base, e, today, say);
  fs.writeFileSync(path.join(dataDir, 'requests-result.md'), out.join('\n') + '\n');
}

async function clockAndComputations(ctx: AppContext, today: string, say: (s?: string) => void): Promise<void> {
  // 1. Clock recomputation.
  say('### 期限重算（目标 < 5 秒）');
  say();
  say('| 操作 | 重算件数 | 期限变动 | 用时 | 其中 读取 / 计算 / 写入 |');
  say('|---|---:|---:|---:|---|');
  {
    const t0 = performance.now();
    const r = await withTx(ctx.db, (tx) => recomputeOpenCases(tx, cal, { reason: '基准测试：全部重算', today }));
    const ms = performance.now() - t0;
    say(`| 全部办理中案件重算（recomputeOpenCases） | ${r.recomputed} | ${r.moved} | ${secs(ms)} 秒 | ${r.ms.load} / ${r.ms.compute} / ${r.ms.store} ms${r.failed.length ? `；${r.failed.length} 件无法计算` : ''} |`);
  }
  {
    // A working day inside most open cases' spans becomes a holiday, then the change is undone.
    const date = addWorkingDays(cal, today, 3);
    await removeAdminOverride(ctx, SYSTEM_ACTOR, date).catch(() => undefined);
    let t0 = performance.now();
    const set = await setAdminOverride(ctx, SYSTEM_ACTOR, { date, isOffDay: true, name: '基准测试调休', note: '基准测试' });
    let ms = performance.now() - t0;
    say(`| 日历调整：${date} 改为放假（事务内重算受影响案件 + 审计） | — | ${set.recalculated} | ${secs(ms)} 秒 | |`);
    t0 = performance.now();
    const undo = await removeAdminOverride(ctx, SYSTEM_ACTOR, date);
    ms = performance.now() - t0;
    say(`| 撤销该调整 | — | ${undo.ok ? undo.recalculated : '—'} | ${secs(ms)} 秒 | |`);
  }
  say();

  // 2. The computations behind the pages, uncached and sequential (the page caches statistics for a minute).
  {
    const orgs = (await ctx.db.execute<{ id: number; name: string }>(sql`select id, name from org_units order by id`)).rows;
    const runs = async (fn: () => Promise<unknown>, n = 5) => {
      const ts: number[] = [];
      for (let i = 0; i < n; i++) { const t0 = performance.now(); await fn(); ts.push(performance.now() - t0); }
      ts.sort((a, b) => a - b);
      return `${ts[Math.floor(n / 2)].toFixed(0)}（${ts[0].toFixed(0)}–${ts[n - 1].toFixed(0)}）`;
    };
    const statsOf = (from: string, to: string) => () => computeStats(ctx.db, cal, { period: { from, to, label: '' }, orgIds: orgs.map((o) => o.id), orgs });
    say('### 统计与提醒的计算（不经缓存，顺序执行 5 次，中位数（最小–最大）ms）');
    say();
    say('| 计算 | ms |');
    say('|---|---:|');
    say(`| 统计：本年度，全部机构（computeStats，一条 SQL） | ${await runs(statsOf(`${today.slice(0, 4)}-01-01`, `${today.slice(0, 4)}-12-31`))} |`);
    say(`| 统计：2023-01-01 至今，全部机构 | ${await runs(statsOf('2023-01-01', today))} |`);
    say(`| 提醒：读取全部办理中案件 + 人员 + planReminders（每日任务的计划部分） | ${await runs(async () => {
      const cases = await loadOpenCases(ctx.db);
      planReminders(cases, today, cal, await loadSettings(ctx.db, [...new Set(cases.map((c) => c.orgId))]));
    })} |`);
    say();
  }

}

async function pagesAndSubmissions(ctx: AppContext, base: string, e: Env, today: string, say: (s?: string) => void): Promise<void> {
  // 3. Pages.
  await refreshDemoAccounts(ctx); // run.ts may have seeded the demo county after start-up
  const accounts = ctx.demoAccounts();
  const gkbPassword = accounts.find((a) => a.username === 'gkb')?.password;
  if (!gkbPassword) throw new Error('没有演示账户 gkb 的密码（GONGKAI_DEMO=false？）');
  const cookie = await login(base, 'gkb', gkbPassword);
  const year = today.slice(0, 4);
  const pages: [string, string][] = [
    ['办理队列（全部办理中，第 1 页）', '/admin/requests'],
    ['办理队列（已超期）', '/admin/requests?overdue=1'],
    ['统计（本年度）', `/admin/requests/stats?year=${year}`],
    ['统计（2023 年至今）', `/admin/requests/stats?from=2023-01-01&to=${today}`],
    ['我的提醒', '/admin/requests/reminders'],
  ];
  say(`### 页面延迟（目标 p95 < 100 ms；${e.connections} 个并发连接，每页 ${e.seconds} 秒，以 gkb 登录，可见全部机构）`);
  say();
  say('| 页面 | 路径 | 请求/秒 | p50 ms | p95 ms | p99 ms | 错误 |');
  say('|---|---|---:|---:|---:|---:|---:|');
  for (const [label, p] of pages) {
    const warm = await fetch(base + p, { headers: { cookie } });
    if (warm.status !== 200) { say(`| ${label} | \`${p}\` | HTTP ${warm.status} | | | | |`); continue; }
    await warm.text();
    const r = await measure(base + p, { connections: e.connections, duration: e.seconds, headers: { cookie } });
    say(`| ${label} | \`${p}\` | ${r.rps.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.errors} |`);
  }
  say();
  if (e.pagesOnly) return;

  // 4. Submissions.
  const org = (await ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`)).rows[0]?.id;
  const body = JSON.stringify({
    orgId: org, applicantType: 'natural', applicantName: '基准测试申请人', idType: 'id_card', idNumber: '11010519491231002X',
    phone: '13812345678', email: 'bench@example.com', address: '云溪县城关镇人民路8号', postcode: '334600',
    infoDescription: '基准测试：2025年县级义务教育学校校舍维修项目的招标文件和中标结果', forms: ['electronic'], delivery: 'email',
  });
  // Our own client loop (not autocannon): every acknowledged tracking number is kept and looked up afterwards.
  const acked: string[] = [];
  const statuses = new Map<string, number>();
  const times: number[] = [];
  const stopAt = Date.now() + e.submitSeconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: e.connections }, async () => {
    while (Date.now() < stopAt) {
      const s0 = performance.now();
      try {
        const res = await fetch(`${base}/api/v1/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const json = await res.json().catch(() => ({})) as { trackingNo?: string };
        times.push(performance.now() - s0);
        statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
        if (res.status === 201 && json.trackingNo) acked.push(json.trackingNo);
      } catch (err) {
        statuses.set((err as Error).name, (statuses.get((err as Error).name) ?? 0) + 1);
      }
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const found = acked.length
    ? (await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases where tracking_no = any(${'{' + acked.join(',') + '}'}::text[])`)).rows[0]!.n
    : 0;
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '—');
  say(`### 网上申请提交（POST /api/v1/requests，${e.connections} 个并发客户端，${e.submitSeconds} 秒）`);
  say();
  say('| 受理/秒 | p50 ms | p95 ms | p99 ms | 应答 | 已受理编号 | 数据库中找到 | 丢失 |');
  say('|---:|---:|---:|---:|---|---:|---:|---:|');
  say(`| ${(acked.length / elapsed).toFixed(1)} | ${ms(quantile(times, 0.5))} | ${ms(quantile(times, 0.95))} | ${ms(quantile(times, 0.99))} | ${[...statuses].map(([k, n]) => `${k}: ${n}`).join('，')} | ${acked.length} | ${found} | ${acked.length - found} |`);
  say();
}
