// The synonym list lives in the site settings (key search_synonyms); the defaults apply until it is
// first saved. Searches read it through a short per-process cache, refreshed at once on save here
// and within SYNONYM_TTL_MS in other processes.
import type { Executor } from '../../platform/db/index.ts';
import { synonymSet, type SynonymSet } from '../../platform/text/index.ts';
import { readSetting, writeSetting } from '../portal/settings.repo.ts';
import { DEFAULT_SYNONYMS } from './synonyms.ts';

const KEY = 'search_synonyms';
const SYNONYM_TTL_MS = 30_000;
const cache = new WeakMap<Executor, { at: number; gen: number; set: SynonymSet }>();
let generation = 0;

export async function loadSynonymGroups(db: Executor): Promise<{ groups: string[][]; custom: boolean }> {
  const v = await readSetting<{ groups?: unknown }>(db, KEY);
  const groups = Array.isArray(v?.groups) ? (v!.groups as unknown[]).filter(Array.isArray).map((g) => (g as unknown[]).map(String)) : null;
  return groups ? { groups, custom: true } : { groups: DEFAULT_SYNONYMS.map((g) => [...g]), custom: false };
}

export async function saveSynonymGroups(tx: Executor, groups: string[][]): Promise<void> {
  await writeSetting(tx, KEY, { groups });
}

/** Drops this process's cached list (after a save commits). */
export function forgetSynonyms(): void {
  generation++;
}

/** The list for buildTsQuery, cached for SYNONYM_TTL_MS. */
export async function searchSynonyms(db: Executor): Promise<SynonymSet> {
  const hit = cache.get(db);
  if (hit && hit.gen === generation && Date.now() - hit.at < SYNONYM_TTL_MS) return hit.set;
  const set = synonymSet((await loadSynonymGroups(db)).groups);
  cache.set(db, { at: Date.now(), gen: generation, set });
  return set;
}
