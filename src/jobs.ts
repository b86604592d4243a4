// Every background job of the application (platform/jobs): one list, installed with the migrations
// and worked by the one pg-boss of the server process.
import type { AnyJob } from './platform/jobs/index.ts';
import { mailJobs } from './platform/mail/job.ts';
import { requestJobs } from './modules/requests/jobs.ts';

export const APP_JOBS: readonly AnyJob[] = [...mailJobs, ...requestJobs];
