// Start-up shared by the server and the command line: config → database (embedded or DATABASE_URL)
// → migrations (and the job queues) → application context.
import { loadConfig, type Config } from './platform/config.ts';
import { openDatabase } from './platform/db/index.ts';
import { readSetting } from './modules/portal/settings.repo.ts';
import { startEmbedded, type EmbeddedHandle } from './platform/db/embedded.ts';
import { runMigrations } from './platform/db/migrate.ts';
import { installJobs } from './platform/jobs/index.ts';
import { APP_JOBS } from './jobs.ts';
import { createFieldCipher } from './platform/crypto/index.ts';
import { sealPendingFiles } from './platform/files/store.ts';
import { createCalendarService } from './calendar/service.ts';
import type { AppContext, DemoAccount } from './app-context.ts';

export interface Runtime {
  ctx: AppContext;
  embedded?: EmbeddedHandle;
  close(): Promise<void>;
}

/** `supervise` (the server): restart the embedded PostgreSQL if it dies. */
export async function openRuntime(opts: { config?: Config; databaseUrl?: string; migrate?: boolean; quiet?: boolean; supervise?: boolean } = {}): Promise<Runtime> {
  const config = opts.config ?? loadConfig();
  let url = opts.databaseUrl ?? config.databaseUrl;
  let embedded: EmbeddedHandle | undefined;
  if (!url) {
    embedded = await startEmbedded({ dataDir: config.dataDir, port: config.embeddedPgPort, quiet: opts.quiet, supervise: opts.supervise });
    url = embedded.url;
  }
  const database = openDatabase(url, { workMemMb: config.pgWorkMemMb });
  try {
    if (opts.migrate !== false) {
      await runMigrations(database.db);
      // The pgboss schema and every queue exist before anything is enqueued (CLI commands included).
      await installJobs(url, APP_JOBS);
    }
  } catch (e) {
    await database.close();
    await embedded?.stop();
    throw e;
  }
  const ctx = createContext(config, database);
  // Personal files an older version stored in plain are sealed before anything can serve them.
  if (opts.migrate !== false) await sealPendingFiles(ctx.db, ctx.fieldCipher);
  await refreshDemoAccounts(ctx);
  return {
    ctx,
    embedded,
    async close() {
      await database.close();
      await embedded?.stop();
    },
  };
}

// Per-context cache of the demo accounts (several contexts coexist in tests).
const demoCache = new WeakMap<AppContext, DemoAccount[]>();

export function createContext(config: Config, database: ReturnType<typeof openDatabase>): AppContext {
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    fieldCipher: createFieldCipher(config.fieldKey),
    calendar: createCalendarService(database.db),
    demoAccounts: () => (config.demo ? demoCache.get(ctx) ?? [] : []),
    now: () => new Date(),
  };
  return ctx;
}

/** Reloads the demo accounts shown on the login page (only in demo mode). */
export async function refreshDemoAccounts(ctx: AppContext): Promise<void> {
  if (!ctx.config.demo) { demoCache.set(ctx, []); return; }
  demoCache.set(ctx, (await readSetting<DemoAccount[]>(ctx.db, 'demo_accounts')) ?? []);
}
