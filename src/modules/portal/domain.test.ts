import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarStatus, formatDate, formatDateTime, paragraphs, parseId, summarize } from './domain.ts';

test('parseId accepts positive int4 ids only', () => {
  const cases: [unknown, number | null][] = [
    ['1', 1], ['42', 42], ['2147483647', 2147483647], ['2147483648', null], ['99999999999', null],
    ['0', null], ['-1', null], ['01', null], ['abc', null], ['1e3', null], ['1.5', null], ['', null],
    [' 1', null], [undefined, null], [['1'], null], [1, null],
  ];
  for (const [input, want] of cases) assert.equal(parseId(input), want, `parseId(${JSON.stringify(input)})`);
});

test('dates are shown in Beijing time whatever the process time zone', () => {
  const cases: [string, string, string][] = [
    ['2026-12-31T16:30:00Z', '2027-01-01', '2027-01-01 00:30'],
    ['2026-06-15T03:05:00Z', '2026-06-15', '2026-06-15 11:05'],
    ['2026-06-15T15:59:59Z', '2026-06-15', '2026-06-15 23:59'],
  ];
  for (const [iso, d, dt] of cases) {
    assert.equal(formatDate(iso), d);
    assert.equal(formatDateTime(new Date(iso)), dt);
  }
});

test('paragraphs and summaries', () => {
  assert.deepEqual(paragraphs('第一段。\n\n  第二段。\r\n第三段。 \n'), ['第一段。', '第二段。', '第三段。']);
  assert.deepEqual(paragraphs('   '), []);
  assert.equal(summarize('一  二\n三'), '一 二 三');
  assert.equal(summarize('甲'.repeat(130), 120), '甲'.repeat(120) + '…');
});

test('calendar status: warn from November when next year is missing; danger when this year is missing', () => {
  const set = (...ys: number[]) => (y: number) => ys.includes(y);
  const cases: [string, (y: number) => boolean, 'ok' | 'warning' | 'danger'][] = [
    ['2026-06-01T04:00:00Z', set(2026), 'ok'],
    ['2026-10-31T15:00:00Z', set(2026), 'ok'],          // 23:00 on 31 October in Beijing
    ['2026-10-31T16:00:00Z', set(2026), 'warning'],     // 00:00 on 1 November in Beijing
    ['2026-11-20T04:00:00Z', set(2026), 'warning'],
    ['2026-12-31T04:00:00Z', set(2026, 2027), 'ok'],
    ['2027-01-05T04:00:00Z', set(2026), 'danger'],
    ['2027-11-05T04:00:00Z', set(2028), 'danger'],
  ];
  for (const [now, covered, level] of cases) {
    assert.equal(calendarStatus(new Date(now), covered).level, level, now);
  }
  assert.match(calendarStatus(new Date('2026-11-20T04:00:00Z'), set(2026)).message, /2027年/);
});
