// 主动公开: the disclosure catalogue, its reviews and the public 政府信息公开 pages.
import { defineModule } from '../../platform/modules/index.ts';
import { registerCatalogAdmin } from './routes.admin.tsx';
import { registerCatalogReview } from './routes.review.tsx';
import { registerCatalogPublic } from './routes.public.tsx';
import { registerCatalogSynonyms } from './routes.synonyms.tsx';
import { registerCatalogAllowlist } from './routes.allowlist.tsx';
import { seedCatalogDemo } from './demo.ts';
import { reindexJob, watchOrgNames } from './search-index.ts';
import { catalogDesk } from './desk.ts';

export const catalogModule = defineModule({
  name: 'catalog',
  title: '主动公开',
  actions: ['catalog.read', 'catalog.draft', 'catalog.review', 'catalog.secrecy', 'catalog.manage'],
  nav: [
    { href: '/admin/catalog', label: '主动公开目录', action: 'catalog.read' },
    { href: '/admin/review', label: '待我审核', action: 'catalog.review' },
    { href: '/admin/coordination', label: '征求意见', action: 'catalog.read' },
    { href: '/admin/catalog/recheck', label: '不予公开复查', action: ['catalog.secrecy', 'catalog.manage'] },
    { href: '/admin/catalog/interpretations', label: '政策解读时限', action: ['catalog.draft', 'catalog.manage'] },
    { href: '/admin/catalog/synonyms', label: '检索同义词', action: 'catalog.manage' },
    { href: '/admin/catalog/allowed-numbers', label: '对外公开的办公电话', action: 'catalog.manage' },
  ],
  routes(app, ctx) {
    registerCatalogAdmin(app, ctx);
    registerCatalogReview(app, ctx);
    registerCatalogAllowlist(app, ctx);
    registerCatalogPublic(app, ctx);
    registerCatalogSynonyms(app, ctx);
  },
  jobs: [reindexJob],
  auditLabels: {
    labels: {
      'catalog.allowlist.add': '确认本单位对外公开的办公电话',
      'catalog.allowlist.remove': '移除本单位对外公开的办公电话',
      'catalog.interpretation.experts': '选择政策解读专家',
      'catalog.attachment.regenerate': '重新生成附件公开版（遮盖后的 Word 文件）',
    },
    fields: {
      resolution: '处理方式', findings: '检查结果数', places: '位置数', all: '按类别一并处理', officePhone: '对外公开的办公电话',
      number: '电话号码', recordId: '信息编号', experts: '解读专家', added: '新增专家数', removed: '移除专家数',
      attachmentId: '附件编号', publicFileId: '公开版文件编号',
    },
    values: { resolution: { redact: '遮盖', accept: '保留' } },
  },
  demo: seedCatalogDemo,
  start: () => watchOrgNames(),
  desk: catalogDesk,
});
