import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

// Placeholder: filled in by the module owner.
export function registerCatalogAdmin(_app: FastifyInstance, _ctx: AppContext): void {}
