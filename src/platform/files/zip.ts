// ZIP archives (.docx/.xlsx): entry names for type detection, and the zip-bomb check that runs
// before mammoth/exceljs see the bytes. Sizes declared in the archive are never trusted: the check
// inflates every entry (fflate, streaming, output discarded) and counts the bytes that come out.
import { Inflate, Unzip, unzipSync } from 'fflate';

export interface ZipEntry {
  name: string;
  /** As declared in the central directory: for listing only, never for a limit. */
  compressedSize: number;
  uncompressedSize: number;
}

/** True when the bytes start like a zip archive (local file header or an empty archive). */
export function looksLikeZip(b: Buffer): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b &&
    ((b[2] === 0x03 && b[3] === 0x04) || (b[2] === 0x05 && b[3] === 0x06));
}

/**
 * Entry names from the central directory (nothing inflated); for a truncated archive, from the
 * local headers that are there. Null when the bytes are no readable zip.
 */
export function readZipEntries(b: Buffer, maxEntries = 20_000): ZipEntry[] | null {
  const out: ZipEntry[] = [];
  try {
    unzipSync(b, {
      filter: (f) => {
        if (out.length < maxEntries) out.push({ name: f.name, compressedSize: f.size, uncompressedSize: f.originalSize });
        return false;
      },
    });
    return out;
  } catch { /* no central directory: fall back to the local headers */ }
  out.length = 0;
  try {
    // Files are never started, so nothing is inflated; a cut-off entry just ends the listing.
    const uz = new Unzip((f) => {
      if (out.length < maxEntries) out.push({ name: f.name, compressedSize: f.size ?? 0, uncompressedSize: f.originalSize ?? 0 });
    });
    uz.push(b, true);
  } catch { /* truncated inside a header */ }
  return out.length ? out : null;
}

export interface ZipLimits {
  /** All entries together, inflated (bytes). */
  maxTotalBytes: number;
  /** One entry, inflated (bytes). */
  maxEntryBytes: number;
  maxEntries: number;
  /** Inflated bytes per compressed byte read so far, checked once more than 8 MiB came out. */
  maxRatio: number;
  /** Tighter limits for some parts, by name prefix (e.g. worksheets of an import). */
  parts?: { prefix: string; maxBytes: number }[];
}

export const ZIP_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxEntryBytes: 64 * 1024 * 1024, maxEntries: 10_000, maxRatio: 200 };

export type ZipCheck =
  | { ok: true; entries: number; inflatedBytes: number }
  /** `limit`: the limit that was passed (bytes, or entries). */
  | { ok: false; reason: 'total' | 'entry' | 'entries' | 'ratio' | 'corrupt'; inflatedBytes: number; limit?: number };

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
// Compressed bytes pushed at a time: deflate inflates at most ~1,032× a chunk, so a check is never
// more than ~16 MiB late.
const CHUNK = 16 * 1024;

/**
 * Inflates every entry of the central directory exactly as a zip reader (JSZip, used by mammoth and
 * exceljs) would find it, discarding the output, and stops as soon as a limit is passed.
 */
export function inspectZip(b: Buffer, limits: ZipLimits = ZIP_LIMITS): ZipCheck {
  let total = 0;
  const fail = (reason: Exclude<ZipCheck, { ok: true }>['reason'], limit?: number): ZipCheck => ({ ok: false, reason, inflatedBytes: total, ...(limit ? { limit } : {}) });
  if (b.length < 22) return fail('corrupt');
  // The end-of-central-directory record sits in the last 22 + (comment ≤ 65535) bytes.
  let eocd = -1;
  for (let i = b.length - 22, stop = Math.max(0, b.length - 22 - 0xffff); i >= stop; i--) {
    if (b.readUInt32LE(i) === EOCD_SIG) { eocd = i; break; }
  }
  if (eocd < 0) return fail('corrupt');
  const count = b.readUInt16LE(eocd + 10);
  const cdOffset = b.readUInt32LE(eocd + 16);
  // Zip64 (0xFFFF… markers) is only needed beyond 4 GiB: no upload we accept can be one.
  if (count === 0xffff || cdOffset === 0xffffffff) return fail('total', limits.maxTotalBytes);
  if (count > limits.maxEntries) return fail('entries', limits.maxEntries);
  let p = cdOffset;
  let consumed = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== CEN_SIG) return fail('corrupt');
    const method = b.readUInt16LE(p + 10);
    const compressed = b.readUInt32LE(p + 20);
    const nameLen = b.readUInt16LE(p + 28);
    const local = b.readUInt32LE(p + 42);
    const name = b.toString('utf8', p + 46, p + 46 + nameLen);
    const maxEntry = Math.min(limits.maxEntryBytes, ...(limits.parts ?? []).filter((x) => name.startsWith(x.prefix)).map((x) => x.maxBytes));
    p += 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    if (local + 30 > b.length || b.readUInt32LE(local) !== LOC_SIG) return fail('corrupt');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const end = Math.min(b.length, start + compressed);
    if (start > b.length) return fail('corrupt');
    if (method === 0) {
      total += end - start;
      if (end - start > maxEntry) return fail('entry', maxEntry);
      if (total > limits.maxTotalBytes) return fail('total', limits.maxTotalBytes);
      continue;
    }
    if (method !== 8) return fail('corrupt'); // JSZip reads stored and deflated entries only
    let entry = 0;
    let over: Exclude<ZipCheck, { ok: true }>['reason'] | undefined;
    const inf = new Inflate((chunk) => {
      entry += chunk.length;
      total += chunk.length;
      if (entry > maxEntry) over ??= 'entry';
      else if (total > limits.maxTotalBytes) over ??= 'total';
    });
    try {
      for (let q = start; q < end && !over; q += CHUNK) {
        const to = Math.min(end, q + CHUNK);
        inf.push(b.subarray(q, to), to === end);
        consumed += to - q;
        if (!over && total > 8 * 1024 * 1024 && total / consumed > limits.maxRatio) over = 'ratio';
      }
      if (end === start) inf.push(new Uint8Array(0), true);
    } catch {
      return fail('corrupt');
    }
    if (over) return fail(over, over === 'entry' ? maxEntry : over === 'total' ? limits.maxTotalBytes : undefined);
  }
  return { ok: true, entries: count, inflatedBytes: total };
}
