// 政务舆情 (SPEC.md §4; seed 004): collecting, analysing, assigning and answering public opinion on
// the 5 h / 24 h / 48 h clock. Each part registers its routes, jobs and labels here.
import { defineModule } from '../../platform/modules/index.ts';
import { registerOpinionApi } from './routes.api.ts';

export const OPINION_AUDIT_LABELS: Record<string, string> = {
  'opinion.items.ingest': '接收舆情信息',
};

export const opinionModule = defineModule({
  name: 'opinion',
  title: '政务舆情',
  actions: ['opinion.read', 'opinion.monitor', 'opinion.assign', 'opinion.respond', 'opinion.manage', 'opinion.ingest', 'opinion.escalation.receive', 'opinion.accountability'],
  nav: [],
  routes(app, ctx) {
    registerOpinionApi(app, ctx);
  },
  jobs: [],
  auditLabels: {
    labels: OPINION_AUDIT_LABELS,
    groups: { 'opinion.*': '政务舆情' },
    fields: { source: '来源', added: '新增', duplicates: '重复', refused: '拒收', incidentsOpened: '新立舆情事件' },
  },
});
