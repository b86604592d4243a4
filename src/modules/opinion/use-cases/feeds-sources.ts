// Feed sources administered at /admin/opinion/sources and by `opinion source add`: create, edit,
// enable / disable, delete (only a source without items; one with items is disabled instead),
// 立即抓取 (queued as a job). A source may belong to an organisation: a county-wide manager
// (opinion.manage over the top of the tree) manages every source, anyone else only those of the
// organisations in their scope. Each change is one transaction with its audit row.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Executor, type Tx } from '../../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { enqueue } from '../../../platform/jobs/index.ts';
import { can, scopeOf, type Principal } from '../../auth/policy.ts';
import { findSourceByName, insertSource, type SourceRow } from '../repo.ts';
import { rootOrgIds } from '../incidents.repo.ts';
import { activeOrgName, countItemsOfSource, deleteSource, lockSource, updateSource } from '../feeds.repo.ts';
import { feedUrlProblem, pollQueueState, type FeedSourceValues } from '../feeds.domain.ts';
import { opinionPollSourceJob } from '../feeds.job.ts';

/** Which sources a manager sees and changes: every one (county-wide), or those of these organisations. */
export type SourceScope = { all: boolean; orgIds: number[] };

export async function sourceScopeOf(db: Executor, user: Principal): Promise<SourceScope> {
  const roots = await rootOrgIds(db);
  return { all: roots.some((id) => can(user, 'opinion.manage', { orgId: id })), orgIds: [...scopeOf(user, 'opinion.manage')] };
}

/** A source without an organisation is the county's: only a county-wide manager has it. */
export function canManageSource(scope: SourceScope, s: Pick<SourceRow, 'orgId'>): boolean {
  return scope.all || (s.orgId != null && scope.orgIds.includes(s.orgId));
}

/** What a create or edit takes: the form's values with the owning organisation resolved (null: the county's). */
export type FeedSourceInput = Omit<FeedSourceValues, 'orgId'> & { orgId?: number | null };

/** The organisation's name, or the field error (unknown or inactive; outside the caller's scope). */
async function orgProblem(db: Executor, scope: SourceScope | null, orgId: number | null): Promise<{ name: string | null } | { error: string }> {
  if (orgId === null) {
    return scope && !scope.all ? { error: '您只能管理本单位的来源，请选择所属单位' } : { name: null };
  }
  const name = await activeOrgName(db, orgId);
  if (name === undefined) return { error: '所选单位不存在或已停用，请重新选择' };
  if (scope && !canManageSource(scope, { orgId })) return { error: '您不能为管理范围以外的单位设置来源，请重新选择' };
  return { name };
}

const NAME_TAKEN = '已有同名的来源，请换一个名称';

/** `scope`: the caller's (the admin pages); null for the command line, which may name any organisation. */
export async function createFeedSource(ctx: AppContext, actor: Actor, v: FeedSourceInput, scope: SourceScope | null = null): Promise<Result<{ source: SourceRow }, 'invalid'>> {
  const urlProblem = feedUrlProblem(v.url);
  if (urlProblem) return invalid({ url: urlProblem });
  return withTx(ctx.db, async (tx) => {
    if (await findSourceByName(tx, v.name)) return invalid({ name: NAME_TAKEN });
    const org = await orgProblem(tx, scope, v.orgId ?? null);
    if ('error' in org) return invalid({ orgId: org.error });
    const source = await insertSource(tx, {
      name: v.name, kind: 'feed', url: v.url, mediaType: v.mediaType, pollMinutes: v.pollMinutes, weight: v.weight,
      orgId: v.orgId ?? null, enabled: true, nextPollAt: ctx.now(),
    });
    await writeAudit(tx, actor, {
      action: 'opinion.source.create', entityType: 'opinion_source', entityId: source.id,
      summary: { name: v.name, url: v.url, mediaType: v.mediaType, pollMinutes: v.pollMinutes, weight: v.weight, org: org.name ?? '全县' },
    });
    return { ok: true as const, source };
  });
}

type Refusal = 'invalid' | 'not_found' | 'forbidden' | 'conflict';

