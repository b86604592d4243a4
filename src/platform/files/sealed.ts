// Sealing personal files: SM4-CBC under a random data key per file, the data key wrapped by the
// field cipher (SM4 + HMAC-SM3, the key of the other personal fields).
//
// Why a data key per file and not the field key with a random IV: the field cipher does not (and
// should not) hand out its key, and wrapping keeps its API to strings; a file's key can be unwrapped
// and rewrapped when the master key rotates without re-encrypting megabytes; and a file is erased for
// good by forgetting its 100-byte wrapped key (crypto-shredding), which also reaches old backups.
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { CryptoError, hmacSm3, type FieldCipher } from '../crypto/index.ts';

const IV = 16;
const TAG = 32;
const DOMAIN = Buffer.from('gongkai:file:v1', 'ascii');

export interface Sealed { data: Buffer; keyEnc: string }

const split = (dek: Buffer) => ({ enc: dek.subarray(0, 16), mac: dek.subarray(16, 32) });

export function sealBytes(cipher: FieldCipher, plain: Buffer): Sealed {
  const dek = randomBytes(32);
  const k = split(dek);
  const iv = randomBytes(IV);
  const c = createCipheriv('sm4-cbc', k.enc, iv);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  const tag = hmacSm3(k.mac, Buffer.concat([DOMAIN, iv, ct]));
  return { data: Buffer.concat([iv, ct, tag]), keyEnc: cipher.encrypt(dek.toString('base64')) };
}

/** The plain bytes; throws CryptoError when the key or the bytes were changed. */
export function openBytes(cipher: FieldCipher, sealed: Buffer, keyEnc: string): Buffer {
  const dek = Buffer.from(cipher.decrypt(keyEnc), 'base64');
  if (dek.length !== 32) throw new CryptoError('crypto.malformed', 'File key has an invalid length');
  if (sealed.length < IV + 16 + TAG || (sealed.length - IV - TAG) % 16 !== 0) throw new CryptoError('crypto.malformed', 'Sealed file has an invalid length');
  const k = split(dek);
  const iv = sealed.subarray(0, IV);
  const ct = sealed.subarray(IV, sealed.length - TAG);
  const tag = sealed.subarray(sealed.length - TAG);
  // Verify before decrypting (no padding oracle).
  if (!timingSafeEqual(hmacSm3(k.mac, Buffer.concat([DOMAIN, iv, ct])), tag)) throw new CryptoError('crypto.tampered', 'Sealed file failed integrity check');
  const d = createDecipheriv('sm4-cbc', k.enc, iv);
  return Buffer.concat([d.update(ct), d.final()]);
}
