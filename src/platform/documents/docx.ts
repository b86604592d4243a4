// The GB/T 9704 公文 writer: an OfficialDocument (model.ts) → .docx bytes. A4 with the standard
// margins, 仿宋_GB2312 三号 body on fixed 28 pt lines, 小标宋 二号 title, 版头 in red with the red
// line, headings by level, tables (table.ts), 附件说明, 落款 with 成文日期 in Chinese, 附注, 版记, "— N —".
import {
  AlignmentType, BorderStyle, Document, Footer, Header, LineRuleType, Packer, PageBreak, PageNumber, Paragraph, TextRun,
  type FileChild, type IFontAttributesProperties, type ISpacingProperties,
} from 'docx';
import { chineseDate, type Block, type OfficialDocument } from './model.ts';
import {
  A4, BODY_FONT, BODY_SIZE, HEI_FONT, INDENT, KAI_FONT, LINE, MARGIN, RED, SMALL_SIZE, SONG_FONT, TITLE_FONT, TITLE_SIZE,
} from './style.ts';
import { ALIGN, buildTable, runsOf } from './table.ts';

const EXACT: ISpacingProperties = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const run = (text: string, o: { size?: number; bold?: boolean; font?: IFontAttributesProperties; color?: string } = {}) =>
  new TextRun({ text, size: o.size ?? BODY_SIZE, bold: o.bold, font: o.font ?? BODY_FONT, color: o.color });
const empty = () => new Paragraph({ spacing: EXACT, children: [] });

const HEADING_FONT: Record<1 | 2 | 3 | 4, { font: IFontAttributesProperties; bold?: boolean }> = {
  1: { font: HEI_FONT }, 2: { font: KAI_FONT }, 3: { font: BODY_FONT, bold: true }, 4: { font: BODY_FONT },
};

function blocks(body: (Block | string)[]): FileChild[] {
  const out: FileChild[] = [];
  for (const b of body) {
    if (typeof b === 'string') {
      out.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: b === '' ? undefined : { firstLine: INDENT }, spacing: EXACT, children: b === '' ? [] : [run(b)] }));
      continue;
    }
    switch (b.kind) {
      case 'paragraph':
        out.push(new Paragraph({
          alignment: ALIGN[b.align ?? 'justify'], indent: b.indent === false ? undefined : { firstLine: INDENT },
          spacing: EXACT, children: runsOf(b.text, BODY_SIZE),
        }));
        break;
      case 'heading': {
        const f = HEADING_FONT[b.level] ?? HEADING_FONT[4];
        out.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: EXACT, keepNext: true, children: [run(b.text, f)] }));
        break;
      }
      case 'table':
        if (b.caption) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: EXACT, keepNext: true, children: [run(b.caption, { font: HEI_FONT })] }));
        out.push(buildTable(b));
        if (b.note) out.push(new Paragraph({ spacing: EXACT, children: [run(b.note, { size: SMALL_SIZE })] }));
        break;
      case 'blank':
        out.push(empty());
        break;
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  return out;
}

/** A 版记 line: 四号, one character in from each side, between rules (first and last thick). */
const recordLine = (text: string, top: 'thick' | 'thin' | null, bottom: 'thick' | 'thin') => new Paragraph({
  indent: { left: 280, right: 280 }, spacing: EXACT,
  border: {
    top: top ? { style: BorderStyle.SINGLE, size: top === 'thick' ? 8 : 4, color: '000000', space: 1 } : undefined,
    bottom: { style: BorderStyle.SINGLE, size: bottom === 'thick' ? 8 : 4, color: '000000', space: 1 },
  },
  children: [run(text, { size: SMALL_SIZE })],
});

