// Runs `gongkai …` against a test database. `runCli` calls the CLI's own main() in this process
// (the same code, its output captured, a clean environment for the call): a spawned process costs
// seconds of start-up each. `spawnCli` runs the real process, for what only a process shows (exit
// status, nothing printed past a crash): keep one or two of those per test file.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun { code: number | null; stdout: string; stderr: string; last: string }
export interface CliOptions { databaseUrl: string; dataDir: string; env?: Record<string, string>; timeoutMs?: number }

function cliEnv(opts: CliOptions): Record<string, string> {
  return { PATH: process.env.PATH ?? '', TZ: 'Asia/Shanghai', GONGKAI_DATA_DIR: opts.dataDir, DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'silent', ...opts.env };
}

function result(code: number | null, stdout: string, stderr: string): CliRun {
  const lines = stdout.trim().split('\n');
  return { code, stdout, stderr, last: lines[lines.length - 1] ?? '' };
}

export function spawnCli(args: string[], opts: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/gongkai.js'), ...args], { cwd: repoRoot, env: cliEnv(opts), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve(result(code, stdout, stderr)); });
  });
}

let queue: Promise<unknown> = Promise.resolve();

/** main() in this process with the environment a spawned CLI would get; calls are serialised (console and env are global). */
export function runCli(args: string[], opts: CliOptions): Promise<CliRun> {
  const run = queue.then(async () => {
    const { main } = await import('../../src/cli/main.ts');
    const saved = { env: process.env, log: console.log, info: console.info, warn: console.warn, error: console.error };
    let stdout = '';
    let stderr = '';
    console.log = console.info = (...a: unknown[]) => { stdout += format(...a) + '\n'; };
    console.warn = console.error = (...a: unknown[]) => { stderr += format(...a) + '\n'; };
    // TZ is left as the test process has it: the CLI must not depend on it.
    const { TZ: _tz, ...env } = cliEnv(opts);
    process.env = env;
    try {
      let code: number;
      try { code = await main(args); } catch (e) { stderr += `uncaught: ${(e as Error).stack}\n`; code = 99; }
      return result(code, stdout, stderr);
    } finally {
      process.env = saved.env;
      Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error });
    }
  });
  queue = run.catch(() => {});
  return run;
}
