// Who is acting in a use case: the signed-in principal and where from. One definition for every
// module, so the audit log names people the same way everywhere.
import type { Actor } from '../../platform/audit/index.ts';
import type { Principal } from './policy.ts';

export interface Caller { user: Principal; ip: string | null }

/** The audit actor of a caller: user id, username and source address. */
export const auditActor = (c: Caller): Actor => ({ id: c.user.id, name: c.user.username, ip: c.ip });
