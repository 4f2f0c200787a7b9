import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RegistrationsService } from '../../core/registrations/registrations.service.js';
import type { RawForm } from '../../core/shared/form-input.js';
import { localePath, locales, type Locale } from '../../i18n/index.js';
import { contextFor, privatePage, sendHtml } from '../routing.js';
import type { Values } from '../admin/form-fields.js';
import { ManagePage, RegisteredPage, RegisterPage } from './registration.views.js';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) });

export interface RegistrationDeps {
  registrations: RegistrationsService;
  publicUrl: string;
}

/** What the visitor typed, to fill the form again; the CSRF token is never echoed. */
function typed(body: RawForm): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(body)) if (k !== '_csrf' && typeof v === 'string') out[k] = v;
  return out;
}

/**
 * The visitor's side of registration, in every language: the form, the answer, the private
 * page behind the link in the mails and its cancel button. No account, no JavaScript.
 */
export function registerRegistrationPages(app: FastifyInstance, { registrations, publicUrl }: RegistrationDeps): void {
  for (const locale of locales) {
    const config = { permission: 'public' as const, locale };

    const renderForm = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const { slug } = request.params as Static<typeof SlugParams>;
      const form = await registrations.form(slug, locale);
      const ctx = contextFor(request, `/events/${slug}/register`, publicUrl);
      const values = request.method === 'POST' ? typed((request.body ?? {}) as RawForm) : {};
      privatePage(reply);
      return sendHtml(reply, await RegisterPage({ ctx, form, csrf: reply.generateCsrf(), values, errors }), reply.statusCode >= 400 ? reply.statusCode : 200);
    };

    app.get(localePath(locale, '/events/:slug/register'), { config, schema: { params: SlugParams } }, (request, reply) => renderForm(request, reply, {}));

    app.post(
      localePath(locale, '/events/:slug/register'),
      { config: { ...config, formView: renderForm }, schema: { params: SlugParams } },
      async (request, reply) => {
        const { slug } = request.params as Static<typeof SlugParams>;
        const { event, outcome } = await registrations.register(slug, locale, (request.body ?? {}) as RawForm);
        privatePage(reply);
        return sendHtml(reply, await RegisteredPage({ ctx: contextFor(request, `/events/${slug}/register`, publicUrl), event, outcome }));
      },
    );

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
