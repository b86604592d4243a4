// Pure tests of the notice templates: every built-in text is valid, quotes its legal basis and the
// remedies, renders without "{" or "undefined"; editing rules (unknown placeholders, braces).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANSWER_KINDS, GENERATED_KINDS, OUTCOMES } from './model.ts';
import {
  BLANK, DEFAULT_TEMPLATES, SAMPLE_VARS, TEMPLATE_KEYS, basisFor, chineseDate, placeholdersIn, renderTemplate,
  templateKeyFor, validateTemplate,
} from './templates.ts';

test('every generated kind, outcome row and 第36条 answer has a built-in template', () => {
  const keys = TEMPLATE_KEYS.map((k) => k.key);
  for (const kind of GENERATED_KINDS.filter((k) => k !== 'reply' && k !== 'correction_reply')) assert.ok(keys.includes(kind), kind);
  for (const o of Object.keys(OUTCOMES)) assert.ok(keys.includes(`reply:${o}`), o);
  for (const a of Object.keys(ANSWER_KINDS)) assert.ok(keys.includes(`reply:${a}`), a);
  for (const k of ['corrected', 'not_ours', 'rejected']) assert.ok(keys.includes(`correction_reply:${k}`), k);
  assert.deepEqual(new Set(keys), new Set(Object.keys(DEFAULT_TEMPLATES)));
});

test('built-in templates are valid and render fully with sample values', () => {
  for (const { key } of TEMPLATE_KEYS) {
    const t = DEFAULT_TEMPLATES[key];
    assert.deepEqual(validateTemplate(t), {}, key);
    const r = renderTemplate(t, { ...SAMPLE_VARS, 法律依据: basisFor(key) || SAMPLE_VARS.法律依据 });
    const text = [r.title, ...r.paragraphs].join('\n');
    assert.equal(r.missing.length, 0, `${key}: ${r.missing}`);
    assert.ok(!/[{}]|undefined|null/.test(text), key);
    assert.ok(!text.includes(BLANK), key);
  }
});

// Each reply quotes the article its row rests on, and every decision letter states the remedies (第51条).
const ARTICLE: Record<string, string> = {
  'reply:1': '第三十六条第（二）项', 'reply:2': '第三十七条', 'reply:3.1': '第十四条', 'reply:3.2': '第十四条', 'reply:3.3': '第十四条',
  'reply:3.4': '第十五条', 'reply:3.5': '第十六条第一款', 'reply:3.6': '第十六条第二款', 'reply:3.7': '第十六条第二款', 'reply:3.8': '第三十六条第（七）项',
  'reply:4.1': '第三十六条第（四）项', 'reply:4.2': '第三十八条', 'reply:4.3': '第三十条', 'reply:5.1': '第三十九条第一款', 'reply:5.2': '第三十六条第（六）项',
  'reply:5.3': '第三十九条第二款', 'reply:5.4': '第三十五条', 'reply:5.5': '第三十九条第二款', 'reply:6.1': '第三十条', 'reply:6.2': '第四十二条',
  'reply:published': '第三十六条第（一）项', 'reply:not_ours': '第三十六条第（五）项', 'reply:not_held': '第三十六条第（四）项', 'reply:repeat': '第三十六条第（六）项',
  correction_notice: '第三十条', extension_notice: '第三十三条第二款', third_party_letter: '第三十二条', inter_agency_letter: '第三十四条', fee_notice: '第四十二条',
  receipt: '第三十三条', 'correction_reply:corrected': '第四十一条', 'correction_reply:rejected': '第四十一条', 'correction_reply:not_ours': '第四十一条',
};
test('templates quote their legal basis; decisions state 行政复议 60 日 and 行政诉讼 6 个月', () => {
  for (const [key, art] of Object.entries(ARTICLE)) assert.ok(DEFAULT_TEMPLATES[key].body.includes(art), `${key} should quote ${art}`);
  for (const { key, kind } of TEMPLATE_KEYS) {
    if (kind !== 'reply' && kind !== 'correction_reply' && key !== 'fee_notice') continue;
    const b = DEFAULT_TEMPLATES[key].body;
    assert.ok(b.includes('第五十一条') && b.includes('60日内') && b.includes('6个月内') && b.includes('{复议机关}'), key);
    // The handler's own reply text (答复正文) has a place in every reply.
    if (key !== 'fee_notice') assert.ok(b.includes('{说明}'), `${key} should carry {说明}`);
  }
  // 部分公开 lists the withheld parts with their reasons; 不属于本机关 names the competent agency and contact.
  assert.ok(DEFAULT_TEMPLATES['reply:2'].body.includes('{不予公开部分}'));
  assert.ok(DEFAULT_TEMPLATES['reply:not_ours'].body.includes('{负责机关}') && DEFAULT_TEMPLATES['reply:not_ours'].body.includes('{联系方式}'));
  assert.ok(DEFAULT_TEMPLATES['reply:published'].body.includes('{获取方式}'));
  // The letter to a third party does not reveal who applied.
  assert.ok(!DEFAULT_TEMPLATES.third_party_letter.body.includes('{申请人}'));
});

