import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { findDocNo, parseDocNo } from './docno.ts';

const Y = 2025;

test('parseDocNo: accepted forms normalise to GB/T 9704 (〔〕, no leading zeros, no 第, ends with 号)', () => {
  const ok: [string, string, string, number, number][] = [
    ['鄂前政办发〔2018〕96号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发[2018]96号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发【2018】96号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发（2018）96号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发(2018)96号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发［2018］96号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发﹝2018﹞96号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发〔２０１８〕９６号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    [' 鄂前政办发 〔 2018 〕 96 号 ', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发〔2018〕96', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发〔2018〕096号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['鄂前政办发〔2018〕第96号', '鄂前政办发〔2018〕96号', '鄂前政办发', 2018, 96],
    ['國辦發〔2016〕61號', '國辦發〔2016〕61号', '國辦發', 2016, 61],
    ['国发〔1949〕1号', '国发〔1949〕1号', '国发', 1949, 1],
    ['云政发〔2026〕1号', '云政发〔2026〕1号', '云政发', 2026, 1],
  ];
  for (const [input, normalised, agency, year, seq] of ok) {
    assert.deepEqual(parseDocNo(input, Y), { ok: true, normalised, agency, year, seq }, input);
  }
});

test('parseDocNo: rejected with a Chinese reason', () => {
  const bad: [unknown, RegExp][] = [
    ['', /不能为空/],
    ['   ', /不能为空/],
    [null, /不能为空/],
    [96, /不能为空/],
    ['〔2018〕96号', /缺少发文机关代字/],
    ['鄂前政办发〔1948〕96号', /年份“1948”无效.*1949年至2026年/],
    ['鄂前政办发〔2027〕96号', /年份“2027”无效/],
    ['鄂前政办发〔18〕96号', /年份“18”无效/],
    ['鄂前政办发〔2018〕0号', /序号应为大于0/],
    ['鄂前政办发〔2018〕000号', /序号应为大于0/],
    ['鄂前政办发2018年96号', /六角括号/],
    ['junk', /格式不正确/],
    ['鄂前政办发〔2018〕号', /格式不正确/],
    ['鄂前政办发〔2018〕96号号', /格式不正确/],
    ['<script>〔2018〕96号', /只能由汉字/],
    ['123〔2018〕96号', /只能由汉字/],
    ['abc〔2018〕96号', /只能由汉字/],
    ['鄂'.repeat(100) + '〔2018〕96号', /过长/],
  ];
  for (const [input, reason] of bad) {
    const r = parseDocNo(input, Y);
    assert.equal(r.ok, false, String(input));
    if (!r.ok) assert.match(r.reason, reason, String(input));
  }
});

test('findDocNo: inside a sentence, with the agency cut from the words before it', () => {
  const cases: [string, string | null][] = [
    ['现印发鄂前政办发〔2018〕96号，请认真执行。', '鄂前政办发〔2018〕96号'],
    ['鄂前政办发〔2018〕96号\n关于印发政府信息公开有关制度的通知', '鄂前政办发〔2018〕96号'],
    ['标题\n文  号: 鄂前政办发〔2018〕96号\n', '鄂前政办发〔2018〕96号'],
    ['发文字号：云政办发［２０２４］３号', '云政办发〔2024〕3号'],
    // Citations of other documents are not the document's own number.
    ['根据《国务院办公厅关于……的意见》(国办发〔2013〕100号),结合实际', null],
    ['按照国办发〔2013〕100号文件精神', null],
    // An empty label means the page says there is none.
    ['文  号: 标  题:关于……的通知\n市政办发〔2014〕15号', null],
    ['没有文号的正文。', null],
    ['', null],
  ];
  for (const [text, want] of cases) assert.equal(findDocNo(text, Y)?.normalised ?? null, want, text);
  const f = findDocNo('现印发鄂前政办发〔2018〕96号，请认真执行。', Y)!;
  assert.equal(f.match, '鄂前政办发〔2018〕96号');
  assert.equal('现印发鄂前政办发〔2018〕96号，请认真执行。'.slice(f.start, f.end), f.match);
});

test('findDocNo on the seed pages (web pages saved as text)', () => {
  const dir = '/work/shared/seeds';
  if (!fs.existsSync(dir)) return;
  const want: Record<string, string | null> = {
    '000_af80bccd8fba6891.txt': null,
    '001_fe12573bb04bed26.txt': '市政办发〔2014〕15号',
    '002_78ac50245f7d05e6.txt': '鄂前政办发〔2018〕96号',
    '003_77ea35406e215f96.txt': null,
    '004_39e4ccd1c1860cde.txt': null,
  };
  for (const [file, docNo] of Object.entries(want)) {
    const p = `${dir}/${file}`;
    if (!fs.existsSync(p)) continue;
    assert.equal(findDocNo(fs.readFileSync(p, 'utf8'), Y)?.normalised ?? null, docNo, file);
  }
});
