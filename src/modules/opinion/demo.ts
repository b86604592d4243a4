// The demo county's 政务舆情 (loaded after the demo county, src/main.ts and the module contract):
// its sources, gazetteer, routing rules, 24-hour duty contacts and one monitoring plan, then a week's
// items pushed through the real ingest use case, so the candidate incidents, repost counts, risk
// scores and timelines on /admin/opinion are what the pipeline made of them.
import type { AppContext } from '../../app-context.ts';
import { withTx } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, writeAudit, type Actor } from '../../platform/audit/index.ts';
import * as authRepo from '../auth/repo.ts';
import { listOrgs } from '../org/repo.ts';
import * as repo from './demo.repo.ts';
import { DEMO_ITEMS, DEMO_SOURCES } from './demo-items.ts';
import { ingestItems } from './use-cases/ingest.ts';
import { handleDemoIncidents } from './demo-handling.ts';

const HOUR = 3600_000;
const DEMO_ACTOR: Actor = { ...SYSTEM_ACTOR, name: '系统（演示数据）' };

/** Places of the demo county, each under the town that answers for it. */
const GAZETTEER: readonly { name: string; kind: '乡镇' | '村' | '社区' | '地标'; town: string }[] = [
  { name: '石门村', kind: '村', town: '青石镇' },
  { name: '沙洲村', kind: '村', town: '河口镇' },
  { name: '城关镇农贸市场', kind: '地标', town: '县市场监管局' },
  { name: '柳林集镇', kind: '地标', town: '柳林乡' },
];

/** Words that send an incident to the organisation that answers for it. */
const ROUTES: readonly { term: string; org: string; priority: number; vertical?: boolean }[] = [
  { term: '招生', org: '县教体局', priority: 10 },
  { term: '入学', org: '县教体局', priority: 10 },
  { term: '占道经营', org: '县市场监管局', priority: 5 },
  { term: '塌方', org: '县自然资源局', priority: 5 },
  { term: '地质灾害', org: '县自然资源局', priority: 8 },
  { term: '工业园区', org: '工业园区管委会', priority: 5 },
];

/** Loads the demo once (nothing happens when any opinion source exists). Returns how many items were stored. */
export async function seedOpinionDemo(ctx: AppContext, warn: (msg: string) => void = () => {}): Promise<number> {
  if ((await repo.sourceCount(ctx.db)) > 0) return 0;
  const orgs = await listOrgs(ctx.db);
  const orgId = (short: string) => orgs.find((o) => o.shortName === short)?.id;
  const office = orgId('县政府办');
  const cac = orgId('县委网信办');
  if (!office || !cac) return 0;
  const monitor = await authRepo.findUserByUsername(ctx.db, 'yqzy');

  const sources = await withTx(ctx.db, async (tx) => {
    const made = await repo.insertSources(tx, DEMO_SOURCES.map((s) => ({
      name: s.name, kind: s.kind, mediaType: s.mediaType, weight: s.weight, url: s.url ?? null,
      // The demo feed's address is fictional: it stays switched off so the demo never polls the internet.
      enabled: s.kind !== 'feed',
    })));
    await repo.insertLexiconTerms(tx, GAZETTEER.flatMap((g) => {
      const town = orgId(g.town);
      return town ? [{ lexicon: 'gazetteer', term: g.name, weight: 1, data: { kind: g.kind, orgId: town } }] : [];
    }));
    await repo.insertRoutingRules(tx, ROUTES.flatMap((r) => {
      const id = orgId(r.org);
      return id ? [{ term: r.term, orgId: id, priority: r.priority, vertical: r.vertical ?? false }] : [];
    }));
    await repo.insertDutyContacts(tx, [
      { orgId: office, name: '县政府总值班室', position: '值班员', phoneEnc: ctx.fieldCipher.encrypt('0793-5120099'), hours: '全天24小时' },
      { orgId: cac, name: '县委网信办值班室', position: '值班员', phoneEnc: ctx.fieldCipher.encrypt('0793-5120119'), hours: '全天24小时' },
    ]);
    await repo.insertPlan(tx, {
      name: '全县民生与突发事件监测',
      includeGroups: [['云溪'], ['青石'], ['河口'], ['柳林'], ['城关'], ['工业园区']],
      excludeWords: ['广告', '招聘'],
      notifyUserIds: monitor ? [monitor.id] : [],
    });
    await writeAudit(tx, DEMO_ACTOR, { action: 'opinion.demo.load', entityType: 'opinion_source', entityId: null, summary: { sources: made.length } });
    return made;
  });

  // Oldest first, so the first post of a story is the original and later copies count as reposts;
  // consecutive items of one source go in one batch.
  const now = ctx.now().getTime();
  const ordered = [...DEMO_ITEMS].sort((a, b) => b.hoursAgo - a.hoursAgo);
  const runs: { source: string; items: typeof ordered }[] = [];
  for (const it of ordered) {
    const last = runs[runs.length - 1];
    if (last && last.source === it.source) last.items.push(it); else runs.push({ source: it.source, items: [it] });
  }
  let stored = 0;
  for (const run of runs) {
    const name = DEMO_SOURCES.find((s) => s.key === run.source)?.name;
    const sourceId = sources.find((r) => r.name === name)?.id;
    if (!sourceId) continue;
    try {
      const r = await ingestItems(ctx, sourceId, run.items.map((i) => ({
        externalId: i.id, title: i.title, text: i.text, publishedAt: new Date(now - i.hoursAgo * HOUR),
        author: i.author ?? null, contact: i.contact ?? null, url: i.id.startsWith('https://') ? i.id : null,
      })), DEMO_ACTOR);
      stored += r.added + r.duplicates;
      for (const x of r.results) if (x.status === 'refused') warn(`演示舆情信息未能导入：${x.reason}`);
    } catch (e) {
      // Demo data must never stop the server from starting.
      warn(`演示舆情信息（${name}）未能导入：${(e as Error).message}`);
    }
  }
  await handleDemoIncidents(ctx, warn).catch((e: Error) => warn(`演示舆情的办理记录未能生成：${e.message}`));
  return stored;
}
