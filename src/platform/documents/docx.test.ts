// The GB/T 9704 writer: the parts of a 公文 in order, tables with merged cells (gridSpan / vMerge,
// header rows repeated), every XML part well-formed, bad table shapes refused with a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { DocumentShapeError, layoutTable, writeOfficialDocument, type OfficialDocument } from './index.ts';
import { annualReportTable } from './fixtures.ts';
import { xmlProblem } from './xml.ts';

const parts = (bytes: Buffer) => Object.fromEntries(Object.entries(unzipSync(new Uint8Array(bytes))).map(([k, v]) => [k, strFromU8(v)]));
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

const DOC: OfficialDocument = {
  copyNo: '000123', urgency: '特急',
  issuer: '云溪县人民政府办公室文件', docNo: '云政办发〔2026〕12号',
  title: '云溪县人民政府办公室关于印发2026年政务公开工作要点的通知',
  addressee: '各乡镇人民政府，县政府各部门：',
  body: [
    '现将《2026年政务公开工作要点》印发给你们，请结合实际认真贯彻落实。',
    { kind: 'heading', level: 1, text: '一、总体要求' },
    { kind: 'heading', level: 2, text: '（一）强化政策解读' },
    { kind: 'paragraph', text: ['各单位要', { text: '按时', bold: true }, '报送。'] },
    annualReportTable(),
  ],
  attachments: ['2026年政务公开工作要点', '任务分工表'],
  signature: { org: '云溪县人民政府办公室', date: '2026-03-05', seal: true },
  note: '此件公开发布',
  annexes: [{ title: '2026年政务公开工作要点', body: ['一、深化决策公开。'] }],
  copyTo: ['县委办公室', '县人大常委会办公室'],
  printed: { org: '云溪县人民政府办公室', date: '2026-03-06' },
};

test('a 公文 has its parts in GB/T 9704 order, the 成文日期 in Chinese, and every XML part is well-formed', async () => {
  const bytes = await writeOfficialDocument(DOC);
  const p = parts(bytes);
  for (const name of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']) assert.ok(p[name], name);
  for (const [name, xml] of Object.entries(p)) if (name.endsWith('.xml') || name.endsWith('.rels')) assert.equal(xmlProblem(xml), null, name);
  const doc = p['word/document.xml'];
  const text = textOf(doc);
  const order = ['000123', '特急', '云溪县人民政府办公室文件', '云政办发〔2026〕12号', '关于印发2026年政务公开工作要点的通知', '各乡镇人民政府，县政府各部门：',
    '现将', '一、总体要求', '（一）强化政策解读', '各单位要按时报送。', '三、收到和处理政府信息公开申请情况', '注：数据截至', '附件：1. 2026年政务公开工作要点', '2. 任务分工表',
    '云溪县人民政府办公室（印章）', '2026年3月5日', '（此件公开发布）', '附件', '一、深化决策公开。', '抄送：县委办公室，县人大常委会办公室。', '2026年3月6日印发'];
  let at = -1;
  for (const s of order) { const k = text.indexOf(s, at + 1); assert.ok(k > at, `${s} after the previous part`); at = k; }
  // Fonts and page: 仿宋_GB2312 body, 小标宋 title, 黑体 level-1 heading, A4 with the standard margins, red 版头.
  assert.match(doc, /w:eastAsia="仿宋_GB2312"/);
  assert.match(doc, /w:eastAsia="方正小标宋简体"/);
  assert.match(doc, /w:eastAsia="黑体"/);
  assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(doc, /<w:color w:val="E60012"\/>/);
  assert.ok(p['word/footer1.xml']?.includes('PAGE'), 'page numbers');
  assert.ok(p['docProps/core.xml'].includes('关于印发2026年政务公开工作要点的通知'));
});

test('a table with merged cells: gridSpan and vMerge in document.xml, every row fills the grid, header rows repeat', async () => {
  const bytes = await writeOfficialDocument({ title: '2026年政府信息公开工作年度报告', body: [annualReportTable()] });
  const doc = parts(bytes)['word/document.xml'];
  assert.equal(xmlProblem(doc), null);
  const tbl = /<w:tbl>.*<\/w:tbl>/s.exec(doc)![0];
  const grid = [...tbl.matchAll(/<w:gridCol /g)].length;
  assert.equal(grid, 10);
  const rows = [...tbl.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => m[0]);
  assert.equal(rows.length, 7);
  for (const [i, r] of rows.entries()) {
    const cells = [...r.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((m) => m[0]);
    const width = cells.reduce((n, c) => n + Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(c)?.[1] ?? 1), 0);
    assert.equal(width, grid, `row ${i + 1} fills the grid`);
  }
  // Row 1: the 3×3 corner (gridSpan 3, vMerge restart) and 申请人情况 over 7 columns.
  assert.match(rows[0], /<w:gridSpan w:val="3"\/>.*<w:vMerge w:val="restart"\/>.*勾稽关系/s);
  assert.match(rows[0], /<w:gridSpan w:val="7"\/>.*申请人情况/s);
  // Rows 2 and 3 continue the corner; 自然人 and 总计 merge down into row 3.
  assert.match(rows[1], /<w:vMerge w:val="continue"\/>/);
  assert.match(rows[1], /<w:vMerge w:val="restart"\/>.*自然人/s);
  assert.equal([...rows[2].matchAll(/<w:vMerge w:val="continue"\/>/g)].length, 3, 'corner, 自然人 and 总计 continue in row 3');
  assert.ok(rows[2].indexOf('商业企业') < rows[2].lastIndexOf('w:vMerge w:val="continue"'), '总计 continues after the five organisation columns');
  for (const r of rows.slice(0, 3)) assert.match(r, /<w:tblHeader\/>/);
  for (const r of rows.slice(3)) assert.doesNotMatch(r, /<w:tblHeader/);
  assert.match(rows[5], /<w:vMerge w:val="restart"\/>.*三、本年度办理结果/s);
  assert.match(rows[6], /<w:vMerge w:val="continue"\/>.*（二）部分公开/s);
});

test('a table whose rows do not fill the grid is refused with a Chinese message', async () => {
  const t = annualReportTable();
  assert.equal(layoutTable(t).columns, 10);
  const short = { ...t, rows: [...t.rows.slice(0, 3), ['一、本年新收', '12']] };
  assert.throws(() => layoutTable(short), (e: unknown) => e instanceof DocumentShapeError && /第 4 行只有 \d+ 列，应为 10 列/.test(e.message));
  const tooLong = { kind: 'table' as const, rows: [[{ text: 'a', rowSpan: 3 }, 'b'], ['c']] };
  await assert.rejects(writeOfficialDocument({ title: 't', body: [tooLong] }), /向下合并超出了表格/);
  assert.throws(() => layoutTable({ kind: 'table', rows: [['a', { text: 'b', columnSpan: 0 }]] }), /正整数/);
});
