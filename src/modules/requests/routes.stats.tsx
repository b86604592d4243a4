// 依申请公开 — stats routes (in progress; owned by helper E this session).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

export function registerRequestsStats(_app: FastifyInstance, _ctx: AppContext): void {
  // Routes are added here.
}
