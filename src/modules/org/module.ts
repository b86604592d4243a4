// The organisation tree.
import { defineModule } from '../../platform/modules/index.ts';
import { registerOrgAdmin } from './routes.tsx';
import { registerOrgApi } from './routes.api.ts';

export const orgModule = defineModule({
  name: 'org',
  title: '组织机构',
  actions: ['org.read', 'org.manage'],
  nav: [{ href: '/admin/orgs', label: '组织机构', action: 'org.read' }],
  routes(app, ctx) {
    registerOrgAdmin(app, ctx);
    registerOrgApi(app, ctx);
  },
});
