// The forms of answering an incident (response, review, publish, close, reopen, referral): one
// TypeBox schema each, and the checks a schema cannot say. Pure: no I/O.
import { Type, type Static } from '@sinclair/typebox';
import { DateStr, Str, StringEnum } from '../../../platform/forms/schema.ts';
import type { FormStrings } from '../../../platform/forms/index.ts';
import { beijingToday } from '../../../platform/time/index.ts';
import { parseInstant } from '../clock-rules.ts';
import { CHANNELS, EFFECT_RATINGS, REFERRAL_AGENCIES, type EffectRating } from '../model.ts';
export { EFFECT_RATINGS, RESPONSE_STATUSES, type EffectRating } from '../model.ts';

export const CHANNEL_KEYS = Object.keys(CHANNELS) as (keyof typeof CHANNELS)[];
export const AGENCY_KEYS = Object.keys(REFERRAL_AGENCIES) as (keyof typeof REFERRAL_AGENCIES)[];
export const RESPONSE_LIMITS = { title: 200, text: 5000, url: 500, opinion: 2000 } as const;

export const ResponseForm = Type.Object({
  channel: StringEnum(CHANNEL_KEYS, { title: '回应渠道' }),
  /** The public title on /hygq/ (e.g. 关于网传……的情况说明); the incident's title when left empty. */
  title: Type.Optional(Str('回应标题', RESPONSE_LIMITS.title)),
  text: Str('回应内容', RESPONSE_LIMITS.text),
  respondedAt: Str('回应时间', 20),
  url: Type.Optional(Str('回应链接', RESPONSE_LIMITS.url)),
  /** Editing a returned response (its id), else a new one. */
  responseId: Type.Optional(Str('回应编号', 10)),
  note: Type.Optional(Str('提交说明', RESPONSE_LIMITS.opinion)),
});
export type ResponseValues = Static<typeof ResponseForm>;

const URL_RE = /^https?:\/\/[^\s<>"]+$/i;

/** The instant of a response as typed (datetime-local or ISO 8601; Beijing time without an offset). */
export function responseProblems(s: FormStrings, now: Date): Record<string, string> {
  const out: Record<string, string> = {};
  const at = typeof s.respondedAt === 'string' ? s.respondedAt : '';
  if (at) {
    const d = parseInstant(at);
    if (!d) out.respondedAt = '回应时间格式不正确，请按“年-月-日 时:分”填写，例如 2026-10-01 10:30';
    else if (d.getTime() > now.getTime() + 5 * 60_000) out.respondedAt = '回应时间不能晚于当前时间';
  }
  const url = typeof s.url === 'string' ? s.url : '';
  if (url && !URL_RE.test(url)) out.url = '回应链接应为以 http:// 或 https:// 开头的网址';
  if (typeof s.responseId === 'string' && s.responseId && !/^[1-9]\d{0,9}$/.test(s.responseId)) out.responseId = '回应编号无效';
  return out;
}

export const ReviewForm = Type.Object({
  conclusion: StringEnum(['pass', 'return'] as const, { title: '审核结论' }),
  opinion: Type.Optional(Str('审核意见', RESPONSE_LIMITS.opinion)),
  step: Type.Optional(Type.Integer({ title: '审核步骤', minimum: 0, maximum: 20 })),
});

export const PublishForm = Type.Object({ publish: StringEnum(['1', '0'] as const, { title: '公开操作' }) });

export const CloseForm = Type.Object({
  evaluation: Str('效果评估', 2000, { minLength: 10 }),
  rating: Type.Optional(StringEnum(Object.keys(EFFECT_RATINGS) as EffectRating[], { title: '评估结论' })),
});
export type CloseValues = Static<typeof CloseForm>;

export const ReopenForm = Type.Object({ reason: Str('重新办理原因', 1000) });

export const ReferralForm = Type.Object({
  agency: StringEnum(AGENCY_KEYS, { title: '移交机关' }),
  referredOn: DateStr('移交日期'),
  content: Str('移交内容', 2000),
  referenceNo: Type.Optional(Str('受理编号', 60)),
});
export type ReferralValues = Static<typeof ReferralForm>;

export function referralProblems(s: FormStrings, now: Date): Record<string, string> {
  const d = typeof s.referredOn === 'string' ? s.referredOn : '';
  return d && /^\d{4}-\d{2}-\d{2}$/.test(d) && d > beijingToday(now) ? { referredOn: '移交日期不能晚于今天' } : {};
}
