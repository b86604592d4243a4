import type { FastifyRequest } from 'fastify';

/**
 * preValidation for GET routes with a querystring schema: an empty parameter (`?org=` from a form
 * left blank) means "not given", as the HTML pages have always read it.
 */
export async function dropEmptyQuery(req: FastifyRequest): Promise<void> {
  const q = req.query as Record<string, unknown> | undefined;
  if (!q || typeof q !== 'object') return;
  for (const [k, v] of Object.entries(q)) if (v === '') delete q[k];
}
