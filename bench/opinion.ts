// `npm run bench -- opinion [--n 1000000] [--seed N] [--batch 500] [--per-item]`: the pure 政务舆情 pipeline over a generated
// stream (bench/opinion-gen.ts) on one core, without the database:
//   - throughput of normalise → exact key → SimHash (one jieba call) → banded-index lookup →
//     keywords → incident assignment, against jieba segmentation alone on the same raw texts,
//     measured chunk by chunk in the same run (so both see the same machine load);
//   - precision and recall of duplicate detection (exact + near) on the planted copies;
//   - RSS at start, middle and end (bounded structures: exact keys and the banded index keep the last
//     WINDOW originals, incidents expire after the grouping window).
// Generation time is not counted. The push-API → PostgreSQL part is separate (pushBatches in
// opinion-gen.ts; added by the module's owner).
import { getJieba } from '../src/platform/text/tokens.ts';
import {
  analyseItem, BandedIndex, DEFAULT_GROUP_OPTIONS, DEFAULT_LEXICONS, defaultIdfTable, exactKey,
  IncidentIndex, MIN_NEAR_FEATURES, normalise, TermTable, tokenise, type GroupTermAnalysis,
} from '../src/modules/opinion/pipeline/index.ts';
import { generatePosts, type PlantedKind, type Post } from './opinion-gen.ts';

/** Originals remembered for duplicate detection (a bounded window, as a database layer keeps by time). */
const WINDOW = 200_000;
const CHUNK = 10_000;

type Outcome = { kind: 'exact' | 'near' | 'none'; of: number };

/** A map in two generations (the same bound as BandedIndex's capacity). */
class KeyWindow<K, V> {
  private cur = new Map<K, V>();
  private prev = new Map<K, V>();
  constructor(private readonly half: number) {}
  get(k: K): V | undefined {
    return this.cur.get(k) ?? this.prev.get(k);
  }
  set(k: K, v: V): void {
    if (this.cur.size >= this.half) {
      this.prev = this.cur;
      this.cur = new Map();
    }
    this.cur.set(k, v);
  }
}

const mb = () => Math.round(process.memoryUsage().rss / 1048576);

