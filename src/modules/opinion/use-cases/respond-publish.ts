// 在回应关切栏目公开: an approved response shown on the portal's /hygq/ column, or taken down again.
// The public pages are cached: every committed change drops them (publicPagesChanged).
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, type Result } from '../../../platform/errors.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { recordEvent } from '../events.ts';
import * as repo from '../responses.repo.ts';
import { eventActor, onIncident, type Refusal } from './respond-shared.ts';

export async function setResponsePublished(ctx: AppContext, caller: Caller, incidentId: number, responseId: number, publish: boolean): Promise<Result<{ changed: boolean }, Refusal>> {
  return onIncident(ctx, caller, incidentId, 'opinion.respond', async (tx, inc, now) => {
    const r = await repo.lockResponse(tx, responseId);
    if (!r || r.incidentId !== inc.id) return fail('not_found', '该回应不存在。');
    if (r.status !== 'approved') return fail('conflict', '只有审核通过的回应可以在回应关切栏目公开。');
    if (Boolean(r.publishedAt) === publish) return { ok: true as const, changed: false };
    await repo.updateResponse(tx, r.id, { publishedAt: publish ? now : null });
    if (publish) await recordEvent(tx, inc.id, 'response_published', { responseId: r.id, url: `/hygq/${r.id}` }, eventActor(caller), now);
    else await recordEvent(tx, inc.id, 'note', { responseId: r.id, note: '回应已从回应关切栏目撤下' }, eventActor(caller), now);
    await writeAudit(tx, auditActor(caller), {
      action: publish ? 'opinion.response.publish' : 'opinion.response.unpublish', entityType: 'opinion_incident', entityId: inc.id, summary: { responseId: r.id },
    });
    return { ok: true as const, changed: true };
  }).finally(publicPagesChanged);
}
