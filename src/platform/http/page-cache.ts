// Rendered public pages, kept in process and sent with HTTP validators so that browsers and a CDN
// can cache them too.
//
// A route opts in with `config: { pageCache: true }` (pages without a POST form only). A request is
// served from the cache when it is a GET/HEAD from a visitor who is not signed in; the key is the
// URL (path + query), the reader's 简/繁 and 长者模式 preferences and the Beijing date (a record that
// expires at midnight must disappear at midnight, whatever is cached).
//
// Invalidation: one global generation counter. Every change that alters what public pages show
// (catalogue publish / edit / withdraw / 复查, organisations, the calendar) calls
// publicPagesChanged() after its transaction has committed. A render captures the generation
// before its handler reads the database and is stored under that generation, so a page rendered
// from data older than the latest change is never served after the change.
//
// The cache is per process: with several processes on one database a change shows at once on the
// process that made it and after at most `maxAgeSeconds` on the others (each entry expires then).
// Browsers and shared caches keep a page for the same max-age (Age tells them how old it is).
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { beijingToday } from '../time/index.ts';
import { ELDER_COOKIE, VARIANT_COOKIE, prefsOf } from '../views/prefs.ts';

let generation = 0;

/** Call after a committed change to anything a public page shows: every cached page is dropped. */
export function publicPagesChanged(): void {
  generation++;
}

export function publicPagesGeneration(): number {
  return generation;
}

export interface PageCacheOptions {
  /** Lifetime of an entry and the Cache-Control max-age; 0 keeps nothing (pages are still revalidated by ETag). */
  maxAgeSeconds: number;
  maxEntries: number;
  maxBytes: number;
}

export interface CachedPage {
  body: Buffer;
  /** The response headers of the render (security headers): a hit is answered before they are set again. */
  headers: Record<string, string>;
  etag: string;
  /** Whole seconds (HTTP dates have no fraction). */
  modifiedAt: number;
  lastModified: string;
  storedAt: number;
  generation: number;
}

/** What the request will be stored under if its handler renders a page. */
export interface PageSlot {
  key: string;
  generation: number;
}

/** Rough per-entry overhead beyond the body: the key, the object, the Map slot. */
const ENTRY_OVERHEAD = 256;

export class PageCache {
  /** Insertion order is recency order: a hit moves its entry to the end, eviction takes the front. */
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;
  private seenGeneration = generation;

