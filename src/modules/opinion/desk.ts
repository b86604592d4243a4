// 舆情 on the 工作台: candidates waiting for 研判 (monitors), incidents with a deadline due within the
// hour, those with a deadline passed and not met, responses waiting for the user's review, and the
// user's responses review returned to her — each in the user's scope, linked to the incident list
// filtered the same way; for the disclosure office the accountability findings still to decide.
import type { AppContext } from '../../app-context.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { DeskItem } from '../../platform/modules/index.ts';
import { can, type Principal } from '../auth/policy.ts';
import { countInScope, deskCounts } from './incidents.repo.ts';
import { countOpenFindings } from './findings.repo.ts';
import { FINDINGS_HREF } from './views/incidents/findings.tsx';
import { findingScopeOf, listScopeOf } from './incidents-access.ts';
import { INCIDENTS_HREF } from './views/incidents/shared.tsx';
import { queueFor, returnedTo, waitingCount } from '../review/use-cases.ts';
import { incidentsOfResponses, incidentsOfReturned } from './responses.repo.ts';
import { ANSWERABLE } from './use-cases/respond.ts';

const SUBJECT = 'opinion_response';

/** The incidents with a response whose current review step the user may act on. */
export async function incidentsAwaitingReview(db: Executor, user: Principal): Promise<number[]> {
  return incidentsOfResponses(db, (await queueFor(db, user, { subjectType: SUBJECT })).map((it) => it.instance.subjectId));
}

/** The answerable incidents with a response of the user's that review returned (退回修改, also a refusal: it is revised and submitted again). */
export async function incidentsReturnedTo(db: Executor, user: Principal): Promise<number[]> {
  return incidentsOfReturned(db, await returnedTo(db, user, SUBJECT, { refusedToo: true }), ANSWERABLE);
}

export async function opinionDesk(ctx: AppContext, user: Principal): Promise<DeskItem[]> {
  if (!can(user, 'opinion.read')) return [];
  const [n, reviews] = await Promise.all([deskCounts(ctx.db, await listScopeOf(ctx.db, user), ctx.now()), waitingCount(ctx.db, user, [SUBJECT])]);
  const items: DeskItem[] = [];
  if (can(user, 'opinion.monitor')) {
    items.push({ label: '待研判舆情', count: n.candidates, href: `${INCIDENTS_HREF}?status=candidate`, tone: 'info', nav: INCIDENTS_HREF,
      hint: '系统发现或人工录入、尚未研判确认的舆情事件。' });
  }
  items.push(
    { label: '1小时内到期', count: n.soon, href: `${INCIDENTS_HREF}?due=soon`, tone: 'warning',
      hint: '一小时内到达回应时限、尚未回应的舆情事件。' },
    { label: '已超时未回应', count: n.breached, href: `${INCIDENTS_HREF}?due=breached`, tone: 'danger',
      hint: '已超过回应时限、仍未回应的舆情事件，请立即督促回应。' },
  );
  if (reviews > 0) {
    items.push({ label: '待我审核的舆情回应', count: reviews, href: `${INCIDENTS_HREF}?review=mine`, tone: 'info', nav: INCIDENTS_HREF,
      hint: '承办单位起草、轮到您审核发布的舆情回应。' });
  }
  if (can(user, 'opinion.respond')) {
    const scope = await listScopeOf(ctx.db, user);
    items.push({ label: '回应退回修改', count: await countInScope(ctx.db, scope, await incidentsReturnedTo(ctx.db, user), ctx.now()), href: `${INCIDENTS_HREF}?review=returned`, tone: 'warning', nav: INCIDENTS_HREF,
      hint: '您提交审核、经审核退回修改的舆情回应，修改后可重新提交。' });
  }
  if (can(user, 'opinion.accountability')) {
    const open = await countOpenFindings(ctx.db, await findingScopeOf(ctx.db, user));
    items.push({ label: '待决定的问责建议', count: open, href: `${FINDINGS_HREF}?status=open`, tone: open > 0 ? 'warning' : 'info', nav: FINDINGS_HREF,
      hint: '舆情回应超时后系统提出的通报、约谈或问责建议，请决定或撤销。' });
  }
  return items;
}
