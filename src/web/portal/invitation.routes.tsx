import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/shared/errors.js';
import type { RawForm } from '../../core/shared/form-input.js';
import { localePath, locales } from '../../i18n/index.js';
import { echoed } from '../forms.js';
import { contextFor, privatePage, sendHtml } from '../routing.js';
import type { PortalDeps } from './index.js';
import { AcceptedPage, AcceptPage, UnusableLinkPage } from './invitation.views.js';
import { statusOf } from './support.js';

const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) });

/** A link that cannot be used (unknown, used, expired, revoked): the service's one neutral answer. */
const isUnusable = (e: unknown): e is DomainError => e instanceof DomainError && e.code === 'not-found';

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

    const renderForm = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const { token } = request.params as Static<typeof TokenParams>;
      let offer;
      try {
        offer = await invitations.offer(token);
      } catch (e) {
        if (isUnusable(e)) return unusable(request, reply, token);
        throw e;
      }
      const values = request.method === 'POST' ? echoed(request) : {};
      privatePage(reply);
      const ctx = contextFor(request, `/invitation/${token}`, config.publicUrl);
      return sendHtml(reply, await AcceptPage({ ctx, offer, token, csrf: reply.generateCsrf(), values, errors }), statusOf(reply));
    };

    app.get(localePath(locale, '/invitation/:token'), { config: config_, schema: { params: TokenParams } }, (request, reply) => renderForm(request, reply, {}));

    app.post(
      localePath(locale, '/invitation/:token'),
      { config: { ...config_, formView: renderForm }, schema: { params: TokenParams } },
      async (request, reply) => {
        const { token } = request.params as Static<typeof TokenParams>;
        let accepted: { sessionToken: string; signIn: string };
        try {
          accepted = await invitations.accept(token, (request.body ?? {}) as RawForm, locale);
        } catch (e) {
          if (isUnusable(e)) return unusable(request, reply, token);
          throw e; // invalid input: src/web/errors.ts renders the form again (formView)
        }
        cookies.set(reply, 'portal', accepted.sessionToken);
        // The sign-in name exists only in this answer (the database keeps its keyed hash).
        privatePage(reply);
        return sendHtml(reply, await AcceptedPage({ ctx: contextFor(request, '/portal', config.publicUrl), signIn: accepted.signIn }));
      },
    );
  }
}
