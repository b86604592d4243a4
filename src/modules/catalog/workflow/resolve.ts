// Deciding on privacy findings: one decision for every place of a value, or for every open finding
// of a kind (全部遮盖 / 全部确认可以公开); an office number accepted once for the organisation (the
// allow-list, removable by the disclosure office). The clerk decides before submitting, the person
// at the current step or a 保密审查员 during review. Each: one transaction {change + audit}.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { FINDING_KINDS, formatLandline, normalizeFindingValue } from '../../../platform/text/index.ts';
import { can, type Principal } from '../../auth/policy.ts';
import * as review from '../../review/use-cases.ts';
import { EDITABLE_STATUSES, statusLabel } from '../domain.ts';
import * as wrepo from '../repo.workflow.ts';
import * as arepo from '../repo.allowlist.ts';
import { auditActor, todayOf, type Caller } from '../use-cases/shared.ts';
import { findingKindLabel } from './domain.ts';
import { GROUP_TOKEN_RE, OFFICE_PHONE_REASON, groupFindings, isResolution, type FindingGroup } from './findings.ts';
import { rescan, targetsOf } from './scan.ts';

export type Fail = { ok: false; reason: string; message: string; fields?: Record<string, string> };
const fail = (reason: string, message: string, fields?: Record<string, string>): Fail => ({ ok: false, reason, message, fields });
const NOT_FOUND = fail('not_found', '该信息不存在或已被删除。');
const GONE = '该条检查结果已不存在，可能信息内容已修改或已重新检查，请刷新页面后再处理。';
const NOT_MASKABLE = '著录项中的内容不能遮盖：请“退回修改”由承办人修改该项，或保留并说明理由。';

/** Who may decide during review: the person at the current step, or a 保密审查员 over the record. */
async function mayResolveInReview(tx: Tx, user: Principal, rec: wrepo.WorkflowRow): Promise<boolean> {
  if (rec.status !== 'in_review' || !rec.reviewInstanceId) return false;
  if (can(user, 'catalog.secrecy', { orgId: rec.orgId })) return true;
  const inst = await review.getInstance(tx, rec.reviewInstanceId);
  return !!inst && review.mayActNow(inst, user);
}

/** What to decide on: the places of one value (its group token), or every open finding of a kind. */
export type ResolveTarget = { group: string } | { kind: string };
/** The form's field names, so that a message lands next to the right control. */
export type FieldNames = { resolution: string; reason: string };
export type ResolveResult = { ok: true; findings: number; places: number; allowed: string | null } | Fail;

