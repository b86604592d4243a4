// 依申请公开 — templates routes (in progress; owned by helper B this session).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

export function registerRequestsTemplates(_app: FastifyInstance, _ctx: AppContext): void {
  // Routes are added here.
}
