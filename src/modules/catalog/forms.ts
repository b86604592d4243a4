// The catalogue's HTML forms as schemas (platform/forms): bounded strings with their Chinese names.
// Where a field has a domain limit, maxLength is that limit and parseForm keeps one character more,
// so the domain (domain.ts, workflow/) can say the text is too long; the rules and their messages
// stay there, so the forms are read as typed strings even where the schema would refuse a value.
import { Type, type TOptional, type TString } from '@sinclair/typebox';
import { Str } from '../../platform/forms/schema.ts';
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

export const InterpretForm = Type.Object({
  title: s('标题', 200), form: s('解读形式', 10), body: s('正文', 200_000), link: s('链接', 500), keywords: s('关键词', 200),
});

export const RecheckForm = Type.Object({ action: s('复查结论', 12), basis: s('复查依据', 2000), recheckOn: s('下次复查日期', 12) });

/** A 征求意见 reply and the office's decision: the field names carry the consultation's id. */
export const coordinationReplyForm = (cid: number) => Type.Object({ [`stance${cid}`]: s('意见', 10), [`text${cid}`]: s('答复内容', 2000) });
export const coordinationDecideForm = (cid: number) => Type.Object({ [`decision${cid}`]: s('决定', 2000) });

/** 检索同义词: the whole list as typed, one group per line. */
export const SynonymsForm = Type.Object({ text: s('同义词', 40_000), _action: s('操作', 10) });
