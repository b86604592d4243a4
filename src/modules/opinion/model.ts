// 政务舆情 (SPEC.md §4): the codes the module stores and their Chinese labels. Codes are stable and
// English; every screen, document and audit label takes its words from here.

/** Where an item came from (how it reached us). */
export const SOURCE_KINDS = {
  feed: '订阅源（RSS / Atom / JSON Feed）',
  api: '推送接口',
  hotline: '12345 热线',
  board: '领导留言板',
  manual: '人工录入',
} as const;
export type SourceKind = keyof typeof SOURCE_KINDS;

/** What kind of channel published the item (monitoring plans and source weights use it). */
export const MEDIA_TYPES = {
  news: '新闻网站',
  portal: '政府网站',
  weibo: '微博',
  wechat: '微信',
  forum: '论坛社区',
  video: '短视频',
  board: '留言板',
  hotline: '热线',
  comment: '新闻评论',
  higher: '上级交办',
  other: '其他',
} as const;
export type MediaType = keyof typeof MEDIA_TYPES;

/** 舆情分级 (seed 004; 国办发〔2016〕61号). */
export const GRADES = {
  general: '一般',
  large: '较大',
  major: '重大',
  extreme: '特别重大',
} as const;
export type Grade = keyof typeof GRADES;
export const GRADE_ORDER: readonly Grade[] = ['general', 'large', 'major', 'extreme'];
/** 重大 / 特别重大: 5 h authoritative information, 24 h press conference, reported upward at once. */
export const isMajorGrade = (g: Grade | null | undefined): boolean => g === 'major' || g === 'extreme';

/** The five kinds of opinion that must be answered (seed 004 §二; 国办发〔2016〕61号). */
export const CATEGORIES = {
  policy_misread: '重大政策误解误读',
  public_interest: '涉及公众切身利益且影响较大',
  moral: '严重冲击社会道德底线',
  emergency: '突发事件处置和自然灾害应对',
  higher_request: '上级要求回应',
} as const;
export type Category = keyof typeof CATEGORIES;

/** An incident's life. */
export const INCIDENT_STATUSES = {
  candidate: '待研判',
  confirmed: '已确认',
  responding: '回应中',
  closed: '已办结',
  dismissed: '已排除',
  merged: '已合并',
} as const;
export type IncidentStatus = keyof typeof INCIDENT_STATUSES;
export const OPEN_STATUSES: readonly IncidentStatus[] = ['candidate', 'confirmed', 'responding'];

/** How an incident started. */
export const ORIGINS = {
  auto: '监测发现',
  manual: '人工录入',
  higher_task: '上级交办',
} as const;
export type Origin = keyof typeof ORIGINS;

/** The clocks of an incident (hours on the clock, not working days). */
export const DEADLINE_KINDS = {
  first_info: '首次发布权威信息',
  press_conference: '召开新闻发布会',
  response: '作出回应',
  higher_task: '上级交办时限',
  update: '持续发布进展',
} as const;
export type DeadlineKind = keyof typeof DEADLINE_KINDS;

/** Response channels (seed 004 §五). */
export const CHANNELS = {
  website: '政府网站',
  weibo: '政务微博',
  wechat: '政务微信',
  press_conference: '新闻发布会',
  interview: '媒体采访',
  press_release: '新闻稿',
  app: '政务客户端',
  reply: '直接答复',
  other: '其他',
} as const;
export type Channel = keyof typeof CHANNELS;

/** Accountability findings (seed 004 §六). */
export const FINDING_KINDS = {
  notice: '通报',
  interview: '约谈',
  accountability: '问责',
} as const;
export type FindingKind = keyof typeof FINDING_KINDS;

/** Where a rumour harming public order is referred (seed 004 §四). */
export const REFERRAL_AGENCIES = {
  police: '公安机关',
  cac: '网信部门',
} as const;
export type ReferralAgency = keyof typeof REFERRAL_AGENCIES;

/** Editable word lists (the pipeline's lexicons) and what each is for. */
export const LEXICONS = {
  negative: '负面词',
  sensitive: '敏感词',
  category_policy_misread: '分类词：重大政策误解误读',
  category_public_interest: '分类词：涉及公众切身利益',
  category_moral: '分类词：冲击社会道德底线',
  category_emergency: '分类词：突发事件和自然灾害',
  category_higher_request: '分类词：上级要求回应',
  gazetteer: '地名',
  stop: '停用词',
} as const;
export type Lexicon = keyof typeof LEXICONS;

export { labelOf } from '../../platform/forms/query.ts';

/** 效果评估 at closing (seed 004 §五: 回应效果评估). */
export const EFFECT_RATINGS = {
  good: '效果良好，舆论趋于平稳',
  fair: '效果一般，仍有少量关注',
  poor: '效果欠佳，需总结改进',
} as const;
export type EffectRating = keyof typeof EFFECT_RATINGS;

export const RESPONSE_STATUSES = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已审核通过',
  returned: '已退回修改',
} as const;
