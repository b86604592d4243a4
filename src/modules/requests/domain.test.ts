// Table tests of the legal clock over the real 2025 and 2026 calendars (chinese-days data).
// Every expected date was counted by hand, working day by working day; the counts are written
// next to the non-obvious ones. 2025: 春节 01-28…02-04 (调休 01-26, 02-08); 国庆+中秋 10-01…10-08
// (调休 09-28, 10-11). 2026: 春节 02-15…02-23 (调休 02-14, 02-28); 清明 04-04…04-06; 中秋 09-25…09-27;
// 国庆 10-01…10-07 (调休 09-20, 10-10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinCalendar, builtinCalendarData, createCalendar } from '../../calendar/index.ts';
import {
  RULE_SETS,
  computeClock,
  correctionLatestSendDate,
  explainClock,
  feeFor,
  FeeInputError,
  pauseDeadlineFor,
  provideDueDate,
  type Clock,
  type ClockEvent,
  type ClockInput,
  type RuleSetId,
} from './domain.ts';

const cal = builtinCalendar();

function clockOf(input: ClockInput, calendar = cal): Clock {
  const r = computeClock(calendar, input);
  if (!r.ok) assert.fail(`unexpected refusal ${r.code}: ${r.message}`);
  return r.clock;
}
const due = (receivedOn: string, events: ClockEvent[] = [], rules: RuleSetId = '条例2019') => clockOf({ rules, receivedOn, events }).statutoryDue;

test('rule sets are data with the statutory numbers', () => {
  assert.equal(RULE_SETS['条例2019'].replyDays, 20);
  assert.equal(RULE_SETS['条例2019'].extensionMaxDays, 20);
  assert.equal(RULE_SETS['条例2019'].correctionWithinDays, 7);
  assert.equal(RULE_SETS['条例2019'].thirdPartyDays, 15);
  assert.equal(RULE_SETS['条例2019'].interAgencyDays, 15);
  assert.equal(RULE_SETS['条例2019'].feePayDays, 20);
  assert.equal(RULE_SETS['条例2019'].provideDays, null);
  assert.equal(RULE_SETS['鄂托克前旗2018'].replyDays, 15);
  assert.equal(RULE_SETS['鄂托克前旗2018'].extensionMaxDays, 15);
  assert.equal(RULE_SETS['鄂托克前旗2018'].provideDays, 10);
  assert.match(RULE_SETS['条例2019'].replyBasis, /第三十三条/);
});

test('plain reply periods over holidays (条例2019, 20 working days)', () => {
  const rows: [string, string, string][] = [
    // Fri; 09-20 (Sun, 调休) is day 1; 中秋 09-25…27 and 国庆 10-01…07 skipped; 10-10 (Sat, 调休) is day 11.
    ['2026-09-18', '2026-10-22', 'issue example, 国庆 2026'],
    // Fri; 09-28 (Sun 调休) day 1, 09-29 2, 09-30 3, 10-01…08 off, 10-09 4, 10-10 5, 10-11 (Sat 调休) 6 … 10-30 20.
    ['2025-09-26', '2025-10-30', '国庆+中秋 2025'],
    // Fri; 01-26 (Sun 调休) 1, 01-27 2, 01-28…02-04 off, 02-05 3 … 02-08 (Sat 调休) 6, 02-10…14 7–11, 02-17…21 12–16, 02-24…27 17–20.
    ['2025-01-24', '2025-02-27', '春节 2025'],
    // Fri; 02-14 (Sat 调休) 1, 02-15…23 off, 02-24…27 2–5, 02-28 (Sat 调休) 6, 03-02…06 7–11, 03-09…13 12–16, 03-16…19 17–20.
    ['2026-02-13', '2026-03-19', '春节 2026'],
    // Mon; no holiday: 4 weeks.
    ['2026-03-02', '2026-03-30', 'ordinary weeks'],
    // Received on a holiday (2025-10-03): counting starts on the first working day after it.
    // 10-09 1, 10-10 2, 10-11 (Sat 调休) 3, 10-13…17 4–8, 10-20…24 9–13, 10-27…31 14–18, 11-03 19, 11-04 20.
    ['2025-10-03', '2025-11-04', 'received during 国庆'],
  ];
  for (const [received, expected, why] of rows) assert.equal(due(received), expected, why);
});

