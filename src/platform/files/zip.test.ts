import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { ZIP_LIMITS, inspectZip, readZipEntries } from './zip.ts';
import { makeDocx, makeXlsx } from './fixtures.ts';
import { declareSmall, docxBomb } from './bombs.ts';

test('inspectZip passes real Office files and counts what they inflate to', async () => {
  for (const b of [await makeDocx({ title: '关于印发测试办法的通知', body: ['正文。'] }), await makeXlsx([['a', 'b'], [1, 2]])]) {
    const r = inspectZip(b);
    assert.ok(r.ok && r.entries > 3 && r.inflatedBytes > 1000, JSON.stringify(r));
  }
});

test('inspectZip counts the bytes actually inflated, not the declared sizes', async () => {
  const bomb = await docxBomb(40);
  const small = declareSmall(bomb);
  assert.ok(readZipEntries(small)!.some((e) => e.name === 'word/document.xml' && e.uncompressedSize === 1000), 'the directory lies');
  const noRatio = { ...ZIP_LIMITS, maxRatio: Infinity };
  for (const b of [bomb, small]) {
    const total = inspectZip(b, { ...noRatio, maxEntryBytes: Infinity, maxTotalBytes: 20 * 1024 * 1024 });
    assert.ok(!total.ok && total.reason === 'total' && total.inflatedBytes > 20 * 1024 * 1024 && total.inflatedBytes < 40 * 1024 * 1024, JSON.stringify(total));
    const entry = inspectZip(b, { ...noRatio, maxEntryBytes: 10 * 1024 * 1024 });
    assert.ok(!entry.ok && entry.reason === 'entry' && entry.limit === 10 * 1024 * 1024, JSON.stringify(entry));
    const ratio = inspectZip(b);
    assert.ok(!ratio.ok && ratio.reason === 'ratio', JSON.stringify(ratio));
  }
  const parts = inspectZip(bomb, { ...noRatio, parts: [{ prefix: 'word/', maxBytes: 1024 * 1024 }] });
  assert.ok(!parts.ok && parts.reason === 'entry' && parts.limit === 1024 * 1024);
});

test('inspectZip: entry count, corrupt archives', () => {
  const many: Record<string, Uint8Array> = {};
  for (let i = 0; i < 30; i++) many[`f${i}.xml`] = new Uint8Array([60, 97, 47, 62]);
  const z = Buffer.from(zipSync(many));
  assert.ok(inspectZip(z).ok);
  const r = inspectZip(z, { ...ZIP_LIMITS, maxEntries: 20 });
  assert.ok(!r.ok && r.reason === 'entries');
  for (const b of [Buffer.from('PK\x03\x04 truncated'), z.subarray(0, z.length - 30), Buffer.alloc(0)]) {
    const c = inspectZip(b);
    assert.ok(!c.ok && c.reason === 'corrupt', JSON.stringify(c));
  }
});