function head(d: OfficialDocument): Paragraph[] {
  const out: Paragraph[] = [];
  const left = (t: string) => new Paragraph({ spacing: EXACT, children: [run(t, { font: HEI_FONT })] });
  if (d.copyNo) out.push(left(d.copyNo));
  if (d.secrecy) out.push(left(d.secrecy));
  if (d.urgency) out.push(left(d.urgency));
  if (d.issuer) {
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: LINE }, children: [run(d.issuer, { size: 60, font: TITLE_FONT, color: RED })] }));
  }
  if (d.docNo || d.signer) {
    const children = [run(d.docNo ?? '')];
    if (d.signer) children.push(run('\t签发人：'), run(d.signer, { font: KAI_FONT }));
    out.push(new Paragraph({ alignment: d.signer ? AlignmentType.LEFT : AlignmentType.CENTER, spacing: EXACT, children }));
  }
  // The red 分隔线 under the 发文字号, 4 mm below it.
  if (d.issuer || d.docNo) out.push(new Paragraph({ spacing: { before: 0, after: LINE }, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 6 } }, children: [] }));
  return out;
}

/** Writes the document as .docx bytes. Throws DocumentShapeError for a table that does not fit its grid. */
export async function writeOfficialDocument(d: OfficialDocument): Promise<Buffer> {
  const children: FileChild[] = [
    ...head(d),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: LINE, line: 700, lineRule: LineRuleType.EXACT }, children: [run(d.title, { size: TITLE_SIZE, bold: true, font: TITLE_FONT })] }),
  ];
  if (d.addressee) children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: EXACT, children: [run(d.addressee)] }));
  children.push(...blocks(d.body));
  const attachments = d.attachments?.filter((a) => a.trim()) ?? [];
  if (attachments.length) {
    children.push(empty());
    // 附件说明: "附件：1. …", further items aligned under the first name.
    attachments.forEach((a, i) => {
      const name = attachments.length > 1 ? `${i + 1}. ${a}` : a;
      children.push(new Paragraph({
        spacing: EXACT, indent: i === 0 ? { firstLine: INDENT } : { left: INDENT + 3 * 320 },
        children: [run(i === 0 ? `附件：${name}` : name)],
      }));
    });
  }
  if (d.signature) {
    // 发文机关署名 and 成文日期 right-aligned, 右空四字.
    const right = (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: INDENT * 2 }, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(text)] });
    children.push(new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [] }));
    children.push(new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [] }));
    children.push(right(d.signature.seal ? `${d.signature.org}（印章）` : d.signature.org));
    children.push(right(chineseDate(/^\d{4}-\d{2}-\d{2}$/.test(d.signature.date) ? d.signature.date : null) ?? d.signature.date));
  }
  if (d.note) children.push(new Paragraph({ spacing: EXACT, indent: { firstLine: INDENT }, children: [run(`（${d.note.replace(/^[（(]|[）)]$/g, '')}）`)] }));
  (d.annexes ?? []).forEach((a, i) => {
    children.push(new Paragraph({ children: [new PageBreak()] }));
    children.push(new Paragraph({ spacing: EXACT, children: [run(d.annexes!.length > 1 ? `附件${i + 1}` : '附件', { font: HEI_FONT })] }));
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: LINE, after: LINE, line: 700, lineRule: LineRuleType.EXACT }, children: [run(a.title, { size: TITLE_SIZE, font: TITLE_FONT })] }));
    children.push(...blocks(a.body));
  });
  const copyTo = d.copyTo?.filter((c) => c.trim()) ?? [];
  if (copyTo.length || d.printed) {
    children.push(empty());
    if (copyTo.length) children.push(recordLine(`抄送：${copyTo.join('，')}。`, 'thick', d.printed ? 'thin' : 'thick'));
    if (d.printed) {
      const date = chineseDate(/^\d{4}-\d{2}-\d{2}$/.test(d.printed.date) ? d.printed.date : null) ?? d.printed.date;
      children.push(recordLine(`${d.printed.org}\u3000\u3000${date}印发`, copyTo.length ? null : 'thick', 'thick'));
    }
  }

  const doc = new Document({
    creator: d.meta?.creator ?? 'gongkai',
    title: d.title,
    description: d.meta?.description ?? d.runningHeader ?? d.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [{
      properties: { page: { size: A4, margin: MARGIN } },
      headers: d.runningHeader ? {
        default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(d.runningHeader, { size: 24 })] })] }),
      } : undefined,
      footers: d.pageNumbers === false ? undefined : {
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SMALL_SIZE, font: SONG_FONT })],
          })],
        }),
      },
      children,
    }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