test('holidays and 调休 inside the counted span are listed with their names', () => {
  const c = clockOf({ rules: '条例2019', receivedOn: '2025-09-26', events: [] });
  assert.deepEqual(c.holidays.map((h) => h.date), ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08']);
  assert.equal(c.holidays.find((h) => h.date === '2025-10-06')?.name, '中秋节');
  assert.deepEqual(c.makeupDays, [{ date: '2025-09-28', name: '国庆节调休上班' }, { date: '2025-10-11', name: '国庆节调休上班' }]);
  assert.equal(c.provisional, false);
  assert.equal(c.stopped, false);
  assert.equal(c.countFrom, '2025-09-26');
  assert.deepEqual(c.ledger, [{
    on: '2025-09-26', event: '收到申请', due: '2025-10-30',
    basis: '《中华人民共和国政府信息公开条例》第三十一条、《中华人民共和国政府信息公开条例》第三十三条第二款',
    effect: '自收到申请的次日起计算，20个工作日内答复',
  }]);
});

test('internal target: lead working days before the statutory date, never before the start', () => {
  // 2026-09-18: the 15th counted day is 10-15 (10-12 12, 10-13 13, 10-14 14, 10-15 15).
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-09-18', events: [] }).internalDue, '2026-10-15');
  // Lead 0 = the statutory date; lead 10 = 10th counted day = 10-09.
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-09-18', events: [], internalLeadDays: 0 }).internalDue, '2026-10-22');
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-09-18', events: [], internalLeadDays: 10 }).internalDue, '2026-10-09');
  // Lead larger than the period: the receipt date itself.
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-09-18', events: [], internalLeadDays: 30 }).internalDue, '2026-09-18');
  // Pauses are skipped for the internal target too: 2026-03-02 + pause (03-10, 03-20] (8 wd) → 15th counted day
  // = 03-23 without the pause … with it: counted 03-03…03-10 (6), then 03-23…03-27 (7–11), 03-30…04-02 (12–15) → 04-02.
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '暂停', reason: 'third_party', from: '2026-03-10', to: '2026-03-20' }] }).internalDue, '2026-04-02');
});

test('year end: a due date in a year without a loaded notice is provisional, and firm once it is loaded', () => {
  // 2026-12-18 (Fri): 12-21…25 1–5, 12-28…31 6–9, 2027-01-01 (Fri, plain week: no 2027 notice) 10, 01-04…08 11–15, 01-11…15 16–20.
  const c = clockOf({ rules: '条例2019', receivedOn: '2026-12-18', events: [] });
  assert.equal(c.statutoryDue, '2027-01-15');
  assert.equal(c.provisional, true);
  assert.match(explainClock(c).join('\n'), /暂定/);
  // With a 2027 notice making 01-01 a holiday, day 10 becomes 01-04 and day 20 01-18.
  const data = builtinCalendarData();
  const with2027 = createCalendar({
    overrides: [...data.overrides, { date: '2027-01-01', isOffDay: true, name: '元旦', source: 'import' }],
    coveredYears: [...data.coveredYears, 2027],
  });
  const firm = clockOf({ rules: '条例2019', receivedOn: '2026-12-18', events: [] }, with2027);
  assert.equal(firm.statutoryDue, '2027-01-18');
  assert.equal(firm.provisional, false);
  assert.deepEqual(firm.holidays, [{ date: '2027-01-01', name: '元旦' }]);
  // Inside a covered year nothing is provisional.
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-11-02', events: [] }).provisional, false);
});

