// The platform's modules, in navigation order. Adding a module is one line here (see
// docs/ARCHITECTURE.md, "The module contract").
import type { GongkaiModule } from '../platform/modules/index.ts';
import { portalModule } from './portal/module.ts';
import { orgModule } from './org/module.ts';
import { authModule } from './auth/module.ts';
import { catalogModule } from './catalog/module.ts';
import { requestsModule } from './requests/module.ts';
import { reviewModule } from './review/module.ts';
import { opinionModule } from './opinion/module.ts';
import { pressModule } from './press/module.ts';
import { spokespersonModule } from './spokesperson/module.ts';
import { interactionModule } from './interaction/module.ts';
import { surveyModule } from './survey/module.ts';
import { calendarModule } from '../calendar/module.ts';
import { auditModule } from '../platform/audit/module.ts';

export const MODULES: readonly GongkaiModule[] = [
  portalModule,
  orgModule,
  authModule,
  catalogModule,
  requestsModule,
  opinionModule,
  spokespersonModule,
  pressModule,
  interactionModule,
  surveyModule,
  reviewModule,
  calendarModule,
  auditModule,
];
