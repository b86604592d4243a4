// The privacy scan of one record: what is scanned (every public text), storing its findings at
// submission and at each re-scan, and the same scan shown before submitting without storing it.
// The organisation's published office numbers are not reported.
import type { Executor, Tx } from '../../../platform/db/index.ts';
import * as wrepo from '../repo.workflow.ts';
import { allowedValuesOf } from '../repo.allowlist.ts';
import { META_SOURCES, reconcileFindings, scanTargets, type ScanTarget } from './domain.ts';
import { previewFindings, type FindingView } from './findings.ts';

export type TargetsOf = { targets: ScanTarget[]; names: Map<number, string> };

/** Every public text of the record: title, body, the other public fields and each attachment's extracted text. */
export async function targetsOf(db: Executor, rec: wrepo.WorkflowRow): Promise<TargetsOf> {
  const atts = await wrepo.attachmentTexts(db, rec.id);
  return {
    targets: [
      { source: 'title', attachmentId: null, text: rec.title },
      { source: 'body', attachmentId: null, text: rec.body },
      ...META_SOURCES.map((source) => ({ source, attachmentId: null, text: rec[source] ?? '' })),
      ...atts.map((a) => ({ source: 'attachment' as const, attachmentId: a.id, text: a.text ?? '' })),
    ],
    names: new Map(atts.map((a) => [a.id, a.name])),
  };
}

/** Scans the record and stores the findings; returns how many places remain unresolved. */
export async function rescan(tx: Tx, rec: wrepo.WorkflowRow, today: string, now: Date): Promise<{ unresolved: number; added: number }> {
  const { targets } = await targetsOf(tx, rec);
  const scanned = scanTargets(targets, today, await allowedValuesOf(tx, rec.orgId));
  const stored = await wrepo.listFindings(tx, rec.id);
  const { deleteIds, insert } = reconcileFindings(stored, scanned);
  await wrepo.deleteFindings(tx, deleteIds);
  await wrepo.insertFindings(tx, rec.id, insert, now);
  // A decision kept from before value keys existed joins its value's group from now on.
  const gone = new Set(deleteIds);
  for (const s of stored) {
    if (s.valueKey || gone.has(s.id)) continue;
    const n = scanned.find((x) => x.source === s.source && (x.attachmentId ?? null) === (s.attachmentId ?? null) && x.kind === s.kind && x.start === s.start && x.end === s.end);
    if (n?.valueKey) await wrepo.setFindingValueKey(tx, s.id, n.valueKey);
  }
  const after = await wrepo.listFindings(tx, rec.id);
  return { unresolved: after.filter((f) => !f.resolution).length, added: insert.length };
}

/** What submitting would store now (the current text, the decisions already taken at the same places), read only. */
export async function previewScan(db: Executor, rec: wrepo.WorkflowRow, today: string): Promise<FindingView[]> {
  const { targets, names } = await targetsOf(db, rec);
  const scanned = scanTargets(targets, today, await allowedValuesOf(db, rec.orgId));
  return previewFindings(await wrepo.listFindings(db, rec.id), scanned, names);
}
