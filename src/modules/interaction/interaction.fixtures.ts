// Test helpers of 互动交流: callers by demo user name, and drafts / interviews made through the use
// cases (created, sent, published / announced) with dates relative to a given Beijing day.
import type { AppContext } from '../../app-context.ts';
import { findUserByUsername, toPrincipal } from '../auth/repo.ts';
import type { Caller } from '../auth/caller.ts';
import { listOrgs } from '../org/repo.ts';
import { findDraft } from './drafts.repo.ts';
import { findInterview } from './interviews.repo.ts';
import { createDraft, publishDraft, submitDraft } from './use-cases/drafts.ts';
import { announceInterview, createInterview } from './use-cases/interviews.ts';

export async function callerOf(ctx: AppContext, username: string): Promise<Caller> {
  const u = await findUserByUsername(ctx.db, username);
  if (!u) throw new Error(`no user ${username}`);
  return { user: await toPrincipal(ctx.db, u, 'session'), ip: '127.0.0.1' };
}

export async function orgIdOf(ctx: AppContext, short: string): Promise<number> {
  const o = (await listOrgs(ctx.db)).find((x) => x.shortName === short);
  if (!o) throw new Error(`no org ${short}`);
  return o.id;
}

/** A published draft of 县教体局 made by cbr and published by sfr. */
export async function publishedDraft(ctx: AppContext, p: { title: string; startDate: string; endDate: string; showComments?: boolean }): Promise<number> {
  const cbr = await callerOf(ctx, 'cbr');
  const sfr = await callerOf(ctx, 'sfr');
  const r = await createDraft(ctx, cbr, {
    orgId: await orgIdOf(ctx, '县教体局'), title: p.title, body: `${p.title}的征求意见稿正文，共五条。`, howToComment: '',
    startDate: p.startDate, endDate: p.endDate, showComments: p.showComments ?? true,
  });
  if (!r.ok) throw new Error(r.message);
  const s = await submitDraft(ctx, cbr, r.id, 1);
  if (!s.ok) throw new Error(s.message);
  const pb = await publishDraft(ctx, sfr, r.id, (await findDraft(ctx.db, r.id))!.version);
  if (!pb.ok) throw new Error(pb.message);
  return r.id;
}

/** An announced interview of 县教体局 on a Beijing date and times. */
export async function announcedInterview(ctx: AppContext, p: { title: string; date: string; startTime: string; endTime: string }): Promise<number> {
  const cbr = await callerOf(ctx, 'cbr');
  const r = await createInterview(ctx, cbr, { ...p, orgId: await orgIdOf(ctx, '县教体局'), guests: '县教育体育局局长', preview: `${p.title}：访谈预告正文。` });
  if (!r.ok) throw new Error(r.message);
  const a = await announceInterview(ctx, await callerOf(ctx, 'sfr'), r.id, (await findInterview(ctx.db, r.id))!.version);
  if (!a.ok) throw new Error(a.message);
  return r.id;
}
