import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeOrgCodeCheckChar,
  computeUsccCheckChar,
  validateChineseIdNumber,
  validateOrgCode,
  validateOrganisationCode,
  validateRegionCode,
  validateUscc,
} from './codes.ts';

function reasonOf(r: { ok: boolean; reason?: string }): string {
  assert.equal(r.ok, false, 'expected a failure');
  return r.reason ?? '';
}

// ---------------------------------------------------------------------------
// 统一社会信用代码
// ---------------------------------------------------------------------------

test('USCC: GB 32100-2015 sample and published enterprise codes validate', () => {
  const r = validateUscc('91350100M000100Y43');
  assert.deepEqual(r, {
    ok: true,
    normalised: '91350100M000100Y43',
    registrationAuthorityCode: '9',
    organisationTypeCode: '1',
    regionCode: '350100',
    orgCode: 'M000100Y4',
    orgCodeCheckValid: true,
  });
  // Publicly registered enterprises (深圳市腾讯计算机系统有限公司, 阿里巴巴（中国）有限公司).
  assert.equal(validateUscc('9144030071526726XG').ok, true);
  assert.equal(validateUscc('91330100716105852F').ok, true);
});

test('USCC: computeUsccCheckChar', () => {
  assert.equal(computeUsccCheckChar('91350100M000100Y4'), '3');
  assert.equal(computeUsccCheckChar('9144030071526726X'), 'G');
  assert.throws(() => computeUsccCheckChar('91350100M000100Y'), RangeError);
  assert.throws(() => computeUsccCheckChar('91350100M000100I4'), RangeError);
  // Every generated code validates, across all registration authorities and a range of bodies.
  for (const head of ['11', '12', '51', '52', '53', '91', '92', '93', 'Y1']) {
    for (let i = 0; i < 50; i++) {
      const org8 = String(10000000 + i * 1234567).slice(0, 8);
      const first17 = `${head}110105${org8}${computeOrgCodeCheckChar(org8)}`;
      const code = first17 + computeUsccCheckChar(first17);
      const r = validateUscc(code);
      assert.ok(r.ok, code);
      assert.equal(r.orgCodeCheckValid, true);
    }
  }
});

test('USCC: normalisation of case, whitespace and full-width input', () => {
  for (const input of ['91350100m000100y43', ' 9135 0100 M000 100Y 43 ', '９１３５０１００Ｍ０００１００Ｙ４３']) {
    const r = validateUscc(input);
    assert.ok(r.ok, input);
    assert.equal(r.normalised, '91350100M000100Y43');
  }
});

test('USCC: wrong check character names the expected one', () => {
  assert.equal(reasonOf(validateUscc('91350100M000100Y44')), '统一社会信用代码校验码错误，应为3');
  assert.equal(reasonOf(validateUscc('9144030071526726XH')), '统一社会信用代码校验码错误，应为G');
  // Single-character typo in the body is detected.
  assert.match(reasonOf(validateUscc('91350100M000200Y43')), /校验码错误/);
  // Transposition of two adjacent characters is detected.
  assert.match(reasonOf(validateUscc('93150100M000100Y43')), /校验码错误/);
});

test('USCC: wrong length and empty input', () => {
  assert.equal(reasonOf(validateUscc('')), '统一社会信用代码不能为空');
  assert.equal(reasonOf(validateUscc('   ')), '统一社会信用代码不能为空');
  assert.equal(reasonOf(validateUscc(undefined as unknown as string)), '统一社会信用代码不能为空');
  assert.equal(reasonOf(validateUscc('91350100M000100Y4')), '统一社会信用代码应为18位，当前为17位');
  assert.equal(reasonOf(validateUscc('91350100M000100Y433')), '统一社会信用代码应为18位，当前为19位');
});

test('USCC: forbidden letters I, O, Z, S, V and other characters', () => {
  for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
    const code = `91350100M000100${letter}43`;
    assert.equal(
      reasonOf(validateUscc(code)),
      `统一社会信用代码第16位“${letter}”不是有效字符（只能使用数字及除I、O、S、V、Z以外的大写英文字母）`,
      code,
    );
  }
  assert.match(reasonOf(validateUscc('91350100M000100-43')), /第16位“-”不是有效字符/);
  assert.match(reasonOf(validateUscc('O1350100M000100Y43')), /第1位“O”/);
});

test('USCC: region part must be digits; embedded org code check is informational only', () => {
  const f17 = '9135A100M000100Y4';
  assert.equal(
    reasonOf(validateUscc(f17 + computeUsccCheckChar(f17))),
    '统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字',
  );
  // Embedded 组织机构代码 with a wrong GB 11714 check char: still accepted, flagged.
  const g17 = '91350100M000100Y5';
  const r = validateUscc(g17 + computeUsccCheckChar(g17));
  assert.ok(r.ok);
  assert.equal(r.orgCodeCheckValid, false);
  assert.equal(r.orgCode, 'M000100Y5');
});

// ---------------------------------------------------------------------------
// 组织机构代码
// ---------------------------------------------------------------------------

