import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import type { SessionCookies } from '../session.js';
import { registerAuditPage } from './audit.routes.js';
import { registerDashboard } from './dashboard.routes.js';
import { registerAdminEvents } from './events.routes.js';
import { registerAdminPeople } from './people.routes.js';
import { registerAdminCatalogue } from './catalogue.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerAccountRoutes } from './account.routes.js';
import { registerPasskeyRoutes } from './passkeys.routes.js';
import { registerUserRoutes } from './users.routes.js';
import { registerAdminRegistrations } from './registrations.routes.js';
import { registerAdminAward } from './award.routes.js';
import { registerAdminBootcamp } from './bootcamp.routes.js';
import { registerAdminConference } from './conference.routes.js';
import { registerAdminParticipation } from './participation.routes.js';

export interface AdminDeps {
  config: Config;
  services: Services;
  cookies: SessionCookies;
}

/** Everything under /admin. Each area registers its own routes here. */
export function registerAdmin(app: FastifyInstance, deps: AdminDeps): void {
  registerDashboard(app, deps);
  registerAdminEvents(app, deps);
  registerAdminRegistrations(app, deps);
  registerAdminPeople(app, deps);
  registerAdminCatalogue(app, deps);
  registerAdminAward(app, deps);
  registerAdminBootcamp(app, deps);
  registerAdminConference(app, deps);
  registerAdminParticipation(app, deps);
  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerPasskeyRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditPage(app, deps);
}
