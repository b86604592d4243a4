// The server: config → database (embedded or DATABASE_URL) → migrations → demo data → HTTP.
import { openRuntime, refreshDemoAccounts, type Runtime } from './runtime.ts';
import { buildApp } from './app.ts';
import { isDatabaseEmpty } from './modules/demo/seed.ts';
import { loadDemo } from './modules/demo/load.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { purgeExpiredSessions } from './modules/auth/repo.ts';
import { startJobs, type JobRunner } from './platform/jobs/index.ts';
import { isConnectionError, rootMessage } from './platform/db/index.ts';
import { StartupError, describeStartupError } from './platform/db/embedded.ts';
import { APP_JOBS } from './jobs.ts';

export async function serve(): Promise<void> {
  const started = Date.now();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) { console.error(e.message); process.exit(2); }
    // The generated secrets could not be written (read-only disk, no permission …).
    console.error(`gongkai 未能启动。\n${describeStartupError(e)}`);
    process.exit(1);
  }
  let runtime: Runtime;
  try {
    runtime = await openRuntime({ config, supervise: true });
  } catch (e) {
    // Causes outside our control (port taken, no postgres user, read-only disk …) say what to do.
    console.error(e instanceof StartupError ? `gongkai 未能启动。\n${e.message}` : `无法连接或启动数据库：${describeStartupError(e)}`);
    process.exit(1);
  }
  const { ctx } = runtime;
  if (config.demo && (await isDatabaseEmpty(ctx.db))) {
    const accounts = await loadDemo(ctx, (msg) => console.warn(msg));
    if (accounts) {
      await refreshDemoAccounts(ctx);
      console.log('\n已载入演示数据（云溪县）。演示账户：');
      for (const a of accounts) console.log(`  ${a.role.padEnd(8, '　')} 用户名 ${a.username.padEnd(6)} 密码 ${a.password}`);
      console.log('（演示账户也显示在登录页，仅演示模式。生产环境请设置 GONGKAI_DEMO=false。）\n');
    }
  }
  const app = await buildApp(ctx);
  // Expired and idle sessions are useless rows holding session hashes: sweep them hourly.
  const sweep = setInterval(() => {
    purgeExpiredSessions(ctx.db, config.sessionIdleMinutes).catch((e) => app.log.warn({ err: e }, 'session sweep failed'));
  }, 3600_000);
  sweep.unref();
  // A lost database must not end the process: a library promise that fails while the database is
  // away (pg-boss completes jobs without awaiting) is logged, and the service recovers by itself.
  process.on('unhandledRejection', (e) => {
    if (isConnectionError(e)) app.log.warn({ message: rootMessage(e) }, 'database unavailable (background operation)');
    else app.log.error({ err: e }, 'unhandled rejection');
  });
  // Background jobs (pg-boss, in the same database): mail, 登记回执, the daily reminder digest.
  // Jobs left by a crash are picked up here. Without them the site still serves.
  let jobs: JobRunner | undefined;
  try {
    jobs = await startJobs(ctx, APP_JOBS, { url: ctx.database.url, log: app.log });
  } catch (e) {
    app.log.error({ err: e }, 'background jobs not started');
    console.error(`后台任务（邮件、登记回执、到期提醒）未能启动：${(e as Error).message}`);
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await jobs?.stop().catch(() => {});
    await app.close().catch(() => {});
    await runtime.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    console.error(`无法监听端口 ${config.port}：${(e as Error).message}（可设置 PORT 更换端口）`);
    await runtime.close();
    process.exit(1);
  }
  const shown = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  console.log(`gongkai 已启动：http://${shown}:${config.port}/ （用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}
