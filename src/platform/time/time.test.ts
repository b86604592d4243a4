import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CASES } from './cases.ts';

const run = promisify(execFile);
const file = fileURLToPath(new URL('./cases.ts', import.meta.url));

// The same answers whatever the server's zone: each case is evaluated in a child with another TZ.
for (const [tz, offset] of [['UTC', 0], ['America/Los_Angeles', 420], ['Asia/Shanghai', -480]] as const) {
  test(`platform/time under TZ=${tz}`, async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, TZ: tz } });
    const res = JSON.parse(stdout) as { tz: string; offset: number; out: { name: string; value?: unknown; error?: string }[] };
    assert.equal(res.offset, offset, 'the child really runs in that zone');
    assert.equal(res.out.length, CASES.length);
    for (const [i, c] of CASES.entries()) assert.deepEqual(res.out[i], { name: c.name, value: c.expected }, c.name);
  });
}

test('platform/time in this process', () => {
  for (const c of CASES) assert.deepEqual(c.run(), c.expected, c.name);
});

test('a typed instant is Beijing time without an offset; a datetime-local value round-trips', async () => {
  const { parseBeijingInstant, beijingLocalInput } = await import('./index.ts');
  assert.equal(parseBeijingInstant('2026-12-08T09:30')?.toISOString(), '2026-12-08T01:30:00.000Z');
  assert.equal(parseBeijingInstant('2026-12-08 00:10:05')?.toISOString(), '2026-12-07T16:10:05.000Z');
  assert.equal(parseBeijingInstant('2026-12-08T09:30Z')?.toISOString(), '2026-12-08T09:30:00.000Z');
  for (const bad of ['2026-02-30T09:00', '2026-12-08T24:00', '2026-12-08', '昨天', '2026-12-08T09:30+15:00']) assert.equal(parseBeijingInstant(bad), null, bad);
  assert.equal(beijingLocalInput(new Date('2026-12-31T16:30:00Z')), '2027-01-01T00:30');
  assert.equal(beijingLocalInput(parseBeijingInstant('2026-12-08T09:30')!), '2026-12-08T09:30');
});
