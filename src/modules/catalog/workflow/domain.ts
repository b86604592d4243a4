// Pure rules of the catalogue's review workflow: interpretation plans, the 保密审查 form, finding
// reconciliation between scans, redaction of the public text, working-day deadlines for 征求意见 and
// policy interpretation. No I/O: today and the calendar are always arguments.
import { addDays, dueDate, isValidIsoDate, workingDaysBetween, type WorkCalendar } from '../../../calendar/index.ts';
import { FINDING_KINDS, normalizeFindingValue, redact, scanText, type FindingKind } from '../../../platform/text/index.ts';
import { sm3Hex } from '../../../platform/crypto/index.ts';
import { DISCLOSURES, WITHHELD_GROUNDS, codeFrom, type Disclosure, type WithheldGround } from '../domain.ts';

// ---------------------------------------------------------------------------------------------
// Policy interpretation (seed 000: 谁起草、谁解读)

export const INTERPRETATION_FORMS = ['撰稿解读', '专家解读', '政策问答', '在线访谈', '媒体专访', '答记者问', '新闻发布会'] as const;
export type InterpretationForm = (typeof INTERPRETATION_FORMS)[number];
export function isInterpretationForm(v: unknown): v is InterpretationForm {
  return typeof v === 'string' && (INTERPRETATION_FORMS as readonly string[]).includes(v);
}

/** Working days after publication within which the interpretation must be out (seed 001; configurable here). */
export const INTERPRETATION_DAYS = 5;

export interface InterpretationPlan { outline: string; form: InterpretationForm; channel: string; date: string }
export type PlanForm = { outline: string; form: string; channel: string; date: string };
export const PLAN_LABELS: Record<keyof PlanForm, string> = { outline: '解读提纲', form: '解读形式', channel: '发布途径', date: '计划发布时间' };
export const PLAN_MAX = { outline: 5000, form: 10, channel: 200, date: 10 } as const;

/** A 规范性文件, a 规章 or a record marked 重要政策 needs an interpretation plan before it is submitted. */
export function needsInterpretationPlan(r: { docType: string; importantPolicy: boolean; interpretsRecordId?: number | null }): boolean {
  if (r.interpretsRecordId) return false;
  return r.docType === 'normative' || r.docType === 'rule' || r.importantPolicy;
}

export function validatePlan(f: Partial<PlanForm>): { ok: true; value: InterpretationPlan } | { ok: false; errors: Partial<Record<keyof PlanForm, string>> } {
  const errors: Partial<Record<keyof PlanForm, string>> = {};
  const s = (k: keyof PlanForm) => (typeof f[k] === 'string' ? f[k]!.trim() : '');
  const outline = s('outline'), form = s('form'), channel = s('channel'), date = s('date');
  if (!outline) errors.outline = '请填写解读提纲（解读的要点和结构）';
  else if (outline.length > PLAN_MAX.outline) errors.outline = `解读提纲不能超过 ${PLAN_MAX.outline} 字（当前 ${outline.length} 字）`;
  if (!form) errors.form = '请选择解读形式';
  else if (!isInterpretationForm(form)) errors.form = '解读形式无效，请从列表中选择';
  if (!channel) errors.channel = '请填写发布途径（如政府网站、政务新媒体、新闻发布会）';
  else if (channel.length > PLAN_MAX.channel) errors.channel = `发布途径不能超过 ${PLAN_MAX.channel} 字`;
  if (!date) errors.date = '请填写计划发布时间';
  else if (!isValidIsoDate(date)) errors.date = `计划发布时间“${String(date).slice(0, 20)}”不是有效日期，应为 YYYY-MM-DD 格式`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { outline, form: form as InterpretationForm, channel, date } };
}

/** What a stored plan lacks, as the Chinese names of the missing parts (empty = complete). */
export function missingPlanParts(plan: unknown): string[] {
  const p = (plan && typeof plan === 'object' ? plan : {}) as Record<string, unknown>;
  const v = validatePlan({
    outline: typeof p.outline === 'string' ? p.outline : '', form: typeof p.form === 'string' ? p.form : '',
    channel: typeof p.channel === 'string' ? p.channel : '', date: typeof p.date === 'string' ? p.date : '',
  });
  return v.ok ? [] : (Object.keys(v.errors) as (keyof PlanForm)[]).map((k) => PLAN_LABELS[k]);
}

/** Interpretation due date: N working days after the policy's publication date. */
export function interpretationDue(publishedOn: string, cal: WorkCalendar, days = INTERPRETATION_DAYS): string {
  return dueDate(cal, publishedOn, days).due;
}

