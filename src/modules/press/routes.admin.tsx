// 新闻发布活动 in the back office: /admin/press (list), /new, /:id (the event page), /:id/edit, and
// the event's actions (submit, review, 口径, hold, cancel, publish texts — each also a catalogue
// record — and withdraw them).
// Routes stay thin: parse through the schema, call the use case, re-render with the typed values on
// a refusal, redirect with a notice on success.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { parseForm, type FormStrings } from '../../platform/forms/index.ts';
import { ownValue } from '../../platform/forms/query.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import { authorize } from '../auth/routes.tsx';
import type { Caller } from '../auth/caller.ts';
import { listOrgs } from '../org/repo.ts';
import * as review from '../review/use-cases.ts';
import { beijingLocalValue } from './domain.ts';
import {
  AdminListQuery, AnswerForm, AnswerParams, CancelForm, DocParams, EventForm, EventParams, ExpertsForm, HoldForm, NOT_FOUND, NoticeQuery, ReviewForm, SubmitForm, WithdrawForm,
  eventProblems, holdProblems, releaseForm,
} from './forms.ts';
import { EDITABLE, EVENT_TYPE_KEYS, STATUS_KEYS, type Status } from './model.ts';
import { expertChoices, expertOptions } from '../spokesperson/experts.ts';
import { interviewOfPressEvent } from '../interaction/interviews.repo.ts';
import * as repo from './repo.ts';
import { cancelEvent, createEvent, holdEvent, reviewEvent, submitEvent, SUBJECT, updateEvent } from './use-cases/events.ts';
import { addAnswer, publishText, removeAnswer, withdrawText } from './use-cases/texts.ts';
import { setEventExperts } from './use-cases/experts.ts';
import { EventFormPage, PRESS_HREF, PressListPage, type AdminFilters } from './views/admin-list.tsx';
import { EventPage } from './views/admin-event.tsx';

const NOTICES: Record<string, string> = {
  created: '申请已保存为草稿，请核对后提交审批。',
  saved: '申请已修改。',
  submitted: '已提交审批。',
  approved: '审批通过，活动已批准。',
  reviewed: '审批意见已提交。',
  held: '已标记为已举行，实际举行时间已记录。',
  held_fast: '已按突发事件先发布后补批标记为已举行，请在 24 小时内完成补批。',
  answer: '答问口径已添加。',
  answer_deleted: '答问口径已删除。',
  experts: '解读专家已保存。',
  published: '已在新闻发布栏目公开，并已转入主动公开目录提交审核。',
  cancelled: '活动已取消。',
  withdrawn: '已撤回，新闻发布栏目不再显示该文稿。',
  withdrawn_record: '已撤回，新闻发布栏目不再显示该文稿，对应的主动公开信息已一并撤回。',
};
const PER = 20;
const pageOf = (v: string | undefined) => (v && /^[1-9]\d{0,3}$/.test(v) ? Number(v) : 1);

function raise(r: Fail): void {
  if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
  if (r.reason === 'not_found') throw new AppError('not_found', r.message);
}

