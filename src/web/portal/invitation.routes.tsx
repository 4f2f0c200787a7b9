import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/shared/errors.js';
import { localePath, locales } from '../../i18n/index.js';
import { attempt, echoed, formBody, statusFor, type Rejection } from '../forms.js';
import { contextFor, privatePage, sendHtml } from '../routing.js';
import type { PortalDeps } from './index.js';
import { AcceptedPage, AcceptPage, UnusableLinkPage } from './invitation.views.js';

const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) });

/**
 * A call about the link, or undefined when the link cannot be used (unknown, used, expired,
 * revoked, frozen, its edition's data erased): the service answers not-found for every one of
 * them, with its message or without, and they all get the one neutral page.
 */
const unlessUnusable = <T,>(call: Promise<T>): Promise<T | undefined> =>
  call.catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'not-found') return undefined;
    throw e;
  });

/**
 * The invitation link's page, in every language: GET shows the offer and the form; POST
 * accepts, which spends the link, signs the new participant in and shows their sign-in name
 * once, with a link on to /portal. A wrong code re-shows the form; a frozen invitation gets the
 * neutral answer.
 * Every link that cannot be used gets the same page and status (404), whatever the reason.
 */
export function registerInvitationPages(app: FastifyInstance, { services, cookies, config }: PortalDeps): void {
  const { invitations } = services;

  for (const locale of locales) {
    const config_ = { permission: 'public' as const, locale };

    const unusable = async (request: FastifyRequest, reply: FastifyReply, token: string) => {
      privatePage(reply);
      return sendHtml(reply, await UnusableLinkPage({ ctx: contextFor(request, `/invitation/${token}`, config.publicUrl) }), 404);
    };

    /** The offer and its form; after a rejection, with its messages and what the invitee typed (never the code or passphrase). */
    const renderForm = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
      const { token } = request.params as Static<typeof TokenParams>;
      const offer = await unlessUnusable(invitations.offer(token));
      if (!offer) return unusable(request, reply, token);
      const values = rejected ? echoed(request) : {};
      const errors = rejected?.fields ?? {};
      privatePage(reply);
      const ctx = contextFor(request, `/invitation/${token}`, config.publicUrl);
      return sendHtml(reply, await AcceptPage({ ctx, offer, token, csrf: reply.generateCsrf(), values, errors }), statusFor(rejected));
    };

    app.get(localePath(locale, '/invitation/:token'), { config: config_, schema: { params: TokenParams } }, (request, reply) => renderForm(request, reply));

    app.post(localePath(locale, '/invitation/:token'), { config: config_, schema: { params: TokenParams } }, async (request, reply) => {
      const { token } = request.params as Static<typeof TokenParams>;
      const accepted = await attempt(unlessUnusable(invitations.accept(token, formBody(request), locale)));
      if (!accepted.ok) return renderForm(request, reply, accepted);
      if (!accepted.value) return unusable(request, reply, token);
      cookies.set(reply, 'portal', accepted.value.sessionToken);
      // The sign-in name exists only in this answer (the database keeps its keyed hash).
      privatePage(reply);
      return sendHtml(reply, await AcceptedPage({ ctx: contextFor(request, '/portal', config.publicUrl), signIn: accepted.value.signIn }));
    });
  }
}
