import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BandedIndex, NEAR_DISTANCE as NEAR, bandsOf, exactKey, fromSigned64, hamming, itemSimhash, join64, simhash, simhashHalves, simhashTokens, split64, toSigned64, MIN_NEAR_FEATURES } from './hash.ts';
import { normalise } from './normalise.ts';
import { contentTerms, defaultIdfTable, tokenise } from './tokens.ts';
import { termWeights } from './keywords.ts';
import { DEFAULT_STOP_WORDS } from './lexicons.ts';
import * as S from './samples.fixtures.ts';

const stop = new Set(DEFAULT_STOP_WORDS.map((w) => normalise(w)));
const idf = defaultIdfTable();
const hashOf = (text: string) => itemSimhash(termWeights(contentTerms(tokenise(normalise(text)), stop), idf));

test('exactKey: sha256 hex of the normalised text, equal for a Traditional copy', () => {
  assert.match(exactKey('莲塘镇'), /^[0-9a-f]{64}$/);
  assert.equal(exactKey(normalise(S.FLOOD_A_TRADITIONAL)), exactKey(normalise(S.FLOOD_A)));
  assert.notEqual(exactKey(normalise(S.FLOOD_A_EDITED)), exactKey(normalise(S.FLOOD_A)));
});

test('hamming, split/join and signed storage round-trip', () => {
  const cases: [bigint, bigint, number][] = [
    [0n, 0n, 0],
    [0n, 1n, 1],
    [0n, 0xffffffffffffffffn, 64],
    [0x8000000000000000n, 0n, 1],
    [0x00000000ffffffffn, 0xffffffff00000000n, 64],
    [0x0f0f0f0f0f0f0f0fn, 0x0f0f0f0f0f0f0f0en, 1],
  ];
  for (const [a, b, d] of cases) {
    assert.equal(hamming(a, b), d, `${a} ${b}`);
    assert.equal(hamming(toSigned64(a), b), d, 'signed form gives the same distance');
    assert.equal(fromSigned64(toSigned64(a)), a);
    const { hi, lo } = split64(a);
    assert.equal(join64(hi, lo), a);
  }
  assert.equal(toSigned64(0xffffffffffffffffn), -1n);
});

test('bandsOf: four 16-bit values, most significant first', () => {
  assert.deepEqual(bandsOf(0x0001000200030004n), [1, 2, 3, 4]);
  assert.deepEqual(bandsOf(0xffffffffffffffffn), [0xffff, 0xffff, 0xffff, 0xffff]);
  assert.deepEqual(bandsOf(toSigned64(0xabcd000000001234n)), [0xabcd, 0, 0, 0x1234]);
});

test('simhash: deterministic, order-free, weights matter, empty is 0', () => {
  const a = simhash(new Map([['暴雨', 3], ['积水', 2], ['莲塘', 5]]));
  const b = simhash([['莲塘', 5], ['积水', 2], ['暴雨', 3]] as const);
  assert.equal(a, b);
  assert.equal(simhash(new Map()), 0n);
  assert.equal(simhashTokens(['暴雨', '暴雨', '积水']), simhash(new Map([['暴雨', 2], ['积水', 1]])));
  // A feature with weight 0 or below does not vote.
  assert.equal(simhash(new Map([['暴雨', 3], ['无效', 0], ['负', -1]])), simhash(new Map([['暴雨', 3]])));
});

test('near duplicates of a post are within distance 3', () => {
  const cases: [string, string, string][] = [
    ['repost with 【转发】, a mention, a hashtag and a link', S.FLOOD_A, S.FLOOD_A_REPOST],
    ['forward chain with a comment', S.FLOOD_A, S.FLOOD_A_FORWARD_CHAIN],
    ['Traditional-character copy', S.FLOOD_A, S.FLOOD_A_TRADITIONAL],
    ['lightly edited: 赶紧, ！', S.FLOOD_A, S.FLOOD_A_LIGHT_EDIT],
    ['a comment appended', S.FLOOD_A, `${S.FLOOD_A}太可怕了`],
    ['lightly edited: 读书 added, 们 dropped', S.SCHOOL_A, S.SCHOOL_A_EDITED],
    ['lightly edited: 多名, 一直', S.WAGE_A, S.WAGE_A_EDITED],
    ['【转发】 prefix only', S.WAGE_A, `【转发】${S.WAGE_A}`],
  ];
  for (const [name, a, b] of cases) {
    const d = hamming(hashOf(a).simhash, hashOf(b).simhash);
    assert.ok(d <= 3, `${name}: distance ${d}`);
  }
});

