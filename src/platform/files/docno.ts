// 文号 detection for metadata extraction: a thin adapter over the shared rule in platform/text
// (callers here need the position of the match as well as the normalised form).
import { findDocNo as findInText } from '../text/index.ts';

export interface DocNoHit {
  /** Normalised: 机关代字〔年份〕序号号. */
  docNo: string;
  /** Position and length of the match in the input. */
  index: number;
  length: number;
}

export function findDocNo(text: string, currentYear: number): DocNoHit | undefined {
  const f = findInText(text, currentYear);
  return f ? { docNo: f.normalised, index: f.start, length: f.end - f.start } : undefined;
}
