// Stage 3: what an item is about — TF-IDF keywords over the item's tokens (the tokens of stage 2,
// not a second segmentation), and the organisations and places it names, matched against the
// organisation tree and the gazetteer the admin edits (both passed in), longest match first.
import type { OrgEntry, OrgMention, PlaceEntry, PlaceMention, WeightedTerm } from './types.ts';
import type { IdfTable } from './tokens.ts';
import { PhraseMatcher } from './match.ts';

/** Term → tf × idf over the item's content terms (words jieba's table lacks get its median idf). */
export function termWeights(terms: readonly string[], idf: IdfTable): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  for (const [t, n] of tf) tf.set(t, n * (idf.get(t) ?? idf.median));
  return tf;
}

export const DEFAULT_KEYWORDS = 8;
const DIGIT_RE = /\d/u;

/** A term worth showing as a keyword: two or more characters, not containing digits (dates, amounts). */
export function isKeywordTerm(t: string): boolean {
  return t.length >= 2 && t.length <= 12 && !DIGIT_RE.test(t);
}

/** The `top` heaviest keyword terms, weight rounded to 0.01, heaviest first (ties: first in text). */
export function extractKeywords(weights: ReadonlyMap<string, number>, top = DEFAULT_KEYWORDS): WeightedTerm[] {
  const out: WeightedTerm[] = [];
  for (const [term, weight] of weights) if (isKeywordTerm(term)) out.push({ term, weight });
  // Stable sort: Map order is first occurrence, which breaks ties.
  out.sort((a, b) => b.weight - a.weight);
  return out.slice(0, Math.max(0, top)).map((k) => ({ term: k.term, weight: Math.round(k.weight * 100) / 100 }));
}

type MentionValue = { kind: 'org'; org: OrgEntry } | { kind: 'place'; place: PlaceEntry };

/** The organisation tree and gazetteer compiled once; reuse it for every item. */
export type MentionMatcher = { readonly matcher: PhraseMatcher<MentionValue> };

export function buildMentionMatcher(orgs: readonly OrgEntry[], gazetteer: readonly PlaceEntry[]): MentionMatcher {
  const entries: [string, MentionValue][] = [];
  for (const org of orgs) {
    const v: MentionValue = { kind: 'org', org };
    for (const n of [org.name, org.shortName, ...(org.aliases ?? [])]) if (n) entries.push([n, v]);
  }
  for (const place of gazetteer) {
    const v: MentionValue = { kind: 'place', place };
    for (const n of [place.name, ...(place.aliases ?? [])]) if (n) entries.push([n, v]);
  }
  return { matcher: new PhraseMatcher(entries) };
}

export type Mentions = { orgs: OrgMention[]; places: PlaceMention[] };

/**
 * Organisations and places named in normalised `text`, in order of first mention, each once. Longest
 * match first: 莲塘镇人民政府 is the organisation, not also the place 莲塘镇. A name shared by several
 * entries (two villages of one name) gives all of them; the routing rules decide later.
 */
export function findMentions(text: string, m: MentionMatcher): Mentions {
  const orgs: OrgMention[] = [];
  const places: PlaceMention[] = [];
  const seenOrg = new Set<number>();
  const seenPlace = new Set<PlaceEntry>();
  for (const hit of m.matcher.scan(text, 'longest')) {
    for (const v of hit.values) {
      if (v.kind === 'org') {
        if (seenOrg.has(v.org.id)) continue;
        seenOrg.add(v.org.id);
        orgs.push({ orgId: v.org.id, name: v.org.name, matched: hit.phrase });
      } else {
        if (seenPlace.has(v.place)) continue;
        seenPlace.add(v.place);
        places.push({ name: v.place.name, kind: v.place.kind, orgId: v.place.orgId ?? null, matched: hit.phrase });
      }
    }
  }
  return { orgs, places };
}

/** Organisations an item concerns: those named, then those of the places named (属地), each once. */
export function mentionedOrgIds(m: Mentions): number[] {
  const ids: number[] = [];
  for (const o of m.orgs) if (!ids.includes(o.orgId)) ids.push(o.orgId);
  for (const p of m.places) if (p.orgId !== null && !ids.includes(p.orgId)) ids.push(p.orgId);
  return ids;
}
