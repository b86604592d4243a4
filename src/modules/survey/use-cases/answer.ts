// Answering a survey without an account (/hdjl/pj/<id>). One answer per person, reasonably: the route
// refuses a browser that carries this survey's signed cookie; here, at most `perAddressHourly`
// answers per network address and hour (counted under a lock, so concurrent posts cannot pass it),
// and when the survey asks for a phone number, one answer per number (kept as a blind index and
// encrypted, never shown). The answers are read through the schema built from the questions.
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, type Fail, type Ok } from '../../../platform/errors.ts';
import { parseForm, type FieldErrors, type FormStrings } from '../../../platform/forms/index.ts';
import { beijingToday } from '../../../platform/time/index.ts';
import { answerDomain, answerRefusal, answerSchema, fieldOf, storedAnswers, type Question } from '../domain.ts';
import * as repo from '../repo.ts';
import { isUniqueViolation } from '../../org/repo.ts';
import type { SurveyRow } from '../repo.ts';

const HOUR = 3_600_000;
/** The longest text written back into a refused form (the body limit bounds it anyway). */
const KEEP_TYPED = 100_000;

export type AnswerRefusal = 'not_found' | 'unavailable' | 'answered' | 'rate_limited' | 'phone_used' | 'invalid';
export type AnswerResult = Ok<{ responseId: number }> | (Fail<AnswerRefusal> & { values?: FormStrings; errors?: FieldErrors });

export const ANSWER_MESSAGES = {
  answered: '您已经参与过本次评议，感谢您的支持。每位公众对同一评议只需填写一次。',
  rateLimited: (n: number) => `同一网络地址一小时内最多可提交 ${n} 份答卷，本网络地址已达到上限，暂不能再提交。如您确未参与过本次评议，请一小时后再试。`,
  phoneUsed: '该手机号码已经参与过本次评议，同一号码只能填写一次。',
} as const;

export interface AnswerInput {
  surveyId: number;
  body: unknown;
  ip: string;
  /** The browser carries this survey's answered cookie. */
  answeredCookie: boolean;
}

/** The form as typed, with free texts kept whole (parseForm bounds them to their limit + 1). */
function keepTyped(questions: readonly Question[], values: FormStrings, body: unknown): FormStrings {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const out = { ...values };
  for (const q of questions) {
    const raw = b[fieldOf(q)];
    if (q.kind === 'text' && typeof raw === 'string') out[fieldOf(q)] = raw.slice(0, KEEP_TYPED).replace(/\r\n?/g, '\n');
  }
  return out;
}

export async function submitAnswer(ctx: AppContext, input: AnswerInput): Promise<AnswerResult> {
  const s = await repo.findSurvey(ctx.db, input.surveyId);
  if (!s || s.status === 'draft') return fail('not_found', '您要参与的评议不存在或尚未发布。');
  const today = beijingToday(ctx.now());
  const refusal = answerRefusal(s, today);
  if (refusal) return fail('unavailable', refusal);
  if (input.answeredCookie) return fail('answered', ANSWER_MESSAGES.answered);

  const questions = await repo.listQuestions(ctx.db, s.id);
  const form = parseForm(answerSchema(questions, { phone: s.requirePhone }), input.body, { domain: answerDomain(questions) });
  if (!form.ok) return { ...fail('invalid', form.summary), values: keepTyped(questions, form.values, input.body), errors: form.errors };

  const addressIndex = ctx.fieldCipher.blindIndex(`survey-address:${input.ip}`);
  const phone = s.requirePhone ? String((form.values as Record<string, unknown>).phone) : null;
  const phoneRefused = (): AnswerResult => ({
    ...fail('phone_used', ANSWER_MESSAGES.phoneUsed, { phone: ANSWER_MESSAGES.phoneUsed }), values: keepTyped(questions, form.strings, input.body), errors: { phone: ANSWER_MESSAGES.phoneUsed },
  });
  const store = (): Promise<AnswerResult> => withTx(ctx.db, async (tx): Promise<AnswerResult> => {
    // Read again inside the transaction (ended meanwhile?) without locking the survey row: answers
    // from different addresses do not wait for each other.
    const locked = (await repo.findSurvey(tx, s.id)) as SurveyRow;
    const late = answerRefusal(locked, today);
    if (late) return fail('unavailable', late);
    await repo.lockAddress(tx, s.id, addressIndex);
    const recent = await repo.countFromAddressSince(tx, s.id, addressIndex, new Date(ctx.now().getTime() - HOUR));
    if (recent >= locked.perAddressHourly) {
      return { ...fail('rate_limited', ANSWER_MESSAGES.rateLimited(locked.perAddressHourly)), values: keepTyped(questions, form.strings, input.body) };
    }
    let phoneIndex: string | null = null;
    if (phone) {
      phoneIndex = ctx.fieldCipher.blindIndex(phone);
      if (await repo.phoneUsed(tx, s.id, phoneIndex)) return phoneRefused();
    }
    const responseId = await repo.insertResponse(tx, {
      surveyId: s.id, answers: storedAnswers(questions, form.values as Record<string, unknown>), addressIndex,
      phoneIndex, phoneEnc: phone ? ctx.fieldCipher.encrypt(phone) : null, createdAt: ctx.now(),
    });
    // The public acts without an account; no answer content and no phone number in the log.
    await writeAudit(tx, { id: null, name: '公众', ip: input.ip }, { action: 'survey.answer', entityType: 'survey', entityId: s.id, summary: { answerId: responseId, phoneCheck: phone ? '已核对' : undefined } });
    return { ok: true, responseId };
  });
  try {
    return await store();
  } catch (e) {
    // The same number sent at once from two addresses: the unique index decides.
    if (isUniqueViolation(e, 'survey_responses_phone_uq')) return phoneRefused();
    throw e;
  }
}
