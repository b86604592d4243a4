// One validated configuration object, read from environment variables.
// Every variable is documented in README.md; a bad value stops start-up with a message naming it.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import net from 'node:net';

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  sessionSecret: string;
  fieldKey: Buffer;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  cookieSecure: boolean;
  /** Which reverse proxies may set X-Forwarded-For: none, a hop count, or their addresses (Fastify's trustProxy). */
  trustProxy: false | number | string[];
  smtp?: SmtpConfig;
  siteName: string;
  siteDomain: string;
  /** Scheme + host (+ port) of every absolute link (feeds, sitemap, API urls, mail, meta tags), no trailing slash: see absoluteUrl. */
  siteUrl: string;
  siteIdCode: string;
  /** ICP 备案号, 公安机关备案号 and the 党政机关网站标识 verification link for the footer ('' = not shown). */
  siteIcp: string;
  sitePsb: string;
  siteConacUrl: string;
  demo: boolean;
  logLevel: string;
  /** Sign-in attempts per IP per minute; public forms use the same budget per their own route. */
  rateLimitLogin: number;
  rateLimitForms: number;
  /** work_mem of the application's database connections in MB; 0 leaves the server's setting. */
  pgWorkMemMb: number;
  /** Public pages: in-process cache lifetime and Cache-Control max-age (s), entry and size bounds. */
  pageCacheSeconds: number;
  pageCacheEntries: number;
  pageCacheMb: number;
  /** Feed polling may reach private / loopback addresses (intranet feeds; tests on 127.0.0.1). Off by default: no SSRF into the network. */
  opinionFeedAllowPrivate: boolean;
}

