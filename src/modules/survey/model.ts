// 社会评议 (SPEC.md §5; seed 002 附件7): codes and their Chinese labels, and the ready template of the
// evaluation aspects named in 附件7 第四条 (the wording of the questions is ours).

/** The back office's pages of the module. */
export const ADMIN_HREF = '/admin/surveys';
export const RECT_HREF = `${ADMIN_HREF}/rectifications`;

export const QUESTION_KINDS = { single: '单选题', multiple: '多选题', rating: '评分题（1—5分）', text: '文字题' } as const;
export type QuestionKind = keyof typeof QUESTION_KINDS;
export const QUESTION_KIND_KEYS = Object.keys(QUESTION_KINDS) as QuestionKind[];

/** Stored status; what the public sees also depends on the dates (domain.ts surveyState). */
export const SURVEY_STATUSES = { draft: '草稿', published: '已发布', closed: '已结束' } as const;
export type SurveyStatus = keyof typeof SURVEY_STATUSES;

/** The state on a given day: 草稿 / 未开始 / 进行中 / 已结束. */
export const SURVEY_STATES = { draft: '草稿', scheduled: '未开始', open: '进行中', ended: '已结束' } as const;
export type SurveyState = keyof typeof SURVEY_STATES;

export const RATING_LABELS = ['很不满意', '不满意', '一般', '满意', '很满意'] as const;

/** 整改 items (附件7 第六条): open, then closed by a rectification or by an explanation to the leading group. */
export const RECTIFY_STATUSES = { open: '待整改', rectified: '已整改', explained: '已作出说明' } as const;
export type RectifyStatus = keyof typeof RECTIFY_STATUSES;
export const CLOSE_KINDS = { rectified: '整改措施', explained: '情况说明（不具备整改条件）' } as const;
export type CloseKind = keyof typeof CLOSE_KINDS;

export { labelOf } from '../../platform/forms/query.ts';

/** Bounds of a survey's definition. */
export const LIMITS = {
  title: 100, intro: 2000, questionTitle: 200, hint: 300, option: 100, options: 20, questions: 50,
  /** The longest free-text answer a survey may allow, and the default. */
  textMax: 2000, textDefault: 500,
} as const;

export interface QuestionDraft {
  kind: QuestionKind;
  title: string;
  hint?: string;
  required: boolean;
  options?: string[];
  minChoices?: number | null;
  maxChoices?: number | null;
  maxLength?: number | null;
}

/** 从模板新建: the aspects of 附件7 第四条 (一)–(四) as ratings, (五) as free text, and an overall view. */
export const TEMPLATE_AFTERWORD = '感谢您参与政府信息公开工作社会评议。评议结果将作为改进政府信息公开工作的依据，需要整改的问题由责任单位限期整改，不具备整改条件的向政府信息公开领导小组作出说明。';
export const TEMPLATE = {
  title: '政府信息公开工作社会评议问卷',
  intro: '为全面、客观、公正地评价本级政府信息公开工作，现就以下几个方面征求您的评价和意见。问卷不记名，约需3分钟。',
  questions: [
    { kind: 'rating', title: '政府信息公开事项是否及时、准确、全面、真实', hint: '1分为很不满意，5分为很满意。', required: true },
    { kind: 'rating', title: '政府信息公开是否方便群众查阅、服务群众', hint: '1分为很不满意，5分为很满意。', required: true },
    { kind: 'rating', title: '政府信息公开是否提高了工作效率和透明度', hint: '1分为很不满意，5分为很满意。', required: true },
    { kind: 'rating', title: '政府信息公开是否促进了依法行政、廉洁行政、科学行政', hint: '1分为很不满意，5分为很满意。', required: true },
    { kind: 'multiple', title: '您通常通过哪些渠道获取政府信息', required: false, options: ['政府网站', '政务微博、微信', '政务服务大厅', '报刊、广播、电视', '公告栏', '其他'], minChoices: null, maxChoices: 3, hint: '最多选择3项。' },
    { kind: 'single', title: '您对政府信息公开工作的总体评价', required: true, options: ['满意', '基本满意', '不满意'] },
    { kind: 'text', title: '您认为还有哪些需要评议的内容，或对政府信息公开工作的意见和建议', required: false, maxLength: 500, hint: '请勿填写身份证号、电话等个人信息。最多500字。' },
  ] satisfies QuestionDraft[],
};
