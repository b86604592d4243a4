// Back office of 在线访谈 (/admin/hdjl/zxft): list, new / edit, 发布预告, the questions to moderate
// and answer, and the 文字实录.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { IdParams, QueryStr, ownValue, parseForm, readStrings, type FormStrings } from '../../platform/forms/index.ts';
import { beijingToday, formatInstant } from '../../platform/time/index.ts';
import { authorize } from '../auth/routes.tsx';
import { can, scopeOf } from '../auth/policy.ts';
import { listOrgs } from '../org/repo.ts';
import * as repo from './interviews.repo.ts';
import { InterviewForm, TranscriptForm, WithdrawForm } from './forms.ts';
import { announceInterview, createInterview, publishTranscript, updateInterview, withdrawInterview } from './use-cases/interviews.ts';
import { ADMIN_INTERVIEWS_HREF, InterviewAdminListPage, InterviewAdminPage, InterviewEditPage, type InterviewAdminState } from './views/admin-interviews.tsx';
import { staffSubmissions } from './routes.moderation.ts';
import { ITEM_PROBLEMS } from './routes.admin-drafts.tsx';
import { interviewPrefill, pressLinkRefusal } from './press-link.ts';
import { eventExpertIds, findEvent } from '../press/repo.ts';
import { expertsByIds } from '../spokesperson/experts.ts';

const READ = { config: { policy: 'interaction.read' } } as const;
const MANAGE = { config: { policy: 'interaction.manage' } } as const;
const APPROVE = { config: { policy: 'interaction.approve' } } as const;
const NOT_FOUND = '该在线访谈不存在或已被删除。';
const Params = IdParams('id', NOT_FOUND);
const DoneQuery = Type.Object({ done: QueryStr('结果', 20), err: QueryStr('问题', 20), item: QueryStr('留言', 12) });
const NewQuery = Type.Object({ press: QueryStr('新闻发布活动', 12) });
const VersionForm = Type.Object({ version: Type.Optional(Type.String({ title: '版本', maxLength: 12 })) });
const NOTICES: Record<string, string> = {
  created: '在线访谈已保存，审核后发布预告。', withdrawn: '已撤回，门户网站不再列出该访谈，原页面显示撤回原因。', saved: '修改已保存。', announced: '访谈预告已发布到门户网站“在线访谈”栏目。', transcript: '文字实录已发布。',
  approved: '该问题已通过审核，在网站上公开显示。', rejected: '该问题不予展示。', answered: '答复已保存，在网站上与问题一并显示。',
};

