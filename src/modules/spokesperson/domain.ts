// 新闻发言人, 专家库 and 政务新媒体, pure: the codes and labels, form schemas and the checks a schema
// cannot say (phone and e-mail formats), what a filing changes, the yearly round's confirmation
// rule, the performance evaluation's result (seed 001 (一)四) and the stale-account flag of a 政务新媒体
// account (Beijing calendar dates passed in). No database, no clock.
import { Type } from '@sinclair/typebox';
import { addDays } from '../../calendar/calendar.ts';
import { labelOf as label } from '../../platform/forms/query.ts';
import { DateStr, Str, StringEnum } from '../../platform/forms/schema.ts';
import type { FormStrings } from '../../platform/forms/index.ts';

// --- codes ---------------------------------------------------------------------------------------

export const PERSON_ROLES = { spokesperson: '新闻发言人', assistant: '新闻助理' } as const;
export type PersonRole = keyof typeof PERSON_ROLES;
export const PERSON_ROLE_KEYS = Object.keys(PERSON_ROLES) as PersonRole[];

/** 任职依据 (seed 000 一): a deputy authorised by the principal head, the principal head, or other. */
export const BASES = { deputy: '主要负责人授权副职', principal: '主要负责人', division: '分管负责人', other: '其他' } as const;
export type Basis = keyof typeof BASES;
export const BASIS_KEYS = Object.keys(BASES) as Basis[];

export const FILING_STATUSES = { pending: '待备案', filed: '已备案', returned: '已退回' } as const;
export type FilingStatus = keyof typeof FILING_STATUSES;

export const FILING_KINDS = { new: '首次备案', update: '信息变更', replace: '人员变动' } as const;
export type FilingKind = keyof typeof FILING_KINDS;

/** 评估发现的问题 (seed 001 (一)四). */
export const FAILINGS = {
  false_info: '发布虚假信息',
  evade: '回避社会关切',
  stall: '搪塞热点问题',
  silent: '失语重大事件',
  refuse: '无故推诿媒体采访',
} as const;
export type Failing = keyof typeof FAILINGS;
export const FAILING_KEYS = Object.keys(FAILINGS) as Failing[];
/** Failings serious enough on their own (the seed's 情节严重): 虚假信息 and 失语重大事件. */
export const SEVERE_FAILINGS: readonly Failing[] = ['false_info', 'silent'];

export const RESULTS = { competent: '称职', basic: '基本称职', incompetent: '不称职' } as const;
export type EvalResult = keyof typeof RESULTS;
export const RESULT_KEYS = Object.keys(RESULTS) as EvalResult[];

export const EXPERT_STATUSES = { active: '在库', inactive: '停用' } as const;
export type ExpertStatus = keyof typeof EXPERT_STATUSES;

export const MEDIA_PLATFORMS = { weibo: '微博', wechat: '微信公众号', app: '移动客户端', douyin: '抖音', kuaishou: '快手', toutiao: '今日头条', video: '视频号', other: '其他' } as const;
export type MediaPlatform = keyof typeof MEDIA_PLATFORMS;
export const MEDIA_STATUSES = { operating: '运营', paused: '停更', closed: '关停' } as const;
export type MediaStatus = keyof typeof MEDIA_STATUSES;

/** Days without an update before an account is flagged (国办 2018 政务新媒体 rule: two weeks). */
export const DEFAULT_STALE_DAYS = 14;
export const STALE_DAYS_RANGE = { min: 1, max: 365 } as const;

/** A code's label; an unknown code is shown as it is, none as —. */
export const labelOf = (m: Readonly<Record<string, string>>, k: string | null | undefined): string => label(m, k, k ?? '—');

// --- forms ---------------------------------------------------------------------------------------

export const LIMITS = { name: 30, position: 60, phone: 30, email: 100, field: 60, employer: 80, title: 40, account: 60, note: 500, description: 500, url: 300 } as const;

export const PersonForm = Type.Object({
  name: Str('姓名', LIMITS.name),
  position: Str('职务', LIMITS.position),
  basis: Type.Optional(StringEnum(BASIS_KEYS, { title: '任职依据' })),
  officePhone: Str('办公电话', LIMITS.phone),
  email: Type.Optional(Str('电子邮箱', LIMITS.email)),
  termFrom: DateStr('任职起始日期'),
  termTo: Type.Optional(DateStr('任职截止日期')),
});

