// The reader's display preferences (繁体, 长者模式), kept in cookies so pages work without JavaScript.
import type { FastifyRequest } from 'fastify';
import type { ViewContext } from './context.ts';

export const VARIANT_COOKIE = 'gk_variant';
export const ELDER_COOKIE = 'gk_elder';

export function readPrefs(req: FastifyRequest): Pick<ViewContext, 'variant' | 'elder'> {
  // Cookies are not parsed yet when the router itself rejects a malformed URL.
  return prefsOf(req.cookies?.[VARIANT_COOKIE], req.cookies?.[ELDER_COOKIE]);
}

/** The preferences from the two cookie values (anything else is the default). */
export function prefsOf(v: string | undefined, e: string | undefined): Pick<ViewContext, 'variant' | 'elder'> {
  return { variant: v === 'tw' ? 'tw' : 'cn', elder: e === '2' ? 2 : e === '1' ? 1 : 0 };
}
