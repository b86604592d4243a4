// 研判 (opinion.monitor): confirm a candidate with its grade and category (the clocks start:
// computeDeadlines), regrade later (planRegrade: a downgrade never buys time), dismiss with a
// reason, escalate upward. A grade or category that differs from the pipeline's suggestion is kept
// as a correction. Each step: one transaction, the version moved on, an event and an audit row; a
// 重大 / 特别重大 grade is reported upward at once (triage-notify.ts).
import type { AppContext } from '../../../app-context.ts';
import { invalid } from '../../../platform/errors.ts';
import { computeDeadlines, planRegrade, type Deadline } from '../clock-rules.ts';
import { CATEGORIES, GRADES, isMajorGrade, labelOf, type Category, type DeadlineKind, type Grade, type Origin } from '../model.ts';
import { recordEvent } from '../events.ts';
import * as repo from '../incidents.repo.ts';
import { auditIncident, onIncident, type Caller } from './triage-shared.ts';
import { reportUpward } from './triage-notify.ts';
import { auditActor } from '../../auth/caller.ts';
import { eventActor } from '../events.ts';
import { findCatalogRecord } from '../responses.repo.ts';

export interface GradeInput {
  version: number;
  grade: Grade;
  /** null: none of the five categories. */
  category: Category | null;
  /** 上级要求回应: the deadline the higher government set (optional). */
  higherDeadline?: Date | null;
  /** Why the monitor differs from the suggestion (kept with the correction). */
  reason?: string | null;
}

const catOf = (c: string | null): string | null => (c && Object.hasOwn(CATEGORIES, c) ? c : null);

/** Corrections of the pipeline's suggestion: one row per field the monitor set differently (and newly). */
function corrections(i: repo.IncidentRow, v: GradeInput, actorId: number | null) {
  const rows: { incidentId: number; field: string; suggested: string | null; chosen: string | null; reason: string | null; actorId: number | null }[] = [];
  if (i.suggestedGrade && v.grade !== i.suggestedGrade && v.grade !== i.grade) {
    rows.push({ incidentId: i.id, field: 'grade', suggested: i.suggestedGrade, chosen: v.grade, reason: v.reason || null, actorId });
  }
  const chosen = v.category ?? null;
  const suggested = catOf(i.suggestedCategory);
  if (chosen !== suggested && chosen !== (i.grade ? catOf(i.category) : suggested)) {
    rows.push({ incidentId: i.id, field: 'category', suggested, chosen, reason: v.reason || null, actorId });
  }
  return rows;
}

function clockOf(i: repo.IncidentRow, v: GradeInput, start: Date): { ok: true; deadlines: Deadline[]; origin: Origin; higher: Date | null } | { ok: false; message: string } {
  const higher = v.higherDeadline ?? i.higherDeadline ?? null;
  const origin: Origin = i.origin === 'higher_task' || higher ? 'higher_task' : (i.origin as Origin);
  const r = computeDeadlines({ grade: v.grade, start, origin, higherDeadline: higher });
  return r.ok ? { ...r, origin, higher } : r;
}

const dl = (ds: readonly Deadline[]) => ds.map((d) => ({ kind: d.kind, dueAt: d.dueAt.toISOString() }));

export async function confirmIncident(ctx: AppContext, caller: Caller, id: number, v: GradeInput) {
  return onIncident(ctx, caller, id, 'confirm', v.version, async (tx, i, now) => {
    if (v.higherDeadline && v.higherDeadline.getTime() <= now.getTime()) return invalid({ higherDeadline: '上级要求的回应时限应晚于当前时间' });
    const clock = clockOf(i, v, now);
    if (!clock.ok) return invalid({ higherDeadline: clock.message });
    await repo.insertCorrections(tx, corrections(i, v, caller.user.id));
    const version = await repo.updateIncident(tx, i.id, {
      status: 'confirmed', grade: v.grade, category: v.category, confirmedAt: now, confirmedBy: caller.user.id, higherDeadline: clock.higher,
    }, now);
    await repo.upsertDeadlines(tx, i.id, clock.deadlines);
    await recordEvent(tx, i.id, 'confirmed', {
      grade: v.grade, category: v.category, suggestedGrade: i.suggestedGrade, suggestedCategory: i.suggestedCategory, deadlines: dl(clock.deadlines), reason: v.reason || null,
    }, eventActor(caller), now);
    await auditIncident(tx, auditActor(caller), 'opinion.incident.confirm', i, {
      grade: GRADES[v.grade], category: labelOf(CATEGORIES, v.category) || '未归入五类', deadlines: clock.deadlines.length,
    });
    if (isMajorGrade(v.grade)) await reportUpward(tx, ctx, { ...i, grade: v.grade, category: v.category }, 'major', eventActor(caller), { deadlines: clock.deadlines, seq: version });
    return { ok: true as const, deadlines: clock.deadlines };
  });
}

