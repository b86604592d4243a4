// The Fastify server with the cross-cutting pieces every route relies on: security headers, cookies,
// forms, CSRF, rate limits, static files, page rendering, policy enforcement and one error handler.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import csrf from '@fastify/csrf-protection';
import type { VNode } from 'preact';
import type { Config } from '../config.ts';
import { AppError, DEFAULT_MESSAGES, type ErrorCode } from '../errors.ts';
import { renderDocument } from '../views/render.ts';
import type { ViewContext } from '../views/context.ts';
import { MessagePage } from '../views/layout.tsx';
import { isConnectionError, rootMessage } from '../db/index.ts';
import { refuseControlChars } from './input-guard.ts';
import { isParamsValidation, paramsNotFound, refuseNonDecimalIds } from './params.ts';
import { dropRepeatedQuery } from '../forms/query.ts';
import { registerOpenApi } from './openapi.ts';
import { validationError, type SchemaError } from '../forms/messages.ts';
import { publicPages } from './page-cache.ts';
import { ECHARTS_BROWSER } from '../charts/assets.ts';

export const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public');

/**
 * Route-level access rule, required on every /admin and /api/v1/admin route:
 * 'public' (anyone), 'authenticated' (any signed-in user) or an action name checked with can().
 */
export type RoutePolicy = 'public' | 'authenticated' | string;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** Skip the CSRF check (only for endpoints that authenticate by Bearer token). */
    skipCsrf?: boolean;
    /** Never carry this form's fields through a re-login (password forms). */
    noResume?: boolean;
    /**
     * A public page without a POST form: anonymous GETs are cached in process and sent with
     * Cache-Control public, ETag and Last-Modified, without a CSRF cookie (page-cache.ts).
     */
    pageCache?: boolean;
  }
  interface FastifyRequest {
    viewContext(): ViewContext;
    wantsJson(): boolean;
    /** Set when the request carried a session cookie that has expired (to explain the sign-in page). */
    sessionExpired: boolean;
  }
  interface FastifyReply {
    /** Renders a page; the function receives the view context for this request. */
    page(build: (ctx: ViewContext) => VNode, status?: number): FastifyReply;
  }
}

export interface ServerHooks {
  /**
   * Renders the sign-in page for a form post whose session has expired, carrying the submitted
   * fields so that nothing the user typed is lost.
   */
  resumeLogin?(req: FastifyRequest, reply: FastifyReply): void;
  /** Builds the view context (preferences, user, navigation) for a request; the server adds the CSRF token. */
  viewContext(req: FastifyRequest, reply: FastifyReply): Omit<ViewContext, 'csrfToken'>;
  /**
   * The request may be a signed-in user's (credentials present, checked before they are resolved):
   * its pages are never cached.
   */
  personal(req: FastifyRequest): boolean;
  /** The clock for the Beijing date in page cache keys (tests inject one). */
  now(): Date;
  /** Enforces a route policy; throws AppError('unauthenticated' | 'forbidden'). */
  enforcePolicy(req: FastifyRequest, policy: RoutePolicy): Promise<void> | void;
}

const serverHooks = new WeakMap<FastifyInstance, ServerHooks>();

const PROTECTED_PREFIXES = ['/admin', '/api/v1/admin'];


