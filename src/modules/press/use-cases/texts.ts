// 答问口径 (staff only) and the texts published after an event: the release (新闻稿) and the
// transcript (发布实录). Publishing shows the text on /xwfb/<id> at once and hands it to the
// catalogue through its own use cases (createRecord, then submitRecord: the catalogue's review with
// its privacy scan), so 主动公开 search finds it once that review has published it.
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { fail, type Result } from '../../../platform/errors.ts';
import { toBeijingDate } from '../../../platform/time/index.ts';
import { can } from '../../auth/policy.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { createRecord } from '../../catalog/use-cases/createRecord.ts';
import { submitRecord } from '../../catalog/workflow/use-cases.ts';
import { withTx } from '../../../platform/db/index.ts';
import { decidePublish } from '../domain.ts';
import { DOC_KINDS, EVENT_TYPES, labelOf, type DocKind } from '../model.ts';
import { NOT_FOUND } from '../forms.ts';
import * as repo from '../repo.ts';
import { onEvent, type Refusal } from './events.ts';

export async function addAnswer(ctx: AppContext, caller: Caller, id: number, v: { question: string; answer: string }): Promise<Result<{ answerId: number }, Refusal>> {
  return onEvent(ctx, caller, id, 'press.apply', async (tx, ev) => {
    if (ev.status === 'refused') return fail('conflict', '该活动未获批准，不能再添加答问口径。');
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

export type PublishOutcome = { catalog: 'submitted' | 'not_allowed' | 'failed'; catalogMessage?: string };

/** Publishes the release or the transcript on /xwfb/, then hands it to the catalogue. */
export async function publishText(ctx: AppContext, caller: Caller, id: number, kind: DocKind, text: string): Promise<Result<PublishOutcome, Refusal>> {
  const body = text.replace(/\r\n?/g, '\n').trim();
  const r = await onEvent(ctx, caller, id, 'press.apply', async (tx, ev, now) => {
    const d = decidePublish(ev, kind, body);
    if (!d.ok) return fail('conflict', d.message, d.fields);
    const already = kind === 'release' ? ev.releasePublishedAt : ev.transcriptPublishedAt;
    await repo.updateEvent(tx, id, kind === 'release' ? { releaseText: body, releasePublishedAt: now } : { transcriptText: body, transcriptPublishedAt: now });
    await writeAudit(tx, auditActor(caller), {
      action: already ? 'press.text.republish' : 'press.text.publish', entityType: 'press_event', entityId: id, summary: { doc: kind, chars: body.length },
    });
    return { ok: true as const };
  });
  if (!r.ok) return r;
  publicPagesChanged();
  return { ok: true, ...(await transferToCatalog(ctx, caller, id, kind)) };
}

/**
 * Makes the published text a catalogue record of the event's organisation (once per text) and
 * submits it to the catalogue's review. Needs the caller's catalog.draft on the organisation; else
 * (or when the catalogue refuses) the event page offers it again.
 */
export async function transferToCatalog(ctx: AppContext, caller: Caller, id: number, kind: DocKind): Promise<PublishOutcome> {
  const ev = await repo.findEvent(ctx.db, id);
  if (!ev) return { catalog: 'failed', catalogMessage: NOT_FOUND };
  const text = kind === 'release' ? ev.releaseText : ev.transcriptText;
  const publishedAt = kind === 'release' ? ev.releasePublishedAt : ev.transcriptPublishedAt;
  if (!text || !publishedAt) return { catalog: 'failed', catalogMessage: '该文稿尚未公开。' };
  if ((kind === 'release' ? ev.releaseRecordId : ev.transcriptRecordId) !== null) return { catalog: 'submitted' };
  if (!can(caller.user, 'catalog.draft', { orgId: ev.orgId })) {
    return { catalog: 'not_allowed', catalogMessage: '转入主动公开目录须由本单位具有起草权限的承办人办理。' };
  }
  const docLabel = kind === 'release' ? '新闻稿' : '实录';
  const created = await createRecord(ctx, caller, {
    orgId: ev.orgId,
    form: {
      title: `${ev.title}${docLabel}`.slice(0, 200),
      generatedOn: toBeijingDate(ev.heldAt ?? publishedAt),
      category: 'gzxx',
      keywords: `新闻发布 ${labelOf(EVENT_TYPES, ev.type)} ${labelOf(DOC_KINDS, kind)}`,
      description: `${ev.orgName}${labelOf(EVENT_TYPES, ev.type)}“${ev.title}”的${labelOf(DOC_KINDS, kind)}。`.slice(0, 2000),
      body: text,
    },
  });
  if (!created.ok) return { catalog: 'failed', catalogMessage: created.message };
  await withTx(ctx.db, async (tx) => {
    const cur = await repo.lockEvent(tx, id);
    if (!cur) return;
    await repo.updateEvent(tx, id, kind === 'release' ? { releaseRecordId: created.id } : { transcriptRecordId: created.id });
    await writeAudit(tx, auditActor(caller), { action: 'press.text.catalog', entityType: 'press_event', entityId: id, summary: { doc: kind, catalogRecordId: created.id, indexNo: created.indexNo } });
  });
  const sub = await submitRecord(ctx, caller, created.id, `新闻发布活动“${ev.title}”的${labelOf(DOC_KINDS, kind)}，已在新闻发布栏目公开。`);
  if (!sub.ok) return { catalog: 'failed', catalogMessage: `已建立主动公开信息（${created.indexNo}），但提交审核未成功：${sub.message}` };
  return { catalog: 'submitted' };
}
