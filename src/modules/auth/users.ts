// Placeholder: user management use cases, filled in by the module owner.
import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/audit/index.ts';
export async function resetPassword(_db: Db, _actor: Actor, _username: string): Promise<{ ok: true; password: string } | { ok: false; message: string }> {
  return { ok: false, message: '尚未实现' };
}
