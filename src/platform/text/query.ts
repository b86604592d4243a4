// What a citizen typed → a safe tsquery over the index of tokens.ts.
//
// The query is normalised like the index (繁→简, full-width → half-width) and segmented into words:
// jieba's precise mode on each Han run, after the run has been scanned for synonym terms (教体局,
// 医保 …: they are kept whole and matched in any of their group's spellings) and before Chinese
// numerals are joined into numbers (六周岁 also finds 6周岁, 2027年 also 二〇二七年). A record matches
// when it holds every required word, each as the phrase of its characters (its bigrams ANDed:
// never `<->`, the index keeps one position per lexeme); words may be anywhere in title or text.
// Stop words (的, 关于, 通知 …), question words (几岁, 多少) and lone single characters are
// optional: they rank, but do not veto a match — unless nothing else is left, then they are required.
// Because each required word's bigrams are a subset of the whole run's, a record that contains the
// query as typed is always found (recall is exact for substrings); segmenting only adds matches.
// Single Han characters and Latin/digit words match as prefixes ('县':*, '201':* finds 2018).
import { getJieba, pieces } from './tokens.ts';
import { toSearchForm } from './normalize.ts';

/** A query is cut to this many characters before anything else. */
export const MAX_QUERY_CHARS = 200;
/** At most this many operands in a tsquery. */
export const MAX_QUERY_LEXEMES = 32;

/** One lexeme of a query, matched whole or as a prefix (`:*`). */
export type QueryLexeme = { lexeme: string; prefix: boolean };
/** One spelling of a word: all its lexemes must match. */
export type Phrase = readonly QueryLexeme[];
/** A clause of the query: it matches when one of its phrases does. */
export type QueryClause = readonly Phrase[];
/** A word of the query as segmented: its text, other spellings (synonyms, numerals), whether it must match. */
export type QueryWord = { text: string; alts: string[]; required: boolean };

export type BuiltTsQuery = {
  /** For `to_tsquery('simple', $1)` (also valid as a `::tsquery` literal). */
  tsquery: string;
  /** The same query as data: every clause must match (for estimates and narrowing). */
  clauses: QueryClause[];
  /** Normalised terms for highlighting, longest first. */
  terms: string[];
  /** The words in query order. */
  words: QueryWord[];
  /** Optional words and whole long words: a tsquery that only ranks (null when there is none). */
  rankTsquery: string | null;
  /** With three or more required words: records holding all but one of them (for a search that found nothing). */
  relaxedTsquery: string | null;
};

/** Above this many required words, no relaxed query is built (it grows with the square of the words). */
const MAX_RELAXED_WORDS = 6;

// ---------------------------------------------------------------------------------------------
// Synonyms

/** Groups of equivalent terms, indexed by first character for the longest-match scan. */
export type SynonymSet = { byFirst: Map<string, { term: string; others: string[] }[]> };

/** Normalises groups of equivalent terms (医保 = 医疗保障) for buildTsQuery. Terms of one character are ignored. */
export function synonymSet(groups: readonly (readonly string[])[]): SynonymSet {
  const byTerm = new Map<string, Set<string>>();
  for (const g of groups) {
    const terms = [...new Set(g.map((t) => toSearchForm(String(t)).replace(/\s+/g, '')).filter((t) => Array.from(t).length >= 2))];
    if (terms.length < 2) continue;
    for (const t of terms) {
      const set = byTerm.get(t) ?? new Set<string>();
      for (const o of terms) if (o !== t) set.add(o);
      byTerm.set(t, set);
    }
  }
  const byFirst = new Map<string, { term: string; others: string[] }[]>();
  for (const [term, others] of byTerm) {
    const first = Array.from(term)[0]!;
    const list = byFirst.get(first) ?? [];
    list.push({ term, others: [...others] });
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.term.length - a.term.length);
  return { byFirst };
}

const NO_SYNONYMS: SynonymSet = { byFirst: new Map() };

// ---------------------------------------------------------------------------------------------
// Stop words and numerals

