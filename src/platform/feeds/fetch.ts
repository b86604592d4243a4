// Fetching a feed over HTTP(S) with hard limits, so one slow, huge or hostile server costs at most
// its own time budget: a connect timeout and a total deadline, a body limit counted while streaming
// (after decompression, so a gzip bomb stops at the same limit), redirects followed by hand (at most
// five, http/https only, each hop under the same limits), conditional GET (ETag / Last-Modified),
// and no request to a private, loopback or link-local address unless the configuration allows it —
// checked on the address the name resolves to, at connect time, so DNS cannot point us inside.
// node:http(s) rather than fetch: its `lookup` hook is where that check belongs.
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import net from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';

export interface FetchLimits { connectTimeoutMs: number; totalTimeoutMs: number; maxBytes: number; maxRedirects: number }

const MiB = 1024 * 1024;
export const FEED_FETCH_LIMITS: FetchLimits = { connectTimeoutMs: 10_000, totalTimeoutMs: 15_000, maxBytes: 5 * MiB, maxRedirects: 5 };

export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  /** Private / loopback targets allowed (config OPINION_FEED_ALLOW_PRIVATE; tests on 127.0.0.1). */
  allowPrivate: boolean;
  limits?: Partial<FetchLimits>;
}

export type FetchErrorCode = 'feed.url' | 'feed.private' | 'feed.dns' | 'feed.connect' | 'feed.connect_timeout' | 'feed.tls'
  | 'feed.timeout' | 'feed.too_large' | 'feed.redirects' | 'feed.redirect_target' | 'feed.status' | 'feed.protocol';

export type FetchResult =
  | { ok: true; notModified: true; url: string }
  | { ok: true; notModified: false; url: string; status: number; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null }
  | { ok: false; code: FetchErrorCode; message: string };

const USER_AGENT = 'gongkai-opinion-feeds/1.0';
const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

// ---------------------------------------------------------------- addresses

const PRIVATE = new net.BlockList();
for (const [a, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) PRIVATE.addSubnet(a, bits, 'ipv4');
for (const [a, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) PRIVATE.addSubnet(a, bits, 'ipv6');

/** Loopback, private (RFC 1918, ULA), link-local, CGNAT, multicast, reserved — anything not on the public internet. */
export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  const fam = net.isIP(ip);
  if (fam === 4) return PRIVATE.check(ip, 'ipv4');
  if (fam === 6) return PRIVATE.check(ip, 'ipv6');
  return true;
}

class FetchFailure extends Error {
  constructor(readonly code: FetchErrorCode, message: string) { super(message); }
}

const privateMessage = (ip: string) => `订阅地址指向内网或本机地址（${ip}），出于安全考虑不予抓取。`;

type LookupCb = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup that refuses private answers (the check happens where the socket connects). */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCb): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as dns.LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(Object.assign(new FetchFailure('feed.private', privateMessage(bad.address)), { errno: 0 }) as unknown as NodeJS.ErrnoException, []);
      if (!list.length) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), []);
      if (options.all) callback(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

// ---------------------------------------------------------------- messages

function statusMessage(status: number): string {
  const hint = status === 401 || status === 403 ? '（拒绝访问）' : status === 404 ? '（订阅地址不存在）' : status === 410 ? '（订阅源已停止提供）'
    : status === 429 ? '（请求过于频繁）' : status >= 500 ? '（服务器内部错误或暂时不可用）' : '';
  return `订阅源服务器返回错误状态 HTTP ${status}${hint}。`;
}

function failureOf(e: unknown, host: string, limits: FetchLimits): FetchFailure {
  if (e instanceof FetchFailure) return e;
  const err = e as NodeJS.ErrnoException & { name?: string };
  const code = String(err?.code ?? '');
  if (err?.name === 'AbortError' || code === 'ABORT_ERR') return new FetchFailure('feed.timeout', `订阅源在 ${limits.totalTimeoutMs / 1000} 秒内没有完成响应，已中止抓取。`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return new FetchFailure('feed.dns', `无法解析订阅源的域名 ${host}，请核对地址。`);
  if (/^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH)/.test(code) || /certificate|SSL/i.test(err?.message ?? '')) {
    return new FetchFailure('feed.tls', `订阅源服务器的安全证书无法验证（${code || '证书错误'}）。`);
  }
  if (code.startsWith('HPE_')) return new FetchFailure('feed.protocol', '订阅源服务器的响应不符合 HTTP 协议。');
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code.startsWith('ERR_BROTLI') || code.startsWith('ERR__ZLIB')) return new FetchFailure('feed.protocol', '订阅源服务器返回的压缩内容已损坏。');
  const what = code === 'ECONNREFUSED' ? '连接被拒绝' : code === 'ECONNRESET' || code === 'EPIPE' ? '连接被服务器中断' : code === 'EHOSTUNREACH' || code === 'ENETUNREACH' ? '网络不可达' : code || '网络错误';
  return new FetchFailure('feed.connect', `无法连接订阅源服务器 ${host}（${what}）。`);
}

// ---------------------------------------------------------------- one hop