export type DueBadge = 'overdue' | 'soon' | 'ok';
/** overdue after the due date; soon within 2 working days. */
export function dueBadge(due: string, today: string, cal: WorkCalendar, soonDays = 2): DueBadge {
  if (due < today) return 'overdue';
  return workingDaysBetween(cal, today, due) <= soonDays ? 'soon' : 'ok';
}

// ---------------------------------------------------------------------------------------------
// 征求意见 (seed 002 附件6)

export const COORDINATION_DAYS = 5;
export const QUESTION_MAX = 2000;
export const REPLY_MAX = 2000;

export function coordinationDue(sentOn: string, days: number, cal: WorkCalendar): { due: string; provisional: boolean } {
  return dueDate(cal, sentOn, days);
}

export function parseWorkingDays(raw: string): number | null {
  const s = raw.trim();
  if (!s) return COORDINATION_DAYS;
  if (!/^\d{1,2}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 30 ? n : null;
}

// ---------------------------------------------------------------------------------------------
// 保密审查 form (seed 002 附件4)

export type SecrecyForm = { disclosure: string; ground: string; reason: string; basis: string; recheckOn: string };
export const SECRECY_MAX = { reason: 500, basis: 2000 } as const;

export interface SecrecyDecision {
  disclosure: Disclosure;
  ground: WithheldGround | null;
  reason: string | null;
  basis: string;
  recheckOn: string | null;
}

/** The default 复查 date of a withheld record: one year later (seed 002 附件4 第十五条). */
export function defaultRecheck(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const next = `${y + 1}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isValidIsoDate(next) ? next : addDays(`${y + 1}-03-01`, -1); // 29 Feb → 28 Feb
}

/**
 * Validates the 保密审查 part of the reviewer's form against the conclusion: 通过 keeps the
 * information public (主动公开 or 依申请公开); 不予公开 needs a ground, a reason and a 复查日期.
 */
export function validateSecrecy(f: Partial<SecrecyForm>, conclusion: string, today: string):
  { ok: true; value: SecrecyDecision } | { ok: false; errors: Record<string, string> } {
  const s = (k: keyof SecrecyForm) => (typeof f[k] === 'string' ? f[k]!.trim() : '');
  const errors: Record<string, string> = {};
  const disclosure = codeFrom(DISCLOSURES, s('disclosure'));
  if (!s('disclosure')) errors.disclosure = '请确认公开属性';
  else if (!disclosure) errors.disclosure = '公开属性无效，请从列表中选择';
  const basis = s('basis');
  if (!basis) errors.basis = '请填写审查依据（如《中华人民共和国保守国家秘密法》、本机关保密事项范围等）';
  else if (basis.length > SECRECY_MAX.basis) errors.basis = `审查依据不能超过 ${SECRECY_MAX.basis} 字`;
  const reason = s('reason') || null;
  if (reason && reason.length > SECRECY_MAX.reason) errors.reason = `理由说明不能超过 ${SECRECY_MAX.reason} 字`;
  let ground: WithheldGround | null = null;
  let recheckOn: string | null = null;
  if (conclusion === 'refuse' && disclosure && disclosure !== 'withheld') errors.disclosure = '结论为“不予公开”时，公开属性应为“不予公开”';
  if (conclusion === 'pass' && disclosure === 'withheld') errors.disclosure = '公开属性为“不予公开”时，请选择结论“不予公开”';
  if (disclosure === 'withheld' || conclusion === 'refuse') {
    ground = codeFrom(WITHHELD_GROUNDS, s('ground'));
    if (!s('ground')) errors.ground = '请选择不予公开的理由（保密审查制度第八条）';
    else if (!ground) errors.ground = '不予公开理由无效，请从列表中选择';
    if (!reason && !errors.reason) errors.reason = '请说明不予公开的具体理由';
    const r = s('recheckOn');
    if (!r) errors.recheckOn = '请填写复查日期';
    else if (!isValidIsoDate(r)) errors.recheckOn = `复查日期“${String(r).slice(0, 20)}”不是有效日期，应为 YYYY-MM-DD 格式`;
    else if (r <= today) errors.recheckOn = '复查日期应晚于今天';
    else recheckOn = r;
  } else if (disclosure === 'on_request' && !reason && !errors.reason) {
    errors.reason = '改为依申请公开时，请说明理由';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { disclosure: disclosure!, ground, reason, basis, recheckOn } };
}

// ---------------------------------------------------------------------------------------------
// Findings: reconciliation between scans, and the public text

export type FindingSource = 'title' | 'body' | 'attachment' | MetaSource;
/**
 * Public catalogue fields other than title and body. They are scanned too, but a finding there
 * cannot be masked (the public page shows the field as entered): it is kept with a reason, or the
 * record goes back to the clerk to edit the field, after which the re-scan no longer finds it.
 */
export type MetaSource = 'description' | 'keywords' | 'responsibleDept' | 'publisher';
export const META_SOURCES: readonly MetaSource[] = ['description', 'keywords', 'responsibleDept', 'publisher'];
export const isMetaSource = (s: string): s is MetaSource => (META_SOURCES as readonly string[]).includes(s);
export interface ScanTarget { source: FindingSource; attachmentId: number | null; text: string }
/** valueKey: see findingValueKey (null on findings stored before it existed). */
export type NewFinding = { source: FindingSource; attachmentId: number | null; kind: FindingKind; start: number; end: number; excerpt: string; valueKey: string | null };
export type StoredFinding = NewFinding & { id: number; resolution: string | null };
/** Normalised values not to report, per kind (the organisation's published office numbers). */
export type AllowedValues = Partial<Record<FindingKind, readonly string[]>>;

/** SM3 of the kind and the normalised value: equal for the same value however it was written. */
export function findingValueKey(kind: FindingKind, match: string): string {
  return sm3Hex(`${kind}\n${normalizeFindingValue(kind, match)}`);
}

/** Scans every target; the excerpt is the masked match (the original stays in the record). */
export function scanTargets(targets: readonly ScanTarget[], today: string, allowed?: AllowedValues): NewFinding[] {
  const out: NewFinding[] = [];
  for (const t of targets) {
    for (const f of scanText(t.text, { today, maxFindings: 500, allowed })) {
      out.push({ source: t.source, attachmentId: t.attachmentId, kind: f.kind, start: f.start, end: f.end, excerpt: f.masked, valueKey: findingValueKey(f.kind, f.match) });
    }
  }
  return out;
}

const sameSpot = (a: NewFinding, b: NewFinding) =>
  a.source === b.source && (a.attachmentId ?? null) === (b.attachmentId ?? null) && a.kind === b.kind && a.start === b.start && a.end === b.end && a.excerpt === b.excerpt;

/**
 * A new scan against the stored findings: unresolved ones are replaced by the new scan; a resolved
 * one is kept while the same text is still at the same place (its decision still applies), and
 * dropped otherwise.
 */
export function reconcileFindings(stored: readonly StoredFinding[], scanned: readonly NewFinding[]): { deleteIds: number[]; insert: NewFinding[] } {
  const keep = stored.filter((s) => s.resolution && scanned.some((n) => sameSpot(s, n)));
  const keepIds = new Set(keep.map((k) => k.id));
  return {
    deleteIds: stored.filter((s) => !keepIds.has(s.id)).map((s) => s.id),
    insert: scanned.filter((n) => !keep.some((k) => sameSpot(k, n))),
  };
}

/** The public version of one text: the spans resolved as 'redact' replaced by their masks. */
export function publicText(text: string, findings: readonly StoredFinding[], source: FindingSource, attachmentId: number | null = null): string {
  const spans = findings
    .filter((f) => f.resolution === 'redact' && f.source === source && (f.attachmentId ?? null) === attachmentId)
    .map((f) => ({ start: f.start, end: f.end, masked: f.excerpt }));
  return redact(text, spans);
}

export const findingKindLabel = (k: string) => (Object.hasOwn(FINDING_KINDS, k) ? FINDING_KINDS[k as FindingKind] : k);
export const SOURCE_LABELS: Record<FindingSource, string> = {
  title: '信息名称', body: '正文', attachment: '附件', description: '内容描述', keywords: '关键词', responsibleDept: '责任部门', publisher: '发布机构',
};

/** The record kind a chain may be specific to (review/domain.ts SUBJECT_TYPES.catalog_record.kinds). */
export function recordKindOf(r: { docType: string; interpretsRecordId: number | null }): string {
  return r.interpretsRecordId ? 'interpretation' : r.docType;
}

/** Status of the record when its chain approves it: only 主动公开 is published; the others are kept out of the public list. */
export function statusOnApproval(disclosure: string): 'published' | 'withheld' {
  return disclosure === 'active' ? 'published' : 'withheld';
}

/** Conclusions recorded in the 保密审查 written record: the decided 公开属性, or a 复查 outcome. */
export const SECRECY_CONCLUSIONS: Record<string, string> = {
  active: '同意主动公开',
  on_request: '依申请公开',
  withheld: '不予公开',
  keep_withheld: '复查：继续不予公开',
  declassify: '复查：解密，重新履行审核程序',
};
export const secrecyConclusionLabel = (c: string) => SECRECY_CONCLUSIONS[c] ?? c;
