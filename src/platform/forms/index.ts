// One schema per input: TypeBox schemas for route params, query strings, JSON bodies (validated by
// Fastify through the type provider) and HTML forms (parseForm), with Chinese messages per field.
export { parseForm, readStrings, formText, DEFAULT_CAP, type FormResult, type FormStrings, type FieldErrors, type ParseOptions } from './parse.ts';
export { StringEnum, Str, Password, Id, DateStr, DATE_PATTERN, describeCodes, ErrorBody, ErrorRef } from './schema.ts';
export { fieldErrors, messageFor, validationError, attachedErrors, inFormOrder } from './messages.ts';
export { dropEmptyQuery, QueryStr, QUERY_CAP, IdParams, ownValue, labelOf } from './query.ts';
export { Type, type Static } from '@sinclair/typebox';
