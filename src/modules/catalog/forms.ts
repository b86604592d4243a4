// The catalogue's HTML forms as schemas (platform/forms): bounded strings with their Chinese names.
// Where a field has a domain limit, maxLength is that limit and parseForm keeps one character more,
// so the domain (domain.ts, workflow/) can say the text is too long; the rules and their messages
// stay there, so the forms are read as typed strings even where the schema would refuse a value.
import { Type, type Static, type TOptional, type TString } from '@sinclair/typebox';
import { Str } from '../../platform/forms/schema.ts';
import { IdParams, QueryStr } from '../../platform/forms/query.ts';
import { FIELD_LABELS, FIELD_MAX, RECORD_FIELDS, type RecordField } from './domain.ts';

const s = (title: string, max: number) => Type.Optional(Str(title, max));


// --- routes.admin ------------------------------------------------------------------------------

/** The record form's fields (create and edit). */
export const RecordFormSchema = Type.Object(
  Object.fromEntries(RECORD_FIELDS.map((k) => [k, s(FIELD_LABELS[k], FIELD_MAX[k])])) as Record<RecordField, TOptional<TString>>,
);

/** The record form's controls: owning organisation, the signed upload token, the button pressed, the edited version. */
export const RecordControls = Type.Object({
  orgId: s('所属机构', 12), upload: s('上传的文件', 800), _action: s('操作', 10), version: s('版本', 12),
});

export const ImportForm = Type.Object({ orgId: s('导入到的机构', 12) });

/** The import's error rows posted back as CSV text, to be downloaded. */
export const ImportErrorsForm = Type.Object({ data: s('错误行', 1_000_000) });

export const IndexFormatForm = Type.Object({ orgId: s('机构', 12), format: s('索引号格式', 200), _action: s('操作', 10) });

// --- routes.review -----------------------------------------------------------------------------

export const SubmitForm = Type.Object({ opinion: s('提交说明', 2000) });

/** A step's conclusion, with the 保密审查 fields of a secrecy step. */
export const ReviewForm = Type.Object({
  conclusion: s('审核结论', 10), opinion: s('审核意见', 2000), disclosure: s('公开属性', 12), ground: s('不予公开理由', 20),
  reason: s('理由说明', 500), basis: s('审查依据', 2000), recheckOn: s('复查日期', 12), step: s('审核步骤', 3),
});

/** A finding's resolution: the field names carry the finding's id (several on one page). */
export const findingForm = (fid: number) => Type.Object({ [`r${fid}`]: s('处理方式', 12), [`reason${fid}`]: s('理由', 500) });

/** What a findings form decides on: one value's places (its group token) or every open finding of a kind. */
export const FindingTargetForm = Type.Object({ group: s('检查结果', 40), kind: s('类别', 20), resolution: s('处理方式', 12) });
/** One value's decision: the field names carry the group token (several on one page). */
export const findingGroupForm = (token: string) => Type.Object({ [`r-${token}`]: s('处理方式', 12), [`reason-${token}`]: s('理由', 500) });
/** 全部确认可以公开 of one kind: its reason. */
export const findingKindForm = (kind: string) => Type.Object({ [`reason-all-${kind}`]: s('理由', 500) });

export const WithdrawForm = Type.Object({ reason: s('撤回理由', 500) });

export const CoordinationForm = Type.Object({ question: s('征求意见事项', 2000), days: s('答复期限', 3) });

export const PlanForm = Type.Object({ outline: s('解读要点', 5000), form: s('解读形式', 10), channel: s('发布渠道', 200), date: s('计划发布日期', 12) });

/** 专家解读: the chosen expert ids (checked against the 专家库 by the use case). */
export const ExpertsForm = Type.Object({ experts: Type.Array(Type.String({ maxLength: 12 }), { title: '解读专家', maxItems: 100 }) });

export const InterpretForm = Type.Object({
  title: s('标题', 200), form: s('解读形式', 10), body: s('正文', 200_000), link: s('链接', 500), keywords: s('关键词', 200),
});

export const RecheckForm = Type.Object({ action: s('复查结论', 12), basis: s('复查依据', 2000), recheckOn: s('下次复查日期', 12) });

/** A 征求意见 reply and the office's decision: the field names carry the consultation's id. */
export const coordinationReplyForm = (cid: number) => Type.Object({ [`stance${cid}`]: s('意见', 10), [`text${cid}`]: s('答复内容', 2000) });
export const coordinationDecideForm = (cid: number) => Type.Object({ [`decision${cid}`]: s('决定', 2000) });

/** 检索同义词: the whole list as typed, one group per line. */
export const SynonymsForm = Type.Object({ text: s('同义词', 40_000), _action: s('操作', 10) });

// --- query strings and route params ---------------------------------------------------------------
// Loose strings (QueryStr): a filter value that fits no choice is not applied, as the pages always did.

const GONE = '该信息不存在或已被删除。';
export const RecordParams = IdParams('id', GONE);
export const FindingParams = IdParams(['id', 'fid'], GONE);
export const CoordinationParams = IdParams('cid', GONE);
export const AllowedNumberParams = IdParams('nid', '该号码不在本单位对外公开的办公电话中，可能已被移除。');

/** `?done=` after a redirect: which notice to show. */
export const NoticeQuery = Type.Object({ done: QueryStr('提示') });

const listFilters = {
  org: QueryStr('机构'), category: QueryStr('主题分类'), status: QueryStr('状态'), year: QueryStr('年份'), q: QueryStr('关键词'), mine: QueryStr('我创建的'),
};
export const CatalogListQuery = Type.Object({ ...listFilters, page: QueryStr('页码'), done: QueryStr('提示') });
export type CatalogListQuery = Static<typeof CatalogListQuery>;
export const CatalogExportQuery = Type.Object({ ...listFilters, format: QueryStr('导出格式') });
export const NewRecordQuery = Type.Object({ from: QueryStr('创建方式') });
/** 复查: `?all=1` lists every withheld record, not only those due. */
export const RecheckQuery = Type.Object({ done: QueryStr('提示'), all: QueryStr('全部') });
export const SecrecyExportQuery = Type.Object({ org: QueryStr('机构'), from: QueryStr('起始日期'), to: QueryStr('截止日期') });
export type SecrecyExportQuery = Static<typeof SecrecyExportQuery>;
export const AllowlistQuery = Type.Object({ removed: QueryStr('已移除的号码') });

// --- routes.public -------------------------------------------------------------------------------

/** The search page's 检索词 may be long: the page itself answers 检索词过长 (search.ts) up to this. */
const SEARCH_PAGE_Q_CAP = 10_000;

export const SearchPageQuery = Type.Object({
  q: QueryStr('检索词', SEARCH_PAGE_Q_CAP), org: QueryStr('发布机构'), category: QueryStr('主题分类'), year: QueryStr('成文年份'),
  type: QueryStr('文件类型'), validity: QueryStr('有效性'), order: QueryStr('排序'), page: QueryStr('页码'),
});
export type SearchPageQuery = Static<typeof SearchPageQuery>;
/** 法定主动公开内容: any of these makes the page a list instead of the nine categories. */
export const ColumnListQuery = Type.Object({
  category: QueryStr('主题分类'), org: QueryStr('发布机构'), year: QueryStr('成文年份'), page: QueryStr('页码'), all: QueryStr('全部'),
});
export const PageQuery = Type.Object({ page: QueryStr('页码') });
export const PublicRecordParams = IdParams('id', '您要查看的政府信息不存在，或尚未公开。');
export const AttachmentParams = IdParams(['id', 'attachmentId'], '您要下载的附件不存在，或所属信息尚未公开。');
