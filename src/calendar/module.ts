// The working-day calendar's admin screens (holidays, 调休, imported notices, overrides).
import { defineModule } from '../platform/modules/index.ts';
import { registerCalendarAdmin } from './routes.tsx';

export const calendarModule = defineModule({
  name: 'calendar',
  title: '工作日历',
  actions: ['calendar.read', 'calendar.manage'],
  nav: [{ href: '/admin/calendar', label: '工作日历', action: 'calendar.read' }],
  routes: registerCalendarAdmin,
});
