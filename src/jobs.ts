// Every background job of the application (platform/jobs): the platform's own (mail) plus each
// module's `jobs` (src/modules/index.ts). One list, installed with the migrations and worked by the
// one pg-boss of the server process.
import type { AnyJob } from './platform/jobs/index.ts';
import { mailJobs } from './platform/mail/job.ts';
import { MODULES } from './modules/index.ts';

export const APP_JOBS: readonly AnyJob[] = [...mailJobs, ...MODULES.flatMap((m) => (m.jobs ?? []))];
