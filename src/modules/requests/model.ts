// The vocabulary of on-request disclosure (依申请公开): codes stored in the database and their
// Chinese labels. Pure data; the clock rules live in domain.ts.

function labelOf<T extends Record<string, string | { label: string }>>(table: T, key: string | null | undefined): string {
  if (!key || !Object.hasOwn(table, key)) return key ?? '';
  const v = table[key as keyof T] as string | { label: string };
  return typeof v === 'string' ? v : v.label;
}
function isKey<T extends object>(table: T, v: unknown): v is keyof T & string {
  return typeof v === 'string' && Object.hasOwn(table, v);
}

export const CASE_KINDS = { disclosure: '政府信息公开申请', correction: '政府信息更正申请' } as const;
export type CaseKind = keyof typeof CASE_KINDS;
export const isCaseKind = (v: unknown): v is CaseKind => isKey(CASE_KINDS, v);

/** 第31条: how the receipt date is set depends on the channel. */
export const CHANNELS = {
  online: { label: '网上申请', receipt: '以双方确认之日为收到申请之日（工作人员确认收到网上申请的日期）' },
  in_person: { label: '当面提交', receipt: '以提交之日为收到申请之日' },
  registered_mail: { label: '挂号信', receipt: '以行政机关签收之日为收到申请之日' },
  ordinary_mail: { label: '平信', receipt: '以行政机关与申请人确认之日为收到申请之日' },
  fax: { label: '传真', receipt: '以双方确认之日为收到申请之日' },
  email: { label: '电子邮件', receipt: '以双方确认之日为收到申请之日' },
  oral: { label: '口头申请（代为填写）', receipt: '以提出之日为收到申请之日（第二十九条第一款，由工作人员代为填写申请）' },
} as const;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_KEYS = Object.keys(CHANNELS) as Channel[];
export const isChannel = (v: unknown): v is Channel => isKey(CHANNELS, v);
export const channelLabel = (v: string | null | undefined) => labelOf(CHANNELS, v);
/** Channels registered by staff (everything but the online form). */
export const OFFLINE_CHANNELS = CHANNEL_KEYS.filter((c) => c !== 'online');

/** Annual-report columns of applicants. */
export const APPLICANT_TYPES = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_services: '法律服务机构',
  other: '其他',
} as const;
export type ApplicantType = keyof typeof APPLICANT_TYPES;
export const APPLICANT_TYPE_KEYS = Object.keys(APPLICANT_TYPES) as ApplicantType[];
export const isApplicantType = (v: unknown): v is ApplicantType => isKey(APPLICANT_TYPES, v);
export const applicantTypeLabel = (v: string | null | undefined) => labelOf(APPLICANT_TYPES, v);
export const isOrganisationApplicant = (t: string) => t !== 'natural';

export const ID_TYPES = {
  id_card: '居民身份证',
  passport: '护照',
  hk_macao: '港澳居民来往内地通行证',
  taiwan: '台湾居民来往大陆通行证',
  foreign_residence: '外国人永久居留身份证',
  uscc: '统一社会信用代码',
  other: '其他有效证件',
} as const;
export type IdType = keyof typeof ID_TYPES;
export const isIdType = (v: unknown): v is IdType => isKey(ID_TYPES, v);
export const idTypeLabel = (v: string | null | undefined) => labelOf(ID_TYPES, v);

/** 获取信息的方式 (form of provision). */
export const FORMS = { paper: '纸质文本', electronic: '电子文档', disc: '光盘', view: '当场阅读、抄录' } as const;
export type Form = keyof typeof FORMS;
export const isForm = (v: unknown): v is Form => isKey(FORMS, v);
/** 获取信息的途径 (delivery). */
export const DELIVERIES = { post: '邮寄', email: '电子邮件', collect: '自行领取', fax: '传真', online: '网上获取' } as const;
export type Delivery = keyof typeof DELIVERIES;
export const isDelivery = (v: unknown): v is Delivery => isKey(DELIVERIES, v);

export const STATUSES = {
  submitted: '待确认收到',
  handling: '办理中',
  awaiting_supplement: '待申请人补正',
  consulting: '征求意见中',
  awaiting_fee: '待缴纳信息处理费',
  reply_review: '答复审核中',
  closed: '已办结',
} as const;
export type Status = keyof typeof STATUSES;
export const STATUS_KEYS = Object.keys(STATUSES) as Status[];
export const isStatus = (v: unknown): v is Status => isKey(STATUSES, v);
export const statusLabel = (v: string | null | undefined) => labelOf(STATUSES, v);
export const OPEN_STATUSES: readonly Status[] = STATUS_KEYS.filter((s) => s !== 'closed');

