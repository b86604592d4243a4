// One error type with a stable code, mapped once (here) to an HTTP status and a Chinese message.
// ERROR_CODES is the whole list a JSON client can see in `error.code` (also in the OpenAPI document).
export const ERROR_CODES = [
  'bad_request', 'validation_failed', 'unauthenticated', 'forbidden', 'not_found',
  'conflict', 'csrf_invalid', 'rate_limited', 'payload_too_large', 'locked',
  'unsupported_media_type', 'internal', 'unavailable',
] as const;
export type ErrorCode = typeof ERROR_CODES[number];

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400, validation_failed: 422, unauthenticated: 401, forbidden: 403, not_found: 404,
  conflict: 409, csrf_invalid: 403, rate_limited: 429, payload_too_large: 413, locked: 423,
  unsupported_media_type: 415, internal: 500, unavailable: 503,
};

export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  bad_request: '请求格式不正确，请检查后重试。',
  validation_failed: '提交的内容有误，请按提示修改后重新提交。',
  unauthenticated: '请先登录。',
  forbidden: '您没有执行此操作的权限。',
  not_found: '您访问的页面不存在或已被删除。',
  conflict: '该记录已被修改或已存在，请刷新后重试。',
  csrf_invalid: '页面已过期或来源无法验证，请返回上一页刷新后重新提交。',
  rate_limited: '操作过于频繁，请稍后再试。',
  payload_too_large: '提交的内容超过大小限制。',
  locked: '账户已被临时锁定，请稍后再试。',
  unsupported_media_type: '不支持的内容类型。',
  internal: '系统暂时无法处理您的请求，请稍后再试。',
  unavailable: '系统正在恢复数据库连接，请稍后刷新重试。',
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    /** Per-field Chinese messages for forms and the JSON API. */
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.status = STATUS[code];
  }
}

/** A use case's refusal: a stable reason, a Chinese message and per-field messages for the form. */
export type Fail<R extends string = string> = { ok: false; reason: R; message: string; fields?: Record<string, string> };
export type Ok<T = object> = { ok: true } & T;
/** What every use case returns: its named success data, or a refusal that wrote nothing. */
export type Result<T, R extends string = string> = Ok<T> | Fail<R>;

export const fail = <R extends string>(reason: R, message: string, fields?: Record<string, string>): Fail<R> =>
  (fields ? { ok: false, reason, message, fields } : { ok: false, reason, message });
/** Bad input: one message for the form's summary, one per field. */
export const invalid = (fields: Record<string, string>, message: string = DEFAULT_MESSAGES.validation_failed): Fail<'invalid'> =>
  ({ ok: false, reason: 'invalid', message, fields });
