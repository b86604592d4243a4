// Scoring a search relevance set: recall@k and MRR over judged queries, with the detail of every
// query that misses. Pure (no I/O): the runner (search-quality.fixtures.ts) feeds it the ranked
// record keys that searchRecords returned; the test and `npm run bench -- search-quality` print it.

/** A query as citizens type it, with the records (by stable key) that must come back. */
export type Judgement = { q: string; relevant: readonly string[]; tags?: readonly string[] };

/** What the engine returned for one query: record keys best first (an exact 文号 jump first). */
export type RankedRun = { q: string; ranked: readonly string[] };

export type QueryScore = {
  q: string;
  tags: readonly string[];
  relevant: readonly string[];
  /** The first k keys returned. */
  top: string[];
  /** Share of the relevant records within the first k. */
  recall: number;
  /** 1 / rank of the first relevant record within the depth scored, else 0. */
  reciprocalRank: number;
  /** Relevant records missing from the first k, with their rank if they came back deeper (null: not at all). */
  missing: { key: string; rank: number | null }[];
  /** How many records matched in all (the engine's count), when known. */
  total?: number;
};

export type Scores = {
  k: number;
  /** Results scored for MRR (one page). */
  depth: number;
  queries: number;
  /** Mean over queries of each query's recall@k. */
  recallAtK: number;
  mrr: number;
  perQuery: QueryScore[];
  /** Queries with a relevant record outside the first k, in the set's order. */
  misses: QueryScore[];
  /** recall@k and MRR per tag (colloquial, 繁体, numerals…). */
  byTag: { tag: string; queries: number; recallAtK: number; mrr: number }[];
};

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Scores one query: `ranked` is what came back, best first (duplicates after the first are ignored). */
export function scoreQuery(j: Judgement, ranked: readonly string[], k = 5, depth = 10, total?: number): QueryScore {
  const seen = [...new Set(ranked)].slice(0, depth);
  const rankOf = (key: string) => { const i = seen.indexOf(key); return i < 0 ? null : i + 1; };
  const relevant = [...new Set(j.relevant)];
  const ranks = relevant.map((key) => ({ key, rank: rankOf(key) }));
  const within = ranks.filter((r) => r.rank !== null && r.rank <= k).length;
  const first = Math.min(...ranks.map((r) => r.rank ?? Infinity));
  return {
    q: j.q, tags: j.tags ?? [], relevant, top: seen.slice(0, k),
    recall: relevant.length ? within / relevant.length : 1,
    reciprocalRank: Number.isFinite(first) ? 1 / first : 0,
    missing: ranks.filter((r) => r.rank === null || r.rank > k),
    ...(total !== undefined ? { total } : {}),
  };
}

/**
 * Scores a whole run. Every judged query must have been run (a query left out would silently
 * raise the averages), so a missing one throws.
 */
export function scoreRun(judged: readonly Judgement[], runs: readonly (RankedRun & { total?: number })[], k = 5, depth = 10): Scores {
  const byQ = new Map(runs.map((r) => [r.q, r]));
  const perQuery = judged.map((j) => {
    const r = byQ.get(j.q);
    if (!r) throw new Error(`query “${j.q}” was not run`);
    return scoreQuery(j, r.ranked, k, depth, r.total);
  });
  const tags = [...new Set(perQuery.flatMap((s) => s.tags))];
  return {
    k, depth, queries: perQuery.length,
    recallAtK: mean(perQuery.map((s) => s.recall)),
    mrr: mean(perQuery.map((s) => s.reciprocalRank)),
    perQuery,
    misses: perQuery.filter((s) => s.missing.length > 0),
    byTag: tags.map((tag) => {
      const xs = perQuery.filter((s) => s.tags.includes(tag));
      return { tag, queries: xs.length, recallAtK: mean(xs.map((s) => s.recall)), mrr: mean(xs.map((s) => s.reciprocalRank)) };
    }),
  };
}

const f3 = (x: number) => x.toFixed(3);

/** The numbers and every miss as plain text (for the test's output and the bench). */
export function formatScores(s: Scores): string {
  const lines = [
    `queries ${s.queries}  recall@${s.k} ${f3(s.recallAtK)}  MRR@${s.depth} ${f3(s.mrr)}  misses ${s.misses.length}`,
    `by tag: ${s.byTag.map((t) => `${t.tag} ${f3(t.recallAtK)}/${f3(t.mrr)} (${t.queries})`).join(', ')}`,
  ];
  for (const m of s.misses) {
    const missing = m.missing.map((x) => `${x.key} ${x.rank === null ? 'not returned' : `at ${x.rank}`}`).join(', ');
    lines.push(`  miss “${m.q}”${m.total !== undefined ? ` (${m.total} matches)` : ''}: ${missing}; top: ${m.top.join(' ') || '(nothing)'}`);
  }
  return lines.join('\n');
}
