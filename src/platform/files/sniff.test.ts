import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkUpload, decodeText, detectKind, MAX_DOCUMENT_BYTES, type Kind } from './sniff.ts';
import { GBK_SAMPLE, makeDocx, makePdf, makeXlsx } from './fixtures.ts';
import { readZipEntries } from './zip.ts';

const docx = await makeDocx({ title: '关于印发测试办法的通知', body: ['正文。'] });
const xlsx = await makeXlsx([['索引号', '信息名称'], ['x', 'y']]);
const pdf = makePdf(['Hello PDF']);
// A zip holding something other than an Office document.
const otherZip = await (async () => {
  const b = Buffer.from(docx);
  // Rename every entry in the central directory and local headers: same structure, no word/document.xml.
  return Buffer.from(b.toString('latin1').replaceAll('word/', 'wxyz/'), 'latin1');
})();
const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100), Buffer.from('This program cannot be run in DOS mode')]);
const junk = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
// Signature and the IHDR chunk header every PNG starts with (file-type checks both).
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(32)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]);
const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
const utf8 = Buffer.from('政府信息公开目录\n第二行', 'utf8');
const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('政府信息公开', 'utf16le')]);
const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('政府信息公开', 'utf16le').swap16()]);
const html = Buffer.from('\uFEFF  \n<!DOCTYPE html><html><body><p>政府信息公开</p></body></html>');
const htmlFragment = Buffer.from('<p>通知正文</p>');
const csv = Buffer.from('索引号,信息名称\n1,测试\n');

const cases: [string, Buffer, string | undefined, Kind][] = [
  ['docx', docx, 'a.docx', 'docx'],
  ['docx without a name', docx, undefined, 'docx'],
  ['xlsx', xlsx, 'a.xlsx', 'xlsx'],
  ['xlsx named .docx', xlsx, 'a.docx', 'xlsx'],
  ['pdf', pdf, 'a.pdf', 'pdf'],
  ['pdf named .docx is a pdf', pdf, '通知.docx', 'pdf'],
  ['pdf with junk before the header', Buffer.concat([Buffer.from('\r\n\r\n'), pdf]), 'a.pdf', 'pdf'],
  ['zip of something else', otherZip, 'a.pdf', 'zip'],
  ['legacy .doc (OLE2)', ole2, 'a.doc', 'doc'],
  ['executable named .pdf', exe, 'a.pdf', 'unknown'],
  ['binary junk named .pdf', junk, 'a.pdf', 'unknown'],
  ['png', png, 'a.png', 'png'],
  ['jpeg', jpeg, 'a.jpg', 'jpeg'],
  ['gif', gif, 'a.gif', 'gif'],
  ['utf-8 text', utf8, 'a.txt', 'txt'],
  ['utf-8 with BOM', utf8Bom, 'a.txt', 'txt'],
  ['utf-16le with BOM', utf16le, 'a.txt', 'txt'],
  ['utf-16be with BOM', utf16be, 'a.txt', 'txt'],
  ['GBK text', GBK_SAMPLE, 'a.txt', 'txt'],
  ['html document', html, 'a.txt', 'html'],
  ['html fragment', htmlFragment, 'a.html', 'html'],
  ['csv by name', csv, 'a.csv', 'csv'],
  ['csv content named .txt is text', csv, 'a.txt', 'txt'],
  ['empty', Buffer.alloc(0), 'a.txt', 'unknown'],
];

test('detectKind: type by content, not by name', async () => {
  for (const [label, bytes, name, kind] of cases) {
    assert.equal((await detectKind(bytes, name)).kind, kind, label);
  }
  assert.equal((await detectKind(GBK_SAMPLE)).encoding, 'gb18030');
  assert.equal((await detectKind(pdf)).mime, 'application/pdf');
});

test('zip directory lists the Office parts', () => {
  const names = (readZipEntries(docx) ?? []).map((e) => e.name);
  assert.ok(names.includes('word/document.xml'));
  assert.equal(readZipEntries(Buffer.from('PK\x03\x04 truncated')), null);
});

test('decodeText: BOMs, UTF-8, GBK', () => {
  assert.equal(decodeText(utf8Bom), '政府信息公开目录\n第二行');
  assert.equal(decodeText(utf16le), '政府信息公开');
  assert.equal(decodeText(utf16be), '政府信息公开');
  assert.equal(decodeText(GBK_SAMPLE), '政府信息公开');
});

