// Synthetic catalogue records for the search benchmark, and the worker thread that inserts them.
//
// Record i is a pure function of (i, vocabulary), so a dataset can be extended later (20k → 100k →
// 1M) and re-created identically. Bodies are words drawn from a Zipf distribution (s = 1) over a
// vocabulary of a few thousand words (hand-written government terms first, then jieba's dictionary
// by frequency), plus on average one word from a pool of rarer words: that gives genuinely very
// common, medium and rare terms. The search index input is computed with the product's own
// toTsvectorInput() and turned into a tsvector by PostgreSQL with the same expression as
// reindexRecord() in src/modules/catalog/search.ts (replicated here; it is not exported).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { dict } from '@node-rs/jieba/dict.js';
import { toTsvectorInput } from '../src/platform/text/index.ts';
import { prng as rng } from './prng.ts';

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Government boilerplate: these take the top Zipf ranks, so they are the "very common" terms. */
const GOV_WORDS = `工作 发展 建设 管理 服务 推进 加强 落实 实施 组织 单位 部门 规定 要求 制度 机制 政策 社会 经济 安全
群众 企业 项目 资金 责任 监督 检查 考核 整改 统筹 协调 保障 提升 完善 规范 开展 做好 确保 推动 促进
进一步 全面 有关 相关 各级 乡镇 县委 县政府 人民政府 办公室 领导 干部 改革 创新 质量 标准 体系 平台 信息 公开
农村 农业 生态 环境 教育 卫生 医疗 文化 旅游 交通 水利 住房 就业 养老 社保 财政 预算 审计 统计 应急
防汛 消防 安全生产 疫情 防控 乡村振兴 脱贫 巩固 治理 基层 党建 法治 执法 行政 审批 许可 处罚 登记 备案`.split(/\s+/).filter(Boolean);

const AGENCIES = ['云溪县人民政府', '县政府办公室', '县发展和改革委员会', '县教育体育局', '县财政局', '县自然资源局', '县卫生健康委员会',
  '县市场监督管理局', '青石镇人民政府', '河口镇人民政府', '柳林乡人民政府', '工业园区管委会', '县住房和城乡建设局', '县农业农村局'];
const TOPICS = ['农村人居环境整治', '高标准农田建设', '城乡居民医疗保险', '义务教育均衡发展', '安全生产专项整治', '防汛抗旱应急预案',
  '优化营商环境', '政务服务标准化', '耕地保护目标责任', '食品安全监督抽检', '老旧小区改造', '河长制湖长制', '森林防灭火',
  '城乡最低生活保障', '困难群众救助', '中小学校舍安全', '农产品质量安全', '地质灾害防治', '生态环境保护督察', '财政预算绩效管理',
  '国有资产管理', '政府采购', '重大行政决策', '行政执法公示', '信用体系建设', '乡村振兴示范村', '县域商业体系', '公共卫生服务',
  '退役军人服务保障', '残疾人两项补贴', '农民工工资支付', '建设用地审批', '矿产资源开发', '危险化学品管理', '道路交通安全',
  '消防安全检查', '学前教育普及', '职业技能培训', '就业创业扶持', '养老服务体系', '文化惠民工程', '全域旅游发展', '数字政府建设',
  '政务公开工作', '12345热线办理', '人大代表建议办理', '政协委员提案办理', '招商引资', '工业园区标准化厂房', '水资源管理'];
const ACTIONS = ['实施方案', '工作方案', '管理办法', '实施细则', '工作要点', '考核办法', '应急预案', '行动计划', '指导意见', '暂行规定'];
const DOC_AGENCIES = ['云政发', '云政办发', '云政函', '云发改发', '云教体发', '云财发', '云自然资发', '云卫健发', '云市监发', '青政发', '河政发', '柳政发', '园管发', '云政办函'];

export type Vocab = { words: string[]; cdf: Float64Array; rare: string[] };

