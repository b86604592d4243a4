// 研判 on grouping: merge an incident into another (its items move, it becomes 已合并 with
// merged_into_id) or split chosen items (with their reposts) off into a new candidate incident.
// Both incidents are locked in id order, both get their counts recomputed, an event and a new version.
import type { AppContext } from '../../../app-context.ts';
import { fail, invalid } from '../../../platform/errors.ts';
import { beijingDateParts } from '../../../platform/time/index.ts';
import { OPEN_STATUSES, type IncidentStatus } from '../model.ts';
import { recordEvent } from '../events.ts';
import { allocateIds, insertIncident } from '../ingest.repo.ts';
import * as repo from '../incidents.repo.ts';
import { auditIncident, onIncident, mayTake, type Caller } from './triage-shared.ts';
import { auditActor } from '../../auth/caller.ts';
import { eventActor } from '../events.ts';

/** The incident named by the form: its 舆情编号 (YQ-2026-0012) or its number. */
export async function findTarget(ctx: AppContext, ref: string): Promise<repo.IncidentRow | undefined> {
  const s = ref.trim().toUpperCase();
  if (/^\d{1,9}$/.test(s)) return repo.findIncident(ctx.db, Number(s));
  return repo.findIncidentByNo(ctx.db, s);
}

export async function mergeIncident(ctx: AppContext, caller: Caller, id: number, v: { version: number; target: string }) {
  const target = await findTarget(ctx, v.target);
  if (!target) return invalid({ mergeTarget: '没有找到该舆情编号的事件，请核对后重新填写' });
  if (target.id === id) return invalid({ mergeTarget: '不能合并到事件本身，请填写另一个舆情事件的编号' });
  return onIncident(ctx, caller, id, 'merge', v.version, async (tx, i, now) => {
    const t = (await repo.lockIncidents(tx, [target.id])).get(target.id);
    if (!t || !(OPEN_STATUSES as readonly string[]).includes(t.status)) return invalid({ mergeTarget: '目标事件已办结、排除或合并，不能再合并到该事件' });
    if (!mayTake(caller.user, 'merge', t)) return fail('forbidden', '您没有对目标舆情事件进行研判的权限。');
    const moved = await repo.moveItems(tx, i.id, t.id, null);
    await repo.updateIncident(tx, i.id, { status: 'merged', mergedIntoId: t.id, closedAt: now }, now);
    await repo.recountIncident(tx, i.id);
    await repo.updateIncident(tx, t.id, {}, now);
    await repo.recountIncident(tx, t.id);
    await recordEvent(tx, i.id, 'merged', { into: { id: t.id, no: t.no }, items: moved }, eventActor(caller), now);
    await recordEvent(tx, t.id, 'merged', { from: { id: i.id, no: i.no }, items: moved }, eventActor(caller), now);
    await auditIncident(tx, auditActor(caller), 'opinion.incident.merge', i, { into: t.no, items: moved });
    return { ok: true as const, into: t.id };
  }, { alsoLock: [target.id] });
}

export async function splitIncident(ctx: AppContext, caller: Caller, id: number, v: { version: number; itemIds: number[]; title?: string | null }) {
  return onIncident(ctx, caller, id, 'split', v.version, async (tx, i, now) => {
    const chosen = await repo.originalsAmong(tx, i.id, v.itemIds);
    if (chosen.length === 0) return invalid({ splitItems: '请至少选择一条要拆分出去的信息' });
    if (chosen.length >= await repo.countOriginals(tx, i.id)) return invalid({ splitItems: '不能拆分出全部信息，原事件至少应保留一条信息' });
    const year = beijingDateParts(now).year;
    const ids = await allocateIds(tx, { items: 0, incidents: 1, year });
    const newId = ids.incidentIds[0]!;
    const no = `YQ-${year}-${String(ids.numbers[0]).padStart(4, '0')}`;
    const items = await repo.incidentItems(tx, i.id);
    const first = items.find((x) => x.id === chosen[0]);
    const title = (v.title?.trim() || first?.title.trim() || first?.text.slice(0, 60) || `${i.title}（拆分）`).slice(0, 200);
    await insertIncident(tx, {
      id: newId, no, title, status: 'candidate' satisfies IncidentStatus, origin: i.origin, suggestedGrade: i.suggestedGrade, suggestedCategory: i.suggestedCategory,
      riskScore: i.riskScore, riskExplanation: i.riskExplanation, suggestedOrgId: i.suggestedOrgId, createdAt: now, updatedAt: now,
    });
    const moved = await repo.moveItems(tx, i.id, newId, chosen);
    await repo.recountIncident(tx, i.id);
    await repo.recountIncident(tx, newId);
    await repo.updateIncident(tx, i.id, {}, now);
    await recordEvent(tx, i.id, 'split', { to: { id: newId, no }, items: moved, itemIds: chosen }, eventActor(caller), now);
    await recordEvent(tx, newId, 'split', { from: { id: i.id, no: i.no }, items: moved, itemIds: chosen }, eventActor(caller), now);
    await auditIncident(tx, auditActor(caller), 'opinion.incident.split', i, { splitInto: no, items: moved });
    return { ok: true as const, newId: newId, no };
  });
}
