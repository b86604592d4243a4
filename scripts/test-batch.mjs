// Several test files in one process (scripts/test.mjs runs this through tsx): each file is imported
// inside a suite of its own, so its before/after hooks wrap only its tests and the spec reporter
// prints its result as "✔ <file> (N ms)". Start-up (tsx, the application's ~1,500 modules) is
// then paid once per batch instead of once per file — most of a small test file's time.
import { describe } from 'node:test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) {
  describe(file, async () => { await import(pathToFileURL(path.resolve(file)).href); });
}
