// 关键词 of a catalogue record: the rule (required, space-separated, each ≤ 10 characters, at most
// 10) and suggestions by jieba TF-IDF extraction. Keywords are kept as written (only separators are
// normalised to single spaces), so Traditional or full-width input is not rewritten.
import { TfIdf } from '@node-rs/jieba';
import { idf } from '@node-rs/jieba/dict.js';
import { getJieba } from './tokens.ts';
import { toSearchForm } from './normalize.ts';

export const MAX_KEYWORD_CHARS = 10;
export const MAX_KEYWORDS = 10;
/** Longer input is refused before splitting (a pasted document is not a keyword list). */
export const MAX_KEYWORDS_INPUT = 500;

export type KeywordsResult = { ok: true; keywords: string[]; normalised: string } | { ok: false; reason: string };

// Separators: any whitespace (incl. U+3000), commas, 、, semicolons, vertical bars.
const SEPARATORS = /[\s\u3000\u00a0,，、;；|｜]+/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/u;

/** Validates and normalises the 关键词 field. Duplicates (same search form) are dropped, first kept. */
export function validateKeywords(input: unknown): KeywordsResult {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, reason: '请填写关键词' };
  if (input.length > MAX_KEYWORDS_INPUT) return { ok: false, reason: `关键词过长，请不超过${MAX_KEYWORDS}个、每个不超过${MAX_KEYWORD_CHARS}个字` };
  const words = input.split(SEPARATORS).filter((w) => w !== '');
  if (words.length === 0) return { ok: false, reason: '请填写关键词' };
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const w of words) {
    if (CONTROL.test(w)) return { ok: false, reason: `关键词“${w.replace(CONTROL, '')}”含有不可见的控制字符` };
    if (Array.from(w).length > MAX_KEYWORD_CHARS) return { ok: false, reason: `关键词“${w}”超过${MAX_KEYWORD_CHARS}个字` };
    const key = toSearchForm(w);
    if (seen.has(key)) continue;
    seen.add(key);
    keywords.push(w);
  }
  if (keywords.length > MAX_KEYWORDS) {
    return { ok: false, reason: `关键词最多${MAX_KEYWORDS}个，当前为${keywords.length}个` };
  }
  return { ok: true, keywords, normalised: keywords.join(' ') };
}

// Words that say nothing about a government document's subject.
export const KEYWORD_STOP_WORDS: readonly string[] = [
  '关于', '通知', '印发', '有关', '进一步', '做好', '加强', '开展', '工作', '进行', '实施', '推进', '意见',
  '办法', '方案', '规定', '决定', '我县', '我旗', '我市', '我区', '我省', '各级', '各部门', '单位', '同志',
  '要求', '情况', '问题', '以下', '如下', '现将', '认真', '贯彻执行', '执行', '落实', '按照', '根据', '依据',
  '结合', '实际', '相关', '切实', '及时', '主要', '负责', '部门', '机关', '人员', '事项', '内容', '制度',
  '工作人员', '一是', '二是', '三是', '四是', '五是', '以上', '其他', '不得', '应当', '可以', '需要', '进行',
  '给你们', '你们', '我们', '他们', '已经', '通过', '提高', '建立', '健全', '完善', '确保', '全面', '积极',
  '有效', '严格', '重要', '重点', '一般', '原则', '附件', '年度', '各乡镇', '各镇', '乡镇', '县政府', '人民政府',
  '政府', '办公室', '办公厅', '政办发', '政发', '信息', '社会', '群众', '公众', '同意',
];

let extractor: TfIdf | undefined;
function getExtractor(): TfIdf {
  if (!extractor) {
    // Stop words are filtered below: setConfig in @node-rs/jieba 2.0.2 rejects a stopWords Set.
    extractor = TfIdf.withDict(idf);
  }
  return extractor;
}

const NUMBERISH = /^[\d.,:：/\-年月日号第期]+$/u;
const SUGGEST_BODY_CHARS = 30_000;

/**
 * Up to `n` suggested keywords (each 2–10 characters, no stop words or numbers), title words first:
 * TF-IDF over the title (counted three times) plus the start of the body, then words that occur in
 * the title are moved ahead.
 */
export function suggestKeywords(title: unknown, body: unknown, n = 5): string[] {
  const t = typeof title === 'string' ? title.slice(0, 500) : '';
  const b = typeof body === 'string' ? body.slice(0, SUGGEST_BODY_CHARS) : '';
  const count = Math.max(0, Math.min(Math.trunc(n) || 0, MAX_KEYWORDS));
  if (count === 0 || (t.trim() === '' && b.trim() === '')) return [];
  // Extract from the search form, so Traditional text gets dictionary words (suggestions are Simplified).
  const text = toSearchForm(`${t}\n${t}\n${t}\n${b}`);
  const found = getExtractor().extractKeywords(getJieba(), text, count * 4, ['n', 'nr', 'ns', 'nt', 'nz', 'vn', 'v', 'l', 'j']);
  const stop = new Set(KEYWORD_STOP_WORDS);
  const titleForm = toSearchForm(t);
  const scored: { w: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const { keyword, weight } of found) {
    const w = keyword.trim();
    const len = Array.from(w).length;
    if (len < 2 || len > MAX_KEYWORD_CHARS || stop.has(w) || NUMBERISH.test(w) || !/\p{Script=Han}/u.test(w)) continue;
    const key = toSearchForm(w);
    if (seen.has(key)) continue;
    seen.add(key);
    scored.push({ w, score: weight * (titleForm.includes(key) ? 3 : 1) });
  }
  scored.sort((x, y) => y.score - x.score);
  return scored.slice(0, count).map((s) => s.w);
}
