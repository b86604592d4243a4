import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPEN_STATUSES, OUTCOME_KEYS, ANSWER_KINDS, isOutcome } from './model.ts';

const migrations = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

test('the open-queue partial index lists exactly the open statuses, in the order the queue query writes them', () => {
  const sqlText = fs.readFileSync(path.join(migrations, '0005_requests_open_queue.sql'), 'utf8');
  const m = /WHERE status in \(([^)]*)\)/.exec(sqlText);
  assert.ok(m);
  assert.deepEqual(m[1].split(',').map((x) => x.trim().replace(/'/g, '')), [...OPEN_STATUSES]);
});

test('outcomes are the annual-report rows: 1, 2, 3.1–3.8, 4.1–4.3, 5.1–5.5, 6.1–6.3; every 第36条 answer counts as one of them', () => {
  const rows = ['1', '2', ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `3.${i}`), '4.1', '4.2', '4.3', ...[1, 2, 3, 4, 5].map((i) => `5.${i}`), '6.1', '6.2', '6.3'];
  assert.deepEqual([...OUTCOME_KEYS], rows);
  for (const a of Object.values(ANSWER_KINDS)) assert.ok(isOutcome(a.outcome), a.label);
});
