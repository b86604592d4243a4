// Pure rules of feed sources: where a 立即抓取 request stands, and the form's organisation value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POLL_REQUEST_STALE_MINUTES, orgIdOf, pollQueueState } from './feeds.domain.ts';

test('pollQueueState: 排队中 until the job claims the source, 抓取中 while it polls, nothing once done or stale', () => {
  const now = new Date('2027-03-01T02:00:00Z');
  const ago = (min: number) => new Date(now.getTime() - min * 60_000);
  const cases: [string, Date | null, Date | null, ReturnType<typeof pollQueueState>][] = [
    ['no request', null, ago(5), null],
    ['queued, never polled', ago(1), null, 'queued'],
    ['queued, last poll before the request', ago(1), ago(30), 'queued'],
    ['claimed by the job after the request', ago(2), ago(1), 'polling'],
    ['claimed at the same instant', ago(1), ago(1), 'polling'],
    ['request just under the stale limit', ago(POLL_REQUEST_STALE_MINUTES - 0.1), null, 'queued'],
    ['request at the stale limit (its job was lost)', ago(POLL_REQUEST_STALE_MINUTES), null, null],
  ];
  for (const [name, pollRequestedAt, lastPolledAt, want] of cases) {
    assert.equal(pollQueueState({ pollRequestedAt, lastPolledAt }, now), want, name);
  }
});

test('orgIdOf: empty is the county (null), digits an id, anything else no id', () => {
  const cases: [string | undefined, number | null | undefined][] = [
    [undefined, null], ['', null], ['7', 7], ['1234567890', 1234567890], ['0', undefined], ['07', undefined], ['7a', undefined], ['-1', undefined], ['12345678901', undefined],
  ];
  for (const [raw, want] of cases) assert.equal(orgIdOf(raw), want, String(raw));
});
