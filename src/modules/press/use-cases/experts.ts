// 解读专家 of a press event: experts of the 专家库 (spokesperson module, through its exported
// functions) chosen as guests while the application can still be edited (草稿 / 退回修改), so the
// approval covers them. One transaction: the event locked, the choice checked against the library,
// the list replaced, the version moved on, audited with the names.
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, type Result } from '../../../platform/errors.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { chooseExperts, expertChanges, expertChoices, expertLabel, expertOptions } from '../../spokesperson/experts.ts';
import { EDITABLE, STATUSES, labelOf, type Status } from '../model.ts';
import * as repo from '../repo.ts';
import { onEvent, type Refusal } from './events.ts';

export async function setEventExperts(ctx: AppContext, caller: Caller, id: number, input: { experts: readonly string[]; version?: number }): Promise<Result<{ count: number; changed: boolean }, Refusal>> {
  return onEvent(ctx, caller, id, 'press.apply', async (tx, ev) => {
    if (!EDITABLE.includes(ev.status as Status)) {
      return fail('conflict', `该活动当前状态为“${labelOf(STATUSES, ev.status)}”，只有草稿或退回修改的活动可以选择解读专家。`);
    }
    if (input.version !== undefined && input.version !== ev.version) return fail('stale', '该活动已被他人修改，请刷新页面后重新操作。');
    const before = await repo.eventExpertIds(tx, id);
    const { active, chosen } = await expertChoices(tx, before);
    const options = expertOptions(active, chosen);
    const c = chooseExperts(input.experts, options);
    if (!c.ok) return fail('invalid', c.message, { experts: c.message });
    const { added, removed } = expertChanges(before, c.ids);
    if (!added.length && !removed.length && before.join() === c.ids.join()) return { ok: true as const, count: c.ids.length, changed: false };
    await repo.replaceEventExperts(tx, id, c.ids, caller.user.id);
    await repo.updateEvent(tx, id, {});
    const names = c.ids.map((x) => expertLabel(options.find((e) => e.id === x)!));
    await writeAudit(tx, auditActor(caller), {
      action: 'press.event.experts', entityType: 'press_event', entityId: id,
      summary: { experts: names.join('、') || '（无）', added: added.length, removed: removed.length },
    });
    return { ok: true as const, count: c.ids.length, changed: true };
  });
}
