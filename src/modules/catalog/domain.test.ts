import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinCalendar, createCalendar } from '../../calendar/index.ts';
import {
  ART20_ITEMS, CATEGORIES, DEFAULT_INDEX_FORMAT, changedFields, computeDue, dueState, emptyForm, inForceAt, issuedInYear,
  recordToForm, renderIndexNo, repealedInYear, validateIndexFormat, validateRecordInput, type RecordForm,
} from './domain.ts';

const OPTS = { today: '2024-06-14', currentYear: 2024 };
const GOOD: Partial<RecordForm> = {
  title: '云溪县教育体育局关于做好2024年义务教育招生工作的通知', docNo: '云教体发[2024]12号', generatedOn: '2024-05-08',
  category: 'zcwj', keywords: '义务教育 招生', docType: 'normative',
};

test('categories: the nine classes of seed 002, each mapped to a 第二十条 item', () => {
  assert.deepEqual(CATEGORIES.map((c) => c.label), ['机构概况', '政策文件', '政府决策', '工作信息', '人事信息', '行政执法', '财政信息', '公共服务', '社会监督']);
  assert.deepEqual(CATEGORIES.map((c) => c.code), ['jggk', 'zcwj', 'zfjc', 'gzxx', 'rsxx', 'xzzf', 'czxx', 'ggfw', 'shjd']);
  assert.deepEqual(ART20_ITEMS.map((x) => x.item), Array.from({ length: 15 }, (_, i) => i + 1));
  for (const c of CATEGORIES) assert.ok(c.art20 >= 1 && c.art20 <= 15);
  assert.equal(ART20_ITEMS[9].label, '重大建设项目的批准和实施情况');
});

test('validateRecordInput: valid input is normalised', () => {
  const r = validateRecordInput({ ...GOOD, keywords: '  义务教育　 招生 ', importantPolicy: '1' }, OPTS);
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.value.docNo, '云教体发〔2024〕12号');
  assert.equal(r.value.docNoAgency, '云教体发');
  assert.equal(r.value.docNoYear, 2024);
  assert.equal(r.value.docNoSeq, 12);
  assert.equal(r.value.keywords, '义务教育 招生');
  assert.equal(r.value.art20Item, 1, 'defaults from the category');
  assert.equal(r.value.importantPolicy, true);
  assert.equal(r.value.disclosure, 'active');
  assert.equal(r.value.publisher, null);
});

test('validateRecordInput: per-field Chinese errors', () => {
  const cases: [Partial<RecordForm>, keyof RecordForm, RegExp][] = [
    [{ title: '' }, 'title', /信息名称/],
    [{ title: '题'.repeat(201) }, 'title', /200/],
    [{ docNo: '云教体发2024-12' }, 'docNo', /文号/],
    [{ generatedOn: '' }, 'generatedOn', /生成日期/],
    [{ generatedOn: '2024-02-30' }, 'generatedOn', /有效日期/],
    [{ generatedOn: '2024-06-15' }, 'generatedOn', /晚于今天/],
    [{ category: '' }, 'category', /主题分类/],
    [{ category: 'xyz' }, 'category', /无效/],
    [{ keywords: '' }, 'keywords', /关键词/],
    [{ keywords: '义务教育 中华人民共和国义务教育法' }, 'keywords', /中华人民共和国义务教育法/],
    [{ disclosure: 'withheld' }, 'withheldGround', /不予公开理由/],
    [{ disclosure: 'secret' }, 'disclosure', /无效/],
    [{ term: 'limited' }, 'termEnd', /截止日期/],
    [{ term: 'limited', termEnd: '2024-05-01' }, 'termEnd', /晚于生成日期/],
    [{ art20Item: '16' }, 'art20Item', /十五/],
    [{ docType: 'law' }, 'docType', /文件类型/],
    [{ validity: 'repealed' }, 'repealedOn', /废止日期/],
    [{ validity: 'repealed', repealedOn: '2024-01-01' }, 'repealedOn', /早于生成日期/],
    [{ validity: 'expired', expiredOn: 'soon' }, 'expiredOn', /有效日期/],
    [{ description: '述'.repeat(2001) }, 'description', /2000/],
    [{ responsibleDept: '部'.repeat(51) }, 'responsibleDept', /50/],
    [{ body: 'x'.repeat(500_001) }, 'body', /500000/],
    [{ timeLimit: 'week' }, 'timeLimit', /发布时限/],
  ];
  for (const [patch, fieldName, re] of cases) {
    const r = validateRecordInput({ ...GOOD, ...patch }, OPTS);
    assert.equal(r.ok, false, JSON.stringify(patch).slice(0, 80));
    if (r.ok) continue;
    assert.match(r.errors[fieldName] ?? '', re, `${fieldName}: ${r.errors[fieldName]}`);
  }
});

test('validateRecordInput: labels are accepted for enumerations, junk types ignored', () => {
  const r = validateRecordInput({ ...GOOD, category: '政策文件', disclosure: '不予公开', withheldGround: '涉及个人隐私', withheldReason: '含有个人信息', title: 42 as unknown as string }, OPTS);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(Object.keys(r.errors), ['title']);
  const ok = validateRecordInput({ ...GOOD, disclosure: '不予公开', withheldGround: '涉及个人隐私' }, OPTS);
  assert.ok(ok.ok && ok.value.withheldGround === 'privacy');
  const active = validateRecordInput({ ...GOOD, withheldReason: '不应保留' }, OPTS);
  assert.ok(active.ok && active.value.withheldReason === null, 'a reason only travels with 不予公开');
});

