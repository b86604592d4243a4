// Loads the whole demo into an empty database: the county (organisations, accounts, news), then every
// module's demo data in module order. One path for `npm start` (demo mode) and `gongkai demo load`.
import type { AppContext, DemoAccount } from '../../app-context.ts';
import { MODULES } from '../index.ts';
import { seedDemo } from './seed.ts';

/** The demo accounts with their passwords, or null when the database already holds data. */
export async function loadDemo(ctx: AppContext, warn: (message: string) => void): Promise<DemoAccount[] | null> {
  const accounts = await seedDemo(ctx);
  if (!accounts) return null;
  for (const m of MODULES) await m.demo?.(ctx, warn);
  return accounts;
}
