// Publishing a record whose review happened elsewhere (an old website's approved records, the demo
// county's content): the whole chain is recorded as done by the caller with a note saying why, the
// privacy scan still runs, and a finding keeps the record a draft for the real chain.
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { beijingMidnight } from '../../../platform/time/index.ts';
import { recordCompleted } from '../../review/use-cases.ts';
import * as wrepo from '../repo.workflow.ts';
import { reindexRecord } from '../search.ts';
import { todayOf, type Caller } from '../use-cases/shared.ts';
import { findingKindLabel, publicText, recordKindOf } from './domain.ts';
import { SUBJECT } from './use-cases.ts';
import { rescan } from './scan.ts';
import { NeedsPublicPlan, planPublicAttachments, storePublicAttachments, withPublicPlan } from './publicAttachments.ts';

export type PublishReviewedResult =
  | { ok: true }
  | { ok: false; held: { kind: string; excerpt: string }[]; message: string }
  | { ok: false; held?: undefined; message: string };

export async function publishReviewed(ctx: AppContext, caller: Caller, id: number,
  opts: { publishedOn?: string; note: string; auditAction: string; summary?: Record<string, unknown> }): Promise<PublishReviewedResult> {
  const now = ctx.now();
  // A given date is the publication date (its Beijing midnight), never later than now.
  const at = opts.publishedOn ? beijingMidnight(opts.publishedOn) : now;
  const { today } = todayOf(ctx);
  // Nothing is masked on this path: the attachments' public versions (made in the parse sandbox,
  // before the transaction) only drop the people named in Word files' properties.
  const first = await planPublicAttachments(ctx.db, id, [], today);
  if (!first.ok) return { ok: false, message: first.message };
  return withPublicPlan(ctx.db, id, today, first.plan, (plan) => withTx(ctx.db, async (tx): Promise<PublishReviewedResult> => {
    const rec = await wrepo.lockWorkflow(tx, id);
    if (!rec) return { ok: false, message: '信息不存在。' };
    const scan = await rescan(tx, rec, today, now);
    if (scan.unresolved > 0) {
      const held = (await wrepo.listFindings(tx, id)).filter((f) => !f.resolution).map((f) => ({ kind: findingKindLabel(f.kind), excerpt: f.excerpt }));
      return { ok: false, held, message: '发现疑似个人信息或涉密标识，须按审核流程处理。' };
    }
    const done = await recordCompleted(tx, { subjectType: SUBJECT, subjectId: id, subjectOrgId: rec.orgId, recordKind: recordKindOf(rec) },
      caller.user, { now, note: opts.note });
    if (!done.ok) return { ok: false, message: done.message };
    const instanceId = done.instance.id;
    await wrepo.setInReview(tx, id, instanceId);
    if (!(await storePublicAttachments(tx, id, [], plan))) throw new NeedsPublicPlan([]);
    await wrepo.publish(tx, id, { at: at < now ? at : now, titlePublic: publicText(rec.title, [], 'title'), bodyPublic: publicText(rec.body, [], 'body'), interpretationDueOn: null });
    await writeAudit(tx, { id: null, name: caller.user.username }, {
      action: opts.auditAction, entityType: 'catalog_record', entityId: id, summary: { indexNo: rec.indexNo, instanceId, opinion: opts.note, ...opts.summary },
    });
    await reindexRecord(tx, id);
    return { ok: true as const };
  })).finally(publicPagesChanged);
}