export function registerInterviewsAdmin(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const caller = (req: FastifyRequest) => ({ user: req.user!, ip: req.ip });
  const versionOf = (body: unknown) => Number(readStrings(VersionForm, body).version) || 0;

  async function orgChoices(req: FastifyRequest) {
    const s = scopeOf(req.user!, 'interaction.manage');
    return (await listOrgs(db)).filter((o) => o.active && s.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
  }
  async function interviewOf(req: FastifyRequest, id: number) {
    const i = await repo.findInterview(db, id);
    if (!i) throw new AppError('not_found', NOT_FOUND);
    authorize(req, 'interaction.read', { orgId: i.orgId });
    return i;
  }
  async function detail(req: FastifyRequest, reply: FastifyReply, id: number, state: InterviewAdminState, status = 200) {
    const i = await interviewOf(req, id);
    const u = req.user!;
    const items = await staffSubmissions(ctx, 'interview', id);
    const c = {
      manage: can(u, 'interaction.manage', { orgId: i.orgId }), approve: can(u, 'interaction.approve', { orgId: i.orgId }), moderate: can(u, 'interaction.moderate', { orgId: i.orgId }),
      creator: i.createdBy === u.id,
    };
    const ev = i.pressEventId ? await findEvent(db, i.pressEventId) : undefined;
    const pressEvent = ev ? { id: ev.id, title: ev.title } : null;
    return reply.page((vc) => <InterviewAdminPage vc={vc} i={i} now={ctx.now()} items={items} can={c} state={state} pressEvent={pressEvent} />, status);
  }
  const refused = (req: FastifyRequest, reply: FastifyReply, id: number, r: Fail, values?: FormStrings) => {
    if (r.reason === 'not_found') throw new AppError('not_found', r.message);
    if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
    return detail(req, reply, id, { errors: r.fields, message: r.message, values }, r.reason === 'invalid' ? 422 : r.reason === 'same_actor' ? 403 : 409);
  };
  async function editPage(req: FastifyRequest, reply: FastifyReply, p: { interview?: repo.InterviewView; values: FormStrings; errors?: Record<string, string>; message?: string }, status = 200) {
    const orgs = await orgChoices(req);
    const key = p.interview ? '' : p.values.pressEventId;
    const ev = typeof key === 'string' && /^[1-9]\d{0,8}$/.test(key) ? await findEvent(db, Number(key)) : undefined;
    const pressEvent = ev ? { id: ev.id, title: ev.title } : null;
    return reply.page((vc) => <InterviewEditPage vc={vc} orgs={orgs} pressEvent={pressEvent} {...p} />, status);
  }

  app.get(ADMIN_INTERVIEWS_HREF, READ, async (req, reply) => {
    const rows = await repo.listInterviewsForStaff(db, [...scopeOf(req.user!, 'interaction.read')]);
    return reply.page((vc) => <InterviewAdminListPage vc={vc} rows={rows} now={ctx.now()} canCreate={can(req.user, 'interaction.manage')} />);
  });

  app.get(`${ADMIN_INTERVIEWS_HREF}/new`, { ...MANAGE, schema: { querystring: NewQuery } }, async (req, reply) => {
    const key = req.query.press;
    if (key !== undefined) {
      // From an approved press event of type 在线访谈: prefilled from the event (press module's repo).
      const ev = /^[1-9]\d{0,8}$/.test(key) ? await findEvent(db, Number(key)) : undefined;
      if (!ev) throw new AppError('not_found', '关联的新闻发布活动不存在或已被删除。');
      authorize(req, 'interaction.manage', { orgId: ev.orgId });
      const existing = await repo.interviewOfPressEvent(db, ev.id);
      if (existing && existing.status !== 'withdrawn') return reply.redirect(`${ADMIN_INTERVIEWS_HREF}/${existing.id}`, 303);
      const refusal = pressLinkRefusal(ev);
      if (refusal) throw new AppError('conflict', refusal);
      const experts = await expertsByIds(db, await eventExpertIds(db, ev.id));
      return editPage(req, reply, { values: interviewPrefill(ev, experts) });
    }
    const orgs = await orgChoices(req);
    return editPage(req, reply, { values: { orgId: orgs.length === 1 ? String(orgs[0]!.id) : '', date: beijingToday(ctx.now()), startTime: '09:30', endTime: '11:00' } });
  });
  app.post(ADMIN_INTERVIEWS_HREF, MANAGE, async (req, reply) => {
    const f = parseForm(InterviewForm, req.body);
    if (!f.ok) return editPage(req, reply, { values: f.values, errors: f.errors, message: f.summary }, 422);
    const r = await createInterview(ctx, caller(req), f.values);
    if (!r.ok) return editPage(req, reply, { values: f.strings, errors: r.fields, message: r.message }, r.reason === 'invalid' ? 422 : 409);
    return reply.redirect(`${ADMIN_INTERVIEWS_HREF}/${r.id}?done=created`, 303);
  });

  app.get(`${ADMIN_INTERVIEWS_HREF}/:id`, { ...READ, schema: { params: Params, querystring: DoneQuery } }, async (req, reply) => {
    const item = Number(req.query.item);
    const problem = ownValue(ITEM_PROBLEMS, req.query.err);
    return detail(req, reply, req.params.id, { notice: ownValue(NOTICES, req.query.done), itemErrors: problem && item ? { [item]: problem } : undefined });
  });

  app.get(`${ADMIN_INTERVIEWS_HREF}/:id/edit`, { ...MANAGE, schema: { params: Params } }, async (req, reply) => {
    const i = await interviewOf(req, req.params.id);
    authorize(req, 'interaction.manage', { orgId: i.orgId });
    const start = formatInstant(i.startsAt, 'minute');
    const values: FormStrings = { orgId: String(i.orgId), title: i.title, guests: i.guests, preview: i.preview, date: start.slice(0, 10), startTime: start.slice(11), endTime: formatInstant(i.endsAt, 'minute').slice(11) };
    return editPage(req, reply, { interview: i, values });
  });
  app.post(`${ADMIN_INTERVIEWS_HREF}/:id/edit`, { ...MANAGE, schema: { params: Params } }, async (req, reply) => {
    const i = await interviewOf(req, req.params.id);
    const f = parseForm(InterviewForm, req.body);
    if (!f.ok) return editPage(req, reply, { interview: i, values: f.values, errors: f.errors, message: f.summary }, 422);
    const r = await updateInterview(ctx, caller(req), i.id, versionOf(req.body), f.values);
    if (!r.ok) {
      if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
      return editPage(req, reply, { interview: i, values: f.strings, errors: r.fields, message: r.message }, r.reason === 'invalid' ? 422 : 409);
    }
    return reply.redirect(`${ADMIN_INTERVIEWS_HREF}/${i.id}?done=saved`, 303);
  });

  app.post(`${ADMIN_INTERVIEWS_HREF}/:id/announce`, { ...APPROVE, schema: { params: Params } }, async (req, reply) => {
    const r = await announceInterview(ctx, caller(req), req.params.id, versionOf(req.body));
    return r.ok ? reply.redirect(`${ADMIN_INTERVIEWS_HREF}/${req.params.id}?done=announced`, 303) : refused(req, reply, req.params.id, r);
  });
  app.post(`${ADMIN_INTERVIEWS_HREF}/:id/withdraw`, { ...APPROVE, schema: { params: Params } }, async (req, reply) => {
    const { withdrawReason } = readStrings(WithdrawForm, req.body);
    const r = await withdrawInterview(ctx, caller(req), req.params.id, versionOf(req.body), withdrawReason);
    return r.ok ? reply.redirect(`${ADMIN_INTERVIEWS_HREF}/${req.params.id}?done=withdrawn`, 303) : refused(req, reply, req.params.id, r, { withdrawReason });
  });
  app.post(`${ADMIN_INTERVIEWS_HREF}/:id/transcript`, { ...MANAGE, schema: { params: Params } }, async (req, reply) => {
    const { transcript } = readStrings(TranscriptForm, req.body);
    const r = await publishTranscript(ctx, caller(req), req.params.id, versionOf(req.body), transcript);
    return r.ok ? reply.redirect(`${ADMIN_INTERVIEWS_HREF}/${req.params.id}?done=transcript`, 303) : refused(req, reply, req.params.id, r, { transcript });
  });
}
