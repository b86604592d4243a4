// The workflow table against a matrix written out by hand: which action may be taken in which state
// (Y), refused because the case is closed (C), not yet received (R), or not in this state (-).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_ACTIONS, checkTransition, WORKFLOW, type CaseAction } from './workflow.ts';
import { ACTIONS } from '../auth/policy.ts';
import { STATUS_KEYS } from './model.ts';

//                        submitted handling awaiting_supplement consulting awaiting_fee reply_review closed
const MATRIX: Record<CaseAction, string> = {
  assign:             'Y Y Y Y Y Y C',
  transfer:           'Y Y Y Y Y - C',
  sendCorrection:     'R Y - - - - C',
  receiveSupplement:  '- - Y - - - -',
  startConsultation:  'R Y - Y - - C',
  endConsultation:    '- - - Y - - -',
  sendFeeNotice:      'R Y - - - - C',
  recordFeePaid:      '- - - - Y - -',
  expireCorrection:   '- - Y - - - -',
  expireFee:          '- - - - Y - -',
  requestExtension:   'R Y Y Y Y - C',
  decideExtension:    'Y Y Y Y Y Y C',
  draftReply:         'R Y - - - - C',
  submitReply:        'R Y - - - - C',
  actOnReply:         '- - - - - Y -',
  uploadDocument:     'Y Y Y Y Y Y C',
  deliverDocument:    'Y Y Y Y Y Y Y',
};

test('every action × state is allowed or refused as the matrix says', () => {
  assert.deepEqual([...CASE_ACTIONS].sort(), Object.keys(MATRIX).sort());
  const order = ['submitted', 'handling', 'awaiting_supplement', 'consulting', 'awaiting_fee', 'reply_review', 'closed'];
  assert.deepEqual([...STATUS_KEYS].sort(), [...order].sort());
  for (const action of CASE_ACTIONS) {
    const cells = MATRIX[action].split(' ');
    order.forEach((status, i) => {
      const receivedOn = status === 'submitted' ? null : '2026-09-18';
      const r = checkTransition(action, { status, receivedOn });
      const got = r === null ? 'Y' : r.reason === 'closed' ? 'C' : r.reason === 'not_received' ? 'R' : '-';
      assert.equal(got, cells[i], `${action} in ${status}`);
      if (r) assert.ok(r.message.length > 4 && /[\u4e00-\u9fff]/.test(r.message), `${action} in ${status} has a Chinese message`);
    });
  }
});

test('a received case without a 收到申请之日 cannot start the clock-bound actions', () => {
  assert.equal(checkTransition('sendCorrection', { status: 'handling', receivedOn: null })?.reason, 'not_received');
  assert.equal(checkTransition('assign', { status: 'handling', receivedOn: null }), null);
});

test('state-specific refusals say why', () => {
  assert.match(checkTransition('draftReply', { status: 'reply_review', receivedOn: '2026-09-18' })!.message, /审核中/);
  assert.match(checkTransition('receiveSupplement', { status: 'closed', receivedOn: '2026-09-18' })!.message, /已办结/);
});

test('every permission in the table is a policy action', () => {
  for (const a of CASE_ACTIONS) assert.ok(Object.hasOwn(ACTIONS, WORKFLOW[a].permission), `${a}: ${WORKFLOW[a].permission}`);
});
