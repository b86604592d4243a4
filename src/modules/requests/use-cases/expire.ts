// Expiry: 补正 not received in time (→ 6.1), fee not paid in time (→ 6.2); the daily job runs expireOverdue.
import type { AppContext } from '../../../app-context.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../../../platform/audit/index.ts';
import { OUTCOMES, outcomeLabel } from '../model.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import { eventsOf } from '../events.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, fail, onCase, type Caller } from './shared.ts';

export type ExpireResult = Awaited<ReturnType<typeof expireCorrection>>;

async function closeWithOutcome(tx: Tx, ctx: AppContext, c: repo.CaseRow, today: string, actor: Actor, o: { outcome: '6.1'; eventType: 'correction_expired'; deadline: string } | { outcome: '6.2'; eventType: 'fee_expired'; deadline: string }) {
  const detail = { text: OUTCOMES[o.outcome].label, deadline: o.deadline };
  await repo.updateCase(tx, c.id, { status: 'closed', outcome: o.outcome, answerKind: null, outcomeDetail: detail, repliedOn: today, closed: true });
  const publicNote = `${o.eventType === 'correction_expired' ? '补正' : '缴费'}期限（${o.deadline}）届满，${OUTCOMES[o.outcome].label}`;
  const who = { caseId: c.id, occurredOn: today, publicNote, actorId: actor.id, actorName: actor.name };
  await repo.insertEvent(tx, o.eventType === 'correction_expired'
    ? { ...who, type: o.eventType, data: { deadline: o.deadline, outcome: o.outcome } }
    : { ...who, type: o.eventType, data: { deadline: o.deadline, outcome: o.outcome } });
  await recomputeCase(tx, ctx, c.id, o.eventType === 'correction_expired' ? '补正期限届满' : '缴费期限届满');
  const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: 'reply', vars: { 说明: `${o.eventType === 'correction_expired' ? '补正' : '缴费'}期限（${o.deadline}）届满。` }, actor, visibleToApplicant: true });
  await repo.insertEvent(tx, { caseId: c.id, type: 'replied', occurredOn: today, data: { outcome: o.outcome, documentId: doc.documentId }, publicNote: outcomeLabel(o.outcome), actorId: actor.id, actorName: actor.name });
  await audit(tx, actor, o.eventType === 'correction_expired' ? 'request.correction.expire' : 'request.fee.expire', c, { outcome: o.outcome, documentId: doc.documentId });
}

/** Closes the case with 6.1 when the 补正 deadline has passed without a supplement. */
export async function expireCorrection(ctx: AppContext, caller: Caller | null, caseId: number, input: { version?: number } = {}) {
  return onCase(ctx, caller, caseId, 'expireCorrection', input.version, async (tx, c, today) => {
    const ev = eventsOf(await repo.listEvents(tx, c.id), 'correction_sent')[0];
    const deadline = ev?.data.deadline ?? '';
    if (!deadline || today <= deadline) return fail('state', `补正期限（${deadline || '未设定'}）尚未届满，不能按逾期未补正处理。`);
    await closeWithOutcome(tx, ctx, c, today, caller ? auditActor(caller) : SYSTEM_ACTOR, { outcome: '6.1', eventType: 'correction_expired', deadline });
    return { ok: true as const };
  });
}

/** Closes the case with 6.2 when the fee was not paid in time. */
export async function expireFee(ctx: AppContext, caller: Caller | null, caseId: number, input: { version?: number } = {}) {
  return onCase(ctx, caller, caseId, 'expireFee', input.version, async (tx, c, today) => {
    const ev = eventsOf(await repo.listEvents(tx, c.id), 'fee_notice').find((e) => !e.data.to);
    const deadline = ev?.data.deadline ?? '';
    if (!ev || !deadline || today <= deadline) return fail('state', `缴费期限（${deadline || '未设定'}）尚未届满，不能按逾期未缴费处理。`);
    await repo.mergeEventData(tx, ev, { to: today, paid: false });
    await closeWithOutcome(tx, ctx, c, today, caller ? auditActor(caller) : SYSTEM_ACTOR, { outcome: '6.2', eventType: 'fee_expired', deadline });
    return { ok: true as const };
  });
}

/** The daily job: closes every case whose 补正 or fee deadline passed. Returns the closed case ids. */
export async function expireOverdue(ctx: AppContext): Promise<{ correction: number[]; fee: number[] }> {
  const out = { correction: [] as number[], fee: [] as number[] };
  for (const id of await repo.casesAwaiting(ctx.db, ['awaiting_supplement'], 5000)) {
    if ((await expireCorrection(ctx, null, id)).ok) out.correction.push(id);
  }
  for (const id of await repo.casesAwaiting(ctx.db, ['awaiting_fee'], 5000)) {
    if ((await expireFee(ctx, null, id)).ok) out.fee.push(id);
  }
  return out;
}
