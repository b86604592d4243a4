// `gongkai opinion due`: the command's rules in process, and one real process for the example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../test/support/cli.ts';
import { runOpinionDue } from './cli-due.ts';

function run(values: Record<string, string | boolean>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runOpinionDue(values, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err: err.join('\n') };
}

test('opinion due: every deadline, the first response last; Chinese errors for a bad grade or instant', () => {
  const major = run({ grade: '特别重大', confirmed: '2026-10-31T22:00+08:00' });
  assert.equal(major.code, 0);
  assert.deepEqual(major.out, ['召开新闻发布会\t2026-11-01T22:00:00+08:00', '首次发布权威信息\t2026-11-01T03:00:00+08:00']);
  const seed = run({ grade: 'major', confirmed: '2026-10-01T08:00', rules: 'nanchang2020' });
  assert.deepEqual(seed.out, ['召开新闻发布会\t2026-10-02T08:00:00+08:00']);
  const task = run({ grade: '一般', confirmed: '2026-10-01T00:00Z', 'higher-deadline': '2026-10-02T17:30+08:00' });
  assert.deepEqual(task.out, ['上级交办时限\t2026-10-02T17:30:00+08:00', '作出回应\t2026-10-03T08:00:00+08:00']);
  const badGrade = run({ grade: '很严重', confirmed: '2026-10-01T08:00+08:00' });
  assert.equal(badGrade.code, 2);
  assert.match(badGrade.err, /--grade 应为 一般、较大、重大、特别重大 之一/);
  const badAt = run({ grade: '重大', confirmed: '2026-02-30T08:00+08:00' });
  assert.equal(badAt.code, 2);
  assert.match(badAt.err, /--confirmed 不是有效的时间/);
  assert.match(run({ grade: '重大' }).err, /缺少参数 --confirmed/);
  assert.match(run({ grade: '重大', confirmed: '2026-10-01T08:00', rules: 'x' }).err, /--rules 应为/);
});

test('opinion due as a real process (no database needed)', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-opinion-due-'));
  try {
    const r = await runCli(['opinion', 'due', '--grade', '重大', '--confirmed', '2026-10-01T08:00+08:00'], { databaseUrl: '', dataDir: path.join(tmp, 'data') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.last, '首次发布权威信息\t2026-10-01T13:00:00+08:00');
    assert.match(r.stdout, /^召开新闻发布会\t2026-10-02T08:00:00\+08:00$/m);
    const bad = await runCli(['opinion', 'due', '--grade', '重大', '--confirmed', '昨天'], { databaseUrl: '', dataDir: path.join(tmp, 'data') });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--confirmed 不是有效的时间/);
    assert.doesNotMatch(bad.stderr, /\n\s+at .+:\d+:\d+/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
