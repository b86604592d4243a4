// The reply the handler drafts: its shape, the form's choices, validation, and saving the draft
// (the outcome itself is only set when the reply is signed, see reply-review.ts).
import type { AppContext } from '../../../app-context.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { ANSWER_KINDS, CORRECTION_OUTCOMES, REPLY_OUTCOMES, isAnswerKind, isOutcome, outcomeLabel } from '../model.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, invalid, onCase, type Caller, type Fail } from './shared.ts';

export interface WithheldPart { part: string; ground: string; reason: string }

/** What the handler drafts; kept on the case (outcome_detail.draft) until the reply is signed. */
export interface ReplyDraft {
  /** Annual-report row (OUTCOMES), or a correction outcome code for correction cases. */
  outcome: string;
  answerKind: string | null;
  text: string;
  withheld: WithheldPart[];
  agency: string;
  agencyContact: string;
  /** Catalogue records (索引号) where the information is published, with their portal links. */
  published: { indexNo: string; id: number; title: string }[];
  /** Staff uploads provided with the reply (made visible to the applicant on signing). */
  provideDocIds: number[];
}

export interface ReplyInput {
  /** `outcome:<row>`, `answer:<kind>` (第三十六条 answers) or `correction:<code>`. */
  choice: string;
  text: string;
  withheld?: WithheldPart[];
  agency?: string;
  agencyContact?: string;
  published?: string;
  provideDocIds?: number[];
  version?: number;
}

/** The choices of the reply form, by case kind. */
export function replyChoices(kind: string): { value: string; label: string }[] {
  if (kind === 'correction') return Object.entries(CORRECTION_OUTCOMES).map(([k, v]) => ({ value: `correction:${k}`, label: v }));
  return [
    ...REPLY_OUTCOMES.map((o) => ({ value: `outcome:${o}`, label: outcomeLabel(o) })),
    ...Object.entries(ANSWER_KINDS).map(([k, v]) => ({ value: `answer:${k}`, label: `第三十六条答复：${v.label}（计入${outcomeLabel(v.outcome)}）` })),
  ];
}

export async function validateDraft(tx: Tx, c: repo.CaseRow, input: ReplyInput): Promise<ReplyDraft | Fail> {
  const errors: Record<string, string> = {};
  const [kindPart, code] = input.choice.split(':', 2);
  let outcome = '';
  let answerKind: string | null = null;
  if (c.kind === 'correction') {
    if (kindPart === 'correction' && code && Object.hasOwn(CORRECTION_OUTCOMES, code)) outcome = code;
    else errors.choice = '请选择更正申请的处理结果';
  } else if (kindPart === 'outcome' && isOutcome(code) && REPLY_OUTCOMES.includes(code)) outcome = code;
  else if (kindPart === 'answer' && isAnswerKind(code)) { outcome = ANSWER_KINDS[code].outcome; answerKind = code; }
  else errors.choice = '请选择答复类型（处理结果）';
  const text = clean(input.text);
  if (!text) errors.text = '请填写答复正文（告知申请人的内容和理由）';
  const withheld = (input.withheld ?? []).map((w) => ({ part: clean(w.part, 500), ground: w.ground, reason: clean(w.reason, 1000) })).filter((w) => w.part || w.reason || w.ground);
  if (outcome === '2') {
    if (!withheld.length) errors.withheld = '部分公开须列明不予公开的部分、理由和依据（第三十七条）';
    withheld.forEach((w, i) => {
      if (!w.part) errors[`withheldPart${i + 1}`] = `第 ${i + 1} 项：请填写不予公开的部分`;
      if (!isOutcome(w.ground) || !w.ground.startsWith('3.')) errors[`withheldGround${i + 1}`] = `第 ${i + 1} 项：请选择不予公开的依据`;
      if (!w.reason) errors[`withheldReason${i + 1}`] = `第 ${i + 1} 项：请填写理由`;
    });
  }
  const agency = clean(input.agency, 200);
  const agencyContact = clean(input.agencyContact, 200);
  if ((answerKind === 'not_ours' || (c.kind === 'correction' && outcome === 'not_ours')) && !agency) errors.agency = '请填写负责公开（或有权更正）的行政机关名称';
  if (answerKind === 'not_ours' && !agencyContact) errors.agencyContact = '请填写该机关的联系方式（第三十六条第（五）项）';
  const published: ReplyDraft['published'] = [];
  if (answerKind === 'published') {
    const nos = [...new Set((input.published ?? '').split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean))].slice(0, 20);
    if (!nos.length) errors.published = '请填写已主动公开信息的索引号，申请人可据此获取';
    else {
      const found = new Map((await repo.publishedByIndexNo(tx, nos)).map((x) => [x.indexNo, x]));
      const missing = nos.filter((n) => !found.has(n));
      if (missing.length) errors.published = `以下索引号没有找到已公开的信息：${missing.join('、')}`;
      else for (const n of nos) { const x = found.get(n)!; published.push({ indexNo: n, id: x.id, title: x.title }); }
    }
  }
  const docs = await repo.listDocuments(tx, c.id);
  const provideDocIds = [...new Set(input.provideDocIds ?? [])].filter((id) => docs.some((d) => d.id === id && d.kind === 'staff_upload'));
  if (Object.keys(errors).length) return invalid(errors);
  return { outcome, answerKind, text, withheld: outcome === '2' ? withheld : [], agency, agencyContact, published, provideDocIds };
}

export function draftOf(c: Pick<repo.CaseRow, 'outcomeDetail'>): ReplyDraft | null {
  const d = c.outcomeDetail as { draft?: ReplyDraft } | null;
  return d && typeof d === 'object' && d.draft ? d.draft : null;
}

/** The reply as signed (or as closed on expiry), for display: outcome_detail after closing. */
export function signedReplyOf(c: Pick<repo.CaseRow, 'outcomeDetail' | 'outcome' | 'answerKind' | 'status'>): ReplyDraft | null {
  if (c.status !== 'closed' || !c.outcome) return null;
  const d = (c.outcomeDetail && typeof c.outcomeDetail === 'object' ? c.outcomeDetail : {}) as Partial<ReplyDraft>;
  return {
    outcome: c.outcome, answerKind: c.answerKind, text: typeof d.text === 'string' ? d.text : '',
    withheld: Array.isArray(d.withheld) ? d.withheld : [], agency: d.agency ?? '', agencyContact: d.agencyContact ?? '',
    published: Array.isArray(d.published) ? d.published : [], provideDocIds: Array.isArray(d.provideDocIds) ? d.provideDocIds : [],
  };
}

export type DraftReplyResult = Awaited<ReturnType<typeof draftReply>>;

/** Saves the handler's draft (not the outcome: that is only set when the reply is signed). */
export async function draftReply(ctx: AppContext, caller: Caller, caseId: number, input: ReplyInput) {
  return onCase(ctx, caller, caseId, 'draftReply', input.version, async (tx, c) => {
    const d = await validateDraft(tx, c, input);
    if ('ok' in d) return d;
    const version = await repo.updateCase(tx, c.id, { outcomeDetail: { draft: d } });
    await audit(tx, auditActor(caller), 'request.reply.draft', c, { outcome: d.outcome, answerKind: d.answerKind });
    return { ok: true as const, version };
  });
}