export async function createServer(config: Config, hooks: ServerHooks, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const pages = publicPages(
    { maxAgeSeconds: config.pageCacheSeconds, maxEntries: config.pageCacheEntries, maxBytes: config.pageCacheMb * 1024 * 1024 },
    { personal: (req) => hooks.personal(req), now: () => hooks.now() },
  );
  const app: FastifyInstance = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    // A hop count trusts that many proxies nearest the socket (proxy-addr's own rule; Fastify's types lack numbers).
    trustProxy: typeof config.trustProxy === 'number' ? ((n) => (_addr: string, i: number) => i < n)(config.trustProxy) : config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A long Chinese search query is ~9 bytes a character once percent-encoded: allow it to reach
    // the route (which answers 检索词过长) instead of a bare 431 from Node.
    http: { maxHeaderSize: 64 * 1024 },
    // Junk in the URL must not become a 500: long or odd query strings are parsed leniently.
    routerOptions: { maxParamLength: 500, ignoreTrailingSlash: false },
    // Route schemas (TypeBox, through the type provider): every failed field is reported (allErrors),
    // with its schema (verbose) so the Chinese message can name it by its `title`. Query strings are
    // coerced to the schema's types; unknown body fields are kept unless a schema forbids them.
    // `notFound` is the 404 message of a route's params schema (forms/query.ts IdParams): an annotation.
    ajv: { customOptions: { allErrors: true, verbose: true, coerceTypes: 'array', useDefaults: true, removeAdditional: true, keywords: ['notFound'] } },
    // Malformed URLs (bad percent-encoding) get the same Chinese answer as every other bad request.
    // The router rejects these before any hook or decoration applies, so the answer is built plainly.
    frameworkErrors: (err, req, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      const e = toAppError(err);
      if (wantsJson(req as unknown as FastifyRequest)) {
        reply.code(e.status).header('cache-control', 'no-store').send({ error: { code: e.code, message: e.message } });
        return;
      }
      const ctx: ViewContext = {
        site: { name: config.siteName, domain: config.siteDomain, siteUrl: config.siteUrl, idCode: config.siteIdCode, icp: config.siteIcp, psb: config.sitePsb, conacUrl: config.siteConacUrl },
        variant: 'cn', elder: 0, path: '/', csrfToken: '', demo: config.demo,
      };
      reply.code(e.status).type('text/html; charset=utf-8').header('cache-control', 'no-store')
        .send(renderDocument(MessagePage({ ctx, title: TITLES[e.code] ?? '请求无法处理', message: e.message, status: e.status }), 'cn'));
    },
  });

  serverHooks.set(app, hooks);

  // Every /admin route must declare its policy: a route without one is a start-up error, not a hole.
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (PROTECTED_PREFIXES.some((p) => url === p || url.startsWith(p + '/'))) {
      const policy = (route.config as { policy?: string } | undefined)?.policy;
      if (!policy || policy === 'public') {
        throw new Error(`Route ${route.method} ${url} has no policy: admin routes need config.policy`);
      }
    }
  });

  // The first hook: a cached public page is answered before anything else runs (page-cache.ts).
  app.addHook('onRequest', pages.onRequest);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    hsts: config.cookieSecure ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited'),
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'gk_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
      return (typeof fromBody === 'string' ? fromBody : undefined) ?? (req.headers['x-csrf-token'] as string | undefined) ?? '';
    },
  });
  await registerOpenApi(app, config);
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/static/',
    maxAge: config.logLevel === 'debug' ? 0 : 3600 * 1000,
    index: false,
    list: false,
  });
  // The ECharts browser build for interactive charts, from node_modules: that one file only.
  await app.register(fastifyStatic, {
    root: ECHARTS_BROWSER.dir,
    prefix: ECHARTS_BROWSER.prefix,
    decorateReply: false,
    allowedPath: (p) => p === `/${ECHARTS_BROWSER.file}`,
    maxAge: config.logLevel === 'debug' ? 0 : 3600 * 1000,
    index: false,
    list: false,
  });

  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('wantsJson', function (this: FastifyRequest) {
    return wantsJson(this);
  });
  app.decorateRequest('viewContext', function (this: FastifyRequest) {
    // Cached per request. The CSRF token (which sets the secret cookie) is issued when a form asks
    // for it; outside cacheable pages it is issued at once, as every page always had it.
    const self = this as FastifyRequest & { _vc?: ViewContext; _csrfUsed?: boolean };
    if (!self._vc) {
      const reply = (this as unknown as { _reply: FastifyReply })._reply;
      const vc = hooks.viewContext(this, reply) as ViewContext;
      let token: string | undefined;
      Object.defineProperty(vc, 'csrfToken', {
        enumerable: true,
        get: () => {
          self._csrfUsed = true;
          return (token ??= reply.generateCsrf());
        },
      });
      if (!pages.cacheable(this)) void vc.csrfToken;
      self._vc = vc;
    }
    return self._vc;
  });
  app.addHook('onRequest', async (req, reply) => {
    (req as unknown as { _reply: FastifyReply })._reply = reply;
  });
  app.decorateReply('page', function (this: FastifyReply, build: (ctx: ViewContext) => VNode, status = 200) {
    const req = this.request as FastifyRequest & { _csrfUsed?: boolean };
    const ctx = req.viewContext();
    const html = renderDocument(build(ctx), ctx.variant);
    if (pages.sendRendered(req, this, html, status, Boolean(req._csrfUsed))) return this;
    this.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return this.send(html);
  });

  // Ids in URLs are plain decimal digits (before the params schema coerces them).
  app.addHook('preValidation', refuseNonDecimalIds);
  app.addHook('preValidation', dropRepeatedQuery);

  // NUL and control characters are refused once for every route. A preHandler rather than
  // preValidation: multipart fields are only on the body after the upload scope's preValidation.
  app.addHook('preHandler', async (req) => refuseControlChars(req));

  // Policy, then CSRF: both run before any handler touches the database.
  app.addHook('preHandler', async (req, reply) => {
    const policy = req.routeOptions.config?.policy;
    if (policy && policy !== 'public') await hooks.enforcePolicy(req, policy);
    const method = req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
    if (req.routeOptions.config?.skipCsrf) return;
    // The JSON API is not reachable by a cross-site form: Bearer-authenticated calls and JSON bodies
    // (which a browser only sends cross-origin after a CORS preflight we never grant) need no token.
    if (req.url.startsWith('/api/') && (req.headers.authorization || (req.headers['content-type'] ?? '').startsWith('application/json'))) return;
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(req, reply, (err?: Error) => (err ? reject(new AppError('csrf_invalid')) : resolve()));
    });
  });

  app.setNotFoundHandler((req, reply) => {
    sendError(req, reply, new AppError('not_found'));
  });

  app.setErrorHandler((err, req, reply) => {
    const appErr = isParamsValidation(err) ? paramsNotFound(req) : toAppError(err);
    if (appErr.code === 'internal') req.log.error({ err }, 'unhandled error');
    else if (appErr.code === 'unavailable') req.log.warn({ message: rootMessage(err) }, 'database unavailable');
    sendError(req, reply, appErr);
  });

  return app;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_CSRF_INVALID_TOKEN: 'csrf_invalid',
  FST_CSRF_MISSING_SECRET: 'csrf_invalid',
  FST_ERR_BAD_URL: 'bad_request',
};

