import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHan, toOriginalRange, toSearchForm, toSearchFormWithMap } from './normalize.ts';

test('toSearchForm: table', () => {
  const cases: [string, string][] = [
    ['政务公开', '政务公开'],
    ['政務公開', '政务公开'],
    ['ＡＢＣ１２３，', 'abc123,'],
    ['⼯⼈⺠', '工人民'], // Kangxi ⼯⼈ (NFKC) and CJK radical ⺠ (table)
    ['⻓⻔⻢⻅', '长门马见'],
    ['⾧', '长'], // Kangxi radical → 長 → Simplified
    ['裏面 裡面 衞生 衛生 羣眾', '里面 里面 卫生 卫生 群众'], // standard, Taiwan and Hong Kong variants
    ['資訊整合', '资讯整合'], // characters only: never the twp vocabulary (資訊→信息, 整合→集成)
    ['㈠①', '(一)1'],
    ['iPhone ABC', 'iphone abc'],
    ['', ''],
  ];
  for (const [input, want] of cases) assert.equal(toSearchForm(input), want, input);
  assert.equal(toSearchForm(undefined as unknown as string), '');
});

test('toSearchForm is idempotent and context-free (a substring normalises to a substring)', () => {
  const doc = '為進一步做好政務公開工作，現將乾坤著作顯著提高的有關事項通知如下';
  const whole = toSearchForm(doc);
  assert.equal(toSearchForm(whole), whole);
  for (let i = 0; i < doc.length - 2; i++) {
    const sub = doc.slice(i, i + 3);
    assert.ok(whole.includes(toSearchForm(sub)), sub);
  }
});

test('toSearchFormWithMap: same text, offsets map back to the original', () => {
  const original = '第㈠条 政務公開ＡＢ𠀀x';
  const m = toSearchFormWithMap(original);
  assert.equal(m.text, toSearchForm(original));
  assert.equal(m.origin.length, m.text.length);
  // '一' inside the expansion of ㈠ maps to the whole ㈠.
  const i = m.text.indexOf('一');
  assert.deepEqual(toOriginalRange(m, i, i + 1), { start: 1, end: 2 });
  const j = m.text.indexOf('政务公开');
  const r = toOriginalRange(m, j, j + 4);
  assert.equal(original.slice(r.start, r.end), '政務公開');
  const k = m.text.indexOf('𠀀');
  const r2 = toOriginalRange(m, k, k + 2);
  assert.equal(original.slice(r2.start, r2.end), '𠀀');
  const l = m.text.indexOf('ab');
  const r3 = toOriginalRange(m, l, l + 2);
  assert.equal(original.slice(r3.start, r3.end), 'ＡＢ');
});

test('isHan', () => {
  for (const c of ['政', '〇', '𠀀', '々']) assert.ok(isHan(c.codePointAt(0)!), c);
  for (const c of ['a', '1', '，', 'あ', '한']) assert.ok(!isHan(c.codePointAt(0)!), c);
});

test('toSearchForm: 1 MB in well under a second', () => {
  const unit = '各乡镇人民政府，县政府各部门：為進一步做好政務公開工作，現將有關事項通知如下。ＡＢＣ 123 ⼯⺠\n';
  const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
  toSearchForm(unit); // warm the tables
  const t0 = performance.now();
  const out = toSearchForm(big);
  const ms = performance.now() - t0;
  assert.ok(out.includes('政务公开工作'));
  assert.ok(ms < 1500, `took ${ms} ms`);
  const t1 = performance.now();
  toSearchFormWithMap(big);
  assert.ok(performance.now() - t1 < 3000);
});
