// Schema of POST /api/v1/requests: types, lengths and vocabularies (also the OpenAPI description).
// What a schema cannot say — ID check digits, USCC check character, fields required only for some
// applicant types or deliveries — stays in intake.ts's validateApplication.
import { Type, type Static } from '@sinclair/typebox';
import { ErrorRef, Id, Str, StringEnum, describeCodes } from '../../platform/forms/schema.ts';
import { LIMITS } from './intake.ts';
import { BODY_MAX, TEMPLATE_KEYS, TITLE_MAX } from './templates.ts';
import { IdParams, QueryStr } from '../../platform/forms/query.ts';
import { TRACKING_FORMAT_MAX } from './tracking.ts';
import { APPLICANT_TYPES, CASE_KINDS, DELIVERIES, FORMS, ID_TYPES } from './model.ts';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as (keyof T & string)[];
const opt = Type.Optional;

export const ApplicationBody = Type.Object({
  orgId: Id('受理机关', { description: '受理机关的组织机构编号（GET /api/v1/orgs 中 acceptsRequests 为 true 的机构）' }),
  kind: opt(StringEnum(keys(CASE_KINDS), { title: '申请类型', default: 'disclosure', description: describeCodes(CASE_KINDS) })),
  applicantType: StringEnum(keys(APPLICANT_TYPES), { title: '申请人类型', description: describeCodes(APPLICANT_TYPES) }),
  applicantName: Str('申请人姓名或名称', LIMITS.applicantName, { description: '姓名或法人、其他组织名称' }),
  contactName: opt(Str('联系人', LIMITS.contactName, { description: '联系人（法人或其他组织必填）' })),
  idType: StringEnum(keys(ID_TYPES), { title: '证件类型', description: describeCodes(ID_TYPES) }),
  idNumber: Str('证件号码', LIMITS.idNumber, { description: '证件号码：居民身份证须通过校验码校验，统一社会信用代码须通过校验字符校验' }),
  phone: Str('联系电话', LIMITS.phone, { description: '手机号码或带区号的固定电话' }),
  email: opt(Str('电子邮箱', LIMITS.email, { description: '电子邮箱（获取途径为电子邮件时必填）' })),
  address: opt(Str('通信地址', LIMITS.address, { description: '通信地址（获取途径为邮寄时必填）' })),
  postcode: opt(Str('邮政编码', LIMITS.postcode, { description: '邮政编码（6位数字）' })),
  infoDescription: Str('所需信息的内容描述', LIMITS.infoDescription, { description: '所需信息的名称或内容描述' }),
  infoDocNo: opt(Str('文号', LIMITS.infoDocNo)),
  infoFeatures: opt(Str('其他特征描述', LIMITS.infoFeatures)),
  correctionDetail: opt(Str('需要更正的内容', LIMITS.correctionDetail, { description: '需要更正的内容（更正申请必填）' })),
  forms: Type.Array(StringEnum(keys(FORMS), { title: '信息的提供形式' }), { title: '信息的提供形式', minItems: 1, maxItems: 10, description: describeCodes(FORMS) }),
  delivery: StringEnum(keys(DELIVERIES), { title: '获取信息的途径', description: describeCodes(DELIVERIES) }),
  feeWaiverReason: opt(Str('申请减免费用的理由', LIMITS.feeWaiverReason, { description: '申请减免信息处理费的理由' })),
}, { title: '政府信息公开申请', description: '未列出的字段被忽略' });
export type ApplicationBody = Static<typeof ApplicationBody>;

export const submitSchema = {
  summary: '提交政府信息公开申请（或更正申请）',
  description: '成功时返回受理编号和查询码（查询码只返回这一次，请妥善保存），在 /ysqgk/track 查询办理进度。受理机关确认收到申请之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条）。同一地址提交过于频繁时返回 429。',
  tags: ['依申请公开'],
  body: ApplicationBody,
  response: {
    201: Type.Object({
      trackingNo: Type.String({ description: '受理编号' }),
      queryCode: Type.String({ description: '查询码（只返回这一次）' }),
      trackUrl: Type.String({ description: '查询页面地址（已填好受理编号）' }),
    }, { description: '已受理' }),
    400: ErrorRef('请求体不是 JSON 对象（bad_request）'),
    409: ErrorRef('同时提交冲突，请重试（conflict）'),
    422: ErrorRef('填写内容有误（validation_failed，fields 逐项说明）'),
    429: ErrorRef('提交过于频繁（rate_limited）'),
  },
};

// --- HTML forms (read with platform/forms parseForm) ------------------------------------------

/** The tracking form: number + query code (the domain normalises and checks them). */
export const TrackForm = Type.Object({
  trackingNo: opt(Str('受理编号', 80)),
  queryCode: opt(Str('查询码', 40)),
  documentId: opt(Str('文书', 12)),
  text: opt(Str('补正说明', 4000)),
});

/** The apply form's own controls; the application fields are read by readApplicationForm. */
export const ApplyControls = Type.Object({
  data: opt(Str('已填写的内容', 200000)),
  _step: opt(Str('步骤', 10)),
  pass: opt(Str('验证凭据', 200)),
  website: opt(Str('网站', 200)),
  challenge: opt(Str('验证问题', 300)),
  challengeAnswer: opt(Str('验证答案', 20)),
});


// Staff forms. The bounds are what is read; the use cases clean and limit each text themselves
// (use-cases/shared.ts clean), so a value longer than its rule is cut or refused there.
const TEXT_READ = 4000;
const t = (title: string, max = TEXT_READ) => opt(Str(title, max));

