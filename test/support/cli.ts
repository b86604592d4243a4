// Runs `gongkai …` as a real process against a test database (each spawn costs seconds: keep few).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun { code: number | null; stdout: string; stderr: string; last: string }

export function runCli(args: string[], opts: { databaseUrl: string; dataDir: string; env?: Record<string, string>; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/gongkai.js'), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', TZ: 'Asia/Shanghai', GONGKAI_DATA_DIR: opts.dataDir, DATABASE_URL: opts.databaseUrl, LOG_LEVEL: 'silent', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = stdout.trim().split('\n');
      resolve({ code, stdout, stderr, last: lines[lines.length - 1] ?? '' });
    });
  });
}
