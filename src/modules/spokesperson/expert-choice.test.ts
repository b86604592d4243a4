import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseExperts, expertChanges, expertLabel, expertOptions, type ExpertRef } from './expert-choice.ts';

const a: ExpertRef = { id: 1, name: '郑秀华', field: '教育政策', active: true };
const b: ExpertRef = { id: 2, name: '黄志远', field: '财税与预算', active: true };
const gone: ExpertRef = { id: 9, name: '刘安琪', field: '公共卫生', active: false };

test('the choices: the active experts, and chosen ones since 停用 kept and marked', () => {
  assert.deepEqual(expertOptions([a, b], []).map((e) => e.id), [1, 2]);
  assert.deepEqual(expertOptions([a, b], [b, gone]).map((e) => [e.id, e.active]), [[1, true], [2, true], [9, false]]);
  assert.equal(expertLabel(a), '郑秀华（教育政策）');
});

test('the chosen ids: plain ids among the choices, in order, once each, at most the limit', () => {
  const opts = expertOptions([a, b], [gone]);
  const rows: [string[], number[] | RegExp][] = [
    [[], []],
    [['2', '1'], [2, 1]],
    [['1', '1', '2'], [1, 2]],
    [['9'], [9]],
    [['3'], /不在专家库中或尚未备案/],
    [['1x'], /无效/],
    [['0'], /无效/],
    [['-1'], /无效/],
    [['１'], /无效/],
    [['1234567890'], /无效/],
  ];
  for (const [raw, want] of rows) {
    const r = chooseExperts(raw, opts);
    if (Array.isArray(want)) { assert.ok(r.ok, raw.join()); assert.deepEqual(r.ids, want); } else { assert.ok(!r.ok, raw.join()); assert.match(r.message, want); }
  }
  const many = Array.from({ length: 21 }, (_, i) => ({ id: i + 1, name: `专家${i}`, field: '领域', active: true }));
  const over = chooseExperts(many.map((e) => String(e.id)), many);
  assert.ok(!over.ok);
  assert.match(over.message, /最多选择 20 位/);
});

test('what changed', () => {
  assert.deepEqual(expertChanges([1, 2], [2, 3]), { added: [3], removed: [1] });
  assert.deepEqual(expertChanges([], []), { added: [], removed: [] });
});