/** Words that say nothing about the subject in a citizen's query; they never veto a match. */
const STOP_WORDS_AS_TYPED = [
  '的', '了', '和', '与', '及', '或', '等', '之', '是', '在', '对', '把', '被', '由', '为', '向', '从', '将', '给', '让',
  '关于', '有关', '相关', '以及', '或者', '还是', '通知', '公告', '通告', '文件', '信息', '问题', '情况', '内容', '方面', '一下',
  '请问', '咨询', '怎么', '怎么样', '怎样', '怎么办', '咋办', '如何', '什么', '什么样', '什么时候', '哪些', '哪里', '哪个', '哪儿', '在哪',
  '在哪里', '去哪', '去哪里', '为什么', '是否', '能否', '可否', '有没有', '啥',
  '吗', '呢', '啊', '吧', '呀', '要', '想', '能', '会', '可以', '需要', '应该', '我', '我们', '你', '你们', '他', '她', '自己',
];
/** The stop words in search form (the query is normalised before it is compared: 么 → 幺). */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORDS_AS_TYPED.map(toSearchForm));

const NUMERAL_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUMERAL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 };
const NUMERAL_CHAR = /^[〇零一二两三四五六七八九十百千万]+$/u;
/** What a number measures in government texts: 6周岁, 2027年, 3个工作日, 20日内. */
const UNITS = new Set(['年', '季', '月', '日', '号', '岁', '周', '个', '名', '人', '元', '次', '天', '项', '条', '款', '批', '期', '届', '级', '类', '户', '所', '座', '辆', '台', '家', '份', '件', '门', '倍', '亩', '吨', '层', '小', '分', '秒', '点', '万', '亿', '里', '米', '公']);

/** Arabic digits for a Chinese numeral (二〇二七 → 2027, 十二 → 12, 三百零五 → 305), or null. */
export function chineseToArabic(s: string): string | null {
  if (!s || !NUMERAL_CHAR.test(s)) return null;
  const chars = Array.from(s);
  // Digit by digit (years, codes): no 十百千万.
  if (chars.every((c) => c in NUMERAL_DIGIT)) {
    if (chars.length === 1 || chars.every((c) => c !== '两')) return chars.map((c) => NUMERAL_DIGIT[c]).join('');
    return null;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const c of chars) {
    if (c in NUMERAL_DIGIT) {
      if (digit !== null && digit !== 0) return null; // 二三十 (but 一百零五)
      digit = NUMERAL_DIGIT[c]!;
      continue;
    }
    const u = NUMERAL_UNIT[c]!;
    if (u === 10_000) {
      section += digit ?? 0;
      if (section === 0) return null;
      total += section * u;
      section = 0;
      digit = null;
      lastUnit = Infinity;
      continue;
    }
    if (u >= lastUnit) return null; // 十百, 百百
    section += (digit ?? (u === 10 ? 1 : NaN)) * u;
    if (Number.isNaN(section)) return null;
    digit = null;
    lastUnit = u;
  }
  const n = total + section + (digit ?? 0);
  return Number.isSafeInteger(n) ? String(n) : null;
}

/** The Chinese numeral for 0–99 (6 → 六, 12 → 十二, 20 → 二十), a year as digits (2027 → 二〇二七), or null. */
export function arabicToChinese(d: string, unit: string | undefined): string | null {
  if (!/^\d{1,4}$/.test(d)) return null;
  const D = '〇一二三四五六七八九';
  if (d.length === 4 && unit === '年') return Array.from(d, (c) => D[Number(c)]).join('');
  const n = Number(d);
  if (d.length > 2 || (d.length === 2 && d[0] === '0')) return null;
  if (n < 10) return n === 0 ? '零' : D[n]!;
  return (n >= 20 ? D[Math.floor(n / 10)] : '') + '十' + (n % 10 ? D[n % 10] : '');
}

// ---------------------------------------------------------------------------------------------
// Segmentation

/** A segment of the query; `run` numbers the Han run it came from (single characters join only within one). */
type Seg = { text: string; alts: string[]; kind: 'syn' | 'num' | 'word' | 'other'; run?: number };

