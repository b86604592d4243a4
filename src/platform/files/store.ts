// The file store: bytes in PostgreSQL (bytea). Public files are deduplicated by SM3 and keep their
// extracted text; personal files are sealed (sealed.ts), never deduplicated and keep no text.
import { sm3Hex, type FieldCipher } from '../crypto/index.ts';
import type { Db, Executor } from '../db/index.ts';
import { withTx } from '../db/index.ts';
import type { Kind } from './sniff.ts';
import {
  compactFiles, deletePersonal, insertFileDedup, insertSealedFile, selectFile, selectFileInfo, selectFileText, selectUnsealed, updateSealed,
  type FileInfo, type FileRow,
} from './repo.ts';
import { openBytes, sealBytes } from './sealed.ts';

export type { FileInfo };
export type StoredFile = FileInfo & { data: Buffer; text: string | null };

/** Ids come from URLs: anything that is not a positive int4 is simply not found. */
const validId = (id: number) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647;

/**
 * Stores the bytes of a public file (kind and mime as detected by sniff, text from extract) and
 * returns the file id. The same bytes stored twice give the same id. Call inside the caller's transaction.
 */
export async function storeFile(tx: Executor, bytes: Buffer, kind: Kind, mime: string, text: string | null | undefined): Promise<number> {
  // PostgreSQL text cannot hold NUL; PDF text sometimes contains it.
  const clean = text == null ? null : text.replace(/\u0000/g, '');
  return insertFileDedup(tx, { sm3: sm3Hex(bytes), size: bytes.length, kind, mime, data: bytes, text: clean });
}

/**
 * Stores a file with personal data, sealed: a new row every time (deduplicating would tie two cases
 * together and a plain SM3 would confirm a guessed content), no extracted text.
 */
export async function storePersonalFile(tx: Executor, cipher: FieldCipher, bytes: Buffer, kind: Kind, mime: string): Promise<number> {
  const s = sealBytes(cipher, bytes);
  return insertSealedFile(tx, { size: bytes.length, kind, mime, data: s.data, keyEnc: s.keyEnc });
}

/**
 * Deletes personal files that are no longer needed (an import's upload once imported or abandoned):
 * the row goes and with it the sealed bytes and their wrapped data key, so what is left in dead
 * tuples until vacuum cannot be opened. Public files are never deleted here (they are shared by
 * SM3). Returns the ids deleted.
 */
export async function deletePersonalFiles(tx: Executor, ids: readonly number[]): Promise<number[]> {
  return deletePersonal(tx, ids);
}

/** The error of reading a personal file without the cipher: a programming error, never shown. */
export class SealedFileError extends Error {}

function plain(f: FileRow, cipher: FieldCipher | undefined): StoredFile {
  const { keyEnc, ...rest } = f;
  const out = { ...rest, id: Number(f.id), size: Number(f.size) };
  // A legacy personal file not sealed yet (start-up seals them) is still plain.
  if (!f.personal || keyEnc === null) return out;
  if (!cipher) throw new SealedFileError(`file ${f.id} is sealed: pass the field cipher to read it`);
  return { ...out, data: openBytes(cipher, f.data, keyEnc) };
}

/** A file with its bytes; a personal file is opened with the cipher (required for one). */
export async function getFile(db: Executor, id: number, cipher?: FieldCipher): Promise<StoredFile | undefined> {
  if (!validId(id)) return undefined;
  const f = await selectFile(db, id);
  return f ? plain(f, cipher) : undefined;
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

/**
 * Start-up task: seals the personal files still stored in plain (marked by the migration
 * encrypt_personal_files), in batches of 50, then rewrites the table so the plain copies do not
 * stay behind in dead rows. Returns how many were sealed.
 */
export async function sealPendingFiles(db: Db, cipher: FieldCipher): Promise<number> {
  let n = 0;
  for (;;) {
    const done = await withTx(db, async (tx) => {
      const batch = await selectUnsealed(tx, 50);
      for (const f of batch) await updateSealed(tx, f.id, sealBytes(cipher, f.data));
      return batch.length;
    });
    n += done;
    if (done === 0) break;
  }
  if (n > 0) await compactFiles(db);
  return n;
}
