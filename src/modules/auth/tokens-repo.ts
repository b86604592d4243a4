// SQL for the API token admin list (the token itself is created and checked in repo.ts/service.ts).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { intArray } from '../org/repo.ts';

const toDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

export type TokenListRow = {
  id: number; userId: number; username: string; displayName: string; orgId: number; name: string; prefix: string;
  createdAt: Date | null; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null;
};

const COLS = sql`t.id, t.user_id as "userId", u.username, u.display_name as "displayName", u.org_id as "orgId", t.name, t.prefix,
  t.created_at as "createdAt", t.last_used_at as "lastUsedAt", t.expires_at as "expiresAt", t.revoked_at as "revokedAt"`;

const map = (t: TokenListRow): TokenListRow => ({
  ...t, createdAt: toDate(t.createdAt), lastUsedAt: toDate(t.lastUsedAt), expiresAt: toDate(t.expiresAt), revokedAt: toDate(t.revokedAt),
});

/** Tokens of users in the given organisations, newest first. */
export async function listTokens(db: Executor, scope: readonly number[], limit = 500): Promise<TokenListRow[]> {
  const r = await db.execute<TokenListRow>(sql`select ${COLS} from api_tokens t join users u on u.id = t.user_id
    where u.org_id = any(${intArray(scope)}) order by t.revoked_at is not null, t.id desc limit ${limit}`);
  return r.rows.map(map);
}

export async function findToken(db: Executor, id: number): Promise<TokenListRow | undefined> {
  const r = await db.execute<TokenListRow>(sql`select ${COLS} from api_tokens t join users u on u.id = t.user_id where t.id = ${id}`);
  return r.rows[0] && map(r.rows[0]);
}
