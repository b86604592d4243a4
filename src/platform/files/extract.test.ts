import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractText, normalizeCjk } from './extract.ts';
import { htmlToText, htmlTitle } from './html.ts';
import { Document, Footer, Header, Packer, Paragraph, TextRun } from 'docx';
import { GBK_SAMPLE, makeDocx, makePdf, marginsDocx } from './fixtures.ts';

test('docx: raw text with one paragraph per line, and HTML', async () => {
  const bytes = await makeDocx({
    docNo: '云政办发〔2024〕12号', title: '云溪县人民政府办公室关于印发政务公开工作要点的通知',
    addressee: '各乡镇人民政府，县直各部门：', body: ['现将有关事项通知如下。', '一、总体要求'], date: '2024年3月5日',
  });
  const r = await extractText(bytes, 'docx');
  assert.ok(r.ok);
  assert.equal(r.text, '云政办发〔2024〕12号\n云溪县人民政府办公室关于印发政务公开工作要点的通知\n各乡镇人民政府，县直各部门：\n现将有关事项通知如下。\n一、总体要求\n2024年3月5日');
  assert.match(r.html ?? '', /<strong>云溪县人民政府办公室关于印发政务公开工作要点的通知<\/strong>/);
});

test('docx: a number printed only in a header or footer reaches the text (privacy scan, search)', async () => {
  const doc = new Document({ sections: [{
    headers: { default: new Header({ children: [new Paragraph('咨询电话：13912345678')] }) },
    footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun('联系人：王小'), new TextRun({ text: '明', bold: true })] })] }) },
    children: [new Paragraph('正文第一段。')],
  }] });
  const r = await extractText(Buffer.from(await Packer.toBuffer(doc)), 'docx');
  assert.ok(r.ok);
  assert.equal(r.text, '正文第一段。\n咨询电话：13912345678\n联系人：王小明');
});

test('docx: every text part reaches the text: header (runs split, text box), footer, notes, comments, body text box, properties', async () => {
  const r = await extractText(marginsDocx('13912345678'), 'docx');
  assert.ok(r.ok, JSON.stringify(r));
  const lines = r.text.split('\n');
  for (const line of ['文本框：报名咨询 13912345678', '页眉咨询电话：13912345678', '页眉文本框 13912345678', '页脚值班电话 13912345678',
    '脚注：经办人电话 13912345678', '尾注：联系电话13912345678', '批注：请核实 13912345678', '联系电话 13912345678', '秋季学期招生工作通知']) {
    assert.ok(lines.includes(line), `${line} in ${JSON.stringify(r.text)}`);
  }
  // The body's text box is read once (Word writes it twice: the drawing and its VML fallback).
  assert.equal(lines.filter((l) => l.includes('文本框：报名咨询')).length, 1);
  assert.equal(lines.filter((l) => l === '页眉文本框 13912345678').length, 1);
  assert.ok(!r.text.includes('李文书'), 'the author is no text of the document');
});

test('pdf: text of a hand-made PDF (ASCII; Chinese relies on the pdfjs cmaps)', async () => {
  const r = await extractText(makePdf(['Notice on Open Government Information', 'Second (line)']), 'pdf');
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.text, 'Notice on Open Government Information\nSecond (line)');
  const none = await extractText(makePdf(['x']), 'pdf', { maxPages: 0 });
  assert.ok(none.ok && none.truncated === true && none.text === '');
});

test('corrupt files give a Chinese message, never an exception', async () => {
  for (const [bytes, kind] of [
    [Buffer.from('%PDF-1.7\n garbage without objects'), 'pdf'],
    [Buffer.from('PK\x03\x04 truncated zip'), 'docx'],
    [Buffer.alloc(0), 'pdf'],
  ] as const) {
    const r = await extractText(bytes, kind);
    assert.equal(r.ok, false, kind);
    assert.ok(!r.ok && /[\u4e00-\u9fff]/.test(r.message));
  }
  const png = await extractText(Buffer.from([0x89, 0x50]), 'png');
  assert.equal(png.ok, false);
});

test('txt: UTF-8 (BOM), UTF-16, GBK; kept as written', async () => {
  const cases: [Buffer, string][] = [
    [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('第一行\r\n  第二行\t末')]), '第一行\n  第二行\t末'],
    [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('政务公开', 'utf16le')]), '政务公开'],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('政务公开', 'utf16le').swap16()]), '政务公开'],
    [GBK_SAMPLE, '政府信息公开'],
  ];
  for (const [bytes, text] of cases) {
    const r = await extractText(bytes, 'txt');
    assert.ok(r.ok && r.text === text, JSON.stringify(r));
  }
});

test('html → text: scripts and styles dropped, entities decoded, blocks kept', async () => {
  const page = `<!DOCTYPE html><html><head><title>关于做好&amp;公开的通知 - 云溪县</title><style>p{color:red}</style>
    <script>var x = "<p>不应出现</p>";</script></head><body><!-- 注释 -->
    <div class="nav">首页 &gt;&gt; 信息公开</div><h1>关于做好公开的通知</h1>
    <p>第一段&nbsp;内容&#xFF0C;&#20844;开。</p><p>第二段<br>换行</p>
    <table><tr><td>索引号</td><td>001</td></tr></table><noscript>x</noscript></body></html>`;
  const text = htmlToText(page);
  assert.equal(text, '首页 >> 信息公开\n关于做好公开的通知\n第一段 内容，公开。\n第二段\n换行\n索引号 001');
  assert.equal(htmlTitle(page), '关于做好&公开的通知 - 云溪县');
  const r = await extractText(Buffer.from(page), 'html');
  assert.ok(r.ok && r.text === text && r.html === undefined);
});

test('normalizeCjk: radicals and compatibility ideographs become ideographs; full-width forms stay', () => {
  // ⼯ U+2F2F (Kangxi), ⺠ U+2EA0 (supplement), 﨑-style compatibility ideograph 北 U+F963.
  assert.equal(normalizeCjk('\u2F2F\u2F08\u2EA0\uF963京，（一）'), '工人民北京，（一）');
  assert.equal(normalizeCjk('政務公開'), '政務公開');
});

test('html → text stays linear on hostile markup (unclosed comments, scripts, tags)', () => {
  for (const piece of ['<!--', '<script>', '<a href="', '<<', '&#x']) {
    const s = 'x' + piece.repeat(200_000);
    const t0 = Date.now();
    htmlToText(s);
    assert.ok(Date.now() - t0 < 5000, `${piece} took ${Date.now() - t0} ms`);
  }
  assert.equal(htmlToText('a < b, 1<2 <br>c'), 'a < b, 1<2\nc');
  assert.equal(htmlToText('<p>一</p><script>x<p>二</p>'), '一');
});
