// The schemas of every form of 互动交流 (platform/forms parseForm / readStrings), with the domain
// checks a schema cannot express.
import { Type, type Static } from '@sinclair/typebox';
import { DateStr, Id, Str, StringEnum } from '../../platform/forms/index.ts';
import { DRAFT_LIMITS, INTERVIEW_LIMITS, draftDateProblems } from './domain.ts';
import type { FormStrings } from '../../platform/forms/index.ts';

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

export const DraftForm = Type.Object({
  orgId: Id('起草单位'),
  title: Str('标题', DRAFT_LIMITS.title, { minLength: 4 }),
  body: Str('征求意见稿正文', DRAFT_LIMITS.body, { minLength: 10 }),
  howToComment: Type.Optional(Str('其他意见反馈方式', DRAFT_LIMITS.howToComment)),
  startDate: DateStr('开始日期'),
  endDate: DateStr('截止日期'),
  showComments: Type.Boolean({ title: '公开展示意见' }),
});
export type DraftValues = Static<typeof DraftForm>;
export const DRAFT_FIELDS = ['orgId', 'title', 'body', 'howToComment', 'startDate', 'endDate', 'showComments', 'attachment'] as const;
export const draftProblems = (s: FormStrings) => draftDateProblems(str(s.startDate), str(s.endDate));

export const InterviewForm = Type.Object({
  orgId: Id('主办单位'),
  title: Str('访谈主题', INTERVIEW_LIMITS.title, { minLength: 4 }),
  guests: Str('访谈嘉宾', INTERVIEW_LIMITS.guests),
  date: DateStr('访谈日期'),
  startTime: Str('开始时间', 5),
  endTime: Str('结束时间', 5),
  preview: Str('访谈预告', INTERVIEW_LIMITS.preview, { minLength: 10 }),
  /** Made from a press event of type 在线访谈 (only on creation). */
  pressEventId: Type.Optional(Id('关联新闻发布活动')),
});
export type InterviewValues = Static<typeof InterviewForm>;
export const INTERVIEW_FIELDS = ['orgId', 'title', 'guests', 'date', 'startTime', 'endTime', 'preview'] as const;

/**
 * The public form. The text is read up to 100,000 characters so that an over-long text is shown
 * again as typed; its real limit (2,000) is submissions.ts's rule, with its own message.
 */
export const SubmissionForm = Type.Object({
  name: Type.Optional(Str('姓名', 100)),
  contact: Type.Optional(Str('联系方式', 200)),
  text: Type.Optional(Str('内容', 100_000)),
  website: Type.Optional(Str('网站', 200)),
});
export const SUBMISSION_FIELDS = ['name', 'contact', 'text'] as const;

export const ModerateForm = Type.Object({
  decision: StringEnum(['approve', 'reject'] as const, { title: '审核结果' }),
  reason: Type.Optional(Str('理由', DRAFT_LIMITS.reason)),
  back: Type.Optional(Str('返回', 200)),
});
export const AnswerForm = Type.Object({ answer: Type.Optional(Str('答复', INTERVIEW_LIMITS.answer + 1)) });
export const SummaryForm = Type.Object({ summary: Type.Optional(Str('采纳情况', DRAFT_LIMITS.summary + 1)) });
export const TranscriptForm = Type.Object({ transcript: Type.Optional(Str('文字实录', INTERVIEW_LIMITS.transcript + 1)) });
export const ReasonForm = Type.Object({ reason: Type.Optional(Str('退回理由', DRAFT_LIMITS.reason + 1)) });
export const WithdrawForm = Type.Object({ withdrawReason: Type.Optional(Str('撤回原因', DRAFT_LIMITS.reason + 1)) });
