// 年度备案 (seed 000 五(四)2): the press office opens a round for a year; each organisation confirms
// its filed spokesperson and 新闻助理 (or updates them first); the press office closes the round.
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { can } from '../../auth/policy.ts';
import { confirmRefusal } from '../domain.ts';
import * as repo from '../repo.ts';
import { auditActor, denied, FORBIDDEN, NOT_FOUND, todayOf, type Caller, type Refusal } from './shared.ts';

export async function openYearRound(ctx: AppContext, c: Caller, year: number, dueOn: string): Promise<Result<{ roundId: number }, Refusal>> {
  if (!can(c.user, 'spokesperson.file')) return FORBIDDEN;
  const today = todayOf(ctx);
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear - 1 || year > thisYear + 1) return invalid({ year: `备案年度应为 ${thisYear - 1}—${thisYear + 1} 年` });
  if (dueOn < today) return invalid({ dueOn: '确认截止日期不能早于今天' });
  return withTx(ctx.db, async (tx) => {
    const open = await repo.openRound(tx, true);
    if (open) return invalid({ year: `${open.year} 年度备案尚未结束，请先结束后再开启新的年度备案` });
    if (await repo.roundOfYear(tx, year)) return invalid({ year: `${year} 年度备案已开启过` });
    const roundId = await repo.insertRound(tx, { year, openedOn: today, dueOn, openedBy: c.user.id });
    await writeAudit(tx, auditActor(c), { action: 'spokesperson.round.open', entityType: 'spokes_round', entityId: roundId, summary: { year, dueOn } });
    return { ok: true as const, roundId };
  });
}

export async function closeYearRound(ctx: AppContext, c: Caller, roundId: number): Promise<Result<object, Refusal>> {
  if (!can(c.user, 'spokesperson.file')) return FORBIDDEN;
  const today = todayOf(ctx);
  return withTx(ctx.db, async (tx) => {
    const open = await repo.openRound(tx, true);
    if (!open || open.id !== roundId) return fail('conflict' as const, '该年度备案已结束。');
    const orgs = await repo.activeOrgs(tx);
    const missing = await repo.unconfirmedCount(tx, roundId, orgs.map((o) => o.id));
    await repo.closeRound(tx, roundId, today);
    await writeAudit(tx, auditActor(c), { action: 'spokesperson.round.close', entityType: 'spokes_round', entityId: roundId, summary: { year: open.year, unconfirmed: missing } });
    return { ok: true as const };
  });
}

/** The organisation confirms its filed data for the open round. */
export async function confirmYearRound(ctx: AppContext, c: Caller, orgId: number): Promise<Result<{ year: number }, Refusal>> {
  const no = denied(c, 'spokesperson.edit', orgId);
  if (no) return no;
  const today = todayOf(ctx);
  return withTx(ctx.db, async (tx) => {
    const org = await repo.findActiveOrg(tx, orgId);
    if (!org) return NOT_FOUND('单位');
    const round = await repo.openRound(tx);
    const confirmed = round ? (await repo.confirmations(tx, round.id)).has(orgId) : false;
    const people = await repo.activePeople(tx, [orgId]);
    const refusal = confirmRefusal({
      roundOpen: !!round, confirmed,
      spokesperson: people.some((p) => p.role === 'spokesperson'), assistant: people.some((p) => p.role === 'assistant'),
      pending: await repo.pendingCount(tx, [orgId]),
    });
    if (refusal || !round) return fail('conflict' as const, refusal ?? '本年度备案已结束。');
    if (!await repo.insertConfirmation(tx, { roundId: round.id, orgId, confirmedOn: today, confirmedBy: c.user.id })) return fail('conflict' as const, '本单位已确认本年度备案。');
    await writeAudit(tx, auditActor(c), {
      action: 'spokesperson.round.confirm', entityType: 'spokes_round', entityId: round.id,
      summary: { year: round.year, org: org.name, people: people.map((p) => p.name).join('、') },
    });
    return { ok: true as const, year: round.year };
  });
}