export async function resolveFindings(ctx: AppContext, caller: Caller, recordId: number, target: ResolveTarget,
  input: { resolution: string; reason: string }, names: FieldNames = { resolution: 'resolution', reason: 'reason' }): Promise<ResolveResult> {
  const resolution = input.resolution;
  const reason = input.reason.trim();
  if ('group' in target ? !GROUP_TOKEN_RE.test(target.group) : !Object.hasOwn(FINDING_KINDS, target.kind)) return fail('not_found', GONE);
  if (!isResolution(resolution)) return fail('invalid', '请选择处理方式。', { [names.resolution]: '请选择“遮盖”或“保留并说明理由”' });
  if (resolution === 'office_phone' && !('group' in target)) return fail('invalid', '请逐个确认本单位对外公开的办公电话。', { [names.resolution]: '请逐个确认办公电话' });
  if (resolution === 'accept' && !reason) return fail('invalid', '保留该内容时须说明理由。', { [names.reason]: '请说明保留的理由（如已取得本人同意、属依法应公开的信息）' });
  if (reason.length > 500) return fail('invalid', '理由不能超过 500 字。', { [names.reason]: '理由不能超过 500 字' });
  const now = ctx.now();
  const { today } = todayOf(ctx);
  return withTx(ctx.db, async (tx): Promise<ResolveResult> => {
    const rec = await wrepo.lockWorkflow(tx, recordId);
    if (!rec) return NOT_FOUND;
    if (EDITABLE_STATUSES.includes(rec.status)) {
      if (!can(caller.user, 'catalog.draft', { orgId: rec.orgId })) return fail('forbidden', '只有该机构的承办人可以在提交前处理检查结果。');
      // Before submitting nothing is stored yet (or the text changed): decide on what the submit scan finds now.
      await rescan(tx, rec, today, now);
    } else if (rec.status === 'in_review') {
      if (!(await mayResolveInReview(tx, caller.user, rec))) return fail('forbidden', '只有当前审核步骤的办理人或保密审查员可以处理检查结果。');
    } else {
      return fail('conflict', `该信息当前状态为“${statusLabel(rec.status)}”，检查结果已不能再处理。`);
    }
    const groups = groupFindings(await wrepo.listFindings(tx, recordId));
    let chosen: FindingGroup[];
    if ('group' in target) {
      chosen = groups.filter((g) => g.token === target.group);
      if (!chosen.length) return fail('not_found', GONE);
      if (resolution === 'redact' && !chosen[0]!.maskable) return fail('invalid', NOT_MASKABLE, { [names.resolution]: '该项只能保留并说明理由，或退回修改' });
      if (resolution === 'office_phone' && !chosen[0]!.allowable) {
        return fail('invalid', '只有固定电话可以确认为本单位对外公开的办公电话。', { [names.resolution]: '请选择“遮盖”或“保留并说明理由”' });
      }
    } else {
      chosen = groups.filter((g) => g.kind === target.kind && g.open);
      if (!chosen.length) return fail('not_found', `没有待处理的${findingKindLabel(target.kind)}，可能已由他人处理，请刷新页面。`);
      if (resolution === 'redact') {
        // Catalogue fields cannot be masked: those stay open for a decision of their own.
        chosen = chosen.filter((g) => g.maskable);
        if (!chosen.length) return fail('invalid', NOT_MASKABLE, { [names.resolution]: '这些内容位于著录项，只能保留并说明理由，或退回修改' });
      }
    }
    let allowed: string | null = null;
    if (resolution === 'office_phone') {
      const g = chosen[0]!;
      const first = g.items[0]!;
      const { targets } = await targetsOf(tx, rec);
      const text = targets.find((t) => t.source === first.source && (t.attachmentId ?? null) === (first.attachmentId ?? null))?.text ?? '';
      const value = normalizeFindingValue('landline', text.slice(first.start, first.end));
      if (!/^0\d{9,11}$/.test(value)) return fail('not_found', GONE);
      allowed = formatLandline(value);
      const nid = await arepo.insertAllowed(tx, { orgId: rec.orgId, kind: 'landline', value, recordId, createdBy: caller.user.id });
      if (nid !== null) {
        await writeAudit(tx, auditActor(caller), {
          action: 'catalog.allowlist.add', entityType: 'org', entityId: rec.orgId, summary: { number: allowed, recordId, indexNo: rec.indexNo },
        });
      }
    }
    const ids = chosen.flatMap((g) => g.items.map((f) => f.id!));
    const stored = resolution === 'office_phone' ? 'accept' : resolution;
    const why = resolution === 'office_phone' ? (reason ? `${OFFICE_PHONE_REASON}：${reason}` : OFFICE_PHONE_REASON) : reason || null;
    await wrepo.resolveFindings(tx, ids, { resolution: stored, reason: why, by: caller.user.id, at: now });
    await writeAudit(tx, auditActor(caller), {
      action: 'catalog.finding.resolve', entityType: 'catalog_record', entityId: recordId,
      summary: { kind: chosen[0]!.kind, resolution: stored, findings: chosen.length, places: ids.length, all: !('group' in target), officePhone: allowed ?? undefined },
    });
    return { ok: true as const, findings: chosen.length, places: ids.length, allowed };
  });
}

/** One stored finding's decision (the API of earlier versions): it applies to every place of its value. */
export async function resolveFinding(ctx: AppContext, caller: Caller, recordId: number, findingId: number, input: { resolution: string; reason: string }): Promise<{ ok: true } | Fail> {
  const f = (await wrepo.listFindings(ctx.db, recordId)).find((x) => x.id === findingId);
  if (!f) return fail('not_found', '该条检查结果不存在，可能已因重新检查而更新，请刷新页面。');
  const token = groupFindings([f])[0]!.token;
  const r = await resolveFindings(ctx, caller, recordId, { group: token }, input, { resolution: `r${findingId}`, reason: `reason${findingId}` });
  return r.ok ? { ok: true } : r;
}

// ---------------------------------------------------------------------------------------------
// The organisation's published office numbers

export async function removeAllowedNumber(ctx: AppContext, caller: Caller, id: number): Promise<{ ok: true; number: string } | Fail> {
  return withTx(ctx.db, async (tx) => {
    const n = await arepo.lockAllowed(tx, id);
    if (!n) return fail('not_found', '该号码不在本单位对外公开的办公电话中，可能已被移除。');
    if (!can(caller.user, 'catalog.manage', { orgId: n.orgId })) return fail('forbidden', '只有本单位政务公开办可以移除对外公开的办公电话。');
    await arepo.deleteAllowed(tx, id);
    const number = formatLandline(n.value);
    await writeAudit(tx, auditActor(caller), { action: 'catalog.allowlist.remove', entityType: 'org', entityId: n.orgId, summary: { number } });
    return { ok: true as const, number };
  });
}
