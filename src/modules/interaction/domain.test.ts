// Table tests of 互动交流's pure rules: a draft's phase and overdue 采纳情况 by Beijing calendar date,
// an interview's phase by instant, interview times in Beijing time, and the public submission's
// bounds, duplicate key and rate limits; separation of duties and the withdrawal reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptsComments, addDays, draftDateProblems, draftPhase, interviewPhase, interviewTimes, isSummaryOverdue, sameActorRefusal, summaryDueOn, SUMMARY_GRACE_DAYS, withdrawReasonProblem } from './domain.ts';
import { contactKind, isHoneypotFilled, rateRefusal, RATE_LIMITS, submissionProblems, textKey } from './submissions.ts';

const pub = { status: 'published', startDate: '2026-05-01', endDate: '2026-05-31' };

test('a draft is upcoming, open (both ends included) or closed by the Beijing date', () => {
  const rows: [string, { status: string; startDate: string; endDate: string }, string, string][] = [
    ['not yet published', { ...pub, status: 'editing' }, '2026-05-10', 'unpublished'],
    ['sent for publication', { ...pub, status: 'pending' }, '2026-05-10', 'unpublished'],
    ['withdrawn in its period', { ...pub, status: 'withdrawn' }, '2026-05-10', 'unpublished'],
    ['the day before the start', pub, '2026-04-30', 'upcoming'],
    ['the start day', pub, '2026-05-01', 'open'],
    ['in the period', pub, '2026-05-15', 'open'],
    ['the end day (until 24:00 Beijing)', pub, '2026-05-31', 'open'],
    ['the day after the end', pub, '2026-06-01', 'closed'],
    ['a one-day period', { ...pub, endDate: '2026-05-01' }, '2026-05-01', 'open'],
    ['across the year end', { status: 'published', startDate: '2026-12-20', endDate: '2027-01-05' }, '2027-01-01', 'open'],
  ];
  for (const [label, d, today, want] of rows) {
    assert.equal(draftPhase(d, today), want, label);
    assert.equal(acceptsComments(d, today), want === 'open', label);
  }
});

test('采纳情况 is overdue after the end date plus the grace period, unless published', () => {
  assert.equal(SUMMARY_GRACE_DAYS, 30);
  assert.equal(summaryDueOn('2026-05-31'), '2026-06-30');
  const rows: [string, { summaryPublished: boolean; status?: string }, string, number | undefined, boolean][] = [
    ['open', { summaryPublished: false }, '2026-05-20', undefined, false],
    ['ended, within the grace period', { summaryPublished: false }, '2026-06-15', undefined, false],
    ['the last day of the grace period', { summaryPublished: false }, '2026-06-30', undefined, false],
    ['the day after', { summaryPublished: false }, '2026-07-01', undefined, true],
    ['summary published', { summaryPublished: true }, '2026-08-01', undefined, false],
    ['grace 0: the day after the end', { summaryPublished: false }, '2026-06-01', 0, true],
    ['grace 0: the end day', { summaryPublished: false }, '2026-05-31', 0, false],
    ['never published drafts are not overdue', { summaryPublished: false, status: 'editing' }, '2027-01-01', undefined, false],
  ];
  for (const [label, x, today, grace, want] of rows) {
    assert.equal(isSummaryOverdue({ ...pub, ...x, status: x.status ?? 'published' }, today, grace), want, label);
  }
});

test('calendar arithmetic and date checks', () => {
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addDays('2026-01-10', -30), '2025-12-11');
  assert.deepEqual(draftDateProblems('2026-05-01', '2026-05-01'), {});
  assert.match(draftDateProblems('2026-05-02', '2026-05-01').endDate ?? '', /不能早于/);
  assert.match(draftDateProblems('2026-02-30', '2026-05-01').startDate ?? '', /有效/);
  assert.match(draftDateProblems('2026-01-01', '2027-01-03').endDate ?? '', /一年/);
});

test('interview times are Beijing time; the phase follows the instant', () => {
  const t = interviewTimes('2026-05-20', '09:30', '11:00');
  assert.ok(t.ok);
  if (!t.ok) return;
  assert.equal(t.startsAt.toISOString(), '2026-05-20T01:30:00.000Z');
  assert.equal(t.endsAt.toISOString(), '2026-05-20T03:00:00.000Z');
  const i = { status: 'announced', startsAt: t.startsAt, endsAt: t.endsAt };
  const rows: [string, typeof i, string, string][] = [
    ['editing', { ...i, status: 'editing' }, '2026-05-19T00:00:00Z', 'unpublished'],
    ['before', i, '2026-05-20T01:29:59Z', 'upcoming'],
    ['at the start', i, '2026-05-20T01:30:00Z', 'live'],
    ['at the end', i, '2026-05-20T03:00:00Z', 'ended'],
    ['closed early with its transcript', { ...i, status: 'closed' }, '2026-05-20T02:00:00Z', 'ended'],
  ];
  for (const [label, x, now, want] of rows) assert.equal(interviewPhase(x, new Date(now)), want, label);
  const bad = interviewTimes('2026-05-20', '11:00', '10:00');
  assert.ok(!bad.ok && bad.fields.endTime);
  const bad2 = interviewTimes('2026-13-01', '9:30', '24:00');
  assert.ok(!bad2.ok && bad2.fields.date && bad2.fields.startTime && bad2.fields.endTime);
});

