// Feed sources: the form schema (admin page and CLI share it) and the checks a schema cannot say.
import { Type, type Static } from '@sinclair/typebox';
import { Str, StringEnum } from '../../platform/forms/schema.ts';
import type { FormStrings } from '../../platform/forms/index.ts';
import { MEDIA_TYPES } from './model.ts';

export const MEDIA_TYPE_KEYS = Object.keys(MEDIA_TYPES) as (keyof typeof MEDIA_TYPES)[];
export const SOURCE_LIMITS = { name: 60, url: 2000, minMinutes: 5, maxMinutes: 1440 };

export const FeedSourceForm = Type.Object({
  name: Str('来源名称', SOURCE_LIMITS.name),
  url: Str('订阅地址', SOURCE_LIMITS.url),
  mediaType: StringEnum(MEDIA_TYPE_KEYS, { title: '媒体类型', default: 'news' }),
  pollMinutes: Type.Integer({ title: '抓取间隔（分钟）', minimum: SOURCE_LIMITS.minMinutes, maximum: SOURCE_LIMITS.maxMinutes, default: 30 }),
  weight: Type.Number({ title: '来源权重', minimum: 0.1, maximum: 10, default: 1 }),
  /** The owning organisation's id; '' (or left out) = the county's own source. */
  orgId: Type.Optional(Str('所属单位', 12)),
});
export type FeedSourceValues = Static<typeof FeedSourceForm>;

/** Why a feed address is not acceptable (Chinese), or null. */
export function feedUrlProblem(raw: string): string | null {
  let u: URL;
  try { u = new URL(raw); } catch { return '订阅地址不是有效的网址，应以 http:// 或 https:// 开头'; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return '订阅地址应以 http:// 或 https:// 开头';
  if (u.username || u.password) return '订阅地址不能包含用户名或密码';
  if (!u.hostname) return '订阅地址缺少域名';
  return null;
}

/** Domain checks of the form (parseForm `domain`). */
export function feedSourceProblems(s: FormStrings): Record<string, string> {
  const out: Record<string, string> = {};
  const url = typeof s.url === 'string' ? s.url : '';
  if (url) { const p = feedUrlProblem(url); if (p) out.url = p; }
  if (typeof s.orgId === 'string' && s.orgId !== '' && orgIdOf(s.orgId) === undefined) out.orgId = '所选单位不存在，请重新选择';
  return out;
}

/** The form's organisation: null for '' (the county's), the id, or undefined when it is no id. */
export function orgIdOf(raw: string | undefined): number | null | undefined {
  if (raw === undefined || raw === '') return null;
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : undefined;
}

/** A 立即抓取 request older than this is taken as lost (its job died with a process): a new one may be queued. */
export const POLL_REQUEST_STALE_MINUTES = 10;

export type PollQueueState = 'queued' | 'polling' | null;

/**
 * Where a source's 立即抓取 request stands at `now`: 排队中 until its job takes the source (the job's
 * claim sets lastPolledAt), 抓取中 while it polls, null when none waits (or it is stale).
 */
export function pollQueueState(s: { pollRequestedAt: Date | null; lastPolledAt: Date | null }, now: Date): PollQueueState {
  const at = s.pollRequestedAt;
  if (!at || now.getTime() - at.getTime() >= POLL_REQUEST_STALE_MINUTES * 60_000) return null;
  return s.lastPolledAt && s.lastPolledAt.getTime() >= at.getTime() ? 'polling' : 'queued';
}
