// Pure rules of findings: one per value across places, per-kind counts, the preview keeping decisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanTargets } from './domain.ts';
import { GROUP_TOKEN_RE, groupFindings, openByKind, placesLabel, previewFindings, type FindingView } from './findings.ts';

const TODAY = '2024-06-14';
const names = new Map([[7, '名单.xlsx']]);
const scanned = scanTargets([
  { source: 'title', attachmentId: null, text: '关于公布咨询电话13912345678的通知' },
  { source: 'body', attachmentId: null, text: '电话：139-1234-5678；13912345678；另 13812345678。' },
  { source: 'description', attachmentId: null, text: '咨询 13812345678' },
  { source: 'attachment', attachmentId: 7, text: '联系人手机 +86 139 1234 5678' },
], TODAY);

test('the same number written three ways in three places is one finding; each place keeps its offsets', () => {
  const groups = groupFindings(previewFindings([], scanned, names));
  const g139 = groups.find((g) => g.excerpt.startsWith('139'))!;
  assert.equal(placesLabel(g139.places), '信息名称、正文（2 处）、附件：名单.xlsx');
  assert.equal(g139.items.length, 4);
  assert.ok(g139.maskable && !g139.allowable);
  assert.match(g139.token, GROUP_TOKEN_RE);
  const g138 = groups.find((g) => g.excerpt.startsWith('138'))!;
  assert.equal(placesLabel(g138.places), '正文、内容描述');
  assert.equal(g138.maskable, false, 'a catalogue field cannot be masked');
  assert.deepEqual(openByKind(groups), [{ kind: 'mobile', open: 2, maskable: 1 }]);
});

test('the preview keeps a decision taken at the same place; a value half decided is still open', () => {
  const first = scanned[0]!;
  const stored = [{ ...first, id: 11, resolution: 'redact', reason: null, resolvedByName: '李思远' }];
  const view = previewFindings(stored, scanned, names);
  assert.equal(view[0]!.id, 11);
  assert.equal(view[0]!.resolution, 'redact');
  assert.ok(view.slice(1).every((f) => f.id === null));
  const g = groupFindings(view).find((x) => x.excerpt.startsWith('139'))!;
  assert.ok(g.open);
  assert.equal(g.resolution, null);
  const all = groupFindings(view.map((f) => ({ ...f, resolution: 'accept', reason: '已公开', resolvedByName: '程守一' })));
  assert.ok(all.every((x) => !x.open && x.resolution === 'accept' && x.reason === '已公开'));
});

test('findings stored before value keys existed stay one per row', () => {
  const legacy: FindingView[] = scanned.slice(1, 3).map((f, i) => ({ ...f, valueKey: null, id: 100 + i, resolution: null, reason: null, resolvedByName: null, attachmentName: null }));
  const groups = groupFindings(legacy);
  assert.equal(groups.length, 2);
  assert.deepEqual(groups.map((g) => g.token), ['mobile-id100', 'mobile-id101']);
});
