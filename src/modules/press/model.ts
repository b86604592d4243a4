// 新闻发布 codes and their Chinese labels (SPEC.md §5; seed 000 新闻发言人制度 三–五, seed 001 (一), seed 003 §2–§5).
import { labelOf as label } from '../../platform/forms/query.ts';

/** The forms of a release (seed 000 四; 在线访谈 from seed 001 (二) and seed 003 §5). */
export const EVENT_TYPES = {
  conference: '新闻发布会',
  briefing: '情况通报会',
  background: '新闻通气会',
  group_interview: '集体采访',
  exclusive: '媒体专访',
  release: '新闻稿',
  inquiry: '答复问询',
  online: '网络互动',
  interview: '在线访谈',
} as const;
export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_KEYS = Object.keys(EVENT_TYPES) as EventType[];

/** What the release is about (seed 000 三 (一)–(七)). */
export const CATEGORIES = {
  routine: '常规政府信息',
  hotspot: '社会热点',
  emergency: '突发公共事件',
  warning: '重要预警信息',
  major_event: '重大活动',
  supervision: '舆论监督回应',
  other: '其他',
} as const;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_KEYS = Object.keys(CATEGORIES) as Category[];

/** Who speaks: the quotas count the organisation's principal leader separately (seed 003 §2, §5). */
export const SPEAKER_KINDS = {
  spokesperson: '新闻发言人',
  principal: '主要负责人',
  deputy: '分管负责人',
  other: '其他负责人',
} as const;
export type SpeakerKind = keyof typeof SPEAKER_KINDS;
export const SPEAKER_KIND_KEYS = Object.keys(SPEAKER_KINDS) as SpeakerKind[];

/**
 * An event's path: 草稿 → 审批中 → 已批准 → 已举行. A return (退回修改) makes it editable again; 不予批准
 * ends it. An emergency event may be held while its approval is still running (先发布后补批).
 * 已取消: withdrawn by its organisation before it was held (an open approval is cancelled with it).
 */
export const STATUSES = {
  draft: '草稿',
  in_review: '审批中',
  returned: '已退回修改',
  refused: '不予批准',
  approved: '已批准',
  held: '已举行',
  cancelled: '已取消',
} as const;
export type Status = keyof typeof STATUSES;
export const STATUS_KEYS = Object.keys(STATUSES) as Status[];
export const EDITABLE: readonly Status[] = ['draft', 'returned'];
/** What may still be cancelled: anything not yet held, refused or cancelled. */
export const CANCELLABLE: readonly Status[] = ['draft', 'in_review', 'returned', 'approved'];

/** The two texts published after the event. */
export const DOC_KINDS = { release: '新闻稿', transcript: '发布实录' } as const;
export type DocKind = keyof typeof DOC_KINDS;

/** A code's label; an unknown code is shown as it is. */
export const labelOf = (m: Readonly<Record<string, string>>, k: string | null | undefined): string => label(m, k, k ?? '');

/** Field lengths (characters). */
export const LIMITS = {
  title: 200, place: 200, speaker: 100, guests: 1000, purpose: 2000, outline: 5000, participants: 1000,
  release: 50_000, transcript: 80_000, question: 1000, answer: 5000, note: 2000, incidentNo: 40,
  /** 取消 / 撤回 reasons (the catalogue's 撤回理由 allows 500). */
  reason: 500,
} as const;

/** How long after an emergency event its approval must be completed (先发布后补批). */
export const APPROVE_AFTER_HOURS = 24;