test('checkUpload: empty, too large, wrong type, legacy Office, accepted', async () => {
  const opts = { allowed: ['docx', 'pdf', 'html', 'txt'] as Kind[], maxBytes: 1024 * 1024 };
  const empty = await checkUpload(Buffer.alloc(0), 'a.docx', opts);
  assert.equal(empty.ok, false);
  assert.ok(!empty.ok && empty.code === 'file.empty' && empty.message.includes('空文件'));

  const big = await checkUpload(Buffer.alloc(1024 * 1024 + 1, 0x41), 'a.txt', opts);
  assert.ok(!big.ok && big.code === 'file.too_large' && big.message.includes('文件过大，最大为 1MB'), JSON.stringify(big));

  const small = await checkUpload(Buffer.alloc(600, 0x41), 'a.txt', { ...opts, maxBytes: 512 });
  assert.ok(!small.ok && small.message.includes('最大为 0.5KB'), JSON.stringify(small));

  const junkPdf = await checkUpload(junk, '报告.pdf', opts);
  assert.ok(!junkPdf.ok && junkPdf.code === 'file.type' && junkPdf.message.startsWith('文件类型不符：'), JSON.stringify(junkPdf));

  const zipPdf = await checkUpload(otherZip, '报告.pdf', opts);
  assert.ok(!zipPdf.ok && zipPdf.message.includes('压缩包'));

  const xlsxAsDoc = await checkUpload(xlsx, '通知.docx', opts);
  assert.ok(!xlsxAsDoc.ok && xlsxAsDoc.message.includes('Excel'));

  const legacy = await checkUpload(ole2, '通知.doc', opts);
  assert.ok(!legacy.ok && legacy.code === 'file.legacy' && legacy.message.includes('.docx'));
  const legacyXls = await checkUpload(ole2, '目录.xls', { allowed: ['xlsx', 'csv'], maxBytes: MAX_DOCUMENT_BYTES });
  assert.ok(!legacyXls.ok && legacyXls.message.includes('.xlsx'));

  const pdfNamedDocx = await checkUpload(pdf, '通知.docx', opts);
  assert.deepEqual(pdfNamedDocx, { ok: true, kind: 'pdf', mime: 'application/pdf', name: '通知.pdf', renamed: true });
  const textNamedPdf = await checkUpload(Buffer.from('关于做好防汛工作的通知\n各单位：', 'utf8'), '防汛.通知.PDF', opts);
  assert.ok(textNamedPdf.ok && textNamedPdf.kind === 'txt' && textNamedPdf.name === '防汛.通知.txt' && textNamedPdf.renamed, JSON.stringify(textNamedPdf));
  const htm = await checkUpload(Buffer.from('<!doctype html><html><body>通知</body></html>', 'utf8'), '通知.htm', opts);
  assert.ok(htm.ok && htm.kind === 'html' && htm.name === '通知.htm' && !htm.renamed, JSON.stringify(htm));
  const noExt = await checkUpload(pdf, '通知', opts);
  assert.ok(noExt.ok && noExt.name === '通知.pdf' && !noExt.renamed, JSON.stringify(noExt));
  const dotted = await checkUpload(pdf, '方案v1.2', opts);
  assert.ok(dotted.ok && dotted.name === '方案v1.2.pdf' && !dotted.renamed, JSON.stringify(dotted));
  const wps = await checkUpload(pdf, '通知.wps', opts);
  assert.ok(wps.ok && wps.name === '通知.pdf' && wps.renamed, JSON.stringify(wps));
  const nameless = await checkUpload(pdf, '', opts);
  assert.ok(nameless.ok && nameless.name === '' && !nameless.renamed, JSON.stringify(nameless));

  const csvAsTxt = await checkUpload(csv, 'a.csv', opts);
  assert.ok(csvAsTxt.ok && csvAsTxt.kind === 'txt' && csvAsTxt.name === 'a.csv');
  const csvImport = await checkUpload(csv, 'a.csv', { allowed: ['csv', 'xlsx'], maxBytes: MAX_DOCUMENT_BYTES });
  assert.ok(csvImport.ok && csvImport.kind === 'csv');
});
