// The file store: bytes in PostgreSQL (bytea), deduplicated by SM3, with their extracted text.
import { sm3Hex } from '../crypto/index.ts';
import type { Executor } from '../db/index.ts';
import type { Kind } from './sniff.ts';
import { insertFileDedup, selectFile, selectFileInfo, selectFileText, type FileInfo, type StoredFile } from './repo.ts';

export type { FileInfo, StoredFile };

/** Ids come from URLs: anything that is not a positive int4 is simply not found. */
const validId = (id: number) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647;

/**
 * Stores the bytes (kind and mime as detected by sniff, text from extract) and returns the file id.
 * The same bytes stored twice give the same id. Call inside the caller's transaction.
 */
export async function storeFile(tx: Executor, bytes: Buffer, kind: Kind, mime: string, text: string | null | undefined): Promise<number> {
  // PostgreSQL text cannot hold NUL; PDF text sometimes contains it.
  const clean = text == null ? null : text.replace(/\u0000/g, '');
  return insertFileDedup(tx, { sm3: sm3Hex(bytes), size: bytes.length, kind, mime, data: bytes, text: clean });
}

export async function getFile(db: Executor, id: number): Promise<StoredFile | undefined> {
  if (!validId(id)) return undefined;
  const f = await selectFile(db, id);
  return f ? { ...f, id: Number(f.id), size: Number(f.size) } : undefined;
}

/** Metadata only (no bytes) for lists and links. */
export async function getFileInfo(db: Executor, id: number): Promise<FileInfo | undefined> {
  if (!validId(id)) return undefined;
  const f = await selectFileInfo(db, id);
  return f ? { ...f, id: Number(f.id), size: Number(f.size) } : undefined;
}

export async function getFileText(db: Executor, id: number): Promise<string | null | undefined> {
  if (!validId(id)) return undefined;
  return selectFileText(db, id);
}
