// The page cache's own rules: bounds by count and bytes (least recently used goes first), expiry,
// the generation counter, and the conditional-request comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { PageCache, notModified, publicPagesChanged } from './page-cache.ts';

const opts = { maxAgeSeconds: 60, maxEntries: 3, maxBytes: 1024 * 1024 };
const T0 = Date.UTC(2026, 0, 1);

test('count bound: the least recently used entry is evicted, a hit keeps an entry', () => {
  const c = new PageCache(opts);
  for (const k of ['a', 'b', 'c']) c.put(c.slot(k), `<p>${k}</p>`, T0);
  assert.ok(c.get('a', T0)); // a is now the most recent
  c.put(c.slot('d'), '<p>d</p>', T0);
  assert.equal(c.size, 3);
  assert.equal(c.get('b', T0), undefined);
  for (const k of ['a', 'c', 'd']) assert.ok(c.get(k, T0), k);
});

test('byte bound: large pages push out old ones, a page over a quarter of the budget is never kept', () => {
  const c = new PageCache({ maxAgeSeconds: 60, maxEntries: 100, maxBytes: 40_000 });
  const page = (n: number) => 'x'.repeat(n);
  c.put(c.slot('a'), page(9000), T0);
  c.put(c.slot('b'), page(9000), T0);
  c.put(c.slot('c'), page(9000), T0);
  c.put(c.slot('d'), page(9000), T0);
  c.put(c.slot('e'), page(9000), T0);
  assert.ok(c.byteSize <= 40_000, String(c.byteSize));
  assert.equal(c.get('a', T0), undefined);
  assert.ok(c.get('e', T0));
  const big = c.put(c.slot('big'), page(11_000), T0);
  assert.equal(big.body.length, 11_000); // still answered
  assert.equal(c.get('big', T0), undefined);
});

test('entries expire after max-age; the same key is re-rendered then', () => {
  const c = new PageCache(opts);
  c.put(c.slot('a'), 'A', T0);
  assert.ok(c.get('a', T0 + 59_999));
  assert.equal(c.get('a', T0 + 60_000), undefined);
  assert.equal(c.size, 0);
});

test('a change drops every page; a render begun before the change is answered but not kept', () => {
  const c = new PageCache(opts);
  c.put(c.slot('a'), 'A', T0);
  const early = c.slot('b'); // the handler starts reading the database…
  publicPagesChanged(); // …a change commits meanwhile
  assert.equal(c.get('a', T0), undefined);
  const p = c.put(early, 'B (old data)', T0);
  assert.equal(p.body.toString(), 'B (old data)');
  assert.equal(c.get('b', T0), undefined);
  c.put(c.slot('b'), 'B', T0);
  assert.equal(c.get('b', T0)?.body.toString(), 'B');
});

test('max-age 0 keeps nothing but still gives validators', () => {
  const c = new PageCache({ ...opts, maxAgeSeconds: 0 });
  const p = c.put(c.slot('a'), 'A', T0);
  assert.match(p.etag, /^"[\w-]{27}"$/);
  assert.equal(c.size, 0);
});

test('conditional requests: If-None-Match (weak, lists, *) wins over If-Modified-Since', () => {
  const c = new PageCache(opts);
  const p = c.put(c.slot('a'), 'A', T0 + 500);
  const req = (h: Record<string, string>) => ({ headers: h }) as unknown as FastifyRequest;
  const lm = p.lastModified;
  const cases: [Record<string, string>, boolean][] = [
    [{}, false],
    [{ 'if-none-match': p.etag }, true],
    [{ 'if-none-match': `W/${p.etag}` }, true],
    [{ 'if-none-match': `"other", ${p.etag}` }, true],
    [{ 'if-none-match': '*' }, true],
    [{ 'if-none-match': '"other"' }, false],
    [{ 'if-none-match': '"other"', 'if-modified-since': lm }, false],
    [{ 'if-modified-since': lm }, true],
    [{ 'if-modified-since': new Date(T0 + 3_600_000).toUTCString() }, true],
    [{ 'if-modified-since': new Date(T0 - 1000).toUTCString() }, false],
    [{ 'if-modified-since': 'junk' }, false],
  ];
  for (const [h, want] of cases) assert.equal(notModified(req(h), p), want, JSON.stringify(h));
  assert.equal(lm, new Date(T0).toUTCString()); // whole seconds
});
