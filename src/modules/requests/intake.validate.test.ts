// Table tests of the pure intake rules: application validation, receipt dates per channel,
// tracking-number formats, query codes, description similarity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeUsccCheckChar } from '../../platform/validation/codes.ts';
import { descriptionSimilarity, normalisePhone, offlineReceiptDate, validateApplication, type ApplicationInput } from './intake.ts';
import {
  QUERY_CODE_ALPHABET, formatQueryCode, generateQueryCode, hashQueryCode, normaliseQueryCode, renderTrackingNo,
  validateTrackingFormat, verifyQueryCode,
} from './tracking.ts';

const TODAY = '2026-03-10';
const USCC = (() => { const f = '91361129MA35XXXX0'.replace(/X/g, '1'); return f + computeUsccCheckChar(f); })();

export const person = (p: ApplicationInput = {}): ApplicationInput => ({
  orgId: '5', applicantType: 'natural', applicantName: '张三', idType: 'id_card', idNumber: '11010519491231002X',
  phone: '13812345678', email: '', address: '云溪县城关镇人民路8号', postcode: '334600',
  infoDescription: '2025年县级义务教育学校校舍维修项目的招标文件和中标结果', forms: ['paper'], delivery: 'post', ...p,
});

test('a complete natural-person application is valid and normalised', () => {
  const v = validateApplication(person({ idNumber: ' 11010519491231002x ', phone: '138 1234 5678', infoDocNo: '云教体发[2025]3号' }), TODAY);
  assert.ok(v.ok, JSON.stringify(v));
  if (!v.ok) return;
  assert.equal(v.value.idNumber, '11010519491231002X');
  assert.equal(v.value.phone, '13812345678');
  assert.equal(v.value.infoDocNo, '云教体发〔2025〕3号');
  assert.equal(v.value.orgId, 5);
  assert.equal(v.value.kind, 'disclosure');
  assert.deepEqual(v.value.forms, ['paper']);
});

const cases: [string, ApplicationInput, string, RegExp][] = [
  ['no organisation', { orgId: '' }, 'orgId', /请选择/],
  ['organisation not a number', { orgId: 'abc' }, 'orgId', /无效/],
  ['no applicant type', { applicantType: '' }, 'applicantType', /请选择申请人类型/],
  ['unknown applicant type', { applicantType: 'alien' }, 'applicantType', /无效/],
  ['no name', { applicantName: '  ' }, 'applicantName', /请填写申请人姓名/],
  ['name too long', { applicantName: '张'.repeat(101) }, 'applicantName', /不能超过 100/],
  ['ID check digit wrong', { idNumber: '110105194912310021' }, 'idNumber', /校验码错误，应为X/],
  ['ID birth date impossible', { idNumber: '110105194902310028' }, 'idNumber', /出生日期无效/],
  ['ID too short', { idNumber: '1101051949' }, 'idNumber', /应为18位/],
  ['no ID number', { idNumber: '' }, 'idNumber', /请填写证件号码/],
  ['passport with odd characters', { idType: 'passport', idNumber: 'E<12345>' }, 'idNumber', /2 至 40 位/],
  ['person with USCC', { idType: 'uscc', idNumber: USCC }, 'idType', /自然人不能使用/],
  ['organisation with ID card', { applicantType: 'commercial', contactName: '李四', idType: 'id_card' }, 'idType', /法人或其他组织请选择/],
  ['organisation without contact', { applicantType: 'research', applicantName: '云溪农业研究所', idType: 'uscc', idNumber: USCC, contactName: '' }, 'contactName', /联系人/],
  ['USCC check char wrong', { applicantType: 'commercial', contactName: '李四', idType: 'uscc', idNumber: USCC.slice(0, 17) + (USCC[17] === '1' ? '2' : '1') }, 'idNumber', /校验码错误/],
  ['no phone', { phone: '' }, 'phone', /请填写联系电话/],
  ['bad phone', { phone: '12345' }, 'phone', /格式不正确/],
  ['bad e-mail', { email: 'zhangsan@' }, 'email', /格式不正确/],
  ['e-mail delivery without e-mail', { delivery: 'email', email: '' }, 'email', /请填写电子邮箱/],
  ['post without address', { address: '' }, 'address', /请填写通信地址/],
  ['bad postcode', { postcode: '3346' }, 'postcode', /6 位数字/],
  ['no description', { infoDescription: '' }, 'infoDescription', /请填写所需政府信息/],
  ['description too long', { infoDescription: '信'.repeat(2001) }, 'infoDescription', /不能超过 2000/],
  ['description too short', { infoDescription: '文件' }, 'infoDescription', /过短/],
  ['no form', { forms: [] }, 'forms', /至少选择一种/],
  ['unknown form', { forms: ['paper', 'pigeon'] }, 'forms', /无效/],
  ['no delivery', { delivery: '' }, 'delivery', /请选择获取信息的途径/],
  ['correction without detail', { kind: 'correction' }, 'correctionDetail', /不准确的内容/],
  ['unknown kind', { kind: 'complaint' }, 'kind', /申请类型无效/],
  ['fee waiver reason too long', { feeWaiverReason: '困'.repeat(501) }, 'feeWaiverReason', /不能超过 500/],
];
for (const [name, patch, field, msg] of cases) {
  test(`invalid: ${name} → ${field}`, () => {
    const v = validateApplication(person(patch), TODAY);
    assert.equal(v.ok, false, name);
    if (v.ok) return;
    assert.match(v.fields[field as keyof typeof v.fields] ?? '', msg, JSON.stringify(v.fields));
  });
}