test('补正: the clock stops, then restarts from the day the supplement is received', () => {
  // 7th working day after 2026-03-02 (Mon): 03-03 1 … 03-06 4, 03-09 5, 03-10 6, 03-11 7.
  assert.equal(correctionLatestSendDate(cal, '条例2019', '2026-03-02'), '2026-03-11');
  // Over 国庆 2026: 09-20 1, 09-21…24 2–5, 09-28 6, 09-29 7.
  assert.equal(correctionLatestSendDate(cal, '条例2019', '2026-09-18'), '2026-09-29');

  const pending = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '补正', sent: '2026-03-05' }] });
  assert.equal(pending.statutoryDue, null);
  assert.equal(pending.internalDue, null);
  assert.equal(pending.stopped, true);
  assert.equal(pending.stoppedReason, '等待申请人补正');
  // Default applicant deadline: 15 working days after the notice: 03-06 1, 03-09…13 2–6, 03-16…20 7–11, 03-23…26 12–15.
  assert.equal(pending.correctionDeadline, '2026-03-26');
  assert.equal(pending.correctionSendBy, undefined);
  const own = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '补正', sent: '2026-03-05', deadline: '2026-03-31' }] });
  assert.equal(own.correctionDeadline, '2026-03-31');

  // Supplement received Fri 03-20: 03-23…27 1–5, 03-30…04-03 6–10, 清明 04-04…06 off, 04-07…10 11–14, 04-13…17 15–19, 04-20 20.
  const done = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '补正', sent: '2026-03-05', received: '2026-03-20' }] });
  assert.equal(done.statutoryDue, '2026-04-20');
  assert.equal(done.countFrom, '2026-03-20');
  assert.equal(done.stopped, false);
  assert.deepEqual(done.ledger.map((e) => [e.on, e.event, e.due]), [
    ['2026-03-02', '收到申请', '2026-03-30'],
    ['2026-03-05', '发出补正告知', null],
    ['2026-03-20', '收到补正材料', '2026-04-20'],
  ]);
  assert.match(done.ledger[1].basis, /第三十条/);
  assert.match(done.ledger[1].effect, /补正期限：2026年3月26日/);
  assert.match(done.ledger[2].effect, /重新计算20个工作日/);
  // The 清明 days inside the counted span are listed; the earlier span is not.
  assert.deepEqual(done.holidays.map((h) => h.date), ['2026-04-04', '2026-04-05', '2026-04-06']);

  // Sent on the receipt day and on the 7th working day are both in time.
  assert.equal(due('2026-03-02', [{ type: '补正', sent: '2026-03-02', received: '2026-03-02' }]), '2026-03-30');
  assert.equal(due('2026-03-02', [{ type: '补正', sent: '2026-03-11', received: '2026-03-20' }]), '2026-04-20');
});

