// Types shared by the pure analysis stages. Plain data only (JSON-able except Date and the bigint
// SimHash), so the database layer can store and reload every value without conversion logic here.
// Category and grade codes are the module's stable codes (the same as ../model.ts CATEGORIES / GRADES).

/** The five kinds of opinion that must be answered (seed 004 §二; 国办发〔2016〕61号). */
export type OpinionCategory = 'policy_misread' | 'public_interest' | 'moral' | 'emergency' | 'higher_request';
export const OPINION_CATEGORIES: readonly OpinionCategory[] = ['policy_misread', 'public_interest', 'moral', 'emergency', 'higher_request'];

/** 一般 / 较大 / 重大 / 特别重大. */
export type RiskGrade = 'general' | 'large' | 'major' | 'extreme';

/** A word of a lexicon with its weight (the admin edits both). */
export type LexiconTerm = { term: string; weight: number };
/** A weighted keyword of an item or an incident (the shape stored in opinion_incidents.keywords). */
export type WeightedTerm = { term: string; weight: number };

/** One category's words and the score its words must reach for the category to be suggested. */
export type CategoryRule = { category: OpinionCategory; threshold: number; terms: LexiconTerm[] };

/** Every editable word list the pipeline reads. */
export type Lexicons = {
  negative: LexiconTerm[];
  sensitive: LexiconTerm[];
  categories: CategoryRule[];
  /** Words never used as keywords or SimHash features. */
  stop: string[];
};

/** An organisation of the tree, as matched in text. */
export type OrgEntry = { id: number; name: string; shortName?: string | null; aliases?: readonly string[] | null };
export type PlaceKind = '乡镇' | '村' | '社区' | '地标';
/** A gazetteer entry: a place and the organisation (乡镇政府, 街道办 …) it belongs to, if any. */
export type PlaceEntry = { name: string; kind: PlaceKind; orgId?: number | null; aliases?: readonly string[] | null };

export type OrgMention = { orgId: number; name: string; matched: string };
export type PlaceMention = { name: string; kind: PlaceKind; orgId: number | null; matched: string };

/** What the pipeline is given for one collected item. */
export type PipelineItem = {
  title?: string | null;
  text: string;
  /** The text is HTML (a feed's content:encoded); otherwise HTML is stripped only when it looks like markup. */
  html?: boolean;
  publishedAt: Date;
  /** A task assigned by a higher government (上级交办): always 上级要求回应. */
  assignedByHigher?: boolean;
};

export type CategoryScore = { category: OpinionCategory; score: number; terms: string[] };
export type Classification = {
  category: OpinionCategory | null;
  /** The words that decided it (empty when null). */
  terms: string[];
  /** Why 上级要求回应 without words: the item came as a higher government's task. */
  reason?: 'assigned_by_higher';
  /** Every category with at least one hit, best first. */
  scores: CategoryScore[];
};

/** Lexicon words found in a text (each counted once), with their weights and the sum. */
export type LexiconHits = { terms: LexiconTerm[]; weight: number };

export type Analysis = {
  /** Normalised text: what the hashes, keywords and lexicons read. */
  text: string;
  /** Exact-duplicate key (sha256 hex of `text`). */
  exactKey: string;
  /** 64-bit SimHash (unsigned); store with toSigned64. */
  simhash: bigint;
  /** The 4 × 16-bit band values of the SimHash (bandsOf). */
  bands: number[];
  /** Terms that voted in the SimHash. */
  features: number;
  /** Enough text for a near-duplicate decision (features ≥ MIN_NEAR_FEATURES); otherwise exact duplicates only. */
  nearEligible: boolean;
  /** Content tokens (jieba words without stop words and punctuation), in text order. */
  terms: string[];
  keywords: WeightedTerm[];
  orgs: OrgMention[];
  places: PlaceMention[];
  classification: Classification;
  negative: LexiconHits;
  sensitive: LexiconHits;
};

/** What incident assignment reads of an item. */
export type GroupItem = {
  keywords: readonly WeightedTerm[];
  /** Distinct content terms of the item. */
  terms: readonly string[];
  publishedAt: Date;
  simhash?: bigint;
  places?: readonly string[];
};

/** The pure summary of an incident that grouping, merging and splitting work on. */
export type IncidentSummary = {
  id: string;
  /** Summed keyword weights over the incident's items, heaviest first (capped). */
  keywords: WeightedTerm[];
  /** Centroid terms: the content terms most items share, most frequent first (capped). */
  centroid: string[];
  /** How many items carried each centroid term (parallel to `centroid`). */
  centroidCounts: number[];
  places: string[];
  firstItemAt: Date;
  lastItemAt: Date;
  itemCount: number;
  repostCount: number;
};

export type RiskFactorName = 'volume' | 'growth' | 'source' | 'negative' | 'sensitive' | 'category';
export type RiskFactor = {
  factor: RiskFactorName;
  /** Chinese label shown to the monitor. */
  label: string;
  /** The measured value (items, items per hour, weight, hit weight, category weight). */
  raw: number;
  /** raw mapped to 0–1 (how: `rule`). */
  normalised: number;
  /** The factor's weight (share of 100 points). */
  weight: number;
  /** Points this factor adds to the score (normalised × weight × 100, one decimal). */
  contribution: number;
  /** How raw became normalised, in Chinese. */
  rule: string;
  /** The words that fired (lexicon factors) or the category code. */
  terms: string[];
};
export type RiskExplanation = {
  score: number;
  grade: RiskGrade;
  factors: RiskFactor[];
  /** The grade thresholds the score was compared with. */
  thresholds: { grade: RiskGrade; min: number }[];
};
