// Feed sources administered at /admin/opinion/sources and by `opinion source add`: create, edit,
// enable / disable, delete (only a source without items; one with items is disabled instead).
// Each change is one transaction with its audit row.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { can, type Principal } from '../../auth/policy.ts';
import { findSourceByName, insertSource, type SourceRow } from '../repo.ts';
import { countItemsOfSource, deleteSource, lockSource, updateSource } from '../feeds.repo.ts';
import { feedUrlProblem, type FeedSourceValues } from '../feeds.domain.ts';

/** A county-wide source needs opinion.manage; one owned by an organisation needs it over that organisation. */
export function canManageSource(user: Principal, s: Pick<SourceRow, 'orgId'>): boolean {
  return can(user, 'opinion.manage', s.orgId == null ? undefined : { orgId: s.orgId });
}

const NAME_TAKEN = '已有同名的来源，请换一个名称';

export async function createFeedSource(ctx: AppContext, actor: Actor, v: FeedSourceValues): Promise<Result<{ source: SourceRow }, 'invalid'>> {
  const urlProblem = feedUrlProblem(v.url);
  if (urlProblem) return invalid({ url: urlProblem });
  return withTx(ctx.db, async (tx) => {
    if (await findSourceByName(tx, v.name)) return invalid({ name: NAME_TAKEN });
    const source = await insertSource(tx, {
      name: v.name, kind: 'feed', url: v.url, mediaType: v.mediaType, pollMinutes: v.pollMinutes, weight: v.weight,
      enabled: true, nextPollAt: ctx.now(),
    });
    await writeAudit(tx, actor, {
      action: 'opinion.source.create', entityType: 'opinion_source', entityId: source.id,
      summary: { name: v.name, url: v.url, mediaType: v.mediaType, pollMinutes: v.pollMinutes, weight: v.weight },
    });
    return { ok: true as const, source };
  });
}

type Refusal = 'invalid' | 'not_found' | 'forbidden';

async function onSource<T>(ctx: AppContext, user: Principal | null, id: number, fn: (tx: Tx, s: SourceRow) => Promise<Result<T, Refusal>>): Promise<Result<T, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const s = await lockSource(tx, id);
    if (!s || s.kind !== 'feed') return fail('not_found', '订阅源不存在或已被删除。');
    if (user && !canManageSource(user, s)) return fail('forbidden', '您没有管理该来源的权限。');
    return fn(tx, s);
  });
}

export async function updateFeedSource(ctx: AppContext, user: Principal | null, actor: Actor, id: number, v: FeedSourceValues): Promise<Result<object, Refusal>> {
  const urlProblem = feedUrlProblem(v.url);
  if (urlProblem) return invalid({ url: urlProblem });
  return onSource(ctx, user, id, async (tx, s) => {
    if (v.name !== s.name && await findSourceByName(tx, v.name)) return invalid({ name: NAME_TAKEN });
    const urlChanged = v.url !== s.url;
    await updateSource(tx, id, {
      name: v.name, url: v.url, mediaType: v.mediaType, pollMinutes: v.pollMinutes, weight: v.weight,
      // A new address starts afresh: the old validators and failures belong to the old one.
      ...(urlChanged ? { etag: null, lastModified: null, consecutiveFailures: 0, nextPollAt: ctx.now() } : {}),
    });
    const changed = (['name', 'url', 'mediaType', 'pollMinutes', 'weight'] as const).filter((k) => v[k] !== s[k]);
    await writeAudit(tx, actor, {
      action: 'opinion.source.update', entityType: 'opinion_source', entityId: id,
      summary: { name: v.name, changed: changed.join(',') || '无' },
    });
    return { ok: true };
  });
}

export async function setFeedSourceEnabled(ctx: AppContext, user: Principal | null, actor: Actor, id: number, enabled: boolean): Promise<Result<object, Refusal>> {
  return onSource(ctx, user, id, async (tx, s) => {
    if (s.enabled === enabled) return { ok: true };
    // Enabled again: polled at once, with a clean failure count.
    await updateSource(tx, id, enabled ? { enabled, nextPollAt: ctx.now(), consecutiveFailures: 0 } : { enabled });
    await writeAudit(tx, actor, { action: enabled ? 'opinion.source.enable' : 'opinion.source.disable', entityType: 'opinion_source', entityId: id, summary: { name: s.name } });
    return { ok: true };
  });
}

/** Deletes a source without items; one with items is disabled instead (its items keep their source). */
export async function deleteFeedSource(ctx: AppContext, user: Principal | null, actor: Actor, id: number): Promise<Result<{ deleted: boolean; items: number }, Refusal>> {
  return onSource<{ deleted: boolean; items: number }>(ctx, user, id, async (tx, s) => {
    const items = await countItemsOfSource(tx, id);
    if (items > 0) {
      if (s.enabled) await updateSource(tx, id, { enabled: false });
      await writeAudit(tx, actor, { action: 'opinion.source.disable', entityType: 'opinion_source', entityId: id, summary: { name: s.name, items } });
      return { ok: true, deleted: false, items };
    }
    await deleteSource(tx, id);
    await writeAudit(tx, actor, { action: 'opinion.source.delete', entityType: 'opinion_source', entityId: id, summary: { name: s.name, url: s.url ?? '' } });
    return { ok: true, deleted: true, items: 0 };
  });
}
