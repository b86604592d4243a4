// Benchmark cases. Later modules add theirs here: { name, path, what it exercises }.
import type { AppContext } from '../src/app-context.ts';

export interface BenchCase {
  name: string;
  path: string;
  description: string;
  setup?: (ctx: AppContext, baseUrl: string) => Promise<{ headers?: Record<string, string> }>;
}

export const CASES: BenchCase[] = [
  { name: 'home', path: '/', description: '门户首页：要闻、通知与机构列表（数据库查询 + JSX 渲染）' },
  { name: 'guide', path: '/xxgk/zn/', description: '政府信息公开指南：按机构数据生成' },
  { name: 'healthz', path: '/healthz', description: '健康检查：一次 select 1' },
];
