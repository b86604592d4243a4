// 依申请公开 (SPEC.md §3): applications on the legal clock, from intake to the signed reply.
import { defineModule } from '../../platform/modules/index.ts';
import { registerRequests } from './index.ts';
import { registerRequestClock } from './clock.ts';
import { seedRequestDemo } from './demo.ts';
import { requestsDesk } from './desk.ts';
import { requestJobs } from './jobs.ts';
import { REQUEST_AUDIT_FIELDS, REQUEST_AUDIT_GROUPS, REQUEST_AUDIT_LABELS, REQUEST_AUDIT_VALUES } from './audit-labels.ts';

export const requestsModule = defineModule({
  name: 'requests',
  title: '依申请公开',
  actions: ['request.read', 'request.register', 'request.handle', 'request.assign', 'request.extension.approve', 'request.pii.reveal', 'request.escalation.receive', 'request.review', 'request.stats', 'request.manage'],
  nav: [
    { href: '/admin/requests', label: '依申请公开', action: 'request.read' },
    { href: '/admin/requests/new', label: '登记申请', action: 'request.register' },
    { href: '/admin/requests/stats', label: '依申请公开统计', action: 'request.stats' },
    { href: '/admin/requests/templates', label: '文书模板', action: 'request.manage' },
  ],
  routes: registerRequests,
  auditLabels: { labels: REQUEST_AUDIT_LABELS, groups: REQUEST_AUDIT_GROUPS, fields: REQUEST_AUDIT_FIELDS, values: REQUEST_AUDIT_VALUES },
  jobs: requestJobs,
  demo: seedRequestDemo,
  desk: requestsDesk,
  // Calendar changes recompute open cases (once per process).
  start: registerRequestClock,
});