test('pauses: consultation and fee notices, (from, to] not counted, overlaps counted once', () => {
  // Without pauses 2026-03-02 → 03-30.
  // Third party (03-10, 03-20]: 03-11…13, 03-16…20 = 8 working days → 03-30 + 8 = 03-31, 04-01…03, (清明), 04-07…10 → 04-10.
  const tp = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '暂停', reason: 'third_party', from: '2026-03-10', to: '2026-03-20' }] });
  assert.equal(tp.statutoryDue, '2026-04-10');
  assert.deepEqual(tp.ledger.map((e) => [e.on, e.event, e.due]), [
    ['2026-03-02', '收到申请', '2026-03-30'],
    ['2026-03-10', '征求第三方意见（暂停计时）', null],
    ['2026-03-20', '收到第三方意见（恢复计时）', '2026-04-10'],
  ]);
  assert.match(tp.ledger[1].basis, /第三十二条.*第三十三条第三款/);
  // Third party answers within 15 working days: 03-11 1 … 03-31 15.
  assert.match(tp.ledger[1].effect, /2026年3月31日前提出意见/);
  assert.equal(tp.ledger[2].effect, '恢复计时，期限顺延8个工作日');

  // Open consultation: the clock stops; the legal end of the consultation is shown.
  const open = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '暂停', reason: 'inter_agency', from: '2026-03-10' }] });
  assert.equal(open.statutoryDue, null);
  assert.equal(open.stopped, true);
  assert.equal(open.pauseReason, 'inter_agency');
  assert.equal(open.pauseDeadline, '2026-03-31');
  assert.equal(open.stoppedReason, '征求其他机关意见');

  // Overlapping third party (03-10, 03-20] and inter-agency (03-16, 03-25]: union (03-10, 03-25] = 11 working days.
  // 03-30 + 11: 03-31, 04-01, 04-02, 04-03, 04-07…10, 04-13, 04-14, 04-15 → 04-15.
  assert.equal(due('2026-03-02', [
    { type: '暂停', reason: 'third_party', from: '2026-03-10', to: '2026-03-20' },
    { type: '暂停', reason: 'inter_agency', from: '2026-03-16', to: '2026-03-25' },
  ]), '2026-04-15');
  // Two separate pauses add up: (03-03, 03-04] 1 day + (03-10, 03-12] 2 days → 03-30 + 3 = 04-02.
  assert.equal(due('2026-03-02', [
    { type: '暂停', reason: 'third_party', from: '2026-03-10', to: '2026-03-12' },
    { type: '暂停', reason: 'inter_agency', from: '2026-03-03', to: '2026-03-04' },
  ]), '2026-04-02');
  // A pause over a holiday only removes working days: (2026-09-24, 2026-10-09] = 09-28, 09-29, 09-30, 10-08, 10-09 = 5.
  // 10-22 + 5: 10-23, 10-26…29 → 10-29.
  assert.equal(due('2026-09-18', [{ type: '暂停', reason: 'third_party', from: '2026-09-24', to: '2026-10-09' }]), '2026-10-29');
  // Same-day pause (from = to) removes nothing.
  assert.equal(due('2026-03-02', [{ type: '暂停', reason: 'third_party', from: '2026-03-10', to: '2026-03-10' }]), '2026-03-30');

  // Fee notice (03-09, 03-13] paid: 4 working days → 03-30 + 4 = 04-03.
  const fee = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '暂停', reason: 'fee', from: '2026-03-09', to: '2026-03-13' }] });
  assert.equal(fee.statutoryDue, '2026-04-03');
  assert.deepEqual(fee.ledger.map((e) => e.event), ['收到申请', '发出收费通知（暂停计时）', '缴纳信息处理费（恢复计时）']);
  assert.match(fee.ledger[1].basis, /第四十二条.*109号/);
  // Fee not paid yet: 20 working days to pay: 03-10…13 1–4, 03-16…20 5–9, 03-23…27 10–14, 03-30…04-03 15–19, 04-07 20.
  const feeOpen = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '暂停', reason: 'fee', from: '2026-03-09' }] });
  assert.equal(feeOpen.stopped, true);
  assert.equal(feeOpen.pauseDeadline, '2026-04-07');
  assert.equal(pauseDeadlineFor(cal, '条例2019', 'fee', '2026-03-09'), '2026-04-07');
});

test('pauses around a 补正 and after the period ran out', () => {
  const corr: ClockEvent = { type: '补正', sent: '2026-03-05', received: '2026-03-20' };
  // A pause that ended before the supplement arrived has no effect (the clock restarts at 03-20 anyway).
  assert.equal(due('2026-03-02', [{ type: '暂停', reason: 'third_party', from: '2026-03-03', to: '2026-03-05' }, corr]), '2026-04-20');
  // A pause spanning the restart counts only after it: (03-20, 03-25] = 03-23, 24, 25 = 3 → 04-20 + 3 = 04-23.
  assert.equal(due('2026-03-02', [corr, { type: '暂停', reason: 'inter_agency', from: '2026-03-18', to: '2026-03-25' }]), '2026-04-23');
  // A pause after the supplement: (03-24, 03-26] = 2 → 04-22.
  assert.equal(due('2026-03-02', [corr, { type: '暂停', reason: 'third_party', from: '2026-03-24', to: '2026-03-26' }]), '2026-04-22');
  // A consultation still open when the supplement arrives keeps the clock stopped.
  const stillOpen = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [corr, { type: '暂停', reason: 'third_party', from: '2026-03-18' }] });
  assert.equal(stillOpen.stopped, true);
  assert.equal(stillOpen.statutoryDue, null);
  // An open pause begun after the period had run out does not revive it.
  const late = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '暂停', reason: 'third_party', from: '2026-04-01' }] });
  assert.equal(late.statutoryDue, '2026-03-30');
  assert.equal(late.stopped, false);
  assert.match(late.ledger[1].effect, /已于2026年3月30日届满/);
  // An open pause starting on the due day itself: the due day was counted, the period is over.
  assert.equal(due('2026-03-02', [{ type: '暂停', reason: 'third_party', from: '2026-03-30' }]), '2026-03-30');
});