test('valid variants: organisation, landline, e-mail delivery, correction, other ID, 文号 kept when not one', () => {
  const ok: ApplicationInput[] = [
    { applicantType: 'commercial', applicantName: '云溪县青石建材有限公司', contactName: '李四', idType: 'uscc', idNumber: USCC.toLowerCase() },
    { phone: '0793-5120030' }, { phone: '(0793)5120030' }, { phone: '+86 138-1234-5678' },
    { delivery: 'email', email: 'zhangsan@example.com', address: '' },
    { kind: 'correction', correctionDetail: '公示名单中本人姓名写错，应为张三。' },
    { idType: 'passport', idNumber: 'E12345678' },
    { infoDocNo: '去年的那个通知' },
    { forms: 'paper,electronic' },
  ];
  for (const p of ok) {
    const v = validateApplication(person(p), TODAY);
    assert.ok(v.ok, `${JSON.stringify(p)} → ${JSON.stringify(!v.ok && v.fields)}`);
  }
  const v = validateApplication(person({ infoDocNo: '去年的那个通知' }), TODAY);
  assert.ok(v.ok && v.value.infoDocNo === '去年的那个通知');
});

test('the 更正 field belongs to correction requests only: ignored for any other kind, whatever its length', () => {
  const typed = '误填的更正内容'.repeat(400);
  const v = validateApplication(person({ kind: 'disclosure', correctionDetail: typed }), TODAY);
  assert.ok(v.ok, JSON.stringify(!v.ok && v.fields));
  assert.equal(v.ok && v.value.correctionDetail, null);
  const absent = validateApplication(person({ correctionDetail: '本人姓名写错' }), TODAY);
  assert.equal(absent.ok && absent.value.correctionDetail, null, 'no kind is a disclosure request');
  const long = validateApplication(person({ kind: 'correction', correctionDetail: typed }), TODAY);
  assert.match(!long.ok ? long.fields.correctionDetail ?? '' : '', /不能超过 2000/);
  const ok = validateApplication(person({ kind: 'correction', correctionDetail: ' 公示名单中本人姓名写错，应为张三。 ' }), TODAY);
  assert.equal(ok.ok && ok.value.correctionDetail, '公示名单中本人姓名写错，应为张三。');
});