test('submission bounds: text 5–2,000 characters, name and contact optional and bounded', () => {
  const ok = { name: '', contact: '', text: '建议延长征集时间。', website: '' };
  const rows: [string, Partial<typeof ok>, Record<string, RegExp>][] = [
    ['minimal', {}, {}],
    ['empty text', { text: '' }, { text: /请填写意见建议/ }],
    ['too short', { text: '同意' }, { text: /至少 5 个字/ }],
    ['2,000 characters (astral ones count once)', { text: '𠀀'.repeat(2000) }, {}],
    ['2,001 characters', { text: '字'.repeat(2001) }, { text: /最多 2000 个字，您填写了 2001 个字/ }],
    ['100,000 characters', { text: '字'.repeat(100_001) }, { text: /超过 100000/ }],
    ['a mobile number', { contact: '139 0793 1234' }, {}],
    ['a landline', { contact: '0793-5120030' }, {}],
    ['an e-mail', { contact: 'li@example.com' }, {}],
    ['not a contact', { contact: '<script>alert(1)</script>' }, { contact: /手机号码、固定电话或电子邮箱/ }],
    ['long name', { name: '名'.repeat(31) }, { name: /最多 30 个字/ }],
  ];
  for (const [label, patch, want] of rows) {
    const p = submissionProblems('draft', { ...ok, ...patch });
    assert.deepEqual(Object.keys(p).sort(), Object.keys(want).sort(), label);
    for (const [k, re] of Object.entries(want)) assert.match(p[k]!, re, label);
  }
  assert.match(submissionProblems('interview', { ...ok, text: '' }).text!, /您的问题/);
  assert.equal(contactKind('li@example.com'), 'email');
  assert.equal(contactKind('13907931234'), 'phone');
  assert.equal(isHoneypotFilled({ website: 'http://spam.example' }), true);
  assert.equal(isHoneypotFilled({ website: ' ' }), false);
});

test('the duplicate key ignores spacing, punctuation, width and case', () => {
  assert.equal(textKey('建议延长征集时间。'), textKey(' 建议 延长征集时间！！'));
  assert.equal(textKey('ABC１２３'), textKey('abc123'));
  assert.notEqual(textKey('建议延长征集时间'), textKey('建议缩短征集时间'));
});

test('rate limits per address and per subject', () => {
  const none = { addressMinute: 0, addressDay: 0, addressSubjectDay: 0, subjectMinute: 0 };
  const rows: [string, Partial<typeof none>, RegExp | null][] = [
    ['first', {}, null],
    ['just under each limit', { addressMinute: RATE_LIMITS.addressPerMinute - 1, addressDay: RATE_LIMITS.addressPerDay - 1, addressSubjectDay: RATE_LIMITS.addressPerSubjectPerDay - 1, subjectMinute: RATE_LIMITS.subjectPerMinute - 1 }, null],
    ['per address per minute', { addressMinute: RATE_LIMITS.addressPerMinute }, /每分钟最多提交 3 条意见.*已保留/],
    ['per address per subject per day', { addressSubjectDay: RATE_LIMITS.addressPerSubjectPerDay }, /同一事项最多提交 5 条/],
    ['per address per day', { addressDay: RATE_LIMITS.addressPerDay }, /每天最多提交 20 条/],
    ['a flood on one subject', { subjectMinute: RATE_LIMITS.subjectPerMinute }, /人数较多/],
  ];
  for (const [label, c, want] of rows) {
    const r = rateRefusal('draft', { ...none, ...c });
    if (want) assert.match(r ?? '', want, label); else assert.equal(r, null, label);
  }
  assert.match(rateRefusal('interview', { ...none, addressMinute: 3 }) ?? '', /条问题/);
});

test('separation of duties: whoever sent it (送审) or drafted the interview may not publish it', () => {
  const rows: [string, number | null, number, boolean][] = [
    ['the submitter', 7, 7, true],
    ['another approver', 7, 8, false],
    ['nobody recorded (older rows, demo data)', null, 7, false],
  ];
  for (const [label, by, actor, refused] of rows) {
    const draft = sameActorRefusal(by, actor, '意见征集');
    const interview = sameActorRefusal(by, actor, '在线访谈');
    assert.equal(draft !== null, refused, label);
    assert.equal(interview !== null, refused, label);
    if (refused) {
      assert.match(draft!, /送审人，不能同时审核发布/);
      assert.match(interview!, /承办人，不能同时审核发布预告/);
    }
  }
});

test('a withdrawal needs a reason of 4 to 500 characters', () => {
  const rows: [string, string, RegExp | null][] = [
    ['empty', '', /请填写撤回原因/],
    ['blank', '   ', /请填写撤回原因/],
    ['too short', '错了', /至少 4 个字/],
    ['enough', '依据已废止。', null],
    ['500 characters', '撤'.repeat(500), null],
    ['501 characters', '撤'.repeat(501), /最多 500 个字/],
  ];
  for (const [label, reason, want] of rows) {
    const got = withdrawReasonProblem(reason);
    if (want) assert.match(got ?? '', want, label); else assert.equal(got, null, label);
  }
});

test('a withdrawn interview is not public and takes no questions', () => {
  const i = { status: 'withdrawn', startsAt: new Date('2026-05-20T01:30:00Z'), endsAt: new Date('2026-05-20T03:00:00Z') };
  assert.equal(interviewPhase(i, new Date('2026-05-19T00:00:00Z')), 'unpublished');
});
