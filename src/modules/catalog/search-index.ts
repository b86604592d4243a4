// Keeping the search index in step with what it is built from:
// - catalog.reindex (every minute, Beijing time): when the index format changes (SEARCH_INDEX_VERSION),
//   existing records are reindexed in the background, batch by batch from a saved cursor, at most
//   RUN_SECONDS per run, while searches go on over the old vectors;
// - the same job with an orgId: an organisation's name or short name changed (they are part of its
//   records' index), enqueued in the transaction of that change.
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { withTx, type Tx } from '../../platform/db/index.ts';
import { publicPagesChanged } from '../../platform/http/page-cache.ts';
import { defineJob, enqueue } from '../../platform/jobs/index.ts';
import { onOrgRenamed } from '../org/use-cases.ts';
import { recordIdsAfter, recordIdsOfOrg, reindexRecord } from './search.repo.ts';
import { readSetting, writeSetting } from '../portal/settings.repo.ts';

/** 2: organisation names at weight D (教体局 finds the 教育体育局's records). */
export const SEARCH_INDEX_VERSION = 2;
const SETTING = 'catalog_search_index';
const BATCH = 200;
const RUN_SECONDS = 50;

type IndexState = { version: number; afterId: number };

async function reindexBatch(ctx: AppContext, ids: readonly number[]): Promise<void> {
  await withTx(ctx.db, async (tx) => { for (const id of ids) await reindexRecord(tx, id); });
}

/** One run of the upgrade: returns true when the whole index is at SEARCH_INDEX_VERSION. */
export async function upgradeSearchIndex(ctx: AppContext, seconds = RUN_SECONDS): Promise<boolean> {
  const state = (await readSetting<IndexState>(ctx.db, SETTING)) ?? { version: 1, afterId: 0 };
  if (state.version >= SEARCH_INDEX_VERSION) return true;
  const until = Date.now() + seconds * 1000;
  let afterId = state.afterId;
  while (Date.now() < until) {
    const ids = await recordIdsAfter(ctx.db, afterId, BATCH);
    if (!ids.length) {
      await writeSetting(ctx.db, SETTING, { version: SEARCH_INDEX_VERSION, afterId: 0 } satisfies IndexState);
      // Search pages cached over the old vectors may now find more (dropped once per run, not per
      // batch, so that the cache keeps working while a large catalogue is reindexed).
      publicPagesChanged();
      return true;
    }
    await reindexBatch(ctx, ids);
    afterId = ids[ids.length - 1]!;
    await writeSetting(ctx.db, SETTING, { version: state.version, afterId } satisfies IndexState);
  }
  publicPagesChanged();
  return false;
}

export const reindexJob = defineJob({
  name: 'catalog.reindex',
  schema: Type.Object({ orgId: Type.Optional(Type.Integer({ minimum: 1 })) }),
  cron: '* * * * *',
  cronPayload: {},
  retryLimit: 5,
  retryDelaySeconds: 60,
  expireInSeconds: 600,
  async handler(ctx: AppContext, p) {
    if (p.orgId) {
      const ids = await recordIdsOfOrg(ctx.db, p.orgId);
      for (let i = 0; i < ids.length; i += BATCH) await reindexBatch(ctx, ids.slice(i, i + BATCH));
      publicPagesChanged();
      return;
    }
    await upgradeSearchIndex(ctx);
  },
});

const reindexOrg = async (tx: Tx, orgId: number) => {
  await enqueue(tx, reindexJob, { orgId });
};

/** Catalog module start: one listener however many apps a process builds (onOrgRenamed keeps a Set). */
export function watchOrgNames(): void {
  onOrgRenamed(reindexOrg);
}
