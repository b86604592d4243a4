// 舆情 settings screens (opinion.manage): monitoring plans, lexicons, routing rules, duty contacts, corrections.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

export function registerOpinionSettings(_app: FastifyInstance, _ctx: AppContext): void {}
