// 答问口径 (staff only) and the texts published after an event: the release (新闻稿) and the
// transcript (发布实录). Publishing shows the text on /xwfb/<id> at once and, in the same transaction,
// hands it to the catalogue through its own use cases (createRecord, then submitRecord: the
// catalogue's review with its privacy scan), so 主动公开 search finds it once that review has
// published it. 撤回 takes the text off /xwfb/ and withdraws its catalogue record likewise.
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { fail, type Fail, type Result } from '../../../platform/errors.ts';
import { toBeijingDate } from '../../../platform/time/index.ts';
import { can } from '../../auth/policy.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { createRecord } from '../../catalog/use-cases/createRecord.ts';
import { submitRecord, withdrawRecord } from '../../catalog/workflow/use-cases.ts';
import { decidePublish, decideWithdraw } from '../domain.ts';
import { DOC_KINDS, EVENT_TYPES, LIMITS, labelOf, type DocKind } from '../model.ts';
import * as repo from '../repo.ts';
import { onEvent, type Refusal } from './events.ts';

export async function addAnswer(ctx: AppContext, caller: Caller, id: number, v: { question: string; answer: string }): Promise<Result<{ answerId: number }, Refusal>> {
  return onEvent(ctx, caller, id, 'press.apply', async (tx, ev) => {
    if (ev.status === 'refused') return fail('conflict', '该活动未获批准，不能再添加答问口径。');
    if (ev.status === 'cancelled') return fail('conflict', '该活动已取消，不能再添加答问口径。');
    const answerId = await repo.insertAnswer(tx, { eventId: id, question: v.question, answer: v.answer, createdBy: caller.user.id });
    await writeAudit(tx, auditActor(caller), { action: 'press.answer.add', entityType: 'press_event', entityId: id, summary: { answerId } });
    return { ok: true as const, answerId };
  });
}

export async function removeAnswer(ctx: AppContext, caller: Caller, id: number, answerId: number): Promise<Result<object, Refusal>> {
  return onEvent(ctx, caller, id, 'press.apply', async (tx) => {
    if (!(await repo.deleteAnswer(tx, id, answerId))) return fail('not_found', '该答问口径不存在或已被删除。');
    await writeAudit(tx, auditActor(caller), { action: 'press.answer.delete', entityType: 'press_event', entityId: id, summary: { answerId } });
    return { ok: true as const };
  });
}

/** A refusal after writes: thrown to roll the whole transaction back, then returned as the result. */
class Rollback extends Error { constructor(readonly result: Fail<Refusal>) { super(result.message); } }
const unwrap = (e: unknown): Fail<Refusal> => { if (e instanceof Rollback) return e.result; throw e; };

const textOf = (ev: repo.EventRow, kind: DocKind) => (kind === 'release'
  ? { text: ev.releaseText, publishedAt: ev.releasePublishedAt, recordId: ev.releaseRecordId }
  : { text: ev.transcriptText, publishedAt: ev.transcriptPublishedAt, recordId: ev.transcriptRecordId });

/**
 * Publishes the release or the transcript on /xwfb/ and, in the same transaction, makes it a
 * catalogue record of the event's organisation through the catalogue's own use cases (createRecord,
 * then submitRecord: its review with the privacy scan). Either both happen, linked, or neither: a
 * refusal by the catalogue rolls the publication back and is shown to the caller. Publishing needs
 * the caller's catalog.draft on the organisation (the text is government information disclosed).
 */
