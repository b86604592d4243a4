import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTemplateEngine, placeholdersIn } from './index.ts';

const engine = createTemplateEngine({ placeholders: { 单位: '发布单位', 事项: '事项' }, titleMax: 20, bodyMax: 100, blank: '＿＿' });

test('the engine validates against the caller\'s placeholders and fills them, braces never leak', () => {
  assert.deepEqual(engine.validate({ title: '{单位}通报', body: '{事项}' }), {});
  assert.match(engine.validate({ title: '通报', body: '{申请人}' }).body!, /未知的占位符：\{申请人\}/);
  assert.match(engine.validate({ title: '通报', body: '{单位' }).body!, /不成对的花括号/);
  assert.match(engine.validate({ title: '', body: 'x' }).title!, /请填写标题/);
  const r = engine.render({ title: '{单位}\n通报', body: '\n{事项}\n附：{未给}\n' }, { 单位: '县政府办', 事项: '第一项\n第二项{x}' });
  assert.deepEqual(r, { title: '县政府办 通报', paragraphs: ['第一项', '第二项｛x｝', '附：＿＿'], missing: ['未给'] });
  assert.deepEqual(placeholdersIn('{a}{b}{a}'), ['a', 'b']);
});
