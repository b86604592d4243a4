#!/usr/bin/env node
// Writes public/favicon.ico: a 32×32 PNG in an ICO container (government red, a white seal-like
// frame and bar). Run once when the design changes; the file is committed.
import fs from 'node:fs';
import zlib from 'node:zlib';

const N = 32;
const RED = [0xb3, 0x12, 0x0f, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const rows = [];
for (let y = 0; y < N; y++) {
  const row = [0]; // filter: none
  for (let x = 0; x < N; x++) {
    const frame = (x >= 4 && x <= 27 && (y === 4 || y === 5 || y === 26 || y === 27)) || (y >= 4 && y <= 27 && (x === 4 || x === 5 || x === 26 || x === 27));
    const bar = y >= 14 && y <= 17 && x >= 9 && x <= 22;
    const post = x >= 14 && x <= 17 && y >= 9 && y <= 22;
    row.push(...(frame || bar || post ? WHITE : RED));
  }
  rows.push(Buffer.from(row));
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
const header = Buffer.alloc(6); header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(1, 4);
const entry = Buffer.alloc(16); entry[0] = N; entry[1] = N; entry[2] = 0; entry[3] = 0; entry.writeUInt16LE(1, 4); entry.writeUInt16LE(32, 6); entry.writeUInt32LE(png.length, 8); entry.writeUInt32LE(22, 12);
fs.writeFileSync(new URL('../public/favicon.ico', import.meta.url), Buffer.concat([header, entry, png]));
console.log(`public/favicon.ico: ${22 + png.length} bytes`);