type Hop =
  | { kind: 'redirect'; location: string }
  | { kind: 'not_modified' }
  | { kind: 'body'; status: number; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null };

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === 'gzip' || e === 'x-gzip') return zlib.createGunzip();
  if (e === 'deflate') return zlib.createInflate();
  if (e === 'br') return zlib.createBrotliDecompress();
  return null;
}

function oneHop(url: URL, headers: Record<string, string>, limits: FetchLimits, allowPrivate: boolean, signal: AbortSignal): Promise<Hop> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    const done = (f: () => void) => { if (!settled) { settled = true; f(); } };
    const req = lib.request(url, { method: 'GET', headers, lookup: guardedLookup(allowPrivate) as never, signal, agent: false });
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const t = setTimeout(() => req.destroy(new FetchFailure('feed.connect_timeout', `连接订阅源服务器 ${url.host} 超时（${limits.connectTimeoutMs / 1000} 秒）。`)), limits.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(t));
      socket.once('close', () => clearTimeout(t));
    });
    req.on('error', (e) => done(() => reject(e)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      // Settle first: destroying emits 'aborted' / 'error', which must not replace the real reason.
      const fail = (e: unknown) => { done(() => reject(e)); res.destroy(); req.destroy(); };
      if (status >= 300 && status < 400 && status !== 304) {
        const location = res.headers.location;
        res.destroy();
        if (!location) return done(() => reject(new FetchFailure('feed.status', `订阅源服务器返回重定向（HTTP ${status}）但没有给出新地址。`)));
        return done(() => resolve({ kind: 'redirect', location }));
      }
      if (status === 304) { res.destroy(); return done(() => resolve({ kind: 'not_modified' })); }
      if (status < 200 || status >= 300) return fail(new FetchFailure('feed.status', statusMessage(status)));
      const tooLarge = () => new FetchFailure('feed.too_large', `订阅源内容超过 ${limits.maxBytes / MiB} MB 的上限，已中止下载。`);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) return fail(tooLarge());
      const decoder = decoderFor(res.headers['content-encoding']);
      const stream: Readable = decoder ? res.pipe(decoder) : res;
      if (decoder) {
        res.on('error', (e) => { decoder.destroy(); fail(e); });
        decoder.on('error', fail);
      } else res.on('error', fail);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limits.maxBytes) { decoder?.destroy(); fail(tooLarge()); return; }
        chunks.push(c);
      });
      stream.on('end', () => done(() => resolve({
        kind: 'body', status, body: Buffer.concat(chunks),
        contentType: res.headers['content-type'] ?? null,
        etag: typeof res.headers.etag === 'string' ? res.headers.etag.slice(0, 500) : null,
        lastModified: typeof res.headers['last-modified'] === 'string' ? res.headers['last-modified'].slice(0, 100) : null,
      })));
      res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    });
    req.end();
  });
}

// ---------------------------------------------------------------- entry point

function checkUrl(raw: string): URL | FetchFailure {
  let u: URL;
  try { u = new URL(raw); } catch { return new FetchFailure('feed.url', '订阅地址不是有效的网址。'); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return new FetchFailure('feed.url', '订阅地址应为 http:// 或 https:// 开头的网址。');
  if (u.username || u.password) return new FetchFailure('feed.url', '订阅地址不能包含用户名或密码。');
  return u;
}

/** GETs a feed: the body, or "not modified", or a Chinese error. Never throws. */
export async function fetchFeed(r: FetchRequest): Promise<FetchResult> {
  const limits = { ...FEED_FETCH_LIMITS, ...r.limits };
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), limits.totalTimeoutMs);
  let url = checkUrl(r.url);
  try {
    for (let hop = 0; ; hop++) {
      if (url instanceof FetchFailure) throw url;
      // An address literal never reaches the lookup hook.
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (net.isIP(literal) && !r.allowPrivate && isPrivateAddress(literal)) throw new FetchFailure('feed.private', privateMessage(literal));
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br' };
      if (r.etag) headers['if-none-match'] = r.etag;
      if (r.lastModified) headers['if-modified-since'] = r.lastModified;
      let res: Hop;
      try { res = await oneHop(url, headers, limits, r.allowPrivate, controller.signal); } catch (e) { throw failureOf(e, url.host, limits); }
      if (res.kind === 'not_modified') return { ok: true, notModified: true, url: url.href };
      if (res.kind === 'body') {
        return { ok: true, notModified: false, url: url.href, status: res.status, body: res.body, contentType: res.contentType, etag: res.etag, lastModified: res.lastModified };
      }
      if (hop + 1 > limits.maxRedirects) throw new FetchFailure('feed.redirects', `订阅地址重定向超过 ${limits.maxRedirects} 次，已停止跟随。请改用最终地址。`);
      let next: URL;
      try { next = new URL(res.location, url); } catch { throw new FetchFailure('feed.redirect_target', '订阅源重定向到的地址无效。'); }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new FetchFailure('feed.redirect_target', `订阅源重定向到了不支持的地址（${next.protocol.replace(':', '')}），仅支持 http 和 https。`);
      url = next;
    }
  } catch (e) {
    const f = e instanceof FetchFailure ? e : failureOf(e, r.url, limits);
    return { ok: false, code: f.code, message: f.message };
  } finally {
    clearTimeout(deadline);
  }
}
