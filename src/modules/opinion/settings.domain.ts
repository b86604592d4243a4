// 舆情 settings, pure: the form schemas of plans, lexicon terms, routing rules and duty contacts,
// reading word lists as people type them, and why a monitoring plan keeps (or does not keep) a
// text — the "试一试" box, with the same verdict as plans.ts keptBy.
import { Type, type Static } from '@sinclair/typebox';
import { Str, StringEnum } from '../../platform/forms/schema.ts';
import type { FormStrings } from '../../platform/forms/index.ts';
import { LEXICONS, MEDIA_TYPES, type Lexicon } from './model.ts';
import { planKeeps, type CompiledPlan, type PlanSubject } from './plans.ts';

export const MEDIA_TYPE_KEYS = Object.keys(MEDIA_TYPES) as (keyof typeof MEDIA_TYPES)[];
export const LEXICON_KEYS = Object.keys(LEXICONS) as Lexicon[];
export const PLACE_KINDS = ['乡镇', '村', '社区', '地标'] as const;

export const PLAN_LIMITS = { name: 60, groups: 20, groupWords: 10, excludes: 50, word: 20 };

/** Words as typed: separated by spaces, commas, 顿号 or semicolons; each once. */
export function splitWords(s: string): string[] {
  return [...new Set(s.split(/[\s,，、;；]+/u).map((w) => w.trim()).filter(Boolean))];
}

/** Keyword groups: one group per line, the words of a group separated as splitWords reads them. */
export function splitGroups(s: string): string[][] {
  return s.split('\n').map(splitWords).filter((g) => g.length > 0);
}

export const groupsText = (groups: readonly (readonly string[])[]) => groups.map((g) => g.join(' ')).join('\n');

export const PlanForm = Type.Object({
  name: Str('方案名称', PLAN_LIMITS.name),
  groups: Type.Optional(Str('关键词组', 2000)),
  excludes: Type.Optional(Str('排除词', 1000)),
  mediaTypes: Type.Array(StringEnum(MEDIA_TYPE_KEYS), { title: '媒体类型' }),
  orgIds: Type.Array(Type.String({ maxLength: 10 }), { title: '关注的单位' }),
  notifyUserIds: Type.Array(Type.String({ maxLength: 10 }), { title: '提醒人员' }),
  active: Type.Boolean({ title: '启用' }),
});
export type PlanFormValues = Static<typeof PlanForm>;

/** Checks a schema cannot say: word counts and lengths, ids as ids. */
export function planProblems(s: FormStrings): Record<string, string> {
  const out: Record<string, string> = {};
  const str = (k: string) => (typeof s[k] === 'string' ? (s[k] as string) : '');
  const groups = splitGroups(str('groups'));
  const long = (ws: string[]) => ws.find((w) => Array.from(w).length > PLAN_LIMITS.word);
  if (groups.length > PLAN_LIMITS.groups) out.groups = `关键词组最多 ${PLAN_LIMITS.groups} 组（每行一组）`;
  else if (groups.some((g) => g.length > PLAN_LIMITS.groupWords)) out.groups = `每组最多 ${PLAN_LIMITS.groupWords} 个词`;
  else { const w = long(groups.flat()); if (w) out.groups = `词语“${w.slice(0, 20)}…”过长，每个词最多 ${PLAN_LIMITS.word} 个字`; }
  const excludes = splitWords(str('excludes'));
  if (excludes.length > PLAN_LIMITS.excludes) out.excludes = `排除词最多 ${PLAN_LIMITS.excludes} 个`;
  else { const w = long(excludes); if (w) out.excludes = `词语“${w.slice(0, 20)}…”过长，每个词最多 ${PLAN_LIMITS.word} 个字`; }
  const ids = (k: string) => (Array.isArray(s[k]) ? (s[k] as string[]) : []);
  if (ids('orgIds').some((x) => !/^[1-9]\d{0,9}$/.test(x))) out.orgIds = '所选单位不存在，请重新选择';
  if (ids('notifyUserIds').some((x) => !/^[1-9]\d{0,9}$/.test(x))) out.notifyUserIds = '所选人员不存在，请重新选择';
  return out;
}

export type PlanExplanation = { id: number; name: string; kept: boolean; reason: string };

