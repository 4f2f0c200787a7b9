import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import type { SessionCookies } from '../session.js';
import { registerDashboard } from './dashboard.routes.js';

export interface AdminDeps {
  config: Config;
  services: Services;
  cookies: SessionCookies;
}

/** Everything under /admin. Each area registers its own routes here. */
export function registerAdmin(app: FastifyInstance, deps: AdminDeps): void {
  registerDashboard(app, deps);
}