export const ExpertForm = Type.Object({
  orgId: Str('所属专家库单位', 10),
  name: Str('姓名', LIMITS.name),
  field: Str('专业领域', LIMITS.field),
  employer: Str('工作单位', LIMITS.employer),
  title: Str('职称或职务', LIMITS.title),
  phone: Str('联系电话', LIMITS.phone),
  email: Type.Optional(Str('电子邮箱', LIMITS.email)),
  status: StringEnum(Object.keys(EXPERT_STATUSES), { title: '状态', default: 'active' }),
});

export const MediaForm = Type.Object({
  orgId: Str('开设单位', 10),
  platform: StringEnum(Object.keys(MEDIA_PLATFORMS), { title: '平台' }),
  accountName: Str('账号名称', LIMITS.account),
  responsible: Str('责任人', LIMITS.name),
  url: Type.Optional(Str('账号地址', LIMITS.url)),
  status: StringEnum(Object.keys(MEDIA_STATUSES), { title: '状态', default: 'operating' }),
  lastUpdateOn: Type.Optional(DateStr('最近更新日期')),
});

const s = (v: FormStrings, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');

export const PHONE_MESSAGE = '电话格式不正确，请填写带区号的固定电话或11位手机号，例如 0793-5120010 或 13812345678';
export const EMAIL_MESSAGE = '电子邮箱格式不正确，例如 xwb@yunxi.gov.cn';

/** A telephone number: a fixed line with area code (and optional 转 extension) or an 11-digit mobile. */
export function phoneOk(p: string): boolean {
  const t = p.replace(/[\s()（）]/g, '');
  return /^0\d{2,3}-?\d{7,8}((转|-|#)\d{1,6})?$/.test(t) || /^1[3-9]\d{9}$/.test(t) || /^\d{7,8}$/.test(t);
}
export const emailOk = (e: string) => /^[^\s@<>"']{1,64}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(e);

/** Checks on a spokesperson / 新闻助理 form: phone and e-mail formats, 任职依据 of a spokesperson, term order. */
export function personProblems(role: PersonRole) {
  return (v: FormStrings): Record<string, string> => {
    const out: Record<string, string> = {};
    if (s(v, 'officePhone') && !phoneOk(s(v, 'officePhone'))) out.officePhone = PHONE_MESSAGE;
    if (s(v, 'email') && !emailOk(s(v, 'email'))) out.email = EMAIL_MESSAGE;
    if (role === 'spokesperson' && !s(v, 'basis')) out.basis = '请选择任职依据';
    const from = s(v, 'termFrom');
    const to = s(v, 'termTo');
    if (from && to && to < from) out.termTo = '任职截止日期不能早于起始日期';
    return out;
  };
}

const orgIdProblem = (v: FormStrings): Record<string, string> => (s(v, 'orgId') && !/^[1-9]\d{0,9}$/.test(s(v, 'orgId')) ? { orgId: '所选单位不存在，请重新选择' } : {});

export function expertProblems(v: FormStrings): Record<string, string> {
  const out: Record<string, string> = { ...orgIdProblem(v) };
  if (s(v, 'phone') && !phoneOk(s(v, 'phone'))) out.phone = PHONE_MESSAGE;
  if (s(v, 'email') && !emailOk(s(v, 'email'))) out.email = EMAIL_MESSAGE;
  return out;
}

export function mediaProblems(today: string) {
  return (v: FormStrings): Record<string, string> => {
    const out: Record<string, string> = { ...orgIdProblem(v) };
    const url = s(v, 'url');
    if (url && !/^https?:\/\/[^\s<>"']+$/i.test(url)) out.url = '账号地址应以 http:// 或 https:// 开头';
    const d = s(v, 'lastUpdateOn');
    if (d && d > today) out.lastUpdateOn = '最近更新日期不能晚于今天';
    return out;
  };
}

// --- filings -------------------------------------------------------------------------------------

export interface PersonValues { name: string; position: string; basis: Basis | null; officePhone: string; email: string | null; termFrom: string; termTo: string | null }

const FIELD_LABELS: Record<keyof PersonValues, string> = {
  name: '姓名', position: '职务', basis: '任职依据', officePhone: '办公电话', email: '电子邮箱', termFrom: '任职起始日期', termTo: '任职截止日期',
};

const shown = (k: keyof PersonValues, v: string | null) => (k === 'basis' ? labelOf(BASES, v) : v || '（空）');

/**
 * What a submitted filing does to the filed person of the slot: the first one (new), the same
 * person with changed data (update), another person (replace); null when nothing changed. The
 * `changes` are the sentence the press office files.
 */
export function filingOf(current: PersonValues | null, next: PersonValues): { kind: FilingKind; changes: string } | null {
  if (!current) return { kind: 'new', changes: `首次备案：${next.name}（${next.position}）` };
  if (current.name !== next.name) return { kind: 'replace', changes: `${current.name} 改为 ${next.name}（${next.position}）` };
  const diff = (Object.keys(FIELD_LABELS) as (keyof PersonValues)[])
    .filter((k) => (current[k] ?? '') !== (next[k] ?? ''))
    .map((k) => `${FIELD_LABELS[k]}：${shown(k, current[k])} → ${shown(k, next[k])}`);
  return diff.length ? { kind: 'update', changes: diff.join('；') } : null;
}

/**
 * Whether an organisation may confirm the yearly round: both a spokesperson and a 新闻助理 filed, no
 * change still waiting for the press office, and the round open. Returns the refusal, or null.
 */
export function confirmRefusal(p: { spokesperson: boolean; assistant: boolean; pending: number; roundOpen: boolean; confirmed: boolean }): string | null {
  if (!p.roundOpen) return '本年度备案已结束，不能再确认。';
  if (p.confirmed) return '本单位已确认本年度备案。';
  if (p.pending > 0) return '有变更尚待宣传部备案，备案后再确认。';
  if (!p.spokesperson) return '尚未备案新闻发言人，请先登记并报宣传部备案。';
  if (!p.assistant) return '尚未备案新闻助理，请先登记并报宣传部备案。';
  return null;
}

// --- evaluation ----------------------------------------------------------------------------------

export interface EvaluationOutcome {
  result: EvalResult;
  /** 通报批评 (seed: every listed failing is criticised in a notice). */
  notice: boolean;
  /** 责令立即整改. */
  rectify: boolean;
  /** 情节严重的要追究相关责任人的责任: proposed, decided elsewhere. */
  accountability: boolean;
  reason: string;
}

/**
 * The suggested result of a year's evaluation from its failings: none → 称职; one or two, none severe
 * → 基本称职; a severe one (虚假信息, 失语重大事件) or three and more → 不称职. Any failing means a
 * 通报 and an 整改; a severe failing found twice, or four failings and more, proposes accountability.
 */
export function evaluationOutcome(failings: readonly Failing[]): EvaluationOutcome {
  const n = failings.length;
  if (n === 0) return { result: 'competent', notice: false, rectify: false, accountability: false, reason: '本年度未发现履职问题' };
  const severe = failings.filter((f) => SEVERE_FAILINGS.includes(f));
  const kinds = [...new Set(failings)].map((f) => FAILINGS[f]).join('、');
  const accountability = severe.length >= 2 || n >= 4;
  if (severe.length || n >= 3) {
    return { result: 'incompetent', notice: true, rectify: true, accountability, reason: severe.length ? `存在${[...new Set(severe)].map((f) => FAILINGS[f]).join('、')}问题` : `发现问题 ${n} 次（${kinds}）` };
  }
  return { result: 'basic', notice: true, rectify: true, accountability: false, reason: `发现问题 ${n} 次（${kinds}）` };
}

// --- 政务新媒体 -------------------------------------------------------------------------------------

/** Whole days from one calendar date to another (both 'YYYY-MM-DD', Beijing dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type MediaFlag = { kind: 'unfiled' } | { kind: 'stale'; days: number | null };

/**
 * Why an account needs attention on `today` (Beijing date): not filed with the press office, or in
 * operation / 停更 and not updated for more than `staleDays` days (never updated counts as stale).
 * A closed (关停) account is never flagged.
 */
export function mediaFlags(a: { status: MediaStatus; filedOn: string | null; lastUpdateOn: string | null }, today: string, staleDays: number): MediaFlag[] {
  if (a.status === 'closed') return [];
  const out: MediaFlag[] = [];
  if (!a.filedOn) out.push({ kind: 'unfiled' });
  if (!a.lastUpdateOn) out.push({ kind: 'stale', days: null });
  else {
    const days = daysBetween(a.lastUpdateOn, today);
    if (days > staleDays) out.push({ kind: 'stale', days });
  }
  return out;
}

export const flagText = (f: MediaFlag) => (f.kind === 'unfiled' ? '未备案' : f.days === null ? '从未更新' : `${f.days} 天未更新`);

/** The last date still counted as fresh on `today` (SQL filters use it: stale = last update before it). */
export function staleCutoff(today: string, staleDays: number): string {
  return addDays(today, -staleDays);
}
