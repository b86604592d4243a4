// Ingestion: every channel (feed poll, push API, hotline import, manual entry) hands its items here.
// One transaction per batch: each item is stored once per (source, key); an exact duplicate of an
// earlier item from any source collapses into it (repost count). The batch is audited as one row.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { addRepost, findItemByExternalId, findOriginalByHash, findSource, insertItem, type SourceRow } from '../repo.ts';

export interface IncomingItem {
  /** The sender's key: the same key from the same source is the same item. */
  externalId: string;
  title: string;
  text: string;
  url?: string | null;
  publishedAt: Date;
  author?: string | null;
  /** A hotline caller's phone (personal data). */
  contact?: string | null;
  /** Overrides the source's media type (model.ts MEDIA_TYPES). */
  mediaType?: string;
}

export type IngestOutcome =
  | { status: 'new'; itemId: number }
  | { status: 'duplicate'; itemId: number; duplicateOf: number; kind: 'same_key' | 'exact' | 'near' }
  | { status: 'refused'; reason: string };

export interface IngestSummary { results: IngestOutcome[]; added: number; duplicates: number; refused: number }

const LIMITS = { externalId: 200, title: 500, text: 20_000, url: 2_000, author: 100, contact: 50 };

/** Why an item cannot be stored (Chinese), or null. The API schema refuses most of this first; feeds and imports reach here unchecked. */
export function refusalOf(it: IncomingItem): string | null {
  if (!it.externalId?.trim()) return '缺少信息编号（id）';
  if (it.externalId.length > LIMITS.externalId) return `信息编号不能超过 ${LIMITS.externalId} 个字符`;
  if (!it.title?.trim() && !it.text?.trim()) return '标题和正文不能都为空';
  if ((it.title ?? '').length > LIMITS.title) return `标题不能超过 ${LIMITS.title} 个字符`;
  if ((it.text ?? '').length > LIMITS.text) return `正文不能超过 ${LIMITS.text} 个字符`;
  if (it.url && (it.url.length > LIMITS.url || !/^https?:\/\/\S+$/i.test(it.url))) return '链接应为 http:// 或 https:// 开头的网址';
  if (!(it.publishedAt instanceof Date) || Number.isNaN(it.publishedAt.getTime())) return '发布时间无效';
  if (it.author && it.author.length > LIMITS.author) return `作者不能超过 ${LIMITS.author} 个字符`;
  if (it.contact && it.contact.length > LIMITS.contact) return `联系电话不能超过 ${LIMITS.contact} 个字符`;
  if (/\u0000/.test(`${it.externalId}${it.title}${it.text}${it.url ?? ''}${it.author ?? ''}`)) return '内容含有不允许的控制字符';
  return null;
}

// Interim normalisation for the exact-duplicate key; the pipeline's normalise stage replaces it.
const normalise = (title: string, text: string) => `${title}\n${text}`.normalize('NFKC').replace(/\s+/g, '');
const hashOf = (norm: string) => createHash('sha256').update(norm).digest('hex');

async function ingestOne(tx: Tx, ctx: AppContext, source: SourceRow, it: IncomingItem): Promise<IngestOutcome> {
  const refused = refusalOf(it);
  if (refused) return { status: 'refused', reason: refused };
  const externalId = it.externalId.trim();
  const same = await findItemByExternalId(tx, source.id, externalId);
  if (same) return { status: 'duplicate', itemId: same.id, duplicateOf: same.duplicateOfId ?? same.id, kind: 'same_key' };
  const normText = normalise(it.title ?? '', it.text ?? '');
  const contentHash = hashOf(normText);
  const original = await findOriginalByHash(tx, contentHash);
  const row = await insertItem(tx, {
    sourceId: source.id, externalId, title: (it.title ?? '').trim(), text: (it.text ?? '').trim(), url: it.url ?? null,
    authorEnc: it.author ? ctx.fieldCipher.encrypt(it.author) : null,
    contactEnc: it.contact ? ctx.fieldCipher.encrypt(it.contact) : null,
    publishedAt: it.publishedAt, receivedAt: ctx.now(), mediaType: it.mediaType ?? source.mediaType,
    normText, contentHash, duplicateOfId: original?.id ?? null, duplicateKind: original ? 'exact' : null,
    incidentId: original?.incidentId ?? null,
  });
  if (!row) {
    const again = (await findItemByExternalId(tx, source.id, externalId))!;
    return { status: 'duplicate', itemId: again.id, duplicateOf: again.duplicateOfId ?? again.id, kind: 'same_key' };
  }
  if (original) {
    await addRepost(tx, original.id);
    return { status: 'duplicate', itemId: row.id, duplicateOf: original.id, kind: 'exact' };
  }
  return { status: 'new', itemId: row.id };
}

/** Stores a batch from one source; the outcome of every item in order. */
export async function ingestItems(ctx: AppContext, sourceId: number, items: readonly IncomingItem[], actor: Actor): Promise<IngestSummary> {
  return withTx(ctx.db, async (tx) => {
    const source = await findSource(tx, sourceId);
    if (!source) throw new Error(`opinion source ${sourceId} not found`);
    const results: IngestOutcome[] = [];
    for (const it of items) results.push(await ingestOne(tx, ctx, source, it));
    const added = results.filter((r) => r.status === 'new').length;
    const duplicates = results.filter((r) => r.status === 'duplicate').length;
    const refused = results.length - added - duplicates;
    await writeAudit(tx, actor, {
      action: 'opinion.items.ingest', entityType: 'opinion_source', entityId: source.id,
      summary: { source: source.name, added, duplicates, refused },
    });
    return { results, added, duplicates, refused };
  });
}
