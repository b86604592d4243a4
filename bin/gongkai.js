#!/usr/bin/env node
// Entry point for `npx gongkai …` and `npm start`: runs the TypeScript sources through tsx,
// so there is no build step to remember.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