async function onSource<T>(ctx: AppContext, scope: SourceScope | null, id: number, fn: (tx: Tx, s: SourceRow) => Promise<Result<T, Refusal>>): Promise<Result<T, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const s = await lockSource(tx, id);
    if (!s || s.kind !== 'feed') return fail('not_found', '订阅源不存在或已被删除。');
    if (scope && !canManageSource(scope, s)) return fail('forbidden', '您没有管理该来源的权限。');
    return fn(tx, s);
  });
}

export async function updateFeedSource(ctx: AppContext, scope: SourceScope | null, actor: Actor, id: number, v: FeedSourceInput): Promise<Result<object, Refusal>> {
  const urlProblem = feedUrlProblem(v.url);
  if (urlProblem) return invalid({ url: urlProblem });
  return onSource(ctx, scope, id, async (tx, s) => {
    if (v.name !== s.name && await findSourceByName(tx, v.name)) return invalid({ name: NAME_TAKEN });
    // Left out (the command line's edit, older callers): the organisation stays.
    const orgId = v.orgId === undefined ? s.orgId : v.orgId;
    if (orgId !== s.orgId) {
      const org = await orgProblem(tx, scope, orgId);
      if ('error' in org) return invalid({ orgId: org.error });
    }
    const urlChanged = v.url !== s.url;
    await updateSource(tx, id, {
      name: v.name, url: v.url, mediaType: v.mediaType, pollMinutes: v.pollMinutes, weight: v.weight, orgId,
      // A new address starts afresh: the old validators and failures belong to the old one.
      ...(urlChanged ? { etag: null, lastModified: null, consecutiveFailures: 0, nextPollAt: ctx.now() } : {}),
    });
    const changed = [...(['name', 'url', 'mediaType', 'pollMinutes', 'weight'] as const).filter((k) => v[k] !== s[k]), ...(orgId !== s.orgId ? ['orgId'] : [])];
    await writeAudit(tx, actor, {
      action: 'opinion.source.update', entityType: 'opinion_source', entityId: id,
      summary: { name: v.name, changed: changed.join(',') || '无' },
    });
    return { ok: true };
  });
}

export async function setFeedSourceEnabled(ctx: AppContext, scope: SourceScope | null, actor: Actor, id: number, enabled: boolean): Promise<Result<object, Refusal>> {
  return onSource(ctx, scope, id, async (tx, s) => {
    if (s.enabled === enabled) return { ok: true };
    // Enabled again: polled at once, with a clean failure count.
    await updateSource(tx, id, enabled ? { enabled, nextPollAt: ctx.now(), consecutiveFailures: 0 } : { enabled });
    await writeAudit(tx, actor, { action: enabled ? 'opinion.source.enable' : 'opinion.source.disable', entityType: 'opinion_source', entityId: id, summary: { name: s.name } });
    return { ok: true };
  });
}

/** Deletes a source without items; one with items is disabled instead (its items keep their source). */
export async function deleteFeedSource(ctx: AppContext, scope: SourceScope | null, actor: Actor, id: number): Promise<Result<{ deleted: boolean; items: number }, Refusal>> {
  return onSource<{ deleted: boolean; items: number }>(ctx, scope, id, async (tx, s) => {
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

/**
 * 立即抓取: queues the `opinion.poll-source` job for the source in this transaction and marks the
 * source as queued; while a request waits or runs, a second one queues nothing (`queued: false`).
 */
export async function requestPoll(ctx: AppContext, scope: SourceScope | null, actor: Actor, id: number): Promise<Result<{ queued: boolean }, Refusal>> {
  return onSource<{ queued: boolean }>(ctx, scope, id, async (tx, s) => {
    if (!s.enabled) return fail('conflict', '该来源已停用，请先启用后再抓取。');
    const now = ctx.now();
    if (pollQueueState(s, now) !== null) return { ok: true, queued: false };
    await updateSource(tx, id, { pollRequestedAt: now });
    await enqueue(tx, opinionPollSourceJob, { sourceId: id });
    await writeAudit(tx, actor, { action: 'opinion.source.poll', entityType: 'opinion_source', entityId: id, summary: { name: s.name } });
    return { ok: true, queued: true };
  });
}