test('extension: adds working days, cumulative limit, decided before the period ends', () => {
  // 10-22 + 20: 10-23 1, 10-26…30 2–6, 11-02…06 7–11, 11-09…13 12–16, 11-16…19 17–20 → 11-19.
  const ext = clockOf({ rules: '条例2019', receivedOn: '2026-09-18', events: [{ type: '延期', days: 20, on: '2026-10-20' }] });
  assert.equal(ext.statutoryDue, '2026-11-19');
  assert.equal(ext.extensionDaysUsed, 20);
  assert.equal(ext.daysAllowed, 40);
  assert.deepEqual(ext.ledger.map((e) => [e.on, e.event, e.due]), [
    ['2026-09-18', '收到申请', '2026-10-22'],
    ['2026-10-20', '延长答复期限', '2026-11-19'],
  ]);
  assert.match(ext.ledger[1].basis, /第三十三条第二款/);
  assert.equal(ext.ledger[1].effect, '经批准延长答复期限20个工作日');
  // Decided on the last day of the period is still in time.
  assert.equal(due('2026-09-18', [{ type: '延期', days: 5, on: '2026-10-22' }]), '2026-10-29');
  // Two extensions adding up to the limit.
  assert.equal(due('2026-09-18', [{ type: '延期', days: 10 }, { type: '延期', days: 10 }]), '2026-11-19');
  // Extension after a pause: 03-02 + pause (03-10, 03-20] → 04-10; + 10: 04-13…17, 04-20…24 → 04-24.
  assert.equal(due('2026-03-02', [
    { type: '暂停', reason: 'third_party', from: '2026-03-10', to: '2026-03-20' },
    { type: '延期', days: 10, on: '2026-04-08' },
  ]), '2026-04-24');
  // Extension without a date sorts last in the ledger, at the resulting due date.
  const undated = clockOf({ rules: '条例2019', receivedOn: '2026-09-18', events: [{ type: '延期', days: 20 }] });
  assert.deepEqual(undated.ledger[1], { ...undated.ledger[1], on: '2026-11-19', due: '2026-11-19' });
});

test('鄂托克前旗2018 preset: 15 + 15 working days, provide within 10', () => {
  // 2026-09-18: 15th working day = 10-15 (see the 条例2019 count above).
  const c = clockOf({ rules: '鄂托克前旗2018', receivedOn: '2026-09-18', events: [] });
  assert.equal(c.statutoryDue, '2026-10-15');
  // 10th counted day: 10-09.
  assert.equal(c.internalDue, '2026-10-09');
  assert.match(c.ledger[0].basis, /鄂托克前旗人民政府依申请公开制度》第二条/);
  // 10-15 + 15: 10-16 1, 10-19…23 2–6, 10-26…30 7–11, 11-02…05 12–15 → 11-05.
  assert.equal(due('2026-09-18', [{ type: '延期', days: 15, on: '2026-10-14' }], '鄂托克前旗2018'), '2026-11-05');
  const over = computeClock(cal, { rules: '鄂托克前旗2018', receivedOn: '2026-09-18', events: [{ type: '延期', days: 16 }] });
  assert.equal(over.ok, false);
  assert.match(!over.ok ? over.message : '', /最长不得超过15个工作日.*第四条/);
  // Provided within 10 working days of the decision: 10-16 1, 10-19…23 2–6, 10-26…29 7–10.
  assert.equal(provideDueDate(cal, '鄂托克前旗2018', '2026-10-15'), '2026-10-29');
  assert.equal(provideDueDate(cal, '条例2019', '2026-10-15'), null);
  // Same 2025 春节 example as above: 15th working day after 2025-01-24 is 02-20.
  assert.equal(due('2025-01-24', [], '鄂托克前旗2018'), '2025-02-20');
});

