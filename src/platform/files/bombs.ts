// Hostile archives for the sandbox's regression tests, built in memory by streaming (the inflated
// content is never held): a .docx whose document.xml inflates to hundreds of MiB, the same with a
// central directory that declares a tiny size, and an .xlsx with millions of cells.
import { Zip, ZipDeflate } from 'fflate';

const enc = new TextEncoder();

function zipStream(entries: { name: string; parts: () => Iterable<Uint8Array> }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((err, data, final) => {
      if (err) return reject(err);
      chunks.push(data);
      if (final) resolve(Buffer.concat(chunks));
    });
    for (const e of entries) {
      const f = new ZipDeflate(e.name, { level: 6 });
      zip.add(f);
      let prev: Uint8Array | undefined;
      for (const part of e.parts()) { if (prev) f.push(prev); prev = part; }
      f.push(prev ?? new Uint8Array(0), true);
    }
    zip.end();
  });
}

function* repeat(head: string, unit: string, bytes: number, tail: string): Iterable<Uint8Array> {
  yield enc.encode(head);
  const block = enc.encode(unit.repeat(Math.max(1, Math.floor((1024 * 1024) / enc.encode(unit).length))));
  for (let n = 0; n < bytes; n += block.length) yield block;
  yield enc.encode(tail);
}

const once = (s: string) => () => [enc.encode(s)];

const DOCX_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const DOCX_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A well-formed .docx whose word/document.xml inflates to about `mib` MiB of paragraphs. */
export function docxBomb(mib: number): Promise<Buffer> {
  return zipStream([
    { name: '[Content_Types].xml', parts: once(DOCX_TYPES) },
    { name: '_rels/.rels', parts: once(DOCX_RELS) },
    {
      name: 'word/document.xml',
      parts: () => repeat('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
        '<w:p><w:r><w:t>政务公开</w:t></w:r></w:p>', mib * 1024 * 1024, '</w:body></w:document>'),
    },
  ]);
}

/** A copy of a docx bomb whose central directory declares 1,000 bytes for word/document.xml. */
export function declareSmall(bomb: Buffer): Buffer {
  const b = Buffer.from(bomb);
  for (let p = 0; p + 4 <= b.length; p++) {
    const sig = b.readUInt32LE(p);
    if (sig === 0x02014b50 && b.toString('latin1', p + 46, p + 46 + b.readUInt16LE(p + 28)) === 'word/document.xml') b.writeUInt32LE(1000, p + 24);
  }
  return b;
}

const XLSX_PARTS: Record<string, string> = {
  '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

/**
 * An .xlsx whose one sheet holds about `mib` MiB of rows of 10 numeric cells with varying values:
 * compressed ~10:1 (no ratio alarm) and under the inflate limit, but millions of cells for exceljs.
 */
export function xlsxHuge(mib: number): Promise<Buffer> {
  function* sheet(): Iterable<Uint8Array> {
    yield enc.encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
    let x = 12345;
    for (let n = 0; n < mib * 1024 * 1024;) {
      let block = '';
      for (let r = 0; r < 2000; r++) {
        block += '<row>';
        for (let c = 0; c < 10; c++) { x = (x * 1103515245 + 12345) % 2147483648; block += `<c><v>${x % 100000}</v></c>`; }
        block += '</row>';
      }
      const u = enc.encode(block);
      n += u.length;
      yield u;
    }
    yield enc.encode('</sheetData></worksheet>');
  }
  return zipStream([
    ...Object.entries(XLSX_PARTS).map(([name, xml]) => ({ name, parts: once(xml) })),
    { name: 'xl/worksheets/sheet1.xml', parts: sheet },
  ]);
}

/** A .docx of about `mib` MiB of varied paragraphs (compresses only a few times: no ratio alarm). */
export function docxLarge(mib: number): Promise<Buffer> {
  function* body(): Iterable<Uint8Array> {
    yield enc.encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>');
    let x = 4242;
    for (let n = 0; n < mib * 1024 * 1024;) {
      let block = '';
      for (let i = 0; i < 500; i++) {
        let t = '';
        for (let k = 0; k < 40; k++) { x = (x * 1103515245 + 12345) % 2147483648; t += String.fromCharCode(0x4e00 + (x % 20000)); }
        block += `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
      }
      const u = enc.encode(block);
      n += u.length;
      yield u;
    }
    yield enc.encode('</w:body></w:document>');
  }
  return zipStream([
    { name: '[Content_Types].xml', parts: once(DOCX_TYPES) },
    { name: '_rels/.rels', parts: once(DOCX_RELS) },
    { name: 'word/document.xml', parts: body },
  ]);
}
