// The README promises Node.js >= 20 (package.json engines): no installed package may want a newer
// Node (npm ci would warn EBADENGINE and the package may use APIs Node 20 lacks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('every locked package runs on the Node.js the README promises', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  const promised = pkg.engines.node;
  assert.equal(promised, '>=20', 'README and package.json promise Node.js >= 20');
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean; dev?: boolean }> };
  const refused: string[] = [];
  let checked = 0;
  for (const [where, p] of Object.entries(lock.packages)) {
    const range = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
    if (!where || !range) continue;
    checked++;
    // Some Node 20 release must satisfy it (a package needing ^20.19 is fine; one needing >=22 is not).
    if (!semver.validRange(range) || !semver.intersects(range, '^20.0.0')) refused.push(`${where.replace(/^.*node_modules\//, '')}@${p.version}: node ${range}`);
  }
  assert.ok(checked > 50, `engines found in the lock file (${checked})`);
  assert.deepEqual(refused, []);
});