/** The case version every action form carries (a stale form is refused). */
export const CaseVersionForm = Type.Object({ version: t('版本', 12) });

export const CaseActionForms = {
  assign: Type.Object({ assign_handler: t('承办人', 12) }),
  transfer: Type.Object({ transfer_org: t('转送机关', 12), transfer_reason: t('转送理由') }),
  correction: Type.Object({ corr_content: t('补正内容'), corr_deadline: t('补正期限', 20), corr_confirm: t('确认', 5) }),
  supplement: Type.Object({ sup_text: t('补正说明') }),
  consult: Type.Object({ cons_reason: t('征求意见事由', 20), cons_party: t('第三方', 300), cons_content: t('征求意见内容') }),
  /** Ending a consultation: its event id, then the fields named after it (several may be open at once). */
  consultEndEvent: Type.Object({ eventId: t('征求意见', 12) }),
  fee: Type.Object({ fee_method: t('收费方式', 10), fee_count: t('数量', 12), fee_prior: t('本月此前数量', 12) }),
  extension: Type.Object({ ext_days: t('延长天数', 12), ext_reason: t('延长理由', 1200) }),
  extensionDecide: Type.Object({ dec_decision: t('审批结论', 10), eventId: t('延期申请', 12), dec_opinion: t('审批意见', 1200) }),
  reply: Type.Object({
    reply_choice: t('答复类型', 40), reply_text: t('答复内容'), reply_agency: t('负责公开的机关', 300), reply_contact: t('联系方式', 300),
    reply_published: t('已公开信息的获取方式', 1000),
    ...Object.fromEntries([1, 2, 3].flatMap((i) => [
      [`wh_part${i}`, t('不予公开的内容', 600)], [`wh_ground${i}`, t('不予公开理由', 10)], [`wh_reason${i}`, t('理由说明', 1200)],
    ])) as Record<`wh_${'part' | 'ground' | 'reason'}${1 | 2 | 3}`, ReturnType<typeof t>>,
  }),
  submitReply: Type.Object({ submit_opinion: t('提交说明', 2000) }),
  review: Type.Object({ expectedStep: t('审核步骤', 6), rv_conclusion: t('审核结论', 10), rv_opinion: t('审核意见', 2100) }),
  deliver: Type.Object({ dl_doc: t('文书', 12), dl_method: t('送达方式', 20), dl_on: t('送达日期', 20), dl_note: t('备注', 600) }),
};

export const consultEndForm = (eventId: string) => Type.Object({ [`end_result_${eventId}`]: t('征求意见结果', 20), [`end_opinion_${eventId}`]: t('第三方意见') });

/** Confirming receipt of an online application. */
export const ConfirmReceiptForm = Type.Object({ version: t('版本', 12), receivedOn: t('收到申请日期', 20) });

/** Per-organisation settings: the tracking-number format and the rules. */
export const TrackingFormatForm = Type.Object({ orgId: t('机关', 12), trackingFormat: t('受理编号格式', TRACKING_FORMAT_MAX) });
export const OrgRulesForm = Type.Object({ rulesOrgId: t('机关', 12), ruleSet: t('办理规则', 20), leadDays: t('内部提前天数', 4) });

/** A template's edit form; title and body are checked by templates.ts's validateTemplate (one over the limit is kept for its message). */
export const TemplateForm = Type.Object({ org: t('机构', 20), title: t('模板标题', TITLE_MAX), body: t('模板正文', BODY_MAX), _action: t('操作', 10) });

/** Reminder settings: the organisation and its days before a deadline (reminders.ts parses them). */
export const RemindDaysForm = Type.Object({ org: t('机构', 12), days: t('提前提醒天数', 10) });

// --- query strings and route params of the HTML pages ---------------------------------------------
// Loose strings (QueryStr): a filter value that fits no choice is not applied, as the pages always did.

export const CaseParams = IdParams('id', '该申请不存在或已被删除。');
export const CaseDocumentParams = IdParams(['id', 'docId'], '该申请不存在或已被删除。');
export const QueueExportParams = Type.Object({ format: StringEnum(['csv', 'xlsx'] as const, { title: '导出格式' }) });
export const NoticeQuery = Type.Object({ done: QueryStr('提示') });

/** The queue's filters (the screen and its exports read the same ones). */
export const QueueQuery = Type.Object({
  status: QueryStr('状态'), org: QueryStr('机关'), handler: QueryStr('承办人'), due: QueryStr('到期天数'), unit: QueryStr('天数单位'),
  overdue: QueryStr('已逾期'), notoverdue: QueryStr('未逾期'), channel: QueryStr('申请渠道'), kind: QueryStr('类型'), q: QueryStr('关键词'),
  returned: QueryStr('退回修改的答复'), page: QueryStr('页码'),
});
export type QueueQuery = Static<typeof QueueQuery>;

export const StatsQuerystring = Type.Object({ mode: QueryStr('统计方式'), year: QueryStr('年度'), from: QueryStr('起始日期'), to: QueryStr('截止日期'), org: QueryStr('机构') });
export const TemplateParams = Type.Object({ kind: StringEnum(TEMPLATE_KEYS.map((k) => k.key), { title: '文书模板' }) }, { notFound: '没有这种文书模板。' });
export const TemplatesQuery = Type.Object({ org: QueryStr('机构'), done: QueryStr('提示') });

export const ApplyQuery = Type.Object({ org: QueryStr('受理机关') });
/** Only the number may come from a link; the code is never put in a URL. */
export const TrackQuery = Type.Object({ no: QueryStr('受理编号') });
