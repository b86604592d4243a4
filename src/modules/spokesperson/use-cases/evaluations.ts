// 新闻发言人绩效评估 (seed 001 (一)四): the press office opens a year's evaluation of a filed
// spokesperson, records each failing (kind, date, description), then decides the result; with
// failings it issues the 通报批评 and orders 整改, which the organisation closes with what it did.
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { FAILINGS, RESULTS, evaluationOutcome, type EvalResult, type Failing } from '../domain.ts';
import * as repo from '../repo.ts';
import { auditActor, denied, NOT_FOUND, todayOf, type Caller, type Refusal } from './shared.ts';

const DECIDED = fail('conflict' as const, '评估结果已确定，不能再修改问题记录。');

export async function startEvaluation(ctx: AppContext, c: Caller, personId: number, year: number): Promise<Result<{ evaluationId: number }, Refusal>> {
  const thisYear = Number(todayOf(ctx).slice(0, 4));
  if (year < thisYear - 2 || year > thisYear) return invalid({ year: `评估年度应为 ${thisYear - 2}—${thisYear} 年` });
  return withTx(ctx.db, async (tx) => {
    const p = await repo.findPerson(tx, personId);
    if (!p || p.role !== 'spokesperson') return invalid({ personId: '请选择已备案的新闻发言人' });
    const no = denied(c, 'spokesperson.file', p.orgId);
    if (no) return no;
    const id = await repo.insertEvaluation(tx, { personId, orgId: p.orgId, year });
    if (id === null) return invalid({ personId: `${p.name} 的 ${year} 年度评估已存在` });
    await writeAudit(tx, auditActor(c), { action: 'spokesperson.evaluation.create', entityType: 'spokes_evaluation', entityId: id, summary: { personName: p.name, year } });
    return { ok: true as const, evaluationId: id };
  });
}

async function undecided(tx: Parameters<Parameters<typeof withTx>[1]>[0], c: Caller, id: number) {
  const e = await repo.findEvaluation(tx, id, true);
  if (!e) return NOT_FOUND('评估');
  const no = denied(c, 'spokesperson.file', e.orgId);
  if (no) return no;
  if (e.result) return DECIDED;
  return e;
}

export async function addFailing(ctx: AppContext, c: Caller, evaluationId: number, v: { kind: Failing; occurredOn: string; description: string }): Promise<Result<{ failingId: number }, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const e = await undecided(tx, c, evaluationId);
    if ('ok' in e) return e;
    if (v.occurredOn.slice(0, 4) !== String(e.year)) return invalid({ occurredOn: `发生日期应在 ${e.year} 年内` });
    if (v.occurredOn > todayOf(ctx)) return invalid({ occurredOn: '发生日期不能晚于今天' });
    const failingId = await repo.insertFailing(tx, { evaluationId, ...v });
    await writeAudit(tx, auditActor(c), {
      action: 'spokesperson.evaluation.failing', entityType: 'spokes_evaluation', entityId: evaluationId,
      summary: { personName: e.personName, year: e.year, failing: FAILINGS[v.kind], occurredOn: v.occurredOn },
    });
    return { ok: true as const, failingId };
  });
}

export async function removeFailing(ctx: AppContext, c: Caller, evaluationId: number, failingId: number): Promise<Result<object, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const e = await undecided(tx, c, evaluationId);
    if ('ok' in e) return e;
    const gone = await repo.deleteFailing(tx, evaluationId, failingId);
    if (!gone) return NOT_FOUND('问题记录');
    await writeAudit(tx, auditActor(c), {
      action: 'spokesperson.evaluation.failing_remove', entityType: 'spokes_evaluation', entityId: evaluationId,
      summary: { personName: e.personName, year: e.year, failing: FAILINGS[gone.kind as Failing] ?? gone.kind, occurredOn: gone.occurredOn },
    });
    return { ok: true as const };
  });
}

export interface Decision { result: EvalResult; rectifyRequired: string; rectifyDueOn: string }

/** Fixes the result; with failings, the 通报 text is written from them and the 整改 is ordered. */
export async function decideEvaluation(ctx: AppContext, c: Caller, evaluationId: number, d: Decision): Promise<Result<object, Refusal>> {
  const today = todayOf(ctx);
  return withTx(ctx.db, async (tx) => {
    const e = await undecided(tx, c, evaluationId);
    if ('ok' in e) return e;
    const failings = await repo.failingsOf(tx, evaluationId);
    const out = evaluationOutcome(failings.map((f) => f.kind as Failing));
    if (failings.length && out.rectify) {
      const errors: Record<string, string> = {};
      if (!d.rectifyRequired) errors.rectifyRequired = '有问题记录时须写明整改要求';
      if (!d.rectifyDueOn) errors.rectifyDueOn = '请填写整改期限';
      else if (d.rectifyDueOn < today) errors.rectifyDueOn = '整改期限不能早于今天';
      if (Object.keys(errors).length) return invalid(errors);
    }
    if (failings.length && d.result === 'competent') return invalid({ result: '有问题记录的，评估结果不能为称职' });
    const noticeText = out.notice
      ? `${e.orgName}新闻发言人${e.personName}在${e.year}年度履职中存在以下问题：${failings.map((f) => `${f.occurredOn}，${FAILINGS[f.kind as Failing] ?? f.kind}（${f.description}）`).join('；')}。现予以通报批评，并责令立即整改。`
      : null;
    await repo.updateEvaluation(tx, evaluationId, {
      result: d.result, decidedOn: today, noticeText, accountability: out.accountability,
      rectifyRequired: out.rectify ? d.rectifyRequired : null, rectifyDueOn: out.rectify ? d.rectifyDueOn : null,
    });
    await writeAudit(tx, auditActor(c), {
      action: 'spokesperson.evaluation.decide', entityType: 'spokes_evaluation', entityId: evaluationId,
      summary: {
        personName: e.personName, year: e.year, result: RESULTS[d.result], suggested: RESULTS[out.result], failings: failings.length,
        ...(out.rectify ? { rectifyDueOn: d.rectifyDueOn } : {}), ...(out.accountability ? { accountability: '建议追究责任' } : {}),
      },
    });
    return { ok: true as const };
  });
}

/** The organisation closes its 整改 with what it did. */
export async function closeRectification(ctx: AppContext, c: Caller, evaluationId: number, measures: string): Promise<Result<object, Refusal>> {
  if (!measures.trim()) return invalid({ measures: '请填写整改措施和结果' });
  const today = todayOf(ctx);
  return withTx(ctx.db, async (tx) => {
    const e = await repo.findEvaluation(tx, evaluationId, true);
    if (!e) return NOT_FOUND('评估');
    const no = denied(c, 'spokesperson.edit', e.orgId);
    if (no) return no;
    if (!e.rectifyRequired) return fail('conflict' as const, '该评估没有整改要求。');
    if (e.rectifiedOn) return fail('conflict' as const, '整改已办结。');
    await repo.updateEvaluation(tx, evaluationId, { rectifyMeasures: measures, rectifiedOn: today });
    await writeAudit(tx, auditActor(c), {
      action: 'spokesperson.evaluation.rectify', entityType: 'spokes_evaluation', entityId: evaluationId,
      summary: { personName: e.personName, year: e.year, rectifiedOn: today, late: e.rectifyDueOn && today > e.rectifyDueOn ? '是' : '否' },
    });
    return { ok: true as const };
  });
}
