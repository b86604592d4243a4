// `npm run bench -- opinion-e2e [--n 50000] [--batch 500] [--concurrency 4] [--seed N]`: the generated
// 政务舆情 stream (bench/opinion-gen.ts) pushed through POST /api/v1/opinion/items into PostgreSQL, in
// concurrent batches, on a fresh database (.tmp/bench-opinion, recreated each run, so the row count is
// exactly this run's). Reports items/s (target ≥ 2,000), that none was lost (stored rows = distinct
// keys sent; every answer new or duplicate), how the planted copies were answered, and RSS of the
// process at start, middle and end. The sender runs in its own worker thread (opinion-e2e-client.ts),
// so generating and sending does not take the server's event loop.
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../src/app-context.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit/index.ts';
import { createApiToken } from '../src/modules/auth/service.ts';
import type { ClientInput, ClientSummary } from './opinion-e2e-client.ts';

const mb = () => Math.round(process.memoryUsage().rss / 1048576);

function runClientThread(input: ClientInput): Promise<ClientSummary> {
  return new Promise((resolve, reject) => {
    // Workers do not inherit tsx's loader: register it, then load the TypeScript client.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./opinion-e2e-client.ts', import.meta.url).href)}); })`;
    const w = new Worker(boot, { eval: true, workerData: { kind: 'opinion-e2e-client', input } });
    w.once('message', (m: ClientSummary | { error: string }) => { void w.terminate(); if ('error' in m) reject(new Error(m.error)); else resolve(m); });
    w.once('error', reject);
  });
}

export async function runOpinionE2eBench(ctx: AppContext, base: string, argv: readonly string[]): Promise<void> {
  const flag = (name: string, dflt: number) => {
    const i = argv.indexOf(`--${name}`);
    const v = i >= 0 ? Number(argv[i + 1]) : dflt;
    return Number.isFinite(v) && v > 0 ? Math.floor(v) : dflt;
  };
  const n = flag('n', 50_000);
  const size = Math.min(1000, flag('batch', 500));
  const concurrency = flag('concurrency', 4);
  const seed = flag('seed', 20261001);
  const t = await createApiToken(ctx.db, SYSTEM_ACTOR, { username: 'yqzy', name: '基准测试' });
  if (!t.ok) throw new Error(t.message);

  const rssStart = mb();
  const c = await runClientThread({ url: base, token: t.token, n, size, concurrency, seed });
  const rss: [string, number][] = [['开始', rssStart], ...(c.rssMiddle !== null ? [['中间', c.rssMiddle] as [string, number]] : []), ['结束', mb()]];
  const rows = Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_items`)).rows[0]!.n);
  const inc = (await ctx.db.execute<{ n: number; items: number; reposts: number }>(sql`select count(*)::int as n, coalesce(sum(item_count), 0)::int as items, coalesce(sum(repost_count), 0)::int as reposts from opinion_incidents`)).rows[0]!;
  const latencies = [...c.latencies].sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  console.log(`政务舆情端到端入库基准：${n} 条，每批 ${size} 条，${concurrency} 个并发批次，推送接口 → PostgreSQL（发送端在独立线程），Node ${process.version}`);
  console.log(`  吞吐 ${Math.round(c.sent / c.seconds).toLocaleString('en')} 条/秒（用时 ${c.seconds.toFixed(1)} 秒，目标 ≥ 2,000）；每批耗时 p50 ${q(0.5)} ms，p99 ${q(0.99)} ms；失败批次 ${c.errors}`);
  console.log(`  应答：新收录 ${c.statuses.new}，重复 ${c.statuses.duplicate}，拒收 ${c.statuses.refused}，其他 ${c.statuses.other}`);
  console.log(`  无丢失：库中信息 ${rows} 条，发送的不同编号 ${c.keys} 条 —— ${rows === c.keys ? '一致' : '不一致！'}`);
  console.log(`  预置副本 ${c.planted} 条，与原帖归为同一原始信息 ${c.copiesCaught}（查全 ${(c.copiesCaught / (c.planted || 1) * 100).toFixed(2)}%）；把不同帖子并为重复 ${c.wronglyMerged} 条`);
  console.log(`  舆情事件 ${inc.n} 个（原始信息 ${inc.items} 条，转发 ${inc.reposts} 条）；RSS ${rss.map(([k, v]) => `${k} ${v} MB`).join('，')}`);
}