const MULTIPART_PARSE_ERROR = /^(Unexpected end of (multipart data|form)|Multipart: Boundary not found|Malformed part header|Part terminated early)/;

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number; validation?: SchemaError[]; validationContext?: string; message?: string };
  if (e && e.validation) return validationError(e.validation, e.validationContext);
  if (e?.code && FASTIFY_CODES[e.code]) return new AppError(FASTIFY_CODES[e.code]);
  // busboy's parse errors carry neither code nor status: a cut-off or malformed upload is bad input.
  if (!e?.statusCode && typeof e?.message === 'string' && MULTIPART_PARSE_ERROR.test(e.message)) {
    return new AppError('bad_request', '上传的数据不完整或格式不正确，请重新选择文件上传。');
  }
  // The database is gone or restarting (also when the session lookup in onRequest fails): 503, retried later.
  if (!e?.statusCode && isConnectionError(err)) return new AppError('unavailable');
  if (e?.statusCode === 429) return new AppError('rate_limited');
  if (e?.statusCode === 413) return new AppError('payload_too_large');
  if (e?.statusCode === 415) return new AppError('unsupported_media_type');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('bad_request');
  return new AppError('internal');
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  not_found: '页面不存在',
  forbidden: '没有访问权限',
  csrf_invalid: '页面已过期',
  rate_limited: '操作过于频繁',
  internal: '系统繁忙',
  payload_too_large: '内容过大',
  locked: '账户已锁定',
  unavailable: '系统正在恢复',
};

function wantsJson(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/')) return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError): void {
  if (reply.sent) return;
  if (err.code === 'unavailable') reply.header('retry-after', '5');
  if (err.code === 'unauthenticated' && !req.wantsJson()) {
    if (req.method === 'POST' && req.body && typeof req.body === 'object' && !req.routeOptions.config?.noResume && serverHooks.get(req.server)?.resumeLogin) {
      serverHooks.get(req.server)!.resumeLogin!(req, reply);
      return;
    }
    const next = req.method === 'GET' ? req.url : '/admin/';
    reply.redirect(`/login?next=${encodeURIComponent(next)}${req.sessionExpired ? '&timeout=1' : ''}`, 303);
    return;
  }
  if (req.wantsJson()) {
    reply.code(err.status).header('cache-control', 'no-store').send({ error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } });
    return;
  }
  const admin = req.url.startsWith('/admin');
  try {
    reply.page((ctx) => MessagePage({ ctx, title: TITLES[err.code] ?? '请求无法处理', message: err.message || DEFAULT_MESSAGES[err.code], admin, status: err.status }), err.status);
  } catch {
    // Rendering itself failed (e.g. the database is down while building the context): plain text.
    reply.code(err.status).type('text/plain; charset=utf-8').send(`${err.status} ${DEFAULT_MESSAGES[err.code]}`);
  }
}
