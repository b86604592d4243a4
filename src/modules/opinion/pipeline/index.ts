// The 政务舆情 analysis pipeline: pure stages, composed for one item by analyseItem. Everything it
// reads (lexicons, organisation tree, gazetteer, idf table) is passed in; nothing here touches the
// database or the clock. Segmentation (jieba) is the dominant cost, so an item is tokenised once and
// the tokens feed SimHash, keywords and grouping.
import type { Analysis, GroupItem, Lexicons, OrgEntry, PipelineItem, PlaceEntry } from './types.ts';
import { normaliseItem, normalise } from './normalise.ts';
import { defaultIdfTable, tokenise, type IdfTable } from './tokens.ts';
import { bandsOf, exactKey, join64, MIN_NEAR_FEATURES } from './hash.ts';
import { TermTable } from './terms.ts';
import { buildMentionMatcher, findMentions, DEFAULT_KEYWORDS, type MentionMatcher } from './keywords.ts';
import { buildClassifier, buildLexicon, classify, lexiconHits, type CategoryClassifier, type LexiconMatcher } from './classify.ts';

export type * from './types.ts';
export { OPINION_CATEGORIES } from './types.ts';
export { normalise, normaliseItem, stripHtml } from './normalise.ts';
export { tokenise, contentTerms, defaultIdfTable, type IdfTable } from './tokens.ts';
export { exactKey, simhash, itemSimhash, hamming, bandsOf, toSigned64, fromSigned64, BandedIndex, NEAR_DISTANCE, MIN_NEAR_FEATURES, type NearMatch } from './hash.ts';
export { termWeights, extractKeywords, buildMentionMatcher, findMentions, mentionedOrgIds, type MentionMatcher, type Mentions } from './keywords.ts';
export { assignIncident, matchScore, startIncident, addItem, addRepost, mergeIncidents, splitItems, summarise, DEFAULT_GROUP_OPTIONS, type GroupOptions, type GroupDecision, type IncidentMember } from './group.ts';
export { IncidentIndex } from './group-index.ts';
export { TermTable, type TermAnalysis, type GroupTermAnalysis } from './terms.ts';
export { buildClassifier, classify, buildLexicon, lexiconHits } from './classify.ts';
export { scoreRisk, growthPerHour, mergeHits, DEFAULT_RISK_MODEL, type RiskModel, type RiskInput } from './risk.ts';
export { DEFAULT_LEXICONS, DEFAULT_STOP_WORDS, DEFAULT_NEGATIVE, DEFAULT_SENSITIVE, DEFAULT_CATEGORY_RULES } from './lexicons.ts';

/** What the pipeline needs, as the database layer loads it. */
export type PipelineDeps = {
  lexicons: Lexicons;
  orgs?: readonly OrgEntry[];
  gazetteer?: readonly PlaceEntry[];
  /** Defaults to jieba's table. */
  idf?: IdfTable;
  /** Keywords kept per item (default 8). */
  keywords?: number;
};

/** The deps compiled into matchers once (compilePipeline); analyseItem caches this per deps object. */
export type CompiledPipeline = {
  readonly compiled: true;
  stop: ReadonlySet<string>;
  idf: IdfTable;
  keywords: number;
  /** Per-word facts (content, idf, SimHash votes) of `stop` and `idf`, filled as words are seen. */
  terms: TermTable;
  mentions: MentionMatcher;
  classifier: CategoryClassifier;
  negative: LexiconMatcher;
  sensitive: LexiconMatcher;
};

export function compilePipeline(deps: PipelineDeps): CompiledPipeline {
  // Stop words are compared with tokens of normalised text, so they are normalised the same way.
  const stop = new Set(deps.lexicons.stop.map((w) => normalise(w)).filter(Boolean));
  const idf = deps.idf ?? defaultIdfTable();
  return {
    compiled: true,
    stop,
    idf,
    keywords: deps.keywords ?? DEFAULT_KEYWORDS,
    terms: new TermTable(stop, idf),
    mentions: buildMentionMatcher(deps.orgs ?? [], deps.gazetteer ?? []),
    classifier: buildClassifier(deps.lexicons.categories),
    negative: buildLexicon(deps.lexicons.negative),
    sensitive: buildLexicon(deps.lexicons.sensitive),
  };
}

const cache = new WeakMap<PipelineDeps, CompiledPipeline>();
function compiledOf(deps: PipelineDeps | CompiledPipeline): CompiledPipeline {
  if ('compiled' in deps) return deps;
  let c = cache.get(deps);
  if (!c) cache.set(deps, (c = compilePipeline(deps)));
  return c;
}

/**
 * Stages 1–3 and 5 for one item: normalised text, exact key, SimHash and bands, content terms,
 * keywords, organisations and places named, category, negative and sensitive words. Risk is an
 * incident's (scoreRisk), grouping needs the open incidents (assignIncident / IncidentIndex).
 */
export function analyseItem(input: PipelineItem, deps: PipelineDeps | CompiledPipeline): Analysis {
  const c = compiledOf(deps);
  const text = normaliseItem(input.title, input.text, { html: input.html });
  const { terms, halves, features, keywords } = c.terms.analyse(tokenise(text), c.keywords);
  const simhash = join64(halves.hi, halves.lo);
  const mentions = findMentions(text, c.mentions);
  return {
    text,
    exactKey: exactKey(text),
    simhash,
    bands: bandsOf(simhash),
    features,
    nearEligible: features >= MIN_NEAR_FEATURES,
    terms,
    keywords,
    orgs: mentions.orgs,
    places: mentions.places,
    classification: classify(text, c.classifier, { assignedByHigher: input.assignedByHigher }),
    negative: lexiconHits(text, c.negative),
    sensitive: lexiconHits(text, c.sensitive),
  };
}

/** What grouping reads of an analysed item: distinct terms of two or more characters (镇, 水 match everything). */
export function toGroupItem(a: Analysis, publishedAt: Date): GroupItem {
  const terms = [...new Set(a.terms)].filter((t) => t.length >= 2);
  return { keywords: a.keywords, terms, publishedAt, simhash: a.simhash, places: a.places.map((p) => p.name) };
}
