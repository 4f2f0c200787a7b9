import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from './index.js';
import { registerCallRoutes } from './participation-calls.routes.js';
import { registerInvitationRoutes } from './participation-invitations.routes.js';
import { registerLogisticsRoutes } from './participation-logistics.routes.js';

/**
 * The staff side of participation in the closed part, per edition (addressed by year like the
 * programme editor): /admin/conference/:year/invitations (participant.invite),
 * /admin/conference/:year/calls and a call's applications (participant.review; changes and
 * decisions participant.invite), /admin/conference/:year/participants, badges, visa letters
 * and the export (participant.read-identity), and erasure (participant.invite).
 */
export function registerAdminParticipation(app: FastifyInstance, deps: AdminDeps): void {
  registerInvitationRoutes(app, deps);
  registerCallRoutes(app, deps);
  registerLogisticsRoutes(app, deps);
}
