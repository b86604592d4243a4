// Importing a hotline (12345) or message-board export at /admin/opinion/import: the source is chosen
// or created, the uploaded file is kept sealed (it holds callers' names and phones) while the
// column mapping is chosen, then the mapped rows go through the ingest use case (duplicates, plans,
// grouping) and the mapping is remembered on the source. The upload is deleted right after its
// import; one never imported is deleted by the `opinion.import-cleanup` job after UPLOAD_TTL_HOURS.
// Each change is audited in its transaction.
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { SYSTEM_ACTOR, writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { invalid, type Result } from '../../../platform/errors.ts';
import { deletePersonalFiles, storePersonalFile, type Kind } from '../../../platform/files/index.ts';
import { deleteUploads, insertUpload, staleUploads } from '../import.repo.ts';
import { findSourceByName, insertSource, type SourceRow } from '../repo.ts';
import { saveImportMapping } from '../settings.repo.ts';
import { IMPORT_FIELDS, mapRows, mappingToHeaders, type ColumnMap, type RowError } from '../import.domain.ts';
import { ingestItems } from './ingest.ts';

export type ImportKind = 'hotline' | 'board';
export const IMPORT_SOURCE_KINDS: Record<ImportKind, string> = { hotline: '12345 热线', board: '领导留言板' };

/** A new hotline or message-board source (its media type follows the kind). */
export async function createImportSource(ctx: AppContext, actor: Actor, v: { name: string; kind: ImportKind; orgId?: number | null }): Promise<Result<{ source: SourceRow }, 'invalid'>> {
  return withTx(ctx.db, async (tx) => {
    if (await findSourceByName(tx, v.name)) return invalid({ newName: '已有同名的来源，请换一个名称或在上方选择该来源' });
    const source = await insertSource(tx, { name: v.name, kind: v.kind, mediaType: v.kind, enabled: true, orgId: v.orgId ?? null });
    await writeAudit(tx, actor, {
      action: 'opinion.import.source.create', entityType: 'opinion_source', entityId: source.id,
      summary: { name: v.name, kind: IMPORT_SOURCE_KINDS[v.kind] },
    });
    return { ok: true as const, source };
  });
}

/** Keeps the uploaded export sealed until it is imported (personal data: never plain at rest). */
export async function keepUpload(ctx: AppContext, actor: Actor, source: SourceRow, bytes: Buffer, kind: Kind, mime: string, name: string): Promise<number> {
  return withTx(ctx.db, async (tx) => {
    const fileId = await storePersonalFile(tx, ctx.fieldCipher, bytes, kind, mime);
    await insertUpload(tx, { fileId, sourceId: source.id, userId: actor.id });
    await writeAudit(tx, actor, {
      action: 'opinion.import.upload', entityType: 'opinion_source', entityId: source.id,
      summary: { source: source.name, file: name.slice(0, 100), size: bytes.length },
    });
    return fileId;
  });
}

export type ImportReport = {
  total: number;
  added: number;
  duplicates: number;
  incidentsOpened: number;
  /** Rows not imported, with the spreadsheet row number and the reason. */
  errors: RowError[];
  warnings: string[];
};

const sameMapping = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Rows per ingest batch (one transaction and one audit row each). */
const BATCH = 500;

/**
 * Imports the sheet's rows under the mapping: the mapping is remembered on the source (audited when
 * it changed), the good rows are ingested (a row imported before counts as a duplicate), and every
 * row that is not imported is reported.
 */
export async function importSheet(ctx: AppContext, actor: Actor, source: SourceRow, rows: readonly (readonly string[])[], map: ColumnMap): Promise<ImportReport> {
  const headers = (rows[0] ?? []).map((h) => String(h ?? ''));
  const mapped = mapRows(rows, map, { now: ctx.now(), headers });
  const remembered = mappingToHeaders(map, headers);
  if (!sameMapping(remembered, source.importMapping ?? {})) {
    await withTx(ctx.db, async (tx) => {
      await saveImportMapping(tx, source.id, remembered);
      await writeAudit(tx, actor, {
        action: 'opinion.import.mapping', entityType: 'opinion_source', entityId: source.id,
        summary: { source: source.name, mapping: Object.entries(remembered).map(([f, h]) => `${IMPORT_FIELDS[f as keyof typeof IMPORT_FIELDS]}=${h}`).join('；') },
      });
    });
  }
  const errors = [...mapped.errors];
  let added = 0;
  let duplicates = 0;
  let incidentsOpened = 0;
  for (let i = 0; i < mapped.items.length; i += BATCH) {
    const chunk = mapped.items.slice(i, i + BATCH);
    const r = await ingestItems(ctx, source.id, chunk.map((c) => c.item), actor);
    added += r.added;
    duplicates += r.duplicates;
    incidentsOpened += r.incidentsOpened;
    r.results.forEach((o, k) => {
      if (o.status !== 'refused') return;
      const c = chunk[k]!;
      errors.push({ row: c.row, externalId: c.item.externalId, title: (c.item.title || c.item.text).slice(0, 40), reason: o.reason });
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { total: mapped.total, added, duplicates, incidentsOpened, errors, warnings: Object.values(mapped.warnings) };
}

/** An upload whose preview was never confirmed is deleted after this many hours. */
export const UPLOAD_TTL_HOURS = 24;

/** The import is done: its upload (row and sealed bytes) goes. False when it was already gone. */
export async function discardUpload(ctx: AppContext, actor: Actor, source: SourceRow, fileId: number, name: string): Promise<boolean> {
  return withTx(ctx.db, async (tx) => {
    const waiting = await deleteUploads(tx, [fileId]);
    if (!waiting.length) return false;
    await deletePersonalFiles(tx, waiting);
    await writeAudit(tx, actor, {
      action: 'opinion.import.upload.delete', entityType: 'opinion_source', entityId: source.id,
      summary: { source: source.name, file: name.slice(0, 100), fileId },
    });
    return true;
  });
}

export const CLEANUP_ACTOR: Actor = { ...SYSTEM_ACTOR, name: '系统（清理未导入的上传文件）' };
const CLEANUP_BATCH = 200;

/** Deletes the uploads older than UPLOAD_TTL_HOURS at `now` (the cron job), a batch per transaction; how many. */
export async function expireUploads(ctx: AppContext, now: Date = ctx.now()): Promise<number> {
  const before = new Date(now.getTime() - UPLOAD_TTL_HOURS * 3_600_000);
  let total = 0;
  for (;;) {
    const n = await withTx(ctx.db, async (tx) => {
      const ids = await deleteUploads(tx, await staleUploads(tx, before, CLEANUP_BATCH));
      if (!ids.length) return 0;
      await deletePersonalFiles(tx, ids);
      await writeAudit(tx, CLEANUP_ACTOR, {
        action: 'opinion.import.upload.expire', entityType: 'file', entityId: null,
        summary: { files: ids.length, fileIds: ids.join(','), olderThanHours: UPLOAD_TTL_HOURS },
      });
      return ids.length;
    });
    total += n;
    if (n < CLEANUP_BATCH) return total;
  }
}
