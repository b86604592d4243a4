// GB/T 9704-2012 measures and fonts, in the units of the docx library (twips = 1/20 pt, sizes in half-points).
import type { IFontAttributesProperties } from 'docx';

const MM = 56.7;
export const A4 = { width: 11906, height: 16838 };
/** 天头 37 mm, bottom 35 mm, 订口 28 mm, right 26 mm: a 156 × 225 mm text block. */
export const MARGIN = {
  top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM),
  header: Math.round(15 * MM), footer: Math.round(18 * MM),
};
/** The width of the text block, for tables. */
export const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

/** 三号 (16 pt): 正文. */
export const BODY_SIZE = 32;
/** 二号 (22 pt): 标题. */
export const TITLE_SIZE = 44;
/** 四号 (14 pt): 版记, page numbers. */
export const SMALL_SIZE = 28;
/** Fixed 28 pt lines (22 lines of 28 characters per page). */
export const LINE = 560;
/** Two characters of 三号 text: the first-line indent of a paragraph. */
export const INDENT = 640;
/** GB/T 9704 red (版头 and 分隔线). */
export const RED = 'E60012';

// Word and LibreOffice fall back by name: 仿宋_GB2312 on older Windows, FangSong (仿宋) elsewhere.
export const BODY_FONT: IFontAttributesProperties = { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong', cs: 'FangSong' };
export const TITLE_FONT: IFontAttributesProperties = { eastAsia: '方正小标宋简体', ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun' };
export const SONG_FONT: IFontAttributesProperties = { eastAsia: '宋体', ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun' };
export const HEI_FONT: IFontAttributesProperties = { eastAsia: '黑体', ascii: 'SimHei', hAnsi: 'SimHei', cs: 'SimHei' };
export const KAI_FONT: IFontAttributesProperties = { eastAsia: '楷体_GB2312', ascii: 'KaiTi', hAnsi: 'KaiTi', cs: 'KaiTi' };
