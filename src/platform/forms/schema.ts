// Schema building blocks shared by the JSON API and HTML forms. A route's TypeBox schema is its
// TypeScript type, its validation (Fastify's Ajv, or parseForm for HTML forms) and its OpenAPI
// description; `title` is the Chinese field name every error message uses.
import { Type, type TSchema, type TUnsafe, type SchemaOptions, type StringOptions } from '@sinclair/typebox';
import { ERROR_CODES } from '../errors.ts';

/** A string from a fixed list, described as `enum` (TypeBox unions would become anyOf of consts). */
export function StringEnum<const T extends readonly string[]>(values: T, opts: SchemaOptions = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });
}

/** A bounded string with its Chinese name. */
export const Str = (title: string, maxLength: number, opts: StringOptions = {}) => Type.String({ title, maxLength, ...opts });

/** A password: bounded like Str, but read exactly as typed (parseForm neither trims it nor touches its line breaks). */
export const Password = (title: string, maxLength: number) => Type.String({ title, maxLength, verbatim: true });

/** A positive database id (int4). */
export const Id = (title: string, opts: SchemaOptions = {}) => Type.Integer({ title, minimum: 1, maximum: 2_147_483_647, ...opts });

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** A calendar date (YYYY-MM-DD); the day itself is checked by parseForm / the domain. */
export const DateStr = (title: string, opts: StringOptions = {}) => Type.String({ title, pattern: DATE_PATTERN, maxLength: 10, ...opts });

/** `k` 说明；… from a code → label map, for enum descriptions. */
export const describeCodes = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `\`${k}\` ${v}`).join('；');

/** The one JSON error shape: `{ error: { code, message, fields? } }`. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: StringEnum(ERROR_CODES, { description: '稳定的英文错误代码' }),
    message: Type.String({ description: '中文说明' }),
    fields: Type.Optional(Type.Record(Type.String(), Type.String(), { description: '逐字段的中文错误说明（键为字段名）' })),
  }),
}, { $id: 'Error', title: '错误', description: '所有接口错误的统一格式' });

/** A reference to ErrorBody (registered once with addSchema) for a response status. */
export const ErrorRef = (description: string) => Type.Unsafe<{ error: { code: string; message: string; fields?: Record<string, string> } }>({ $ref: 'Error#', description });

export type { TSchema };
