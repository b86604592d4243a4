// Schemas of the opinion JSON API: POST /api/v1/opinion/items (the push channel) and
// GET /api/v1/opinion/incidents. They are the OpenAPI description too. The push body's schema
// bounds the envelope; each item is checked on its own (pushItemProblem here, then ingest's
// refusalOf), so one bad item is refused and the rest of the batch goes through.
import { Type, type Static } from '@sinclair/typebox';
import { DateStr, ErrorRef, StringEnum, describeCodes } from '../../platform/forms/schema.ts';
import { messageFor } from '../../platform/forms/messages.ts';
import { CATEGORIES, DEADLINE_KINDS, GRADES, INCIDENT_STATUSES, MEDIA_TYPES } from './model.ts';

export const PUSH_MAX_ITEMS = 1_000;
/** 1,000 items of up to ~5,000 Chinese characters each (3 bytes in UTF-8) fit; a larger body is 413. */
export const PUSH_BODY_LIMIT = 16 * 1024 * 1024;
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as (keyof T & string)[];
/** An optional string that may be null; its name and description on the union (what OpenAPI shows). */
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()], { title: t.title, description: t.description }));

export const PushItem = Type.Object({
  id: Type.String({ title: '信息编号', minLength: 1, maxLength: 200, description: '发送方的信息编号（幂等键）：同一来源重复推送同一编号只记一次' }),
  source: Type.String({ title: '来源', minLength: 1, maxLength: 100, description: '来源名称（如“某某舆情监测平台”）；首次使用时自动登记为推送接口来源' }),
  title: Type.String({ title: '标题', maxLength: 500, description: '标题（可为空字符串，此时正文不能为空）' }),
  text: Type.String({ title: '正文', maxLength: 20_000, description: '正文（纯文本或 HTML，HTML 标记会被去除）' }),
  url: Nullable(Type.String({ title: '链接', maxLength: 2_000, description: '原文链接（http:// 或 https://）' })),
  publishedAt: Type.String({ title: '发布时间', maxLength: 40, description: '发布时间，ISO 8601（如 2026-10-01T08:00:00+08:00）；未写时区的按北京时间' }),
  author: Nullable(Type.String({ title: '作者', maxLength: 100, description: '作者或账号名（个人信息，加密保存、脱敏显示）' })),
  mediaType: Type.Optional(StringEnum(keys(MEDIA_TYPES), { title: '媒体类型', description: `发布渠道类型（缺省为来源的类型）：${describeCodes(MEDIA_TYPES)}` })),
}, { title: '舆情信息' });
export type PushItem = Static<typeof PushItem>;

export const PushBody = Type.Object({
  items: Type.Array(PushItem, { title: '信息列表', minItems: 1, maxItems: PUSH_MAX_ITEMS, description: `每批 1 至 ${PUSH_MAX_ITEMS} 条；逐条处理，个别信息有误时只拒收该条` }),
}, { title: '推送的舆情信息' });

const ItemResult = Type.Object({
  id: Type.String({ description: '发送方的信息编号（原样返回；无法读取时为空字符串）' }),
  status: StringEnum(['new', 'duplicate', 'refused'] as const, { description: '`new` 新收录；`duplicate` 重复（同一编号已推送过，或与已收录信息内容相同、相近）；`refused` 拒收' }),
  itemId: Type.Optional(Type.Integer({ description: '本系统的信息编号' })),
  duplicateOf: Type.Optional(Type.Integer({ description: '重复时：所重复的原始信息编号' })),
  incidentId: Type.Optional(Type.Integer({ description: '归入的舆情事件编号（未被监测方案收录的信息不归入事件）' })),
  reason: Type.Optional(Type.String({ description: '拒收原因' })),
});

export const pushSchema = {
  summary: '推送舆情信息',
  description: `批量推送监测到的舆情信息（每批最多 ${PUSH_MAX_ITEMS} 条，请求体不超过 16 MB）。每条信息单独判定：新收录、重复（同一来源同一编号；或与任何来源已收录的信息内容相同，含繁体、转发、轻微改写的副本，计为原信息的转发）或拒收（附原因）；同一批次重复推送不会重复计数。需要“推送舆情信息”权限的接口令牌。`,
  tags: ['政务舆情'],
  body: PushBody,
  response: {
    200: Type.Object({
      results: Type.Array(ItemResult, { description: '与请求中的信息一一对应，顺序相同' }),
      added: Type.Integer({ description: '新收录条数' }),
      duplicates: Type.Integer({ description: '重复条数' }),
      refused: Type.Integer({ description: '拒收条数' }),
    }, { description: '逐条处理结果' }),
    400: ErrorRef('请求体不是 JSON 对象（bad_request）'),
    413: ErrorRef('请求体过大（payload_too_large）'),
    422: ErrorRef('信息列表为空、超过条数上限或不是列表（validation_failed）'),
  },
};

