// The layout rules of docs/ARCHITECTURE.md that a reviewer would otherwise have to remember: SQL
// only in repository files, no source file longer than 500 lines, and route inputs read through
// their schemas (typed req.query / req.params), never cast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SRC_DIR, sourceFiles } from '../../test/support/sources.ts';

const src = SRC_DIR;
const MAX_LINES = 500;

const rel = (p: string) => path.relative(src, p).split(path.sep).join('/');

// Where SQL may live: repositories, table definitions, migrations, the database layer itself, and
// test fixtures (rows set up exactly, bypassing the use cases).
const MAY_HOLD_SQL = (f: string) =>
  /(^|\/)[^/]*repo[^/]*\.ts$/.test(f) || /(^|\/)schema\.ts$/.test(f) || f.includes('/migrations/') || f.startsWith('platform/db/') || /\.fixtures\.ts$/.test(f);
// A Drizzle sql`…` template, db.execute(sql…), or a driver query with literal text.
const SQL_PATTERN = /\bsql`|\.execute\(\s*sql\b|\.query\(\s*[`'"]/;

test('SQL lives in repository files only', () => {
  const offenders: string[] = [];
  for (const file of sourceFiles()) {
    const f = rel(file);
    if (MAY_HOLD_SQL(f)) continue;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => { if (SQL_PATTERN.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim().slice(0, 100)}`); });
  }
  assert.deepEqual(offenders, [], 'move these statements into the module\'s *repo*.ts');
});

// The generic places that read every route's raw query or params (before or instead of a schema).
const MAY_CAST_INPUT = new Set(['platform/forms/query.ts', 'platform/http/params.ts']);
// `req.query as …`, `(request.params as …)`: a hand cast instead of a querystring / params schema.
const INPUT_CAST = /\b(req|request)\.(query|params)\s+as\b/;

test('route inputs are read through schemas, not cast (req.query as / req.params as)', () => {
  const offenders: string[] = [];
  for (const file of sourceFiles()) {
    const f = rel(file);
    if (MAY_CAST_INPUT.has(f)) continue;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => { if (INPUT_CAST.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim().slice(0, 100)}`); });
  }
  assert.deepEqual(offenders, [], 'declare schema: { querystring, params } on the route (platform/forms QueryStr, IdParams) and read the typed req.query / req.params');
});

test(`no source file is longer than ${MAX_LINES} lines`, () => {
  const long = sourceFiles()
    .map((file) => ({ f: rel(file), n: fs.readFileSync(file, 'utf8').split('\n').length }))
    .filter((x) => x.n > MAX_LINES)
    .map((x) => `${x.f}: ${x.n} lines`);
  assert.deepEqual(long, [], 'split these files by concept');
});

test('the rules see the files they are about (not vacuous)', () => {
  const files = sourceFiles().map(rel);
  assert.ok(files.length > 100, `found ${files.length} source files`);
  assert.ok(files.some((f) => MAY_HOLD_SQL(f) && SQL_PATTERN.test(fs.readFileSync(path.join(src, f), 'utf8'))), 'repositories hold SQL');
  assert.ok(SQL_PATTERN.test("await db.execute(sql`select 1`)") && SQL_PATTERN.test("pool.query('select 1')") && !SQL_PATTERN.test('client.query(text, values)'));
  assert.ok(INPUT_CAST.test('const q = req.query as Record<string, unknown>;') && INPUT_CAST.test('parseId((request.params as { id: string }).id)'));
  assert.ok(!INPUT_CAST.test('const q = req.query;') && !INPUT_CAST.test('parseForm(Schema, req.query)'));
  for (const f of MAY_CAST_INPUT) assert.ok(files.includes(f) && INPUT_CAST.test(fs.readFileSync(path.join(src, f), 'utf8')), `${f} still exists and is the generic place`);
});
