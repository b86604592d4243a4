// What the composed application hands to every module: configuration and shared services.
import type { Config } from './platform/config.ts';
import type { Database, Db } from './platform/db/index.ts';
import type { FieldCipher } from './platform/crypto/index.ts';
import type { WorkCalendar } from './calendar/index.ts';

export interface DemoAccount { username: string; password: string; role: string }

export interface CalendarService {
  /** The working-day calendar: shipped data + imported notices + admin overrides (cached). */
  get(): Promise<WorkCalendar>;
  /** Drops the cache after a change to the calendar tables. */
  invalidate(): void;
}

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  fieldCipher: FieldCipher;
  calendar: CalendarService;
  /** Demo accounts with their passwords, shown on the login page in demo mode only. */
  demoAccounts(): DemoAccount[];
  /** Injected clock: tests pass a fixed one. */
  now(): Date;
}