export function registerPressAdmin(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const caller = (req: FastifyRequest): Caller => ({ user: req.user!, ip: req.ip });

  async function orgsFor(user: Principal, action: 'press.read' | 'press.apply') {
    const scope = scopeOf(user, action);
    return (await listOrgs(db)).filter((o) => scope.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
  }

  // --- list ----------------------------------------------------------------------------------------

  app.get(PRESS_HREF, { config: { policy: 'press.read' }, schema: { querystring: AdminListQuery } }, async (req, reply) => {
    const q = req.query;
    const user = req.user!;
    const scope = [...scopeOf(user, 'press.read')];
    const orgs = await orgsFor(user, 'press.read');
    const f: AdminFilters = {
      status: (STATUS_KEYS as string[]).includes(q.status ?? '') ? q.status! : '',
      type: (EVENT_TYPE_KEYS as string[]).includes(q.type ?? '') ? q.type! : '',
      org: orgs.some((o) => String(o.id) === q.org) ? q.org! : '',
      year: /^\d{4}$/.test(q.year ?? '') ? q.year! : '',
      overdue: q.overdue === '1' ? '1' : '',
      returned: q.returned === '1' ? '1' : '',
    };
    const filter: repo.ListFilter = {
      status: f.status || undefined, type: f.type || undefined, orgId: f.org ? Number(f.org) : undefined, year: f.year ? Number(f.year) : undefined, overdue: f.overdue === '1',
      returnedIds: f.returned ? await review.returnedTo(db, user, SUBJECT) : undefined,
    };
    const now = ctx.now();
    const want = pageOf(q.page);
    let { total, rows } = await repo.listEvents(db, scope, filter, now, want, PER);
    const pages = Math.max(1, Math.ceil(total / PER));
    const page = Math.min(want, pages);
    if (page !== want) ({ total, rows } = await repo.listEvents(db, scope, filter, now, page, PER));
    const counts = await repo.deskCounts(db, scope, now);
    return reply.page((vc) => PressListPage({
      vc, filters: f, rows, total, page, pages, orgs, counts, canApply: can(user, 'press.apply'), canManage: can(user, 'press.manage'), notice: ownValue(NOTICES, q.done),
    }));
  });

  // --- application form ----------------------------------------------------------------------------

  async function formPage(req: FastifyRequest, reply: FastifyReply, o: { values: FormStrings; errors?: Record<string, string>; problem?: string; status?: number; editId?: number }) {
    const orgs = await orgsFor(req.user!, 'press.apply');
    return reply.page((vc) => EventFormPage({ vc, orgs, ...o }), o.status ?? 200);
  }

  app.get(`${PRESS_HREF}/new`, { config: { policy: 'press.apply' } }, async (req, reply) => {
    const user = req.user!;
    const own = can(user, 'press.apply', { orgId: user.orgId }) ? String(user.orgId) : '';
    return formPage(req, reply, { values: { orgId: own, plannedAt: beijingLocalValue(new Date(ctx.now().getTime() + 3 * 86400_000)).slice(0, 11) + '09:30' } });
  });

  app.post(`${PRESS_HREF}/new`, { config: { policy: 'press.apply' } }, async (req, reply) => {
    const f = parseForm(EventForm, req.body, { domain: eventProblems });
    if (!f.ok) return formPage(req, reply, { values: f.values, errors: f.errors, status: 422 });
    authorize(req, 'press.apply', { orgId: f.values.orgId });
    const r = await createEvent(ctx, caller(req), f.values);
    if (!r.ok) {
      raise(r);
      return formPage(req, reply, { values: f.strings, errors: r.fields, problem: r.fields ? undefined : r.message, status: r.reason === 'invalid' ? 422 : 409 });
    }
    return reply.redirect(`${PRESS_HREF}/${r.id}?done=created`, 303);
  });

  async function eventFor(req: FastifyRequest, id: number, action: 'press.read' | 'press.apply'): Promise<repo.EventView> {
    const ev = await repo.findEvent(db, id);
    if (!ev) throw new AppError('not_found', NOT_FOUND);
    authorize(req, action, { orgId: ev.orgId });
    return ev;
  }

  app.get(`${PRESS_HREF}/:id/edit`, { config: { policy: 'press.apply' }, schema: { params: EventParams } }, async (req, reply) => {
    const ev = await eventFor(req, req.params.id, 'press.apply');
    const values: FormStrings = {
      orgId: String(ev.orgId), type: ev.type, category: ev.category, title: ev.title, plannedAt: beijingLocalValue(ev.plannedAt), place: ev.place,
      speaker: ev.speaker, speakerKind: ev.speakerKind, guests: ev.guests, govName: ev.govName ? '1' : '', wideScope: ev.wideScope ? '1' : '',
      emergency: ev.emergency ? '1' : '', incidentNo: ev.incidentNo ?? '', purpose: ev.purpose, outline: ev.outline, participants: ev.participants, version: String(ev.version),
    };
    return formPage(req, reply, { values, editId: ev.id });
  });

  app.post(`${PRESS_HREF}/:id/edit`, { config: { policy: 'press.apply' }, schema: { params: EventParams } }, async (req, reply) => {
    const id = req.params.id;
    await eventFor(req, id, 'press.apply');
    const f = parseForm(EventForm, req.body, { domain: eventProblems });
    if (!f.ok) return formPage(req, reply, { values: f.values, errors: f.errors, status: 422, editId: id });
    const r = await updateEvent(ctx, caller(req), id, f.values);
    if (!r.ok) {
      raise(r);
      return formPage(req, reply, { values: f.strings, errors: r.fields, problem: r.fields ? undefined : r.message, status: r.reason === 'invalid' ? 422 : 409, editId: id });
    }
    return reply.redirect(`${PRESS_HREF}/${id}?done=saved`, 303);
  });

  // --- the event page ------------------------------------------------------------------------------

  async function eventPage(req: FastifyRequest, reply: FastifyReply, id: number, o: { form?: string; values?: FormStrings; errors?: Record<string, string>; problem?: string; status?: number; done?: string } = {}) {
    const ev = await eventFor(req, id, 'press.read');
    const user = req.user!;
    const instance = ev.reviewInstanceId ? await review.getInstance(db, ev.reviewInstanceId) : null;
    const [history, answers, records] = await Promise.all([
      instance ? review.history(db, instance.id) : [], repo.listAnswers(db, id),
      repo.linkedRecords(db, [ev.releaseRecordId, ev.transcriptRecordId].filter((x): x is number => x !== null)),
    ]);
    const now = ctx.now();
    const mayApply = can(user, 'press.apply', { orgId: ev.orgId });
    const { active, chosen } = await expertChoices(db, await repo.eventExpertIds(db, id));
    const interview = ev.type === 'interview' ? await interviewOfPressEvent(db, id) ?? null : null;
    return reply.page((vc) => EventPage({
      vc, ev, instance, history, answers, records, now, heldAtDefault: beijingLocalValue(now),
      experts: chosen, expertOptions: mayApply && EDITABLE.includes(ev.status as Status) ? expertOptions(active, chosen) : null, interview,
      may: {
        apply: mayApply,
        interview: can(user, 'interaction.manage', { orgId: ev.orgId }),
        act: Boolean(instance && review.mayActNow(instance, user)),
        catalog: can(user, 'catalog.draft', { orgId: ev.orgId }),
        withdraw: can(user, 'press.manage', { orgId: ev.orgId }),
      },
      form: o.form, values: o.values, errors: o.errors, problem: o.problem, notice: ownValue(NOTICES, o.done),
    }), o.status ?? 200);
  }

  /** Re-renders the page after a refusal: field messages on the form, anything else as its message. */
  function refused(req: FastifyRequest, reply: FastifyReply, id: number, form: string, values: FormStrings, r: Fail) {
    raise(r);
    const fields = r.fields && Object.keys(r.fields).length ? r.fields : undefined;
    return eventPage(req, reply, id, { form, values, errors: fields, problem: fields ? undefined : r.message, status: r.reason === 'invalid' || fields ? 422 : 409 });
  }

  app.get(`${PRESS_HREF}/:id`, { config: { policy: 'press.read' }, schema: { params: EventParams, querystring: NoticeQuery } }, async (req, reply) =>
    eventPage(req, reply, req.params.id, { done: req.query.done }));

  app.post(`${PRESS_HREF}/:id/submit`, { config: { policy: 'press.apply' }, schema: { params: EventParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(SubmitForm, req.body);
    if (!f.ok) return eventPage(req, reply, id, { form: 'submit', values: f.values, errors: f.errors, status: 422 });
    const r = await submitEvent(ctx, caller(req), id, f.values);
    if (!r.ok) return refused(req, reply, id, 'submit', f.strings, r);
    return reply.redirect(`${PRESS_HREF}/${id}?done=${r.status === 'approved' ? 'approved' : 'submitted'}`, 303);
  });

  app.post(`${PRESS_HREF}/:id/review`, { config: { policy: 'press.approve' }, schema: { params: EventParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(ReviewForm, req.body);
    if (!f.ok) return eventPage(req, reply, id, { form: 'review', values: f.values, errors: f.errors, status: 422 });
    const r = await reviewEvent(ctx, caller(req), id, f.values);
    if (!r.ok) return refused(req, reply, id, 'review', f.strings, r);
    return reply.redirect(`${PRESS_HREF}/${id}?done=${r.finished && r.status !== 'returned' && r.status !== 'refused' ? 'approved' : 'reviewed'}`, 303);
  });

  app.post(`${PRESS_HREF}/:id/hold`, { config: { policy: 'press.apply' }, schema: { params: EventParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(HoldForm, req.body, { domain: holdProblems });
    if (!f.ok) return eventPage(req, reply, id, { form: 'hold', values: f.values, errors: f.errors, status: 422 });
    const r = await holdEvent(ctx, caller(req), id, f.values);
    if (!r.ok) return refused(req, reply, id, 'hold', f.strings, r);
    return reply.redirect(`${PRESS_HREF}/${id}?done=${r.approveAfter ? 'held_fast' : 'held'}`, 303);
  });

  app.post(`${PRESS_HREF}/:id/experts`, { config: { policy: 'press.apply' }, schema: { params: EventParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(ExpertsForm, req.body);
    if (!f.ok) return eventPage(req, reply, id, { form: 'experts', values: f.values, errors: f.errors, status: 422 });
    const r = await setEventExperts(ctx, caller(req), id, f.values);
    if (!r.ok) return refused(req, reply, id, 'experts', f.strings, r);
    return reply.redirect(`${PRESS_HREF}/${id}?done=experts`, 303);
  });

  app.post(`${PRESS_HREF}/:id/answers`, { config: { policy: 'press.apply' }, schema: { params: EventParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(AnswerForm, req.body);
    if (!f.ok) return eventPage(req, reply, id, { form: 'answer', values: f.values, errors: f.errors, status: 422 });
    const r = await addAnswer(ctx, caller(req), id, f.values);
    if (!r.ok) return refused(req, reply, id, 'answer', f.strings, r);
    return reply.redirect(`${PRESS_HREF}/${id}?done=answer`, 303);
  });

  app.post(`${PRESS_HREF}/:id/answers/:aid/delete`, { config: { policy: 'press.apply' }, schema: { params: AnswerParams } }, async (req, reply) => {
    const r = await removeAnswer(ctx, caller(req), req.params.id, req.params.aid);
    if (!r.ok) return refused(req, reply, req.params.id, 'answer', {}, r);
    return reply.redirect(`${PRESS_HREF}/${req.params.id}?done=answer_deleted`, 303);
  });

  app.post(`${PRESS_HREF}/:id/cancel`, { config: { policy: 'press.apply' }, schema: { params: EventParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(CancelForm, req.body);
    if (!f.ok) return eventPage(req, reply, id, { form: 'cancel', values: f.values, errors: f.errors, status: 422 });
    const r = await cancelEvent(ctx, caller(req), id, f.values);
    if (!r.ok) return refused(req, reply, id, 'cancel', f.strings, r);
    return reply.redirect(`${PRESS_HREF}/${id}?done=cancelled`, 303);
  });

  app.post(`${PRESS_HREF}/:id/texts/:kind`, { config: { policy: 'press.apply' }, schema: { params: DocParams } }, async (req, reply) => {
    const { id, kind } = req.params;
    const f = parseForm(releaseForm(kind), req.body);
    if (!f.ok) return eventPage(req, reply, id, { form: kind, values: f.values, errors: f.errors, status: 422 });
    const r = await publishText(ctx, caller(req), id, kind, f.values.text);
    if (!r.ok) return refused(req, reply, id, kind, f.strings, r);
    return reply.redirect(`${PRESS_HREF}/${id}?done=published`, 303);
  });

  app.post(`${PRESS_HREF}/:id/texts/:kind/withdraw`, { config: { policy: 'press.manage' }, schema: { params: DocParams } }, async (req, reply) => {
    const { id, kind } = req.params;
    const form = `${kind}-withdraw`;
    const f = parseForm(WithdrawForm, req.body);
    if (!f.ok) return eventPage(req, reply, id, { form, values: f.values, errors: f.errors, status: 422 });
    const r = await withdrawText(ctx, caller(req), id, kind, f.values.reason);
    if (!r.ok) return refused(req, reply, id, form, f.strings, r);
    return reply.redirect(`${PRESS_HREF}/${id}?done=${r.recordWithdrawn ? 'withdrawn_record' : 'withdrawn'}`, 303);
  });
}