test('every forbidden event is refused with a Chinese message naming the rule', () => {
  const base = { rules: '条例2019' as RuleSetId, receivedOn: '2026-03-02' };
  const rows: [string, Omit<Partial<ClockInput>, 'events'> & { events: unknown[] }, string, RegExp][] = [
    ['second 补正', { events: [{ type: '补正', sent: '2026-03-03', received: '2026-03-04' }, { type: '补正', sent: '2026-03-05' }] }, 'clock.correction_twice', /只能要求申请人补正一次.*第三十条/],
    ['补正 after the 7th working day', { events: [{ type: '补正', sent: '2026-03-12' }] }, 'clock.correction_late', /7个工作日内.*第三十条.*2026年3月11日/],
    ['补正 over 国庆 on day 8', { receivedOn: '2026-09-18', events: [{ type: '补正', sent: '2026-09-30' }] }, 'clock.correction_late', /2026年9月29日/],
    ['补正 before receipt', { events: [{ type: '补正', sent: '2026-03-01' }] }, 'clock.correction_before_receipt', /早于收到申请之日/],
    ['supplement before notice', { events: [{ type: '补正', sent: '2026-03-05', received: '2026-03-04' }] }, 'clock.supplement_before_notice', /早于补正告知发出日期/],
    ['pause ends before it starts', { events: [{ type: '暂停', from: '2026-03-10', to: '2026-03-09' }] }, 'clock.pause_order', /结束日期.*早于开始日期/],
    ['pause before receipt', { events: [{ type: '暂停', reason: 'fee', from: '2026-03-01', to: '2026-03-09' }] }, 'clock.pause_before_receipt', /第四十二条/],
    ['bad pause reason', { events: [{ type: '暂停', reason: 'lunch', from: '2026-03-03' }] }, 'clock.invalid_pause_reason', /暂停事由/],
    ['extension over 20', { events: [{ type: '延期', days: 21 }] }, 'clock.extension_limit', /最长不得超过20个工作日.*第三十三条第二款/],
    ['cumulative extensions over 20', { events: [{ type: '延期', days: 15 }, { type: '延期', days: 6 }] }, 'clock.extension_limit', /已延长15个工作日/],
    ['extension of 0 days', { events: [{ type: '延期', days: 0 }] }, 'clock.extension_days', /正整数/],
    ['extension of 1.5 days', { events: [{ type: '延期', days: 1.5 }] }, 'clock.extension_days', /正整数/],
    ['extension of "5" days', { events: [{ type: '延期', days: '5' }] }, 'clock.extension_days', /正整数/],
    ['negative extension', { events: [{ type: '延期', days: -3 }] }, 'clock.extension_days', /正整数/],
    ['extension after the period ended', { events: [{ type: '延期', days: 5, on: '2026-03-31' }] }, 'clock.extension_late', /届满前决定.*2026年3月30日/],
    ['extension before receipt', { events: [{ type: '延期', days: 5, on: '2026-03-01' }] }, 'clock.extension_before_receipt', /早于收到申请之日/],
    ['malformed receipt date', { receivedOn: '2026-02-30', events: [] }, 'clock.invalid_date', /2026-02-30/],
    ['malformed 补正 date', { events: [{ type: '补正', sent: '2026/03/05' }] }, 'clock.invalid_date', /补正告知发出日期/],
    ['malformed pause date', { events: [{ type: '暂停', from: '2026-03-05', to: 'soon' }] }, 'clock.invalid_date', /暂停结束日期/],
    ['unknown event', { events: [{ type: '催办' }] }, 'clock.invalid_event', /期限事项类型/],
    ['not an object', { events: [null] }, 'clock.invalid_event', /格式错误/],
    ['unknown rule set', { rules: '条例2007' as RuleSetId, events: [] }, 'clock.invalid_rules', /期限规则/],
    ['bad lead days', { internalLeadDays: -1, events: [] }, 'clock.invalid_lead', /内部办理期限/],
    ['event in the future', { today: '2026-03-04', events: [{ type: '补正', sent: '2026-03-05' }] }, 'clock.future_date', /晚于今天/],
  ];
  for (const [why, input, code, re] of rows) {
    const r = computeClock(cal, { ...base, ...input } as unknown as ClockInput);
    assert.equal(r.ok, false, why);
    if (r.ok) continue;
    assert.equal(r.code, code, why);
    assert.match(r.message, re, why);
    assert.match(r.message, /[\u4e00-\u9fff]/, why);
  }
});

