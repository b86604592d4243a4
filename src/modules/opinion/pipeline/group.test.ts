import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addItem, addRepost, assignIncident, DEFAULT_GROUP_OPTIONS, matchScore, mergeIncidents, splitItems, startIncident, summarise } from './group.ts';
import { IncidentIndex } from './group-index.ts';
import { analyseItem, toGroupItem, type PipelineDeps } from './index.ts';
import { DEFAULT_LEXICONS } from './lexicons.ts';
import type { GroupItem, IncidentSummary } from './types.ts';
import * as S from './samples.fixtures.ts';

const deps: PipelineDeps = {
  lexicons: DEFAULT_LEXICONS,
  gazetteer: [{ name: '莲塘镇', kind: '乡镇', aliases: ['莲塘'] }, { name: '澄碧湖路', kind: '地标' }, { name: '向塘镇', kind: '乡镇' }],
};
const T0 = new Date('2026-07-01T14:00:00+08:00');
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);
const item = (text: string, at = T0): GroupItem => toGroupItem(analyseItem({ text, publishedAt: at }, deps), at);

test('assignIncident: related posts join, other topics open their own incident', () => {
  const flood = startIncident('flood', item(S.FLOOD_A));
  const school = startIncident('school', item(S.SCHOOL_A));
  const open = [school, flood];
  const cases: [string, string, Date, string | null][] = [
    ['same road, same storm, an hour later', S.FLOOD_A_RELATED[0]!, hours(1), 'flood'],
    ['same road, the traffic', S.FLOOD_A_RELATED[1]!, hours(2), 'flood'],
    ['the drains of the same road', S.FLOOD_A_RELATED[2]!, hours(30), 'flood'],
    ['a lightly edited copy', S.FLOOD_A_EDITED, hours(1), 'flood'],
    ['school copy', S.SCHOOL_A_EDITED, hours(3), 'school'],
    ['another town, another road', S.FLOOD_B, hours(1), null],
    ['wages', S.WAGE_A, hours(1), null],
    ['kindergarten food', S.FOOD_A, hours(1), null],
    // Outside the 72-hour window after the incident's last item: a new incident.
    ['same road, four days later', S.FLOOD_A_RELATED[0]!, hours(73), null],
    ['before the incident, within the window', S.FLOOD_A_RELATED[1]!, hours(-48), 'flood'],
  ];
  for (const [name, text, at, expected] of cases) {
    const d = assignIncident(item(text, at), open);
    if (expected === null) assert.equal(d.action, 'new', `${name}: ${JSON.stringify(d)}`);
    else {
      assert.equal(d.action, 'join', `${name}: ${JSON.stringify(d)}`);
      if (d.action === 'join') {
        assert.equal(d.incidentId, expected, name);
        assert.ok(d.score >= DEFAULT_GROUP_OPTIONS.threshold && d.matched.length > 0, name);
      }
    }
  }
  assert.deepEqual(assignIncident(item(S.WAGE_A), []), { action: 'new', best: null });
});

test('assignIncident: window and threshold are options', () => {
  const flood = startIncident('flood', item(S.FLOOD_A));
  const late = item(S.FLOOD_A_RELATED[0]!, hours(100));
  assert.equal(assignIncident(late, [flood]).action, 'new');
  assert.equal(assignIncident(late, [flood], { ...DEFAULT_GROUP_OPTIONS, windowHours: 120 }).action, 'join');
  const near = item(S.FLOOD_A_RELATED[0]!, hours(1));
  const strict = assignIncident(near, [flood], { ...DEFAULT_GROUP_OPTIONS, threshold: 0.95 });
  assert.equal(strict.action, 'new');
  if (strict.action === 'new') assert.equal(strict.best?.incidentId, 'flood', 'the best candidate is still reported');
});

test('matchScore: 1 for the same item, 0 for nothing shared, bounded', () => {
  const a = item(S.FLOOD_A);
  assert.equal(matchScore(a, startIncident('x', a)).score, 1);
  assert.equal(matchScore(item(S.WAGE_A), startIncident('x', a)).score, 0);
  const s = matchScore(item(S.FLOOD_A_RELATED[0]!), startIncident('x', a)).score;
  assert.ok(s > 0 && s < 1);
});

