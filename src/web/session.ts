import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { Config } from '../config.js';
import { DEVICE_TTL_MS, type Principal } from '../core/accounts/accounts.schema.js';
import type { Clock } from '../core/shared/clock.js';
import { DomainError } from '../core/shared/errors.js';
import { PARTICIPANT_SELF, roleAllows } from '../security/permissions.js';
import type { PortalParticipant } from '../core/participation/participation.schema.js';
import type { Services } from '../services.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in staff member, on routes that need a permission other than public */
    principal: Principal | undefined;
    /** the signed-in participant, on routes that need participant.self */
    participant: PortalParticipant | undefined;
  }
}

export interface CookieNames {
  session: string;
  /** a participant's portal session: a separate cookie, never a staff session */
  portal: string;
  /** a portal sign-in waiting for the participant's second factor */
  portalPending: string;
  pending: string;
  browser: string;
  /** the device cookie: a browser that signed in to an account before keeps its own sign-in allowance */
  device: string;
  csrf: string;
}

/** `__Host-` cookies need https; on plain http (development, tests) the names drop the prefix. */
export function cookieNames(secure: boolean): CookieNames {
  const p = secure ? '__Host-' : '';
  return {
    session: `${p}dd_session`,
    portal: `${p}dd_portal`,
    portalPending: `${p}dd_portal_pending`,
    pending: `${p}dd_pending`,
    browser: `${p}dd_browser`,
    device: `${p}dd_device`,
    csrf: `${p}dd_csrf`,
  };
}

/** The device cookie lives as long as its row may stay unused (DEVICE_TTL_MS). */
export const DEVICE_COOKIE_SECONDS = DEVICE_TTL_MS / 1000;

export interface SessionCookies {
  names: CookieNames;
  /** the device cookie this request carried, if any (the throttle checks its form and its row) */
  device(request: FastifyRequest): string | undefined;
  set(reply: FastifyReply, name: keyof CookieNames, value: string, maxAgeSeconds?: number): void;
  clear(reply: FastifyReply, name: keyof CookieNames): void;
}

/** The participant of a request that passed the participant.self check; a bug if called elsewhere. */
export function participantOf(request: FastifyRequest): PortalParticipant {
  if (!request.participant) throw new Error(`route ${request.routeOptions.url} used participantOf without participant.self`);
  return request.participant;
}

/** The principal of a request that passed the permission check; a bug if called elsewhere. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.routeOptions.url} used principalOf without a permission`);
  return request.principal;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cookies, CSRF tokens on every state-changing request, and the permission check every
 * non-public route gets before its handler: no session → sign in; a role without the
 * permission → 403, audited. Services check again on the objects they load.
 */
export async function registerSessions(app: FastifyInstance, config: Config, services: Services, clock: Clock): Promise<SessionCookies> {
  const names = cookieNames(config.secureCookies);
  const base = { path: '/', httpOnly: true, secure: config.secureCookies, sameSite: 'lax' as const };
  await app.register(cookie);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: names.csrf,
    cookieOpts: { ...base, sameSite: 'strict' },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const field = body?._csrf as string | { value?: string } | undefined;
      // Scripts that post JSON (the passkey buttons) send the page's token in a header.
      const header = req.headers['x-csrf-token'];
      if (field === undefined && typeof header === 'string') return header;
      return typeof field === 'object' ? (field.value ?? '') : (field ?? '');
    },
  });
  app.decorateRequest('principal', undefined);
  app.decorateRequest('participant', undefined);

  // A form from another site carries no valid token: refused before anything else runs.
  app.addHook('preHandler', (request, reply, done) => {
    if (unsafeMethods.has(request.method)) app.csrfProtection(request, reply, done);
    else done();
  });
  app.addHook('preHandler', async (request, reply) => {
    const permission = request.routeOptions.config?.permission;
    if (!permission || permission === 'public') return;
    if (permission === PARTICIPANT_SELF) {
      // The portal: a participant's own session cookie; staff sessions do not count here.
      const portalToken = request.cookies[names.portal];
      const participant = portalToken ? await services.portal.authenticate(portalToken) : undefined;
      if (!participant) {
        if (portalToken) reply.clearCookie(names.portal, base);
        throw new DomainError('unauthenticated', 'portal sign in needed');
      }
      request.participant = participant;
      return;
    }
    const token = request.cookies[names.session];
    const principal = token ? await services.auth.authenticate(token) : undefined;
    if (!principal) {
      if (token) reply.clearCookie(names.session, base);
      throw new DomainError('unauthenticated', 'sign in needed');
    }
    if (!roleAllows(principal.role, permission)) {
      await services.audit.record(services.audit.db, clock.now().toISOString(), {
        actorId: principal.userId,
        action: 'access.denied',
        objectType: 'route',
        objectId: `${request.method} ${request.routeOptions.url ?? ''}`,
        details: { permission },
      });
      throw new DomainError('forbidden', 'permission missing');
    }
    request.principal = principal;
  });

  return {
    names,
    device: (request) => request.cookies[names.device],
    set(reply, name, value, maxAgeSeconds) {
      reply.setCookie(names[name], value, { ...base, ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) });
    },
    clear(reply, name) {
      reply.clearCookie(names[name], base);
    },
  };
}
