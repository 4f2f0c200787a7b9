import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionFormValues, valuesOfSession } from '../../core/conference/admin-sessions.schema.js';
import { partLabel } from '../../core/conference/conference.schema.js';
import type { RawForm } from '../../core/shared/form-input.js';
import { roleAllows } from '../../security/permissions.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { RemovePage } from './conference-parts.views.js';
import { doneOf, yearParam } from './conference-request.js';
import { ProgrammeAdminPage } from './conference-programme.views.js';
import { SessionFormPage } from './conference-sessions.views.js';
import { conferenceBase } from './conference-panels.views.js';
import { idParam } from './events.routes.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';

const body = (request: FastifyRequest): RawForm => (request.body ?? {}) as RawForm;
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

  /** The session form: stored values, or what was typed and the conflicts of what it proposed. */
  const render = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>, id: number | undefined) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const year = yearParam(request);
    const failed = Object.keys(errors).length > 0;
    const { edition, session, options, report } = await svc.form(principal, year, id ?? null, failed ? body(request) : undefined);
    const values = failed
      ? sessionFormValues(body(request))
      : session
        ? valuesOfSession(session, edition.timeZone)
        : { part: 'closed', type: 'workshop', language: 'en', visibility: 'participants', day: edition.startsOn ?? '' };
    const notice = failed ? undefined : doneOf(request);
    const html = await SessionFormPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      id,
      title: session?.title,
      values,
      errors,
      options,
      report,
      notice: notice ? ctx.t(notice) : undefined,
    });
    return sendHtml(reply, html, reply.statusCode);
  };

  const base = '/admin/conference/:year/sessions';
  const sessionsOf = (request: FastifyRequest) => `${conferenceBase(yearParam(request))}/sessions`;

  app.get(`${base}/new`, { config: edit }, (request, reply) => render(request, reply, {}, undefined));
  app.post(`${base}/new`, { config: { ...edit, formView: (rq, rp, f) => render(rq, rp, f, undefined) } }, async (request, reply) => {
    const id = await svc.create(principalOf(request), yearParam(request), body(request));
    return reply.redirect(`${sessionsOf(request)}/${id}?done=created`, 303);
  });

  app.get(`${base}/:id`, { config: edit }, (request, reply) => render(request, reply, {}, idParam(request)));
  app.post(`${base}/:id`, { config: { ...edit, formView: (rq, rp, f) => render(rq, rp, f, idParam(rq)) } }, async (request, reply) => {
    const id = idParam(request);
    await svc.update(principalOf(request), yearParam(request), id, body(request));
    return reply.redirect(`${sessionsOf(request)}/${id}?done=saved`, 303);
  });

  const renderRemove = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
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
      errors,
    });
    return sendHtml(reply, html, reply.statusCode);
  };
  app.get(`${base}/:id/remove`, { config: edit }, (request, reply) => renderRemove(request, reply, {}));
  app.post(`${base}/:id/remove`, { config: { ...edit, formView: renderRemove } }, async (request, reply) => {
    const year = yearParam(request);
    await svc.remove(principalOf(request), year, idParam(request));
    return reply.redirect(`${conferenceBase(year)}/programme?done=removed`, 303);
  });
}
