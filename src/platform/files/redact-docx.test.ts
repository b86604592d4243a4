// The Word redactor on real .docx files built with the docx library (and parts zipped by hand):
// the masked strings leave every part, the rest of the text and the package stay readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import mammoth from 'mammoth';
import {
  CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, Footer, FootnoteReferenceRun, Header, HeadingLevel,
  Packer, Paragraph, TextRun,
} from 'docx';
import { ZIP_LIMITS } from './zip.ts';
import { declareSmall, docxBomb } from './bombs.ts';
import { docxTitle, redactDocx } from './redact-docx.ts';
import { tokenizeXml } from './ooxml-text.ts';
import { xmlProblem } from '../documents/xml.ts';

const PHONE = '13912345678';
const TERMS = [{ text: PHONE, mask: '139****5678' }, { text: '王小明', mask: '王**' }];

async function sample(): Promise<Buffer> {
  const doc = new Document({
    title: '关于王小明同志联系方式的说明',
    creator: '李文书',
    lastModifiedBy: '李文书',
    description: `联系电话 ${PHONE}`,
    customProperties: [{ name: '经办人电话', value: PHONE }],
    comments: { children: [{ id: 0, author: '赵审核', initials: 'ZSH', date: new Date('2024-06-01T00:00:00Z'), children: [new Paragraph(`请核实 ${PHONE}`)] }] },
    footnotes: { 1: { children: [new Paragraph(`注：王小明，${PHONE}。`)] } },
    sections: [{
      headers: { default: new Header({ children: [new Paragraph(`咨询电话：${PHONE}`)] }) },
      footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun('联系人：王小'), new TextRun({ text: '明', italics: true })] })] }) },
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('云溪县2024年秋季招生简章')] }),
        // The number split over three runs with different formatting.
        new Paragraph({ children: [new TextRun('招生咨询：王小明，电话 139'), new TextRun({ text: '1234', bold: true }), new TextRun('5678。'), new FootnoteReferenceRun(1)] }),
        new Paragraph({ children: [new CommentRangeStart(0), new TextRun('报名时间为7月1日至7月15日。'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })] }),
        new Paragraph({ children: [new TextRun('原电话'), new DeletedTextRun({ text: PHONE, id: 1, author: '赵审核', date: '2024-06-01T00:00:00Z' })] }),
        new Paragraph('本简章由云溪县教育体育局负责解释。'),
      ],
    }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** What an XML parser (and Word) requires of every part. */
const assertWellFormed = (xml: string, label: string) => assert.equal(xmlProblem(xml), null, label);

function xmlParts(b: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, d] of Object.entries(unzipSync(b))) if (/\.(xml|rels)$/.test(n)) out[n] = strFromU8(d);
  return out;
}
/** The text of a part as a reader sees it (tags removed, runs joined). */
const textOf = (xml: string) => xml.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test('a .docx stays a .docx: the number is gone from every part, split runs included, the rest intact', async () => {
  const src = await sample();
  const before = xmlParts(src);
  assert.ok(before['word/document.xml'].includes('电话 139</w:t>'), 'the fixture really splits the number over runs');
  const r = redactDocx(src, TERMS);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.title, '关于王**同志联系方式的说明', 'title from the (redacted) title property');
  const after = xmlParts(r.bytes);
  for (const [name, xml] of Object.entries(after)) {
    assertWellFormed(xml, name);
    assert.ok(!xml.includes(PHONE) && !textOf(xml).includes(PHONE), `${name} holds no number`);
    assert.ok(!textOf(xml).replace(/\s/g, '').includes('王小明'), `${name} holds no name`);
  }
  const doc = textOf(after['word/document.xml']);
  for (const kept of ['云溪县2024年秋季招生简章', '招生咨询：王**，电话 139****5678。', '报名时间为7月1日至7月15日。', '本简章由云溪县教育体育局负责解释。']) assert.ok(doc.includes(kept), kept);
  assert.match(after['word/document.xml'], /<w:b\/>/, 'run formatting kept');
  assert.ok(textOf(after['word/header1.xml']).includes('咨询电话：139****5678'));
  assert.ok(textOf(after['word/footer1.xml']).includes('联系人：王**'), 'name split over runs in the footer');
  assert.ok(textOf(after['word/footnotes.xml']).includes('注：王**，139****5678。'));
  assert.ok(textOf(after['word/comments.xml']).includes('请核实 139****5678'));
  assert.doesNotMatch(after['word/comments.xml'], /赵审核|ZSH/, 'comment authors removed');
  assert.doesNotMatch(after['docProps/core.xml'], /李文书/, 'author and last editor removed');
  assert.ok(!('docProps/custom.xml' in after), 'custom properties dropped');
  assert.doesNotMatch(after['_rels/.rels'], /custom\.xml/, 'and their relationship');
  assert.doesNotMatch(after['[Content_Types].xml'], /custom\.xml/, 'and their content type');
  // Every relationship still points at a part that exists.
  const names = new Set(Object.keys(unzipSync(r.bytes)));
  for (const [n, xml] of Object.entries(after).filter(([n]) => n.endsWith('.rels'))) {
    const base = path.posix.dirname(path.posix.dirname(n));
    for (const m of xml.matchAll(/Target="([^"]+)"(?![^>]*TargetMode="External")/g)) {
      const t = m[1].startsWith('/') ? m[1].slice(1) : path.posix.normalize(path.posix.join(base === '.' ? '' : base, m[1]));
      assert.ok(names.has(t), `${n} → ${t}`);
    }
  }
  // A real reader opens it.
  const read = await mammoth.extractRawText({ buffer: r.bytes });
  assert.ok(read.value.includes('139****5678') && !read.value.includes(PHONE));
  assert.ok(read.value.includes('云溪县2024年秋季招生简章'));
  // The same input gives the same bytes (the file store dedupes by SM3).
  assert.ok((redactDocx(src, TERMS) as { bytes: Buffer }).bytes.equals(r.bytes));
});

