import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalise, normaliseItem, stripHtml } from './normalise.ts';
import { FLOOD_A, FLOOD_A_REPOST, FLOOD_A_TRADITIONAL } from './samples.fixtures.ts';

test('normalise: each kind of noise, one case per row', () => {
  const cases: [string, string, string][] = [
    ['HTML tags and entities', '<p>莲塘镇&nbsp;积水</p><p>严重&amp;危险</p>', '莲塘镇积水严重&危险'],
    ['script content is not text', '<div>停水通知<script>alert(1)</script></div>', '停水通知'],
    ['entities without tags', '雨量&gt;50毫米', '雨量>50毫米'],
    ['a < b in plain text is not markup', 'a<b 和 c>d', 'a<b和c>d'],
    ['Traditional → Simplified', '蓮塘鎮積水', '莲塘镇积水'],
    ['full-width → half-width, lower case', 'ＡＢＣ１２３！', 'abc123!'],
    ['whitespace: dropped between Chinese, one space between Latin words', '莲塘镇  积水\n\t严重 Hello   World', '莲塘镇积水严重hello world'],
    ['ideographic space', '莲塘镇　积水', '莲塘镇积水'],
    ['emoji and modifiers', '太可怕了😱😱👍🏻❤️', '太可怕了'],
    ['weibo emoticon codes', '太可怕了[泪][doge]', '太可怕了'],
    ['bracketed label', '【转发】莲塘镇积水', '莲塘镇积水'],
    ['label in other brackets', '[视频]（转）莲塘镇积水', '莲塘镇积水'],
    ['a title in 【】 stays', '【莲塘镇积水】已排干', '【莲塘镇积水】已排干'],
    ['hashtag markers go, topic stays', '#南昌暴雨#莲塘镇积水', '南昌暴雨莲塘镇积水'],
    ['full-width hashtag', '＃南昌暴雨＃莲塘镇积水', '南昌暴雨莲塘镇积水'],
    ['@mentions', '莲塘镇积水@南昌发布 @江西新闻:', '莲塘镇积水'],
    ['repost chain', '太可怕了//@昌南观察:莲塘镇积水', '太可怕了莲塘镇积水'],
    ['URLs', '详见 https://example.gov.cn/a?b=1 和 www.nc.gov.cn/x 及 t.cn/A6x9k2', '详见和及'],
    ['platform phrases', '莲塘镇积水 网页链接 展开全文', '莲塘镇积水'],
    ['repeated punctuation', '谁来管！！！？？？……', '谁来管!?.'],
    ['zero-width characters', '莲\u200b塘\u200d镇\ufeff', '莲塘镇'],
    ['leading separators left by a removed label', '【转发】：//莲塘镇积水', '莲塘镇积水'],
    ['empty', '', ''],
  ];
  for (const [name, input, expected] of cases) assert.equal(normalise(input), expected, name);
});

test('normalise: a repost, a Traditional copy and the original come out identical', () => {
  assert.equal(normalise(FLOOD_A_TRADITIONAL), normalise(FLOOD_A));
  // The repost adds a hashtag topic (kept as words) but nothing else.
  assert.equal(normalise(FLOOD_A_REPOST), `${normalise(FLOOD_A)}南昌暴雨`);
});

test('normalise: idempotent on every kind of input', () => {
  for (const s of [FLOOD_A, FLOOD_A_REPOST, FLOOD_A_TRADITIONAL, '<b>粗体</b> ＃话题＃ !!! 😀 abc  DEF', '【转发】//@甲: 乙']) {
    const once = normalise(s);
    assert.equal(normalise(once), once, s);
  }
});

test('normalise: non-strings and very long input', () => {
  assert.equal(normalise(undefined as unknown as string), '');
  assert.equal(normalise(42 as unknown as string), '');
  assert.ok(normalise('积水'.repeat(50_000)).length <= 20_000);
});

test('stripHtml: forced HTML mode treats text as markup', () => {
  assert.equal(stripHtml('a<b>粗</b>', true).trim(), 'a粗');
  assert.equal(stripHtml('没有标记'), '没有标记');
});

test('normaliseItem: the title is added unless the body starts with it', () => {
  assert.equal(normaliseItem('莲塘镇积水', '莲塘镇积水，车辆被困'), '莲塘镇积水,车辆被困');
  assert.equal(normaliseItem('莲塘镇积水', '车辆被困'), '莲塘镇积水 车辆被困');
  assert.equal(normaliseItem(null, '车辆被困'), '车辆被困');
  assert.equal(normaliseItem('只有标题', ''), '只有标题');
  assert.equal(normaliseItem('標題', '<p>正文</p>', { html: true }), '标题 正文');
});