  constructor(readonly opts: PageCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  slot(key: string): PageSlot {
    return { key, generation };
  }

  get(key: string, now = Date.now()): CachedPage | undefined {
    this.dropIfChanged();
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (now - e.storedAt >= this.opts.maxAgeSeconds * 1000) {
      this.remove(key, e);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  /** Builds the entry for a fresh render and keeps it when it may still be served. */
  put(slot: PageSlot, html: string, now = Date.now(), headers: Record<string, string> = {}): CachedPage {
    const body = Buffer.from(html, 'utf8');
    const modifiedAt = Math.floor(now / 1000);
    const page: CachedPage = {
      body,
      headers,
      etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"`,
      modifiedAt,
      lastModified: new Date(modifiedAt * 1000).toUTCString(),
      storedAt: now,
      generation: slot.generation,
    };
    this.dropIfChanged();
    const cost = body.length + slot.key.length * 2 + ENTRY_OVERHEAD;
    // Rendered from data older than a change that has committed since: answer it, never keep it.
    if (slot.generation !== generation || this.opts.maxAgeSeconds === 0 || cost > this.opts.maxBytes / 4) return page;
    const old = this.entries.get(slot.key);
    if (old) this.remove(slot.key, old);
    this.entries.set(slot.key, page);
    this.bytes += cost;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.opts.maxEntries && this.bytes <= this.opts.maxBytes) break;
      this.remove(k, e);
    }
    return page;
  }

  private remove(key: string, e: CachedPage): void {
    this.entries.delete(key);
    this.bytes -= e.body.length + key.length * 2 + ENTRY_OVERHEAD;
  }

  private dropIfChanged(): void {
    if (this.seenGeneration === generation) return;
    this.seenGeneration = generation;
    this.entries.clear();
    this.bytes = 0;
  }
}

/** RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since. */
export function notModified(req: FastifyRequest, page: CachedPage): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    return inm.split(',').some((t) => t.trim().replace(/^W\//, '') === page.etag);
  }
  const ims = req.headers['if-modified-since'];
  if (ims === undefined) return false;
  const t = Date.parse(ims);
  return Number.isFinite(t) && page.modifiedAt * 1000 <= t;
}

/**
 * Sends a cacheable page (or 304). `Vary: Cookie` because the 简/繁 and 长者模式 preferences are
 * cookies: a shared cache must not hand one reader's variant to another (a CDN should key on the
 * gk_variant and gk_elder cookies only; see docs/PERFORMANCE.md).
 */
export function sendPage(req: FastifyRequest, reply: FastifyReply, page: CachedPage, opts: PageCacheOptions, now = Date.now()): FastifyReply {
  reply
    .headers(page.headers)
    .header('cache-control', `public, max-age=${opts.maxAgeSeconds}`)
    .header('vary', 'Cookie')
    .header('etag', page.etag)
    .header('last-modified', page.lastModified);
  const age = Math.floor((now - page.storedAt) / 1000);
  if (age > 0) reply.header('age', String(age));
  if (notModified(req, page)) return reply.code(304).send();
  return reply.code(200).type('text/html; charset=utf-8').send(page.body);
}

/** Headers of a render that are not the page's own validators or framing. */
const OWN_HEADERS = new Set(['content-type', 'content-length', 'cache-control', 'vary', 'etag', 'last-modified', 'age', 'set-cookie']);

/** One cookie's raw value from a Cookie header (before any cookie parser has run). */
export function rawCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export interface PublicPagesDeps {
  /** Credentials present (read from the raw headers, before they are resolved): never cached. */
  personal(req: FastifyRequest): boolean;
  now(): Date;
}

type SlotRequest = FastifyRequest & { _pageSlot?: PageSlot };

/**
 * The server's half: `onRequest` must be the first hook (a hit is answered before cookies are
 * parsed, security headers computed or the session looked up); reply.page() calls `sendRendered`.
 */
export function publicPages(opts: PageCacheOptions, deps: PublicPagesDeps) {
  const cache = new PageCache(opts);
  // The Beijing date changes only on a minute boundary: computed once a minute, not per request.
  let minute = NaN;
  let day = '';
  const today = () => {
    const t = deps.now().getTime();
    const m = Math.floor(t / 60_000);
    if (m !== minute) { minute = m; day = beijingToday(new Date(t)); }
    return day;
  };
  return {
    cache,
    onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.routeOptions.config?.pageCache || (req.method !== 'GET' && req.method !== 'HEAD') || req.url.length > MAX_CACHED_URL || deps.personal(req)) return;
      const cookie = req.headers.cookie;
      const { variant, elder } = prefsOf(rawCookie(cookie, VARIANT_COOKIE), rawCookie(cookie, ELDER_COOKIE));
      const key = `${today()} ${variant}${elder} ${req.url}`;
      const hit = cache.get(key);
      if (hit) return sendPage(req, reply, hit, opts);
      (req as SlotRequest)._pageSlot = cache.slot(key);
    },
    /** Whether this request's page may be cached (decided before its handler ran). */
    cacheable: (req: FastifyRequest) => (req as SlotRequest)._pageSlot !== undefined,
    /**
     * Keeps and sends a fresh render when it may be shared: a 200 that needed no CSRF token and sets
     * no cookie. Returns false when the caller must send it the ordinary way (no-store).
     */
    sendRendered(req: FastifyRequest, reply: FastifyReply, html: string, status: number, csrfUsed: boolean): boolean {
      const slot = (req as SlotRequest)._pageSlot;
      if (!slot || status !== 200 || csrfUsed || reply.hasHeader('set-cookie')) return false;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(reply.getHeaders())) if (!OWN_HEADERS.has(k) && v !== undefined) headers[k] = String(v);
      sendPage(req, reply, cache.put(slot, html, Date.now(), headers), opts);
      return true;
    },
  };
}

/** Longer URLs (pasted junk) are rendered, not kept. */
const MAX_CACHED_URL = 2048;