/**
 * jieba's search mode for a long word: the shorter dictionary words it is made of, as a cover from
 * left to right (空间规划 → 空间 + 规划, 重大项目 → 重大 + 项目, not the overlapping 大项), so that
 * 国土空间规划 also finds 国土空间总体规划. Null when the parts do not cover the word (云溪县).
 */
function searchParts(word: string): string[] | null {
  const chars = Array.from(word);
  if (chars.length < 3) return null;
  const parts: { start: number; end: number; text: string }[] = [];
  for (const w of new Set(getJieba().cutForSearch(forJieba(word), true).map(toSearchForm))) {
    const len = Array.from(w).length;
    if (len < 2 || len >= chars.length) continue;
    for (let i = 0; i + len <= chars.length; i++) if (chars.slice(i, i + len).join('') === w) parts.push({ start: i, end: i + len, text: w });
  }
  const out: string[] = [];
  for (let pos = 0; pos < chars.length;) {
    const from = parts.filter((p) => p.start === pos).sort((a, b) => b.end - a.end)[0]
      ?? parts.filter((p) => p.start < pos && p.end > pos).sort((a, b) => b.end - a.end)[0];
    if (!from) return null;
    out.push(from.text);
    pos = from.end;
  }
  return out;
}

/**
 * The search form maps 么 to 幺 (and 著 to 着, 乾 to 干), which jieba's dictionary does not know
 * (什幺 is cut wrongly): jieba reads 么 back; its words are normalised again afterwards.
 */
function forJieba(norm: string): string {
  return norm.replace(/幺/g, '么');
}

/** The lexemes of one spelling: a dictionary word as its search-mode parts (重大项目 → 重大 + 项目), else its bigrams. */
function spellingOf(text: string): QueryLexeme[] {
  const parts = searchParts(text);
  if (!parts) return phraseOf(text);
  const seen = new Set<string>();
  return parts.flatMap(phraseOf).filter((l) => !seen.has(l.lexeme) && !!seen.add(l.lexeme));
}

/** Splits one Han run at synonym terms (longest match first); the rest is cut by jieba and numerals joined. */
function segmentHan(run: string, syn: SynonymSet): Seg[] {
  const out: Seg[] = [];
  const chars = Array.from(run);
  let buf = '';
  const flush = () => {
    if (buf) out.push(...joinNumerals(getJieba().cut(forJieba(buf), true).map(toSearchForm)));
    buf = '';
  };
  for (let i = 0; i < chars.length;) {
    const cands = syn.byFirst.get(chars[i]!);
    const rest = cands ? chars.slice(i).join('') : '';
    const hit = cands?.find((c) => rest.startsWith(c.term));
    if (hit) {
      flush();
      out.push({ text: hit.term, alts: hit.others, kind: 'syn' });
      i += Array.from(hit.term).length;
      continue;
    }
    buf += chars[i];
    i++;
  }
  flush();
  return out;
}

/**
 * Chinese numerals among jieba's words: runs of numeral-only words are joined (二/〇/二七 → 二〇二七),
 * and a number that measures something (六 + 周岁, 三年) gets its Arabic spelling as an alternative.
 * Its text carries the unit's first character, so that 六周岁 is looked up as 六周 + 周岁, not 六.
 */
function joinNumerals(words: string[]): Seg[] {
  const out: Seg[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (NUMERAL_CHAR.test(w)) {
      let run = w;
      while (i + 1 < words.length && NUMERAL_CHAR.test(words[i + 1]!)) run += words[++i]!;
      const value = chineseToArabic(run);
      const next = words[i + 1];
      const unit = next ? Array.from(next)[0]! : undefined;
      if (value !== null && (Array.from(run).length >= 2 || (unit && UNITS.has(unit)))) {
        out.push({ text: run + (unit && UNITS.has(unit) ? unit : ''), alts: [value], kind: 'num' });
        continue;
      }
      out.push({ text: run, alts: [], kind: 'word' });
      continue;
    }
    // A word that starts with a number and goes on with a unit: 三年, 一年级, 十二月.
    const m = /^([〇零一二两三四五六七八九十百千万]+)(.+)$/u.exec(w);
    const value = m ? chineseToArabic(m[1]!) : null;
    if (m && value !== null && UNITS.has(Array.from(m[2]!)[0]!) && !QUERY_STOP_WORDS.has(w)) {
      out.push({ text: w, alts: [value + m[2]!], kind: 'num' });
      continue;
    }
    out.push({ text: w, alts: [], kind: 'word' });
  }
  return out;
}

