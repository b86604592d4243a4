// 检索同义词 (catalog.manage): view and save the list; every save is audited in its transaction.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { writeAudit } from '../../platform/audit/index.ts';
import { withTx } from '../../platform/db/index.ts';
import { publicPagesChanged } from '../../platform/http/page-cache.ts';
import { ownValue, readStrings } from '../../platform/forms/index.ts';
import { auditActor, type Caller } from './use-cases/shared.ts';
import { NoticeQuery, SynonymsForm } from './forms.ts';
import { DEFAULT_SYNONYMS, formatSynonyms, parseSynonyms } from './synonyms.ts';
import { forgetSynonyms, loadSynonymGroups, saveSynonymGroups } from './synonyms.repo.ts';
import { writeSetting } from '../portal/settings.repo.ts';
import { SynonymsPage } from './views/admin/synonyms.tsx';

const NOTICES: Record<string, string> = { saved: '同义词表已保存，检索立即按新表执行。', reset: '已恢复默认同义词表。' };

export function registerCatalogSynonyms(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  const caller = (req: FastifyRequest): Caller => ({ user: req.user!, ip: req.ip });

  app.withTypeProvider<TypeBoxTypeProvider>().get('/admin/catalog/synonyms', { config: { policy: 'catalog.manage' }, schema: { querystring: NoticeQuery } }, async (req, reply) => {
    const { groups, custom } = await loadSynonymGroups(db);
    return reply.page((vc) => SynonymsPage({ vc, text: formatSynonyms(groups), custom, notice: ownValue(NOTICES, req.query.done) }));
  });

  app.post('/admin/catalog/synonyms', { config: { policy: 'catalog.manage' } }, async (req, reply) => {
    const { text = '', _action: action } = readStrings(SynonymsForm, req.body);
    const before = await loadSynonymGroups(db);
    let groups: string[][];
    if (action === 'reset') {
      groups = DEFAULT_SYNONYMS.map((g) => [...g]);
    } else {
      const parsed = parseSynonyms(text);
      if (!parsed.ok) return reply.page((vc) => SynonymsPage({ vc, text, custom: before.custom, error: parsed.message }), 422);
      groups = parsed.groups;
    }
    await withTx(db, async (tx) => {
      if (action === 'reset') await writeSetting(tx, 'search_synonyms', { default: true });
      else await saveSynonymGroups(tx, groups);
      await writeAudit(tx, auditActor(caller(req)), {
        action: action === 'reset' ? 'catalog.synonyms.reset' : 'catalog.synonyms.update', entityType: 'setting', entityId: 'search_synonyms',
        summary: { groupsBefore: before.groups.length, groupsAfter: groups.length },
      });
    });
    forgetSynonyms();
    // Cached search pages were answered with the old list.
    publicPagesChanged();
    return reply.redirect(`/admin/catalog/synonyms?done=${action === 'reset' ? 'reset' : 'saved'}`, 303);
  });
}
