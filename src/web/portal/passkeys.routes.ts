import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../core/shared/errors.js';
import { localePath, locales } from '../../i18n/index.js';
import { PARTICIPANT_SELF, type Permission } from '../../security/permissions.js';
import { jsonBodyOf, noPendingSignIn, passkeyJson } from '../passkey-json.js';
import { contextFor } from '../routing.js';
import { DEVICE_COOKIE_SECONDS, participantOf } from '../session.js';
import type { PortalDeps } from './index.js';

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

/**
 * The portal's passkey JSON routes, called by assets/passkeys.js, in every language (the
 * messages are in the page's). The sign-in pair acts only on this browser's pending sign-in
 * (after the passphrase), so it is `public` like the code page; adding a passkey needs the
 * portal session and the passphrase (sent with the request for options). Removing one is a
 * plain form (account.routes.tsx).
 */
export function registerPortalPasskeys(app: FastifyInstance, { services, cookies, config }: PortalDeps): void {
  const { portal, portalPasskeys } = services;
  const json = passkeyJson((request) => contextFor(request, '/portal/account', config.publicUrl));
  const pendingToken = (request: FastifyRequest) => request.cookies[cookies.names.portalPending] ?? '';
  const sessionToken = (request: FastifyRequest) => request.cookies[cookies.names.portal] ?? '';

  for (const locale of locales) {
    const self = { permission: PARTICIPANT_SELF as Permission, locale };
    const pub = { permission: 'public' as const, locale };
    const to = (path: string) => localePath(locale, path);
    /** No pending sign-in (never started, expired, already finished): back to the sign-in name. */
    const toLogin = (_request: FastifyRequest, e: Parameters<typeof noPendingSignIn>[0]) => (noPendingSignIn(e) ? to('/portal/login') : undefined);

    app.post(
      to('/portal/login/passkey/options'),
      { config: pub },
      json(async (request) => ({ options: await portalPasskeys.authenticationOptions(pendingToken(request)) }), 'portal.passkey.failed', toLogin),
    );

    app.post(
      to('/portal/login/passkey'),
      { config: pub },
      json(
        async (request, reply) => {
          const token = pendingToken(request);
          if (!(await portal.pending(token))) throw notFound('pending sign-in');
          const signed = await portalPasskeys.completeLogin(token, jsonBodyOf(request).response, cookies.device(request));
          cookies.clear(reply, 'portalPending');
          cookies.set(reply, 'portal', signed.token);
          cookies.set(reply, 'device', signed.device, DEVICE_COOKIE_SECONDS);
          return { next: to('/portal') };
        },
        'portal.passkey.failed',
        toLogin,
      ),
    );

    app.post(
      to('/portal/account/passkeys/options'),
      { config: self },
      json(async (request) => {
        const passphrase = text(jsonBodyOf(request).passphrase, 1024);
        return { options: await portalPasskeys.registrationOptions(participantOf(request), sessionToken(request), passphrase, cookies.device(request)) };
      }, 'portal.passkey.add-failed'),
    );

    app.post(
      to('/portal/account/passkeys'),
      { config: self },
      json(async (request) => {
        const body = jsonBodyOf(request);
        await portalPasskeys.register(participantOf(request), sessionToken(request), body.response, text(body.label, 200));
        return { next: `${to('/portal/account')}?done=passkey-added#passkeys-title` };
      }, 'portal.passkey.add-failed'),
    );
  }
}