test('today: working days left, negative when overdue', () => {
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [], today: '2026-03-23' }).daysLeft, 5);
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [], today: '2026-04-01' }).daysLeft, -2);
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '补正', sent: '2026-03-03' }], today: '2026-04-01' }).daysLeft, null);
});

test('explainClock prints one line per ledger entry and the holidays', () => {
  const lines = explainClock(clockOf({ rules: '条例2019', receivedOn: '2026-09-18', events: [] }));
  assert.match(lines[0], /^2026-09-18\t收到申请/);
  assert.ok(lines.some((l) => /期间节假日：.*2026-10-01（国庆节）/.test(l)));
  assert.ok(lines.some((l) => /调休上班日：2026-09-20/.test(l)));
});

test('fees (109号文): cumulative by band, per item per month or per page, never both', () => {
  const items: [number, number, number][] = [
    // [count, prior this month, yuan]
    [1, 0, 0],
    [10, 0, 0],
    [11, 0, 100], // item 11 at 100
    [30, 0, 2000], // items 11–30: 20 × 100
    [31, 0, 2200], // + item 31 at 200
    [40, 0, 4000], // 2000 + 10 × 200
    [41, 0, 4300], // + item 41 at 300
    [50, 0, 7000], // 2000 + 2000 + 3000
    [55, 0, 9000], // + 5 × 400
    [1, 10, 100], // the 11th item of the month
    [5, 8, 300], // items 9–13: 9, 10 free; 11, 12, 13 × 100
    [3, 29, 500], // items 30 (100), 31, 32 (200 each)
    [0, 0, 0],
  ];
  for (const [count, prior, yuan] of items) assert.equal(feeFor({ method: 'item', count, priorThisMonth: prior }).yuan, yuan, `${count} items after ${prior}`);
  assert.deepEqual(feeFor({ method: 'item', count: 5, priorThisMonth: 8 }).bands, [
    { from: 9, to: 10, units: 2, unitYuan: 0, yuan: 0 },
    { from: 11, to: 13, units: 3, unitYuan: 100, yuan: 300 },
  ]);
  const pages: [number, number][] = [
    [30, 0],
    [31, 10],
    [100, 700], // 70 × 10
    [101, 720], // + 20
    [200, 2700], // 700 + 100 × 20
    [201, 2740], // + 40
    [250, 4700], // 2700 + 50 × 40
  ];
  for (const [count, yuan] of pages) assert.equal(feeFor({ method: 'page', count }).yuan, yuan, `${count} pages`);
  const p = feeFor({ method: 'page', count: 250 });
  assert.deepEqual(p.bands.map((b) => [b.from, b.to, b.unitYuan, b.yuan]), [[1, 30, 0, 0], [31, 100, 10, 700], [101, 200, 20, 2000], [201, 250, 40, 2000]]);
  assert.match(p.basis, /109号/);
  for (const bad of [-1, 1.5, Number.NaN]) assert.throws(() => feeFor({ method: 'page', count: bad }), FeeInputError);
  assert.throws(() => feeFor({ method: 'both', count: 3 } as never), /只能选其一/);
});

test('recorded events are not re-judged by the rules for adding events; new ones are', () => {
  // A 补正 sent on 03-12 (8th working day) is refused when added …
  const late = { type: '补正', sent: '2026-03-12', received: '2026-03-20' } as const;
  assert.equal(computeClock(cal, { rules: '条例2019', receivedOn: '2026-03-02', events: [late] }).ok, false);
  // … but once on file (e.g. the calendar later gained a working day) the clock still computes.
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [late], recorded: 1 }).statutoryDue, '2026-04-20');
  // The cumulative extension cap still counts recorded extensions for a new one.
  const r = computeClock(cal, { rules: '条例2019', receivedOn: '2026-09-18', events: [{ type: '延期', days: 15, on: '2026-10-20' }, { type: '延期', days: 6, on: '2026-10-21' }], recorded: 1 });
  assert.equal(!r.ok && r.code, 'clock.extension_limit');
  // A second 补正 is refused when new, and a recorded duplicate is ignored.
  const twice = [{ type: '补正', sent: '2026-03-03', received: '2026-03-04' }, { type: '补正', sent: '2026-03-05' }] as ClockEvent[];
  assert.equal(clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: twice, recorded: 2 }).statutoryDue, '2026-04-01');
  const again = computeClock(cal, { rules: '条例2019', receivedOn: '2026-03-02', events: twice, recorded: 1 });
  assert.equal(!again.ok && again.code, 'clock.correction_twice');
});