test('phone normalisation', () => {
  assert.equal(normalisePhone('138 1234 5678'), '13812345678');
  assert.equal(normalisePhone('+8613812345678'), '13812345678');
  assert.equal(normalisePhone('（0793）5120030'), '0793-5120030');
  assert.equal(normalisePhone('5120030'), null);
  assert.equal(normalisePhone('23812345678'), null);
});

test('receipt date per channel (第31条)', () => {
  const table: [Parameters<typeof offlineReceiptDate>[0], string, string | RegExp][] = [
    ['in_person', '', TODAY],
    ['oral', '', TODAY],
    ['in_person', '2026-03-09', '2026-03-09'],
    ['in_person', '2026-03-11', /不能晚于今天/],
    ['registered_mail', '', /签收日期/],
    ['registered_mail', '2026-03-05', '2026-03-05'],
    ['ordinary_mail', '', /确认的日期/],
    ['fax', '', /确认的日期/],
    ['email', '2026-02-30', /格式不正确/],
    ['email', '2024-03-09', /一年前/],
  ];
  for (const [ch, raw, want] of table) {
    const r = offlineReceiptDate(ch, raw, TODAY);
    if (typeof want === 'string') assert.deepEqual(r, { ok: true, date: want }, `${ch} ${raw}`);
    else assert.ok(!r.ok && want.test(r.message), `${ch} ${raw}: ${JSON.stringify(r)}`);
  }
});

test('tracking-number formats', () => {
  assert.equal(validateTrackingFormat('{year}-{org}-{seq:5}'), null);
  assert.equal(validateTrackingFormat('YSQ{year}{orgCode}{seq:4}'), null);
  assert.match(validateTrackingFormat('{year}-{seq}') ?? '', /\{org\}/);
  assert.match(validateTrackingFormat('{org}-{seq}') ?? '', /年份/);
  assert.match(validateTrackingFormat('{year}-{org}') ?? '', /流水号/);
  assert.match(validateTrackingFormat('{year}-{org}-{n}') ?? '', /无法识别/);
  assert.match(validateTrackingFormat('依申请{year}-{org}-{seq}') ?? '', /大写英文字母/);
  assert.match(validateTrackingFormat('{year-{org}-{seq}') ?? '', /无法识别|花括号/);
  assert.equal(renderTrackingNo('{year}-{org}-{seq:5}', { year: 2026, orgId: 6, orgCode: 'x', seq: 17 }), '2026-006-00017');
});

test('query codes: unambiguous alphabet, grouped, hashed, verified leniently', async () => {
  for (const bad of '0O1IL') assert.ok(!QUERY_CODE_ALPHABET.includes(bad));
  const c = generateQueryCode();
  assert.match(c, /^[A-HJKMNP-Z2-9]{10}$/);
  assert.match(formatQueryCode(c), /^.{5}-.{5}$/);
  const h = await hashQueryCode(c);
  assert.ok(!h.includes(c));
  assert.equal(await verifyQueryCode(formatQueryCode(c).toLowerCase(), h), true);
  assert.equal(await verifyQueryCode(` ${c.slice(0, 5)} ${c.slice(5)} `, h), true);
  const other = c.slice(0, 9) + (c[9] === 'A' ? 'B' : 'A');
  assert.equal(await verifyQueryCode(other, h), false);
  assert.equal(await verifyQueryCode(c, 'garbage'), false);
  assert.equal(normaliseQueryCode('ａｂｃ－ｄｅ'), 'ABCDE');
});

test('description similarity finds repeats, not neighbours', () => {
  const a = '2025年县级义务教育学校校舍维修项目的招标文件和中标结果';
  assert.ok(descriptionSimilarity(a, '2025年县级义务教育学校校舍维修项目招标文件及中标结果') >= 0.6);
  assert.ok(descriptionSimilarity(a, '青石镇2024年低保对象名单') < 0.3);
  assert.equal(descriptionSimilarity('', a), 0);
});
