// The search relevance set: a corpus of published records of the fictional 云溪县 (the two
// search-quality.corpus-*.fixtures.ts files), queries typed the way citizens type them with the
// records that must come back (judged by hand, by stable key), the loader that creates and
// publishes the corpus through the real use cases (so it is indexed exactly as in production), and
// the runner that puts every query through searchRecords. Scored by search-quality.ts; used by
// search-quality.test.ts and `npm run bench -- search-quality`.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import type { Executor } from '../../platform/db/index.ts';
import { isDatabaseEmpty, seedDemo } from '../demo/seed.ts';
import type { DemoRecord } from './demo-records.ts';
import { loadDemoRecords } from './demo.ts';
import { searchRecords } from './search.ts';
import type { Judgement, RankedRun } from './search-quality.ts';
import { COUNTY_RECORDS } from './search-quality.corpus-county.fixtures.ts';
import { DEPT_RECORDS } from './search-quality.corpus-depts.fixtures.ts';

/** The corpus's "now": every record is dated before it (10:00 on 2027-12-01 in Beijing). */
export const CORPUS_NOW = new Date('2027-12-01T02:00:00Z');
export const CORPUS_TODAY = '2027-12-01';

/** A corpus record: a demo record with a stable key and its own date instead of an age. */
export type CorpusRecord = Omit<DemoRecord, 'daysAgo' | 'pending' | 'after'> & { key: string; on: string };

export const CORPUS: readonly CorpusRecord[] = [...COUNTY_RECORDS, ...DEPT_RECORDS];

/** A record's 解读 (published with it) is judged under the record's key plus this suffix. */
export const INTERPRETATION = '.jd';

/** Every key a judgement may name: the records and their 解读. */
export function corpusKeys(): string[] {
  return CORPUS.flatMap((r) => (r.interpretation ? [r.key, r.key + INTERPRETATION] : [r.key]));
}

// Tags: `measured` are the failures reported from the demo site; the others say what the query
// exercises (several may apply).
const M = 'measured', COL = 'colloquial', Q = 'question', ABBR = 'abbreviation', TW = 'traditional', NUM = 'numerals',
  PART = 'partial-title', DOC = 'docno';
const j = (q: string, relevant: string[], ...tags: string[]): Judgement => ({ q, relevant, tags });
const ENROL = 'edu-enrol-2027';

export const QUERIES: readonly Judgement[] = [
  // The 2027 义务教育招生入学 notice, as people looked for it (it says 凡年满6周岁…).
  j('招生通知', [ENROL], M, COL), j('招生工作', [ENROL], M, COL), j('入学通知', [ENROL], M, COL),
  j('义务教育招生通知', [ENROL], M, PART), j('招生入学的通知', [ENROL], M, PART), j('云溪县招生', [ENROL], M, COL),
  j('教体局', [ENROL], M, ABBR), j('六周岁', [ENROL], M, NUM),
  j('小孩几岁上小学', [ENROL, ENROL + INTERPRETATION], Q, COL), j('上小学要带什么材料', [ENROL], Q, COL),
  j('義務教育招生入學', [ENROL], TW), j('教體局招生', [ENROL], TW, ABBR), j('2027年一年级报名', [ENROL], NUM, COL),
  j('云教体字〔2027〕18号', [ENROL], DOC), j('教体字18号', [ENROL], DOC),
  // The rest of 县教体局.
  j('外地户口孩子上学', ['edu-suiqian-2027'], Q, COL), j('高中招生', ['edu-highschool-2027'], PART), j('中考成绩查询', ['edu-zhongkao-2027'], PART),
  j('幼儿园报名', ['edu-kinder-2027'], COL), j('学区划分', ['edu-xuequ-2027'], PART), j('一年级录取结果', ['edu-admit-2027'], PART),
  j('2027年教师招聘', ['edu-teacher-2027', 'edu-teacher-2027-list'], COL), j('助学金怎么申请', ['edu-aid'], Q, COL),
  j('课后服务收费', ['edu-afterschool-2027'], PART), j('防溺水', ['edu-drowning-2027'], PART), j('第10届全民运动会', ['edu-games-2027'], NUM),
  // 县政府, 县政府办, 县发改委.
  j('停车管理办法', ['office-parking', 'office-parking' + INTERPRETATION], PART),
  j('停车怎么收费', ['fgw-parking-fee', 'fgw-parking-fee' + INTERPRETATION], Q, COL),
  j('停車收費標準', ['fgw-parking-fee', 'fgw-parking-fee' + INTERPRETATION], TW),
  j('一网通办', ['office-ywtb', 'office-ywtb' + INTERPRETATION], PART), j('2026年信息公开年度报告', ['office-annual-2026'], PART, NUM),
  j('12345热线', ['office-hotline'], NUM, COL), j('县长信箱第三季度', ['office-mailbox-2027q3'], PART), j('春节值班', ['office-duty-spring-2027'], COL),
  j('政府工作报告', ['gov-work-report-2027'], PART), j('十五五规划', ['gov-15th-plan'], ABBR, NUM), j('第35次常务会议', ['gov-standing-35'], NUM),
  j('征地公告', ['gov-land-2027-3'], ABBR), j('防汛应急预案', ['gov-flood-plan', 'hekou-flood-plan'], PART), j('征兵', ['gov-conscription-2027'], COL),
  j('老旧小区改造', ['office-oldhousing'], PART), j('云府办发〔2027〕5号', ['office-parking'], DOC),
  j('天然气价格听证', ['fgw-gas-hearing'], COL), j('2027年重大项目', ['fgw-major-projects-2027'], ABBR, NUM), j('上半年经济运行', ['fgw-economy-h1-2027'], PART),
  // 县财政局, 县自然资源局.
  j('2027年财政预算', ['fin-budget-2027'], NUM, COL), j('公务卡管理办法', ['fin-gongwuka', 'fin-gongwuka' + INTERPRETATION], PART),
  j('惠民惠农补贴', ['fin-yikatong'], PART), j('政府采购目录', ['fin-procurement-2027'], PART),
  j('房产证怎么办', ['land-budongchan'], Q, COL), j('农村建房审批', ['land-zhaijidi'], COL), j('棚户区改造', ['land-penggai'], PART),
  j('国土空间规划', ['land-guotu-plan'], PART),
  // 县卫健委, 县市场监管局.
  j('家庭醫生簽約', ['health-family-doctor', 'health-family-doctor-visit'], TW), j('卫健委招聘', ['health-recruit-2027'], ABBR),
  j('打疫苗', ['health-vaccine'], COL), j('慢性病报销', ['health-chronic'], COL), j('两癌筛查', ['health-two-cancers'], PART),
  j('开饭店要办什么证', ['market-food-license'], Q, COL), j('市监局处罚', ['market-penalty-12', 'market-penalty-15', 'market-penalty-21'], ABBR),
  j('云市监处罚〔2027〕15号', ['market-penalty-15'], DOC), j('处罚决定书15号', ['market-penalty-15'], DOC, PART),
  j('个体户营业执照', ['market-geti'], ABBR, COL), j('第3季度食品抽检', ['market-sampling-2027q3'], NUM),
  // Towns, the industrial park, 县委宣传部, 县委网信办.
  j('青石镇预算', ['qingshi-budget-2027'], PART), j('医保缴费', ['qingshi-medical-2028'], ABBR, COL), j('低保名单', ['liulin-dibao-2027'], COL),
  j('低保怎么申请', ['liulin-dibao-policy'], Q, COL), j('柳林乡森林防火', ['liulin-fire'], PART), j('河口镇污水管网', ['hekou-sewage'], PART),
  j('招商引资政策', ['zone-investment'], PART), j('园区招聘会', ['zone-jobfair', 'zone-jobfair-autumn'], ABBR), j('网络诈骗', ['cac-fraud'], COL),
  j('新闻发言人', ['press-spokesman'], PART), j('第4届文化旅游节', ['press-festival-2027'], NUM),
];

