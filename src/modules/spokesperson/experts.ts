// What other modules call to attach policy-interpretation experts (press events, 专家解读): the
// experts in the library and filed with the press office, experts by id (also those since 停用, for
// what was attached before), id + name + field only (no contact data); the pure choice rules and
// the form's checkbox group.
import type { Executor } from '../../platform/db/index.ts';
import * as repo from './repo.ts';
import type { ExpertRef } from './expert-choice.ts';

export { chooseExperts, expertChanges, expertLabel, expertOptions, MAX_CHOSEN_EXPERTS, type ExpertRef } from './expert-choice.ts';
export { ExpertPicker, ExpertNames } from './views/expert-picker.tsx';

export const listActiveExperts = repo.listActiveExperts;

export async function expertsByIds(db: Executor, ids: readonly number[]): Promise<ExpertRef[]> {
  return repo.expertsByIds(db, ids);
}

/** The active experts as choices, and the chosen ones (by id) with their current state. */
export async function expertChoices(db: Executor, chosenIds: readonly number[]): Promise<{ active: ExpertRef[]; chosen: ExpertRef[] }> {
  const [active, chosen] = await Promise.all([repo.listActiveExperts(db), repo.expertsByIds(db, chosenIds)]);
  return { active: active.map((e) => ({ ...e, active: true })), chosen };
}
