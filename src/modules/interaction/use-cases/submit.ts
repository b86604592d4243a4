// A citizen's comment on a draft or question to an interview: one use case for both. Checked
// (bounds, honeypot), then in one transaction with the subject and the address locked: the subject
// must accept submissions today (Beijing date / instant), the address and the subject must be under
// their rate limits, and the same text on the same subject is refused. The name and contact are
// encrypted; the address is kept only as a keyed hash. Nothing is shown before moderation.
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { withTx } from '../../../platform/db/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import * as repo from '../submissions.repo.ts';
import { NOUNS, isHoneypotFilled, rateRefusal, submissionProblems, textKey, type SubjectKind, type SubmissionInput } from '../submissions.ts';
import { lockSubject, NOT_FOUND } from './subjects.ts';

export type SubmitRefusal = 'invalid' | 'not_found' | 'closed' | 'rate_limited' | 'duplicate' | 'bot';

export const addressKeyOf = (ctx: AppContext, ip: string): string => ctx.fieldCipher.blindIndex(`address:${ip}`);

export async function submitPublic(ctx: AppContext, kind: SubjectKind, subjectId: number, input: SubmissionInput, ip: string): Promise<Result<{ id: number }, SubmitRefusal>> {
  if (isHoneypotFilled(input)) return fail('bot', '提交未通过验证，请返回页面重新填写。');
  const problems = submissionProblems(kind, input);
  if (Object.keys(problems).length) return invalid(problems);
  const noun = NOUNS[kind].what;
  const addressKey = addressKeyOf(ctx, ip);
  const r = await withTx(ctx.db, async (tx): Promise<Result<{ id: number }, SubmitRefusal>> => {
    const now = ctx.now();
    const subject = await lockSubject(tx, kind, subjectId, now);
    if (!subject || subject.hidden) return fail('not_found', NOT_FOUND[kind]);
    if (subject.refusal) return fail('closed', subject.refusal);
    await repo.lockAddress(tx, addressKey);
    const limited = rateRefusal(kind, await repo.recentCounts(tx, kind, subjectId, addressKey, now));
    if (limited) return fail('rate_limited', limited);
    const id = await repo.insertSubmission(tx, {
      subjectKind: kind, subjectId,
      nameEnc: input.name ? ctx.fieldCipher.encrypt(input.name) : null,
      contactEnc: input.contact ? ctx.fieldCipher.encrypt(input.contact) : null,
      text: input.text, textKey: textKey(input.text), addressKey, status: 'pending', createdAt: now,
    });
    if (id === null) return fail('duplicate', `相同内容的${noun}已经提交过，无需重复提交。`, { text: `相同内容的${noun}已经提交过` });
    await writeAudit(tx, { id: null, name: '公众', ip }, {
      action: `interaction.${kind}.submission`, entityType: 'interaction_submission', entityId: id,
      summary: { kind, subjectId, length: Array.from(input.text).length, named: input.name !== '', contact: input.contact !== '' },
    });
    return { ok: true as const, id };
  });
  if (r.ok) publicPagesChanged();
  return r;
}