const DAY = 86_400_000;
const daysBefore = (today: string, on: string) => Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${on}T00:00:00Z`)) / DAY);

/**
 * Loads the demo county's organisations (when the database is empty) and the corpus, with the clock
 * at CORPUS_NOW, through loadDemoRecords (createRecord → publishReviewed: 索引号, privacy scan,
 * audit, search index). Returns record id → key. Any record that fails to load fails the load:
 * a judgement about a missing record would be meaningless.
 */
export async function loadCorpus(ctx: AppContext): Promise<Map<number, string>> {
  const dated: AppContext = { ...ctx, now: () => CORPUS_NOW };
  if (await isDatabaseEmpty(dated.db)) await seedDemo(dated);
  const warnings: string[] = [];
  const demo: DemoRecord[] = CORPUS.map(({ key: _key, on, ...r }) => ({ ...r, daysAgo: daysBefore(CORPUS_TODAY, on) }));
  const { loaded } = await loadDemoRecords(dated, demo, (m) => warnings.push(m));
  if (warnings.length) throw new Error(`the relevance corpus did not load:\n${warnings.join('\n')}`);
  const keyOf = new Map<number, string>();
  CORPUS.forEach((r, i) => {
    const made = loaded[i];
    if (!made) throw new Error(`corpus record ${r.key} was not published`);
    keyOf.set(made.id, r.key);
    if (made.interpretationId) keyOf.set(made.interpretationId, r.key + INTERPRETATION);
  });
  // Statistics as a live database has them (the search sizes its strategy from them).
  await dated.db.execute(sql`analyze catalog_records`);
  return keyOf;
}

/** Results per query read for scoring: the first page of the public search. */
export const PAGE_SIZE = 10;

export type TimedRun = RankedRun & { total: number; ms: number[] };

/**
 * Runs every query through the real searchRecords (by relevance, first page) `repeat` times and
 * returns the ranked keys (an exact 文号 / 索引号 match first: the search page jumps straight to
 * it) with each run's latency. A record outside the corpus shows as `#id`.
 */
export async function runQueries(db: Executor, keyOf: ReadonlyMap<number, string>, queries: readonly Judgement[] = QUERIES, repeat = 1): Promise<TimedRun[]> {
  const out: TimedRun[] = [];
  for (const { q } of queries) {
    const ms: number[] = [];
    let ranked: string[] = [];
    let total = 0;
    for (let i = 0; i < Math.max(1, repeat); i++) {
      const t0 = performance.now();
      const r = await searchRecords(db, CORPUS_TODAY, { q, order: 'relevance', page: 1, pageSize: PAGE_SIZE });
      ms.push(performance.now() - t0);
      const ids = [...(r.exactMatch ? [r.exactMatch.id] : []), ...r.items.map((x) => x.id)];
      ranked = ids.map((id) => keyOf.get(Number(id)) ?? `#${id}`);
      total = r.total;
    }
    out.push({ q, ranked, total, ms });
  }
  return out;
}
