// 文号 detection for metadata extraction.
// TEMPORARY local rule until src/platform/text exports findDocNo/parseDocNo; then this file
// becomes a thin adapter over it (the callers only see { docNo, index, length }).

export interface DocNoHit {
  /** Normalised: 〔〕 brackets, 号. */
  docNo: string;
  /** Position and length of the match in the input. */
  index: number;
  length: number;
}

// 机关代字〔年份〕序号号, with [2018] / (2018) / 【2018】 variants.
const DOC_NO = /([\p{Script=Han}A-Za-z]{1,16})\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*(第?)\s*(\d{1,5})\s*[号號]/u;

export function findDocNo(text: string): DocNoHit | undefined {
  const m = DOC_NO.exec(text);
  if (!m) return undefined;
  return { docNo: `${m[1]}〔${m[2]}〕${m[3]}${Number(m[4])}号`, index: m.index, length: m[0].length };
}
