import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localePath, locales } from '../../i18n/index.js';
import { PARTICIPANT_SELF, type Permission } from '../../security/permissions.js';
import { contextFor, sendHtml } from '../routing.js';
import { participantOf } from '../session.js';
import { qrSvg } from '../views/qr.js';
import { AccountPage, RecoveryCodesPage } from './account.views.js';
import type { PortalDeps } from './index.js';
import { queryFlag, statusOf } from './support.js';

/** A form field as typed (a passphrase is taken as it is). */
const raw = (body: unknown, name: string): string => {
  const v = ((body ?? {}) as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};

/**
 * The participant's sign-in security (`/portal/account`), in every language: turning the
 * authenticator app on (QR code and key, a code, the passphrase again; the recovery codes
 * shown once) and off (the passphrase again). participant.self; no JavaScript needed.
 */
export function registerPortalAccount(app: FastifyInstance, { services, cookies, config }: PortalDeps): void {
  const { portalFactors } = services;
  for (const locale of locales) {
    const self = { permission: PARTICIPANT_SELF as Permission, locale };
    const to = (path: string) => localePath(locale, path);

    const render = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const p = participantOf(request);
      const ctx = contextFor(request, '/portal/account', config.publicUrl);
      const status = await portalFactors.status(p);
      let add;
      if (!status.totp) {
        // After an error the same key stays, so the one the app already holds keeps working.
        const start = await portalFactors.startTotp(p, request.method === 'POST' ? raw(request.body, 'sealedSecret') : undefined);
        add = { secret: start.secret, sealedSecret: start.sealedSecret, qrSvg: await qrSvg(start.uri, ctx.t('portal.factor.qr')) };
      }
      const done = request.method === 'GET' ? queryFlag(request, 'done') : '';
      return sendHtml(reply, await AccountPage({ ctx, csrf: reply.generateCsrf(), status, add, errors, done }), statusOf(reply));
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

    app.post(to('/portal/account/totp/remove'), { config: { ...self, formView: render } }, async (request, reply) => {
      await portalFactors.removeTotp(participantOf(request), raw(request.body, 'passphrase'), cookies.device(request));
      return reply.header('Cache-Control', 'no-store').redirect(`${to('/portal/account')}?done=removed`, 303);
    });
  }
}
