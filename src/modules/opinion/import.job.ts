// `opinion.import-cleanup`: every hour, the hotline / message-board uploads whose preview was never
// confirmed for UPLOAD_TTL_HOURS are deleted (use-cases/import.ts expireUploads). Idempotent: a run
// cut off is finished by the next one.
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { expireUploads } from './use-cases/import.ts';

export const opinionImportCleanupJob = defineJob({
  name: 'opinion.import-cleanup',
  schema: Type.Object({}),
  cron: '23 * * * *',
  cronPayload: {},
  retryLimit: 2,
  async handler(ctx: AppContext) {
    await expireUploads(ctx);
  },
});
