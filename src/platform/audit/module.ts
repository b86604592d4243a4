// The audit log screen (the log itself is written by every use case through platform/audit).
import { defineModule } from '../modules/index.ts';
import { registerAuditAdmin } from './routes.tsx';

export const auditModule = defineModule({
  name: 'audit',
  title: '审计日志',
  actions: ['audit.read'],
  nav: [{ href: '/admin/audit', label: '审计日志', action: 'audit.read' }],
  routes: registerAuditAdmin,
});
