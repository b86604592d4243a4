// Writes of the demo county (its settings go through portal/settings.repo.ts): plain inserts through Drizzle's query builder (typed by the tables'
// $inferInsert), plus the lock that keeps two starting processes from seeding twice.
import { count, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { roleGrants, users } from '../auth/schema.ts';
import { portalArticles } from '../portal/schema.ts';

export async function orgCount(db: Executor): Promise<number> {
  const [r] = await db.select({ n: count() }).from(orgUnits);
  return Number(r?.n ?? 0);
}

/** Held until the transaction ends: a second seeder waits, then finds the database not empty. */
export async function lockOrgs(tx: Executor): Promise<void> {
  await tx.execute(sql`lock table org_units in exclusive mode`);
}

export async function insertOrg(tx: Executor, row: typeof orgUnits.$inferInsert): Promise<number> {
  const [r] = await tx.insert(orgUnits).values(row).returning({ id: orgUnits.id });
  return r!.id;
}

export async function insertUserWithGrant(tx: Executor, user: typeof users.$inferInsert, grant: Omit<typeof roleGrants.$inferInsert, 'userId'>): Promise<number> {
  const [u] = await tx.insert(users).values(user).returning({ id: users.id });
  await tx.insert(roleGrants).values({ ...grant, userId: u!.id });
  return u!.id;
}

export async function insertArticle(tx: Executor, row: typeof portalArticles.$inferInsert): Promise<void> {
  await tx.insert(portalArticles).values(row);
}