export async function publishText(ctx: AppContext, caller: Caller, id: number, kind: DocKind, text: string): Promise<Result<{ recordId: number; indexNo: string }, Refusal>> {
  const body = text.replace(/\r\n?/g, '\n').trim();
  const r = await onEvent(ctx, caller, id, 'press.apply', async (tx, row, now) => {
    const d = decidePublish({ ...row, publishedAt: textOf(row, kind).publishedAt }, kind, body);
    if (!d.ok) return fail('conflict', d.message, d.fields);
    if (!can(caller.user, 'catalog.draft', { orgId: row.orgId })) {
      return fail('not_allowed', '公开的文稿须同时转入主动公开目录，应由本单位具有主动公开起草权限的承办人办理。');
    }
    const ev = (await repo.findEvent(tx, id))!;
    const docLabel = kind === 'release' ? '新闻稿' : '实录';
    const created = await createRecord(ctx, caller, {
      orgId: ev.orgId,
      form: {
        title: `${ev.title}${docLabel}`.slice(0, 200),
        generatedOn: toBeijingDate(ev.heldAt ?? now),
        category: 'gzxx',
        keywords: `新闻发布 ${labelOf(EVENT_TYPES, ev.type)} ${labelOf(DOC_KINDS, kind)}`,
        description: `${ev.orgName}${labelOf(EVENT_TYPES, ev.type)}“${ev.title}”的${labelOf(DOC_KINDS, kind)}。`.slice(0, 2000),
        body,
      },
    }, { tx });
    if (!created.ok) {
      throw new Rollback(fail('catalog', `转入主动公开目录未成功，${labelOf(DOC_KINDS, kind)}未公开：${created.message}`, created.errors?.body ? { text: created.errors.body } : undefined));
    }
    const sub = await submitRecord(ctx, caller, created.id, `新闻发布活动“${ev.title}”的${labelOf(DOC_KINDS, kind)}，已在新闻发布栏目公开。`, { tx });
    if (!sub.ok) throw new Rollback(fail('catalog', `提交主动公开目录审核未成功，${labelOf(DOC_KINDS, kind)}未公开：${sub.message}`));
    await repo.updateEvent(tx, id, kind === 'release'
      ? { releaseText: body, releasePublishedAt: now, releaseRecordId: created.id, releaseWithdrawnAt: null, releaseWithdrawReason: null }
      : { transcriptText: body, transcriptPublishedAt: now, transcriptRecordId: created.id, transcriptWithdrawnAt: null, transcriptWithdrawReason: null });
    await writeAudit(tx, auditActor(caller), {
      action: 'press.text.publish', entityType: 'press_event', entityId: id,
      summary: { doc: kind, chars: body.length, catalogRecordId: created.id, indexNo: created.indexNo, again: textOf(row, kind).recordId !== null },
    });
    return { ok: true as const, recordId: created.id, indexNo: created.indexNo };
  }).catch(unwrap);
  if (r.ok) publicPagesChanged();
  return r;
}

/**
 * 撤回 of a published text (reason required): off /xwfb/, and its catalogue record withdrawn through
 * the catalogue's withdrawRecord (政务公开办 only, as the catalogue rules) in the same transaction.
 */
export async function withdrawText(ctx: AppContext, caller: Caller, id: number, kind: DocKind, reasonRaw: string): Promise<Result<{ recordWithdrawn: boolean }, Refusal>> {
  const reason = reasonRaw.trim();
  const r = await onEvent(ctx, caller, id, 'press.manage', async (tx, row, now) => {
    const t = textOf(row, kind);
    const [record] = t.recordId !== null ? await repo.linkedRecords(tx, [t.recordId]) : [];
    const d = decideWithdraw(t, record ?? null, kind, reason, LIMITS.reason);
    if (!d.ok) return fail(d.fields ? 'invalid' : 'conflict', d.message, d.fields);
    if (d.withdrawRecord) {
      const w = await withdrawRecord(ctx, caller, t.recordId!, reason, { tx });
      if (!w.ok) throw new Rollback(fail(w.reason, w.message, w.fields));
    }
    await repo.updateEvent(tx, id, kind === 'release'
      ? { releasePublishedAt: null, releaseWithdrawnAt: now, releaseWithdrawReason: reason }
      : { transcriptPublishedAt: null, transcriptWithdrawnAt: now, transcriptWithdrawReason: reason });
    await writeAudit(tx, auditActor(caller), {
      action: 'press.text.withdraw', entityType: 'press_event', entityId: id,
      summary: { doc: kind, reason, catalogRecordId: t.recordId, recordWithdrawn: d.withdrawRecord },
    });
    return { ok: true as const, recordWithdrawn: d.withdrawRecord };
  }).catch(unwrap);
  if (r.ok) publicPagesChanged();
  return r;
}
