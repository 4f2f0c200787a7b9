import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import type { SessionCookies } from '../session.js';
import { registerPortalAccount } from './account.routes.js';
import { registerCallPages } from './calls.routes.js';
import { registerInvitationPages } from './invitation.routes.js';
import { registerPortalPages } from './portal.routes.js';
import { registerPortalPasskeys } from './passkeys.routes.js';

export interface PortalDeps {
  config: Config;
  services: Services;
  cookies: SessionCookies;
}

/** The invitee's and participant's pages: accepting an invitation, /portal, open calls. */
export function registerPortal(app: FastifyInstance, deps: PortalDeps): void {
  registerInvitationPages(app, deps);
  registerPortalPages(app, deps);
  registerPortalAccount(app, deps);
  registerPortalPasskeys(app, deps);
  registerCallPages(app, deps);
}
