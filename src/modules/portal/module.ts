// The public portal (home, 政府信息公开 column, preferences) and the back-office home.
import { defineModule } from '../../platform/modules/index.ts';
import { registerPortal } from './routes.tsx';
import { registerAdminHome } from './admin.tsx';

export const portalModule = defineModule({
  name: 'portal',
  title: '门户与工作台',
  actions: ['admin.access', 'portal.manage'],
  nav: [
    { href: '/admin/', label: '工作台', action: 'admin.access' },
    { href: '/admin/help', label: '使用说明', action: 'admin.access' },
  ],
  routes(app, ctx) {
    registerPortal(app, ctx);
    registerAdminHome(app, ctx);
  },
});
