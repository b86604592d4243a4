// `npm run bench -- columns`: the public column pages of 法定主动公开内容 (/xxgk/fdzdgknr/?category=…,
// ?org=…, ?year=…, ?all=1) at BENCH_RECORDS records (default 100,000; the catalog bench's dataset,
// reused or extended). Every request carries a fresh `_n=` parameter, so the page cache never answers
// and every request is rendered; BENCH_COLUMN_RUNS (15) requests one after another per case:
//   warm — the column's count as the page cache generation left it (no change since the last render),
//   cold — publicPagesChanged() before each request, as after every publish / withdraw / edit.
// Also the last page of the largest column (pagination to the end). Prints Markdown.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../src/app-context.ts';
import { publicPagesChanged } from '../src/platform/http/page-cache.ts';
import { publicWhere } from '../src/modules/catalog/repo.public.ts';
import { beijingToday } from '../src/platform/time/index.ts';
import { ensureCatalogDataset } from './catalog.ts';

const log = (...a: unknown[]) => console.log(...a);

async function timeOne(url: string): Promise<number> {
  const t = performance.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
  return performance.now() - t;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))];

export async function runColumnsBench(ctx: AppContext, base: string): Promise<void> {
  const records = Number(process.env.BENCH_RECORDS ?? 100_000);
  const runs = Number(process.env.BENCH_COLUMN_RUNS ?? 15);
  await ensureCatalogDataset(ctx, records);
  const today = beijingToday(ctx.now());
  const q = async <T>(s: ReturnType<typeof sql>) => (await ctx.db.execute<T & Record<string, unknown>>(s)).rows;
  const [total] = await q<{ n: number }>(sql`select count(*)::int as n from catalog_records r where ${publicWhere(today)}`);
  const [cat] = await q<{ category: string; n: number }>(sql`select category, count(*)::int as n from catalog_records r where ${publicWhere(today)} group by 1 order by 2 desc limit 1`);
  const [org] = await q<{ org_id: number; n: number }>(sql`select org_id, count(*)::int as n from catalog_records r where ${publicWhere(today)} group by 1 order by 2 desc limit 1`);
  const [year] = await q<{ y: number; n: number }>(sql`select extract(year from generated_on)::int as y, count(*)::int as n from catalog_records r where ${publicWhere(today)} group by 1 order by 2 desc limit 1`);
  const lastPage = Math.max(1, Math.ceil(cat.n / 20));
  const cases = [
    { name: 'all', path: '/xxgk/fdzdgknr/?all=1', n: total.n },
    { name: 'category', path: `/xxgk/fdzdgknr/?category=${cat.category}`, n: cat.n },
    { name: 'category, last page', path: `/xxgk/fdzdgknr/?category=${cat.category}&page=${lastPage}`, n: cat.n },
    { name: 'organisation', path: `/xxgk/fdzdgknr/?org=${org.org_id}`, n: org.n },
    { name: 'year', path: `/xxgk/fdzdgknr/?year=${year.y}`, n: year.n },
  ];
  const out = [`Columns at ${total.n.toLocaleString('en-US')} public records, ${runs} rendered requests per case one after another (ms):`, '',
    '| case | records in the column | warm p50 | warm max | cold p50 | cold max |', '|---|---:|---:|---:|---:|---:|'];
  let n = 0;
  for (const c of cases) {
    const url = (k: number) => `${base}${c.path}&_n=${k}`;
    await timeOne(url(++n));
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push(await timeOne(url(++n)));
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) { publicPagesChanged(); cold.push(await timeOne(url(++n))); }
    out.push(`| ${c.name} | ${c.n.toLocaleString('en-US')} | ${pct(warm, 0.5).toFixed(0)} | ${Math.max(...warm).toFixed(0)} | ${pct(cold, 0.5).toFixed(0)} | ${Math.max(...cold).toFixed(0)} |`);
  }
  log(out.join('\n'));
}
