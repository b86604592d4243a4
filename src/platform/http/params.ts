// Route params declared with IdParams (platform/forms/query.ts): an id in a URL is decimal digits,
// and a URL whose params fail their schema names nothing, so it is the Chinese 404 page.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const DECIMAL_ID = /^[1-9]\d{0,9}$/;

interface ParamsSchema { properties?: Record<string, { type?: unknown }>; notFound?: string }
const paramsSchema = (req: FastifyRequest) => req.routeOptions.schema?.params as ParamsSchema | undefined;

/** preValidation of every route: Ajv would coerce `0x10`, `1e3`, `012` or ` 12` to a number; a URL id is plain digits. */
export async function refuseNonDecimalIds(req: FastifyRequest): Promise<void> {
  const props = paramsSchema(req)?.properties;
  if (!props) return;
  const params = req.params as Record<string, unknown>;
  for (const [name, p] of Object.entries(props)) {
    if (p.type === 'integer' && !DECIMAL_ID.test(String(params[name] ?? ''))) throw paramsNotFound(req);
  }
}

/** The 404 of a route whose params failed their schema, with the route's own message if it has one. */
export function paramsNotFound(req: FastifyRequest): AppError {
  return new AppError('not_found', paramsSchema(req)?.notFound);
}

/** Whether an error is Fastify's schema failure of the route params. */
export const isParamsValidation = (err: unknown): boolean =>
  Boolean(err && typeof err === 'object' && (err as { validation?: unknown }).validation && (err as { validationContext?: string }).validationContext === 'params');
