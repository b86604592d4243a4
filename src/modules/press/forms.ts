// The forms of press events: one TypeBox schema each (platform/forms parseForm), and the checks a
// schema cannot say. Pure: no I/O.
import { Type, type Static } from '@sinclair/typebox';
import { Str, StringEnum } from '../../platform/forms/schema.ts';
import type { FormStrings } from '../../platform/forms/index.ts';
import { IdParams, QueryStr } from '../../platform/forms/query.ts';
import { parseBeijingLocal } from './domain.ts';
import { CATEGORY_KEYS, EVENT_TYPE_KEYS, LIMITS, SPEAKER_KIND_KEYS } from './model.ts';

export const EventForm = Type.Object({
  orgId: Type.Integer({ title: '主办单位', minimum: 1, maximum: 2_147_483_647 }),
  type: StringEnum(EVENT_TYPE_KEYS, { title: '发布形式' }),
  category: StringEnum(CATEGORY_KEYS, { title: '发布内容类别' }),
  title: Str('发布主题', LIMITS.title),
  plannedAt: Str('拟举行时间', 20),
  place: Type.Optional(Str('地点', LIMITS.place)),
  speaker: Str('发布人', LIMITS.speaker),
  speakerKind: StringEnum(SPEAKER_KIND_KEYS, { title: '发布人身份' }),
  guests: Type.Optional(Str('出席嘉宾', LIMITS.guests)),
  govName: Type.Optional(Type.Boolean({ title: '以政府名义发布' })),
  wideScope: Type.Optional(Type.Boolean({ title: '经济社会发展全局性发布' })),
  emergency: Type.Optional(Type.Boolean({ title: '突发事件' })),
  incidentNo: Type.Optional(Str('关联舆情事件', LIMITS.incidentNo)),
  purpose: Str('发布目的', LIMITS.purpose),
  outline: Str('发布内容提纲', LIMITS.outline),
  participants: Type.Optional(Str('参加人员', LIMITS.participants)),
  version: Type.Optional(Type.Integer({ title: '版本', minimum: 1, maximum: 2_147_483_647 })),
});
export type EventValues = Static<typeof EventForm>;
export const EVENT_FIELD_ORDER = ['orgId', 'type', 'category', 'title', 'plannedAt', 'place', 'speaker', 'speakerKind', 'guests', 'govName', 'wideScope', 'emergency', 'incidentNo', 'purpose', 'outline', 'participants'];

export function eventProblems(s: FormStrings): Record<string, string> {
  const out: Record<string, string> = {};
  const at = typeof s.plannedAt === 'string' ? s.plannedAt : '';
  if (at && !parseBeijingLocal(at)) out.plannedAt = '拟举行时间格式不正确，请按“年-月-日 时:分”填写，例如 2026-12-08 09:30';
  const wide = typeof s.wideScope === 'string' && s.wideScope !== '' && s.wideScope !== '0';
  const gov = typeof s.govName === 'string' && s.govName !== '' && s.govName !== '0';
  if (wide && !gov) out.wideScope = '只有以政府名义举行的发布才能计为经济社会发展全局性发布';
  return out;
}

export const SubmitForm = Type.Object({ note: Type.Optional(Str('提交说明', LIMITS.note)), version: Type.Integer({ title: '版本', minimum: 1, maximum: 2_147_483_647 }) });

export const ReviewForm = Type.Object({
  conclusion: StringEnum(['pass', 'return', 'refuse'] as const, { title: '审批结论' }),
  opinion: Type.Optional(Str('审批意见', 2000)),
  step: Type.Optional(Type.Integer({ title: '审批步骤', minimum: 0, maximum: 20 })),
});

export const HoldForm = Type.Object({ heldAt: Str('实际举行时间', 20) });
export function holdProblems(s: FormStrings): Record<string, string> {
  const at = typeof s.heldAt === 'string' ? s.heldAt : '';
  return at && !parseBeijingLocal(at) ? { heldAt: '实际举行时间格式不正确，请按“年-月-日 时:分”填写，例如 2026-12-08 09:30' } : {};
}

/** 取消 an event / 撤回 a published text: the reason is required (the use case says so per field). */
export const CancelForm = Type.Object({ reason: Str('取消理由', LIMITS.reason, { multiline: true } as object), version: Type.Optional(Type.Integer({ title: '版本', minimum: 1, maximum: 2_147_483_647 })) });
export const WithdrawForm = Type.Object({ reason: Str('撤回理由', LIMITS.reason, { multiline: true } as object) });

/** 解读专家: the chosen expert ids (checked against the library by the use case). */
export const ExpertsForm = Type.Object({
  experts: Type.Array(Type.String({ maxLength: 12 }), { title: '解读专家', maxItems: 100 }),
  version: Type.Optional(Type.Integer({ title: '版本', minimum: 1, maximum: 2_147_483_647 })),
});

export const AnswerForm = Type.Object({ question: Str('问题', LIMITS.question), answer: Str('答问口径', LIMITS.answer) });

export const releaseForm = (kind: 'release' | 'transcript') =>
  Type.Object({ text: Str(kind === 'release' ? '新闻稿' : '发布实录', kind === 'release' ? LIMITS.release : LIMITS.transcript, { multiline: true } as object) });

export const NOT_FOUND = '该新闻发布活动不存在或已被删除。';
export const EventParams = IdParams('id', NOT_FOUND);
export const AnswerParams = IdParams(['id', 'aid'], '该答问口径不存在或已被删除。');
export const DocParams = Type.Object({ id: EventParams.properties.id, kind: StringEnum(['release', 'transcript'] as const, { title: '文稿类型' }) });

export const AdminListQuery = Type.Object({
  status: QueryStr('状态', 20), type: QueryStr('发布形式', 20), org: QueryStr('单位', 12), year: QueryStr('年度', 4),
  overdue: QueryStr('补批超时', 1), returned: QueryStr('退回我修改的', 1), page: QueryStr('页码', 5), done: QueryStr('提示', 20),
});
export const NoticeQuery = Type.Object({ done: QueryStr('提示', 20) });
export const PublicListQuery = Type.Object({ type: QueryStr('发布形式', 20), org: QueryStr('发布单位', 12), year: QueryStr('年度', 4), page: QueryStr('页码', 5) });
export const ComplianceQuery = Type.Object({ year: QueryStr('年度', 4), quarter: QueryStr('季度', 1), all: QueryStr('全部', 1) });
