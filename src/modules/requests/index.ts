// 依申请公开 (SPEC.md §3): registers every route of the module.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { registerRequestsPublic } from './routes.public.tsx';
import { registerRequestsIntake } from './routes.intake.tsx';
import { registerRequestsAdmin } from './routes.admin.tsx';
import { registerRequestsTemplates } from './routes.templates.tsx';
import { registerRequestsStats } from './routes.stats.tsx';

export function registerRequests(app: FastifyInstance, ctx: AppContext): void {
  registerRequestsPublic(app, ctx);
  registerRequestsIntake(app, ctx);
  registerRequestsAdmin(app, ctx);
  registerRequestsTemplates(app, ctx);
  registerRequestsStats(app, ctx);
}