test('org code: valid with and without hyphen, normalised', () => {
  assert.deepEqual(validateOrgCode('M000100Y4'), { ok: true, normalised: 'M000100Y4' });
  assert.deepEqual(validateOrgCode('M000100Y-4'), { ok: true, normalised: 'M000100Y4' });
  assert.deepEqual(validateOrgCode('m000100y-4'), { ok: true, normalised: 'M000100Y4' });
  assert.deepEqual(validateOrgCode('D2143569-X'), { ok: true, normalised: 'D2143569X' });
  assert.deepEqual(validateOrgCode('71526726-x'), { ok: true, normalised: '71526726X' });
  assert.deepEqual(validateOrgCode('12345678－8'), { ok: true, normalised: '123456788' }); // full-width hyphen
});

test('org code: computeOrgCodeCheckChar incl. the 10 → X and 11 → 0 cases', () => {
  assert.equal(computeOrgCodeCheckChar('M000100Y'), '4');
  assert.equal(computeOrgCodeCheckChar('D2143569'), 'X');
  assert.equal(computeOrgCodeCheckChar('12345678'), '8');
  // sum ≡ 0 (mod 11) → 11 → '0'
  assert.equal(computeOrgCodeCheckChar('00000000'), '0');
  assert.throws(() => computeOrgCodeCheckChar('1234567'), RangeError);
  assert.throws(() => computeOrgCodeCheckChar('1234567a'), RangeError);
  const seen = new Set<string>();
  for (let i = 0; i < 500; i++) {
    const body = String(i * 7919).padStart(8, '0');
    const c = computeOrgCodeCheckChar(body);
    seen.add(c);
    assert.equal(validateOrgCode(body + c).ok, true, body + c);
  }
  assert.ok(seen.has('X') && seen.has('0'));
});

test('org code: rejections', () => {
  assert.equal(reasonOf(validateOrgCode('')), '组织机构代码不能为空');
  assert.equal(reasonOf(validateOrgCode('M000100Y-5')), '组织机构代码校验码错误，应为4');
  assert.equal(reasonOf(validateOrgCode('D2143569-0')), '组织机构代码校验码错误，应为X');
  assert.match(reasonOf(validateOrgCode('M000100Y')), /应为9位.*当前为8位/);
  assert.match(reasonOf(validateOrgCode('M00010-0Y4')), /应为9位/); // hyphen in the wrong place
  assert.match(reasonOf(validateOrgCode('M000100Y4-')), /应为9位/);
  assert.equal(reasonOf(validateOrgCode('M00_100Y4')), '组织机构代码前8位（本体代码）只能由数字或大写英文字母组成');
  assert.equal(reasonOf(validateOrgCode('M000100YA')), '组织机构代码第9位（校验码）应为数字或字母X');
});

test('validateOrganisationCode dispatches on length', () => {
  const u = validateOrganisationCode('91350100M000100Y43');
  assert.ok(u.ok);
  assert.equal(u.kind, 'uscc');
  const o = validateOrganisationCode('M000100Y-4');
  assert.ok(o.ok);
  assert.equal(o.kind, 'orgCode');
  assert.equal(o.normalised, 'M000100Y4');
  assert.equal(validateOrganisationCode('M000100Y4').ok, true);
  assert.equal(reasonOf(validateOrganisationCode('')), '机构代码不能为空');
  assert.equal(
    reasonOf(validateOrganisationCode('12345')),
    '机构代码长度不正确：应为18位统一社会信用代码或9位组织机构代码，当前为5位',
  );
  assert.equal(reasonOf(validateOrganisationCode('91350100M000100Y44')), '统一社会信用代码校验码错误，应为3');
  assert.equal(reasonOf(validateOrganisationCode('M000100Y-5')), '组织机构代码校验码错误，应为4');
});

// ---------------------------------------------------------------------------
// 行政区划代码
// ---------------------------------------------------------------------------

test('region code: valid 6- and 12-digit codes with level', () => {
  assert.deepEqual(validateRegionCode('110000'), { ok: true, normalised: '110000', provinceCode: '11', level: 'province' });
  assert.equal((validateRegionCode('350100') as { level: string }).level, 'prefecture');
  assert.equal((validateRegionCode('110105') as { level: string }).level, 'county');
  assert.equal((validateRegionCode('419001') as { level: string }).level, 'county');
  assert.equal((validateRegionCode('110105000000') as { level: string }).level, 'county');
  assert.equal((validateRegionCode('110105001000') as { level: string }).level, 'township');
  assert.equal((validateRegionCode('110105001001') as { level: string }).level, 'village');
  for (const p of ['11', '46', '50', '54', '65', '71', '81', '82']) assert.equal(validateRegionCode(`${p}0000`).ok, true, p);
  assert.equal(validateRegionCode(' 110105 ').ok, true);
});

