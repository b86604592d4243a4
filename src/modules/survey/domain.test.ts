// Table tests of the 社会评议 rules: the state by date, the answer schema built from the questions (read
// through parseForm with its Chinese messages), question definitions, aggregation and overdue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseForm } from '../../platform/forms/index.ts';
import { aggregate, answerCells, type Answers, answerDomain, answerRefusal, answerSchema, checkQuestion, copyPeriod, copyTitle, isOverdue, storedAnswers, surveyState, type Question } from './domain.ts';

const q = (id: number, kind: Question['kind'], p: Partial<Question> = {}): Question => ({
  id, position: id, kind, title: `题目${id}`, hint: null, required: false, options: kind === 'single' || kind === 'multiple' ? ['甲', '乙', '丙', '丁'] : [],
  minChoices: null, maxChoices: null, maxLength: null, ...p,
});
const QS: Question[] = [
  q(1, 'single', { required: true }),
  q(2, 'multiple', { maxChoices: 2 }),
  q(3, 'rating', { required: true }),
  q(4, 'text', { maxLength: 20 }),
  q(5, 'multiple', { required: true, minChoices: 2, maxChoices: 3 }),
];

test('survey state and refusal by Beijing calendar date', () => {
  const rows: [string, Parameters<typeof surveyState>[0], string, string, boolean][] = [
    ['draft', { status: 'draft', startsOn: '2026-10-01', endsOn: '2026-10-31' }, '2026-10-10', 'draft', true],
    ['before the start', { status: 'published', startsOn: '2026-10-01', endsOn: '2026-10-31' }, '2026-09-30', 'scheduled', true],
    ['first day', { status: 'published', startsOn: '2026-10-01', endsOn: '2026-10-31' }, '2026-10-01', 'open', false],
    ['last day', { status: 'published', startsOn: '2026-10-01', endsOn: '2026-10-31' }, '2026-10-31', 'open', false],
    ['day after', { status: 'published', startsOn: '2026-10-01', endsOn: '2026-10-31' }, '2026-11-01', 'ended', true],
    ['ended early', { status: 'closed', startsOn: '2026-10-01', endsOn: '2026-10-31' }, '2026-10-05', 'ended', true],
  ];
  for (const [name, s, today, want, refused] of rows) {
    assert.equal(surveyState(s, today), want, name);
    assert.equal(answerRefusal(s, today) !== null, refused, name);
  }
  assert.match(answerRefusal({ status: 'closed', startsOn: '2026-10-01', endsOn: '2026-10-31' }, '2026-11-02')!, /已于2026-10-31结束/);
});

test('the answer schema from the questions: values, Chinese messages, everything typed kept', () => {
  const schema = answerSchema(QS);
  const read = (body: Record<string, unknown>) => parseForm(schema, body, { domain: answerDomain(QS) });
  const ok = read({ q1: '2', q2: ['1', '3'], q3: '4', q4: '  好 ', q5: ['1', '2'] });
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.deepEqual(storedAnswers(QS, ok.values as Record<string, unknown>), { q1: '2', q2: ['1', '3'], q3: 4, q4: '好', q5: ['1', '2'] });

  const rows: [string, Record<string, unknown>, Record<string, RegExp>][] = [
    ['required single and rating missing', { q5: ['1', '2'] }, { q1: /第1题（题目1）”为必填项/, q3: /第3题.*为必填项/ }],
    ['option not offered', { q1: '9', q3: '3', q5: ['1', '2'] }, { q1: /取值无效/ }],
    ['rating out of range', { q1: '1', q3: '6', q5: ['1', '2'] }, { q3: /不能大于5/ }],
    ['rating not a number', { q1: '1', q3: 'x', q5: ['1', '2'] }, { q3: /应为整数/ }],
    ['too many choices', { q1: '1', q3: '3', q2: ['1', '2', '3'], q5: ['1', '2'] }, { q2: /最多只能有2项/ }],
    ['required multiple below its minimum', { q1: '1', q3: '3', q5: ['1'] }, { q5: /至少应选择2项/ }],
    ['required multiple empty', { q1: '1', q3: '3' }, { q5: /至少应选择2项/ }],
    ['free text too long', { q1: '1', q3: '3', q4: 'a'.repeat(21), q5: ['1', '2'] }, { q4: /不能超过20个字符/ }],
  ];
  for (const [name, body, want] of rows) {
    const r = read(body);
    assert.ok(!r.ok, name);
    if (r.ok) continue;
    assert.deepEqual(Object.keys(r.errors).sort(), Object.keys(want).sort(), `${name}: ${JSON.stringify(r.errors)}`);
    for (const [k, re] of Object.entries(want)) assert.match(r.errors[k]!, re, name);
    // The values come back as typed.
    for (const [k, v] of Object.entries(body)) if (k !== 'q4') assert.deepEqual(r.values[k], v, `${name}: ${k} kept`);
  }
  // Optional multiple with a minimum: empty is fine, one is not.
  const opt = [q(1, 'multiple', { minChoices: 2 })];
  assert.ok(parseForm(answerSchema(opt), {}, { domain: answerDomain(opt) }).ok);
  const one = parseForm(answerSchema(opt), { q1: '1' }, { domain: answerDomain(opt) });
  assert.ok(!one.ok && /至少应选择2项/.test(one.errors.q1!));
  // Phone: required and a mobile number.
  const phone = answerSchema([q(1, 'rating')], { phone: true });
  assert.ok(!parseForm(phone, {}).ok);
  const bad = parseForm(phone, { phone: '12345' });
  assert.ok(!bad.ok && /手机号码/.test(bad.errors.phone!));
  assert.ok(parseForm(phone, { phone: '13912345678' }).ok);
});