/** Why one pushed item cannot be read (Chinese), or null: types and bounds of PushItem, item by item. */
export function pushItemProblem(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return '每条信息应为 JSON 对象';
  const o = raw as Record<string, unknown>;
  for (const [key, s] of Object.entries(PushItem.properties) as [string, { title: string; maxLength?: number; minLength?: number; enum?: string[]; anyOf?: unknown }][]) {
    const v = o[key];
    const required = (PushItem.required as readonly string[] | undefined)?.includes(key);
    if (v === undefined || v === null) {
      if (required) return messageFor('required', s.title, {});
      continue;
    }
    const str = s.anyOf ? (s.anyOf as { maxLength?: number }[])[0]! : s;
    if (typeof v !== 'string') return messageFor('type', s.title, { type: 'string' });
    if (s.enum && !s.enum.includes(v)) return messageFor('enum', s.title, {});
    if (str.maxLength !== undefined && v.length > str.maxLength) return messageFor('maxLength', s.title, { limit: str.maxLength });
    if (s.minLength && v.length < s.minLength) return messageFor('minLength', s.title, { limit: s.minLength });
  }
  return null;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 instant; one without a zone is Beijing time. Invalid Date when it is not one. */
export function parsePublishedAt(s: string): Date {
  const m = ISO_RE.exec(s.trim());
  if (!m) return new Date(NaN);
  const zone = m[7] ? (m[7].toUpperCase() === 'Z' ? 'Z' : m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : m[7]) : '+08:00';
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
  // Reject dates that rolled over (02-30).
  return Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31 ? d : new Date(NaN);
}

// --- GET /api/v1/opinion/incidents ------------------------------------------------------------

export const INCIDENTS_PAGE = 20;
export const INCIDENTS_MAX_PAGE = 100;

export const IncidentsQuery = Type.Object({
  status: Type.Optional(StringEnum(keys(INCIDENT_STATUSES), { title: '状态', description: describeCodes(INCIDENT_STATUSES) })),
  grade: Type.Optional(StringEnum(keys(GRADES), { title: '级别', description: `研判确定的级别，未研判的按系统建议级别：${describeCodes(GRADES)}` })),
  from: Type.Optional(DateStr('起始日期', { description: '只列出最后一条信息在该日（北京时间）或之后的事件，YYYY-MM-DD' })),
  to: Type.Optional(DateStr('截止日期', { description: '只列出第一条信息在该日（北京时间）或之前的事件，YYYY-MM-DD' })),
  limit: Type.Optional(Type.Integer({ title: '每页条数', minimum: 1, maximum: INCIDENTS_MAX_PAGE, default: INCIDENTS_PAGE })),
  offset: Type.Optional(Type.Integer({ title: '跳过条数', minimum: 0, maximum: 100_000, default: 0 })),
  items: Type.Optional(Type.Integer({ title: '每个事件列出的信息条数', minimum: 0, maximum: 100, default: 20, description: '按发布时间先后列出原始信息（转发计入 repostCount）' })),
}, { description: '按最后一条信息时间倒序' });
export type IncidentsQuery = Static<typeof IncidentsQuery>;

const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String() });
const Instant = (description: string) => Type.String({ description: `${description}（ISO 8601，北京时间）` });
const NullableInstant = (description: string) => Type.Union([Instant(description), Type.Null()]);

const IncidentOut = Type.Object({
  id: Type.Integer({ description: '事件编号' }),
  no: Type.String({ description: '舆情编号（YQ-年份-序号）' }),
  title: Type.String({ description: '事件标题' }),
  status: StringEnum(keys(INCIDENT_STATUSES), { description: describeCodes(INCIDENT_STATUSES) }),
  grade: Type.Union([StringEnum(keys(GRADES)), Type.Null()], { description: `研判确定的级别（待研判时为 null）：${describeCodes(GRADES)}` }),
  suggestedGrade: Type.Union([StringEnum(keys(GRADES)), Type.Null()], { description: '系统按风险评分建议的级别' }),
  category: Type.Union([StringEnum(keys(CATEGORIES)), Type.Null()], { description: `研判确定的类别：${describeCodes(CATEGORIES)}` }),
  suggestedCategory: Type.Union([StringEnum(keys(CATEGORIES)), Type.Null()], { description: '系统建议的类别' }),
  riskScore: Type.Integer({ description: '风险评分（0–100）' }),
  leadOrg: Type.Union([OrgRef, Type.Null()], { description: '牵头（责任）单位；未指定时为 null' }),
  coOrgs: Type.Array(OrgRef, { description: '协办单位' }),
  deadlines: Type.Array(Type.Object({
    kind: StringEnum(keys(DEADLINE_KINDS), { description: describeCodes(DEADLINE_KINDS) }),
    dueAt: Instant('时限'),
    basis: Type.String({ description: '依据' }),
    metAt: NullableInstant('按时完成的时间'),
    breachedAt: NullableInstant('超时的时间'),
  }), { description: '回应时限（研判确认后生成）' }),
  itemCount: Type.Integer({ description: '原始信息条数' }),
  repostCount: Type.Integer({ description: '转发及相近副本条数' }),
  firstItemAt: NullableInstant('第一条信息的发布时间'),
  lastItemAt: NullableInstant('最后一条信息的发布时间'),
  items: Type.Array(Type.Object({
    id: Type.Integer({ description: '信息编号' }),
    title: Type.String({ description: '标题（无标题时为正文开头）' }),
    url: Type.Union([Type.String(), Type.Null()], { description: '原文链接' }),
    publishedAt: Instant('发布时间'),
    source: Type.String({ description: '来源名称' }),
    repostCount: Type.Integer({ description: '转发及相近副本条数' }),
  }), { description: '事件的原始信息（不含作者等个人信息）' }),
});

export const incidentsSchema = {
  summary: '舆情事件列表',
  description: '令牌所属用户有权查看的舆情事件（本单位牵头或协办的；舆情专员和政务公开办另可见尚未指定牵头单位的），含级别、类别、状态、牵头单位、回应时限、信息数、转发数及其信息。',
  tags: ['政务舆情'],
  querystring: IncidentsQuery,
  response: {
    200: Type.Object({
      total: Type.Integer({ description: '符合条件的事件数' }),
      limit: Type.Integer(),
      offset: Type.Integer(),
      items: Type.Array(IncidentOut),
    }, { description: '舆情事件' }),
    422: ErrorRef('查询参数有误（validation_failed）'),
  },
};
