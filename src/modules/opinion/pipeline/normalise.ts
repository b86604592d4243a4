// Stage 1: the clean text of a collected item — what duplicate keys, SimHash, keywords and lexicons
// read. A repost, a Traditional copy or a copy decorated for a platform must come out identical:
//   HTML → text (platform/files/html.ts), then the platform's search form (NFKC widths, 繁→简 by
//   character, lower case: platform/text/normalize.ts — the one character map), then platform noise
//   (URLs, @mentions, 【转发】-style labels, #话题# markers, emoji and [表情] codes, repeated
//   punctuation), then whitespace. Never shown to people: the original text is kept for that.
import { htmlToText, decodeEntities } from '../../../platform/files/html.ts';
import { toSearchForm } from '../../../platform/text/normalize.ts';

/** Bracketed labels platforms put in front of posts; they say nothing about the content. */
export const NOISE_LABELS: readonly string[] = [
  '转发', '转', '转载', '转帖', '视频', '图', '图片', '组图', '长图', '多图', '热门', '置顶', '原创', '分享',
  '直播', '推荐', '热搜', '话题', '超话', '投稿', '爆料', '扩散', '求扩散', '链接',
];
/** Fixed phrases platforms add to posts (after normalisation: half-width, lower case). */
export const NOISE_PHRASES: readonly string[] = [
  '转发微博', '网页链接', '展开全文', '收起全文', '查看图片', '查看原图', '的微博视频', '秒拍视频', '的快手视频', '抖音视频',
];

