// Route inputs of HTML pages: query strings and route params, declared as TypeBox schemas on the
// route (Fastify's type provider) so handlers read typed `req.query` / `req.params` without a cast.
import type { FastifyRequest } from 'fastify';
import { Type, type TInteger, type TObject } from '@sinclair/typebox';
import { Id, Str } from './schema.ts';

/**
 * preValidation for GET routes with a querystring schema: an empty parameter (`?org=` from a form
 * left blank) means "not given", as the HTML pages have always read it.
 */
export async function dropEmptyQuery(req: FastifyRequest): Promise<void> {
  const q = req.query as Record<string, unknown> | undefined;
  if (!q || typeof q !== 'object') return;
  for (const [k, v] of Object.entries(q)) if (v === '') delete q[k];
}

/**
 * preValidation of every HTML page (server.ts): a parameter given twice (`?q=x&q=y`) is not applied,
 * as the pages have always ignored one; no form of ours repeats a GET parameter. The JSON API keeps
 * it and answers validation_failed.
 */
export async function dropRepeatedQuery(req: FastifyRequest): Promise<void> {
  if (req.url.startsWith('/api/')) return;
  const q = req.query as Record<string, unknown> | undefined;
  if (!q || typeof q !== 'object') return;
  for (const [k, v] of Object.entries(q)) if (Array.isArray(v)) delete q[k];
}

/** Longest value of an HTML page's query parameter; no link or form of ours makes a longer one (longer: the 422 page). */
export const QUERY_CAP = 1000;

/**
 * A query parameter of an HTML page: an optional bounded string, checked where it is used. A filter
 * value that fits no choice is not applied (the pages have always ignored one), so the schema stays
 * loose and the domain check (an id, a code from a list) stays in the handler.
 */
export const QueryStr = (title: string, maxLength = QUERY_CAP) => Type.Optional(Str(title, maxLength));

/**
 * Route params that are ids: `IdParams('id')` for `/:id` gives `req.params.id: number`. A segment
 * that is not a positive decimal int4 (`abc`, `0`, `012`, `1e3`) answers the Chinese 404 page with
 * `notFound` as its message (platform/http/params.ts), as parseId in the handlers always did.
 */
export function IdParams<const K extends string>(names: K | readonly K[], notFound?: string): TObject<{ [P in K]: TInteger }> {
  const list: readonly K[] = typeof names === 'string' ? [names] : names;
  const props = Object.fromEntries(list.map((n) => [n, Id('编号')])) as { [P in K]: TInteger };
  return Type.Object(props, notFound ? { notFound } : {});
}

/** A message chosen by a query value (`?done=saved`): only the map's own keys, never `constructor` and the like. */
export const ownValue = <T>(map: Readonly<Record<string, T>>, key: string | undefined): T | undefined =>
  key !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;

/** The Chinese label of a stored code (a table's own keys only); `fallback` for a code it does not know. */
export const labelOf = (table: Readonly<Record<string, string>>, code: string | null | undefined, fallback = ''): string =>
  ownValue(table, code ?? undefined) ?? fallback;
