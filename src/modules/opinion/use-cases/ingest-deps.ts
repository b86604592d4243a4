// What the pipeline, the plans and the routing read, loaded once per batch: lexicons from
// opinion_lexicon_terms where the admin has words for them (else the pipeline's defaults, per list),
// the organisation tree, the gazetteer, the active plans and the routing rules.
import type { Executor } from '../../../platform/db/index.ts';
import { compilePipeline, DEFAULT_LEXICONS, type CompiledPipeline, type LexiconTerm, type Lexicons, type PlaceEntry, type PlaceKind } from '../pipeline/index.ts';
import { activeOrgs, activePlans, lexiconRows, routingRules } from '../ingest.repo.ts';
import { compilePlans, compileRoutes, type CompiledPlan, type CompiledRoute } from '../plans.ts';

export type IngestDeps = { pipeline: CompiledPipeline; plans: CompiledPlan[]; routes: CompiledRoute[] };

type LexRow = { lexicon: string; term: string; weight: number; data: unknown };
const PLACE_KINDS: readonly PlaceKind[] = ['乡镇', '村', '社区', '地标'];

/** Lexicons from stored rows: a list with no stored word keeps its default. */
export function lexiconsOf(rows: readonly LexRow[]): { lexicons: Lexicons; gazetteer: PlaceEntry[] } {
  const by = new Map<string, LexiconTerm[]>();
  for (const r of rows) {
    const l = by.get(r.lexicon);
    const t = { term: r.term, weight: r.weight };
    if (l) l.push(t); else by.set(r.lexicon, [t]);
  }
  const lexicons: Lexicons = {
    negative: by.get('negative') ?? DEFAULT_LEXICONS.negative,
    sensitive: by.get('sensitive') ?? DEFAULT_LEXICONS.sensitive,
    categories: DEFAULT_LEXICONS.categories.map((rule) => ({ ...rule, terms: by.get(`category_${rule.category}`) ?? rule.terms })),
    stop: by.get('stop')?.map((t) => t.term) ?? DEFAULT_LEXICONS.stop,
  };
  const gazetteer: PlaceEntry[] = rows.filter((r) => r.lexicon === 'gazetteer').map((r) => {
    const d = (r.data ?? {}) as { kind?: string; orgId?: number | null; aliases?: string[] };
    return {
      name: r.term,
      kind: PLACE_KINDS.includes(d.kind as PlaceKind) ? d.kind as PlaceKind : '地标',
      orgId: typeof d.orgId === 'number' ? d.orgId : null,
      aliases: Array.isArray(d.aliases) ? d.aliases.filter((a) => typeof a === 'string') : null,
    };
  });
  return { lexicons, gazetteer };
}

export async function loadIngestDeps(db: Executor): Promise<IngestDeps> {
  const [lex, orgs, plans, rules] = await Promise.all([lexiconRows(db), activeOrgs(db), activePlans(db), routingRules(db)]);
  const { lexicons, gazetteer } = lexiconsOf(lex);
  return {
    pipeline: compilePipeline({ lexicons, orgs, gazetteer }),
    plans: compilePlans(plans),
    routes: compileRoutes(rules),
  };
}
