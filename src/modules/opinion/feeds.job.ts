// The `opinion.poll` job: every minute, the feed sources that are due (feeds-poll.ts). A run that
// fails is not retried: the next minute's run is the retry, and each source keeps its own back-off.
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { pollDueSources } from './use-cases/feeds-poll.ts';

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
