// What every handling use case shares: who acts, the refusals, and `onCase`, which locks the case,
// checks the permission and the transition (workflow.ts), the form's version, and runs the change in
// one transaction {change + event + audit + clock recomputation + generated notice}. A refusal
// writes nothing.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { fail, invalid, type Fail, type Ok } from '../../../platform/errors.ts';
import { checkUpload, DOCUMENT_KINDS as FILE_KINDS, MAX_DOCUMENT_BYTES, storePersonalFile, type Kind } from '../../../platform/files/index.ts';
import { can } from '../../auth/policy.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { formatDate } from '../../portal/domain.ts';
import { DEFAULT_RULE_SET, isRuleSetId, checkTransition, WORKFLOW, type CaseAction, type RuleSetId, type ClockEvent } from '../domain.ts';
import { checkClockEvent } from '../clock.ts';
import * as repo from '../repo.ts';
import { queueChanged } from '../queue-counts.ts';
import { MESSAGES } from '../messages.ts';

export { fail, invalid, auditActor, type Caller, type Fail, type Ok };

/** The applicant acting through the tracking page (already identified by number + query code). */
export interface ApplicantCaller { applicant: true; ip: string | null }

export const SUBJECT = 'request_reply';
export const TEXT_MAX = 4000;
export const STALE_MESSAGE = MESSAGES.stale;

export const applicantActor = (ip: string | null): Actor => ({ id: null, name: '申请人', ip });
export const rulesOf = (c: { ruleSet: string }): RuleSetId => (isRuleSetId(c.ruleSet) ? c.ruleSet : DEFAULT_RULE_SET);

export function todayOf(ctx: Pick<AppContext, 'now'>): string {
  return formatDate(ctx.now());
}

export const clean = (s: string | null | undefined, max = TEXT_MAX) => (s ?? '').replace(/\r\n/g, '\n').trim().slice(0, max);

/** Thrown inside a transaction to roll back whatever was written and return the failure. */
export class Refusal extends Error {
  constructor(readonly failure: Fail) { super(failure.message); }
}

/**
 * Locks the case, checks the action's permission on its organisation (when a staff caller acts),
 * the form's version and the workflow transition, then runs `fn` in the same transaction. `fn` may
 * return a failure (nothing written yet) or throw Refusal.
 */
export async function onCase<T extends object>(
  ctx: AppContext, caller: Caller | null, caseId: number, action: CaseAction, version: number | undefined,
  fn: (tx: Tx, c: repo.CaseRow, today: string) => Promise<Ok<T> | Fail>,
): Promise<Ok<T> | Fail> {
  try {
    const done = await withTx(ctx.db, async (tx) => {
      const c = await repo.lockCase(tx, caseId);
      if (!c) return fail('not_found', MESSAGES.notFound);
      if (caller && !can(caller.user, WORKFLOW[action].permission, { orgId: c.orgId })) return fail('forbidden', MESSAGES.forbidden);
      if (version !== undefined && version !== c.version) return fail('stale', STALE_MESSAGE);
      const refused = checkTransition(action, c);
      if (refused) return fail(refused.reason, refused.message);
      const r = await fn(tx, c, todayOf(ctx));
      if (!r.ok) throw new Refusal(r);
      return r;
    });
    // Committed: the queue's cached tab counts may be out of date now.
    if (done.ok) queueChanged();
    return done;
  } catch (e) {
    if (e instanceof Refusal) return e.failure;
    throw e;
  }
}

export async function audit(tx: Tx, actor: Actor, action: string, c: repo.CaseRow, summary: Record<string, unknown> = {}) {
  await writeAudit(tx, actor, { action, entityType: 'request_case', entityId: c.id, summary: { trackingNo: c.trackingNo, ...summary } });
}

/** The pure clock's verdict on a new event against the recorded ones (补正 once, extension limits …). */
export async function clockAllows(tx: Tx, ctx: AppContext, caseId: number, ev: ClockEvent): Promise<Fail | null> {
  const r = await checkClockEvent(tx, ctx, caseId, ev);
  return r.ok ? null : fail('clock', r.message);
}

export interface Upload { name: string; data: Buffer }

export async function storeUpload(tx: Tx, ctx: Pick<AppContext, 'fieldCipher'>, file: Upload): Promise<{ fileId: number; name: string } | Fail> {
  const check = await checkUpload(file.data, file.name, { allowed: [...FILE_KINDS, 'png', 'jpeg', 'xlsx'] as Kind[], maxBytes: MAX_DOCUMENT_BYTES });
  if (!check.ok) return invalid({ file: check.message });
  // A case's files are personal data: sealed, never shared with another row.
  return { fileId: await storePersonalFile(tx, ctx.fieldCipher, file.data, check.kind, check.mime), name: check.name };
}