export async function regradeIncident(ctx: AppContext, caller: Caller, id: number, v: GradeInput) {
  return onIncident(ctx, caller, id, 'regrade', v.version, async (tx, i, now) => {
    if (v.grade === i.grade && (v.category ?? null) === catOf(i.category) && !v.higherDeadline) {
      return invalid({ rgGrade: '舆情级别和类别均未改变；如无需调整，请不要提交' });
    }
    const clock = clockOf(i, v, now);
    if (!clock.ok) return invalid({ rgGrade: clock.message });
    const existing = (await repo.incidentDeadlines(tx, i.id)).map((d) => ({ kind: d.kind as DeadlineKind, dueAt: d.dueAt, metAt: d.metAt, breachedAt: d.breachedAt }));
    // Deadlines the incident has already met (a response) stay met; only the still owed ones are planned.
    const plan = planRegrade(existing, clock.deadlines);
    await repo.insertCorrections(tx, corrections(i, v, caller.user.id));
    const version = await repo.updateIncident(tx, i.id, { grade: v.grade, category: v.category, higherDeadline: clock.higher }, now);
    await repo.upsertDeadlines(tx, i.id, plan.upsert);
    await repo.deleteOpenDeadlines(tx, i.id, plan.remove);
    await recordEvent(tx, i.id, 'regraded', {
      from: { grade: i.grade, category: i.category }, to: { grade: v.grade, category: v.category }, moved: dl(plan.upsert), removed: plan.remove, reason: v.reason || null,
    }, eventActor(caller), now);
    await auditIncident(tx, auditActor(caller), 'opinion.incident.regrade', i, {
      grade: `${labelOf(GRADES, i.grade)}→${GRADES[v.grade]}`, category: `${labelOf(CATEGORIES, i.category) || '无'}→${labelOf(CATEGORIES, v.category) || '无'}`,
    });
    if (isMajorGrade(v.grade) && !isMajorGrade(i.grade as Grade)) {
      await reportUpward(tx, ctx, { ...i, grade: v.grade, category: v.category }, 'major', eventActor(caller), { deadlines: plan.upsert, seq: version });
    }
    return { ok: true as const, plan };
  });
}

export async function dismissIncident(ctx: AppContext, caller: Caller, id: number, v: { version: number; reason: string }) {
  return onIncident(ctx, caller, id, 'dismiss', v.version, async (tx, i, now) => {
    if (!v.reason.trim()) return invalid({ dismissReason: '请填写排除理由' });
    await repo.updateIncident(tx, i.id, { status: 'dismissed', dismissReason: v.reason, closedAt: now }, now);
    await recordEvent(tx, i.id, 'dismissed', { reason: v.reason, from: i.status }, eventActor(caller), now);
    await auditIncident(tx, auditActor(caller), 'opinion.incident.dismiss', i, { reason: v.reason });
    return { ok: true as const };
  });
}

/**
 * Links the catalogue record an incident is about (重大政策误解误读: the respond page then proposes its
 * 政策解读 or a press release), by 索引号 or record number; an empty reference removes the link.
 */
export async function linkRecord(ctx: AppContext, caller: Caller, id: number, v: { version: number; ref: string }) {
  return onIncident(ctx, caller, id, 'link', v.version, async (tx, i, now) => {
    const ref = v.ref.trim();
    const record = ref ? await findCatalogRecord(tx, /^\d{1,9}$/.test(ref) ? Number(ref) : ref) : undefined;
    if (ref && !record) return invalid({ linkRecord: '没有找到该索引号或编号的政策文件，请核对后重新填写' });
    if ((record?.id ?? null) === i.recordId) return { ok: true as const };
    await repo.updateIncident(tx, i.id, { recordId: record?.id ?? null }, now);
    await recordEvent(tx, i.id, 'record_linked', record ? { recordId: record.id, indexNo: record.indexNo, title: record.title } : { removed: i.recordId }, eventActor(caller), now);
    await auditIncident(tx, auditActor(caller), 'opinion.incident.link', i, { record: record ? `${record.indexNo} ${record.title}` : '（取消关联）' });
    return { ok: true as const };
  });
}

export async function escalateIncident(ctx: AppContext, caller: Caller, id: number, v: { version: number; note: string }) {
  return onIncident(ctx, caller, id, 'escalate', v.version, async (tx, i, now) => {
    if (!v.note.trim()) return invalid({ escalateNote: '请填写上报说明' });
    const version = await repo.updateIncident(tx, i.id, {}, now);
    await recordEvent(tx, i.id, 'escalated', { note: v.note }, eventActor(caller), now);
    const { recipients } = await reportUpward(tx, ctx, i, 'escalated', eventActor(caller), { note: v.note, seq: version });
    await auditIncident(tx, auditActor(caller), 'opinion.incident.escalate', i, { note: v.note, recipients });
    return { ok: true as const, recipients };
  });
}
