import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertVariant } from './render.ts';

test('繁体 view converts the page but never what the user typed (field values, textarea contents)', () => {
  const html = '<p>政府信息公开申请</p><label>申请人<input name="n" value="张国庆简体"></label>'
    + '<textarea name="d" rows="3">关于义务教育招生的信息</textarea><option value="县教体局">县教体局</option><p>办理结果</p>';
  const out = convertVariant(html, 'tw');
  assert.match(out, /<p>政府(信息|資訊)公開申請<\/p>/);
  assert.match(out, /value="张国庆简体"/);
  assert.match(out, /<textarea name="d" rows="3">关于义务教育招生的信息<\/textarea>/);
  assert.match(out, /<option value="县教体局">縣教體局<\/option>/, 'the label is converted, the submitted value is not');
  assert.match(out, /<p>辦理結果<\/p>/);
  assert.equal(convertVariant(html, 'cn'), html);
});