test('validateTemplate refuses unknown placeholders (naming them), stray braces, empty and long texts', () => {
  const e = validateTemplate({ title: '告知书', body: '{申请人}：\n请于{补正期限x}前补正。{Foo}' });
  assert.match(e.body!, /\{补正期限x\}、\{Foo\}/);
  assert.equal(e.title, undefined);
  assert.match(validateTemplate({ title: '告知书', body: '{申请人：' }).body!, /不成对/);
  assert.match(validateTemplate({ title: '告知书}', body: '正文' }).title!, /不成对/);
  assert.match(validateTemplate({ title: ' ', body: '正文' }).title!, /请填写标题/);
  assert.match(validateTemplate({ title: '标题', body: 'x'.repeat(20_001) }).body!, /不能超过/);
  assert.match(validateTemplate({ title: '{}', body: '正文' }).title!, /未知的占位符/);
  assert.deepEqual(placeholdersIn('{a}{b}{a}'), ['a', 'b']);
});

test('renderTemplate: missing values are a visible blank, multi-line values are paragraphs, braces never leak', () => {
  const r = renderTemplate({ title: '{机关名称}告知书', body: '{申请人}：\n理由如下：\n{不予公开部分}\n\n{说明}' },
    { 申请人: '王五', 不予公开部分: '1. 甲：理由一\n2. 乙：理由二', 说明: '  ', 机关名称: undefined, 日期: '2026年9月25日' });
  assert.equal(r.title, `${BLANK}告知书`);
  assert.deepEqual(r.paragraphs, ['王五：', '理由如下：', '1. 甲：理由一', '2. 乙：理由二', '', BLANK]);
  assert.deepEqual(r.missing, ['机关名称', '说明']);
  assert.deepEqual(r.signature, { org: BLANK, date: '2026年9月25日' });
  const injected = renderTemplate({ title: 'T', body: '{说明}' }, { 说明: '请见{申请人}' });
  assert.deepEqual(injected.paragraphs, ['请见｛申请人｝']);
});

test('templateKeyFor and chineseDate', () => {
  const cases: [Parameters<typeof templateKeyFor>[0], string | null, string | null][] = [
    ['correction_notice', null, 'correction_notice'],
    ['reply', '3.4', 'reply:3.4'],
    ['reply', 'published', 'reply:published'],
    ['reply', null, null],
    ['reply', '9.9', null],
    ['correction_reply', 'rejected', 'correction_reply:rejected'],
    ['correction_reply', '1', null],
    ['supplement', null, null],
  ];
  for (const [kind, variant, want] of cases) assert.equal(templateKeyFor(kind, variant), want, `${kind} ${variant}`);
  assert.equal(chineseDate('2026-09-08'), '2026年9月8日');
  assert.equal(chineseDate(null), null);
});
