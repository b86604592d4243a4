// Inputs of the 舆情 handling screens, one TypeBox schema each: the list's query string, the 研判,
// assignment and manual-entry forms. Field names are distinct across the forms of the incident page
// (each field's id is f-<name>), so one page can hold all of them.
import { Type, type Static } from '@sinclair/typebox';
import { Str, StringEnum } from '../../platform/forms/schema.ts';
import { QueryStr } from '../../platform/forms/query.ts';
import type { FormStrings } from '../../platform/forms/index.ts';
import { CATEGORIES, GRADES, MEDIA_TYPES } from './model.ts';
import { parseInstant } from './clock-rules.ts';

export const GRADE_KEYS = Object.keys(GRADES) as (keyof typeof GRADES)[];
export const CATEGORY_CHOICES = [...Object.keys(CATEGORIES), 'none'] as const;
export const MEDIA_KEYS = Object.keys(MEDIA_TYPES) as (keyof typeof MEDIA_TYPES)[];

export const ListQuery = Type.Object({
  status: QueryStr('状态', 20), grade: QueryStr('级别', 20), category: QueryStr('类别', 30), org: QueryStr('单位', 12),
  q: QueryStr('关键词', 60), due: QueryStr('时限', 10), review: QueryStr('回应审核', 10), page: QueryStr('页码', 6), done: QueryStr('结果', 20),
});
export type ListQueryT = Static<typeof ListQuery>;
export const DetailQuery = Type.Object({ done: QueryStr('结果', 20) });

const Version = Type.Integer({ title: '版本', minimum: 1 });

export const ConfirmForm = Type.Object({
  version: Version,
  grade: StringEnum(GRADE_KEYS, { title: '舆情级别' }),
  category: StringEnum(CATEGORY_CHOICES, { title: '舆情类别' }),
  higherDeadline: Type.Optional(Str('上级要求回应时限', 25)),
  reason: Type.Optional(Str('研判说明', 500)),
});

export const RegradeForm = Type.Object({
  version: Version,
  rgGrade: StringEnum(GRADE_KEYS, { title: '调整后的级别' }),
  rgCategory: StringEnum(CATEGORY_CHOICES, { title: '调整后的类别' }),
  rgReason: Str('调整理由', 500, { minLength: 1 }),
});

export const DismissForm = Type.Object({ version: Version, dismissReason: Str('排除理由', 500, { minLength: 1 }) });
export const MergeForm = Type.Object({ version: Version, mergeTarget: Str('合并到的舆情编号', 20, { minLength: 1 }) });
export const SplitForm = Type.Object({
  version: Version,
  splitItems: Type.Array(Str('要拆分的信息', 12), { title: '要拆分的信息', minItems: 1 }),
  splitTitle: Type.Optional(Str('新事件标题', 200)),
});
/** The catalogue record the incident misreads: its 索引号 or number; empty unlinks. */
export const LinkForm = Type.Object({ version: Version, linkRecord: Type.Optional(Str('政策文件', 60)) });
export const EscalateForm = Type.Object({ version: Version, escalateNote: Str('上报说明', 1000, { minLength: 1 }) });
export const AssignForm = Type.Object({
  version: Version,
  lead: Str('牵头单位', 12, { minLength: 1 }),
  co: Type.Optional(Type.Array(Str('协办单位', 12), { title: '协办单位', maxItems: 30 })),
  assignNote: Type.Optional(Str('指定说明', 500)),
});

export const ManualForm = Type.Object({
  title: Str('标题', 200, { minLength: 1 }),
  text: Str('内容', 20_000, { minLength: 1 }),
  sourceName: Type.Optional(Str('来源或交办机关', 60)),
  mediaType: StringEnum(MEDIA_KEYS, { title: '渠道', default: 'other' }),
  origin: StringEnum(['manual', 'higher_task'] as const, { title: '录入类型', default: 'manual' }),
  higherDeadline: Type.Optional(Str('交办时限', 25)),
  url: Type.Optional(Str('原文链接', 2000)),
  author: Type.Optional(Str('发布人', 100)),
  publishedAt: Type.Optional(Str('发布时间', 25)),
});
export type ManualValues = Static<typeof ManualForm>;

const str = (s: FormStrings, k: string) => (typeof s[k] === 'string' ? (s[k] as string) : '');
const INSTANT_HINT = '时间格式应为“2026-10-01 18:00”（北京时间）';

/** An optional instant field: the message when typed but not a real instant. */
export function instantProblem(s: FormStrings, key: string): Record<string, string> {
  const v = str(s, key);
  return v && !parseInstant(v) ? { [key]: INSTANT_HINT } : {};
}

export function manualProblems(s: FormStrings): Record<string, string> {
  const out: Record<string, string> = { ...instantProblem(s, 'higherDeadline'), ...instantProblem(s, 'publishedAt') };
  if (str(s, 'origin') === 'higher_task' && !str(s, 'higherDeadline')) out.higherDeadline = '上级交办的舆情须填写交办时限';
  const url = str(s, 'url');
  if (url && !/^https?:\/\/\S+$/i.test(url)) out.url = '原文链接应为 http:// 或 https:// 开头的网址';
  return out;
}

export const instantOf = (v: string | undefined): Date | null => (v ? parseInstant(v) : null);
export const categoryOfChoice = (v: string): keyof typeof CATEGORIES | null => (v === 'none' ? null : (v as keyof typeof CATEGORIES));
