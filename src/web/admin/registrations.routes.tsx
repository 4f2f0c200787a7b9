import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RegistrantCounts } from '../../core/registrations/registrations.schema.js';
import { randomToken } from '../../security/tokens.js';
import type { MessageKey } from '../../i18n/index.js';
import { roleAllows } from '../../security/permissions.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { attempt, doneNotice, formBody, idParam, queryText, statusFor, typedFields, type Rejection } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';
import { CheckInPage, MessagePage, RegistrantsPage, SettingsPage, settingsFieldNames, settingsValues } from './registrations.views.js';

/** Messages shown after a redirect, named in the query (?done=saved); never text from the URL. */
const doneMessages: Record<string, MessageKey> = {
  saved: 'admin.saved',
  reauth: 'rega.export.reauth-done',
};

/**
 * Who a message reaches: confirmed and waiting, less those whose data the retention job has
 * deleted (it deletes every registration of an event at once, cancelled ones included).
 */
const recipientsOf = (c: RegistrantCounts) => Math.max(0, c.confirmed + c.waitlisted - c.anonymised);

/**
 * Registration in the workspace: the settings of an event's registration (event.edit), its
 * registrants, the check-in list and the CSV export (registrations.read; the export after a
 * fresh second factor, audited by the service), and a message to everyone registered
 * (registrations.message). The services check the permissions too.
 */
export function registerAdminRegistrations(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.registrationsAdmin;
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);

  // --- settings
  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const id = idParam(request);
    const event = await services.adminEvents.get(principal, id);
    const settings = await svc.settings(principal, id);
    // After an error the form comes back exactly as sent: an unticked box is absent from the post.
    const values = rejected ? typedFields(request, settingsFieldNames) : settingsValues(settings, event.timeZone);
    const notice = rejected ? undefined : doneNotice(request, doneMessages);
    const html = await SettingsPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      event,
      settings,
      values,
      errors: rejected?.fields ?? {},
      notice: notice ? ctx.t(notice) : undefined,
      canReadRegistrants: roleAllows(principal.role, 'registrations.read'),
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/events/:id/registration', { config: { permission: 'event.edit' } }, (request, reply) => renderSettings(request, reply));
  app.post('/admin/events/:id/registration', { config: { permission: 'event.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const saved = await attempt(svc.saveSettings(principalOf(request), id, formBody(request)));
    if (!saved.ok) return renderSettings(request, reply, saved);
    return reply.redirect(`/admin/events/${id}/registration?done=saved`, 303);
  });

  // --- registrants (reading them is audited by the service)
  app.get('/admin/events/:id/registrants', { config: { permission: 'registrations.read' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const id = idParam(request);
    const event = await services.adminEvents.get(principal, id);
    const { counts, registrants, questions } = await svc.registrants(principal, id);
    // How many mails a message went out as (?sent=12): a plain number, or no such notice.
    const sent = queryText(request, 'sent');
    const done = doneNotice(request, doneMessages);
    const notice = /^\d{1,7}$/.test(sent) ? ctx.t('rega.message.sent', { n: Number(sent) }) : done ? ctx.t(done) : undefined;
    const html = await RegistrantsPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      event,
      counts,
      registrants,
      questions,
      notice,
      canMessage: roleAllows(principal.role, 'registrations.message'),
      canEditSettings: roleAllows(principal.role, 'event.edit'),
    });
    return sendHtml(reply, html);
  });

  app.get('/admin/events/:id/registrants/check-in', { config: { permission: 'registrations.read' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const id = idParam(request);
    const event = await services.adminEvents.get(principal, id);
    const { registrants } = await svc.registrants(principal, id);
    const html = await CheckInPage({ ctx, principal, csrf: reply.generateCsrf(), event, registrants });
    return sendHtml(reply, html);
  });

  // --- export: a POST (it is an audited action), after a fresh second factor. A POST cannot be
  // redirected back to, so the confirmation leads to the registrants page, where the button is.
  app.post('/admin/events/:id/registrants.csv', { config: { permission: 'registrations.read' } }, async (request, reply) => {
    const id = idParam(request);
    const principal = principalOf(request);
    if (!services.auth.hasRecentReauth(principal)) {
      const back = `/admin/events/${id}/registrants?done=reauth`;
      return reply.redirect(`/admin/account/reauth?next=${encodeURIComponent(back)}`, 303);
    }
    const { csv } = await svc.exportCsv(principal, id);
    return reply
      .code(200)
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="registrants-${id}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  // --- message to everyone registered: the form says how many it reaches, and a ticked box sends it
  const renderMessage = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const id = idParam(request);
    const event = await services.adminEvents.get(principal, id);
    const counts = await svc.counts(principal, id);
    // The box is never ticked again after an error: the text is to be checked once more. The
    // idempotency key survives an error, so sending the corrected form twice still sends once.
    const values = rejected ? typedFields(request, ['message_en', 'message_sv', 'idem']) : {};
    if (!values.idem) values.idem = randomToken().slice(0, 32);
    const html = await MessagePage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      event,
      recipients: recipientsOf(counts),
      values,
      errors: rejected?.fields ?? {},
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/events/:id/registrants/message', { config: { permission: 'registrations.message' } }, (request, reply) => renderMessage(request, reply));
  app.post('/admin/events/:id/registrants/message', { config: { permission: 'registrations.message' } }, async (request, reply) => {
    const id = idParam(request);
    const principal = principalOf(request);
    // An event that does not exist is a 404 before anything about the form.
    await services.adminEvents.get(principal, id);
    const sent = await attempt(svc.message(principal, id, formBody(request)));
    if (!sent.ok) return renderMessage(request, reply, sent);
    return reply.redirect(`/admin/events/${id}/registrants?sent=${sent.value}`, 303);
  });
}
