// Validators for Chinese official identifiers. Pure functions; reasons are formal Simplified Chinese
// so they can be shown to users as is.
//   - 统一社会信用代码 GB 32100-2015
//   - 组织机构代码 GB 11714-1997
//   - 行政区划代码 GB/T 2260 (6 digits) / 统计用区划代码 (12 digits)
//   - 居民身份证号码 GB 11643-1999
import { toBeijingDate } from '../time/index.ts';

export interface Invalid {
  ok: false;
  reason: string;
}

/** Upper-case, NFKC (full-width → half-width) and strip all whitespace. */
function normaliseInput(code: unknown): string {
  return typeof code === 'string' ? code.normalize('NFKC').replace(/\s+/gu, '').toUpperCase() : '';
}

// ---------------------------------------------------------------------------
// 组织机构代码 GB 11714-1997
// ---------------------------------------------------------------------------

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Digit → its value, letter A–Z → 10–35 (GB 11714). */
function orgCharValue(c: string): number {
  return /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
}

export function computeOrgCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError(`computeOrgCodeCheckChar: expected 8 digits/upper-case letters, got '${first8}'`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(first8[i]!) * ORG_WEIGHTS[i]!;
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

export type OrgCodeResult = { ok: true; normalised: string } | Invalid;

/** Accepts '123456789' or '12345678-9'; `normalised` has no hyphen. */
export function validateOrgCode(code: string): OrgCodeResult {
  const s = normaliseInput(code).replace(/[－—–]/g, '-');
  if (s === '') return { ok: false, reason: '组织机构代码不能为空' };
  const hyphen = s.length === 10 && s[8] === '-';
  const body = hyphen ? s.slice(0, 8) + s.slice(9) : s;
  if (body.length !== 9 || body.includes('-')) {
    return { ok: false, reason: `组织机构代码应为9位（可写作“12345678-9”形式），当前为${s.length}位` };
  }
  if (!/^[0-9A-Z]{8}$/.test(body.slice(0, 8))) {
    return { ok: false, reason: '组织机构代码前8位（本体代码）只能由数字或大写英文字母组成' };
  }
  const given = body[8]!;
  if (!/^[0-9X]$/.test(given)) return { ok: false, reason: '组织机构代码第9位（校验码）应为数字或字母X' };
  const expected = computeOrgCodeCheckChar(body.slice(0, 8));
  if (given !== expected) return { ok: false, reason: `组织机构代码校验码错误，应为${expected}` };
  return { ok: true, normalised: body };
}

// ---------------------------------------------------------------------------
// 统一社会信用代码 GB 32100-2015
// ---------------------------------------------------------------------------

// 31 characters; a character's value is its index. I, O, Z, S, V are excluded.
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function computeUsccCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !USCC_CHARSET.includes(c))) {
    throw new RangeError(`computeUsccCheckChar: expected 17 characters from ${USCC_CHARSET}, got '${first17}'`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type UsccResult =
  | {
      ok: true;
      normalised: string;
      /** 第1位 登记管理部门码 (e.g. '9' 工商, '1' 机构编制, '5' 民政). */
      registrationAuthorityCode: string;
      /** 第2位 机构类别码. */
      organisationTypeCode: string;
      /** 第3–8位 登记管理机关行政区划码. */
      regionCode: string;
      /** 第9–17位 主体标识码（组织机构代码）. */
      orgCode: string;
      /** Whether the embedded 组织机构代码 check char is valid per GB 11714 (informational only). */
      orgCodeCheckValid: boolean;
    }
  | Invalid;

export function validateUscc(code: string): UsccResult {
  const s = normaliseInput(code);
  if (s === '') return { ok: false, reason: '统一社会信用代码不能为空' };
  if (s.length !== 18) return { ok: false, reason: `统一社会信用代码应为18位，当前为${s.length}位` };
  for (let i = 0; i < 18; i++) {
    if (!USCC_CHARSET.includes(s[i]!)) {
      return {
        ok: false,
        reason: `统一社会信用代码第${i + 1}位“${s[i]}”不是有效字符（只能使用数字及除I、O、S、V、Z以外的大写英文字母）`,
      };
    }
  }
  const regionCode = s.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) {
    return { ok: false, reason: '统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字' };
  }
  const expected = computeUsccCheckChar(s.slice(0, 17));
  if (s[17] !== expected) return { ok: false, reason: `统一社会信用代码校验码错误，应为${expected}` };
  const orgCode = s.slice(8, 17);
  // Not a hard rule: only the GB 32100 check character decides validity.
  const orgCodeCheckValid = /^[0-9X]$/.test(orgCode[8]!) && computeOrgCodeCheckChar(orgCode.slice(0, 8)) === orgCode[8];
  return {
    ok: true,
    normalised: s,
    registrationAuthorityCode: s[0]!,
    organisationTypeCode: s[1]!,
    regionCode,
    orgCode,
    orgCodeCheckValid,
  };
}

export type OrganisationCodeResult =
  | ({ kind: 'uscc' } & Extract<UsccResult, { ok: true }>)
  | ({ kind: 'orgCode' } & Extract<OrgCodeResult, { ok: true }>)
  | Invalid;

/** Either an 18-char 统一社会信用代码 or a 9-char 组织机构代码 (optionally '12345678-9'). */
export function validateOrganisationCode(code: string): OrganisationCodeResult {
  const s = normaliseInput(code);
  if (s === '') return { ok: false, reason: '机构代码不能为空' };
  if (s.length === 18) {
    const r = validateUscc(s);
    return r.ok ? { kind: 'uscc', ...r } : r;
  }
  if (s.length === 9 || s.length === 10) {
    const r = validateOrgCode(s);
    return r.ok ? { kind: 'orgCode', ...r } : r;
  }
  return {
    ok: false,
    reason: `机构代码长度不正确：应为18位统一社会信用代码或9位组织机构代码，当前为${s.length}位`,
  };
}

// ---------------------------------------------------------------------------
// 行政区划代码
// ---------------------------------------------------------------------------

// Province-level codes (GB/T 2260): all lie within 11–82.
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';
export type RegionCodeResult = { ok: true; normalised: string; provinceCode: string; level: RegionLevel } | Invalid;

/** 6-digit 行政区划代码, or 12-digit 统计用区划代码. */
export function validateRegionCode(code: string): RegionCodeResult {
  const s = normaliseInput(code);
  if (s === '') return { ok: false, reason: '行政区划代码不能为空' };
  if (!/^\d+$/.test(s)) return { ok: false, reason: '行政区划代码只能由数字组成' };
  if (s.length !== 6 && s.length !== 12) {
    return { ok: false, reason: `行政区划代码应为6位（统计用区划代码为12位），当前为${s.length}位` };
  }
  const provinceCode = s.slice(0, 2);
  if (!PROVINCE_CODES.has(provinceCode)) {
    return { ok: false, reason: `行政区划代码前2位“${provinceCode}”不是有效的省级代码` };
  }
  let level: RegionLevel;
  if (s.length === 12 && s.slice(9) !== '000') level = 'village';
  else if (s.length === 12 && s.slice(6, 9) !== '000') level = 'township';
  else if (s.slice(4, 6) !== '00') level = 'county';
  else if (s.slice(2, 4) !== '00') level = 'prefecture';
  else level = 'province';
  return { ok: true, normalised: s, provinceCode, level };
}

// ---------------------------------------------------------------------------
// 居民身份证号码 GB 11643-1999
// ---------------------------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_MAP = '10X98765432';

function computeIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_MAP[sum % 11]!;
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** 'YYYY-MM-DD' of a Date in China time, independent of the process TZ. */
const chinaDate = (d: Date): string => toBeijingDate(d);

export type IdNumberResult =
  | {
      ok: true;
      /** Upper-case, whitespace removed; 15-digit numbers are kept as 15 digits. */
      normalised: string;
      /** 18-digit equivalent (same as `normalised` for 18-digit input). */
      upgraded: string;
      /** 'YYYY-MM-DD' */
      birthDate: string;
      sex: 'male' | 'female';
      /** First 6 digits: 行政区划代码 at time of issue (not validated). */
      regionCode: string;
    }
  | Invalid;

/**
 * 18-digit 居民身份证号码 (GB 11643 check digit) or 15-digit old format (19YYMMDD).
 * `today` (Date, or 'YYYY-MM-DD' in China time) enables rejecting birth dates in the future.
 */
export function validateChineseIdNumber(id: string, today?: Date | string): IdNumberResult {
  const s = normaliseInput(id);
  if (s === '') return { ok: false, reason: '身份证号码不能为空' };
  let birth: string;
  let sexDigit: string;
  let upgraded: string;
  if (s.length === 18) {
    if (!/^\d{17}[\dX]$/.test(s)) {
      return { ok: false, reason: '身份证号码格式错误：前17位应为数字，第18位应为数字或字母X' };
    }
    birth = s.slice(6, 14);
    sexDigit = s[16]!;
    upgraded = s;
  } else if (s.length === 15) {
    if (!/^\d{15}$/.test(s)) return { ok: false, reason: '15位身份证号码应全部由数字组成' };
    birth = `19${s.slice(6, 12)}`;
    sexDigit = s[14]!;
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    upgraded = first17 + computeIdCheckChar(first17);
  } else {
    return { ok: false, reason: `身份证号码应为18位（或15位旧号码），当前为${s.length}位` };
  }

  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  if (y < 1800 || !isValidDate(y, m, d)) return { ok: false, reason: '身份证号码中的出生日期无效' };
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (today !== undefined) {
    const todayStr = typeof today === 'string' ? today : chinaDate(today);
    if (birthDate > todayStr) return { ok: false, reason: '身份证号码中的出生日期晚于当前日期' };
  }

  if (s.length === 18) {
    const expected = computeIdCheckChar(s.slice(0, 17));
    if (s[17] !== expected) return { ok: false, reason: `身份证号码校验码错误，应为${expected}` };
  }
  return {
    ok: true,
    normalised: s,
    upgraded,
    birthDate,
    sex: Number(sexDigit) % 2 === 1 ? 'male' : 'female',
    regionCode: s.slice(0, 6),
  };
}
