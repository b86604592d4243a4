// Moderation and answers (/admin/hdjl/submissions/:id/…): one pair of routes for comments and
// questions; back to the subject's admin page with a notice, or with the problem beside the item.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { IdParams, readStrings } from '../../platform/forms/index.ts';
import { maskEmail, maskName, maskPhone } from '../../platform/crypto/index.ts';
import * as repo from './submissions.repo.ts';
import { AnswerForm, ModerateForm } from './forms.ts';
import { contactKind, type SubjectKind } from './submissions.ts';
import { answerQuestion, moderateSubmission } from './use-cases/moderate.ts';
import { ADMIN_HREF } from './use-cases/subjects.ts';
import { SUBMISSIONS_HREF, type StaffSubmission } from './views/moderation.tsx';

const Params = IdParams('id', '该条留言不存在或已被删除。');

/** A subject's submissions for staff, names and contacts decrypted and masked. */
export async function staffSubmissions(ctx: AppContext, kind: SubjectKind, subjectId: number): Promise<StaffSubmission[]> {
  const dec = (v: string | null) => (v ? ctx.fieldCipher.decrypt(v) : '');
  return (await repo.listForStaff(ctx.db, kind, subjectId)).map((s) => {
    const contact = dec(s.contactEnc);
    return {
      id: s.id, status: s.status, text: s.text, at: s.createdAt, rejectReason: s.rejectReason, answer: s.answer,
      nameMasked: s.nameEnc ? maskName(dec(s.nameEnc)) : '',
      contactMasked: contact ? (contactKind(contact) === 'email' ? maskEmail(contact) : maskPhone(contact)) : '',
    };
  });
}

export function registerModeration(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const caller = (req: FastifyRequest) => ({ user: req.user!, ip: req.ip });

  async function backOf(id: number): Promise<string> {
    const s = await repo.findSubmission(ctx.db, id);
    if (!s) throw new AppError('not_found', '该条留言不存在或已被删除。');
    return ADMIN_HREF[s.subjectKind as SubjectKind](s.subjectId);
  }

  app.post(`${SUBMISSIONS_HREF}/:id/moderate`, { config: { policy: 'interaction.moderate' }, schema: { params: Params } }, async (req, reply) => {
    const id = req.params.id;
    const f = readStrings(ModerateForm, req.body);
    const back = await backOf(id);
    if (f.decision !== 'approve' && f.decision !== 'reject') throw new AppError('validation_failed', '请选择“通过”或“不予展示”。');
    const r = await moderateSubmission(ctx, caller(req), id, f.decision, f.reason);
    if (r.ok) return reply.redirect(`${back}?done=${f.decision === 'approve' ? 'approved' : 'rejected'}#s-${id}`, 303);
    if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
    if (r.reason === 'not_found') throw new AppError('not_found', r.message);
    return reply.redirect(`${back}?err=${r.reason === 'invalid' ? 'reason' : 'conflict'}&item=${id}#s-${id}`, 303);
  });

  app.post(`${SUBMISSIONS_HREF}/:id/answer`, { config: { policy: 'interaction.manage' }, schema: { params: Params } }, async (req, reply) => {
    const id = req.params.id;
    const { answer } = readStrings(AnswerForm, req.body);
    const back = await backOf(id);
    const r = await answerQuestion(ctx, caller(req), id, answer);
    if (r.ok) return reply.redirect(`${back}?done=answered#s-${id}`, 303);
    if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
    if (r.reason === 'not_found') throw new AppError('not_found', r.message);
    throw new AppError(r.reason === 'invalid' ? 'validation_failed' : 'conflict', r.message, r.fields);
  });
}
