// HTML forms through one schema: every field is read bounded (the schema's maxLength, else a cap),
// trimmed, refused if it holds control characters, coerced to the schema's type with a Chinese
// message per field, then the module's domain checks run. On failure the caller re-renders the form
// with `values` (everything typed, as strings) and `errors`; ErrorSummary shows them GOV.UK-style.
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { hasControlChar, CONTROL_CHAR_MESSAGE } from '../http/input-guard.ts';
import { messageFor } from './messages.ts';
import { DATE_PATTERN } from './schema.ts';

/** What a form shows again: each field as typed (a checkbox list: the checked values). */
export type FormStrings = Record<string, string | string[]>;
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; values: T; strings: FormStrings }
  | { ok: false; values: FormStrings; errors: FieldErrors; summary: string };

export interface ParseOptions {
  /**
   * Domain checks a schema cannot express (check digits, conditional required fields …). Gets the
   * strings as typed, so that it also runs when the schema failed and every field is reported;
   * its message wins over the schema's for the same field.
   */
  domain?: (strings: FormStrings) => FieldErrors | null | undefined;
  /** Longest string read when a field's schema has no maxLength. */
  cap?: number;
}

export const DEFAULT_CAP = 2000;
/** Most values one checkbox list may post. */
const MAX_LIST = 50;
const SUMMARY = '提交的内容有误，请修改后重新提交';

type S = TSchema & { type?: string; title?: string; maxLength?: number; minLength?: number; enum?: string[]; pattern?: string;
  minimum?: number; maximum?: number; minItems?: number; maxItems?: number; items?: S; default?: unknown; multiline?: boolean; verbatim?: boolean };

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

function realDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Reads one raw value as the string the form shows again: bounded, line breaks normalised, trimmed.
 * `verbatim` only bounds it: a password's spaces are part of it, and text whose messages cite line
 * numbers must keep its leading blank lines.
 */
function readString(raw: unknown, max: number, verbatim = false): string {
  const v = first(raw);
  const s = typeof v === 'string' ? v.slice(0, max + 1) : '';
  return verbatim ? s : s.replace(/\r\n?/g, '\n').trim();
}

/** Parses `body` (a urlencoded or multipart body) with a TypeBox object schema. */
export function parseForm<T extends TObject>(schema: T, body: unknown, opts: ParseOptions = {}): FormResult<Static<T>> {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const required = new Set(schema.required ?? []);
  const cap = opts.cap ?? DEFAULT_CAP;
  const strings: FormStrings = {};
  const out: Record<string, unknown> = {};
  const errors: FieldErrors = {};

  for (const [key, propSchema] of Object.entries(schema.properties)) {
    const p = propSchema as S;
    const name = p.title ?? key;
    const raw = b[key];
    const fail = (keyword: string, params: Record<string, unknown> = {}) => { errors[key] ??= messageFor(keyword, name, params, p); };

    if (p.type === 'array') {
      const item = p.items ?? ({} as S);
      const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
        .slice(0, MAX_LIST).filter((x): x is string => typeof x === 'string').map((x) => readString(x, item.maxLength ?? 200)).filter(Boolean);
      strings[key] = list;
      if (list.some(hasControlChar)) { errors[key] = CONTROL_CHAR_MESSAGE; continue; }
      if (item.enum && list.some((x) => !item.enum!.includes(x))) fail('enum');
      else if (p.minItems !== undefined && list.length < p.minItems) fail(p.minItems === 1 ? 'required' : 'minItems', { limit: p.minItems });
      else if (p.maxItems !== undefined && list.length > p.maxItems) fail('maxItems', { limit: p.maxItems });
      out[key] = list;
      continue;
    }

    if (p.type === 'boolean') {
      // A checkbox: present (any value but an explicit "false"/"0") means true.
      const s = readString(raw, 10);
      strings[key] = s;
      out[key] = raw !== undefined && s !== 'false' && s !== '0';
      continue;
    }

    const max = p.maxLength ?? cap;
    const s = readString(raw, max, p.verbatim === true);
    strings[key] = s;
    if (hasControlChar(s)) { errors[key] = CONTROL_CHAR_MESSAGE; continue; }
    if (s === '') {
      if (p.default !== undefined) out[key] = p.default;
      else if (required.has(key)) fail('required');
      continue;
    }
    if (p.type === 'integer' || p.type === 'number') {
      const n = Number(s);
      if ((p.type === 'integer' ? !/^-?\d{1,15}$/.test(s) : !/^-?\d+(\.\d+)?$/.test(s)) || !Number.isFinite(n)) { fail('type', { type: p.type }); continue; }
      if (p.minimum !== undefined && n < p.minimum) fail('minimum', { limit: p.minimum });
      else if (p.maximum !== undefined && n > p.maximum) fail('maximum', { limit: p.maximum });
      out[key] = n;
      continue;
    }
    // Strings (enums and dates included). Lengths count characters, not UTF-16 units.
    const len = Array.from(s).length;
    if (len > max) fail('maxLength', { limit: max });
    else if (p.minLength !== undefined && len < p.minLength) fail('minLength', { limit: p.minLength });
    else if (p.enum && !p.enum.includes(s)) fail('enum');
    else if (p.pattern && !new RegExp(p.pattern, 'u').test(s)) fail('pattern');
    else if (p.pattern === DATE_PATTERN && !realDate(s)) fail('format');
    out[key] = s;
  }

  const domain = opts.domain?.(strings) ?? {};
  for (const [k, m] of Object.entries(domain)) if (m) errors[k] = m;
  if (Object.keys(errors).length) return { ok: false, values: strings, errors, summary: SUMMARY };
  return { ok: true, values: out as Static<T>, strings };
}

/**
 * A result's single-value fields as typed (bounded strings, '' when absent), whether or not the
 * schema passed, for domain code that validates strings itself. List fields are left out.
 */
export function formText<T>(r: FormResult<T>): Record<keyof T & string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.ok ? r.strings : r.values)) if (typeof v === 'string') out[k] = v;
  return out as Record<keyof T & string, string>;
}

/** formText of parseForm: each text field of `schema` read bounded, '' when absent (forms whose rules are domain checks). */
export function readStrings<T extends TObject>(schema: T, body: unknown): Record<keyof T['properties'] & string, string> {
  const out: Record<string, string> = formText(parseForm(schema, body));
  for (const k of Object.keys(schema.properties)) out[k] ??= '';
  return out as Record<keyof T['properties'] & string, string>;
}