/** Zipf vocabulary: GOV_WORDS then jieba dictionary words (2–4 Han characters) by frequency; rare pool: 3–4-character words of low frequency. */
export function buildVocab(size = 6000, rareSize = 10_000): Vocab {
  const lines = Buffer.from(dict).toString('utf8').split('\n');
  const han = /^[\u4e00-\u9fff]{2,4}$/;
  const common: [string, number][] = [];
  const rareAll: string[] = [];
  const seen = new Set(GOV_WORDS);
  for (const l of lines) {
    const [w, f, tag] = l.split(' ');
    if (!w || !han.test(w) || seen.has(w)) continue;
    const freq = Number(f);
    if (!/^(n|v|vn|nz|a|an|ad|d|l|i)$/.test(tag ?? '')) continue;
    if (freq >= 300 && /^(n|v|vn|a|an|l)$/.test(tag ?? "")) common.push([w, freq]);
    else if (w.length >= 3 && freq >= 5 && freq <= 40 && /^(n|nz|vn|l)$/.test(tag ?? '')) rareAll.push(w);
  }
  common.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const words = [...GOV_WORDS, ...common.slice(0, size - GOV_WORDS.length).map((x) => x[0])];
  const cdf = new Float64Array(words.length);
  let acc = 0;
  for (let r = 0; r < words.length; r++) cdf[r] = acc += 1 / (r + 1);
  for (let r = 0; r < words.length; r++) cdf[r] /= acc;
  // Every k-th low-frequency word: a deterministic spread over the dictionary.
  const step = Math.max(1, Math.floor(rareAll.length / rareSize));
  const rare: string[] = [];
  for (let i = 0; i < rareAll.length && rare.length < rareSize; i += step) rare.push(rareAll[i]!);
  return { words, cdf, rare };
}

/** The query terms of each class (fixed, so every run measures the same words). */
export function queryTerms(v: Vocab): { rare: string[]; medium: string[]; common: string[] } {
  const pick = (from: number, to: number, n: number) => Array.from({ length: n }, (_, k) => v.words[from + Math.floor((k * (to - from)) / n)]!);
  return {
    // Pool words appear in about N / 10,000 records each (≈100 at 1M).
    rare: Array.from({ length: 30 }, (_, k) => v.rare[7 + k * 331]!),
    // Zipf ranks 800–2,500 of 6,000: each in roughly 2–5 % of records.
    medium: pick(800, 2500, 30),
    // The top ranks: in most records.
    common: pick(0, 30, 30),
  };
}

// ---------------------------------------------------------------------------------------------
// Records


