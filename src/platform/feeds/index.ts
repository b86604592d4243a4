// Reading a feed: fetch with hard limits (fetch.ts), then parse in the sandbox worker (parse.ts via
// files/sandbox.ts). One call, one outcome, never a throw: the caller stores the Chinese message.
import { runParse } from '../files/sandbox.ts';
import { fetchFeed, type FetchErrorCode, type FetchLimits } from './fetch.ts';
import type { FeedErrorCode, FeedParse, ParsedFeed } from './parse.ts';

export { fetchFeed, isPrivateAddress, FEED_FETCH_LIMITS, type FetchLimits, type FetchResult } from './fetch.ts';
export { parseFeed, FEED_PARSE_LIMITS, type FeedEntry, type ParsedFeed } from './parse.ts';
export { parseFeedDate } from './dates.ts';

export type ReadFeedCode = FetchErrorCode | FeedErrorCode | 'feed.parse_limit';

export type ReadFeed =
  | { ok: true; notModified: true }
  | { ok: true; notModified: false; feed: ParsedFeed; etag: string | null; lastModified: string | null; url: string }
  | { ok: false; code: ReadFeedCode; message: string };

/** Parse budget per feed: a 5 MB feed parses in well under a second; past this it is hostile or broken. */
const PARSE_TIMEOUT_MS = 10_000;

export async function readFeed(r: { url: string; etag?: string | null; lastModified?: string | null; allowPrivate: boolean; limits?: Partial<FetchLimits> }): Promise<ReadFeed> {
  const got = await fetchFeed(r);
  if (!got.ok) return got;
  if (got.notModified) return { ok: true, notModified: true };
  const parsed = await runParse({ op: 'feed', bytes: got.body, contentType: got.contentType, base: got.url }, { timeoutMs: PARSE_TIMEOUT_MS });
  if (!parsed.ok) {
    const message = parsed.code === 'file.busy'
      ? '系统正在解析较多内容，本次未能解析该订阅源，将在下次抓取时重试。'
      : '订阅源内容过于庞大或结构过于复杂，解析超出时间或内存上限，已停止解析。';
    return { ok: false, code: 'feed.parse_limit', message };
  }
  const v = parsed.value as FeedParse;
  if (!v.ok) return v;
  return { ok: true, notModified: false, feed: v.feed, etag: got.etag, lastModified: got.lastModified, url: got.url };
}
