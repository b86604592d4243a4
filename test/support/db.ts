// An isolated database per test file: a copy of a migrated template on the test server
// (TEST_DATABASE_URL, or the embedded server that `npm test` starts).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/index.ts';
import { runMigrations, migrationsFolder } from '../../src/platform/db/migrate.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { createContext } from '../../src/runtime.ts';
import { installJobs } from '../../src/platform/jobs/index.ts';
import { APP_JOBS } from '../../src/jobs.ts';
import type { AppContext } from '../../src/app-context.ts';

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return url;
}

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

function migrationsHash(): string {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(migrationsFolder).sort()) {
    if (f.endsWith('.sql')) h.update(f).update(fs.readFileSync(path.join(migrationsFolder, f)));
  }
  // The template also holds the job queues (pgboss schema): a new or changed job is a new template.
  h.update(JSON.stringify(APP_JOBS.map((j) => [j.name, j.retryLimit, j.retryDelaySeconds, j.retryBackoff, j.expireInSeconds])));
  return h.digest('hex').slice(0, 12);
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDb(serverUrl(), 'postgres') });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

async function ensureTemplate(): Promise<string> {
  const name = `gk_tpl_${migrationsHash()}`;
  await admin(async (c) => {
    // Several test files start at once: one builds the template, the others wait for it.
    await c.query('select pg_advisory_lock(740123)');
    try {
      const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount) return;
      const building = `${name}_build`;
      await c.query(`drop database if exists "${building}"`);
      await c.query(`create database "${building}"`);
      const d = openDatabase(withDb(serverUrl(), building), { max: 1 });
      try { await runMigrations(d.db); } finally { await d.close(); }
      await installJobs(withDb(serverUrl(), building), APP_JOBS);
      await c.query(`alter database "${building}" rename to "${name}"`);
    } finally {
      await c.query('select pg_advisory_unlock(740123)');
    }
  });
  return name;
}

export interface TestDb {
  url: string;
  database: Database;
  ctx: AppContext;
  config: Config;
  drop(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  // Per call, not per process: several test files (each with its own databases) share a process.
  const dataDir = path.resolve('.tmp', 'test-data', `${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dataDir, { recursive: true });
  return loadConfig({
    GONGKAI_DATA_DIR: dataDir,
    GONGKAI_FIELD_KEY: crypto.randomBytes(32).toString('base64'),
    SESSION_SECRET: crypto.randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'silent',
    // Tests sign in many times from one address; the limiter itself is tested with a low limit.
    RATE_LIMIT_LOGIN: '10000',
    RATE_LIMIT_FORMS: '10000',
    ...overrides,
  });
}

export async function createTestDb(opts: { config?: Record<string, string> } = {}): Promise<TestDb> {
  const template = await ensureTemplate();
  const name = `gk_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database "${name}" template "${template}"`));
  const url = withDb(serverUrl(), name);
  const database = openDatabase(url, { max: 5 });
  const config = testConfig(opts.config);
  const ctx = createContext(config, database);
  return {
    url, database, ctx, config,
    async drop() {
      await database.close();
      await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
