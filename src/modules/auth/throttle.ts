// Sign-in throttle. An attempt is counted BEFORE its password is checked, under row locks on the
// name's rows, so however many attempts arrive at once, at most LOCK_AFTER wrong passwords per
// (name, address) are ever evaluated per window; a correct password gives its count back.
// The name typed is the key whether or not such a user exists, so an unknown name is answered
// exactly like a real one. Per address: a stranger's guesses lock only the stranger's address.
// Across addresses: ACCOUNT_LIMIT failures per ACCOUNT_WINDOW_MINUTES lock the name for every
// address that has not signed in successfully in the last KNOWN_SOURCE_DAYS (the user's own
// office keeps working, a distributed guesser stops) and raise an alert (audit auth.lock_alert).
import type { Executor } from '../../platform/db/index.ts';
import * as repo from './throttle-repo.ts';
import type { ThrottleRow } from './throttle-repo.ts';

export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 15;
export const ACCOUNT_LIMIT = 50;
export const ACCOUNT_WINDOW_MINUTES = 60;
export const KNOWN_SOURCE_DAYS = 90;

const MIN = 60_000;

export type Gate =
  | { ok: true; failures: number; accountFailures: number; addressLockedUntil: Date | null; accountLockedUntil: Date | null; alert: boolean }
  | { ok: false; scope: 'address' | 'account'; until: Date; alert: false };

/** Pure: expires old windows, then refuses or counts one attempt. Mutates and returns the rows. */
export function evaluate(now: Date, account: ThrottleRow, address: ThrottleRow): Gate {
  const t = now.getTime();
  if (address.lockedUntil ? address.lockedUntil.getTime() <= t : address.windowStart.getTime() <= t - LOCK_MINUTES * MIN) {
    Object.assign(address, { failures: 0, lockedUntil: null, windowStart: now });
  }
  if (account.windowStart.getTime() <= t - ACCOUNT_WINDOW_MINUTES * MIN) {
    Object.assign(account, { failures: 0, lockedUntil: null, windowStart: now });
  }
  if (address.lockedUntil) return { ok: false, scope: 'address', until: address.lockedUntil, alert: false };
  const known = !!address.lastSuccessAt && address.lastSuccessAt.getTime() > t - KNOWN_SOURCE_DAYS * 1440 * MIN;
  const accountUntil = new Date(account.windowStart.getTime() + ACCOUNT_WINDOW_MINUTES * MIN);
  if (account.failures >= ACCOUNT_LIMIT && !known) return { ok: false, scope: 'account', until: accountUntil, alert: false };
  address.failures += 1;
  account.failures += 1;
  if (address.failures >= LOCK_AFTER) address.lockedUntil = new Date(t + LOCK_MINUTES * MIN);
  let alert = false;
  if (account.failures >= ACCOUNT_LIMIT && !account.lockedUntil) {
    account.lockedUntil = accountUntil;
    account.alertedAt = now;
    alert = true;
  }
  return { ok: true, failures: address.failures, accountFailures: account.failures, addressLockedUntil: address.lockedUntil, accountLockedUntil: account.lockedUntil, alert };
}

export const throttleKey = (username: string) => username.trim().toLowerCase();
export const sourceKey = (ip: string | null) => ip || '?';

/** Counts one attempt (or refuses it) inside the caller's transaction. */
export async function charge(tx: Executor, username: string, ip: string | null): Promise<Gate> {
  const key = throttleKey(username);
  const rows = await repo.lockThrottle(tx, key, sourceKey(ip));
  const gate = evaluate(rows.now, rows.account, rows.address);
  await repo.saveThrottle(tx, key, rows.account);
  await repo.saveThrottle(tx, key, rows.address);
  await repo.syncUserLock(tx, key);
  return gate;
}

/** A correct password: the address starts afresh and is remembered; the account-wide count gets its charge back. */
export async function refund(tx: Executor, username: string, ip: string | null): Promise<void> {
  const key = throttleKey(username);
  const { now, account, address } = await repo.lockThrottle(tx, key, sourceKey(ip));
  Object.assign(address, { failures: 0, lockedUntil: null, windowStart: now, lastSuccessAt: now });
  account.failures = Math.max(0, account.failures - 1);
  if (account.failures < ACCOUNT_LIMIT) account.lockedUntil = null;
  await repo.saveThrottle(tx, key, account);
  await repo.saveThrottle(tx, key, address);
  await repo.syncUserLock(tx, key);
}