const LABEL_RE = new RegExp(`[【\\[(（]\\s*(?:${NOISE_LABELS.join('|')})\\s*[】\\])）]`, 'gu');
const PHRASE_RE = new RegExp(NOISE_PHRASES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|'), 'gu');
// After NFKC: http(s) links and bare www./t.cn links.
const URL_RE = /(?:https?:\/\/|www\.|t\.cn\/)[\w\-.~:/?#[\]@!$&'()*+,;=%]*/gu;
// @name (Weibo names: letters, digits, Han, _ and -), and the "//" of a repost chain before it.
const MENTION_RE = /(?:\/\/\s*)?@[\p{L}\p{N}_-]{1,30}[:：]?/gu;
// #话题# → 话题: the topic words stay, the markers go.
const HASHTAG_RE = /#([^#\n]{1,40})#/gu;
// Weibo-style [哈哈] / [doge] emoticon codes: a short Han or Latin word in brackets.
const EMOTICON_RE = /\[[\p{Script=Han}a-z]{1,5}\]/gu;

// Per-code-point classes for the one-pass cleaner (regexes with \p{…} cost more than jieba's budget allows).
const KEEP = 1;
const DROP = 2; // emoji, modifiers, joiners, invisible and control characters
const PUNCT = 3; // punctuation and symbols: a run of the same one becomes one
const SPACE = 4;
const EMOJI_CP = /^[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\u200d\ufe0e\ufe0f\u20e3]$/u;
// Zero-width characters and controls: a common trick to defeat filters and duplicate checks.
// eslint-disable-next-line no-control-regex
const INVISIBLE_CP = /^[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u200c\u200e\u200f\u2060-\u2064\ufeff]$/u;
const PUNCT_CP = /^[\p{P}\p{S}]$/u;
const SPACE_CP = /^\s$/u;
const bmpClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();

function classify(ch: string): number {
  if (SPACE_CP.test(ch)) return SPACE;
  if (EMOJI_CP.test(ch) || INVISIBLE_CP.test(ch)) return DROP;
  return PUNCT_CP.test(ch) ? PUNCT : KEEP;
}
function classOf(s: string, i: number, cp: number): number {
  if (cp < 0x10000) {
    let c = bmpClass[cp]!;
    if (c === 0) bmpClass[cp] = c = classify(s[i]!);
    return c;
  }
  let c = astralClass.get(cp);
  if (c === undefined) astralClass.set(cp, (c = classify(String.fromCodePoint(cp))));
  return c;
}

/**
 * One pass: emoji and invisible characters dropped, a run of one punctuation mark kept once,
 * whitespace collapsed to one space and dropped next to non-ASCII characters (Chinese has no word
 * spaces; feeds break lines anywhere), trimmed.
 */
function cleanChars(s: string): string {
  let out = '';
  let pendingSpace = false;
  let prevCp = -1; // last code point written
  let start = -1; // start of a run of kept characters not yet appended
  const n = s.length;
  const flush = (end: number) => {
    if (start >= 0) { out += s.slice(start, end); start = -1; }
  };
  for (let i = 0; i < n; i++) {
    let cp = s.charCodeAt(i);
    let w = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) { cp = s.codePointAt(i)!; w = cp > 0xffff ? 2 : 1; }
    const cls = cp < 0x80 && cp > 0x20 && !((cp >= 0x21 && cp <= 0x2f) || (cp >= 0x3a && cp <= 0x40) || (cp >= 0x5b && cp <= 0x60) || cp >= 0x7b) ? KEEP : classOf(s, i, cp);
    if (cls === SPACE) { flush(i); pendingSpace = out !== ''; i += w - 1; continue; }
    if (cls === DROP || (cls === PUNCT && cp === prevCp && !pendingSpace)) { flush(i); i += w - 1; continue; }
    if (pendingSpace) {
      flush(i);
      // A space survives only between two ASCII characters (Latin words, numbers).
      if (prevCp < 0x80 && cp < 0x80) out += ' ';
      pendingSpace = false;
    }
    if (start < 0) start = i;
    prevCp = cp;
    i += w - 1;
  }
  flush(n);
  return out;
}

// A start tag with well-formed attributes, an end tag or a comment ("a<b 和 c>d" is not markup).
const LOOKS_LIKE_HTML = /<(?:[a-z][a-z0-9]*(?:\s+[a-z_:][-\w:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>`=]+))?)*\s*\/?|\/[a-z][a-z0-9]*\s*|!--[\s\S]*?--)>/i;
const HAS_ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

/** Plain text of a feed's or a sender's content: markup stripped when asked or when it looks like HTML. */
export function stripHtml(input: string, html = false): string {
  if (html || LOOKS_LIKE_HTML.test(input)) return htmlToText(input);
  return HAS_ENTITY.test(input) ? decodeEntities(input) : input;
}

/** Longest input read: a post longer than this is an article, and its start decides duplicates. */
export const MAX_NORMALISE_CHARS = 20_000;

/**
 * The clean text of `input` (see the file comment). Idempotent: normalising the result again gives
 * the same string. Non-strings give ''.
 */
export function normalise(input: string, opts: { html?: boolean } = {}): string {
  if (typeof input !== 'string' || input === '') return '';
  let s = input.length > MAX_NORMALISE_CHARS ? input.slice(0, MAX_NORMALISE_CHARS) : input;
  s = stripHtml(s, opts.html === true);
  s = toSearchForm(s);
  // Each replacement runs only when its marker is present: most posts have none, and jieba's speed is the budget.
  if (s.includes('http') || s.includes('www.') || s.includes('t.cn/')) s = s.replace(URL_RE, ' ');
  if (s.includes('@')) s = s.replace(MENTION_RE, ' ');
  if (s.includes('#')) s = s.replace(HASHTAG_RE, ' $1 ').replace(/#/g, ' ');
  s = s.replace(LABEL_RE, ' ').replace(PHRASE_RE, ' ');
  if (s.includes('[')) s = s.replace(EMOTICON_RE, '');
  s = cleanChars(s);
  // A label or mention removed at the start can leave leading separators ("【转发】：…", "//: …").
  return s.replace(/^[\s:：/,，;；.。、!！?？|｜~-]+/u, '');
}

/**
 * The text an item is analysed by: title and body, the title only when the body does not already
 * start with it (feeds often repeat it), normalised together.
 */
export function normaliseItem(title: string | null | undefined, text: string, opts: { html?: boolean } = {}): string {
  const body = normalise(text, opts);
  const head = normalise(title ?? '');
  if (!head || body.startsWith(head)) return body || head;
  if (!body) return head;
  return `${head} ${body}`;
}
