// 决定 / 撤销 of an accountability finding (seed 004 §六: 县政府办公室 会同 … 予以通报、约谈和问责):
// the disclosure office (opinion.accountability over the finding's organisation, the scope of the
// findings list) confirms the proposed kind or chooses another one with a 决定说明, or withdraws the
// proposal with a reason (e.g. the delay was justified). One time each: the finding is locked and
// its status checked inside the transaction, so a double submit or a colleague who decided first
// gets a Chinese refusal and nothing is written. Timeline event and audit row in the same transaction.
import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, type Result } from '../../../platform/errors.ts';
import { Str, StringEnum, type FormStrings } from '../../../platform/forms/index.ts';
import { can } from '../../auth/policy.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { DEADLINE_KINDS, FINDING_KINDS, labelOf, type FindingKind } from '../model.ts';
import { eventActor, recordEvent } from '../events.ts';
import * as repo from '../findings.repo.ts';

const KINDS = Object.keys(FINDING_KINDS) as FindingKind[];

export const DecideForm = Type.Object({
  kind: StringEnum(KINDS, { title: '决定结果' }),
  note: Str('决定说明', 1000, { minLength: 5 }),
  confirm: Type.Optional(Str('确认', 1)),
});
export type DecideValues = Static<typeof DecideForm>;

export const WithdrawForm = Type.Object({
  reason: Str('撤销理由', 1000, { minLength: 5 }),
  withdrawConfirm: Type.Optional(Str('确认', 1)),
});
export type WithdrawValues = Static<typeof WithdrawForm>;

/** The one-time actions ask for a ticked confirmation (works without JavaScript); one field name per form on the page. */
export const confirmProblems = (field: 'confirm' | 'withdrawConfirm') => (s: FormStrings): Record<string, string> =>
  (s[field] === '1' ? {} : { [field]: field === 'confirm' ? '请勾选确认：决定提交后不能修改或撤回' : '请勾选确认：撤销后不能恢复' });

export const NOT_FOUND = '该问责建议不存在。';
const STATUS_DONE: Record<string, string> = { decided: '已经作出决定', withdrawn: '已经撤销' };

type Refusal = 'not_found' | 'forbidden' | 'conflict';

async function onOpenFinding(
  ctx: AppContext, caller: Caller, id: number, verb: string,
  fn: (f: repo.LockedFinding, now: Date, tx: Tx) => Promise<void>,
): Promise<Result<{ incidentId: number }, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const f = await repo.lockFinding(tx, id);
    if (!f) return fail('not_found', NOT_FOUND);
    if (!can(caller.user, 'opinion.accountability', { orgId: f.orgId })) return fail('forbidden', `您没有${verb}该问责建议的权限。`);
    if (f.status !== 'open') return fail('conflict', `该问责建议${STATUS_DONE[f.status] ?? '已处理'}，不能再${verb}。请刷新页面查看结果。`);
    await fn(f, ctx.now(), tx);
    return { ok: true as const, incidentId: f.incidentId };
  });
}

export async function decideFinding(ctx: AppContext, caller: Caller, id: number, v: DecideValues): Promise<Result<{ incidentId: number }, Refusal>> {
  return onOpenFinding(ctx, caller, id, '决定', async (f, now, tx) => {
    const note = v.note.trim();
    await repo.closeFinding(tx, f.id, { status: 'decided', decidedKind: v.kind, decidedBy: caller.user.id, decidedAt: now, note });
    await recordEvent(tx, f.incidentId, 'finding_decided', {
      findingId: f.id, deadlineKind: f.deadlineKind, org: f.orgName, proposed: f.kind, kind: v.kind, note,
    }, eventActor(caller), now);
    await writeAudit(tx, auditActor(caller), {
      action: 'opinion.finding.decide', entityType: 'opinion_finding', entityId: f.id,
      summary: {
        no: f.no, deadline: labelOf(DEADLINE_KINDS, f.deadlineKind) || f.deadlineKind, org: f.orgName,
        proposed: labelOf(FINDING_KINDS, f.kind) || f.kind, decided: FINDING_KINDS[v.kind], note,
      },
    });
  });
}

export async function withdrawFinding(ctx: AppContext, caller: Caller, id: number, v: WithdrawValues): Promise<Result<{ incidentId: number }, Refusal>> {
  return onOpenFinding(ctx, caller, id, '撤销', async (f, now, tx) => {
    const note = v.reason.trim();
    await repo.closeFinding(tx, f.id, { status: 'withdrawn', decidedKind: null, decidedBy: caller.user.id, decidedAt: now, note });
    await recordEvent(tx, f.incidentId, 'finding_withdrawn', {
      findingId: f.id, deadlineKind: f.deadlineKind, org: f.orgName, proposed: f.kind, note,
    }, eventActor(caller), now);
    await writeAudit(tx, auditActor(caller), {
      action: 'opinion.finding.withdraw', entityType: 'opinion_finding', entityId: f.id,
      summary: {
        no: f.no, deadline: labelOf(DEADLINE_KINDS, f.deadlineKind) || f.deadlineKind, org: f.orgName,
        proposed: labelOf(FINDING_KINDS, f.kind) || f.kind, note,
      },
    });
  });
}
