// Every audit action the code writes has a Chinese label on the audit log screen: the action codes
// are collected from the source (`action: '…'` and the requests module's `audit(tx, actor, '…', …)`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SRC_DIR, sourceFiles } from '../../../test/support/sources.ts';
import { actionLabel } from './present.ts';
import { registerAuditLabelsOf } from '../modules/index.ts';
import { MODULES } from '../../modules/index.ts';
import { ACTIONS } from '../../modules/auth/policy.ts';

const src = SRC_DIR;


test('every audit action written in src/ has a Chinese label', () => {
  registerAuditLabelsOf(MODULES);
  const actions = new Set<string>();
  for (const f of sourceFiles()) {
    const text = fs.readFileSync(f, 'utf8');
    // Audit writes only: writeAudit(…, { action: '…' }) and the requests module's audit(tx, actor, '…').
    if (!/writeAudit|audit\(tx/.test(text)) continue;
    for (const m of text.matchAll(/\baction: '([a-z_]+\.[a-z_.]+)'/g)) actions.add(m[1]!);
    for (const m of text.matchAll(/\baudit\(tx, [^,]+, '([a-z_]+\.[a-z_.]+)'/g)) actions.add(m[1]!);
  }
  assert.ok(actions.size > 40, `found ${actions.size} actions`);
  // Navigation entries also say `action: '…'`, naming a policy action: not an audit action.
  const missing = [...actions].filter((a) => !Object.hasOwn(ACTIONS, a)).filter((a) => actionLabel(a) === a).sort();
  assert.deepEqual(missing, []);
});

test('every object type written to the audit log has a Chinese name', async () => {
  const { entityLabel } = await import('./present.ts');
  registerAuditLabelsOf(MODULES);
  const types = new Set<string>();
  for (const f of sourceFiles()) {
    const text = fs.readFileSync(f, 'utf8');
    if (!/writeAudit|audit\(tx/.test(text)) continue;
    for (const m of text.matchAll(/\bentityType: '([a-z_]+)'/g)) types.add(m[1]!);
  }
  assert.ok(types.size > 10, `found ${types.size} object types`);
  assert.deepEqual([...types].filter((t) => entityLabel(t, null) === t).sort(), []);
});

test('summary keys and coded values of a module read in Chinese; outcomes do not repeat their group', async () => {
  const { summaryLines, entityOptions } = await import('./present.ts');
  const { outcomeLabel } = await import('../../modules/requests/model.ts');
  registerAuditLabelsOf(MODULES);
  const lines = summaryLines({ trackingNo: '2026-001-00001', channel: 'online', applicantType: 'natural', outcome: '1', answerKind: 'published' }, 400, 'request.register');
  assert.deepEqual(lines, ['受理编号：2026-001-00001', '申请方式：网上申请', '申请人类型：自然人', '办理结果：（一）予以公开', '答复类型：已主动公开，告知获取方式和途径']);
  assert.equal(outcomeLabel('1'), '（一）予以公开');
  assert.equal(outcomeLabel('2'), '（二）部分公开（区分处理）');
  assert.ok(entityOptions().some((o) => o.value === 'api_token' && o.label === '接口令牌'));
});

test('one summary key may mean different things in two modules: each row reads with its own module\u2019s labels', async () => {
  const { summaryLines } = await import('./present.ts');
  registerAuditLabelsOf(MODULES);
  assert.deepEqual(summaryLines({ dueOn: '2027-01-31' }, 400, 'spokesperson.round.open'), ['截止日期：2027-01-31']);
  registerAuditLabelsOf([
    { name: 'alpha', title: '甲', auditLabels: { labels: { 'alpha.open': '甲开启' }, fields: { dueOn: '确认截止日期' }, values: { mode: { a: '方式甲' } } } },
    { name: 'beta', title: '乙', auditLabels: { labels: { 'beta.open': '乙开启' }, fields: { dueOn: '整改期限' }, values: { mode: { a: '方式乙' } } } },
  ]);
  assert.deepEqual(summaryLines({ dueOn: '2027-01-31', mode: 'a' }, 400, 'alpha.open'), ['确认截止日期：2027-01-31', 'mode：方式甲']);
  assert.deepEqual(summaryLines({ dueOn: '2027-01-31', mode: 'a' }, 400, 'beta.open'), ['整改期限：2027-01-31', 'mode：方式乙']);
  // Platform keys read the same in every row.
  assert.deepEqual(summaryLines({ title: '甲' }, 400, 'beta.open'), ['标题：甲']);
});
