// Assignment (opinion.assign; seed 004 §三): the lead organisation and the co-organisations. 属地管理、
// 分级负责、谁主管谁负责: routing suggests the responsible unit; when several units are involved the
// government office names the lead; a vertically managed unit (a routing rule says so) is answered
// through its higher department, which the page suggests. One transaction: the change, the event, the audit row.
import type { AppContext } from '../../../app-context.ts';
import { invalid } from '../../../platform/errors.ts';
import { recordEvent } from '../events.ts';
import * as repo from '../incidents.repo.ts';
import { auditIncident, onIncident, type Caller } from './triage-shared.ts';
import { auditActor } from '../../auth/caller.ts';
import { eventActor } from '../events.ts';

export const SEVERAL_NEED_OFFICE = '涉及多个单位的舆情，应由县政府办公室指定牵头单位；请将协办单位留空，或请县政府办公室指定';

export type VerticalAdvice = { orgId: number; orgName: string; higher: { id: number; name: string } | null };

/**
 * For a vertically managed unit: its higher department within the tree when it has one below the
 * county government (else null: the department is outside the county and is contacted directly).
 */
export function verticalAdvice(orgs: readonly repo.OrgChoice[], orgId: number | null | undefined): VerticalAdvice | null {
  const o = orgs.find((x) => x.id === orgId);
  if (!o || !o.vertical) return null;
  const parent = orgs.find((x) => x.id === o.parentId);
  const higher = parent && parent.parentId !== null ? { id: parent.id, name: parent.name } : null;
  return { orgId: o.id, orgName: o.name, higher };
}

export async function assignIncident(ctx: AppContext, caller: Caller, id: number, v: { version: number; leadOrgId: number; coOrgIds: number[]; note?: string | null }) {
  const orgs = await repo.orgChoices(ctx.db);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const lead = byId.get(v.leadOrgId);
  if (!lead) return invalid({ lead: '请选择牵头单位' });
  const co = [...new Set(v.coOrgIds)].filter((x) => x !== lead.id);
  if (co.some((x) => !byId.has(x))) return invalid({ co: '协办单位中有不存在或已停用的单位' });
  if (co.length > 0 && await repo.orgKindOf(ctx.db, caller.user.orgId) !== 'office') return invalid({ co: SEVERAL_NEED_OFFICE });
  return onIncident(ctx, caller, id, 'assign', v.version, async (tx, i, now) => {
    const vertical = verticalAdvice(orgs, lead.id);
    await repo.updateIncident(tx, i.id, { leadOrgId: lead.id, coOrgIds: co }, now);
    if (i.suggestedOrgId && i.suggestedOrgId !== lead.id) {
      await repo.insertCorrections(tx, [{ incidentId: i.id, field: 'lead_org', suggested: String(i.suggestedOrgId), chosen: String(lead.id), reason: v.note || null, actorId: caller.user.id }]);
    }
    await recordEvent(tx, i.id, 'assigned', {
      lead: { id: lead.id, name: lead.name }, co: co.map((x) => ({ id: x, name: byId.get(x)!.name })),
      previous: i.leadOrgId, vertical: vertical ? { higher: vertical.higher?.name ?? null } : null, note: v.note || null,
    }, eventActor(caller), now);
    await auditIncident(tx, auditActor(caller), 'opinion.incident.assign', i, { lead: lead.name, co: co.map((x) => byId.get(x)!.name).join('、') || '无' });
    return { ok: true as const, vertical };
  });
}
