// Pure rules of the disclosure catalogue (主动公开目录): categories, the Regulation 第二十条 items,
// disclosure attributes, time limits, 索引号 formats and the validation of a record form.
// No I/O and no clock: today, the year and the working-day calendar are always arguments.
import { addDays, dueDate, isValidIsoDate, workingDaysBetween, type WorkCalendar } from '../../calendar/index.ts';
import { parseDocNo, validateKeywords } from '../../platform/text/index.ts';
import { beijingMidnight } from '../../platform/time/index.ts';

type Labelled<C extends string> = { code: C; label: string };

// ---------------------------------------------------------------------------
// The nine categories of seed 002 (指南和目录编制规范 一(一)), with the public column's anchors as codes
// and the 第二十条 item a record of the category falls under unless the drafter picks another.

export const CATEGORIES = [
  { code: 'jggk', label: '机构概况', art20: 2, desc: '机构职能、领导分工、内设机构、下属单位及办公地址、联系方式等' },
  { code: 'zcwj', label: '政策文件', art20: 1, desc: '本机关制发的规范性文件和其他公文，以及相关政策解读' },
  { code: 'zfjc', label: '政府决策', art20: 3, desc: '重大决策事项的草案征求意见、决策结果及执行情况' },
  { code: 'gzxx', label: '工作信息', art20: 15, desc: '规划计划、工作动态、重点工作推进和完成情况' },
  { code: 'rsxx', label: '人事信息', art20: 14, desc: '干部任免、公务员招录和事业单位公开招聘等' },
  { code: 'xzzf', label: '行政执法', art20: 5, desc: '权责清单，行政许可、行政处罚、行政强制等执法依据、程序和结果' },
  { code: 'czxx', label: '财政信息', art20: 7, desc: '财政预算决算、部门预决算、“三公”经费和政府采购信息' },
  { code: 'ggfw', label: '公共服务', art20: 11, desc: '教育、医疗卫生、社会保障、就业、住房等与群众切身利益相关的服务事项' },
  { code: 'shjd', label: '社会监督', art20: 15, desc: '意见征集、投诉举报渠道及办理结果等接受社会监督的信息' },
] as const;
export type CategoryCode = (typeof CATEGORIES)[number]['code'];

/**
 * 《中华人民共和国政府信息公开条例》(国务院令第711号, 2019年修订) 第二十条 (一)–(十五):
 * the information every administrative organ must publish on its own initiative.
 * Labels are the items' wording, shortened where long; the annual report (国办公开办函〔2021〕30号)
 * counts items (一), (五), (六) and (八).
 */
