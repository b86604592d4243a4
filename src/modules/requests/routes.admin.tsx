// 依申请公开 — admin routes (in progress; owned by helper D this session).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

export function registerRequestsAdmin(_app: FastifyInstance, _ctx: AppContext): void {
  // Routes are added here.
}