test('a copy with three edits to content words is beyond the threshold, but far closer than other posts', () => {
  // Known limit of a distance-3 threshold on a 70-character post: such a copy is not a duplicate,
  // it joins the same incident instead (group.test.ts).
  const d = hamming(hashOf(S.FLOOD_A).simhash, hashOf(S.FLOOD_A_EDITED).simhash);
  assert.ok(d > 3 && d <= 8, `distance ${d}`);
  for (const other of S.FLOOD_A_RELATED) assert.ok(hamming(hashOf(S.FLOOD_A).simhash, hashOf(other).simhash) > 2 * d);
});

test('different posts on the same topic are more than 3 apart', () => {
  for (const [i, other] of S.FLOOD_A_RELATED.entries()) {
    const d = hamming(hashOf(S.FLOOD_A).simhash, hashOf(other).simhash);
    assert.ok(d > 3, `related post ${i}: distance ${d}`);
  }
  const posts = [S.FLOOD_A, S.FLOOD_B, S.FLOOD_C, S.SCHOOL_A, S.SCHOOL_B, S.WAGE_A, S.FOOD_A, ...S.FLOOD_A_RELATED.slice(0, 3)];
  for (let i = 0; i < posts.length; i++) {
    for (let j = i + 1; j < posts.length; j++) {
      const d = hamming(hashOf(posts[i]!).simhash, hashOf(posts[j]!).simhash);
      assert.ok(d > 3, `posts ${i} and ${j}: distance ${d}`);
    }
  }
});

test('posts by different residents about the same kind of problem are far apart; their copies are not', () => {
  // Same complaint, different village, writer and details: what the benchmark generator plants as
  // distinct originals. Each pair must stay apart, and a repost, a light edit and a Traditional copy
  // of the first must still collapse onto it.
  const pairs: [string, string][] = [
    ['我是莲塘镇桃花村的村民，村里的自来水已经停了三天，水龙头里流出来的是黄色的水，打了好几次12345热线都说已经转交县水务局，希望给个明确的恢复时间。',
      '向塘镇罗家村这两天也停水了，供水公司说是管道检修，没有提前通知，老人只能去邻村挑水，客服一直占线，到底什么时候能恢复？'],
    ['莲塘一中食堂被曝使用过期食材，有家长拍到冰柜里的肉已经发黑，校方一开始不承认，后来说是供应商的问题。',
      '实验小学食堂卫生很差，好几个孩子出现了呕吐腹泻，家长要求公开食材采购记录，强烈要求彻查并公开结果。'],
    ['金域名都物业突然宣布物业费上涨30%，电梯三天两头坏，物业一直拖着不修，业主群里都很气愤，准备集体投诉。',
      '江南名苑停车费从每月一百涨到两百，小区绿化被改成了收费停车位，业委会选举被物业一拖再拖，希望住建部门管一管。'],
  ];
  const traditional: Record<string, string> = {
    0: '我是蓮塘鎮桃花村的村民，村裡的自來水已經停了三天，水龍頭裡流出來的是黃色的水，打了好幾次12345熱線都說已經轉交縣水務局，希望給個明確的恢復時間。',
  };
  for (const [i, [a, b]] of pairs.entries()) {
    const d = hamming(hashOf(a).simhash, hashOf(b).simhash);
    assert.ok(d > 3 * NEAR, `pair ${i}: distance ${d}`);
    const copies = [`【转发】${a} @莲塘发布 http://t.cn/A6x9k2Lp`, a.replace('，', '，真的'), `${a}支持`];
    if (traditional[i]) copies.push(traditional[i]!);
    for (const c of copies) {
      const dc = hamming(hashOf(a).simhash, hashOf(c).simhash);
      assert.ok(dc <= NEAR, `pair ${i} copy "${c.slice(0, 12)}…": distance ${dc}`);
    }
  }
});

