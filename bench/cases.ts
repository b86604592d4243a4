// Benchmark cases. Later modules add theirs here: { name, path, what it exercises }.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../src/app-context.ts';

export interface BenchCase {
  name: string;
  path: string;
  description: string;
  /** Not part of a bare `npm run bench` (needs data the demo county does not have). */
  optIn?: boolean;
  /** May return the path to load instead of `path` (e.g. the id of an existing record). */
  setup?: (ctx: AppContext, baseUrl: string) => Promise<{ headers?: Record<string, string>; path?: string }>;
}

/** Some published record (the newest), or a clear stop when the catalogue is empty. */
async function somePublicRecord(ctx: AppContext): Promise<number> {
  const r = await ctx.db.execute<{ id: number }>(sql`select id from catalog_records
    where status = 'published' and disclosure = 'active' and withdrawn_at is null order by published_at desc limit 1`);
  if (!r.rows[0]) throw new Error('目录中没有已公开的记录：先运行 `npm run bench -- catalog` 生成数据');
  return r.rows[0].id;
}

export const CASES: BenchCase[] = [
  { name: 'home', path: '/', description: '门户首页：要闻、通知与机构列表（数据库查询 + JSX 渲染）' },
  { name: 'guide', path: '/xxgk/zn/', description: '政府信息公开指南：按机构数据生成' },
  { name: 'healthz', path: '/healthz', description: '健康检查：一次 select 1' },
  {
    name: 'record', path: '/xxgk/:id', optIn: true, description: '公开目录记录页（最新一条已公开记录）',
    setup: async (ctx) => ({ path: `/xxgk/${await somePublicRecord(ctx)}` }),
  },
  { name: 'search', path: '/xxgk/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80', optIn: true, description: '公开目录检索页：「政务公开」按相关度' },
];
