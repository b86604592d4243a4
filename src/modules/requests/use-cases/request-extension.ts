// Extension (第三十三条第二款) requested by the handler.
import type { AppContext } from '../../../app-context.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, clockAllows, fail, invalid, onCase, type Caller } from './shared.ts';

export type RequestExtensionResult = Awaited<ReturnType<typeof requestExtension>>;

export async function requestExtension(ctx: AppContext, caller: Caller, caseId: number, input: { days: number; reason: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'requestExtension', input.version, async (tx, c, today) => {
    const events = await repo.listEvents(tx, c.id);
    if (events.some((e) => e.type === 'extension_requested' && !e.data.decision)) return fail('state', '已有待审批的延期申请，请等待政务公开办负责人审批。');
    const reason = clean(input.reason, 1000);
    const errors: Record<string, string> = {};
    if (!Number.isInteger(input.days) || input.days < 1) errors.days = '请填写延长的工作日数（正整数）';
    if (!reason) errors.reason = '请填写延期理由';
    if (Object.keys(errors).length) return invalid(errors);
    const blocked = await clockAllows(tx, ctx, c.id, { type: '延期', days: input.days, on: today });
    if (blocked) return invalid({ days: blocked.message });
    const eventId = await repo.insertEvent(tx, { caseId: c.id, type: 'extension_requested', occurredOn: today, data: { days: input.days, reason, decision: null }, actorId: caller.user.id, actorName: caller.user.displayName });
    await repo.updateCase(tx, c.id, {});
    await audit(tx, auditActor(caller), 'request.extension.request', c, { days: input.days, eventId });
    return { ok: true as const, eventId };
  });
}
