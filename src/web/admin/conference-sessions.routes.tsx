import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionFormValues, valuesOfSession, type ConflictReport } from '../../core/conference/admin-sessions.schema.js';
import { partLabel } from '../../core/conference/conference.schema.js';
import { roleAllows } from '../../security/permissions.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { RemovePage } from './conference-parts.views.js';
import { doneOf, yearParam } from './conference-request.js';
import { ProgrammeAdminPage } from './conference-programme.views.js';
import { SessionFormPage } from './conference-sessions.views.js';
import { conferenceBase } from './conference-panels.views.js';
import { attempt, formBody, idParam, statusFor, type Rejection } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';

const edit = { permission: 'conference.edit' as const };

/**
 * The programme editor: /admin/conference/:year/programme (every session by day) and the
 * session form. A form with conflicts comes back (400) listing each in words, with links
 * to the other sessions, and saves nothing; "save anyway" is offered when every conflict
 * may be overridden.
 */
export function registerAdminConferenceSessions(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.adminSessions;
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);

  app.get('/admin/conference/:year/programme', { config: { permission: 'conference.read-closed' } }, async (request, reply) => {
    const principal = principalOf(request);
    const ctx = ctxOf(request);
    const { edition, rows } = await svc.programme(principal, yearParam(request));
    const notice = doneOf(request);
    const html = await ProgrammeAdminPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      rows,
      canEdit: roleAllows(principal.role, 'conference.edit'),
      notice: notice ? ctx.t(notice) : undefined,
    });
    return sendHtml(reply, html);
  });

  /** The session form: stored values, or what was typed and the conflicts the refused save found. */
  const render = async (request: FastifyRequest, reply: FastifyReply, id: number | undefined, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const { edition, session, options } = await svc.form(principal, yearParam(request), id ?? null);
    // The session service's refusals carry its ConflictReport as their detail.
    const report = rejected?.detail as ConflictReport | undefined;
    const values = rejected
      ? sessionFormValues(formBody(request))
      : session
        ? valuesOfSession(session, edition.timeZone)
        : { part: 'closed', type: 'workshop', language: 'en', visibility: 'participants', day: edition.startsOn ?? '' };
    const notice = rejected ? undefined : doneOf(request);
    const html = await SessionFormPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      id,
      title: session?.title,
      values,
      errors: rejected?.fields ?? {},
      options,
      report,
      notice: notice ? ctx.t(notice) : undefined,
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  const base = '/admin/conference/:year/sessions';
  const sessionsOf = (request: FastifyRequest) => `${conferenceBase(yearParam(request))}/sessions`;

  app.get(`${base}/new`, { config: edit }, (request, reply) => render(request, reply, undefined));
  app.post(`${base}/new`, { config: edit }, async (request, reply) => {
    const created = await attempt(svc.create(principalOf(request), yearParam(request), formBody(request)));
    if (!created.ok) return render(request, reply, undefined, created);
    return reply.redirect(`${sessionsOf(request)}/${created.value}?done=created`, 303);
  });

  app.get(`${base}/:id`, { config: edit }, (request, reply) => render(request, reply, idParam(request)));
  app.post(`${base}/:id`, { config: edit }, async (request, reply) => {
    const id = idParam(request);
    const saved = await attempt(svc.update(principalOf(request), yearParam(request), id, formBody(request)));
    if (!saved.ok) return render(request, reply, id, saved);
    return reply.redirect(`${sessionsOf(request)}/${id}?done=saved`, 303);
  });

  const renderRemove = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const year = yearParam(request);
    const id = idParam(request);
    const { session } = await svc.get(principal, year, id);
    const blockers = await svc.dependents(principal, year, id);
    const part = partLabel(session);
    const html = await RemovePage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      back: `${sessionsOf(request)}/${id}`,
      what: ctx.t('cadmin.remove.session', { name: `${session.title || `#${id}`}${part ? ` ${part}` : ''}` }),
      consequence: ctx.t('cadmin.remove.session-people'),
      blockers: blockers.map((s) => ({ href: `${sessionsOf(request)}/${s.id}`, label: `${s.title || `#${s.id}`}${partLabel(s) ? ` ${partLabel(s)}` : ''}` })),
      errors: rejected?.fields ?? {},
    });
    return sendHtml(reply, html, statusFor(rejected));
  };
  app.get(`${base}/:id/remove`, { config: edit }, (request, reply) => renderRemove(request, reply));
  app.post(`${base}/:id/remove`, { config: edit }, async (request, reply) => {
    const year = yearParam(request);
    const removed = await attempt(svc.remove(principalOf(request), year, idParam(request)));
    if (!removed.ok) return renderRemove(request, reply, removed);
    return reply.redirect(`${conferenceBase(year)}/programme?done=removed`, 303);
  });
}
