// 依申请公开 — intake routes (in progress; owned by helper C this session).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

export function registerRequestsIntake(_app: FastifyInstance, _ctx: AppContext): void {
  // Routes are added here.
}