export class ConfigError extends Error {
  constructor(public variable: string, message: string) {
    super(`配置错误：环境变量 ${variable} ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `应为整数，当前值为“${raw}”`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `应在 ${min} 至 ${max} 之间，当前值为 ${n}`);
  return n;
}

function bool(env: Env, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `应为 true 或 false，当前值为“${raw}”`);
}

function str(env: Env, name: string, def: string, maxLen = 200): string {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return def;
  if (raw.length > maxLen) throw new ConfigError(name, `过长（不超过 ${maxLen} 个字符）`);
  return raw.trim();
}

// Names proxy-addr understands besides addresses and CIDR ranges.
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: a hop count (`1` = one reverse proxy in front) or the proxies' addresses / CIDR ranges.
 * `true` is refused: trusting every hop lets a client's own X-Forwarded-For choose its address.
 */
function trustProxy(env: Env): false | number | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  const v = raw.toLowerCase();
  if (v === '' || ['0', 'false', 'no', 'off'].includes(v)) return false;
  if (['true', 'yes', 'on'].includes(v)) {
    throw new ConfigError('TRUST_PROXY', '不能设为 true（那样会信任客户端自己伪造的 X-Forwarded-For）。请填写反向代理的层数（如 1），或反向代理的地址（如 127.0.0.1,10.0.0.0/8）');
  }
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n < 1 || n > 10) throw new ConfigError('TRUST_PROXY', `作为反向代理层数时应在 1 至 10 之间，当前值为 ${n}`);
    return n;
  }
  const list = raw.split(',').map((x) => x.trim()).filter(Boolean);
  for (const a of list) {
    const [ip, bits, extra] = a.split('/');
    const fam = net.isIP(ip);
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (fam === 6 ? 128 : 32));
    if (!(PROXY_NAMES.includes(a.toLowerCase()) || (fam && okBits && extra === undefined))) {
      throw new ConfigError('TRUST_PROXY', `中的“${a}”不是 IP 地址或网段（如 10.0.0.0/8）；应为反向代理层数，或以逗号分隔的反向代理地址`);
    }
  }
  return list.map((a) => (PROXY_NAMES.includes(a.toLowerCase()) ? a.toLowerCase() : a));
}

const SITE_URL_HINT = '应为网站对外的访问地址：http:// 或 https:// 加域名，可带端口，不带路径，例如 https://www.example.gov.cn';

/**
 * SITE_URL: the address people reach the site at, behind any proxy. Without it, SITE_DOMAIN alone
 * means https://SITE_DOMAIN (as before); with neither, the local server http://localhost:PORT.
 */
function siteUrl(env: Env, port: number, siteDomain: string | undefined): string {
  const raw = str(env, 'SITE_URL', '', 300);
  if (!raw) return siteDomain ? `https://${siteDomain}` : port ? `http://localhost:${port}` : 'http://localhost';
  // Only an origin (an optional trailing slash is dropped): a path, query or user name would end up in every link.
  const bad = () => new ConfigError('SITE_URL', `${SITE_URL_HINT}，当前值为“${raw}”`);
  if (!/^https?:\/\/([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?\/?$/i.test(raw)) throw bad();
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}`;
  } catch {
    throw bad();
  }
}

/** An absolute link on this site: SITE_URL + the path (`/xxgk/1` → `https://www.example.gov.cn/xxgk/1`). */
export function absoluteUrl(config: { siteUrl: string }, path: string): string {
  return config.siteUrl + (path.startsWith('/') ? path : `/${path}`);
}

/** Reads a secret from the data dir, creating it (mode 0600) on first start. Never logged. */
function persistentSecret(dataDir: string, file: string, make: () => string): string {
  const p = path.join(dataDir, file);
  if (fs.existsSync(p)) return fs.readFileSync(p, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const value = make();
  fs.writeFileSync(p, value + '\n', { mode: 0o600, flag: 'wx' });
  return value;
}

export function loadConfig(env: Env = process.env, opts: { ensureSecrets?: boolean } = {}): Config {
  const dataDir = path.resolve(str(env, 'GONGKAI_DATA_DIR', './data', 1000));
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', '应为 postgres:// 或 postgresql:// 开头的连接地址');
  }
  const ensure = opts.ensureSecrets !== false;

  let sessionSecret = env.SESSION_SECRET?.trim() ?? '';
  if (sessionSecret) {
    if (sessionSecret.length < 32) throw new ConfigError('SESSION_SECRET', '长度不足 32 个字符');
  } else if (ensure) {
    sessionSecret = persistentSecret(dataDir, 'session.secret', () => crypto.randomBytes(32).toString('base64url'));
  }

  let fieldKeyB64 = env.GONGKAI_FIELD_KEY?.trim() ?? '';
  const fromEnv = fieldKeyB64 !== '';
  if (!fromEnv && ensure) {
    fieldKeyB64 = persistentSecret(dataDir, 'field.key', () => crypto.randomBytes(32).toString('base64'));
  }
  const fieldKey = Buffer.from(fieldKeyB64, 'base64');
  if (ensure && fieldKey.length !== 32) {
    throw new ConfigError(fromEnv ? 'GONGKAI_FIELD_KEY' : 'GONGKAI_DATA_DIR', fromEnv
      ? '应为 32 字节密钥的 Base64 编码'
      : `中的 field.key 已损坏（应为 32 字节密钥的 Base64 编码）`);
  }

  let smtp: SmtpConfig | undefined;
  const smtpHost = str(env, 'SMTP_HOST', '');
  if (smtpHost) {
    const from = str(env, 'MAIL_FROM', `gongkai@${smtpHost}`);
    if (!/^[^@\s<>]+@[^@\s<>]+$/.test(from.replace(/^.*<(.+)>$/, '$1'))) throw new ConfigError('MAIL_FROM', '不是有效的电子邮件地址');
    smtp = {
      host: smtpHost,
      port: int(env, 'SMTP_PORT', 25, 1, 65535),
      secure: bool(env, 'SMTP_SECURE', false),
      user: str(env, 'SMTP_USER', '') || undefined,
      pass: env.SMTP_PASS || undefined,
      from,
    };
  }

  const siteIdCode = str(env, 'SITE_ID_CODE', '0000000000');
  if (!/^[0-9A-Za-z]{10}$/.test(siteIdCode)) throw new ConfigError('SITE_ID_CODE', '应为 10 位网站标识码');
  const siteConacUrl = str(env, 'SITE_CONAC_URL', '', 300);
  if (siteConacUrl && !/^https:\/\/[^\s"<>]+$/.test(siteConacUrl)) throw new ConfigError('SITE_CONAC_URL', '应为 https:// 开头的党政机关网站标识核验地址');
  const domainSet = str(env, 'SITE_DOMAIN', '');
  if (domainSet && !/^[a-z0-9.-]+(:\d+)?$/i.test(domainSet)) throw new ConfigError('SITE_DOMAIN', '应为域名，例如 www.example.gov.cn');
  const port = int(env, 'PORT', 3000, 0, 65535);
  const url = siteUrl(env, port, domainSet || undefined);
  // The SiteDomain meta tag: SITE_DOMAIN, else the host of SITE_URL.
  const siteDomain = domainSet || (env.SITE_URL?.trim() ? new URL(url).host : 'localhost');
  const logLevel = str(env, 'LOG_LEVEL', 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', '应为 fatal、error、warn、info、debug、trace 或 silent');
  }
  const host = str(env, 'HOST', '127.0.0.1');

  return {
    port,
    host,
    databaseUrl,
    dataDir,
    embeddedPgPort: int(env, 'GONGKAI_PG_PORT', 54329, 1024, 65535),
    sessionSecret,
    fieldKey,
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: int(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 7),
    cookieSecure: bool(env, 'COOKIE_SECURE', true),
    trustProxy: trustProxy(env),
    smtp,
    siteName: str(env, 'SITE_NAME', '云溪县人民政府', 60),
    siteDomain,
    siteUrl: url,
    siteIdCode,
    siteIcp: str(env, 'SITE_ICP', '', 60),
    sitePsb: str(env, 'SITE_PSB', '', 60),
    siteConacUrl,
    demo: bool(env, 'GONGKAI_DEMO', true),
    logLevel,
    rateLimitLogin: int(env, 'RATE_LIMIT_LOGIN', 10, 1, 100000),
    rateLimitForms: int(env, 'RATE_LIMIT_FORMS', 20, 1, 100000),
    pgWorkMemMb: int(env, 'PG_WORK_MEM_MB', 32, 0, 4096),
    pageCacheSeconds: int(env, 'PAGE_CACHE_SECONDS', 60, 0, 3600),
    pageCacheEntries: int(env, 'PAGE_CACHE_ENTRIES', 5000, 1, 1_000_000),
    pageCacheMb: int(env, 'PAGE_CACHE_MB', 64, 1, 16384),
    opinionFeedAllowPrivate: bool(env, 'OPINION_FEED_ALLOW_PRIVATE', false),
  };
}
