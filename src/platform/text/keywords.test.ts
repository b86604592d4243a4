import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestKeywords, validateKeywords } from './keywords.ts';

test('validateKeywords: accepted input, separators normalised to single spaces, duplicates dropped', () => {
  const cases: [string, string][] = [
    ['政务公开', '政务公开'],
    ['政务公开 信息公开', '政务公开 信息公开'],
    ['政务公开　信息公开', '政务公开 信息公开'], // U+3000
    ['政务公开，信息公开、条例；指南;目录,年报|解读', '政务公开 信息公开 条例 指南 目录 年报 解读'],
    ['  政务公开   信息公开  ', '政务公开 信息公开'],
    ['政务公开 政务公开 政務公開', '政务公开'], // same search form
    ['一二三四五六七八九十', '一二三四五六七八九十'], // exactly 10
    ['COVID-19 5G', 'COVID-19 5G'],
    ['𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀', '𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀'], // code points, not UTF-16 units
    ['a b c d e f g h i j', 'a b c d e f g h i j'], // 10 keywords
  ];
  for (const [input, normalised] of cases) {
    const r = validateKeywords(input);
    assert.equal(r.ok, true, input);
    if (r.ok) {
      assert.equal(r.normalised, normalised, input);
      assert.deepEqual(r.keywords, normalised.split(' '));
    }
  }
});

test('validateKeywords: refused with a reason naming the problem', () => {
  const bad: [unknown, string | RegExp][] = [
    ['', '请填写关键词'],
    ['  　 ', '请填写关键词'],
    ['，、；', '请填写关键词'],
    [undefined, '请填写关键词'],
    [['政务'], '请填写关键词'],
    ['政务公开 中华人民共和国政府信息公开条例', '关键词“中华人民共和国政府信息公开条例”超过10个字'],
    ['一二三四五六七八九十一', '关键词“一二三四五六七八九十一”超过10个字'],
    ['a b c d e f g h i j k', '关键词最多10个，当前为11个'],
    ['政务\u0000公开', /控制字符/],
    ['政'.repeat(600), /过长/],
  ];
  for (const [input, reason] of bad) {
    const r = validateKeywords(input);
    assert.equal(r.ok, false, String(input));
    if (!r.ok) typeof reason === 'string' ? assert.equal(r.reason, reason) : assert.match(r.reason, reason);
  }
});

test('suggestKeywords: title words first, ≤ 10 characters, no stop words or numbers, valid as keywords', () => {
  const title = '云溪县人民政府关于开展2024年防汛抗旱应急演练的通知';
  const body =
    '各乡镇人民政府，县直各部门：为切实做好2024年防汛抗旱工作，提高应急处置能力，经县人民政府同意，定于6月开展防汛抗旱应急演练。' +
    '演练内容包括山洪灾害预警、转移避险、堤防抢险等。各乡镇要按照应急预案组织群众参与演练，确保演练取得实效。';
  const s = suggestKeywords(title, body);
  assert.ok(s.length > 0 && s.length <= 5, JSON.stringify(s));
  for (const w of s) {
    assert.ok(Array.from(w).length <= 10 && Array.from(w).length >= 2, w);
    assert.ok(!/^\d+$/.test(w), w);
    assert.ok(!['通知', '关于', '开展', '工作'].includes(w), w);
  }
  assert.ok(s.some((w) => title.includes(w)), JSON.stringify(s));
  assert.ok(s.includes('防汛') || s.includes('防汛抗旱') || s.includes('演练'), JSON.stringify(s));
  assert.equal(validateKeywords(s.join(' ')).ok, true);
  assert.equal(suggestKeywords(title, body, 2).length <= 2, true);
  assert.deepEqual(suggestKeywords('', ''), []);
  assert.deepEqual(suggestKeywords(undefined, null), []);
  // Traditional input gets dictionary words too.
  assert.ok(suggestKeywords('南昌縣政務輿情回應制度', '為進一步加強政務公開輿情回應工作').includes('舆情'));
});