/**
 * Outcomes: exactly the rows of the annual report's table 三 (国办公开办函〔2021〕30号 format).
 * Codes are the row numbers, so the report reads them directly.
 */
export const OUTCOMES = {
  '1': { group: '（一）予以公开', label: '予以公开', basis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项' },
  '2': { group: '（二）部分公开', label: '部分公开（区分处理）', basis: '《中华人民共和国政府信息公开条例》第三十七条、第三十六条第（二）项' },
  '3.1': { group: '（三）不予公开', label: '属于国家秘密', basis: '《中华人民共和国政府信息公开条例》第十四条' },
  '3.2': { group: '（三）不予公开', label: '其他法律行政法规禁止公开', basis: '《中华人民共和国政府信息公开条例》第十四条' },
  '3.3': { group: '（三）不予公开', label: '危及“三安全一稳定”', basis: '《中华人民共和国政府信息公开条例》第十四条' },
  '3.4': { group: '（三）不予公开', label: '保护第三方合法权益', basis: '《中华人民共和国政府信息公开条例》第十五条' },
  '3.5': { group: '（三）不予公开', label: '属于三类内部事务信息', basis: '《中华人民共和国政府信息公开条例》第十六条第一款' },
  '3.6': { group: '（三）不予公开', label: '属于四类过程性信息', basis: '《中华人民共和国政府信息公开条例》第十六条第二款' },
  '3.7': { group: '（三）不予公开', label: '属于行政执法案卷', basis: '《中华人民共和国政府信息公开条例》第十六条第二款' },
  '3.8': { group: '（三）不予公开', label: '属于行政查询事项', basis: '《中华人民共和国政府信息公开条例》第三十六条第（七）项' },
  '4.1': { group: '（四）无法提供', label: '本机关不掌握相关政府信息', basis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项' },
  '4.2': { group: '（四）无法提供', label: '没有现成信息需要另行制作', basis: '《中华人民共和国政府信息公开条例》第三十八条' },
  '4.3': { group: '（四）无法提供', label: '补正后申请内容仍不明确', basis: '《中华人民共和国政府信息公开条例》第三十条' },
  '5.1': { group: '（五）不予处理', label: '信访举报投诉类申请', basis: '《中华人民共和国政府信息公开条例》第三十九条第一款' },
  '5.2': { group: '（五）不予处理', label: '重复申请', basis: '《中华人民共和国政府信息公开条例》第三十六条第（六）项' },
  '5.3': { group: '（五）不予处理', label: '要求提供公开出版物', basis: '《中华人民共和国政府信息公开条例》第三十九条第二款' },
  '5.4': { group: '（五）不予处理', label: '无正当理由大量反复申请', basis: '《中华人民共和国政府信息公开条例》第三十五条' },
  '5.5': { group: '（五）不予处理', label: '要求行政机关确认或重新出具已获取信息', basis: '《中华人民共和国政府信息公开条例》第三十九条第二款' },
  '6.1': { group: '（六）其他处理', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', basis: '《中华人民共和国政府信息公开条例》第三十条' },
  '6.2': { group: '（六）其他处理', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', basis: '《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）' },
  '6.3': { group: '（六）其他处理', label: '其他', basis: '' },
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const OUTCOME_KEYS = Object.keys(OUTCOMES) as Outcome[];
export const isOutcome = (v: unknown): v is Outcome => isKey(OUTCOMES, v);
/** An outcome as the annual report's row reads: （一）予以公开, （三）不予公开 4. …; the group's words are not repeated. */
export const outcomeLabel = (v: string | null | undefined): string => {
  if (!v || !isOutcome(v)) return v ?? '';
  const { group, label } = OUTCOMES[v];
  const m = /^(（[^）]+）)(.*)$/.exec(group);
  if (!v.includes('.') && m && label.startsWith(m[2]!)) return `${m[1]}${label}`;
  return `${group}${v.includes('.') ? ' ' + v.split('.')[1] + '. ' : ' '}${label}`;
};
/** Outcomes chosen by staff in a reply (6.1 and 6.2 are reached by expiry, not chosen). */
export const REPLY_OUTCOMES: readonly Outcome[] = OUTCOME_KEYS.filter((o) => o !== '6.1' && o !== '6.2');

/**
 * 第三十六条 answers with their own wording; each counts as one annual-report row.
 */
export const ANSWER_KINDS = {
  published: { label: '已主动公开，告知获取方式和途径', outcome: '1', basis: '《中华人民共和国政府信息公开条例》第三十六条第（一）项' },
  not_ours: { label: '不属于本机关负责公开，告知负责公开的机关及联系方式', outcome: '4.1', basis: '《中华人民共和国政府信息公开条例》第三十六条第（五）项' },
  not_held: { label: '经检索没有所申请公开的信息，告知申请人', outcome: '4.1', basis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项' },
  repeat: { label: '重复申请，告知申请人不予重复处理', outcome: '5.2', basis: '《中华人民共和国政府信息公开条例》第三十六条第（六）项' },
  withdrawn: { label: '申请人撤回申请', outcome: '6.3', basis: '' },
} as const satisfies Record<string, { label: string; outcome: Outcome; basis: string }>;
export type AnswerKind = keyof typeof ANSWER_KINDS;
export const isAnswerKind = (v: unknown): v is AnswerKind => isKey(ANSWER_KINDS, v);

/** Correction requests (更正, seed 002 第七条; 条例第四十一条) have their own outcomes. */
export const CORRECTION_OUTCOMES = {
  corrected: '予以更正',
  not_ours: '无权更正，转送有权机关处理并告知申请人',
  rejected: '不予更正（理由不成立）',
} as const;

export const EVENT_TYPES = {
  submitted: '提交申请',
  registered: '登记申请',
  received: '确认收到申请',
  assigned: '指定承办人',
  transferred: '转办',
  correction_sent: '发出补正告知',
  correction_received: '收到补正材料',
  correction_expired: '补正期限届满',
  pause_start: '征求意见（计时暂停）',
  pause_end: '征求意见结束（恢复计时）',
  fee_notice: '发出收费通知',
  fee_paid: '缴纳信息处理费',
  fee_expired: '缴费期限届满',
  extension_requested: '申请延期答复',
  extension_approved: '批准延期答复',
  extension_rejected: '不同意延期答复',
  reply_submitted: '答复提交审核',
  reply_returned: '答复退回修改',
  replied: '作出答复',
  provided: '提供信息',
  delivered: '送达',
  document: '生成文书',
  due_moved: '期限重新计算',
  note: '办理记录',
} as const;
export type EventType = keyof typeof EVENT_TYPES;
export const eventLabel = (v: string) => labelOf(EVENT_TYPES, v);

/** Why a clock pause: 第三方 (第32条), 部门 (第34条), 收费 (第42条). */
export const PAUSE_REASONS = {
  third_party: { label: '征求第三方意见', days: 15, basis: '《中华人民共和国政府信息公开条例》第三十二条、第三十三条第三款' },
  inter_agency: { label: '征求其他行政机关意见', days: 15, basis: '《中华人民共和国政府信息公开条例》第三十四条、第三十三条第三款' },
  fee: { label: '收费通知（待缴费）', days: 20, basis: '《中华人民共和国政府信息公开条例》第四十二条、国办函〔2020〕109号' },
} as const;
export type PauseReason = keyof typeof PAUSE_REASONS;
export const isPauseReason = (v: unknown): v is PauseReason => isKey(PAUSE_REASONS, v);

export const DOCUMENT_KINDS = {
  applicant_attachment: '申请人提交的材料',
  supplement: '补正材料',
  staff_upload: '办理材料',
  receipt: '登记回执',
  correction_notice: '补正申请告知书',
  extension_notice: '延期答复告知书',
  third_party_letter: '第三方意见征询函',
  inter_agency_letter: '征求意见函',
  fee_notice: '收费通知书',
  reply: '政府信息公开申请答复告知书',
  correction_reply: '政府信息更正申请答复书',
  other: '其他',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const isDocumentKind = (v: unknown): v is DocumentKind => isKey(DOCUMENT_KINDS, v);
export const documentKindLabel = (v: string) => labelOf(DOCUMENT_KINDS, v);
/** Kinds generated from templates. */
export const GENERATED_KINDS: readonly DocumentKind[] = ['receipt', 'correction_notice', 'extension_notice', 'third_party_letter', 'inter_agency_letter', 'fee_notice', 'reply', 'correction_reply'];

export const DELIVERY_METHODS = { email: '电子邮件送达', post: '邮寄送达', collected: '当面领取', online: '网上送达（查询页面下载）', fax: '传真送达' } as const;
export type DeliveryMethod = keyof typeof DELIVERY_METHODS;
export const isDeliveryMethod = (v: unknown): v is DeliveryMethod => isKey(DELIVERY_METHODS, v);