function zipf(v: Vocab, r: number): string {
  // Binary search of the cumulative distribution.
  let lo = 0;
  let hi = v.cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cdf[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return v.words[lo]!;
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const FIRST_YEAR = 2008;
export const LAST_YEAR = 2026;
const YEARS = LAST_YEAR - FIRST_YEAR + 1;
/** Bench sequences start here so they never meet the product's own 索引号 counters. */
const SEQ_BASE = 50_000;

export type Org = { id: number; name: string; shortName?: string | null; orgCode: string };
export type GenRecord = {
  orgId: number; indexNo: string; indexYear: number; indexSeq: number; title: string; docNo: string | null;
  docNoAgency: string | null; docNoYear: number | null; docNoSeq: number | null; generatedOn: string; publishedAt: string;
  description: string; keywords: string; publisher: string; category: string; art20: number; docType: string; body: string;
};

const CATS: [string, number][] = [['jggk', 2], ['zcwj', 1], ['zfjc', 3], ['gzxx', 15], ['rsxx', 14], ['xzzf', 5], ['czxx', 7], ['ggfw', 11], ['shjd', 15]];

export function makeRecord(i: number, v: Vocab, orgs: Org[]): GenRecord {
  const rand = rng(i * 2654435761 + 12345);
  const pickOf = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const org = orgs[i % orgs.length]!;
  const year = FIRST_YEAR + (Math.floor(i / orgs.length) % YEARS);
  const seq = SEQ_BASE + Math.floor(i / (orgs.length * YEARS));
  // Last year only up to October: everything is already published.
  const dayOfYear = Math.floor(rand() * (year === LAST_YEAR ? 300 : 360));
  const gen = new Date(Date.UTC(year, 0, 1 + dayOfYear));
  const pub = new Date(gen.getTime() + Math.floor(rand() * 20) * 86_400_000 + Math.floor(rand() * 36_000) * 1000 + 3600_000);
  const topic = pickOf(TOPICS);
  const action = pickOf(ACTIONS);
  const agency = pickOf(AGENCIES);
  const t = rand();
  const title = t < 0.35 ? `关于印发《云溪县${topic}${action}》的通知`
    : t < 0.55 ? `${agency}关于${year}年${topic}工作情况的报告`
    : t < 0.75 ? `关于进一步做好${topic}工作的通知`
    : t < 0.9 ? `${agency}关于${topic}的${pickOf(['公告', '通告', '批复', '意见'])}`
    : `云溪县${year}年${topic}${pickOf(['工作总结', '公示', '结果公开', '情况通报'])}`;
  let docNo: string | null = null;
  let docNoAgency: string | null = null;
  let docNoSeq: number | null = null;
  if (rand() < 0.6) {
    docNoAgency = pickOf(DOC_AGENCIES);
    docNoSeq = 1 + Math.floor(rand() * 120);
    docNo = `${docNoAgency}〔${year}〕${docNoSeq}号`;
  }
  // Body length 300–3,000 characters, log-uniform (short notices are more frequent than long plans).
  const target = Math.round(300 * Math.pow(10, rand()));
  const parts: string[] = [];
  let len = 0;
  const push = (s: string) => { parts.push(s); len += s.length; };
  push(`各乡镇人民政府，县直各单位：\n为${pickOf(['深入贯彻落实', '认真落实', '全面推进'])}${topic}工作，根据有关规定，结合我县实际，现将有关事项${t < 0.35 ? '印发给你们，请认真贯彻执行' : '通知如下'}。\n`);
  let rareLeft = rand() < 0.37 ? 0 : rand() < 0.58 ? 1 : 2; // ≈ one pool word per record on average
  let section = 0;
  while (len < target) {
    push(`${CN_NUM[section % 10]}、${zipf(v, rand())}${zipf(v, rand())}\n`);
    section++;
    const sentences = 2 + Math.floor(rand() * 4);
    for (let s = 0; s < sentences && len < target; s++) {
      const clauses = 1 + Math.floor(rand() * 3);
      for (let c = 0; c < clauses; c++) {
        const n = 3 + Math.floor(rand() * 6);
        let clause = '';
        for (let w = 0; w < n; w++) {
          if (rareLeft > 0 && rand() < 0.02) {
            clause += v.rare[Math.floor(rand() * v.rare.length)]!;
            rareLeft--;
          } else clause += zipf(v, rand());
        }
        push(clause + (c + 1 < clauses ? '，' : '。'));
      }
      if (rand() < 0.1) push(`全年完成投资${Math.floor(rand() * 9000) + 100}万元，惠及群众${Math.floor(rand() * 90000) + 1000}人。`);
    }
    push('\n');
  }
  while (rareLeft-- > 0) push(v.rare[Math.floor(rand() * v.rare.length)]! + '。');
  push(`\n${org.name}\n${year}年${gen.getUTCMonth() + 1}月${gen.getUTCDate()}日`);
  const cat = pickOf(CATS);
  const kw = [...new Set([zipf(v, rand()), zipf(v, rand()), topic.slice(0, 4)])].filter((w) => w.length <= 10).join(' ');
  return {
    orgId: org.id,
    indexNo: `${org.orgCode}/${year}-${String(seq).padStart(5, '0')}`,
    indexYear: year,
    indexSeq: seq,
    title,
    docNo,
    docNoAgency,
    docNoYear: docNo ? year : null,
    docNoSeq,
    generatedOn: gen.toISOString().slice(0, 10),
    publishedAt: pub.toISOString(),
    description: `${topic}${action}相关内容`,
    keywords: kw,
    publisher: org.name,
    category: cat[0],
    art20: cat[1],
    docType: cat[0] === 'zcwj' && rand() < 0.3 ? 'normative' : 'other',
    body: parts.join(''),
  };
}

// ---------------------------------------------------------------------------------------------
// Worker: generate records [from, to), insert them in batches, report progress and term counts.

export type WorkerInput = { url: string; from: number; to: number; orgs: Org[]; terms: string[]; batch: number; words: boolean };
export type WorkerMessage =
  | { kind: 'progress'; done: number; tokenMs: number }
  | { kind: 'done'; counts: number[]; tokenMs: number };

const COLS = [
  ['org_id', 'int'], ['index_no', 'text'], ['index_year', 'int'], ['index_seq', 'int'], ['title', 'text'], ['doc_no', 'text'],
  ['doc_no_agency', 'text'], ['doc_no_year', 'int'], ['doc_no_seq', 'int'], ['generated_on', 'date'], ['published_at', 'timestamptz'],
  ['description', 'text'], ['keywords', 'text'], ['publisher', 'text'], ['category', 'text'], ['art20_item', 'int'], ['doc_type', 'text'],
  ['body', 'text'], ['ta', 'text'], ['tb', 'text'], ['tc', 'text'], ['td', 'text'],
] as const;

/** One statement per batch: arrays unnested server-side; search_vector exactly as reindexRecord() builds it. */
export const INSERT_SQL = `insert into catalog_records (org_id, index_no, index_year, index_seq, title, doc_no, doc_no_agency, doc_no_year,
    doc_no_seq, generated_on, published_at, description, keywords, publisher, category, art20_item, doc_type, body,
    status, disclosure, term, validity, time_limit, search_vector)
  select org_id, index_no, index_year, index_seq, title, doc_no, doc_no_agency, doc_no_year, doc_no_seq, generated_on, published_at,
    description, keywords, publisher, category, art20_item, doc_type, body, 'published', 'active', 'long', 'valid', 'art26',
    setweight(to_tsvector('simple', ta), 'A') || setweight(to_tsvector('simple', tb), 'B') || setweight(to_tsvector('simple', tc), 'C')
      || setweight(to_tsvector('simple', td), 'D')
  from unnest(${COLS.map(([, t], k) => `$${k + 1}::${t}[]`).join(', ')}) as x(${COLS.map(([n]) => n).join(', ')})`;

async function runWorker(input: WorkerInput): Promise<void> {
  const v = buildVocab();
  const client = new pg.Client({ connectionString: input.url });
  await client.connect();
  // Durability of a benchmark load does not matter; the product's settings are untouched.
  await client.query('set synchronous_commit = off');
  const counts = new Array<number>(input.terms.length).fill(0);
  let tokenMs = 0;
  let pending: Promise<unknown> = Promise.resolve();
  for (let start = input.from; start < input.to; start += input.batch) {
    const end = Math.min(input.to, start + input.batch);
    const cols: unknown[][] = COLS.map(() => []);
    for (let i = start; i < end; i++) {
      const r = makeRecord(i, v, input.orgs);
      const text = r.title + '\n' + r.body;
      for (let k = 0; k < input.terms.length; k++) if (text.includes(input.terms[k]!)) counts[k]!++;
      const t0 = performance.now();
      // The same fields reindexRecord() passes (no attachments in synthetic records).
      const org = input.orgs.find((o) => o.id === r.orgId);
      const tv = toTsvectorInput({
        title: r.title, docNo: r.docNo, indexNo: r.indexNo, keywords: [r.keywords, r.description].join('\n'), body: r.body, attachments: [],
        org: org ? [org.name, org.shortName ?? ''].join('\n') : '',
      }, { words: input.words });
      tokenMs += performance.now() - t0;
      const vals = [r.orgId, r.indexNo, r.indexYear, r.indexSeq, r.title, r.docNo, r.docNoAgency, r.docNoYear, r.docNoSeq, r.generatedOn,
        r.publishedAt, r.description, r.keywords, r.publisher, r.category, r.art20, r.docType, r.body, tv.a, tv.b, tv.c, tv.d];
      vals.forEach((x, k) => cols[k]!.push(x));
    }
    // Overlap: the next batch is generated while PostgreSQL inserts this one.
    await pending;
    pending = client.query(INSERT_SQL, cols).then(() => parentPort!.postMessage({ kind: 'progress', done: end - start, tokenMs } satisfies WorkerMessage));
  }
  await pending;
  await client.end();
  parentPort!.postMessage({ kind: 'done', counts, tokenMs } satisfies WorkerMessage);
}

if (!isMainThread && workerData?.kind === 'catalog-gen') {
  await runWorker(workerData.input as WorkerInput);
}
