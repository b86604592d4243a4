// The feed jobs. `opinion.poll`: every minute, the feed sources that are due (feeds-poll.ts). A run
// that fails is not retried: the next minute's run is the retry, and each source keeps its own
// back-off. `opinion.poll-source`: one source now, queued by 立即抓取 (feeds-sources.ts
// requestPoll) in the transaction that marks the source as queued; the job clears the mark.
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { pollDueSources, pollRequestedSource } from './use-cases/feeds-poll.ts';

export const opinionPollJob = defineJob({
  name: 'opinion.poll',
  schema: Type.Object({}),
  cron: '* * * * *',
  cronPayload: {},
  retryLimit: 0,
  // Sources are leased for ten minutes; a run held longer than that is surely stuck.
  expireInSeconds: 600,
  async handler(ctx: AppContext) {
    await pollDueSources(ctx);
  },
});

export const opinionPollSourceJob = defineJob({
  name: 'opinion.poll-source',
  schema: Type.Object({ sourceId: Type.Integer({ minimum: 1 }) }),
  // Not retried: the admin sees the outcome (last error) and may click again; the cron polls it anyway.
  retryLimit: 0,
  expireInSeconds: 600,
  async handler(ctx: AppContext, payload) {
    await pollRequestedSource(ctx, payload.sourceId);
  },
});