test('index number formats: render and validate', () => {
  const p = { orgCode: '11361129MB1234567X', regionCode: '361129', year: 2024, seq: 7 };
  const cases: [string, string][] = [
    [DEFAULT_INDEX_FORMAT, '11361129MB1234567X/2024-00007'],
    ['{orgCode}-{year}-{seq}', '11361129MB1234567X-2024-7'],
    ['{regionCode}/{orgCode}/{year}/{seq:3}', '361129/11361129MB1234567X/2024/007'],
    ['YX{orgCode}{year}{seq:1}', 'YX11361129MB1234567X20247'],
  ];
  for (const [f, want] of cases) {
    assert.equal(validateIndexFormat(f), null, f);
    assert.equal(renderIndexNo(f, p), want);
  }
  assert.equal(renderIndexNo('{orgCode}/{year}-{seq:5}', { ...p, seq: 123456 }), '11361129MB1234567X/2024-123456', 'never truncated');
  const bad: [string, RegExp][] = [
    ['', /填写/],
    ['{orgCode}/{year}', /流水号/],
    ['{year}-{seq}', /机构代码/],
    ['{orgCode}-{seq}', /年份/],
    ['{orgCode}/{year}-{seq}/{month}', /无法识别/],
    ['{orgCode}/{year}-{seq:0}', /无法识别/],
    ['{orgCode}/{year}-{seq', /花括号/],
    ['{orgCode} {year}-{seq}', /空格/],
    ['{orgCode}/{year}-{seq}' + 'x'.repeat(50), /60/],
  ];
  for (const [f, re] of bad) assert.match(validateIndexFormat(f) ?? '', re, f);
});

test('computeDue: 20 and 10 working days by the calendar, 24 hours after the activity day', () => {
  const cal = builtinCalendar();
  // 2024-09-30 (Mon) + 20 working days crosses the National Day holiday (10-01..07; 10-12 Sat is a make-up day).
  assert.deepEqual(computeDue('art26', '2024-09-30', cal), { dueOn: '2024-11-01', dueAt: null, provisional: false });
  // 2024-05-11 (Sat) was a make-up working day after 劳动节.
  assert.deepEqual(computeDue('normative10', '2024-05-08', cal), { dueOn: '2024-05-21', dueAt: null, provisional: false });
  const a = computeDue('activity24h', '2024-05-08', cal);
  assert.equal(a.dueOn, '2024-05-09');
  assert.equal(a.dueAt?.toISOString(), '2024-05-09T16:00:00.000Z');
  const empty = createCalendar({ overrides: [], coveredYears: [2024] });
  assert.equal(computeDue('art26', '2024-12-20', empty).provisional, true, 'a due date in an uncovered year is provisional');
});

test('dueState: overdue, soon (within 5 working days), ok', () => {
  const cal = createCalendar({ overrides: [], coveredYears: [2024] });
  const now = new Date('2024-06-14T02:00:00Z');
  assert.equal(dueState({ dueOn: '2024-06-13', dueAt: null }, '2024-06-14', now, cal), 'overdue');
  assert.equal(dueState({ dueOn: '2024-06-14', dueAt: null }, '2024-06-14', now, cal), 'soon');
  assert.equal(dueState({ dueOn: '2024-06-21', dueAt: null }, '2024-06-14', now, cal), 'soon');
  assert.equal(dueState({ dueOn: '2024-06-24', dueAt: null }, '2024-06-14', now, cal), 'ok');
  assert.equal(dueState({ dueOn: null, dueAt: null }, '2024-06-14', now, cal), 'none');
  assert.equal(dueState({ dueOn: '2024-06-14', dueAt: '2024-06-14T01:00:00Z' }, '2024-06-14', now, cal), 'overdue');
});

test('validity helpers for the annual report', () => {
  const valid = { generatedOn: '2023-03-01', validity: 'valid' };
  const repealed = { generatedOn: '2020-03-01', validity: 'repealed', repealedOn: '2024-02-01' };
  const expired = { generatedOn: '2024-01-10', validity: 'expired', expiredOn: '2024-12-31' };
  const later = { generatedOn: '2024-01-10', effectiveOn: '2024-03-01', validity: 'valid' };
  assert.equal(issuedInYear(valid, 2023), true);
  assert.equal(issuedInYear(valid, 2024), false);
  assert.equal(repealedInYear(repealed, 2024), true);
  assert.equal(repealedInYear(expired, 2024), true);
  assert.equal(repealedInYear(valid, 2024), false);
  assert.equal(inForceAt(valid, '2024-12-31'), true);
  assert.equal(inForceAt(repealed, '2024-12-31'), false);
  assert.equal(inForceAt(repealed, '2023-12-31'), true);
  assert.equal(inForceAt(expired, '2024-12-30'), true);
  assert.equal(inForceAt(expired, '2024-12-31'), false);
  assert.equal(inForceAt(later, '2024-02-01'), false);
  assert.equal(inForceAt(valid, '2022-12-31'), false);
});

test('recordToForm and changedFields', () => {
  const f = recordToForm({ title: 'A', art20Item: 5, importantPolicy: true, description: null });
  assert.equal(f.art20Item, '5');
  assert.equal(f.importantPolicy, '1');
  assert.equal(f.description, '');
  assert.deepEqual(changedFields(f, { ...f, title: 'B', body: 'x' }), ['title', 'body']);
  assert.equal(emptyForm().disclosure, 'active');
});