export const ART20_ITEMS: readonly { item: number; label: string }[] = [
  { item: 1, label: '行政法规、规章和规范性文件' },
  { item: 2, label: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名' },
  { item: 3, label: '国民经济和社会发展规划、专项规划、区域规划及相关政策' },
  { item: 4, label: '国民经济和社会发展统计信息' },
  { item: 5, label: '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果' },
  { item: 6, label: '实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定' },
  { item: 7, label: '财政预算、决算信息' },
  { item: 8, label: '行政事业性收费项目及其依据、标准' },
  { item: 9, label: '政府集中采购项目的目录、标准及实施情况' },
  { item: 10, label: '重大建设项目的批准和实施情况' },
  { item: 11, label: '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况' },
  { item: 12, label: '突发公共事件的应急预案、预警信息及应对情况' },
  { item: 13, label: '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况' },
  { item: 14, label: '公务员招考的职位、名额、报考条件等事项以及录用结果' },
  { item: 15, label: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息' },
];

const CN_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
/** '第二十条第（五）项' style label of an item. */
export function art20Label(item: number): string {
  const it = ART20_ITEMS.find((x) => x.item === item);
  return it ? `（${CN_NUM[item]}）${it.label}` : '';
}

export const DOC_TYPES: Labelled<'rule' | 'normative' | 'other'>[] = [
  { code: 'rule', label: '规章' },
  { code: 'normative', label: '行政规范性文件' },
  { code: 'other', label: '其他' },
];
export type DocType = 'rule' | 'normative' | 'other';

export const DISCLOSURES: Labelled<'active' | 'on_request' | 'withheld'>[] = [
  { code: 'active', label: '主动公开' },
  { code: 'on_request', label: '依申请公开' },
  { code: 'withheld', label: '不予公开' },
];
export type Disclosure = 'active' | 'on_request' | 'withheld';

/**
 * Grounds for 不予公开, after seed 002 附件4 第八条. Its item (一) (公开后危及国家安全、经济安全、
 * 公共安全和社会稳定) has no code of its own in the schema and falls under `other`.
 */
export const WITHHELD_GROUNDS: Labelled<'state_secret' | 'commercial_secret' | 'privacy' | 'process' | 'work_secret' | 'other'>[] = [
  { code: 'state_secret', label: '涉及国家秘密' },
  { code: 'commercial_secret', label: '涉及商业秘密' },
  { code: 'privacy', label: '涉及个人隐私' },
  { code: 'process', label: '内部过程性信息' },
  { code: 'work_secret', label: '工作秘密' },
  { code: 'other', label: '其他法律法规规定不予公开的' },
];
export type WithheldGround = (typeof WITHHELD_GROUNDS)[number]['code'];

export const TERMS: Labelled<'long' | 'limited'>[] = [
  { code: 'long', label: '长期' },
  { code: 'limited', label: '限时' },
];

export const VALIDITIES: Labelled<'valid' | 'repealed' | 'expired'>[] = [
  { code: 'valid', label: '有效' },
  { code: 'repealed', label: '废止' },
  { code: 'expired', label: '失效' },
];
export type Validity = 'valid' | 'repealed' | 'expired';

export const STATUSES: Labelled<'draft' | 'in_review' | 'returned' | 'published' | 'withheld' | 'withdrawn'>[] = [
  { code: 'draft', label: '草稿' },
  { code: 'in_review', label: '审核中' },
  { code: 'returned', label: '已退回' },
  { code: 'published', label: '已公开' },
  // Reviewed and kept off the public list: 公开属性 says whether 依申请公开 or 不予公开.
  { code: 'withheld', label: '不主动公开' },
  { code: 'withdrawn', label: '已撤回' },
];
export type RecordStatus = (typeof STATUSES)[number]['code'];
/** Only a record nobody is reviewing may be edited (the chain locks it). */
export const EDITABLE_STATUSES: readonly string[] = ['draft', 'returned'];

/**
 * Publication time limits: Regulation 第二十六条 (20 working days from when the information is
 * formed or changed) is the default; seed 001 (二) gives the local presets (规范性文件 online within
 * 10 working days of issue; 民生 activity news within 24 hours of the activity).
 */
export const TIME_LIMITS: (Labelled<'art26' | 'normative10' | 'activity24h'> & { hint: string })[] = [
  { code: 'art26', label: '20个工作日（条例第二十六条）', hint: '自信息形成或变更之日起20个工作日内公开' },
  { code: 'normative10', label: '10个工作日（规范性文件，地方规定）', hint: '规范性文件印发后10个工作日内上网公开' },
  { code: 'activity24h', label: '24小时（政务活动信息，地方规定）', hint: '重要政务活动结束后24小时内上网公开' },
];
export type TimeLimit = 'art26' | 'normative10' | 'activity24h';

function labelOf<C extends string>(list: readonly Labelled<C>[], code: string | null | undefined): string {
  return list.find((x) => x.code === code)?.label ?? '';
}
export const categoryLabel = (c: string | null | undefined) => labelOf(CATEGORIES, c);
export const docTypeLabel = (c: string | null | undefined) => labelOf(DOC_TYPES, c);
export const disclosureLabel = (c: string | null | undefined) => labelOf(DISCLOSURES, c);
export const groundLabel = (c: string | null | undefined) => labelOf(WITHHELD_GROUNDS, c);
export const termLabel = (c: string | null | undefined) => labelOf(TERMS, c);
export const validityLabel = (c: string | null | undefined) => labelOf(VALIDITIES, c);
export const statusLabel = (c: string | null | undefined) => labelOf(STATUSES, c);
export const timeLimitLabel = (c: string | null | undefined) => labelOf(TIME_LIMITS, c);

/** Accepts a code or its Chinese label (imports and hand-filled spreadsheets use labels). */
export function codeFrom<C extends string>(list: readonly Labelled<C>[], v: string): C | null {
  const s = v.trim();
  if (!s) return null;
  return (list.find((x) => x.code === s || x.label === s)?.code) ?? null;
}

// ---------------------------------------------------------------------------
// Time limits

export interface Due {
  /** Calendar due date (also set for the 24-hour limit, so "due soon" is one indexed query). */
  dueOn: string;
  /** Instant for the 24-hour limit. */
  dueAt: Date | null;
  /** The date lies in a year whose holiday notice is not loaded yet. */
  provisional: boolean;
}


/**
 * Due date of publication. 生成日期 is a date, not a time: the 24 hours of an activity are counted
 * from the end of that day (the latest the activity can have ended), never earlier than the rule.
 */
export function computeDue(kind: TimeLimit, generatedOn: string, cal: WorkCalendar): Due {
  if (kind === 'activity24h') {
    const dueOn = addDays(generatedOn, 1);
    return { dueOn, dueAt: new Date(beijingMidnight(dueOn).getTime() + 24 * 3600_000), provisional: false };
  }
  const { due, provisional } = dueDate(cal, generatedOn, kind === 'normative10' ? 10 : 20);
  return { dueOn: due, dueAt: null, provisional };
}

/** Working days before the 5-working-day warning for the timeliness list. */
export const DUE_SOON_WORKING_DAYS = 5;

/** overdue: past the due date (or instant); soon: due within 5 working days; ok otherwise. */
export function dueState(due: { dueOn: string | null; dueAt: Date | string | null }, today: string, now: Date, cal: WorkCalendar): 'overdue' | 'soon' | 'ok' | 'none' {
  if (due.dueAt) {
    const at = new Date(due.dueAt).getTime();
    if (now.getTime() > at) return 'overdue';
    return 'soon';
  }
  if (!due.dueOn) return 'none';
  if (due.dueOn < today) return 'overdue';
  return workingDaysBetween(cal, today, due.dueOn) <= DUE_SOON_WORKING_DAYS ? 'soon' : 'ok';
}

/** The latest due date still counted as "due soon" from today. */
export function dueSoonHorizon(today: string, cal: WorkCalendar): string {
  return dueDate(cal, today, DUE_SOON_WORKING_DAYS).due;
}

// ---------------------------------------------------------------------------
// Validity for the annual report (本年制发 / 本年废止 / 现行有效)

export interface ValidityFacts {
  generatedOn: string;
  effectiveOn?: string | null;
  validity: string;
  repealedOn?: string | null;
  expiredOn?: string | null;
}

export function issuedInYear(r: ValidityFacts, year: number): boolean {
  return r.generatedOn.slice(0, 4) === String(year);
}

/** 本年废止 counts records repealed or expired (失效) during the year. */
export function repealedInYear(r: ValidityFacts, year: number): boolean {
  const end = endDate(r);
  return end !== null && end.slice(0, 4) === String(year);
}

function endDate(r: ValidityFacts): string | null {
  if (r.validity === 'repealed') return r.repealedOn ?? null;
  if (r.validity === 'expired') return r.expiredOn ?? null;
  return null;
}

/** In force on the date: issued (or effective) by then and not yet repealed or expired. */
export function inForceAt(r: ValidityFacts, date: string): boolean {
  const start = r.effectiveOn ?? r.generatedOn;
  if (start > date) return false;
  const end = endDate(r);
  return end === null || end > date;
}

// ---------------------------------------------------------------------------
// 索引号 formats

export const DEFAULT_INDEX_FORMAT = '{orgCode}/{year}-{seq:5}';
export const INDEX_FORMAT_MAX = 60;

export interface IndexParts { orgCode: string; year: number; seq: number; regionCode?: string }

const TOKEN = /\{([^{}]*)\}/g;

/** null when the format is usable, else a Chinese message. */
export function validateIndexFormat(format: string): string | null {
  const f = format.trim();
  if (!f) return '请填写索引号格式';
  if (f.length > INDEX_FORMAT_MAX) return `索引号格式不能超过 ${INDEX_FORMAT_MAX} 个字符`;
  if (/[\s]/.test(f)) return '索引号格式不能包含空格';
  const seen = new Set<string>();
  for (const m of f.matchAll(TOKEN)) {
    const name = m[1];
    if (name === 'orgCode' || name === 'year' || name === 'regionCode' || name === 'seq') seen.add(name);
    else if (/^seq:[1-9]$/.test(name)) seen.add('seq');
    else return `索引号格式中的“{${name}}”无法识别，可用的占位符为 {orgCode}、{regionCode}、{year}、{seq} 和 {seq:位数}`;
  }
  if (/[{}]/.test(f.replace(TOKEN, ''))) return '索引号格式中的花括号不成对';
  // The counter runs per organisation and year, and 索引号 are unique across all organisations.
  if (!seen.has('seq')) return '索引号格式必须包含流水号 {seq} 或 {seq:位数}';
  if (!seen.has('orgCode')) return '索引号格式必须包含机构代码 {orgCode}，以免与其他机构重复';
  if (!seen.has('year')) return '索引号格式必须包含年份 {year}，流水号每年重新计数';
  return null;
}

export function renderIndexNo(format: string, p: IndexParts): string {
  return format.replace(TOKEN, (_all, name: string) => {
    if (name === 'orgCode') return p.orgCode;
    if (name === 'regionCode') return p.regionCode ?? '';
    if (name === 'year') return String(p.year);
    if (name === 'seq') return String(p.seq);
    const m = /^seq:([1-9])$/.exec(name);
    if (m) return String(p.seq).padStart(Number(m[1]), '0');
    return '';
  });
}

// ---------------------------------------------------------------------------
// The record form

/** Form field names, in the order of the form. */
export const RECORD_FIELDS = [
  'title', 'docNo', 'generatedOn', 'category', 'art20Item', 'docType', 'importantPolicy',
  'disclosure', 'withheldGround', 'withheldReason', 'term', 'termEnd', 'timeLimit',
  'description', 'keywords', 'responsibleDept', 'publisher',
  'validity', 'effectiveOn', 'repealedOn', 'expiredOn', 'body',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];
export type RecordForm = Record<RecordField, string>;

export const FIELD_MAX: Record<RecordField, number> = {
  title: 200, docNo: 60, generatedOn: 10, category: 10, art20Item: 2, docType: 10, importantPolicy: 5,
  disclosure: 12, withheldGround: 20, withheldReason: 500, term: 10, termEnd: 10, timeLimit: 12,
  description: 2000, keywords: 200, responsibleDept: 50, publisher: 100,
  validity: 10, effectiveOn: 10, repealedOn: 10, expiredOn: 10, body: 500_000,
};

export const FIELD_LABELS: Record<RecordField, string> = {
  title: '信息名称', docNo: '文号', generatedOn: '生成日期', category: '主题分类', art20Item: '第二十条事项',
  docType: '文件类型', importantPolicy: '重要政策', disclosure: '公开属性', withheldGround: '不予公开理由',
  withheldReason: '不予公开说明', term: '公开时限', termEnd: '时限截止日期', timeLimit: '发布时限',
  description: '内容描述', keywords: '关键词', responsibleDept: '责任部门', publisher: '发布机构',
  validity: '有效性', effectiveOn: '施行日期', repealedOn: '废止日期', expiredOn: '失效日期', body: '正文',
};

export function emptyForm(): RecordForm {
  const f = {} as RecordForm;
  for (const k of RECORD_FIELDS) f[k] = '';
  f.disclosure = 'active';
  f.term = 'long';
  f.docType = 'other';
  f.validity = 'valid';
  f.timeLimit = 'art26';
  return f;
}

/** Normalised, typed record fields as stored. */
export interface RecordInput {
  title: string;
  docNo: string | null;
  docNoAgency: string | null;
  docNoYear: number | null;
  docNoSeq: number | null;
  generatedOn: string;
  category: CategoryCode;
  art20Item: number | null;
  docType: DocType;
  importantPolicy: boolean;
  disclosure: Disclosure;
  withheldGround: WithheldGround | null;
  withheldReason: string | null;
  term: 'long' | 'limited';
  termEnd: string | null;
  timeLimit: TimeLimit;
  description: string | null;
  keywords: string;
  responsibleDept: string | null;
  /** Empty = the organisation's name (filled in by the use case). */
  publisher: string | null;
  validity: Validity;
  effectiveOn: string | null;
  repealedOn: string | null;
  expiredOn: string | null;
  body: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: Partial<Record<RecordField, string>> };

const truthy = (s: string) => ['1', 'on', 'true', 'yes', '是'].includes(s.trim().toLowerCase());
const oneLine = (s: string) => s.replace(/[\s\u3000]+/g, ' ').trim();

/** Validates a record form: every field checked, each error a Chinese message naming the problem. */
export function validateRecordInput(form: Partial<RecordForm>, opts: { today: string; currentYear: number }): Validated<RecordInput> {
  const f = { ...emptyForm(), ...Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string')) } as RecordForm;
  const errors: Partial<Record<RecordField, string>> = {};
  const tooLong = (k: RecordField, v: string) => {
    if (v.length > FIELD_MAX[k]) { errors[k] = `${FIELD_LABELS[k]}不能超过 ${FIELD_MAX[k]} 个字符（当前 ${v.length} 个）`; return true; }
    return false;
  };

  const title = oneLine(f.title);
  if (!title) errors.title = '请填写信息名称（文件或信息的完整名称，不使用简称）';
  else tooLong('title', title);

  let docNo: string | null = null, docNoAgency: string | null = null, docNoYear: number | null = null, docNoSeq: number | null = null;
  const docRaw = f.docNo.trim();
  if (docRaw && !tooLong('docNo', docRaw)) {
    const r = parseDocNo(docRaw, opts.currentYear);
    if (r.ok) {
      docNo = r.normalised; docNoAgency = r.agency; docNoYear = r.year; docNoSeq = r.seq;
    } else errors.docNo = r.reason;
  }

  const dateField = (k: RecordField, required: boolean): string | null => {
    const v = f[k].trim();
    if (!v) {
      if (required) errors[k] = `请填写${FIELD_LABELS[k]}`;
      return null;
    }
    if (!isValidIsoDate(v)) { errors[k] = `${FIELD_LABELS[k]}“${String(v).slice(0, 20)}”不是有效日期，应为 YYYY-MM-DD 格式，例如 2024-05-08`; return null; }
    return v;
  };

  const generatedOn = dateField('generatedOn', true);
  if (generatedOn && generatedOn > opts.today) errors.generatedOn = `生成日期不能晚于今天（${opts.today}）`;

  const category = codeFrom(CATEGORIES, f.category);
  if (!f.category.trim()) errors.category = '请选择主题分类';
  else if (!category) errors.category = '主题分类无效，请从列表中选择';

  let art20Item: number | null = null;
  const a = f.art20Item.trim();
  if (a) {
    if (/^(?:[1-9]|1[0-5])$/.test(a)) art20Item = Number(a);
    else errors.art20Item = '第二十条事项应为（一）至（十五）之一';
  } else if (category) {
    art20Item = CATEGORIES.find((c) => c.code === category)!.art20;
  }

  const docType = codeFrom(DOC_TYPES, f.docType || 'other');
  if (!docType) errors.docType = '文件类型无效，请从列表中选择';

  const disclosure = codeFrom(DISCLOSURES, f.disclosure || 'active');
  if (!disclosure) errors.disclosure = '公开属性无效，请从列表中选择';
  let withheldGround: WithheldGround | null = null;
  let withheldReason: string | null = f.withheldReason.trim() || null;
  if (withheldReason) tooLong('withheldReason', withheldReason);
  if (disclosure === 'withheld') {
    withheldGround = codeFrom(WITHHELD_GROUNDS, f.withheldGround);
    if (!f.withheldGround.trim()) errors.withheldGround = '不予公开的信息须选择不予公开理由';
    else if (!withheldGround) errors.withheldGround = '不予公开理由无效，请从列表中选择';
  } else {
    withheldReason = null;
  }

  const term = codeFrom(TERMS, f.term || 'long');
  let termEnd: string | null = null;
  if (!term) errors.term = '公开时限无效，请选择“长期”或“限时”';
  else if (term === 'limited') {
    termEnd = dateField('termEnd', true);
    if (!termEnd && !errors.termEnd) errors.termEnd = '限时公开的信息须填写时限截止日期';
    if (termEnd && generatedOn && termEnd <= generatedOn) errors.termEnd = '时限截止日期应晚于生成日期';
  }

  const timeLimit = codeFrom(TIME_LIMITS, f.timeLimit || 'art26');
  if (!timeLimit) errors.timeLimit = '发布时限无效，请从列表中选择';

  const description = f.description.trim() || null;
  if (description) tooLong('description', description);

  const kwRaw = oneLine(f.keywords);
  let keywords = '';
  if (!kwRaw) errors.keywords = '请填写关键词，多个关键词之间用空格分开';
  else if (!tooLong('keywords', kwRaw)) {
    const r = validateKeywords(kwRaw);
    if (r.ok) keywords = r.keywords.join(' ');
    else errors.keywords = r.reason;
  }

  const responsibleDept = oneLine(f.responsibleDept) || null;
  if (responsibleDept) tooLong('responsibleDept', responsibleDept);
  const publisher = oneLine(f.publisher) || null;
  if (publisher) tooLong('publisher', publisher);

  const validity = codeFrom(VALIDITIES, f.validity || 'valid');
  if (!validity) errors.validity = '有效性无效，请选择“有效”“废止”或“失效”';
  const effectiveOn = dateField('effectiveOn', false);
  let repealedOn: string | null = null, expiredOn: string | null = null;
  if (validity === 'repealed') {
    repealedOn = dateField('repealedOn', true);
    if (repealedOn && generatedOn && repealedOn < generatedOn) errors.repealedOn = '废止日期不能早于生成日期';
  }
  if (validity === 'expired') {
    expiredOn = dateField('expiredOn', true);
    if (expiredOn && generatedOn && expiredOn < generatedOn) errors.expiredOn = '失效日期不能早于生成日期';
  }
  if (effectiveOn && generatedOn && effectiveOn < generatedOn) errors.effectiveOn = '施行日期不能早于生成日期';

  const body = f.body.replace(/\r\n?/g, '\n').trim();
  tooLong('body', body);

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title, docNo, docNoAgency, docNoYear, docNoSeq, generatedOn: generatedOn!, category: category!, art20Item,
      docType: docType!, importantPolicy: truthy(f.importantPolicy), disclosure: disclosure!, withheldGround, withheldReason,
      term: term!, termEnd, timeLimit: timeLimit!, description, keywords, responsibleDept, publisher,
      validity: validity!, effectiveOn, repealedOn, expiredOn, body,
    },
  };
}

/** A stored record as a form (for the edit screen and the export). */
export function recordToForm(r: Partial<Record<keyof RecordInput, unknown>>): RecordForm {
  const f = emptyForm();
  for (const k of RECORD_FIELDS) {
    const v = r[k as keyof RecordInput];
    if (k === 'importantPolicy') f[k] = v ? '1' : '';
    else f[k] = v == null ? '' : String(v);
  }
  return f;
}

/** Field-by-field differences between two forms (for the audit summary and the conflict message). */
export function changedFields(before: RecordForm, after: RecordForm): RecordField[] {
  return RECORD_FIELDS.filter((k) => (before[k] ?? '') !== (after[k] ?? ''));
}