test('addItem / addRepost: keyword weights add up, counts and span move, input unchanged', () => {
  const a = item(S.FLOOD_A);
  const b = item(S.FLOOD_A_RELATED[0]!, hours(5));
  const one = startIncident('i', a);
  const two = addItem(one, b);
  assert.equal(one.itemCount, 1, 'the summary given is not changed');
  assert.equal(two.itemCount, 2);
  assert.equal(two.lastItemAt.getTime(), hours(5).getTime());
  const w = (s: IncidentSummary, t: string) => s.keywords.find((k) => k.term === t)?.weight ?? 0;
  const shared = a.keywords.find((k) => b.keywords.some((x) => x.term === k.term))!;
  assert.ok(shared, 'the two posts share a keyword');
  const expected = shared.weight + b.keywords.find((k) => k.term === shared.term)!.weight;
  assert.ok(Math.abs(w(two, shared.term) - expected) < 0.02);
  // A term both posts carry is counted twice in the centroid.
  const i = two.centroid.indexOf('澄碧');
  assert.equal(two.centroidCounts[i], 2);
  const r = addRepost(two, hours(9));
  assert.equal(r.repostCount, 1);
  assert.equal(r.itemCount, 2);
  assert.equal(r.lastItemAt.getTime(), hours(9).getTime());
});

test('mergeIncidents: union of keywords, summed counts, widest span, the target id', () => {
  const x = addRepost(startIncident('x', item(S.FLOOD_A, hours(2))), hours(3));
  const y = startIncident('y', item(S.FLOOD_B, hours(-1)));
  const m = mergeIncidents(x, y);
  assert.equal(m.id, 'x');
  assert.equal(m.itemCount, 2);
  assert.equal(m.repostCount, 1);
  assert.equal(m.firstItemAt.getTime(), hours(-1).getTime());
  assert.equal(m.lastItemAt.getTime(), hours(3).getTime());
  for (const k of [...x.keywords, ...y.keywords]) assert.ok(m.keywords.some((mk) => mk.term === k.term), k.term);
  assert.ok(m.keywords.length <= DEFAULT_GROUP_OPTIONS.maxKeywords);
  assert.deepEqual(m.places.sort(), ['向塘镇', '澄碧湖路', '莲塘镇'].sort());
  // Merging is the same as summarising all items together.
  const all = summarise('x', [item(S.FLOOD_A, hours(2)), item(S.FLOOD_B, hours(-1))], 1);
  assert.deepEqual(m.keywords.map((k) => k.term).sort(), all.keywords.map((k) => k.term).sort());
});

test('splitItems: both sides recomputed from their members, reposts move with their item', () => {
  const members = [
    { item: item(S.FLOOD_A), reposts: 3 },
    { item: item(S.FLOOD_A_RELATED[0]!, hours(1)), reposts: 0 },
    { item: item(S.WAGE_A, hours(2)), reposts: 5 },
  ];
  const { kept, split } = splitItems('i', members, new Set([2]), 'j');
  assert.deepEqual([kept.id, kept.itemCount, kept.repostCount], ['i', 2, 3]);
  assert.deepEqual([split.id, split.itemCount, split.repostCount], ['j', 1, 5]);
  assert.ok(split.keywords.some((k) => k.term === '农民工'));
  assert.ok(!kept.keywords.some((k) => k.term === '农民工'));
  assert.equal(kept.lastItemAt.getTime(), hours(1).getTime());
  assert.throws(() => splitItems('i', members, new Set(), 'j'), RangeError);
  assert.throws(() => splitItems('i', members, new Set([0, 1, 2]), 'j'), RangeError);
  assert.throws(() => summarise('i', []), RangeError);
});

