// 主动公开: the disclosure catalogue, its reviews and the public 政府信息公开 pages.
import { defineModule } from '../../platform/modules/index.ts';
import { registerCatalogAdmin } from './routes.admin.tsx';
import { registerCatalogReview } from './routes.review.tsx';
import { registerCatalogPublic } from './routes.public.tsx';
import { seedCatalogDemo } from './demo.ts';
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
  ],
  routes(app, ctx) {
    registerCatalogAdmin(app, ctx);
    registerCatalogReview(app, ctx);
    registerCatalogPublic(app, ctx);
  },
  demo: seedCatalogDemo,
  desk: catalogDesk,
});