/** Why each plan keeps the subject or not (the verdict is planKeeps'; the words are the plan's as typed). */
export function explainPlans(plans: readonly CompiledPlan[], s: PlanSubject, labels: { media: (c: string) => string; org: (id: number) => string }): PlanExplanation[] {
  return plans.map((p) => {
    const kept = planKeeps(p, s);
    let reason: string;
    const excluded = p.excludes.map((w, i) => ({ w, typed: p.excludeWords[i] ?? w })).find((x) => s.text.includes(x.w));
    if (p.mediaTypes.length && !p.mediaTypes.includes(s.mediaType)) {
      reason = `媒体类型“${labels.media(s.mediaType)}”不在本方案的范围（${p.mediaTypes.map(labels.media).join('、')}）内`;
    } else if (p.orgIds.length && !s.orgIds.some((id) => p.orgIds.includes(id))) {
      reason = `文中没有提到本方案关注的单位（${p.orgIds.map(labels.org).join('、')}）`;
    } else if (excluded) {
      reason = `含有排除词“${excluded.typed}”`;
    } else if (p.groups.length === 0) {
      reason = '本方案没有设置关键词组，符合范围的信息全部保留';
    } else {
      const hit = p.groups.find((g) => g.every((w) => s.text.includes(w)));
      if (hit) reason = `含有关键词组“${hit.join(' + ')}”的全部词语`;
      else {
        const near = p.groups.map((g) => ({ g, missing: g.filter((w) => !s.text.includes(w)) })).sort((a, b) => a.missing.length - b.missing.length || (b.g.length - b.missing.length) - (a.g.length - a.missing.length))[0]!;
        reason = `没有一组关键词全部出现（最接近的“${near.g.join(' + ')}”缺少：${near.missing.join('、')}）`;
      }
    }
    return { id: p.id, name: p.name, kept, reason };
  });
}

export const TryForm = Type.Object({
  text: Str('试验文本', 5000),
  mediaType: StringEnum(MEDIA_TYPE_KEYS, { title: '媒体类型', default: 'news' }),
});

// --- lexicons, routing, duty ---------------------------------------------------------------------

export const TermForm = Type.Object({
  terms: Str('词语', 2000),
  weight: Type.Number({ title: '权重', minimum: 0.1, maximum: 10, default: 1 }),
  placeKind: Type.Optional(StringEnum(PLACE_KINDS, { title: '地名类别' })),
  orgId: Type.Optional(Str('所属单位', 10)),
});
export const WeightForm = Type.Object({ weight: Type.Number({ title: '权重', minimum: 0.1, maximum: 10 }) });

/** Terms to add as typed (one per line or separated): each at most 20 characters, at most 200 at once. */
export function termProblems(s: FormStrings): Record<string, string> {
  const ws = splitWords(typeof s.terms === 'string' ? s.terms : '');
  if (ws.length > 200) return { terms: '一次最多添加 200 个词' };
  const w = ws.find((x) => Array.from(x).length > PLAN_LIMITS.word);
  if (w) return { terms: `词语“${w.slice(0, 20)}…”过长，每个词最多 ${PLAN_LIMITS.word} 个字` };
  const org = typeof s.orgId === 'string' ? s.orgId : '';
  if (org && !/^[1-9]\d{0,9}$/.test(org)) return { orgId: '所选单位不存在，请重新选择' };
  return {};
}

export const RoutingForm = Type.Object({
  term: Str('关键词或地名', 20),
  orgId: Str('责任单位', 10),
  priority: Type.Integer({ title: '优先级', minimum: -100, maximum: 100, default: 0 }),
  vertical: Type.Boolean({ title: '垂直管理单位' }),
});

export const routingProblems = (s: FormStrings): Record<string, string> =>
  (typeof s.orgId === 'string' && s.orgId && !/^[1-9]\d{0,9}$/.test(s.orgId) ? { orgId: '所选单位不存在，请重新选择' } : {});

export const DutyForm = Type.Object({
  orgId: Str('单位', 10),
  name: Str('姓名', 30),
  position: Str('职务', 40),
  phone: Str('值班电话', 40),
  email: Type.Optional(Str('电子邮箱', 100)),
  hours: Str('值班时段', 40, { default: '全天24小时' }),
  active: Type.Boolean({ title: '在岗' }),
});

/** A phone a duty room can be called on: digits with an optional area code, separators and 转 extension. */
export function dutyProblems(s: FormStrings): Record<string, string> {
  const out: Record<string, string> = {};
  const phone = typeof s.phone === 'string' ? s.phone : '';
  if (phone && !/^\+?[\d\s\-()（）]{5,20}((转|ext\.?|#)\s*\d{1,6})?$/i.test(phone)) out.phone = '值班电话格式不正确，例如 0795-1234567 或 13812345678';
  const email = typeof s.email === 'string' ? s.email : '';
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) out.email = '电子邮箱格式不正确';
  if (typeof s.orgId === 'string' && s.orgId && !/^[1-9]\d{0,9}$/.test(s.orgId)) out.orgId = '所选单位不存在，请重新选择';
  return out;
}
