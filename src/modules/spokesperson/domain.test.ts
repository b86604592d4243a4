import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  confirmRefusal, daysBetween, emailOk, evaluationOutcome, filingOf, mediaFlags, personProblems, phoneOk, staleCutoff,
  type Failing, type MediaStatus, type PersonValues,
} from './domain.ts';

test('the evaluation result follows the failings: none 称职, one or two 基本称职, severe or three 不称职', () => {
  const rows: [Failing[], string, boolean, boolean][] = [
    [[], 'competent', false, false],
    [['evade'], 'basic', true, false],
    [['evade', 'stall'], 'basic', true, false],
    [['refuse', 'refuse'], 'basic', true, false],
    [['evade', 'stall', 'refuse'], 'incompetent', true, false],
    [['false_info'], 'incompetent', true, false],
    [['silent'], 'incompetent', true, false],
    [['false_info', 'silent'], 'incompetent', true, true],
    [['evade', 'stall', 'refuse', 'evade'], 'incompetent', true, true],
  ];
  for (const [failings, result, rectify, accountability] of rows) {
    const o = evaluationOutcome(failings);
    assert.equal(o.result, result, failings.join(','));
    assert.equal(o.rectify, rectify, failings.join(','));
    assert.equal(o.notice, rectify, failings.join(','));
    assert.equal(o.accountability, accountability, failings.join(','));
  }
  assert.equal(evaluationOutcome(['silent']).reason, '存在失语重大事件问题');
  assert.equal(evaluationOutcome(['evade', 'evade']).reason, '发现问题 2 次（回避社会关切）');
});

test('an account is flagged when not filed, or not updated for more than N days (Beijing calendar dates); closed ones never', () => {
  const a = (status: MediaStatus, filedOn: string | null, lastUpdateOn: string | null) => ({ status, filedOn, lastUpdateOn });
  const rows: [ReturnType<typeof a>, string, number, string[]][] = [
    [a('operating', '2026-01-05', '2026-03-01'), '2026-03-15', 14, []],
    [a('operating', '2026-01-05', '2026-03-01'), '2026-03-16', 14, ['stale:15']],
    [a('operating', '2026-01-05', '2026-02-28'), '2026-03-14', 14, []],
    [a('operating', '2026-01-05', '2026-02-28'), '2026-03-15', 14, ['stale:15']],
    // over the year end and a leap day
    [a('operating', '2023-12-01', '2023-12-25'), '2024-01-08', 14, []],
    [a('operating', '2023-12-01', '2024-02-20'), '2024-03-06', 14, ['stale:15']],
    [a('paused', '2026-01-05', '2026-01-01'), '2026-03-01', 14, ['stale:59']],
    [a('operating', null, '2026-03-10'), '2026-03-15', 14, ['unfiled']],
    [a('operating', null, null), '2026-03-15', 14, ['unfiled', 'stale:never']],
    [a('closed', null, null), '2026-03-15', 14, []],
    [a('operating', '2026-01-05', '2026-03-10'), '2026-03-15', 3, ['stale:5']],
  ];
  for (const [acc, today, n, want] of rows) {
    const got = mediaFlags(acc, today, n).map((f) => (f.kind === 'unfiled' ? 'unfiled' : `stale:${f.days ?? 'never'}`));
    assert.deepEqual(got, want, `${JSON.stringify(acc)} on ${today}, N=${n}`);
  }
  // The SQL filter's cutoff agrees with the rule: stale exactly when lastUpdateOn < cutoff.
  for (const last of ['2026-02-28', '2026-03-01', '2026-03-02']) {
    const stale = mediaFlags(a('operating', '2026-01-01', last), '2026-03-15', 14).length > 0;
    assert.equal(stale, last < staleCutoff('2026-03-15', 14), last);
  }
  assert.equal(staleCutoff('2024-03-01', 1), '2024-02-29');
  assert.equal(daysBetween('2025-12-31', '2026-01-01'), 1);
});

test('a filing says what changed: first filing, changed data of the same person, another person', () => {
  const p: PersonValues = { name: '何建平', position: '副局长', basis: 'deputy', officePhone: '0793-5120030', email: null, termFrom: '2025-03-01', termTo: null };
  assert.deepEqual(filingOf(null, p), { kind: 'new', changes: '首次备案：何建平（副局长）' });
  assert.equal(filingOf(p, { ...p }), null);
  assert.deepEqual(filingOf(p, { ...p, officePhone: '0793-5120031', basis: 'principal' }),
    { kind: 'update', changes: '任职依据：主要负责人授权副职 → 主要负责人；办公电话：0793-5120030 → 0793-5120031' });
  assert.deepEqual(filingOf(p, { ...p, name: '罗文斌' }), { kind: 'replace', changes: '何建平 改为 罗文斌（副局长）' });
});

test('the yearly round is confirmed only with both posts filed and nothing pending', () => {
  const ok = { spokesperson: true, assistant: true, pending: 0, roundOpen: true, confirmed: false };
  assert.equal(confirmRefusal(ok), null);
  assert.match(confirmRefusal({ ...ok, roundOpen: false })!, /已结束/);
  assert.match(confirmRefusal({ ...ok, confirmed: true })!, /已确认/);
  assert.match(confirmRefusal({ ...ok, spokesperson: false })!, /新闻发言人/);
  assert.match(confirmRefusal({ ...ok, assistant: false })!, /新闻助理/);
  assert.match(confirmRefusal({ ...ok, pending: 1 })!, /尚待宣传部备案/);
  assert.match(confirmRefusal({ ...ok, assistant: false, pending: 1 })!, /尚待宣传部备案/, 'a pending filing is named before a missing post');
});

test('phone and e-mail formats, the 任职依据 of a spokesperson and the term order', () => {
  for (const good of ['0793-5120010', '07935120010', '0793-5120010转801', '13812345678', '5120010', '(0793) 5120010']) assert.ok(phoneOk(good), good);
  for (const bad of ['12345', '1381234567', 'abc', '0793-51200', '<script>', '23812345678']) assert.ok(!phoneOk(bad), bad);
  assert.ok(emailOk('xwb@yunxi.gov.cn'));
  for (const bad of ['xwb', 'a@b', 'a b@c.cn', '<a>@b.cn']) assert.ok(!emailOk(bad), bad);
  const check = personProblems('spokesperson');
  assert.deepEqual(check({ officePhone: '12', email: 'x', termFrom: '2026-02-01', termTo: '2026-01-01' }), {
    officePhone: '电话格式不正确，请填写带区号的固定电话或11位手机号，例如 0793-5120010 或 13812345678',
    email: '电子邮箱格式不正确，例如 xwb@yunxi.gov.cn',
    basis: '请选择任职依据',
    termTo: '任职截止日期不能早于起始日期',
  });
  assert.deepEqual(personProblems('assistant')({ officePhone: '0793-5120010' }), {});
});
