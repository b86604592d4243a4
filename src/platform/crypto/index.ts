// Cryptographic helpers built on node:crypto (OpenSSL 3: SM3 / SM4 available).
// Pure functions only: no config, no I/O besides the system RNG.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
  type BinaryLike,
  type ScryptOptions,
} from 'node:crypto';

/** Error with a stable machine-readable code ('crypto.tampered', ...). */
export class CryptoError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}

// ---------------------------------------------------------------------------
// Hashing
// ---------------------------------------------------------------------------

export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, data: string | Buffer): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

/** A base64url SM3-HMAC for a signed token. */
export function signMac(key: Buffer, data: string): string {
  return hmacSm3(key, data).toString('base64url');
}

/**
 * Checks a base64url MAC from a token. Compares the text, not the decoded bytes: base64url's last
 * character carries unused bits, so a decoder accepts several spellings of one MAC and a token with
 * its last character changed would still pass.
 */
export function verifyMac(key: Buffer, data: string, mac: string): boolean {
  const want = Buffer.from(signMac(key, data), 'utf8');
  const got = Buffer.from(mac, 'utf8');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Hash for storing bearer tokens (session, reset links) — lookup by hash, never store raw. */
export function hashToken(token: string): string {
  return sm3Hex(token);
}

/** URL-safe random token. At least 16 bytes so callers cannot create guessable tokens by accident. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > 1024) {
    throw new RangeError(`randomToken: bytes must be an integer between 16 and 1024, got ${bytes}`);
  }
  return randomBytes(bytes).toString('base64url');
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

export const MASTER_KEY_BYTES = 32;

export function generateKey(): Buffer {
  return randomBytes(MASTER_KEY_BYTES);
}

/** Parse a base64 / base64url encoded 32-byte master key (e.g. from an env variable). */
export function keyFromBase64(s: string): Buffer {
  const text = (s ?? '').trim();
  // Buffer.from(…, 'base64') silently skips garbage, so check the alphabet first.
  if (text === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw new CryptoError('crypto.bad_key', 'Master key must be a base64-encoded 32-byte value (e.g. `openssl rand -base64 32`)');
  }
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new CryptoError(
      'crypto.bad_key',
      `Master key must decode to exactly ${MASTER_KEY_BYTES} bytes, got ${key.length} bytes (generate one with \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}

// ---------------------------------------------------------------------------
// Field encryption (personal data at rest): SM4-CBC + HMAC-SM3, encrypt-then-MAC
// ---------------------------------------------------------------------------

export interface FieldCipher {
  /** Returns `v1.<iv>.<ct>.<mac>` (base64url parts). Random IV: same plaintext → different token. */
  encrypt(plain: string): string;
  /** Throws CryptoError: 'crypto.tampered' (MAC mismatch / wrong key), 'crypto.malformed', 'crypto.unsupported_version'. */
  decrypt(token: string): string;
  /** Deterministic keyed hash (hex) of the normalised value, for equality lookups. */
  blindIndex(plain: string): string;
}

const FIELD_VERSION = 'v1';
const IV_BYTES = 16;
const MAC_BYTES = 32; // SM3 output size
const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Normalisation applied before blind indexing: NFKC (full-width → half-width),
 * all whitespace removed, upper-cased (ID number 'x' vs 'X', e-mail case).
 */
export function normaliseForIndex(plain: string): string {
  return plain.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

export function createFieldCipher(masterKey: Buffer): FieldCipher {
  if (!Buffer.isBuffer(masterKey) || masterKey.length !== MASTER_KEY_BYTES) {
    throw new CryptoError('crypto.bad_key', `Master key must be a ${MASTER_KEY_BYTES}-byte Buffer`);
  }
  // Independent subkeys so the SM4 key is never used as a MAC key and vice versa.
  const encKey = hmacSm3(masterKey, 'gongkai:field:sm4:v1').subarray(0, 16);
  const macKey = hmacSm3(masterKey, 'gongkai:field:hmac:v1').subarray(0, 16);
  const version = Buffer.from(FIELD_VERSION, 'ascii');

  const mac = (iv: Buffer, ct: Buffer): Buffer => hmacSm3(macKey, Buffer.concat([version, iv, ct]));

  return {
    encrypt(plain: string): string {
      if (typeof plain !== 'string') throw new TypeError('encrypt: plain must be a string');
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('sm4-cbc', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = mac(iv, ct);
      return `${FIELD_VERSION}.${iv.toString('base64url')}.${ct.toString('base64url')}.${tag.toString('base64url')}`;
    },

    decrypt(token: string): string {
      const parts = typeof token === 'string' ? token.split('.') : [];
      if (parts.length !== 4) throw new CryptoError('crypto.malformed', 'Encrypted field has an invalid format');
      const [ver, ivS, ctS, macS] = parts as [string, string, string, string];
      if (ver !== FIELD_VERSION) {
        throw new CryptoError('crypto.unsupported_version', `Unsupported encrypted field version: ${ver.slice(0, 8)}`);
      }
      if (!B64URL.test(ivS) || !B64URL.test(ctS) || !B64URL.test(macS)) {
        throw new CryptoError('crypto.malformed', 'Encrypted field has an invalid encoding');
      }
      const iv = Buffer.from(ivS, 'base64url');
      const ct = Buffer.from(ctS, 'base64url');
      const given = Buffer.from(macS, 'base64url');
      if (iv.length !== IV_BYTES || given.length !== MAC_BYTES || ct.length === 0 || ct.length % 16 !== 0) {
        throw new CryptoError('crypto.malformed', 'Encrypted field has invalid component lengths');
      }
      // Verify before decrypting (no padding oracle).
      if (!timingSafeEqual(mac(iv, ct), given)) {
        throw new CryptoError('crypto.tampered', 'Encrypted field failed integrity check');
      }
      try {
        const decipher = createDecipheriv('sm4-cbc', encKey, iv);
        return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
      } catch {
        throw new CryptoError('crypto.malformed', 'Encrypted field could not be decrypted');
      }
    },

    blindIndex(plain: string): string {
      // 'bidx:' prefix keeps this domain separate from MAC inputs (which start with 'v1').
      return hmacSm3(macKey, `bidx:${normaliseForIndex(plain)}`).toString('hex');
    },
  };
}

// ---------------------------------------------------------------------------
// Masking for display. Never throw; '' in → '' out. Work on code points (CJK safe).
// ---------------------------------------------------------------------------

/** Keep `head` and `tail` characters, mask the rest; shrinks head/tail so at least one char is masked. */
function maskMiddle(value: string, head: number, tail: number, fixedStars?: number): string {
  const chars = Array.from(value);
  const n = chars.length;
  if (n === 0) return '';
  while (head + tail >= n && head + tail > 0) {
    if (tail >= head && tail > 0) tail--;
    else head--;
  }
  const stars = fixedStars ?? n - head - tail;
  return chars.slice(0, head).join('') + '*'.repeat(stars) + (tail > 0 ? chars.slice(n - tail).join('') : '');
}

function clean(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** '11010519491231002X' → '1101**********002X' */
export function maskIdNumber(id: string): string {
  const s = clean(id);
  return Array.from(s).length > 8 ? maskMiddle(s, 4, 4) : maskMiddle(s, 1, 1);
}

/**
 * Mobile '13812345678' → '138****5678' (also '+86 …').
 * Landline '010-12345678' / '(0755)8888888' / '02012345678' → '010-****5678' (area code kept, last 4 of the
 * local number; last 2 if the local number is short). Extensions are kept as is.
 */
export function maskPhone(phone: string): string {
  const s = clean(phone);
  if (s === '') return '';
  // Optional extension: '…转801', '…ext 801', or area-local-ext with separators. Kept verbatim.
  let main = s;
  let ext = '';
  const extMatch = /^(.*\d)\s*(转|ext\.?|x|#)\s*(\d{1,6})$/i.exec(s) ?? /^(0\d{2,3}[-\s]\d{5,8})[-\s](\d{1,6})$/.exec(s);
  if (extMatch) {
    main = extMatch[1]!;
    ext = extMatch.length === 4 ? `${extMatch[2]}${extMatch[3]}` : `-${extMatch[2]}`;
  }

  const mobile = /^(\+?86)?(1\d{10})$/.exec(main.replace(/[\s\-()（）]/g, ''));
  if (mobile) {
    const cc = mobile[1] ? `${mobile[1]} ` : '';
    const m = mobile[2]!;
    return `${cc}${m.slice(0, 3)}****${m.slice(7)}${ext}`;
  }

  const maskLocal = (local: string): string => maskMiddle(local, 0, local.length >= 7 ? 4 : 2);
  const sep = /^[(（]?(0\d{2,3})[)）\s-]+(\d{5,8})$/.exec(main);
  if (sep) return `${sep[1]}-${maskLocal(sep[2]!)}${ext}`;
  const digits = main.replace(/[\s-]/g, '');
  if (/^0\d{7,11}$/.test(digits)) {
    // Without a separator: 3-digit area codes are 010 and 02x, all others have 4 digits.
    const areaLen = /^(010|02\d)/.test(digits) ? 3 : 4;
    const local = digits.slice(areaLen);
    if (local.length >= 5 && local.length <= 8) return `${digits.slice(0, areaLen)}-${maskLocal(local)}${ext}`;
  }
  // Local number without area code or anything unrecognised.
  return maskMiddle(main, 0, Array.from(main).length >= 7 ? 4 : 2) + ext;
}

/** '张三丰' → '张**', '张三' → '张*', '张' → '*' */
export function maskName(name: string): string {
  const s = clean(name);
  return Array.from(s).length <= 1 ? '*'.repeat(s.length > 0 ? 1 : 0) : maskMiddle(s, 1, 0);
}

/** 'zhangsan@example.com' → 'zh******@example.com'; short local parts keep fewer characters. */
export function maskEmail(email: string): string {
  const s = clean(email);
  const at = s.lastIndexOf('@');
  if (at < 0) return maskMiddle(s, 2, 0);
  const local = s.slice(0, at);
  const keep = Math.min(2, Math.max(Array.from(local).length - 1, 0));
  return maskMiddle(local, keep, 0) + s.slice(at);
}

/** Keep the first 6 characters (roughly province/city/district), then a fixed '****'. */
export function maskAddress(address: string): string {
  const s = clean(address);
  const n = Array.from(s).length;
  if (n === 0) return '';
  return maskMiddle(s, n > 6 ? 6 : Math.floor(n / 2), 0, 4);
}

// ---------------------------------------------------------------------------
// Password hashing: scrypt$N$r$p$saltB64$hashB64
// ---------------------------------------------------------------------------

const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 64, saltLen: 16 } as const;

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function scryptAsync(pw: BinaryLike, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pw, salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function scryptOptions(N: number, r: number, p: number): ScryptOptions {
  // maxmem must exceed 128*N*r, otherwise OpenSSL refuses (default limit is 32 MiB).
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

// NFKC so that full-width input from Chinese IMEs matches half-width (NIST SP 800-63B suggests normalising).
function passwordBytes(pw: string): Buffer {
  if (typeof pw !== 'string') throw new TypeError('password must be a string');
  return Buffer.from(pw.normalize('NFKC'), 'utf8');
}

function parseHash(stored: string): ParsedHash | null {
  if (typeof stored !== 'string') return null;
  const m = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/.exec(stored);
  if (!m) return null;
  const N = Number(m[1]);
  const r = Number(m[2]);
  const p = Number(m[3]);
  const salt = Buffer.from(m[4]!, 'base64');
  const hash = Buffer.from(m[5]!, 'base64');
  // Bound parameters: a corrupted/hostile stored value must not make us burn gigabytes of memory.
  const powerOfTwo = (N & (N - 1)) === 0;
  if (!powerOfTwo || N < 1024 || N > 1 << 20 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  if (salt.length < 8 || hash.length < 16 || hash.length > 128) return null;
  return { N, r, p, salt, hash };
}

export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLen);
  const key = await scryptAsync(passwordBytes(pw), salt, SCRYPT.keyLen, scryptOptions(SCRYPT.N, SCRYPT.r, SCRYPT.p));
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** False (never throws) for a wrong password or an unparseable stored value. */
export async function verifyPassword(pw: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || typeof pw !== 'string') return false;
  const key = await scryptAsync(passwordBytes(pw), parsed.salt, parsed.hash.length, scryptOptions(parsed.N, parsed.r, parsed.p));
  return timingSafeEqual(key, parsed.hash);
}

/** True when the stored hash is unparseable or uses parameters other than the current ones. */
export function needsRehash(stored: string): boolean {
  const p = parseHash(stored);
  return (
    !p ||
    p.N !== SCRYPT.N ||
    p.r !== SCRYPT.r ||
    p.p !== SCRYPT.p ||
    p.salt.length !== SCRYPT.saltLen ||
    p.hash.length !== SCRYPT.keyLen
  );
}
