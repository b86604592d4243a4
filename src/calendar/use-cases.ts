// Placeholder: calendar use cases, filled in by the module owner.
import type { AppContext } from '../app-context.ts';
import type { Actor } from '../platform/audit/index.ts';
import type { DayOverride } from './calendar.ts';
export async function importHolidayNotice(_ctx: AppContext, _actor: Actor, _notice: { year: number; overrides: DayOverride[] }, _note: string | null): Promise<{ recalculated: number }> {
  return { recalculated: 0 };
}