test('closing entry: reply on time or late, 补正 and fee expiry', () => {
  const onTime = clockOf({ rules: '条例2019', receivedOn: '2026-09-18', events: [], closing: { on: '2026-10-22', kind: 'reply' } });
  assert.deepEqual(onTime.ledger.at(-1), { on: '2026-10-22', event: '作出答复', basis: RULE_SETS['条例2019'].replyBasis, effect: '在法定答复期限内答复', due: '2026-10-22' });
  // 10-23 and 10-26 are two working days past 10-22.
  const late = clockOf({ rules: '条例2019', receivedOn: '2026-09-18', events: [], closing: { on: '2026-10-26', kind: 'reply' } });
  assert.equal(late.ledger.at(-1)!.effect, '超过法定答复期限2个工作日答复');
  const expired = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '补正', sent: '2026-03-05' }], closing: { on: '2026-03-27', kind: 'correction_expired' } });
  assert.deepEqual(expired.ledger.map((e) => e.event), ['收到申请', '发出补正告知', '补正期限届满']);
  const fee = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '暂停', reason: 'fee', from: '2026-03-09', to: '2026-04-08' }], closing: { on: '2026-04-08', kind: 'fee_expired' } });
  assert.equal(fee.ledger.at(-1)!.event, '缴费期限届满');
  assert.match(fee.ledger.at(-1)!.basis, /第四十二条/);
});

test('a pause without a reason (CLI form) counts like a consultation and is labelled plainly', () => {
  const c = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [{ type: '暂停', from: '2026-03-10', to: '2026-03-20' }] });
  assert.equal(c.statutoryDue, '2026-04-10');
  assert.deepEqual(c.ledger.map((e) => e.event), ['收到申请', '暂停计时', '恢复计时']);
  assert.match(c.ledger[1].basis, /第三十三条第三款/);
});

test('the ledger says how many days each pause added, also across a 补正 restart', () => {
  // 补正 received 03-20 while an inter-agency consultation (03-18 … 03-25) runs: only (03-20, 03-25] = 3 days count.
  const c = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [
    { type: '补正', sent: '2026-03-05', received: '2026-03-20' },
    { type: '暂停', reason: 'inter_agency', from: '2026-03-18', to: '2026-03-25' },
  ] });
  assert.equal(c.statutoryDue, '2026-04-23');
  assert.deepEqual(c.ledger.map((e) => [e.on, e.event, e.due]), [
    ['2026-03-02', '收到申请', '2026-03-30'],
    ['2026-03-05', '发出补正告知', null],
    ['2026-03-18', '征求其他机关意见（暂停计时）', null],
    ['2026-03-20', '收到补正材料', null],
    ['2026-03-25', '收到其他机关意见（恢复计时）', '2026-04-23'],
  ]);
  assert.match(c.ledger[2].effect, /补正期间计时已停止/);
  assert.equal(c.ledger[4].effect, '恢复计时，期限顺延3个工作日');
  // Overlapping pauses: the second end adds only the days not already paused: union (03-10, 03-25] vs (03-10, 03-20] → 3.
  const o = clockOf({ rules: '条例2019', receivedOn: '2026-03-02', events: [
    { type: '暂停', reason: 'third_party', from: '2026-03-10', to: '2026-03-20' },
    { type: '暂停', reason: 'inter_agency', from: '2026-03-16', to: '2026-03-25' },
  ] });
  assert.deepEqual(o.ledger.map((e) => e.effect.replace(/；.*/, '')), [
    '自收到申请的次日起计算，20个工作日内答复',
    '计时暂停（征求第三方意见，所需时间不计入答复期限）',
    '计时暂停（征求其他机关意见，所需时间不计入答复期限）',
    '本项结束，其他暂停事项尚未结束，继续暂停计时',
    '恢复计时，期限顺延3个工作日',
  ]);
});
