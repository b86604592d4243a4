// Schemas of the catalogue's JSON API (GET /api/v1/search): the querystring the route validates and
// the answer it serialises; both are also its OpenAPI description.
import { Type, type Static } from '@sinclair/typebox';
import { ErrorRef, Id, Str, StringEnum } from '../../platform/forms/schema.ts';
import { CATEGORIES, DOC_TYPES, VALIDITIES } from './domain.ts';
import { MAX_QUERY_CHARS } from './search.ts';

export const API_PAGE_SIZE = 20;
export const API_MAX_PAGE_SIZE = 50;

const codes = <T extends string>(list: readonly { code: T; label: string }[]) => list.map((c) => c.code);
const labels = (list: readonly { code: string; label: string }[]) => list.map((c) => `\`${c.code}\` ${c.label}`).join('；');

export const SearchQuerystring = Type.Object({
  q: Type.Optional(Str('检索词', MAX_QUERY_CHARS, { description: '检索词（简体或繁体）；为文号或索引号时 exactMatch 给出该条信息。与筛选条件至少提供一项' })),
  org: Type.Optional(Id('发布机构', { description: '发布机构编号（见 GET /api/v1/orgs）' })),
  category: Type.Optional(StringEnum(codes(CATEGORIES), { title: '主题分类', description: labels(CATEGORIES) })),
  year: Type.Optional(Type.Integer({ title: '成文年份', minimum: 1900, maximum: 2099 })),
  type: Type.Optional(StringEnum(codes(DOC_TYPES), { title: '文件类型', description: labels(DOC_TYPES) })),
  validity: Type.Optional(StringEnum(codes(VALIDITIES), { title: '有效性', description: labels(VALIDITIES) })),
  order: Type.Optional(StringEnum(['relevance', 'date'] as const, { title: '排序', default: 'relevance', description: '`relevance` 按相关度；`date` 按发布日期（新的在前）' })),
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, default: 1, description: '页码（超过 500 按 500 计）' })),
  pageSize: Type.Optional(Type.Integer({ title: '每页条数', minimum: 1, maximum: API_MAX_PAGE_SIZE, default: API_PAGE_SIZE })),
}, { description: '空值参数视同未提供' });
export type SearchQuerystring = Static<typeof SearchQuerystring>;

const SearchItem = Type.Object({
  id: Type.Integer({ description: '信息编号' }),
  url: Type.String({ description: '信息页面地址' }),
  indexNo: Type.String({ description: '索引号' }),
  title: Type.String({ description: '标题（公开版本）' }),
  docNo: Type.Union([Type.String(), Type.Null()], { description: '文号' }),
  generatedOn: Type.String({ description: '成文日期（YYYY-MM-DD）' }),
  publishedAt: Type.String({ description: '发布时间（ISO 8601）' }),
  organisation: Type.Object({ id: Type.Integer(), name: Type.String() }, { description: '发布机构' }),
  publisher: Type.String({ description: '发布机构署名' }),
  category: Type.Object({ code: Type.String(), label: Type.String() }, { description: '主题分类' }),
  snippet: Type.Array(Type.Object({ text: Type.String(), mark: Type.Boolean() }), { description: '摘要片段；mark 为 true 的片段是命中的检索词' }),
});

export const SearchResponse = Type.Object({
  total: Type.Integer({ description: '命中条数' }),
  totalCapped: Type.Boolean({ description: '为 true 时 total 达到计数上限，实际条数更多' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  exactMatch: Type.Optional(Type.Object({ id: Type.Integer(), url: Type.String() }, { description: '检索词恰为某条信息的文号或索引号时给出' })),
  relaxed: Type.Optional(Type.Boolean({ description: '为 true 时没有同时包含全部检索词的信息，结果只包含其中大部分检索词' })),
  suggestions: Type.Optional(Type.Object({
    similarTitle: Type.Optional(Type.String({ description: '相近的信息名称' })),
    fewerWords: Type.Array(Type.String(), { description: '减少一个检索词后的检索词' }),
    organisations: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), url: Type.String() }), { description: '检索词中提到的机构及其主动公开信息栏目' }),
  }, { description: '没有检索结果时给出的检索建议' })),
  items: Type.Array(SearchItem),
}, { description: '检索结果' });

export const searchSchema = {
  summary: '检索已公开的政府信息',
  description: '只检索已公开且在公开期限内的信息。',
  tags: ['政府信息'],
  querystring: SearchQuerystring,
  response: {
    200: SearchResponse,
    422: ErrorRef('参数无效（validation_failed，fields 逐项说明：检索词过长、缺少检索词或筛选条件、检索词无可检索内容、筛选值无效）'),
  },
};
