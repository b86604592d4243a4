// `npm run bench -- opinion-e2e [--n 50000] [--batch 500] [--concurrency 4] [--seed N]`: the generated
// 政务舆情 stream (bench/opinion-gen.ts) pushed through POST /api/v1/opinion/items into PostgreSQL, in
// concurrent batches, on a fresh database (.tmp/bench-opinion, recreated each run, so the row count is
// exactly this run's). Reports items/s (target ≥ 2,000), that none was lost (stored rows = distinct
// keys sent; every answer new or duplicate), how the planted copies were answered, and RSS of the
// process (server and client share it) at start, middle and end.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../src/app-context.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit/index.ts';
import { createApiToken } from '../src/modules/auth/service.ts';
import { pushBatches, type Post } from './opinion-gen.ts';

const mb = () => Math.round(process.memoryUsage().rss / 1048576);
type Answer = { results: { id: string; status: string; duplicateOf?: number; itemId?: number }[] };

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
  const headers = { authorization: `Bearer ${t.token}`, 'content-type': 'application/json', accept: 'application/json' };

  const rss: [string, number][] = [['开始', mb()]];
  const keys = new Set<string>();
  const statuses = { new: 0, duplicate: 0, refused: 0, other: 0 };
  // A planted copy is caught when it and its original end up with the same original item, whichever
  // of the two arrived first (concurrent batches may store the copy before its original).
  const rootOf = new Map<number, number>();
  const itemPost = new Map<number, number>();
  const planted: Post[] = [];
  let wronglyMerged = 0;
  let errors = 0;
  let sent = 0;
  const latencies: number[] = [];
  const gen = pushBatches(n, size, { seed });
  const startedAt = performance.now();

  const worker = async () => {
    for (;;) {
      const next = gen.next();
      if (next.done) return;
      const { body, posts } = next.value as { body: unknown; posts: Post[] };
      for (const p of posts) keys.add(`${p.source}\u0000${p.id}`);
      const t0 = performance.now();
      const r = await fetch(`${base}/api/v1/opinion/items`, { method: 'POST', headers, body: JSON.stringify(body) });
      latencies.push(performance.now() - t0);
      if (r.status !== 200) { errors++; console.error(`  批次失败：HTTP ${r.status} ${await r.text()}`); continue; }
      const a = await r.json() as Answer;
      a.results.forEach((x, k) => {
        const p = posts[k]!;
        if (x.status === 'new' || x.status === 'duplicate' || x.status === 'refused') statuses[x.status]++; else statuses.other++;
        if (x.itemId !== undefined) { rootOf.set(p.i, x.duplicateOf ?? x.itemId); itemPost.set(x.itemId, p.i); }
        if (p.dupOf >= 0) planted.push(p);
      });
      sent += posts.length;
      if (rss.length === 1 && sent >= n / 2) rss.push(['中间', mb()]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - startedAt) / 1000;
  rss.push(['结束', mb()]);

  const group = (i: number, byPost: Map<number, Post>) => { const p = byPost.get(i); return p && p.dupOf >= 0 ? p.dupOf : i; };
  const byPost = new Map<number, Post>(planted.map((p) => [p.i, p]));
  const copiesCaught = planted.filter((p) => rootOf.get(p.i) !== undefined && rootOf.get(p.i) === rootOf.get(p.dupOf)).length;
  // A duplicate answer whose original item belongs to another planted group merged two different posts.
  for (const [i, root] of rootOf) {
    const rootPost = itemPost.get(root);
    if (rootPost !== undefined && rootPost !== i && group(rootPost, byPost) !== group(i, byPost)) wronglyMerged++;
  }
  const rows = Number((await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_items`)).rows[0]!.n);
  const inc = (await ctx.db.execute<{ n: number; items: number; reposts: number }>(sql`select count(*)::int as n, coalesce(sum(item_count), 0)::int as items, coalesce(sum(repost_count), 0)::int as reposts from opinion_incidents`)).rows[0]!;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  console.log(`政务舆情端到端入库基准：${n} 条，每批 ${size} 条，${concurrency} 个并发批次，推送接口 → PostgreSQL，Node ${process.version}`);
  console.log(`  吞吐 ${Math.round(sent / seconds).toLocaleString('en')} 条/秒（用时 ${seconds.toFixed(1)} 秒，目标 ≥ 2,000）；每批耗时 p50 ${q(0.5)} ms，p99 ${q(0.99)} ms；失败批次 ${errors}`);
  console.log(`  应答：新收录 ${statuses.new}，重复 ${statuses.duplicate}，拒收 ${statuses.refused}，其他 ${statuses.other}`);
  console.log(`  无丢失：库中信息 ${rows} 条，发送的不同编号 ${keys.size} 条 —— ${rows === keys.size ? '一致' : '不一致！'}`);
  console.log(`  预置副本 ${planted.length} 条，与原帖归为同一原始信息 ${copiesCaught}（查全 ${(copiesCaught / (planted.length || 1) * 100).toFixed(2)}%）；把不同帖子并为重复 ${wronglyMerged} 条`);
  console.log(`  舆情事件 ${inc.n} 个（原始信息 ${inc.items} 条，转发 ${inc.reposts} 条）；RSS ${rss.map(([k, v]) => `${k} ${v} MB`).join('，')}`);
}
