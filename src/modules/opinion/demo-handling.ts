// The demo's incidents in the states staff meet every day, made through the real use cases after the
// items are in: the misread admission rule confirmed, assigned to 县教体局, answered through its review
// chain, published on /hygq/ and closed with an evaluation; the water cut confirmed as 重大 with its
// 5 h / 24 h clocks running; the rest left as candidates to 研判.
import type { AppContext } from '../../app-context.ts';
import { beijingIso } from '../../platform/time/index.ts';
import * as authRepo from '../auth/repo.ts';
import type { Caller } from '../auth/caller.ts';
import { listOrgs } from '../org/repo.ts';
import * as repo from './demo.repo.ts';
import { assignIncident } from './use-cases/assign.ts';
import { closeIncident } from './use-cases/close.ts';
import { submitResponse } from './use-cases/respond.ts';
import { reviewResponse } from './use-cases/respond-review.ts';
import { setResponsePublished } from './use-cases/respond-publish.ts';
import { confirmIncident } from './use-cases/triage.ts';


async function callerOf(ctx: AppContext, username: string): Promise<Caller | null> {
  const u = await authRepo.findUserByUsername(ctx.db, username);
  return u ? { user: await authRepo.toPrincipal(ctx.db, u, 'session'), ip: null } : null;
}

/** Each step's refusal becomes a warning: demo data never stops the server. */
function check(r: { ok: boolean; message?: string }, what: string, warn: (m: string) => void): boolean {
  if (!r.ok) warn(`演示舆情“${what}”未能完成：${r.message ?? '未知原因'}`);
  return r.ok;
}

export async function handleDemoIncidents(ctx: AppContext, warn: (m: string) => void): Promise<void> {
  const [yq, cbr, sfr] = await Promise.all([callerOf(ctx, 'yqzy'), callerOf(ctx, 'cbr'), callerOf(ctx, 'sfr')]);
  const edu = (await listOrgs(ctx.db)).find((o) => o.shortName === '县教体局');
  if (!yq || !cbr || !sfr || !edu) return;
  const now = ctx.now().getTime();

  // 1. The admission rule: confirmed 较大 / 重大政策误解误读, assigned, answered, published, closed.
  const [school] = await repo.incidentsTitled(ctx.db, '招生');
  if (school?.status === 'candidate') {
    if (!check(await confirmIncident(ctx, yq, school.id, { version: school.version, grade: 'large', category: 'policy_misread' }), '研判确认', warn)) return;
    const [s1] = await repo.incidentsTitled(ctx.db, '招生');
    if (!check(await assignIncident(ctx, yq, school.id, { version: s1!.version, leadOrgId: edu.id, coOrgIds: [] }), '指定牵头单位', warn)) return;
    const sent = await submitResponse(ctx, cbr, school.id, {
      channel: 'website',
      title: '关于网传“义务教育招生只认房产证”的情况说明',
      text: '近日，网上流传“云溪县义务教育招生只认房产证、租房随迁子女不能在城区入学”的说法。经核实，该说法不实。'
        + '今年我县义务教育招生政策与上年相比没有变化：进城务工人员随迁子女凭居住证（或租房合同及居住登记）和务工证明，'
        + '由县教育体育局统筹安排到城区学校就读。具体办法以县教育体育局发布的招生工作通知为准，咨询电话0793-5120030。',
      respondedAt: beijingIso(new Date(now - 60_000)),
      url: 'https://www.yunxi.gov.cn/hygq/',
      note: '请审核后发布。',
    });
    if (!check(sent, '起草回应', warn) || !sent.ok) return;
    if (sent.status === 'in_review') {
      const passed = await reviewResponse(ctx, sfr, school.id, sent.responseId, { conclusion: 'pass', opinion: '同意发布。' });
      if (!check(passed, '审核回应', warn)) return;
    }
    if (!check(await setResponsePublished(ctx, cbr, school.id, sent.responseId, true), '公开回应', warn)) return;
    check(await closeIncident(ctx, yq, school.id, {
      evaluation: '回应发布后，相关帖子下家长留言以“已了解”为主，论坛和微博未再出现新的误读信息，舆情趋于平稳。',
      rating: 'good',
    }), '办结', warn);
  }

  // 2. The water cut: confirmed 重大, its clocks running from now.
  const [water] = await repo.incidentsTitled(ctx.db, '停水');
  if (water?.status === 'candidate') {
    check(await confirmIncident(ctx, yq, water.id, { version: water.version, grade: 'major', category: 'public_interest' }), '研判确认', warn);
  }
}
