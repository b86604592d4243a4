// The structured document that platform/documents writes: what a 公文 (GB/T 9704) is made of,
// without any domain words. Callers (notices, 舆情专报, press releases, the annual report) build
// one of these; docx.ts turns it into bytes.

export type Align = 'left' | 'center' | 'right' | 'justify';

/** A run of text with emphasis. */
export interface Run { text: string; bold?: boolean; italic?: boolean; underline?: boolean }
export type Inline = string | Run;

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string | Inline[];
  align?: Align;
  /** First-line indent of two characters (the 正文 default); false for flush text. */
  indent?: boolean;
}

/**
 * A 结构层次序数 heading: level 1 "一、" 黑体, 2 "（一）" 楷体, 3 "1." 仿宋 bold, 4 "（1）" 仿宋.
 * The caller writes the number into the text.
 */
export interface HeadingBlock { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }

export interface TableCell {
  text: string | Inline[];
  /** Merged with the cells below (like HTML rowspan): the covered positions are left out of the rows below. */
  rowSpan?: number;
  /** Merged with the cells to the right (like HTML colspan). */
  columnSpan?: number;
  align?: Align;
  bold?: boolean;
}

export interface TableBlock {
  kind: 'table';
  /** The table's own title, centered above it (e.g. "一、主动公开政府信息情况"). */
  caption?: string;
  /** Relative column widths (any unit); equal columns when omitted. */
  columns?: number[];
  /** The first N rows are the header: bold, centered and repeated on every page. */
  headerRows?: number;
  /** Rows of cells; a cell covered by a rowSpan/columnSpan from above or the left is omitted. */
  rows: (TableCell | string)[][];
  /** 'all' (default): every cell ruled; 'outer': the frame only; 'none'. */
  borders?: 'all' | 'outer' | 'none';
  /** Font size in points; 14 (四号) by default. */
  fontSize?: number;
  /** A line under the table (注：…). */
  note?: string;
}

export type Block = ParagraphBlock | HeadingBlock | TableBlock | { kind: 'blank' } | { kind: 'pageBreak' };

/**
 * One official document. Every part but the title is optional; the order on the page is the order
 * of GB/T 9704: 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号, red line), 标题, 主送机关,
 * 正文, 附件说明, 落款 (发文机关署名, 成文日期, 印章), 附注, 附件, 版记 (抄送, 印发机关和印发日期).
 */
export interface OfficialDocument {
  /** 份号, six digits. */
  copyNo?: string;
  /** 密级和保密期限, e.g. "秘密★1年". */
  secrecy?: string;
  /** 紧急程度: 特急 / 加急. */
  urgency?: string;
  /** 发文机关标志, e.g. "云溪县人民政府办公室文件" (red, centered). */
  issuer?: string;
  /** 发文字号, e.g. "云政办发〔2026〕12号". */
  docNo?: string;
  /** 签发人 (上行文): shown to the right of the 发文字号. */
  signer?: string;
  title: string;
  /** 主送机关 (or the addressee of a letter): flush left, ends with "：". */
  addressee?: string;
  /** 正文: a string is a paragraph ('' an empty line). */
  body: (Block | string)[];
  /** 附件说明: the names of the attachments, numbered when more than one. */
  attachments?: string[];
  signature?: {
    /** 发文机关署名. */
    org: string;
    /** 成文日期: 'YYYY-MM-DD' is written in Chinese (2026年9月5日); anything else as given. */
    date: string;
    /** Marks where the seal goes: "（印章）" after the name. */
    seal?: boolean;
  };
  /** 附注, e.g. "此件公开发布" (written in parentheses). */
  note?: string;
  /** 附件 pages, each starting on a new page with "附件N" and its title. */
  annexes?: { title: string; body: (Block | string)[] }[];
  /** 抄送机关. */
  copyTo?: string[];
  /** 印发机关和印发日期. */
  printed?: { org: string; date: string };
  /** A running header on every page (right-aligned), e.g. a case number. */
  runningHeader?: string;
  /** Page numbers "— 1 —" in the footer (default true). */
  pageNumbers?: boolean;
  /** Document properties. */
  meta?: { creator?: string; description?: string };
}

/** A structured document that cannot be written (e.g. a table whose rows do not fill its grid). */
export class DocumentShapeError extends Error {
  constructor(message: string) { super(message); this.name = 'DocumentShapeError'; }
}

/** '2026-09-18' → '2026年9月18日' (the 成文日期 form of GB/T 9704: Arabic numerals, no leading zeros). */
export function chineseDate(iso: string | null | undefined): string | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : null;
}
