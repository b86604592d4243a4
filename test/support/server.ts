// A real server on a free port, on its own test database, optionally with the demo county loaded.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { seedDemo } from '../../src/modules/demo/seed.ts';
import { refreshDemoAccounts } from '../../src/runtime.ts';
import type { DemoAccount } from '../../src/app-context.ts';
import { createTestDb, type TestDb } from './db.ts';

export interface TestServer extends TestDb {
  app: FastifyInstance;
  baseUrl: string;
  accounts: DemoAccount[];
  password(username: string): string;
  close(): Promise<void>;
}

export async function startTestServer(opts: { demo?: boolean; config?: Record<string, string>; routes?: (app: FastifyInstance) => void } = {}): Promise<TestServer> {
  const tdb = await createTestDb({ config: opts.config });
  const accounts = opts.demo === false ? [] : (await seedDemo(tdb.ctx)) ?? [];
  await refreshDemoAccounts(tdb.ctx);
  const app = await buildApp(tdb.ctx, { logger: false });
  opts.routes?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    ...tdb,
    app,
    baseUrl: `http://localhost:${port}`,
    accounts,
    password(username) {
      const a = accounts.find((x) => x.username === username);
      if (!a) throw new Error(`no demo account ${username}`);
      return a.password;
    },
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}
