// The review-chain engine's configuration screens (the engine itself is used by other modules).
import { defineModule } from '../../platform/modules/index.ts';
import { registerReviewAdmin } from './routes.tsx';

export const reviewModule = defineModule({
  name: 'review',
  title: '审核流程',
  actions: ['review.configure'],
  nav: [{ href: '/admin/review-chains', label: '审核流程配置', action: 'review.configure' }],
  routes: registerReviewAdmin,
});
