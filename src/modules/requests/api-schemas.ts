// Schema of POST /api/v1/requests: types, lengths and vocabularies (also the OpenAPI description).
// What a schema cannot say — ID check digits, USCC check character, fields required only for some
// applicant types or deliveries — stays in intake.ts's validateApplication.
import { Type, type Static } from '@sinclair/typebox';
import { ErrorRef, Id, Str, StringEnum, describeCodes } from '../../platform/forms/schema.ts';
import { LIMITS } from './intake.ts';
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
