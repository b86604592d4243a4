// Users, role grants and API tokens (sign-in itself is wired into the server by app.ts: it also
// answers expired sessions of every other module's forms).
import { defineModule } from '../../platform/modules/index.ts';
import { registerUserAdmin } from './admin.tsx';

export const authModule = defineModule({
  name: 'auth',
  title: '用户与角色',
  actions: ['user.read', 'user.manage', 'token.manage'],
  nav: [
    { href: '/admin/users', label: '用户与角色', action: 'user.read' },
    { href: '/admin/tokens', label: '接口令牌', action: 'token.manage' },
  ],
  routes: registerUserAdmin,
});
