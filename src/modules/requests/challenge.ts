// A text challenge for the public application form that a screen-reader user can pass (no image):
// "请计算：7 加 5 等于多少？". The question travels in an HMAC-signed, expiring hidden field; once
// answered, a signed "pass" carries the success through the confirmation step. It only slows naive
// bots — the rate limit is the real brake.
import { randomBytes, randomInt } from 'node:crypto';
import { hmacSm3, signMac, verifyMac } from '../../platform/crypto/index.ts';

const CHALLENGE_TTL_MS = 2 * 60 * 60 * 1000; // time to fill in a long form
const PASS_TTL_MS = 60 * 60 * 1000;
const NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface Challenge { token: string; question: string }

export function challengeKey(sessionSecret: string): Buffer {
  return hmacSm3(Buffer.from(sessionSecret, 'utf8'), 'gongkai:requests:challenge:v1');
}

const sign = signMac;
const verifySig = verifyMac;

function questionOf(a: number, op: 'add' | 'sub', b: number): string {
  return `请计算：${a} ${op === 'add' ? '加' : '减'} ${b} 等于多少？（请填写阿拉伯数字）`;
}

export function createChallenge(key: Buffer, now: Date): Challenge {
  const op = randomInt(2) === 0 ? 'add' : 'sub';
  let a = randomInt(2, 10);
  let b = randomInt(1, 10);
  if (op === 'sub' && b > a) [a, b] = [b, a];
  const payload = `c1.${now.getTime() + CHALLENGE_TTL_MS}.${a}.${op}.${b}.${randomBytes(6).toString('base64url')}`;
  return { token: `${payload}.${sign(key, payload)}`, question: questionOf(a, op, b) };
}

function parse(key: Buffer, token: string): { exp: number; a: number; op: 'add' | 'sub'; b: number } | null {
  const m = /^(c1\.(\d{10,16})\.(\d)\.(add|sub)\.(\d)\.[A-Za-z0-9_-]{8})\.([A-Za-z0-9_-]{20,64})$/.exec(typeof token === 'string' ? token : '');
  if (!m || !verifySig(key, m[1]!, m[6]!)) return null;
  return { exp: Number(m[2]), a: Number(m[3]), op: m[4] as 'add' | 'sub', b: Number(m[5]) };
}

/** Reads an answer typed in Arabic, full-width or simple Chinese numerals (一 … 十八). */
export function parseAnswer(raw: unknown): number | null {
  const s = typeof raw === 'string' ? raw.normalize('NFKC').replace(/\s+/g, '') : '';
  if (/^\d{1,3}$/.test(s)) return Number(s);
  const m = /^(?:([一二三四五六七八九])?(十))?([零一二三四五六七八九])?$/.exec(s);
  if (!s || !m) return null;
  const tens = m[2] ? (m[1] ? NUMBERS.indexOf(m[1]) : 1) : 0;
  const ones = m[3] ? NUMBERS.indexOf(m[3]) : 0;
  return tens * 10 + ones;
}

export type ChallengeCheck = 'ok' | 'blank' | 'wrong' | 'expired' | 'missing';

export function checkChallenge(key: Buffer, token: unknown, answer: unknown, now: Date): ChallengeCheck {
  const p = parse(key, typeof token === 'string' ? token : '');
  if (!p) return 'missing';
  if (p.exp < now.getTime()) return 'expired';
  // A blank answer is a required field left empty, not a wrong one.
  if (typeof answer !== 'string' || answer.trim() === '') return 'blank';
  const n = parseAnswer(answer);
  return n !== null && n === (p.op === 'add' ? p.a + p.b : p.a - p.b) ? 'ok' : 'wrong';
}

export const CHALLENGE_MESSAGES: Record<Exclude<ChallengeCheck, 'ok'>, string> = {
  blank: '请填写验证题的计算结果',
  wrong: '计算结果不正确，请计算下面的新题目并填写结果',
  expired: '验证题已过期，请计算下面的新题目并填写结果',
  missing: '请计算验证题并填写结果',
};

/** Proof that the challenge was passed, carried through the confirmation page. */
export function passToken(key: Buffer, now: Date): string {
  const payload = `p1.${now.getTime() + PASS_TTL_MS}.${randomBytes(6).toString('base64url')}`;
  return `${payload}.${sign(key, payload)}`;
}

export function checkPass(key: Buffer, token: unknown, now: Date): boolean {
  const m = /^(p1\.(\d{10,16})\.[A-Za-z0-9_-]{8})\.([A-Za-z0-9_-]{20,64})$/.exec(typeof token === 'string' ? token : '');
  return !!m && verifySig(key, m[1]!, m[3]!) && Number(m[2]) >= now.getTime();
}
