// Test fixtures: real .docx / .xlsx / .pdf bytes built in memory (no network, no binary files in git).
// Used by this module's tests and by other modules' upload tests.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';

export interface OfficialDoc {
  /** Red-header line such as "云溪县人民政府办公室文件" (optional). */
  header?: string;
  docNo?: string;
  title: string;
  addressee?: string;
  body: string[];
  signer?: string;
  date?: string;
}

/** An official-document-shaped .docx: header, 文号, bold centred title, addressee, body, signer, date. */
export async function makeDocx(d: OfficialDoc): Promise<Buffer> {
  const p = (text: string, o: { bold?: boolean; center?: boolean; right?: boolean } = {}) => new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : o.right ? AlignmentType.RIGHT : undefined,
    children: [new TextRun({ text, bold: o.bold })],
  });
  const children: Paragraph[] = [];
  if (d.header) children.push(p(d.header, { bold: true, center: true }));
  if (d.docNo) children.push(p(d.docNo, { center: true }));
  children.push(p(d.title, { bold: true, center: true }));
  if (d.addressee) children.push(p(d.addressee));
  for (const b of d.body) children.push(p(b));
  if (d.signer) children.push(p(d.signer, { right: true }));
  if (d.date) children.push(p(d.date, { right: true }));
  const doc = new Document({ sections: [{ children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

export async function makeXlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A valid one-page PDF written by hand (correct xref offsets) showing ASCII lines in Helvetica.
 * Chinese PDFs need CID fonts and the pdfjs cmaps, which cannot be produced here without a font file.
 */
export function makePdf(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => '\\' + c);
  const stream = ['BT', '/F1 14 Tf', '72 740 Td', '18 TL', ...lines.map((l, i) => (i === 0 ? `(${esc(l)}) Tj` : `T* (${esc(l)}) Tj`)), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** "政府信息公开" in GBK, written byte by byte (Node cannot encode GBK). */
export const GBK_SAMPLE = Buffer.from([0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf, 0xa2, 0xb9, 0xab, 0xbf, 0xaa]);

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" mc:Ignorable="wps"';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/** A text box (drawing with its VML fallback, as Word writes it) holding `paragraphs`. */
export function textBoxXml(paragraphs: string): string {
  return '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="7" name="文本框 7"/><a:graphic><a:graphicData>' +
    `<wps:wsp><wps:txbx><w:txbxContent>${paragraphs}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
    `<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
}

export interface DocxParts {
  /** Inner XML of <w:body>. */
  body: string;
  /** Inner XML of word/header1.xml's <w:hdr>, footer1's <w:ftr>, … (each a list of <w:p>). */
  header?: string;
  footer?: string;
  /** Inner XML of the one real footnote / endnote / comment (id 1 / 1 / 0). */
  footnote?: string;
  endnote?: string;
  comment?: string;
  /** docProps/core.xml values. */
  core?: { title?: string; subject?: string; description?: string; creator?: string; lastModifiedBy?: string };
}

/**
 * A .docx written part by part (the docx library cannot write text boxes or endnotes), with the
 * content types and relationships Word needs to open it.
 */
export function makeDocxParts(p: DocxParts): Buffer {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const types: string[] = [`<Override PartName="/word/document.xml" ContentType="${CT}.document.main+xml"/>`];
  const rels: string[] = [];
  const parts: Record<string, string> = {};
  const sect: string[] = [];
  const add = (file: string, type: string, relType: string, xml: string, ref?: string) => {
    parts[`word/${file}`] = XML_DECL + xml;
    types.push(`<Override PartName="/word/${file}" ContentType="${CT}.${type}+xml"/>`);
    const id = `rId${rels.length + 1}`;
    rels.push(`<Relationship Id="${id}" Type="${REL}/${relType}" Target="${file}"/>`);
    if (ref) sect.push(`<w:${ref} w:type="default" r:id="${id}"/>`);
  };
  if (p.header !== undefined) add('header1.xml', 'header', 'header', `<w:hdr ${W_NS}>${p.header}</w:hdr>`, 'headerReference');
  if (p.footer !== undefined) add('footer1.xml', 'footer', 'footer', `<w:ftr ${W_NS}>${p.footer}</w:ftr>`, 'footerReference');
  const note = (el: string, id: number, inner: string) => `<w:${el} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:${el}>` +
    `<w:${el} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:${el}><w:${el} w:id="${id}">${inner}</w:${el}>`;
  if (p.footnote !== undefined) add('footnotes.xml', 'footnotes', 'footnotes', `<w:footnotes ${W_NS}>${note('footnote', 1, p.footnote)}</w:footnotes>`);
  if (p.endnote !== undefined) add('endnotes.xml', 'endnotes', 'endnotes', `<w:endnotes ${W_NS}>${note('endnote', 1, p.endnote)}</w:endnotes>`);
  if (p.comment !== undefined) add('comments.xml', 'comments', 'comments', `<w:comments ${W_NS}><w:comment w:id="0" w:author="赵审核" w:initials="ZSH">${p.comment}</w:comment></w:comments>`);
  const coreXml = p.core ? '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    Object.entries(p.core).map(([k, v]) => { const tag = k === 'creator' || k === 'title' || k === 'subject' || k === 'description' ? `dc:${k}` : `cp:${k}`; return `<${tag}>${esc(v!)}</${tag}>`; }).join('') +
    '</cp:coreProperties>' : null;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>${types.join('')}${coreXml ? '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' : ''}</Types>`),
    '_rels/.rels': strToU8(`${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
      `${coreXml ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' : ''}</Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`),
    'word/document.xml': strToU8(`${XML_DECL}<w:document ${W_NS}><w:body>${p.body}<w:sectPr>${sect.join('')}</w:sectPr></w:body></w:document>`),
    ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])),
  };
  if (coreXml) files['docProps/core.xml'] = strToU8(XML_DECL + coreXml);
  return Buffer.from(zipSync(files));
}

/**
 * A notice whose body holds no personal data, with a mobile number in every other text part: split
 * over three runs (and in a text box) in the header, in the footer, a footnote, an endnote, a
 * comment, a text box of the body and the description property; the author named in core.xml.
 */
export function marginsDocx(phone = '13912345678'): Buffer {
  const [a, b, c] = [phone.slice(0, 3), phone.slice(3, 7), phone.slice(7)];
  const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
  return makeDocxParts({
    body: para('云溪县教育体育局关于2024年秋季学期招生工作的通知') + para('招生工作安排详见本通知。') +
      `<w:p>${textBoxXml(para(`文本框：报名咨询 ${phone}`))}</w:p>` +
      '<w:p><w:r><w:t>报名时间为7月1日至7月15日。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>',
    header: `<w:p><w:r><w:t xml:space="preserve">页眉咨询电话：${a}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>${b}</w:t></w:r><w:r><w:t>${c}</w:t></w:r></w:p>` +
      `<w:p>${textBoxXml(para(`页眉文本框 ${phone}`))}</w:p>`,
    footer: para(`页脚值班电话 ${phone}`),
    footnote: para(`脚注：经办人电话 ${phone}`),
    endnote: para(`尾注：联系电话${phone}`),
    comment: para(`批注：请核实 ${phone}`),
    core: { title: '秋季学期招生工作通知', description: `联系电话 ${phone}`, creator: '李文书', lastModifiedBy: '李文书' },
  });
}