/** Normalised query → segments in order (Han runs segmented, other words kept; numerals given their other spelling). */
function segmentQuery(norm: string, syn: SynonymSet): { segs: Seg[]; runs: string[] } {
  const segs: Seg[] = [];
  const runs: string[] = [];
  for (const token of norm.split(/\s+/)) {
    const ps = pieces(token, false);
    for (let k = 0; k < ps.length; k++) {
      const p = ps[k]!;
      if (p.han) {
        runs.push(p.text);
        for (const sg of segmentHan(p.text, syn)) segs.push({ ...sg, run: runs.length });
        continue;
      }
      // 6周岁 / 2027年: digits directly followed by a unit also match the Chinese numeral.
      const next = ps[k + 1];
      const unit = next?.han ? Array.from(next.text)[0] : undefined;
      const zh = /^\d+$/.test(p.text) && unit && UNITS.has(unit) ? arabicToChinese(p.text, unit) : null;
      segs.push({ text: p.text, alts: zh ? [zh + unit] : [], kind: 'other' });
    }
  }
  return { segs, runs };
}

/** Which words must match: stop words, question words and lone single characters rank only. */
function classify(segs: Seg[]): QueryWord[] {
  const words: QueryWord[] = [];
  const optional = (s: Seg) => s.kind === 'word' && (QUERY_STOP_WORDS.has(s.text) || /^(几|多少|多大|多久|多长)/u.test(s.text));
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.kind !== 'word' || optional(s)) {
      words.push({ text: s.text, alts: s.alts, required: !optional(s) });
      continue;
    }
    // Consecutive single characters (an unknown name jieba could not cut) are one phrase.
    let text = s.text;
    const single = (x: Seg | undefined) => !!x && x.kind === 'word' && Array.from(x.text).length === 1 && !optional(x);
    if (single(s)) while (single(segs[i + 1]) && segs[i + 1]!.run === s.run) text += segs[++i]!.text;
    const parts = searchParts(text);
    if (parts) {
      // The whole word ranks (jieba indexes it whole); its parts must match.
      words.push({ text, alts: [], required: false });
      for (const p of parts) words.push({ text: p, alts: [], required: true });
      continue;
    }
    words.push({ text, alts: [], required: Array.from(text).length >= 2 });
  }
  // Nothing left but stop words or single characters (通知, 县): then they are the query.
  if (!words.some((w) => w.required)) for (const w of words) w.required = true;
  return words;
}

// ---------------------------------------------------------------------------------------------
// tsquery text

/** A tsquery operand: lexemes contain only letters and digits, but quote and escape defensively. */
function operand(l: QueryLexeme): string {
  return `'${l.lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${l.prefix ? ':*' : ''}`;
}

function phraseTsQuery(p: Phrase): string {
  return p.length === 1 ? operand(p[0]!) : `(${p.map(operand).join(' & ')})`;
}

/** One clause as tsquery text (its phrases joined by `|`). */
export function clauseTsQuery(clause: QueryClause): string {
  return clause.length === 1 ? phraseTsQuery(clause[0]!) : `(${clause.map(phraseTsQuery).join(' | ')})`;
}

