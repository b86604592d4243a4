// Choosing experts of the 政策解读专家库 for something another module owns (a press event's guests,
// a catalogue interpretation's 专家解读): which experts may be chosen, the chosen ids read from a form,
// and what changed. Pure: the experts are passed in.

/** What other modules see of an expert: never the contact data. `active`: in the library and filed. */
export interface ExpertRef { id: number; name: string; field: string; active: boolean }

/** At most this many experts on one event or interpretation. */
export const MAX_CHOSEN_EXPERTS = 20;

export const expertLabel = (e: { name: string; field: string }) => `${e.name}（${e.field}）`;

/**
 * The experts one may choose: the active ones, and those already chosen that have since left the
 * library or wait to be filed again (kept, marked, so saving the form does not drop them silently).
 */
export function expertOptions(active: readonly ExpertRef[], chosen: readonly ExpertRef[]): ExpertRef[] {
  const ids = new Set(active.map((e) => e.id));
  return [...active, ...chosen.filter((e) => !ids.has(e.id)).map((e) => ({ ...e, active: false }))];
}

/**
 * The ids chosen on a form (strings as posted), in the order given, once each: refused when one is
 * not a plain id or not among `options` (expertOptions), or when there are too many.
 */
export function chooseExperts(raw: readonly string[], options: readonly ExpertRef[], max = MAX_CHOSEN_EXPERTS): { ok: true; ids: number[] } | { ok: false; message: string } {
  const allowed = new Set(options.map((e) => e.id));
  const ids: number[] = [];
  for (const s of raw) {
    if (!/^[1-9]\d{0,8}$/.test(s)) return { ok: false, message: '所选专家无效，请重新选择' };
    const id = Number(s);
    if (!allowed.has(id)) return { ok: false, message: '所选专家不在专家库中或尚未备案，请重新选择' };
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > max) return { ok: false, message: `最多选择 ${max} 位专家` };
  return { ok: true, ids };
}

/** Ids added and removed between two choices. */
export function expertChanges(before: readonly number[], after: readonly number[]): { added: number[]; removed: number[] } {
  return { added: after.filter((id) => !before.includes(id)), removed: before.filter((id) => !after.includes(id)) };
}
