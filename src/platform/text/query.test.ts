import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arabicToChinese, buildTsQuery, chineseToArabic, MAX_QUERY_LEXEMES, synonymSet } from './query.ts';

const syn = synonymSet([['教育局', '教育体育局', '教体局'], ['小孩', '孩子', '儿童'], ['医保', '医疗保障']]);
const q = (s: string) => buildTsQuery(s, { synonyms: syn })?.tsquery ?? null;

test('buildTsQuery: an unspaced query is cut into words, each word its bigrams; stop words and lone characters only rank', () => {
  const cases: [string, string | null][] = [
    // The measured failures of issue 10: each must reduce to words the notice holds.
    ['招生通知', "'招生'"],
    ['招生工作', "'招生' & '工作'"],
    ['入学通知', "'入学'"],
    // jieba's search mode: a dictionary word is required as its parts (义务教育 → 义务 + 教育) and ranks whole.
    ['义务教育招生通知', "'义务' & '教育' & '招生'"],
    ['国土空间规划', "'国土' & '空间' & '规划'"],
    ['招生入学的通知', "'招生' & '入学'"],
    ['云溪县招生', "'云溪' & '溪县' & '招生'"],
    // A spelling that is a dictionary word is its parts (教育体育局 → 教育 + 体育局).
    ['教体局', "(('教体' & '体局') | ('教育' & '育局') | ('教育' & '体育' & '育局'))"],
    ['六周岁', "('六周' | '6':*) & '周岁'"],
    ['6周岁', "('6':* | '六周') & '周岁'"],
    // Traditional, spaces, Latin and digits.
    ['政務公開', "'政务' & '公开'"],
    ['  政务  公开 ', "'政务' & '公开'"],
    ['2018 iPhone', "'2018':* & 'iphone':*"],
    ['政务', "'政务'"],
    ['县', "'县':*"],
    // Only stop words left: they are the query.
    ['通知', "'通知'"],
    ['关于通知', "'关于' & '通知'"],
    // Question words do not veto; synonyms widen.
    ['小孩几岁上小学', "('小孩' | '孩子' | '儿童') & '小学'"],
    ['医保怎么报销', "('医保' | ('医疗' & '保障')) & '报销'"],
    // 么 is 幺 in the search form; jieba still reads 什么 as one (stop) word.
    ['开饭店要办什么证', "'饭店'"],
    ['2027年招生', "('2027':* | ('二〇' & '〇二' & '二七' & '七年')) & '招生'"],
    ['二〇二七年', "(('二〇' & '〇二' & '二七' & '七年') | '2027':*)"],
    ["'&|!():*\\", null],
    ['', null],
    ['   ', null],
    ['，。！？', null],
  ];
  for (const [input, want] of cases) assert.equal(q(input), want, input);
  assert.equal(buildTsQuery(undefined), null);
  assert.equal(buildTsQuery(['政务']), null);
  // Without a synonym list the short name is just its characters.
  assert.equal(buildTsQuery('教体局')!.tsquery, "'教体' & '体局'");
});

test('buildTsQuery: words, the ranking query and highlight terms', () => {
  const b = buildTsQuery('招生入学的通知', { synonyms: syn })!;
  assert.deepEqual(b.words.map((w) => [w.text, w.required]), [['招生', true], ['入学', true], ['的', false], ['通知', false]]);
  assert.equal(b.rankTsquery, "'的':* | '通知'");
  assert.deepEqual(b.terms, ['招生入学的通知', '招生', '入学']);
  assert.deepEqual(buildTsQuery('政务公开 条例')!.terms, ['政务公开', '条例', '政务', '公开']);
  // A word required as its parts ranks as the phrase of its characters (adjacent parts first).
  assert.equal(buildTsQuery('义务教育招生')!.rankTsquery, "('义务' & '务教' & '教育')");
  // A 3+ character word jieba cannot split ranks as the word jieba indexes whole.
  assert.match(buildTsQuery('云溪县招生')!.rankTsquery ?? '', /'云溪县'/);
  // Relaxed: three or more Han words, one left out at a time; numbers and codes always stay.
  assert.equal(buildTsQuery('外地户口孩子上学')!.relaxedTsquery, "('户口' & '孩子' & '上学') | ('外地' & '孩子' & '上学') | ('外地' & '户口' & '上学') | ('外地' & '户口' & '孩子')");
  assert.equal(buildTsQuery('琥政发〔2024〕1号')!.relaxedTsquery, null);
  assert.equal(buildTsQuery('招生 入学')!.relaxedTsquery, null);
});

test('Chinese and Arabic numerals', () => {
  const zh: [string, string | null][] = [
    ['六', '6'], ['十', '10'], ['十二', '12'], ['二十', '20'], ['三十五', '35'], ['一百零五', '105'], ['三百', '300'],
    ['二〇二七', '2027'], ['二零二六', '2026'], ['一千二百', '1200'], ['五万', '50000'], ['十四五', null], ['二三十', null], ['百百', null], ['', null], ['六a', null],
  ];
  for (const [s, want] of zh) assert.equal(chineseToArabic(s), want, s);
  const ar: [string, string | undefined, string | null][] = [
    ['6', '岁', '六'], ['12', '月', '十二'], ['20', '日', '二十'], ['35', '条', '三十五'], ['2027', '年', '二〇二七'], ['2027', '条', null], ['123', '条', null], ['06', '月', null],
  ];
  for (const [d, unit, want] of ar) assert.equal(arabicToChinese(d, unit), want, `${d}${unit}`);
  // A numeral inside an ordinary word is not a number.
  assert.equal(q('统一'), "'统一'");
  assert.equal(q('十四五规划'), "'十四' & '四五' & '规划'");
});

test('synonymSet: normalised, longest term first, one-character terms and lone terms ignored', () => {
  const s = synonymSet([['醫保', '医疗保障'], ['医', '医院'], ['孤单']]);
  assert.deepEqual(s.byFirst.get('医')!.map((x) => x.term), ['医疗保障', '医保']);
  assert.equal(s.byFirst.get('孤'), undefined);
  assert.equal(buildTsQuery('醫保', { synonyms: s })!.tsquery, "('医保' | ('医疗' & '保障'))");
});

test('buildTsQuery: junk and 5,000-character queries stay small and well formed', () => {
  const junk = [
    'x'.repeat(5000),
    '政'.repeat(5000),
    "a'b''c\\d & | ! ( ) : * <-> <2>",
    Array.from({ length: 5000 }, (_, i) => String.fromCharCode(33 + (i % 90))).join(''),
    '\u0000\u0001\ud800政务',
    '一二三四五六七八九十百千万亿'.repeat(20),
  ];
  for (const s of junk) {
    const r = buildTsQuery(s, { synonyms: syn });
    if (!r) continue;
    const operands = r.tsquery.match(/'(?:[^']|'')*'(?::\*)?/g) ?? [];
    assert.ok(operands.length <= MAX_QUERY_LEXEMES, `${operands.length} operands`);
    for (const op of operands) assert.match(op, /^'[\p{L}\p{N}]+'(:\*)?$/u, op);
    assert.doesNotMatch(r.tsquery.replace(/'[^']*'(:\*)?/g, ''), /[^()&| ]/);
  }
});