export async function runOpinionBench(argv: readonly string[]): Promise<void> {
  const flag = (name: string, dflt: number) => {
    const i = argv.indexOf(`--${name}`);
    const v = i >= 0 ? Number(argv[i + 1]) : dflt;
    return Number.isFinite(v) && v > 0 ? Math.floor(v) : dflt;
  };
  const n = flag('n', 1_000_000);
  const seed = flag('seed', 20261001);
  const jieba = getJieba();
  const idf = defaultIdfTable();
  const stop = new Set(DEFAULT_LEXICONS.stop.map((w) => normalise(w)));
  const table = new TermTable(stop, idf);
  const keys = new KeyWindow<string, number>(WINDOW / 2);
  const bands = new BandedIndex<number>({ capacity: WINDOW });
  const incidents = new IncidentIndex(DEFAULT_GROUP_OPTIONS, 'i');
  /** Original → its incident, for reposts (bounded like the other windows). */
  const incidentOf = new KeyWindow<number, string>(WINDOW / 2);

  // Warm-up: jieba's dictionary, the idf table, the normalisation tables and the JIT.
  for (const p of generatePosts(2000, { seed: seed + 1 })) { jieba.cut(p.text, false); normalise(p.text); }
  const rss: [string, number][] = [['开始', mb()]];

  // CPU time of the process as well as wall time: on a shared machine the wall clock counts the time
  // other processes held the core; the work is single-threaded, so CPU time is the per-core cost.
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

  // Item by item (--per-item): every stage for one post before the next.
  const pipeline = (p: Post, text = normalise(p.text), key = exactKey(text)): Outcome => {
    const exact = keys.get(key);
    if (exact !== undefined) {
      incidents.repost(incidentOf.get(exact) ?? '', p.publishedAt);
      return { kind: 'exact', of: exact };
    }
    // contentTerms → termWeights → itemSimhash → extractKeywords in one pass (as analyseItem does).
    const { groupTerms, halves, features, keywords } = table.analyseForGroup(tokenise(text), 8);
    if (features >= MIN_NEAR_FEATURES) {
      const near = bands.queryHalves(halves.hi, halves.lo)[0];
      if (near) {
        incidents.repost(incidentOf.get(near.id) ?? '', p.publishedAt);
        return { kind: 'near', of: near.id };
      }
      bands.addHalves(p.i, halves.hi, halves.lo);
    }
    keys.set(key, p.i);
    const d = incidents.assign({ keywords, terms: groupTerms, publishedAt: p.publishedAt });
    incidentOf.set(p.i, d.incidentId);
    return { kind: 'none', of: -1 };
  };

  // A batch (the push API's unit, --batch posts) stage by stage, each stage over the whole batch in one
  // loop, so each stage's tables stay in the CPU caches (jieba's dictionary, the term table, the banded
  // index, the incidents) instead of evicting each other between two posts — jieba alone was measured
  // ~1.5× slower per call when interleaved with the other stages. Same decisions as item by item:
  //   1. normalise and exact keys;
  //   2. segmentation of the posts that are not exact copies;
  //   3. terms, SimHash and keywords;
  //   4. duplicate decisions in stream order (exact keys, banded index);
  //   5. incident assignment in stream order (reposts and new items in the same order as item by item).
  // Batches are small so that what a stage keeps for the next (tokens, analyses) dies young.
  const batch = Math.min(flag('batch', 500), CHUNK);
  const texts: string[] = new Array(batch);
  const exactKeys: string[] = new Array(batch);
  const tokens: (string[] | undefined)[] = new Array(batch);
  const analyses: (GroupTermAnalysis | undefined)[] = new Array(batch);
  const batchKeys = new Set<string>();
  // --stages: CPU time of each pass (process.cpuUsage per pass and batch: negligible against 500 posts).
  const stageNames = ['规范化+完全重复键', '分词', '词项+SimHash+关键词', '去重判定（键+分段索引）', '事件归并'];
  const stageCpu = new Float64Array(stageNames.length);
  const timed = argv.includes('--stages');
  let stageAt = 0;
  const lap = (stage: number) => {
    if (!timed) return;
    const now = cpuMs(process.cpuUsage());
    if (stage >= 0) stageCpu[stage] += now - stageAt;
    stageAt = now;
  };
  const pipelineBatch = (posts: readonly Post[], from: number, to: number, out: Outcome[]) => {
    const n = to - from;
    batchKeys.clear();
    lap(-1);
    for (let k = 0; k < n; k++) {
      const text = (texts[k] = normalise(posts[from + k]!.text));
      exactKeys[k] = exactKey(text);
    }
    lap(0);
    for (let k = 0; k < n; k++) {
      const key = exactKeys[k]!;
      // A key seen before is (almost always) an exact copy: no segmentation; pass 4 analyses it if not.
      tokens[k] = keys.get(key) !== undefined || batchKeys.has(key) ? undefined : tokenise(texts[k]!);
      batchKeys.add(key);
    }
    lap(1);
    for (let k = 0; k < n; k++) {
      const t = tokens[k];
      analyses[k] = t ? table.analyseForGroup(t, 8) : undefined;
      tokens[k] = undefined;
    }
    lap(2);
    for (let k = 0; k < n; k++) {
      const p = posts[from + k]!;
      const key = exactKeys[k]!;
      const exact = keys.get(key);
      if (exact !== undefined) { out[from + k] = { kind: 'exact', of: exact }; continue; }
      const a = (analyses[k] ??= table.analyseForGroup(tokenise(texts[k]!), 8));
      if (a.features >= MIN_NEAR_FEATURES) {
        const near = bands.queryHalves(a.halves.hi, a.halves.lo)[0];
        if (near) { out[from + k] = { kind: 'near', of: near.id }; continue; }
        bands.addHalves(p.i, a.halves.hi, a.halves.lo);
      }
      keys.set(key, p.i);
      out[from + k] = { kind: 'none', of: -1 };
    }
    lap(3);
    for (let k = 0; k < n; k++) {
      const p = posts[from + k]!;
      const o = out[from + k]!;
      if (o.kind !== 'none') incidents.repost(incidentOf.get(o.of) ?? '', p.publishedAt);
      else {
        const a = analyses[k]!;
        const d = incidents.assign({ keywords: a.keywords, terms: a.groupTerms, publishedAt: p.publishedAt });
        incidentOf.set(p.i, d.incidentId);
      }
      analyses[k] = undefined;
    }
    lap(4);
  };
  const perItem = argv.includes('--per-item');

  // Ground truth: the root original of every post (a copy's original is always an original).
  let jiebaMs = 0;
  let pipeMs = 0;
  let jiebaTokens = 0;
  const planted: Record<PlantedKind, number> = { original: 0, repost: 0, edited: 0, traditional: 0 };
  const found: Record<PlantedKind, number> = { original: 0, repost: 0, edited: 0, traditional: 0 };
  let predicted = 0;
  let truePos = 0;
  let wrongOriginal = 0;
  let exactHits = 0;
  let nearHits = 0;
  let chars = 0;
  const outcomes: Outcome[] = new Array(CHUNK);
  let chunk: Post[] = [];
  let done = 0;

  let jiebaCpu = 0;
  let pipeCpu = 0;
  const runChunk = () => {
    let t = performance.now();
    let c = process.cpuUsage();
    for (const p of chunk) jiebaTokens += jieba.cut(p.text, false).length;
    jiebaCpu += cpuMs(process.cpuUsage(c));
    jiebaMs += performance.now() - t;
    t = performance.now();
    c = process.cpuUsage();
    if (perItem) for (let k = 0; k < chunk.length; k++) outcomes[k] = pipeline(chunk[k]!);
    else for (let k = 0; k < chunk.length; k += batch) pipelineBatch(chunk, k, Math.min(k + batch, chunk.length), outcomes);
    pipeCpu += cpuMs(process.cpuUsage(c));
    pipeMs += performance.now() - t;
    for (let k = 0; k < chunk.length; k++) {
      const p = chunk[k]!;
      const o = outcomes[k]!;
      chars += p.text.length;
      planted[p.kind]++;
      if (o.kind === 'exact') exactHits++;
      if (o.kind === 'near') nearHits++;
      if (o.kind !== 'none') predicted++;
      if (p.dupOf >= 0 && o.kind !== 'none') {
        if (o.of === p.dupOf) { truePos++; found[p.kind]++; }
        else wrongOriginal++;
      }
    }
    done += chunk.length;
    chunk = [];
    if (rss.length === 1 && done >= n / 2) rss.push(['中间', mb()]);
  };
  const wall = performance.now();
  for (const p of generatePosts(n, { seed })) {
    chunk.push(p);
    if (chunk.length === CHUNK) runChunk();
  }
  if (chunk.length) runChunk();
  rss.push(['结束', mb()]);

  // Full analyseItem (adds classification, mentions, lexicons) on a sample, for reference.
  const sample = [...generatePosts(Math.min(n, 20_000), { seed: seed + 2 })];
  const t = performance.now();
  const deps = { lexicons: DEFAULT_LEXICONS };
  for (const p of sample) analyseItem({ text: p.text, publishedAt: p.publishedAt }, deps);
  const analyseMs = performance.now() - t;

  const copies = planted.repost + planted.edited + planted.traditional;
  const precision = predicted ? truePos / predicted : 1;
  const recall = copies ? truePos / copies : 1;
  const perSec = (count: number, ms: number) => Math.round(count / (ms / 1000));
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  console.log(`政务舆情流水线基准：${n} 条（种子 ${seed}，${perItem ? '逐条' : `每批 ${batch} 条`}），平均 ${(chars / n).toFixed(1)} 字/条，单线程，Node ${process.version}`);
  console.log(`  仅 jieba 分词（原文）      ${perSec(n, jiebaMs).toLocaleString('en')} 条/秒（${(jiebaMs / n * 1000).toFixed(1)} µs/条，CPU ${(jiebaCpu / n * 1000).toFixed(1)} µs/条，${(jiebaTokens / n).toFixed(1)} 词/条）`);
  console.log(`  流水线（规范化+哈希+索引+归并） ${perSec(n, pipeMs).toLocaleString('en')} 条/秒（${(pipeMs / n * 1000).toFixed(1)} µs/条，CPU ${(pipeCpu / n * 1000).toFixed(1)} µs/条）= ${(jiebaMs / pipeMs).toFixed(2)} × 仅分词，按 CPU 时间 ${(jiebaCpu / pipeCpu).toFixed(2)} ×（目标 ≥ 0.5）`);
  if (timed && !perItem) console.log(`  各阶段 CPU（µs/条，按全部 ${n} 条平均）：${stageNames.map((name, i) => `${name} ${(stageCpu[i]! / n * 1000).toFixed(1)}`).join('，')}`);
  console.log(`  analyseItem 全部阶段（样本 ${sample.length} 条）${perSec(sample.length, analyseMs).toLocaleString('en')} 条/秒`);
  console.log(`  预置重复：转发 ${planted.repost}，改写 ${planted.edited}，繁体 ${planted.traditional}；检出 完全重复 ${exactHits}，近似重复 ${nearHits}`);
  console.log(`  查准率 ${pct(precision)}，查全率 ${pct(recall)}（目标均 ≥ 95%）；分类查全：转发 ${pct(found.repost / (planted.repost || 1))}，改写 ${pct(found.edited / (planted.edited || 1))}，繁体 ${pct(found.traditional / (planted.traditional || 1))}；指向错误原帖 ${wrongOriginal}`);
  console.log(`  事件（窗口内）${incidents.size}；RSS ${rss.map(([k, v]) => `${k} ${v} MB`).join('，')}；总用时 ${((performance.now() - wall) / 1000).toFixed(1)} 秒`);
}
