// The pure half of catalogue search: query limits, types, query cleaning, 文号 / 索引号 recognition
// and snippets. No I/O (the index and the planner-aware queries are in search.repo.ts).
import { highlight, parseDocNo, toSearchForm, type QueryWord } from '../../platform/text/index.ts';
import type { RecordSummary } from './repo.public.ts';

/** Longest query accepted (characters); longer ones get a clear message instead of a slow query. */
export const MAX_QUERY_CHARS = 100;
/**
 * Counting stops here: "more than 500 results" (25 pages) is all a reader needs. With a query, the
 * count is the number of newest matches read (one more than this), so the cap is also how many
 * rows a frequent term costs.
 */
export const COUNT_CAP = 500;
/** How much of a long body the highlighter reads, around the first match. */
const SNIPPET_WINDOW = 1_500;

export type Order = 'relevance' | 'date';

export type SearchQuery = {
  q: string;
  org?: number;
  category?: string;
  year?: number;
  docType?: string;
  validity?: string;
  order: Order;
  page: number;
  pageSize: number;
  /** Overrides COUNT_CAP (tests exercise the capped path with a few records). */
  countCap?: number;
  /** Overrides FEW_MATCHES and the first band's width (tests exercise the band-by-band path with a few records). */
  bands?: { fewMatches: number; firstDays: number };
};

export type Segment = { text: string; mark: boolean };

/** A search hit: the public summary of the record (without its description) plus a highlighted snippet. */
export type SearchItem = Omit<RecordSummary, 'description' | 'updatedAt'> & { snippet: Segment[] };

export type SearchProblem = 'query_too_long' | 'query_unusable';

export type SearchResult = {
  total: number;
  /** True when the count reached COUNT_CAP and stopped. */
  capped: boolean;
  items: SearchItem[];
  exactMatch?: { id: number };
  problem?: SearchProblem;
  /** A similar public title when nothing was found (pg_trgm). */
  suggestion?: string;
  /** Nothing held every word: these records hold all but one of them. */
  relaxed?: boolean;
  /** Nothing found: the query with one word fewer, to try. */
  fewerWords?: string[];
  /** Nothing found: organisations named in the query, whose column may help. */
  orgColumns?: { id: number; name: string }[];
};

export const PROBLEM_MESSAGES: Record<SearchProblem, string> = {
  query_too_long: `检索词过长，请控制在${MAX_QUERY_CHARS}个字以内。`,
  query_unusable: '检索词中没有可以检索的文字或数字，请换用信息名称、文号或关键词中的词语。',
};

// ---------------------------------------------------------------------------------------------
// Pure helpers

/** Query text as typed, with whitespace collapsed; non-strings become ''. */
export function cleanQuery(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  // Control characters never help a search and must not reach SQL or XML.
  return raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A query that is a 文号 (any common bracket variant), normalised as stored; otherwise null. */
export function normaliseDocNoQuery(q: string, currentYear: number): string | null {
  if (!/\d/.test(q)) return null;
  const r = parseDocNo(q, currentYear);
  return r.ok ? r.normalised : null;
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9/\-_.]{4,80}$/;

/** Could the query be a 索引号 (ASCII code, slashes, dashes)? Then it is looked up exactly. */
export function looksLikeIndexNo(q: string): boolean {
  return CODE_RE.test(q) && /\d/.test(q) && /[/-]/.test(q);
}

/** Up to two passages of `text` around the hits of `terms`, as segments with ellipses where clipped. */
export function snippetOf(text: string, terms: readonly string[]): Segment[] {
  let flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return [];
  // Highlighting normalises every character it looks at; on a long body, look only around the
  // first place a term appears as written (or at the start when it only matches after 繁→简).
  let cut = false;
  if (flat.length > SNIPPET_WINDOW) {
    let pos = -1;
    for (const t of terms) {
      const i = flat.indexOf(t);
      if (i >= 0 && (pos < 0 || i < pos)) pos = i;
    }
    const start = Math.max(0, pos - 200);
    cut = start > 0;
    flat = flat.slice(start, start + SNIPPET_WINDOW);
  }
  const out: Segment[] = [];
  for (const [i, s] of highlight(flat, terms, { maxSnippets: 2, radius: 50 }).entries()) {
    if (s.clippedStart || i > 0 || (cut && i === 0)) out.push({ text: '…', mark: false });
    out.push(...s.segments.map((x) => ({ text: x.text, mark: x.mark })));
    if (s.clippedEnd) out.push({ text: '…', mark: false });
  }
  // Adjacent ellipses of two passages collapse into one.
  return out.filter((x, i) => !(x.text === '…' && !x.mark && out[i - 1]?.text === '…' && !out[i - 1]?.mark));
}


/** The query with one required word left out (at most three such queries), for a search that found nothing. */
export function fewerWords(words: readonly QueryWord[]): string[] {
  const required = words.filter((w) => w.required).map((w) => w.text);
  if (required.length < 2) return [];
  const out: string[] = [];
  for (let i = required.length - 1; i >= 0 && out.length < 3; i--) {
    const q = required.filter((_, j) => j !== i).join(' ');
    if (q && !out.includes(q)) out.push(q);
  }
  return out;
}