test('question definitions', () => {
  const rows: [string, Record<string, string>, string[] | null][] = [
    ['single with options', { kind: 'single', title: '甲', options: '是\n否' }, null],
    ['single needs two options', { kind: 'single', title: '甲', options: '是' }, ['options']],
    ['duplicate options', { kind: 'multiple', title: '甲', options: '是\n是' }, ['options']],
    ['min above max', { kind: 'multiple', title: '甲', options: 'a\nb\nc', minChoices: '3', maxChoices: '2' }, ['maxChoices']],
    ['max above options', { kind: 'multiple', title: '甲', options: 'a\nb', maxChoices: '5' }, ['maxChoices']],
    ['text limit bounded', { kind: 'text', title: '甲', maxLength: '5000' }, ['maxLength']],
    ['rating, no title', { kind: 'rating', title: '' }, ['title']],
    ['unknown kind', { kind: 'matrix', title: '甲' }, ['kind']],
  ];
  for (const [name, s, want] of rows) {
    const r = checkQuestion(s);
    assert.deepEqual(r.ok ? null : Object.keys(r.errors), want, name);
  }
  const t = checkQuestion({ kind: 'text', title: '意见', required: '1' });
  assert.ok(t.ok && t.q.maxLength === 500 && t.q.required && t.q.options!.length === 0);
});

test('aggregation: counts, percentages, rating averages, texts newest first; CSV cells', () => {
  const answers: { id: number; answers: Answers }[] = [
    { id: 1, answers: { q1: '1', q2: ['1', '2'], q3: 5, q4: '<script>alert(1)</script>', q5: ['1', '2'] } },
    { id: 2, answers: { q1: '1', q2: ['2'], q3: 4, q5: ['2', '3'] } },
    { id: 3, answers: { q1: '3', q3: 2, q4: '网站好用', q5: ['1', '4'] } },
    { id: 4, answers: { q1: '2', q3: 9, q5: ['1', '9'] } },
  ];
  const r = aggregate(QS, answers);
  assert.equal(r.responses, 4);
  const [single, multi, rating, text, multi2] = r.questions;
  assert.ok(single!.kind === 'single');
  assert.deepEqual(single!.kind === 'single' && single!.options.map((o) => [o.label, o.count, o.percent]), [['甲', 2, 50], ['乙', 1, 25], ['丙', 1, 25], ['丁', 0, 0]]);
  assert.ok(multi!.kind === 'multiple' && multi!.answered === 2);
  assert.deepEqual(multi!.kind === 'multiple' && multi!.options.map((o) => o.percent), [50, 100, 0, 0]);
  // 9 is not a rating: left out of the count and the average.
  assert.ok(rating!.kind === 'rating' && rating!.answered === 3 && rating!.average === 3.67);
  assert.deepEqual(rating!.kind === 'rating' && rating!.options.map((o) => o.count), [0, 1, 0, 1, 1]);
  assert.ok(text!.kind === 'text');
  assert.deepEqual(text!.kind === 'text' && text!.texts.map((t) => t.responseId), [3, 1]);
  assert.ok(multi2!.kind === 'multiple' && multi2!.options[0]!.count === 3);
  assert.deepEqual(aggregate(QS, []).questions.map((x) => x.answered), [0, 0, 0, 0, 0]);
  assert.equal(aggregate([q(1, 'rating')], []).questions[0]!.kind === 'rating' && (aggregate([q(1, 'rating')], []).questions[0] as { average: number | null }).average, null);
  assert.deepEqual(answerCells(QS, answers[0]!.answers), ['甲', '甲、乙', '5', '<script>alert(1)</script>', '甲、乙']);
});

test('整改 overdue: open and due before today', () => {
  const rows: [string, 'open' | 'rectified' | 'explained', string, string, boolean][] = [
    ['due today', 'open', '2026-10-10', '2026-10-10', false],
    ['due yesterday', 'open', '2026-10-09', '2026-10-10', true],
    ['due across the year end', 'open', '2026-12-31', '2027-01-01', true],
    ['closed late is not overdue', 'rectified', '2026-10-01', '2026-10-10', false],
    ['explained', 'explained', '2026-10-01', '2026-10-10', false],
    ['not yet due', 'open', '2026-11-01', '2026-10-10', false],
  ];
  for (const [name, status, dueOn, today, want] of rows) assert.equal(isOverdue({ status, dueOn }, today), want, name);
});

test('复制为新问卷: the period moves to today with the same length; the title is marked and bounded', () => {
  const rows: [string, { startsOn: string; endsOn: string }, string, { startsOn: string; endsOn: string }][] = [
    ['30 days', { startsOn: '2026-10-01', endsOn: '2026-10-31' }, '2026-12-10', { startsOn: '2026-12-10', endsOn: '2027-01-09' }],
    ['one day', { startsOn: '2026-10-01', endsOn: '2026-10-01' }, '2026-12-10', { startsOn: '2026-12-10', endsOn: '2026-12-10' }],
    ['over 29 February', { startsOn: '2027-03-01', endsOn: '2027-03-10' }, '2028-02-25', { startsOn: '2028-02-25', endsOn: '2028-03-05' }],
  ];
  for (const [name, src, today, want] of rows) assert.deepEqual(copyPeriod(src, today), want, name);
  assert.equal(copyTitle('社会评议'), '社会评议（副本）');
  const long = '评'.repeat(100);
  assert.equal(copyTitle(long).length, 100);
  assert.ok(copyTitle(long).endsWith('（副本）'));
});
