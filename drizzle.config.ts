import { defineConfig } from 'drizzle-kit';

// Generates SQL into ./migrations from every module's schema.ts. Never use `drizzle-kit push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/schema.ts',
  out: './migrations',
});
