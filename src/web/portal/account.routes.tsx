import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../core/shared/errors.js';
import { localePath, locales } from '../../i18n/index.js';
import { PARTICIPANT_SELF, type Permission } from '../../security/permissions.js';
import { attempt, queryText, statusFor, stringFields, type FieldErrors, type Rejection } from '../forms.js';
import { contextFor, sendHtml } from '../routing.js';
import { participantOf } from '../session.js';
import { qrSvg } from '../views/qr.js';
import { AccountPage, RecoveryCodesPage } from './account.views.js';
import type { PortalDeps } from './index.js';

/** The account page's forms a rejection belongs to: the app's (on or off) or the passkey removal's. */
type AccountForm = 'factor' | 'passkeys';

/** The passkey removal form's messages: its passphrase field is `remove_passphrase`. */
const passkeyFormErrors = ({ passphrase, ...rest }: FieldErrors): FieldErrors => (passphrase ? { ...rest, remove_passphrase: passphrase } : rest);

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

    /** The page; after a rejection its messages go to the form that was sent (`form`). */
    const render = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection, form: AccountForm = 'factor') => {
      const p = participantOf(request);
      const ctx = contextFor(request, '/portal/account', config.publicUrl);
      const [status, list] = await Promise.all([portalFactors.status(p), portalPasskeys.list(p)]);
      const errors = form === 'factor' ? (rejected?.fields ?? {}) : {};
      const passkeys = { list, where: portalPasskeys.where, errors: form === 'passkeys' && rejected ? passkeyFormErrors(rejected.fields) : {} };
      let add;
      if (!status.totp) {
        // After an error the same key stays, so the one the app already holds keeps working.
        const start = await portalFactors.startTotp(p, rejected ? stringFields(request, ['sealedSecret']).sealedSecret : undefined);
        add = { secret: start.secret, sealedSecret: start.sealedSecret, qrSvg: await qrSvg(start.uri, ctx.t('portal.factor.qr')) };
      }
      const done = rejected ? '' : queryText(request, 'done');
      return sendHtml(reply, await AccountPage({ ctx, csrf: reply.generateCsrf(), status, add, errors, done, passkeys }), statusFor(rejected));
    };

    app.get(to('/portal/account'), { config: self }, (request, reply) => render(request, reply));

    app.post(to('/portal/account/totp'), { config: self }, async (request, reply) => {
      const { passphrase, sealedSecret, code } = stringFields(request, ['passphrase', 'sealedSecret', 'code']);
      const session = request.cookies[cookies.names.portal] ?? '';
      const added = await attempt(
        portalFactors.addTotp(participantOf(request), session, { passphrase, sealedSecret, code: code.slice(0, 64) }, cookies.device(request)),
      );
      if (!added.ok) return render(request, reply, added);
      const ctx = contextFor(request, '/portal/account', config.publicUrl);
      return sendHtml(reply, await RecoveryCodesPage({ ctx, csrf: reply.generateCsrf(), codes: added.value }));
    });

    // Removing a passkey: a plain form (no JavaScript needed), the passphrase again. Its field
    // errors go to its own form; somebody else's passkey or a missing one is not found.
    app.post(to('/portal/account/passkeys/remove'), { config: self }, async (request, reply) => {
      const { passkey, remove_passphrase } = stringFields(request, ['passkey', 'remove_passphrase']);
      if (!passkey) return render(request, reply, { fields: { passkey: 'portal.passkey.choose' }, status: 400 }, 'passkeys');
      if (!/^[1-9]\d{0,9}$/.test(passkey)) throw notFound('passkey');
      const removed = await attempt(portalPasskeys.remove(participantOf(request), Number(passkey), remove_passphrase, cookies.device(request)));
      if (!removed.ok) return render(request, reply, removed, 'passkeys');
      return reply.header('Cache-Control', 'no-store').redirect(`${to('/portal/account')}?done=passkey-removed#passkeys-title`, 303);
    });

    app.post(to('/portal/account/totp/remove'), { config: self }, async (request, reply) => {
      const removed = await attempt(
        portalFactors.removeTotp(participantOf(request), stringFields(request, ['passphrase']).passphrase, cookies.device(request)),
      );
      if (!removed.ok) return render(request, reply, removed);
      return reply.header('Cache-Control', 'no-store').redirect(`${to('/portal/account')}?done=removed`, 303);
    });
  }
}
