// Pure rules of the findings a clerk or reviewer decides on: the same value in several places of a
// record (body, an attachment, the title) is ONE finding listed with all its places; what the
// submit scan would find is shown before submitting; a decision applies to every place of a value,
// or to every open finding of one kind at once.
import { SOURCE_LABELS, isMetaSource, type FindingSource, type NewFinding, type StoredFinding } from './domain.ts';

/** One stored or would-be finding at one place (id null: not stored yet, i.e. before submitting). */
export type FindingView = Omit<StoredFinding, 'id'> & {
  id: number | null; reason: string | null; resolvedByName: string | null; attachmentName: string | null;
};

export type Resolution = 'redact' | 'accept' | 'office_phone';
export const RESOLUTIONS: readonly Resolution[] = ['redact', 'accept', 'office_phone'];
export const isResolution = (v: unknown): v is Resolution => typeof v === 'string' && (RESOLUTIONS as readonly string[]).includes(v);
/** Only a landline can be an organisation's published office number (a mobile is a person's). */
export const ALLOWABLE_KINDS: readonly string[] = ['landline'];
export const OFFICE_PHONE_REASON = '本单位对外公开的办公电话';

export interface FindingPlace { source: FindingSource; attachmentId: number | null; attachmentName: string | null; count: number }

export interface FindingGroup {
  /** Stable across scans while the value stays: `kind-` and the start of the value key. */
  token: string;
  kind: string;
  /** The masked value (of its first place). */
  excerpt: string;
  places: FindingPlace[];
  items: FindingView[];
  /** Some place still needs a decision. */
  open: boolean;
  /** The decision, when every place has the same one. */
  resolution: string | null;
  reason: string | null;
  resolvedByName: string | null;
  /** No place is a catalogue field (内容描述, 关键词 …), which cannot be masked. */
  maskable: boolean;
  /** May be accepted for the organisation as its office number. */
  allowable: boolean;
}

export const GROUP_TOKEN_RE = /^[a-z_]{2,20}-[0-9a-z]{1,16}$/;
const tokenOf = (f: Pick<FindingView, 'kind' | 'valueKey' | 'id' | 'source' | 'attachmentId' | 'start'>): string =>
  `${f.kind}-${f.valueKey ? f.valueKey.slice(0, 16) : f.id != null ? `id${f.id}` : `p${f.source.slice(0, 3)}${f.attachmentId ?? 0}x${f.start}`}`;

/** Findings grouped by kind and value, in the order of their first place. */
export function groupFindings(list: readonly FindingView[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of list) {
    const token = tokenOf(f);
    let g = groups.get(token);
    if (!g) {
      g = { token, kind: f.kind, excerpt: f.excerpt, places: [], items: [], open: false, resolution: null, reason: null, resolvedByName: null,
        maskable: true, allowable: ALLOWABLE_KINDS.includes(f.kind) };
      groups.set(token, g);
    }
    g.items.push(f);
    const place = g.places.find((p) => p.source === f.source && (p.attachmentId ?? null) === (f.attachmentId ?? null));
    if (place) place.count++;
    else g.places.push({ source: f.source, attachmentId: f.attachmentId ?? null, attachmentName: f.attachmentName, count: 1 });
    if (isMetaSource(f.source)) g.maskable = false;
  }
  for (const g of groups.values()) {
    g.open = g.items.some((f) => !f.resolution);
    const first = g.items[0]!;
    const same = !g.open && g.items.every((f) => f.resolution === first.resolution);
    g.resolution = same ? first.resolution : null;
    g.reason = same ? first.reason : null;
    g.resolvedByName = same ? first.resolvedByName : null;
  }
  return [...groups.values()];
}

/** '正文、附件：通知.docx（2 处）' */
export function placesLabel(places: readonly FindingPlace[]): string {
  return places.map((p) => SOURCE_LABELS[p.source] + (p.attachmentName ? `：${p.attachmentName}` : '') + (p.count > 1 ? `（${p.count} 处）` : '')).join('、');
}

/** Open findings per kind, in order of first appearance: for the 全部遮盖 / 全部确认可以公开 forms. */
export function openByKind(groups: readonly FindingGroup[]): { kind: string; open: number; maskable: number }[] {
  const out: { kind: string; open: number; maskable: number }[] = [];
  for (const g of groups) {
    if (!g.open) continue;
    let k = out.find((x) => x.kind === g.kind);
    if (!k) out.push((k = { kind: g.kind, open: 0, maskable: 0 }));
    k.open++;
    if (g.maskable) k.maskable++;
  }
  return out;
}

/**
 * What the submit scan would leave stored, without storing it: every place the scan finds, with the
 * decision already taken at that very place kept (the same rule as reconcileFindings).
 */
export function previewFindings(
  stored: readonly (StoredFinding & { reason: string | null; resolvedByName: string | null })[],
  scanned: readonly NewFinding[],
  names: ReadonlyMap<number, string>,
): FindingView[] {
  return scanned.map((n) => {
    const s = stored.find((x) => x.resolution && x.source === n.source && (x.attachmentId ?? null) === (n.attachmentId ?? null)
      && x.kind === n.kind && x.start === n.start && x.end === n.end && x.excerpt === n.excerpt);
    const attachmentName = n.attachmentId != null ? names.get(n.attachmentId) ?? null : null;
    return s
      ? { ...n, id: s.id, resolution: s.resolution, reason: s.reason, resolvedByName: s.resolvedByName, attachmentName }
      : { ...n, id: null, resolution: null, reason: null, resolvedByName: null, attachmentName };
  });
}
