// What every use case of the module shares: the caller, the refusals, the audit actor (auth's), and the
// public-page cache drop after a change to what /xwfb/fyr or /xwfb/xmt show.
import type { AppContext } from '../../../app-context.ts';
import { fail } from '../../../platform/errors.ts';
import { beijingToday } from '../../../platform/time/index.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { can, type Action } from '../../auth/policy.ts';

export type { Caller };
export { auditActor };
export type Refusal = 'invalid' | 'not_found' | 'forbidden' | 'conflict';

export const todayOf = (ctx: AppContext) => beijingToday(ctx.now());
export const NOT_FOUND = (what: string) => fail('not_found' as const, `${what}不存在或已被删除。`);
export const FORBIDDEN = fail('forbidden' as const, '您没有办理该单位此项事务的权限。');

/** Null when the caller may perform the action on the organisation, else the refusal. */
export const denied = (c: Caller, action: Action, orgId: number) => (can(c.user, action, { orgId }) ? null : FORBIDDEN);
