// The reply was signed (last step of the chain): outcome, 答复日期, the 答复告知书, status closed — in
// the signer's transaction. Called by submit-reply (a one-step chain) and act-on-reply.
import type { AppContext } from '../../../app-context.ts';
import { absoluteUrl } from '../../../platform/config.ts';
import type { Tx } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/audit/index.ts';
import * as review from '../../review/use-cases.ts';
import { isConclusion } from '../../review/domain.ts';
import { ANSWER_KINDS, CORRECTION_OUTCOMES, OUTCOMES, isAnswerKind, isOutcome, outcomeLabel } from '../model.ts';
import { DEFAULT_RULE_SET, RULE_SETS, isRuleSetId, provideDueDate, WORKFLOW, type RuleSetId } from '../domain.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import * as repo from '../repo.ts';
import { draftOf, type ReplyDraft } from './reply-draft.ts';
import { audit, auditActor, clean, fail, invalid, onCase, SUBJECT, type Caller } from './shared.ts';

/** The reply was signed: outcome, 答复日期, the 答复告知书, status closed — in the signer's transaction. */
export async function finalizeReply(tx: Tx, ctx: AppContext, c: repo.CaseRow, d: ReplyDraft, today: string, actor: Actor) {
  await repo.updateCase(tx, c.id, { status: 'closed', outcome: d.outcome, answerKind: d.answerKind, outcomeDetail: d, repliedOn: today, closed: true });
  for (const id of d.provideDocIds) await repo.setDocumentVisible(tx, id, true);
  const label = c.kind === 'correction'
    ? CORRECTION_OUTCOMES[d.outcome as keyof typeof CORRECTION_OUTCOMES] ?? d.outcome
    : d.answerKind && isAnswerKind(d.answerKind) ? ANSWER_KINDS[d.answerKind].label : outcomeLabel(d.outcome);
  const basis = c.kind === 'correction' ? '《中华人民共和国政府信息公开条例》第四十一条'
    : d.answerKind && isAnswerKind(d.answerKind) && ANSWER_KINDS[d.answerKind].basis ? ANSWER_KINDS[d.answerKind].basis
    : isOutcome(d.outcome) ? OUTCOMES[d.outcome].basis : '';
  const withheld = d.withheld.map((w, i) => `${i + 1}. ${w.part}：${w.reason}（依据：${isOutcome(w.ground) ? OUTCOMES[w.ground].basis || OUTCOMES[w.ground].label : w.ground}）`).join('\n');
  // The applicant reads the letter on paper too: the full address, not a path.
  const published = d.published.map((p) => `${p.title}（索引号 ${p.indexNo}，网址：${absoluteUrl(ctx.config, `/xxgk/${p.id}`)}）`).join('\n');
  const docs = d.provideDocIds.length ? await repo.listDocuments(tx, c.id) : [];
  const provided = d.provideDocIds.map((id) => docs.find((x) => x.id === id)?.name).filter(Boolean).join('、');
  const doc = await generateDocument(tx, ctx, {
    caseId: c.id, kind: c.kind === 'correction' ? 'correction_reply' : 'reply', actor, visibleToApplicant: true,
    vars: { 说明: d.text, 不予公开部分: withheld, 负责机关: d.agency, 联系方式: d.agencyContact, 获取方式: published, 提供内容: provided, ...(basis ? { 法律依据: basis } : {}) },
  });
  // A local preset (鄂托克前旗2018) gives a separate period to provide what was decided to be disclosed,
  // when it was not provided with the reply itself.
  const rules: RuleSetId = isRuleSetId(c.ruleSet) ? c.ruleSet : DEFAULT_RULE_SET;
  const provideBy = c.kind === 'disclosure' && (d.outcome === '1' || d.outcome === '2') && !d.answerKind && !d.provideDocIds.length
    ? provideDueDate(await ctx.calendar.get(), rules, today) : null;
  const provideNote = provideBy ? `；决定公开的信息应于${provideBy}前提供（${RULE_SETS[rules].provideBasis}）` : '';
  await repo.insertEvent(tx, { caseId: c.id, type: 'replied', occurredOn: today, data: { outcome: d.outcome, answerKind: d.answerKind, documentId: doc.documentId, ...(provideBy ? { provideBy } : {}) }, publicNote: `${label}${provideNote}`, actorId: actor.id, actorName: actor.name });
  if (d.provideDocIds.length) await repo.insertEvent(tx, { caseId: c.id, type: 'provided', occurredOn: today, data: { documentIds: d.provideDocIds }, publicNote: `随答复提供信息 ${d.provideDocIds.length} 件`, actorId: actor.id, actorName: actor.name });
  await recomputeCase(tx, ctx, c.id, '作出答复');
  await audit(tx, actor, 'request.reply.sign', c, { outcome: d.outcome, answerKind: d.answerKind, documentId: doc.documentId });
}
