// Control characters never reach a handler: PostgreSQL refuses 0x00 in text (a 500 before this),
// and no form field or API value has a use for C0 controls other than tab, newline and return.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** True if `s` holds NUL or a C0 control character other than \t \n \r. */
export const hasControlChar = (s: string): boolean => /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s);

export const CONTROL_CHAR_MESSAGE = '提交的内容包含无法识别的控制字符，请删除后重新提交。';

/** Deep enough for every form and API body we accept; deeper values are not read by any handler. */
const MAX_DEPTH = 16;

/**
 * The path (`a.b.0`) of the first string (or key) in `v` holding a control character, or null.
 * Buffers (uploaded files) are not looked into; the query object's prototype is not a plain one,
 * so any other object is walked by its own keys.
 */
export function findControlChar(v: unknown, path = '', depth = 0): string | null {
  if (typeof v === 'string') return hasControlChar(v) ? path : null;
  if (!v || typeof v !== 'object' || depth >= MAX_DEPTH || ArrayBuffer.isView(v)) return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findControlChar(v[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (p !== null) return p;
    }
    return null;
  }
  for (const [k, x] of Object.entries(v)) {
    const key = path ? `${path}.${k}` : k;
    if (hasControlChar(k)) return key;
    const p = findControlChar(x, key, depth + 1);
    if (p !== null) return p;
  }
  return null;
}

/** Throws validation_failed (naming the field) if the query, route params or body hold a control character. */
export function refuseControlChars(req: FastifyRequest): void {
  for (const part of [req.query, req.params, req.body]) {
    const at = findControlChar(part);
    if (at !== null) throw new AppError('validation_failed', CONTROL_CHAR_MESSAGE, { [at.split('.')[0] || '_']: CONTROL_CHAR_MESSAGE });
  }
}
