// 依申请公开 — public routes (in progress; owned by helper C this session).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

export function registerRequestsPublic(_app: FastifyInstance, _ctx: AppContext): void {
  // Routes are added here.
}
