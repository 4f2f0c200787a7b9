import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, notFound } from '../../core/shared/errors.js';
import { localePath, locales } from '../../i18n/index.js';
import { PARTICIPANT_SELF, type Permission } from '../../security/permissions.js';
import { queryText } from '../forms.js';
import { contextFor, sendHtml } from '../routing.js';
import { participantOf } from '../session.js';
import { qrSvg } from '../views/qr.js';
import { AccountPage, RecoveryCodesPage } from './account.views.js';
import type { PortalDeps } from './index.js';
import { statusOf } from './support.js';

/** A form field as typed (a passphrase is taken as it is). */
const raw = (body: unknown, name: string): string => {
  const v = ((body ?? {}) as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};

/**
 * The participant's sign-in security (`/portal/account`), in every language: turning the
 * authenticator app on (QR code and key, a code, the passphrase again; the recovery codes
 * shown once) and off (the passphrase again), and removing a passkey (the passphrase
 * again). participant.self; no JavaScript needed. Adding a passkey: passkeys.routes.ts.
 */
export function registerPortalAccount(app: FastifyInstance, { services, cookies, config }: PortalDeps): void {
  const { portalFactors, portalPasskeys } = services;
  for (const locale of locales) {
    const self = { permission: PARTICIPANT_SELF as Permission, locale };
    const to = (path: string) => localePath(locale, path);

    /** The page; `passkeyErrors` are the passkey removal form's. */
    const render = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>, passkeyErrors: Record<string, string> = {}) => {
      const p = participantOf(request);
      const ctx = contextFor(request, '/portal/account', config.publicUrl);
      const [status, list] = await Promise.all([portalFactors.status(p), portalPasskeys.list(p)]);
      const passkeys = { list, where: portalPasskeys.where, errors: passkeyErrors };
      let add;
      if (!status.totp) {
        // After an error the same key stays, so the one the app already holds keeps working.
        const start = await portalFactors.startTotp(p, request.method === 'POST' ? raw(request.body, 'sealedSecret') : undefined);
        add = { secret: start.secret, sealedSecret: start.sealedSecret, qrSvg: await qrSvg(start.uri, ctx.t('portal.factor.qr')) };
      }
      const done = request.method === 'GET' ? queryText(request, 'done') : '';
      return sendHtml(reply, await AccountPage({ ctx, csrf: reply.generateCsrf(), status, add, errors, done, passkeys }), statusOf(reply));
    };

    app.get(to('/portal/account'), { config: self }, (request, reply) => render(request, reply, {}));

    app.post(to('/portal/account/totp'), { config: { ...self, formView: render } }, async (request, reply) => {
      const p = participantOf(request);
      const codes = await portalFactors.addTotp(
        p,
        request.cookies[cookies.names.portal] ?? '',
        { passphrase: raw(request.body, 'passphrase'), sealedSecret: raw(request.body, 'sealedSecret'), code: raw(request.body, 'code').slice(0, 64) },
        cookies.device(request),
      );
      const ctx = contextFor(request, '/portal/account', config.publicUrl);
      return sendHtml(reply, await RecoveryCodesPage({ ctx, csrf: reply.generateCsrf(), codes }));
    });

    // Removing a passkey: a plain form (no JavaScript needed), the passphrase again. Its field
    // errors go to its own form; somebody else's passkey or a missing one is not found.
    const renderPasskeys = (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const { passphrase, ...rest } = errors;
      return render(request, reply, {}, passphrase ? { ...rest, remove_passphrase: passphrase } : rest);
    };
    app.post(to('/portal/account/passkeys/remove'), { config: { ...self, formView: renderPasskeys } }, async (request, reply) => {
      const chosen = raw(request.body, 'passkey');
      if (!chosen) throw invalid('no passkey chosen', { passkey: 'portal.passkey.choose' });
      if (!/^[1-9]\d{0,9}$/.test(chosen)) throw notFound('passkey');
      await portalPasskeys.remove(participantOf(request), Number(chosen), raw(request.body, 'remove_passphrase'), cookies.device(request));
      return reply.header('Cache-Control', 'no-store').redirect(`${to('/portal/account')}?done=passkey-removed#passkeys-title`, 303);
    });

    app.post(to('/portal/account/totp/remove'), { config: { ...self, formView: render } }, async (request, reply) => {
      await portalFactors.removeTotp(participantOf(request), raw(request.body, 'passphrase'), cookies.device(request));
      return reply.header('Cache-Control', 'no-store').redirect(`${to('/portal/account')}?done=removed`, 303);
    });
  }
}
