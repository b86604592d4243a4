#!/usr/bin/env node
// Runs one TypeScript file through tsx (used by npm scripts such as `npm run bench`).
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
register();
const file = process.argv[2];
process.argv.splice(2, 1);
await import(pathToFileURL(path.resolve(file)).href);
