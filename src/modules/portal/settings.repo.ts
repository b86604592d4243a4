// Site settings (key → JSON), the one place that reads and writes the settings table: the demo
// accounts, the catalogue's synonym list and search-index state.
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { settings } from './schema.ts';

/** A setting's JSON value (undefined when never saved). */
export async function readSetting<T>(db: Executor, key: string): Promise<T | undefined> {
  const [r] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return r?.value as T | undefined;
}

export async function writeSetting(tx: Executor, key: string, value: unknown): Promise<void> {
  await tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}
