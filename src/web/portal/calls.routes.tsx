import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localePath, locales } from '../../i18n/index.js';
import { attempt, echoed, formBody, statusFor, type Rejection } from '../forms.js';
import { contextFor, privatePage, sendHtml } from '../routing.js';
import { AppliedPage, CallPage, CallsPage } from './calls.views.js';
import type { PortalDeps } from './index.js';

const CallParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 999_999_999 }) });

/**
 * Public open calls, in every language: the list of calls open now, a call with its form
 * (a draft or closed call is not found; after the deadline the page says so and has no
 * form), and the answer after applying. No account, no JavaScript.
 */
export function registerCallPages(app: FastifyInstance, { services, config }: PortalDeps): void {
  const { calls } = services;
  const retentionDays = config.participantRetentionDays;

  for (const locale of locales) {
    const pub = { permission: 'public' as const, locale };

    app.get(localePath(locale, '/calls'), { config: pub }, async (request, reply) => {
      const list = await calls.openCalls(locale);
      return sendHtml(reply, await CallsPage({ ctx: contextFor(request, '/calls', config.publicUrl), calls: list }));
    });

    /** The call with its form; after a rejection, with its messages and what the visitor typed. */
    const renderCall = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
      const { id } = request.params as Static<typeof CallParams>;
      const { idempotencyKey, ...call } = await calls.publicCall(id, locale);
      const values = rejected ? echoed(request) : {};
      const errors = rejected?.fields ?? {};
      privatePage(reply);
      const ctx = contextFor(request, `/calls/${id}`, config.publicUrl);
      return sendHtml(reply, await CallPage({ ctx, call, idempotencyKey, csrf: reply.generateCsrf(), values, errors, retentionDays }), statusFor(rejected));
    };

    app.get(localePath(locale, '/calls/:id'), { config: pub, schema: { params: CallParams } }, (request, reply) => renderCall(request, reply));

    app.post(localePath(locale, '/calls/:id'), { config: pub, schema: { params: CallParams } }, async (request, reply) => {
      const { id } = request.params as Static<typeof CallParams>;
      const applied = await attempt(calls.apply(id, formBody(request), locale));
      if (!applied.ok) return renderCall(request, reply, applied);
      const { idempotencyKey: _unused, ...call } = await calls.publicCall(id, locale);
      privatePage(reply);
      return sendHtml(reply, await AppliedPage({ ctx: contextFor(request, `/calls/${id}`, config.publicUrl), call, retentionDays }));
    });
  }
}
