// Polling feed sources: read the feed (platform/feeds: limits, conditional GET, sandboxed parse),
// hand the entries to ingestItems, store the state the admin sees. Several sources run at once,
// each bounded by its own fetch and parse budgets, so a source that never answers delays nobody.
// A failure backs off (pollMinutes × 2^failures, at most a day); a success resets the count.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../../app-context.ts';
import { SYSTEM_ACTOR, type Actor } from '../../../platform/audit/index.ts';
import { readFeed, type FeedEntry, type FetchLimits } from '../../../platform/feeds/index.ts';
import { claimDueSources, claimEnabledSources, claimRequestedSource, claimSource, clearPollRequest, recordPollFailure, recordPollSuccess } from '../feeds.repo.ts';
import type { SourceRow } from '../repo.ts';
import { ingestItems, type IncomingItem } from './ingest.ts';

export const POLL = {
  /** Sources polled at once by one run. */
  concurrency: 4,
  /** Sources one run takes (the cron runs every minute; the rest wait for the next run). */
  perRun: 40,
  /** A claimed source is not taken again before this, even if its poll dies with the process. */
  leaseMinutes: 10,
  /** Back-off ceiling. */
  maxBackoffMinutes: 24 * 60,
};

export const POLL_ACTOR: Actor = { ...SYSTEM_ACTOR, name: '系统（订阅源定时抓取）' };

/** When to poll next: pollMinutes after a success, doubled per consecutive failure, at most a day. */
export function nextPollAt(now: Date, pollMinutes: number, failures: number): Date {
  const minutes = Math.min(pollMinutes * 2 ** Math.min(failures, 20), POLL.maxBackoffMinutes);
  return new Date(now.getTime() + minutes * 60_000);
}

/** An entry's key: its id, else its link, else a hash of title and date (stable across polls). */
export function entryKey(e: FeedEntry): string {
  if (e.id) return e.id;
  if (e.link) return e.link.length <= 200 ? e.link : `sha256:${createHash('sha256').update(e.link).digest('hex')}`;
  const basis = `${e.title}\n${e.rawDate ?? ''}${e.title ? '' : `\n${e.text.slice(0, 500)}`}`;
  return `hash:${createHash('sha256').update(basis).digest('hex').slice(0, 40)}`;
}

/** Feed entries → items; no date (or one in the future) → the fetch time. */
export function entriesToItems(entries: readonly FeedEntry[], fetchedAt: Date): IncomingItem[] {
  const latest = fetchedAt.getTime() + 10 * 60_000;
  return entries.map((e) => {
    const d = e.published ? new Date(e.published) : null;
    return {
      externalId: entryKey(e), title: e.title, text: e.text, url: e.link, author: e.author,
      publishedAt: d && d.getTime() <= latest ? d : fetchedAt,
    };
  });
}

export interface PollOutcome {
  sourceId: number;
  name: string;
  added: number;
  duplicates: number;
  refused: number;
  /** The feed answered 304 (or was unchanged): nothing to read. */
  notModified: boolean;
  /** Chinese, as stored on the source; null on success. */
  error: string | null;
  /** Why items were refused (the first few distinct reasons). */
  refusals: string[];
}

export interface PollOptions { limits?: Partial<FetchLimits>; actor?: Actor }

