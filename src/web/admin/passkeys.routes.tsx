import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type DomainError, notFound } from '../../core/shared/errors.js';
import { jsonBodyOf, noPendingSignIn, passkeyJson } from '../passkey-json.js';
import { randomToken } from '../../security/tokens.js';
import { DEVICE_COOKIE_SECONDS, principalOf } from '../session.js';
import { safeNext, withNext } from './auth.views.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';
import { reauthPath } from './passkeys.views.js';

/** The browser id cookie lives a year (as in auth.routes.tsx). */
const BROWSER_COOKIE_SECONDS = 365 * 86_400;

/**
 * The JSON side of passkeys, called by assets/passkeys.js (the CSRF token comes in the
 * x-csrf-token header). The sign-in pair acts only on this browser's pending sign-in (the
 * password step), so it is `public` like the code page; the account routes need the
 * signed-in staff member and a recent re-authentication. Removing a passkey is a plain form.
 */
export function registerPasskeyRoutes(app: FastifyInstance, { config, services, cookies }: AdminDeps): void {
  /** Domain errors answered as JSON with a message in the staff member's language; `next` where the browser should go instead. */
  const json = passkeyJson((request) => adminContext(request, config.publicUrl));

  const pendingToken = (request: FastifyRequest) => request.cookies[cookies.names.pending] ?? '';
  const nextOf = (request: FastifyRequest) => safeNext((request.query as Record<string, unknown> | undefined)?.next);
  /** No pending sign-in (never started, expired, already finished): back to the password. */
  const toLogin = (request: FastifyRequest, e: DomainError) => (noPendingSignIn(e) ? withNext('/admin/login', nextOf(request)) : undefined);

  // --- sign in, second step, with a passkey
  app.post(
    '/admin/login/passkey/options',
    { config: { permission: 'public' } },
    json(async (request) => ({ options: await services.passkeys.authenticationOptions(pendingToken(request)) }), 'auth.passkey.failed', toLogin),
  );

  app.post(
    '/admin/login/passkey',
    { config: { permission: 'public' } },
    json(
      async (request, reply) => {
        const token = pendingToken(request);
        if (!(await services.auth.pending(token))) throw notFound('pending sign-in');
        const known = request.cookies[cookies.names.browser];
        const browserId = known && /^[A-Za-z0-9_-]{43}$/.test(known) ? known : randomToken();
        const signed = await services.passkeys.completeLogin(token, jsonBodyOf(request).response, browserId, cookies.device(request));
        cookies.set(reply, 'session', signed.token);
        cookies.set(reply, 'device', signed.device, DEVICE_COOKIE_SECONDS);
        cookies.set(reply, 'browser', browserId, BROWSER_COOKIE_SECONDS);
        cookies.clear(reply, 'pending');
        return { next: nextOf(request) ?? '/admin' };
      },
      'auth.passkey.failed',
      toLogin,
    ),
  );

  // --- your account: add a passkey (after a fresh confirmation), remove one
  // Without one the browser is sent to confirm first: the JSON form of the 303 the remove form gets.
  const toReauth = (_request: FastifyRequest, e: DomainError) => (e.fields.passkey === 'auth.passkey.reauth-needed' ? reauthPath('/admin/account') : undefined);
  const reauthFirst = { next: reauthPath('/admin/account') };

  app.post(
    '/admin/account/passkeys/options',
    { config: { permission: 'account.self' } },
    json(
      async (request) => {
        const p = principalOf(request);
        if (!services.auth.hasRecentReauth(p)) return reauthFirst;
        return { options: await services.passkeys.registrationOptions(p) };
      },
      'auth.passkey.add-failed',
      toReauth,
    ),
  );

  app.post(
    '/admin/account/passkeys',
    { config: { permission: 'account.self' } },
    json(
      async (request) => {
        if (!services.auth.hasRecentReauth(principalOf(request))) return reauthFirst;
        const body = jsonBodyOf(request);
        const label = typeof body.label === 'string' ? body.label.slice(0, 200) : '';
        await services.passkeys.register(principalOf(request), body.response, label);
        return { next: '/admin/account?done=passkey-added#passkeys-title' };
      },
      'auth.passkey.add-failed',
      toReauth,
    ),
  );

  app.post('/admin/account/passkeys/:id/remove', { config: { permission: 'account.self' } }, async (request, reply) => {
    const p = principalOf(request);
    if (!services.auth.hasRecentReauth(p)) return reply.redirect(reauthPath('/admin/account'), 303);
    const id = Number((request.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id < 1) throw notFound('passkey');
    await services.passkeys.remove(p, id);
    return reply.redirect('/admin/account?done=passkey-removed', 303);
  });
}
