import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RegistrationsService } from '../../core/registrations/registrations.service.js';
import { localePath, locales, type Locale } from '../../i18n/index.js';
import { attempt, echoed, formBody, statusFor, type Rejection, type Values } from '../forms.js';
import { contextFor, privatePage, sendHtml } from '../routing.js';
import { ManagePage, RegisteredPage, RegisterPage } from './registration.views.js';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) });

export interface RegistrationDeps {
  registrations: RegistrationsService;
  publicUrl: string;
}

/**
 * What the visitor typed, to fill the form again (echoed: never the CSRF token or a secret; the
 * form has none). Only fields sent once: the form repeats no field, and a repeated `idem` left
 * out means the page offers a fresh key rather than the values joined.
 */
const typedOnce = (request: FastifyRequest): Values => Object.fromEntries(Object.entries(echoed(request)).filter(([, v]) => typeof v === 'string'));

/**
 * The visitor's side of registration, in every language: the form, the answer, the private
 * page behind the link in the mails and its cancel button. No account, no JavaScript.
 */
export function registerRegistrationPages(app: FastifyInstance, { registrations, publicUrl }: RegistrationDeps): void {
  for (const locale of locales) {
    const config = { permission: 'public' as const, locale };

    /** The form; after a refusal with its messages and what the visitor typed. */
    const renderForm = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
      const { slug } = request.params as Static<typeof SlugParams>;
      const form = await registrations.form(slug, locale);
      const ctx = contextFor(request, `/events/${slug}/register`, publicUrl);
      const values = rejected ? typedOnce(request) : {};
      privatePage(reply);
      return sendHtml(reply, await RegisterPage({ ctx, form, csrf: reply.generateCsrf(), values, errors: rejected?.fields ?? {} }), statusFor(rejected));
    };

    app.get(localePath(locale, '/events/:slug/register'), { config, schema: { params: SlugParams } }, (request, reply) => renderForm(request, reply));

    app.post(localePath(locale, '/events/:slug/register'), { config, schema: { params: SlugParams } }, async (request, reply) => {
      const { slug } = request.params as Static<typeof SlugParams>;
      const registered = await attempt(registrations.register(slug, locale, formBody(request)));
      if (!registered.ok) return renderForm(request, reply, registered);
      const { event, outcome } = registered.value;
      privatePage(reply);
      return sendHtml(reply, await RegisteredPage({ ctx: contextFor(request, `/events/${slug}/register`, publicUrl), event, outcome }));
    });

    const manage = async (request: FastifyRequest, reply: FastifyReply, lang: Locale, justCancelled: boolean) => {
      const { token } = request.params as Static<typeof TokenParams>;
      const r = justCancelled ? await registrations.cancel(token, lang) : await registrations.manage(token, lang);
      const ctx = contextFor(request, `/registration/${token}`, publicUrl);
      privatePage(reply);
      return sendHtml(reply, await ManagePage({ ctx, r, token, csrf: reply.generateCsrf(), justCancelled }));
    };

    app.get(localePath(locale, '/registration/:token'), { config, schema: { params: TokenParams } }, (request, reply) => manage(request, reply, locale, false));
    app.post(localePath(locale, '/registration/:token/cancel'), { config, schema: { params: TokenParams } }, (request, reply) =>
      manage(request, reply, locale, true),
    );
  }
}
