import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import {
  CryptoError,
  createFieldCipher,
  generateKey,
  hashPassword,
  hashToken,
  hmacSm3,
  keyFromBase64,
  maskAddress,
  maskEmail,
  maskIdNumber,
  maskName,
  maskPhone,
  needsRehash,
  normaliseForIndex,
  randomToken,
  signMac,
  sm3Hex,
  verifyMac,
  verifyPassword,
} from './index.ts';

const MASTER = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');

function assertCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (err: unknown) => err instanceof CryptoError && err.code === code);
}

test('sm3Hex matches the GB/T 32905 sample vectors', () => {
  assert.equal(sm3Hex('abc'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  assert.equal(
    sm3Hex('abcd'.repeat(16)),
    'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
  );
  assert.equal(sm3Hex(Buffer.from('abc')), sm3Hex('abc'));
  assert.equal(hashToken('abc'), sm3Hex('abc'));
});

test('hmacSm3 equals the textbook HMAC construction over SM3', () => {
  const key = Buffer.from('secret-key');
  const data = '数据';
  const block = Buffer.alloc(64);
  key.copy(block);
  const xor = (b: number) => Buffer.from(block.map((x) => x ^ b));
  const inner = createHash('sm3').update(xor(0x36)).update(data).digest();
  const outer = createHash('sm3').update(xor(0x5c)).update(inner).digest();
  assert.deepEqual(hmacSm3(key, data), outer);
  assert.equal(hmacSm3(key, data).length, 32);
});

test('randomToken is base64url of the requested size and rejects weak sizes', () => {
  const t = randomToken();
  assert.match(t, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(Buffer.from(t, 'base64url').length, 32);
  assert.equal(Buffer.from(randomToken(16), 'base64url').length, 16);
  assert.notEqual(randomToken(), randomToken());
  assert.throws(() => randomToken(8), RangeError);
  assert.throws(() => randomToken(16.5), RangeError);
});

test('generateKey / keyFromBase64', () => {
  const k = generateKey();
  assert.equal(k.length, 32);
  assert.deepEqual(keyFromBase64(k.toString('base64')), k);
  assert.deepEqual(keyFromBase64(k.toString('base64url')), k);
  assert.deepEqual(keyFromBase64(`  ${k.toString('base64')}\n`), k);
  assertCode(() => keyFromBase64(''), 'crypto.bad_key');
  assertCode(() => keyFromBase64(Buffer.alloc(16).toString('base64')), 'crypto.bad_key');
  assertCode(() => keyFromBase64('not base64 at all!'), 'crypto.bad_key');
  assert.throws(() => keyFromBase64(Buffer.alloc(31).toString('base64')), /exactly 32 bytes, got 31/);
});

test('field cipher round-trips and uses a random IV', () => {
  const fc = createFieldCipher(MASTER);
  for (const plain of ['', '张三', '11010519491231002X', 'a'.repeat(16), '😀 emoji ✓', 'x'.repeat(1000)]) {
    const token = fc.encrypt(plain);
    assert.match(token, /^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    assert.equal(fc.decrypt(token), plain);
  }
  assert.notEqual(fc.encrypt('张三'), fc.encrypt('张三'));
  assert.throws(() => createFieldCipher(Buffer.alloc(16)), (e: unknown) => (e as CryptoError).code === 'crypto.bad_key');
});

test('field cipher format is SM4-CBC + HMAC-SM3(version||iv||ct) with derived subkeys', () => {
  const fc = createFieldCipher(MASTER);
  const [, ivS, ctS, macS] = fc.encrypt('北京市朝阳区').split('.') as [string, string, string, string];
  const iv = Buffer.from(ivS, 'base64url');
  const ct = Buffer.from(ctS, 'base64url');
  const encKey = createHmac('sm3', MASTER).update('gongkai:field:sm4:v1').digest().subarray(0, 16);
  const macKey = createHmac('sm3', MASTER).update('gongkai:field:hmac:v1').digest().subarray(0, 16);
  const d = createDecipheriv('sm4-cbc', encKey, iv);
  assert.equal(Buffer.concat([d.update(ct), d.final()]).toString('utf8'), '北京市朝阳区');
  const mac = createHmac('sm3', macKey).update(Buffer.concat([Buffer.from('v1'), iv, ct])).digest();
  assert.equal(mac.toString('base64url'), macS);
});

test('field cipher detects tampering and malformed tokens', () => {
  const fc = createFieldCipher(MASTER);
  const token = fc.encrypt('13812345678');
  const [v, iv, ct, mac] = token.split('.') as [string, string, string, string];
  const flip = (s: string) => {
    const b = Buffer.from(s, 'base64url');
    b[0]! ^= 1;
    return b.toString('base64url');
  };
  assertCode(() => fc.decrypt([v, flip(iv), ct, mac].join('.')), 'crypto.tampered');
  assertCode(() => fc.decrypt([v, iv, flip(ct), mac].join('.')), 'crypto.tampered');
  assertCode(() => fc.decrypt([v, iv, ct, flip(mac)].join('.')), 'crypto.tampered');
  // Swapping ciphertexts between tokens breaks the MAC too.
  const other = fc.encrypt('13900000000').split('.');
  assertCode(() => fc.decrypt([v, iv, other[2], mac].join('.')), 'crypto.tampered');
  // Wrong key looks like tampering.
  assertCode(() => createFieldCipher(generateKey()).decrypt(token), 'crypto.tampered');

  assertCode(() => fc.decrypt(['v2', iv, ct, mac].join('.')), 'crypto.unsupported_version');
  assertCode(() => fc.decrypt(''), 'crypto.malformed');
  assertCode(() => fc.decrypt('v1.a.b'), 'crypto.malformed');
  assertCode(() => fc.decrypt(`${token}.extra`), 'crypto.malformed');
  assertCode(() => fc.decrypt([v, iv, ct, mac.slice(0, 20)].join('.')), 'crypto.malformed');
  assertCode(() => fc.decrypt([v, iv, ct.slice(0, 10), mac].join('.')), 'crypto.malformed');
  assertCode(() => fc.decrypt([v, `${iv.slice(0, -1)}+`, ct, mac].join('.')), 'crypto.malformed');
  assertCode(() => fc.decrypt(undefined as unknown as string), 'crypto.malformed');
});

test('blindIndex is deterministic, keyed and normalised', () => {
  const fc = createFieldCipher(MASTER);
  const bi = fc.blindIndex('11010519491231002X');
  assert.match(bi, /^[0-9a-f]{64}$/);
  assert.equal(fc.blindIndex('11010519491231002x'), bi);
  assert.equal(fc.blindIndex(' 110105 19491231 002X '), bi);
  assert.equal(fc.blindIndex('１１０１０５１９４９１２３１００２Ｘ'), bi); // full-width
  assert.notEqual(fc.blindIndex('11010519491231003X'), bi);
  assert.notEqual(createFieldCipher(generateKey()).blindIndex('11010519491231002X'), bi);
  assert.equal(normaliseForIndex(' Zhang@Example.com '), 'ZHANG@EXAMPLE.COM');
});

test('maskIdNumber', () => {
  assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  assert.equal(maskIdNumber('110105491231002'), '1101*******1002');
  assert.equal(maskIdNumber('12345678'), '1******8');
  assert.equal(maskIdNumber('12'), '1*');
  assert.equal(maskIdNumber('1'), '*');
  assert.equal(maskIdNumber(''), '');
  assert.equal(maskIdNumber(undefined as unknown as string), '');
});

test('maskPhone: mobiles and landlines', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskPhone('138 1234 5678'), '138****5678');
  assert.equal(maskPhone('+8613812345678'), '+86 138****5678');
  assert.equal(maskPhone('010-12345678'), '010-****5678');
  assert.equal(maskPhone('(0755)8888888'), '0755-***8888');
  assert.equal(maskPhone('0755 88886666'), '0755-****6666');
  assert.equal(maskPhone('02012345678'), '020-****5678');
  assert.equal(maskPhone('075512345678'), '0755-****5678');
  assert.equal(maskPhone('010-12345678-801'), '010-****5678-801');
  assert.equal(maskPhone('0755-1234567转88'), '0755-***4567转88');
  assert.equal(maskPhone('0991-12345'), '0991-***45');
  assert.equal(maskPhone('87654321'), '****4321');
  assert.equal(maskPhone('12345'), '***45');
  assert.equal(maskPhone('1'), '*');
  assert.equal(maskPhone(''), '');
  assert.equal(maskPhone('   '), '');
});

test('maskName', () => {
  assert.equal(maskName('张三丰'), '张**');
  assert.equal(maskName('张三'), '张*');
  assert.equal(maskName('欧阳修'), '欧**');
  assert.equal(maskName('张'), '*');
  assert.equal(maskName(''), '');
  assert.equal(maskName('𠀀三'), '𠀀*'); // supplementary-plane character counts as one
});

test('maskEmail', () => {
  assert.equal(maskEmail('zhangsan@example.com'), 'zh******@example.com');
  assert.equal(maskEmail('abc@x.cn'), 'ab*@x.cn');
  assert.equal(maskEmail('ab@x.cn'), 'a*@x.cn');
  assert.equal(maskEmail('a@x.cn'), '*@x.cn');
  assert.equal(maskEmail('@x.cn'), '@x.cn');
  assert.equal(maskEmail('noatsign'), 'no******');
  assert.equal(maskEmail(''), '');
});

test('maskAddress', () => {
  assert.equal(maskAddress('北京市朝阳区三里屯街道1号'), '北京市朝阳区****');
  assert.equal(maskAddress('北京市朝阳区'), '北京市****');
  assert.equal(maskAddress('北京'), '北****');
  assert.equal(maskAddress('京'), '****');
  assert.equal(maskAddress(''), '');
});

test('password hashing: format, verify, rehash', async () => {
  const stored = await hashPassword('正确的密码 Correct-Horse');
  const m = /^scrypt\$16384\$8\$1\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  assert.ok(m, stored);
  assert.equal(Buffer.from(m[1]!, 'base64').length, 16);
  assert.equal(Buffer.from(m[2]!, 'base64').length, 64);
  assert.notEqual(await hashPassword('x'), await hashPassword('x')); // random salt

  assert.equal(await verifyPassword('正确的密码 Correct-Horse', stored), true);
  assert.equal(await verifyPassword('正确的密码 correct-horse', stored), false);
  assert.equal(await verifyPassword('', stored), false);
  assert.equal(needsRehash(stored), false);

  // NFKC: full-width digits match half-width ones.
  const fw = await hashPassword('pass123');
  assert.equal(await verifyPassword('pass１２３', fw), true);

  // Garbage or hostile parameters never throw and always need a rehash.
  for (const bad of ['', 'plain', 'scrypt$16384$8$1$$', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==', 'scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==']) {
    assert.equal(await verifyPassword('x', bad), false, bad);
    assert.equal(needsRehash(bad), true, bad);
  }
});

test('password hashes with older parameters still verify but need rehash', async () => {
  const { scryptSync, randomBytes } = await import('node:crypto');
  const salt = randomBytes(16);
  const key = scryptSync('legacy', salt, 32, { N: 4096, r: 8, p: 1 });
  const stored = `scrypt$4096$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
  assert.equal(await verifyPassword('legacy', stored), true);
  assert.equal(await verifyPassword('Legacy', stored), false);
  assert.equal(needsRehash(stored), true);
});

test('verifyMac accepts only the one spelling of the MAC: a last character that decodes to the same bytes is refused', () => {
  const key = Buffer.from('k'.repeat(32));
  for (let i = 0; i < 64; i++) {
    const data = `1.${i}.name`;
    const mac = signMac(key, data);
    assert.ok(verifyMac(key, data, mac));
    // 32 bytes are 43 base64url characters: the last one carries two unused bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(mac.at(-1)!);
    const twin = mac.slice(0, -1) + alphabet[last ^ 1];
    assert.deepEqual(Buffer.from(twin, 'base64url'), Buffer.from(mac, 'base64url'), 'the twin decodes to the same bytes');
    assert.equal(verifyMac(key, data, twin), false);
    assert.equal(verifyMac(key, data, mac.slice(0, -1)), false);
    assert.equal(verifyMac(key, data + 'x', mac), false);
  }
});