test('LibreOffice (when installed) reads the redacted file', { skip: !existsSync('/usr/bin/soffice') && !process.env.PATH?.split(':').some((d) => existsSync(path.join(d, 'soffice'))) }, async () => {
  const r = redactDocx(await sample(), TERMS);
  assert.ok(r.ok);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redact-'));
  try {
    writeFileSync(path.join(dir, 'a.docx'), r.bytes);
    execFileSync('soffice', ['--headless', '--convert-to', 'txt:Text', '--outdir', dir, path.join(dir, 'a.docx')], { timeout: 60_000 });
    const txt = readFileSync(path.join(dir, 'a.txt'), 'utf8');
    assert.ok(txt.includes('139****5678') && !txt.includes(PHONE));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A minimal package around a hand-written document.xml (and extra parts). */
function handDocx(body: string, extra: Record<string, string> = {}): Buffer {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"';
  return Buffer.from(zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/customXml/item1.xml" ContentType="application/xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/></Relationships>'),
    'word/_rels/document.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/></Relationships>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    'customXml/item1.xml': strToU8('<root><phone>13912345678</phone></root>'),
    'docProps/thumbnail.jpeg': new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  }));
}

test('hand-written parts: tabs and entities inside the match, alt text, field codes; custom XML and the thumbnail dropped', () => {
  const body = '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>' +
    '<w:r><w:t>地址 &amp; 电话：139 1234</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">5678  </w:t></w:r><w:r><w:t>（工作日）</w:t></w:r></w:p>' +
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "tel:13912345678" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
    '<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="王小明的照片，电话13912345678"/></wp:inline></w:drawing></w:r></w:p>';
  const terms = [{ text: '139 1234 5678', mask: '139****5678' }, { text: PHONE, mask: '139****5678' }, { text: '王小明', mask: '王**' }];
  const ok = redactDocx(handDocx(body), terms);
  assert.ok(ok.ok, JSON.stringify(ok));
  const out = xmlParts(ok.bytes);
  const doc = out['word/document.xml'];
  assertWellFormed(doc, 'document');
  assert.ok(tokenizeXml(doc));
  assert.ok(doc.includes('<w:t xml:space="preserve">地址 &amp; 电话：139****5678</w:t>'), doc);
  assert.ok(doc.includes('<w:tab w:val="left" w:pos="420"/>'), 'tab stops in pPr untouched');
  assert.ok(doc.includes('<w:t>（工作日）</w:t>'));
  assert.ok(!doc.includes(PHONE) && !doc.includes('王小明'));
  assert.ok(doc.includes('descr="王**的照片，电话139****5678"'));
  assert.ok(doc.includes('tel:139****5678'), 'field code redacted on its own');
  const names = Object.keys(unzipSync(ok.bytes));
  assert.ok(!names.some((n) => n.startsWith('customXml/') || n.includes('thumbnail')), names.join());
  assert.doesNotMatch(out['word/_rels/document.xml.rels'], /customXml/);
  assert.doesNotMatch(out['_rels/.rels'], /thumbnail/);
  assert.doesNotMatch(out['[Content_Types].xml'], /customXml/);

  // An external link's target is masked too; a part's name is not (the link would break).
  const parts = unzipSync(handDocx(body));
  parts['word/_rels/document.xml.rels'] = strToU8(strFromU8(parts['word/_rels/document.xml.rels']).replace('</Relationships>',
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="tel:13912345678" TargetMode="External"/>' +
    '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/13912345678.png"/></Relationships>'));
  parts['word/media/13912345678.png'] = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  const link = redactDocx(Buffer.from(zipSync(parts)), terms);
  // The picture's part name still holds the number: refused rather than published.
  assert.ok(!link.ok && link.reason === 'residue', JSON.stringify(link));
  delete parts['word/media/13912345678.png'];
  parts['word/_rels/document.xml.rels'] = strToU8(strFromU8(parts['word/_rels/document.xml.rels']).replace(/<Relationship Id="rId5"[^>]*\/>/, ''));
  const linked = redactDocx(Buffer.from(zipSync(parts)), terms);
  assert.ok(linked.ok, JSON.stringify(linked));
  assert.match(xmlParts(linked.bytes)['word/_rels/document.xml.rels'], /Target="tel:139\*\*\*\*5678" TargetMode="External"/);
});

test('refusals: a zip bomb, a corrupt file, a part not in UTF-8, a masked string left in an embedded object', async () => {
  const bomb = declareSmall(await docxBomb(8));
  const r1 = redactDocx(bomb, TERMS, { ...ZIP_LIMITS, maxEntryBytes: 4 * 1024 * 1024 });
  assert.ok(!r1.ok && r1.reason === 'too_large' && /超出大小限制/.test(r1.message));
  const r2 = redactDocx(Buffer.from('PK\u0003\u0004 not a zip at all'), TERMS);
  assert.ok(!r2.ok && r2.reason === 'corrupt' && /已损坏/.test(r2.message));
  const utf16 = unzipSync(handDocx('<w:p/>'));
  utf16['word/document.xml'] = new Uint8Array([0xff, 0xfe, ...Buffer.from('<?xml version="1.0" encoding="UTF-16"?><w:document/>', 'utf16le')]);
  const r3 = redactDocx(Buffer.from(zipSync(utf16)), TERMS);
  assert.ok(!r3.ok && r3.reason === 'unsupported');
  const r4 = redactDocx(handDocx('<w:p/>', { 'word/embeddings/oleObject1.bin': `\u0000\u0000${PHONE}\u0000` }), TERMS);
  assert.ok(!r4.ok && r4.reason === 'residue');
  const r5 = redactDocx(handDocx('<w:p/>', { 'word/evil.xml': '<!DOCTYPE x [<!ENTITY p "13912345678">]><x>&p;</x>' }), TERMS);
  assert.ok(!r5.ok && r5.reason === 'corrupt');
});

test('the first Title / Heading 1 paragraph is the title when the property is a placeholder', async () => {
  const doc = new Document({
    title: 'Microsoft Word - 文档1',
    sections: [{ children: [new Paragraph('云溪县教育体育局'), new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('关于王小明'), new TextRun('等同志的公示')] })] }],
  });
  const bytes = Buffer.from(await Packer.toBuffer(doc));
  const r = redactDocx(bytes, TERMS);
  assert.ok(r.ok);
  assert.equal(r.title, '关于王**等同志的公示');
  // Unredacted files published as they are: the same rules, read only.
  assert.equal(docxTitle(bytes), '关于王小明等同志的公示');
  assert.equal(docxTitle(await sample()), '关于王小明同志联系方式的说明');
  assert.equal(docxTitle(await sample(), TERMS), '关于王**同志联系方式的说明', 'masked when asked');
  assert.equal(docxTitle(Buffer.from('not a zip')), null);
  const none = redactDocx(handDocx('<w:p><w:r><w:t>正文</w:t></w:r></w:p>'), []);
  assert.ok(none.ok && none.title === null && none.replaced === 0);
});
