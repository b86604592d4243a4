// Schema validation errors (Ajv's, as Fastify reports them) → one Chinese message per field,
// naming the field by its schema `title`.
import { AppError } from '../errors.ts';

/** The parts of an Ajv error we read (Ajv runs with `verbose`, so parentSchema is present). */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  parentSchema?: { title?: string; type?: unknown; properties?: Record<string, { title?: string }> } & Record<string, unknown>;
}

const TYPE_NAMES: Record<string, string> = {
  integer: '整数', number: '数字', string: '文本', boolean: '是或否（true/false）', array: '列表', object: '对象', null: '空值',
};

/** Chinese message for one failed keyword; `name` is the field's Chinese name. */
export function messageFor(keyword: string, name: string, params: Record<string, unknown>, schema: Record<string, unknown> = {}): string {
  const f = `字段“${name}”`;
  switch (keyword) {
    case 'required': return `${f}为必填项`;
    case 'type': {
      const t = String(params.type ?? schema.type ?? '').split(',')[0];
      return `${f}格式不正确，应为${TYPE_NAMES[t] ?? t}`;
    }
    case 'enum': case 'const': case 'anyOf': case 'oneOf': return `${f}的取值无效`;
    case 'maxLength': return `${f}不能超过${params.limit}个字符`;
    case 'minLength': return Number(params.limit) <= 1 ? `${f}为必填项` : `${f}不能少于${params.limit}个字符`;
    case 'minimum': case 'exclusiveMinimum': return `${f}不能小于${params.limit}`;
    case 'maximum': case 'exclusiveMaximum': return `${f}不能大于${params.limit}`;
    case 'minItems': return `${f}至少应选择${params.limit}项`;
    case 'maxItems': return `${f}最多只能有${params.limit}项`;
    case 'pattern': case 'format': return `${f}格式不正确`;
    case 'additionalProperties': return `不接受字段“${String(params.additionalProperty ?? name)}”`;
    default: return `${f}无效`;
  }
}

/**
 * Per-field Chinese messages for a list of schema errors (first error per field wins). The field
 * key is the top-level property (`forms/0` → `forms`), as the forms and the API report fields.
 */
export function fieldErrors(errors: readonly SchemaError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const segs = e.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let key: string;
    let title: string | undefined;
    if (e.keyword === 'required' || e.keyword === 'additionalProperties') {
      const prop = String(e.params.missingProperty ?? e.params.additionalProperty ?? '');
      key = segs[0] ?? prop;
      title = segs.length ? undefined : e.parentSchema?.properties?.[prop]?.title;
      title ??= prop;
    } else {
      key = segs[0] ?? '_';
      title = e.parentSchema?.title ?? key;
    }
    // anyOf reports each branch before itself: keep the branch-neutral message.
    if (out[key] && e.keyword !== 'anyOf') continue;
    out[key] = messageFor(e.keyword, title, e.params, e.parentSchema ?? {});
  }
  return out;
}

/** A route schema's errors as validation_failed with a Chinese message per field (a body that is not an object: bad_request). */
export function validationError(errors: readonly SchemaError[], context = 'body'): AppError {
  if (context === 'body' && errors.some((x) => x.instancePath === '' && x.keyword === 'type')) return new AppError('bad_request', '请求体应为 JSON 对象。');
  const fields = fieldErrors(errors);
  const first = Object.values(fields)[0];
  return new AppError('validation_failed', first ? `提交的内容有误：${first}。` : undefined, fields);
}

/** The schema errors Fastify attached to a request (route option attachValidation), or null. */
export function attachedErrors(req: { validationError?: Error & { validation?: unknown; validationContext?: string } }): AppError | null {
  const e = req.validationError;
  if (!e) return null;
  return Array.isArray(e.validation) ? validationError(e.validation as SchemaError[], e.validationContext) : new AppError('bad_request');
}

/** The same errors in the order the fields appear on the form (ErrorSummary lists them as given); others last. */
export function inFormOrder(errors: Record<string, string>, order: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of order) if (errors[k]) out[k] = errors[k];
  for (const [k, v] of Object.entries(errors)) if (!(k in out)) out[k] = v;
  return out;
}
