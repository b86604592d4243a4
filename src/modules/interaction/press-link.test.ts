import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interviewPrefill, pressLinkRefusal, type PressEventFacts } from './press-link.ts';

const ev: PressEventFacts = {
  id: 7, orgId: 3, orgName: '云溪县教育体育局', type: 'interview', status: 'approved', approvedAt: new Date('2027-03-01T02:00:00Z'),
  title: '中小学生近视防控在线访谈', plannedAt: new Date('2027-03-10T07:30:00Z'), speaker: '县教体局局长 王明德', guests: '县人民医院眼科主任',
};

test('only an approved (or held after approval) 在线访谈 event may have an interview page', () => {
  const rows: [Partial<PressEventFacts>, RegExp | null][] = [
    [{}, null],
    [{ status: 'held' }, null],
    [{ type: 'conference' }, /在线访谈/],
    [{ status: 'in_review', approvedAt: null }, /批准后/],
    [{ status: 'held', approvedAt: null }, /批准后/],
    [{ status: 'cancelled' }, /批准后/],
    [{ status: 'refused', approvedAt: null }, /批准后/],
  ];
  for (const [p, want] of rows) {
    const r = pressLinkRefusal({ ...ev, ...p });
    if (want === null) assert.equal(r, null, JSON.stringify(p));
    else assert.match(r ?? '', want, JSON.stringify(p));
  }
});

test('the form is prefilled from the event in Beijing time, with the experts among the guests', () => {
  const v = interviewPrefill(ev, [{ name: '郑秀华', field: '教育政策' }]);
  assert.deepEqual({ ...v, preview: undefined }, {
    orgId: '3', title: '中小学生近视防控在线访谈', guests: '县教体局局长 王明德；县人民医院眼科主任；教育政策专家 郑秀华',
    date: '2027-03-10', startTime: '15:30', endTime: '17:00', preview: undefined, pressEventId: '7',
  });
  assert.match(String(v.preview), /^云溪县教育体育局将于2027年3月10日15:30举办“中小学生近视防控在线访谈”在线访谈，邀请县教体局局长 王明德和郑秀华等专家与网民在线交流。/);
  const late = interviewPrefill({ ...ev, plannedAt: new Date('2027-03-10T15:00:00Z'), guests: '' }, []);
  assert.equal(late.startTime, '23:00');
  assert.equal(late.endTime, '23:59', 'ends on its day');
  assert.equal(late.guests, '县教体局局长 王明德');
  const long = interviewPrefill({ ...ev, guests: '嘉'.repeat(600) }, []);
  assert.equal(Array.from(String(long.guests)).length, 500);
});