test('region code: rejections', () => {
  assert.equal(reasonOf(validateRegionCode('')), '行政区划代码不能为空');
  assert.equal(reasonOf(validateRegionCode('11010A')), '行政区划代码只能由数字组成');
  assert.equal(reasonOf(validateRegionCode('11010')), '行政区划代码应为6位（统计用区划代码为12位），当前为5位');
  assert.match(reasonOf(validateRegionCode('1101050')), /当前为7位/);
  for (const p of ['00', '10', '16', '20', '47', '83', '99']) {
    assert.equal(reasonOf(validateRegionCode(`${p}0101`)), `行政区划代码前2位“${p}”不是有效的省级代码`);
  }
});

// ---------------------------------------------------------------------------
// 居民身份证号码
// ---------------------------------------------------------------------------

test('ID: GB 11643 samples validate', () => {
  assert.deepEqual(validateChineseIdNumber('11010519491231002X'), {
    ok: true,
    normalised: '11010519491231002X',
    upgraded: '11010519491231002X',
    birthDate: '1949-12-31',
    sex: 'female',
    regionCode: '110105',
  });
  const r = validateChineseIdNumber('440524188001010014');
  assert.ok(r.ok);
  assert.equal(r.birthDate, '1880-01-01');
  assert.equal(r.sex, 'male');
});

test('ID: lower-case x, whitespace and full-width are normalised', () => {
  for (const input of ['11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２ｘ']) {
    const r = validateChineseIdNumber(input);
    assert.ok(r.ok, input);
    assert.equal(r.normalised, '11010519491231002X');
  }
});

test('ID: wrong check digit, length and characters', () => {
  assert.equal(reasonOf(validateChineseIdNumber('110105194912310021')), '身份证号码校验码错误，应为X');
  assert.equal(reasonOf(validateChineseIdNumber('11010519491231003X')), `身份证号码校验码错误，应为${'8'}`);
  assert.equal(reasonOf(validateChineseIdNumber('')), '身份证号码不能为空');
  assert.equal(reasonOf(validateChineseIdNumber(null as unknown as string)), '身份证号码不能为空');
  assert.equal(reasonOf(validateChineseIdNumber('1101051949123100')), '身份证号码应为18位（或15位旧号码），当前为16位');
  assert.equal(reasonOf(validateChineseIdNumber('11010519491231002XX')), '身份证号码应为18位（或15位旧号码），当前为19位');
  assert.equal(
    reasonOf(validateChineseIdNumber('1101051949123100XX')),
    '身份证号码格式错误：前17位应为数字，第18位应为数字或字母X',
  );
  assert.match(reasonOf(validateChineseIdNumber('11010519491231002Y')), /格式错误/);
  assert.equal(reasonOf(validateChineseIdNumber('11010549123100A')), '15位身份证号码应全部由数字组成');
});

test('ID: birth date must be a real date and not in the future when today is given', () => {
  const build = (first17: string) => {
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...first17].reduce((a, c, i) => a + Number(c) * w[i]!, 0);
    return first17 + '10X98765432'[sum % 11];
  };
  assert.equal(reasonOf(validateChineseIdNumber(build('11010519490230002'))), '身份证号码中的出生日期无效');
  assert.equal(reasonOf(validateChineseIdNumber(build('11010519491301002'))), '身份证号码中的出生日期无效');
  assert.equal(reasonOf(validateChineseIdNumber(build('11010519490000002'))), '身份证号码中的出生日期无效');
  assert.equal(reasonOf(validateChineseIdNumber(build('11010517991231002'))), '身份证号码中的出生日期无效');
  assert.equal(validateChineseIdNumber(build('11010520000229002')).ok, true); // leap year
  assert.equal(reasonOf(validateChineseIdNumber(build('11010519000229002'))), '身份证号码中的出生日期无效');

  const future = build('11010520300101001');
  assert.equal(validateChineseIdNumber(future).ok, true); // no `today` → no future check
  assert.equal(reasonOf(validateChineseIdNumber(future, new Date('2025-06-01T12:00:00+08:00'))), '身份证号码中的出生日期晚于当前日期');
  assert.equal(reasonOf(validateChineseIdNumber(future, '2029-12-31')), '身份证号码中的出生日期晚于当前日期');
  assert.equal(validateChineseIdNumber(future, '2030-01-01').ok, true);
  // 2030-01-01 00:30 China time is still 2029-12-31 in UTC: the check uses China time.
  assert.equal(validateChineseIdNumber(future, new Date('2029-12-31T16:30:00Z')).ok, true);
  assert.equal(validateChineseIdNumber(future, new Date('2029-12-31T15:30:00Z')).ok, false);
});

test('ID: 15-digit old format', () => {
  const r = validateChineseIdNumber('110105491231002');
  assert.deepEqual(r, {
    ok: true,
    normalised: '110105491231002',
    upgraded: '11010519491231002X',
    birthDate: '1949-12-31',
    sex: 'female',
    regionCode: '110105',
  });
  assert.equal((validateChineseIdNumber('110105491231001') as { sex: string }).sex, 'male');
  assert.equal(reasonOf(validateChineseIdNumber('110105490231002')), '身份证号码中的出生日期无效');
  assert.equal(reasonOf(validateChineseIdNumber('110105491232002')), '身份证号码中的出生日期无效');
});
