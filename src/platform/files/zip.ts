// Minimal ZIP directory reader: lists entry names and sizes without inflating anything.
// Enough to tell a .docx from an .xlsx from any other zip, and to refuse zip bombs before
// handing the bytes to mammoth/exceljs (which would inflate everything in memory).

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** True when the bytes start like a zip archive (local file header or an empty archive). */
export function looksLikeZip(b: Buffer): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b &&
    ((b[2] === 0x03 && b[3] === 0x04) || (b[2] === 0x05 && b[3] === 0x06));
}

/** Entries from the central directory; null when it cannot be found or is inconsistent. */
export function readZipEntries(b: Buffer, maxEntries = 20_000): ZipEntry[] | null {
  if (b.length < 22) return null;
  // The end-of-central-directory record sits in the last 22 + (comment ≤ 65535) bytes.
  const stop = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= stop; i--) {
    if (b.readUInt32LE(i) === EOCD_SIG) { eocd = i; break; }
  }
  if (eocd < 0) return scanLocalHeaders(b, maxEntries);
  const total = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  // Zip64 archives mark the fields with 0xFFFF…; fall back to walking the local headers.
  if (total === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > b.length) return scanLocalHeaders(b, maxEntries);
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < total && n < maxEntries; n++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== CEN_SIG) return out.length ? out : scanLocalHeaders(b, maxEntries);
    const compressedSize = b.readUInt32LE(p + 20);
    const uncompressedSize = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    if (p + 46 + nameLen > b.length) break;
    out.push({ name: b.toString('utf8', p + 46, p + 46 + nameLen), compressedSize, uncompressedSize });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Fallback for truncated archives: walk local file headers from the start. */
function scanLocalHeaders(b: Buffer, maxEntries: number): ZipEntry[] | null {
  const out: ZipEntry[] = [];
  let p = 0;
  while (p + 30 <= b.length && out.length < maxEntries && b.readUInt32LE(p) === LOC_SIG) {
    const flags = b.readUInt16LE(p + 6);
    const compressedSize = b.readUInt32LE(p + 18);
    const uncompressedSize = b.readUInt32LE(p + 22);
    const nameLen = b.readUInt16LE(p + 26);
    const extraLen = b.readUInt16LE(p + 28);
    if (p + 30 + nameLen > b.length) break;
    out.push({ name: b.toString('utf8', p + 30, p + 30 + nameLen), compressedSize, uncompressedSize });
    // With a data descriptor (bit 3) the sizes are unknown here: stop, we have the first names.
    if (flags & 0x08) break;
    p += 30 + nameLen + extraLen + compressedSize;
  }
  return out.length ? out : null;
}