/** Polls one source already claimed (its lease set); records the outcome on the source. */
export async function pollClaimed(ctx: AppContext, source: SourceRow, opts: PollOptions = {}): Promise<PollOutcome> {
  const base = { sourceId: source.id, name: source.name, added: 0, duplicates: 0, refused: 0, notModified: false, error: null as string | null, refusals: [] as string[] };
  const fail = async (message: string): Promise<PollOutcome> => {
    const now = ctx.now();
    const failures = source.consecutiveFailures + 1;
    await recordPollFailure(ctx.db, source.id, { now, message, failures, next: nextPollAt(now, source.pollMinutes, failures) });
    return { ...base, error: message };
  };
  if (!source.url) return fail('该来源没有订阅地址。');
  const read = await readFeed({
    url: source.url, etag: source.etag, lastModified: source.lastModified,
    allowPrivate: ctx.config.opinionFeedAllowPrivate, limits: opts.limits,
  });
  if (!read.ok) return fail(read.message);
  const fetchedAt = ctx.now();
  if (read.notModified) {
    await recordPollSuccess(ctx.db, source.id, { now: fetchedAt, next: nextPollAt(fetchedAt, source.pollMinutes, 0), added: 0, notModified: true });
    return { ...base, notModified: true };
  }
  const items = entriesToItems(read.feed.entries, fetchedAt);
  let summary = { added: 0, duplicates: 0, refused: 0, refusals: [] as string[] };
  if (items.length) {
    try {
      const s = await ingestItems(ctx, source.id, items, opts.actor ?? POLL_ACTOR);
      const refusals = [...new Set(s.results.flatMap((r) => (r.status === 'refused' ? [r.reason] : [])))].slice(0, 3);
      summary = { added: s.added, duplicates: s.duplicates, refused: s.refused, refusals };
    } catch (e) {
      // Keep the server's reason out of the admin's view; the log has it.
      console.error('opinion feed ingest failed', { sourceId: source.id, error: (e as Error).message });
      return fail('保存抓取到的信息时出错，将在下次抓取时重试。');
    }
  }
  const now = ctx.now();
  await recordPollSuccess(ctx.db, source.id, {
    now, next: nextPollAt(now, source.pollMinutes, 0), added: summary.added, notModified: false, etag: read.etag, lastModified: read.lastModified,
  });
  return { ...base, ...summary };
}

/** Runs `fn` over `list` with at most `n` at once, results in order. */
async function bounded<T, R>(list: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(list.length);
  let next = 0;
  const worker = async () => { while (next < list.length) { const i = next++; out[i] = await fn(list[i]!); } };
  await Promise.all(Array.from({ length: Math.min(n, list.length) }, worker));
  return out;
}

const leaseEnd = (now: Date) => new Date(now.getTime() + POLL.leaseMinutes * 60_000);

/** Polls every enabled feed source that is due (the `opinion.poll` job, `opinion poll`). */
export async function pollDueSources(ctx: AppContext, opts: PollOptions & { concurrency?: number } = {}): Promise<PollOutcome[]> {
  const now = ctx.now();
  const claimed = await claimDueSources(ctx.db, now, leaseEnd(now), POLL.perRun);
  return bounded(claimed, opts.concurrency ?? POLL.concurrency, (s) => pollClaimed(ctx, s, opts));
}

/** Polls every enabled feed source now, due or not (`opinion poll`), in name order. */
export async function pollAllNow(ctx: AppContext, opts: PollOptions & { concurrency?: number } = {}): Promise<PollOutcome[]> {
  const now = ctx.now();
  const claimed = (await claimEnabledSources(ctx.db, now, leaseEnd(now))).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return bounded(claimed, opts.concurrency ?? POLL.concurrency, (s) => pollClaimed(ctx, s, opts));
}

/** Polls one source now, due or not (`opinion poll --source`); undefined when it is not a feed source. */
export async function pollSourceNow(ctx: AppContext, sourceId: number, opts: PollOptions = {}): Promise<PollOutcome | undefined> {
  const now = ctx.now();
  const s = await claimSource(ctx.db, sourceId, now, leaseEnd(now));
  return s ? pollClaimed(ctx, s, opts) : undefined;
}

/**
 * The `opinion.poll-source` job (立即抓取): polls the source if it is still an enabled feed source
 * waiting for it, then clears its queued mark whatever happened (a disabled or deleted source is
 * simply not polled). Undefined when nothing was polled.
 */
export async function pollRequestedSource(ctx: AppContext, sourceId: number): Promise<PollOutcome | undefined> {
  try {
    const now = ctx.now();
    const s = await claimRequestedSource(ctx.db, sourceId, now, leaseEnd(now));
    return s ? await pollClaimed(ctx, s) : undefined;
  } finally {
    await clearPollRequest(ctx.db, sourceId);
  }
}

/** The CLI's line for one source: 来源名：新增 N，重复 M，错误 … */
export function outcomeLine(o: PollOutcome): string {
  const err = o.error ?? (o.refused ? `${o.refused} 条信息被拒收（${o.refusals.join('；')}）` : o.notModified ? '无（订阅源没有更新）' : '无');
  return `${o.name}：新增 ${o.added}，重复 ${o.duplicates}，错误 ${err}`;
}
