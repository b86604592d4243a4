// The one moderated public submission, used by a draft's comments and an interview's questions:
// the bounds of what a citizen may send (name and contact optional, text bounded), the honeypot,
// the duplicate key and the rate limits (per address and per subject). Pure: the counts and the
// keyed hashes are computed by the caller (use-cases/submit.ts).
import { sm3Hex } from '../../platform/crypto/index.ts';

export const SUBJECT_KINDS = { draft: '意见征集', interview: '在线访谈' } as const;
export type SubjectKind = keyof typeof SUBJECT_KINDS;

export const SUBMISSION_STATUSES = { pending: '待审核', approved: '已公开', rejected: '不予展示' } as const;
export type SubmissionStatus = keyof typeof SUBMISSION_STATUSES;

/** What the form accepts. The form reads at most one character more than each limit. */
export const SUBMISSION_LIMITS = { name: 30, contact: 60, text: 2_000, minText: 5 } as const;

/** Per kind, the words the public sees. */
export const NOUNS: Record<SubjectKind, { what: string; field: string }> = {
  draft: { what: '意见', field: '意见建议' },
  interview: { what: '问题', field: '您的问题' },
};

export interface SubmissionInput { name: string; contact: string; text: string; website: string }

/** Digits only (spaces, hyphens and brackets removed): a mobile, a landline with its area code (and extension), or a local number. */
const PHONE = /^(\+?86)?1\d{10}$|^0\d{9,11}(转\d{1,6})?$|^\d{7,8}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

export type ContactKind = 'phone' | 'email';
export function contactKind(contact: string): ContactKind | null {
  const c = contact.replace(/\s+/g, ' ').trim();
  if (PHONE.test(c.replace(/[\s\-()（）]/g, ''))) return 'phone';
  if (EMAIL.test(c)) return 'email';
  return null;
}

const chars = (s: string) => Array.from(s).length;

/** Per-field problems of a submission, in Chinese ({} when it is acceptable). */
export function submissionProblems(kind: SubjectKind, v: SubmissionInput): Record<string, string> {
  const out: Record<string, string> = {};
  const noun = NOUNS[kind];
  if (chars(v.name) > SUBMISSION_LIMITS.name) out.name = `姓名最多 ${SUBMISSION_LIMITS.name} 个字`;
  if (chars(v.contact) > SUBMISSION_LIMITS.contact) out.contact = `联系方式最多 ${SUBMISSION_LIMITS.contact} 个字符`;
  else if (v.contact && !contactKind(v.contact)) out.contact = '联系方式请填写手机号码、固定电话或电子邮箱，也可以不填';
  const n = chars(v.text);
  if (n === 0) out.text = `请填写${noun.field}`;
  else if (n > SUBMISSION_LIMITS.text) out.text = `${noun.field}最多 ${SUBMISSION_LIMITS.text} 个字，您填写了 ${n > 100_000 ? '超过 100000' : n} 个字，请精简后再提交`;
  else if (n < SUBMISSION_LIMITS.minText) out.text = `${noun.field}至少 ${SUBMISSION_LIMITS.minText} 个字`;
  return out;
}

/** A robot filled in the field hidden from people. */
export const isHoneypotFilled = (v: Pick<SubmissionInput, 'website'>): boolean => v.website.trim() !== '';

/**
 * The duplicate key: the text without spacing and punctuation differences (NFKC, lower case, only
 * letters and digits kept), hashed. The same text sent twice to one subject is one submission.
 */
export function textKey(text: string): string {
  const norm = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return sm3Hex(norm || text);
}

/** Most submissions accepted in each window. */
export const RATE_LIMITS = {
  /** From one address in one minute (any subject). */
  addressPerMinute: 3,
  /** From one address in one day (any subject). */
  addressPerDay: 20,
  /** From one address on one subject in one day. */
  addressPerSubjectPerDay: 5,
  /** On one subject from all addresses in one minute (a flood). */
  subjectPerMinute: 30,
} as const;
export type RateLimits = { [K in keyof typeof RATE_LIMITS]: number };

export interface RecentCounts { addressMinute: number; addressDay: number; addressSubjectDay: number; subjectMinute: number }

/** The Chinese refusal when one more submission would exceed a window, else null. */
export function rateRefusal(kind: SubjectKind, c: RecentCounts, limits: RateLimits = RATE_LIMITS): string | null {
  const what = NOUNS[kind].what;
  if (c.addressMinute >= limits.addressPerMinute) return `提交过于频繁：同一网络地址每分钟最多提交 ${limits.addressPerMinute} 条${what}。请稍候一分钟再提交，您填写的内容已保留。`;
  if (c.addressSubjectDay >= limits.addressPerSubjectPerDay) return `同一网络地址每天对同一事项最多提交 ${limits.addressPerSubjectPerDay} 条${what}。如有更多${what}，可合并为一条，或明天再提交。`;
  if (c.addressDay >= limits.addressPerDay) return `同一网络地址每天最多提交 ${limits.addressPerDay} 条${what}，请明天再提交。您填写的内容已保留。`;
  if (c.subjectMinute >= limits.subjectPerMinute) return `当前提交的人数较多，请稍候一分钟再提交。您填写的内容已保留。`;
  return null;
}