test('itemSimhash: one-character words vote with a reduced weight; every term counts as a feature', () => {
  const words = new Map([['暴雨', 1], ['积水', 1], ['莲塘', 1], ['排水', 1], ['管道', 1]]);
  const r = itemSimhash(words);
  assert.equal(r.features, 5);
  // A heavy one-character word moves the hash less than the same weight on a word.
  const withChar = itemSimhash(new Map([...words, ['了', 2]]));
  const withWord = itemSimhash(new Map([...words, ['下雨', 2]]));
  assert.ok(hamming(r.simhash, withChar.simhash) <= hamming(r.simhash, withWord.simhash));
  assert.equal(withChar.features, 6);
  assert.equal(simhashHalves(new Map([['了', 1]]), 0).hi, 0, 'a factor of 0 silences one-character words');
  assert.equal(simhashHalves(new Map([['了', 1]]), 0).lo, 0);
  const short = itemSimhash(new Map([['顶', 1], ['好', 1], ['支持', 1]]));
  assert.ok(short.features < MIN_NEAR_FEATURES);
});

test('BandedIndex: finds every entry within 3 bits (one per band position), none beyond', () => {
  const idx = new BandedIndex<string>();
  const base = 0x123456789abcdef0n;
  idx.add('base', base);
  // Flip 3 bits spread over three bands: still shares the fourth band.
  const near3 = base ^ (1n << 63n) ^ (1n << 40n) ^ (1n << 20n);
  // 4 bits, one in each band: no band shared, not a candidate at all.
  const far4 = base ^ (1n << 63n) ^ (1n << 40n) ^ (1n << 20n) ^ 1n;
  // 3 bits inside one band.
  const near3b = base ^ 0b111n;
  assert.deepEqual(idx.query(near3), [{ id: 'base', distance: 3 }]);
  assert.deepEqual(idx.query(near3b), [{ id: 'base', distance: 3 }]);
  assert.deepEqual(idx.query(far4), []);
  assert.deepEqual(idx.query(near3, 2), []);
  assert.deepEqual(idx.query(base), [{ id: 'base', distance: 0 }]);
  // Nearest first, then the oldest of equals (the original of several copies).
  idx.add('copy', base ^ 1n);
  idx.add('twin', base);
  assert.deepEqual(idx.query(base).map((m) => m.id), ['base', 'twin', 'copy']);
  assert.equal(idx.nearest(base ^ 1n)?.id, 'copy');
  assert.equal(idx.size, 3);
});

test('BandedIndex: random hashes, exhaustive check against a linear scan', () => {
  let x = 0x9e3779b97f4a7c15n;
  const next = () => (x = BigInt.asUintN(64, x * 6364136223846793005n + 1442695040888963407n));
  const idx = new BandedIndex<number>();
  const all: bigint[] = [];
  for (let i = 0; i < 2000; i++) {
    // Clusters: every tenth entry is a 0–4-bit variant of an earlier one.
    const h = i % 10 === 9 ? all[i - 5]! ^ (next() & 0x8000800080008000n) : next();
    all.push(h);
    idx.add(i, h);
  }
  for (let q = 0; q < 300; q++) {
    const h = q % 2 ? all[q * 3]! ^ (1n << BigInt(q % 64)) : next();
    const expected = all.map((v, i) => ({ id: i, distance: hamming(v, h) })).filter((m) => m.distance <= 3).map((m) => m.id).sort((a, b) => a - b);
    assert.deepEqual(idx.query(h).map((m) => m.id).sort((a, b) => a - b), expected);
  }
});

test('BandedIndex with capacity: bounded, the most recent half always found', () => {
  // Well-spread hashes (splitmix64 of i), so no two entries are near each other.
  const h = (i: number) => {
    let z = BigInt.asUintN(64, BigInt(i + 1) * 0x9e3779b97f4a7c15n);
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  };
  const idx = new BandedIndex<number>({ capacity: 100 });
  for (let i = 0; i < 1000; i++) idx.add(i, h(i));
  assert.ok(idx.size <= 100);
  for (let i = 950; i < 1000; i++) assert.equal(idx.nearest(h(i))?.id, i);
  assert.equal(idx.nearest(h(5)), undefined);
});