test('IncidentIndex: the same decisions as assignIncident over the same incidents', () => {
  const stream: [string, number][] = [
    [S.FLOOD_A, 0], [S.SCHOOL_A, 0.5], [S.FLOOD_A_RELATED[0]!, 1], [S.WAGE_A, 1.5], [S.FLOOD_B, 2],
    [S.FLOOD_A_RELATED[1]!, 3], [S.SCHOOL_B, 4], [S.SCHOOL_A_EDITED, 5], [S.FLOOD_A_RELATED[2]!, 90], [S.FOOD_A, 91],
  ];
  const idx = new IncidentIndex(DEFAULT_GROUP_OPTIONS, 'c');
  const pure: IncidentSummary[] = [];
  let n = 0;
  for (const [text, h] of stream) {
    const it = item(text, hours(h));
    const a = idx.assign(it);
    const b = assignIncident(it, pure);
    assert.equal(a.action, b.action, text);
    if (b.action === 'join') {
      assert.equal(a.incidentId, b.incidentId, text);
      const i = pure.findIndex((p) => p.id === b.incidentId);
      pure[i] = addItem(pure[i]!, it);
    } else pure.push(startIncident(`c${++n}`, it));
    const s = idx.summary(a.incidentId)!;
    const p = pure.find((x) => x.id === a.incidentId)!;
    assert.equal(s.itemCount, p.itemCount);
    assert.deepEqual(s.keywords.map((k) => k.term).sort(), p.keywords.map((k) => k.term).sort());
  }
  assert.ok(idx.size >= 5);
  idx.repost('c1', hours(95));
  assert.equal(idx.summary('c1')!.repostCount, 1);
  assert.equal(idx.summary('nope'), undefined);
});

/** A long synthetic stream: topics drifting over ~9 days, each item with topic words and a word of its own. */
function syntheticStream(count: number): GroupItem[] {
  let seed = 7;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const out: GroupItem[] = [];
  for (let i = 0; i < count; i++) {
    const topic = Math.floor(i / 400) + Math.floor(rnd() * 12);
    const words = Array.from({ length: 5 }, () => `题${topic}词${Math.floor(rnd() * 40)}`);
    const keywords = [...new Set(words)].map((term) => ({ term, weight: Math.round((1 + rnd() * 9) * 100) / 100 }));
    const terms = [...new Set([...words, `常用${Math.floor(rnd() * 30)}`, `独有${i}`])];
    out.push({ keywords, terms, publishedAt: new Date(T0.getTime() + i * 30_000), places: rnd() < 0.3 ? [`镇${topic % 5}`] : [] });
  }
  return out;
}

test('IncidentIndex: expiry reuses incident slots and a bounded term table keeps the same decisions', () => {
  const stream = syntheticStream(25_000);
  // A 12-hour window over ~8.7 days: sweeps at items 10,000 and 20,000 drop incidents.
  const opts = { ...DEFAULT_GROUP_OPTIONS, windowHours: 12 };
  const unbounded = new IncidentIndex(opts, 'c');
  // Far fewer terms than the stream has (every item brings its own): the table is rebuilt at each sweep.
  const bounded = new IncidentIndex(opts, 'c', 500);
  let joins = 0;
  let opened = 0;
  const firstIds = new Set<string>();
  for (const [i, it] of stream.entries()) {
    const a = unbounded.assign(it);
    const b = bounded.assign(it);
    assert.deepEqual(b, a, `item ${i}`);
    if (a.action === 'join') joins++;
    else opened++;
    if (i < 2_000) firstIds.add(a.incidentId);
  }
  assert.ok(joins > 5_000 && joins < 24_000, `${joins} joins`);
  // Incidents of the first hours were idle for more than twice the window: dropped.
  assert.ok([...firstIds].every((id) => unbounded.summary(id) === undefined));
  assert.ok(unbounded.size > 0 && unbounded.size < opened / 2, `${unbounded.size} open of ${opened}`);
  // Dropped incidents' slots are reused: the slot table is no longer than the most ever open at once.
  const slots = (unbounded as unknown as { incidents: unknown[] }).incidents.length;
  assert.ok(slots < opened - 100, `${slots} slots for ${opened} incidents`);
  // The open incidents' summaries are the same whatever the term table did.
  const last = unbounded.assign(stream[stream.length - 1]!);
  assert.deepEqual(bounded.assign(stream[stream.length - 1]!), last);
  assert.deepEqual(bounded.summary(last.incidentId), unbounded.summary(last.incidentId));
});