/** The lexemes of one spelling: Han runs as bigrams (a single character as a prefix), other words as prefixes. */
export function phraseOf(text: string): QueryLexeme[] {
  const out: QueryLexeme[] = [];
  const seen = new Set<string>();
  const add = (lexeme: string, prefix: boolean) => {
    const key = lexeme + (prefix ? ':*' : '');
    if (!seen.has(key)) { seen.add(key); out.push({ lexeme, prefix }); }
  };
  for (const p of pieces(text, false)) {
    if (!p.han) { add(p.text, true); continue; }
    const chars = Array.from(p.text);
    if (chars.length === 1) { add(p.text, true); continue; }
    for (let i = 0; i + 1 < chars.length; i++) add(chars[i]! + chars[i + 1]!, false);
  }
  return out;
}

/**
 * Turns what a user typed into a safe tsquery (see the file comment). Any input (junk, tsquery
 * syntax, 5,000 characters) gives a valid query, or null when nothing searchable remains.
 */
export function buildTsQuery(userQuery: unknown, opts: { synonyms?: SynonymSet } = {}): BuiltTsQuery | null {
  if (typeof userQuery !== 'string') return null;
  const norm = toSearchForm(userQuery.slice(0, MAX_QUERY_CHARS));
  const { segs, runs } = segmentQuery(norm, opts.synonyms ?? NO_SYNONYMS);
  if (!segs.length) return null;
  const words = classify(segs);
  const clauses: QueryClause[] = [];
  const keys = new Set<string>();
  let lexemes = 0;
  const push = (c: QueryClause) => {
    const key = clauseTsQuery(c);
    const n = c.reduce((s, p) => s + p.length, 0);
    if (keys.has(key) || lexemes + n > MAX_QUERY_LEXEMES) return;
    keys.add(key);
    clauses.push(c);
    lexemes += n;
  };
  // Han words only may be left out by the relaxed query: numbers and codes (文号, years) stay.
  const groups: { text: string; droppable: boolean }[] = [];
  for (const w of words) {
    if (!w.required) continue;
    const main = spellingOf(w.text);
    if (!main.length) continue;
    const alts = w.alts.map(spellingOf).filter((p) => p.length);
    const before = clauses.length;
    if (!alts.length) for (const l of main) push([[l]]);
    else push([main, ...alts]);
    // A number in either spelling (六周 / 6, 2027 / 二〇二七年) has a non-Han spelling: it stays.
    const han = [w.text, ...w.alts].every((t) => /^\p{Script=Han}+$/u.test(t)) && !/[〇零一二两三四五六七八九十百千万]{2}/u.test(w.text);
    if (clauses.length > before) groups.push({ text: clauses.slice(before).map(clauseTsQuery).join(' & '), droppable: han });
  }
  if (!clauses.length) return null;
  const droppable = groups.filter((g) => g.droppable).length;
  const relaxed = droppable >= 3 && groups.length <= MAX_RELAXED_WORDS
    ? groups.flatMap((g, i) => (g.droppable ? [`(${groups.filter((_, j) => j !== i).map((x) => x.text).join(' & ')})`] : [])).join(' | ')
    : null;
  // Ranking only: optional words, and required words of 3+ characters as jieba indexes them whole.
  const rank: string[] = [];
  for (const w of words) {
    if (rank.length >= 8) break;
    if (!w.required) {
      const p = phraseOf(w.text);
      if (p.length) rank.push(phraseTsQuery(p));
    } else if (Array.from(w.text).length >= 3 && /^\p{Script=Han}+$/u.test(w.text)) {
      rank.push(operand({ lexeme: w.text, prefix: false }));
    }
  }
  const terms = [...new Set([...runs, ...words.flatMap((w) => (w.required || Array.from(w.text).length >= 2 ? [w.text, ...w.alts] : []))])]
    .filter((t) => t && !QUERY_STOP_WORDS.has(t))
    .sort((x, y) => y.length - x.length)
    .slice(0, 16);
  return {
    tsquery: clauses.map(clauseTsQuery).join(' & '),
    clauses,
    terms: terms.length ? terms : runs.slice(0, 16),
    words,
    rankTsquery: rank.length ? [...new Set(rank)].join(' | ') : null,
    relaxedTsquery: relaxed,
  };
}
