import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formValues, valuesOfChair, valuesOfEdition, valuesOfRoom, valuesOfTrack } from '../../core/conference/admin-conference.schema.js';
import type { Part } from '../../core/conference/admin-conference.service.js';
import { roleAllows } from '../../security/permissions.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { PartFormPage, RemovePage } from './conference-parts.views.js';
import { registerAdminConferenceSessions } from './conference-sessions.routes.js';
import { conferenceBase } from './conference-panels.views.js';
import { CopyPage, EditionListPage, EditionPage, NewEditionPage } from './conference.views.js';
import { attempt, formBody, idParam, statusFor, type Rejection } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';
import { doneOf, yearParam } from './conference-request.js';

const read = { permission: 'conference.read-closed' as const };
const edit = { permission: 'conference.edit' as const };
const parts: Part[] = ['tracks', 'rooms', 'empty-chairs'];

/**
 * /admin/conference: the editions of Defenders' Days, an edition's page (its form and figures,
 * publishing the edition and separately its programme, tracks, rooms, the empty chair), a new
 * edition and a copy of an edition's structure. Reading needs conference.read-closed, every
 * change conference.edit; the services check both again through the access-control function.
 */
export function registerAdminConference(app: FastifyInstance, deps: AdminDeps): void {
  const { config, services } = deps;
  const svc = services.adminConference;
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);

  app.get('/admin/conference', { config: read }, async (request, reply) => {
    const principal = principalOf(request);
    const rows = await svc.list(principal);
    const html = await EditionListPage({
      ctx: ctxOf(request),
      principal,
      csrf: reply.generateCsrf(),
      rows,
      canEdit: roleAllows(principal.role, 'conference.edit'),
    });
    return sendHtml(reply, html);
  });

  // --- a new edition
  const renderNew = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const principal = principalOf(request);
    const values = rejected ? formValues(formBody(request)) : { time_zone: 'Europe/Stockholm' };
    const options = await svc.formOptions(principal);
    const html = await NewEditionPage({ ctx: ctxOf(request), principal, csrf: reply.generateCsrf(), values, errors: rejected?.fields ?? {}, options });
    return sendHtml(reply, html, statusFor(rejected));
  };
  app.get('/admin/conference/new', { config: edit }, (request, reply) => renderNew(request, reply));
  app.post('/admin/conference/new', { config: edit }, async (request, reply) => {
    const created = await attempt(svc.create(principalOf(request), formBody(request)));
    if (!created.ok) return renderNew(request, reply, created);
    return reply.redirect(`${conferenceBase(created.value)}?done=created`, 303);
  });

  // --- a copy of an edition's structure
  const renderCopy = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const principal = principalOf(request);
    const rows = await svc.list(principal);
    const values = rejected ? formValues(formBody(request)) : {};
    const html = await CopyPage({ ctx: ctxOf(request), principal, csrf: reply.generateCsrf(), rows, values, errors: rejected?.fields ?? {} });
    return sendHtml(reply, html, statusFor(rejected));
  };
  app.get('/admin/conference/copy', { config: edit }, (request, reply) => renderCopy(request, reply));
  app.post('/admin/conference/copy', { config: edit }, async (request, reply) => {
    const copied = await attempt(svc.copy(principalOf(request), formBody(request)));
    if (!copied.ok) return renderCopy(request, reply, copied);
    return reply.redirect(`${conferenceBase(copied.value)}?done=copied`, 303);
  });

  // --- an edition
  const renderEdition = async (request: FastifyRequest, reply: FastifyReply, source: 'main' | 'panel', rejected?: Rejection) => {
    const principal = principalOf(request);
    const { edition, tracks, rooms, chairs } = await svc.page(principal, yearParam(request));
    const canEdit = roleAllows(principal.role, 'conference.edit');
    // The edition form comes back exactly as sent after its own errors; other forms leave it as stored.
    const values = source === 'main' && rejected ? formValues(formBody(request)) : valuesOfEdition(edition);
    const notice = rejected ? undefined : doneOf(request);
    const html = await EditionPage({
      ctx: ctxOf(request),
      principal,
      csrf: reply.generateCsrf(),
      edition,
      tracks,
      rooms,
      chairs,
      canEdit,
      values,
      errors: rejected?.fields ?? {},
      options: canEdit ? await svc.formOptions(principal) : undefined,
      notice: notice ? ctxOf(request).t(notice) : undefined,
    });
    return sendHtml(reply, html, statusFor(rejected));
  };
  app.get('/admin/conference/:year', { config: read }, (request, reply) => renderEdition(request, reply, 'panel'));
  app.post('/admin/conference/:year', { config: edit }, async (request, reply) => {
    const saved = await attempt(svc.update(principalOf(request), yearParam(request), formBody(request)));
    if (!saved.ok) return renderEdition(request, reply, 'main', saved);
    return reply.redirect(`${conferenceBase(saved.value)}?done=saved`, 303);
  });

  for (const [path, what, publish] of [
    ['publish', 'edition', true],
    ['unpublish', 'edition', false],
    ['programme/publish', 'programme', true],
    ['programme/unpublish', 'programme', false],
  ] as const) {
    app.post(`/admin/conference/:year/${path}`, { config: edit }, async (request, reply) => {
      const year = yearParam(request);
      const changed = await attempt(svc.setState(principalOf(request), year, what, publish));
      if (!changed.ok) return renderEdition(request, reply, 'panel', changed);
      return reply.redirect(`${conferenceBase(year)}?done=state#status-title`, 303);
    });
  }

  // --- tracks, rooms, empty chairs: a form each, and a confirmation before removing one
  for (const part of parts) registerPart(app, deps, part);

  registerAdminConferenceSessions(app, deps);
}

function registerPart(app: FastifyInstance, { config, services }: AdminDeps, part: Part): void {
  const svc = services.adminConference;
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);
  const load = async (request: FastifyRequest, id: number) => {
    const p = principalOf(request);
    const year = yearParam(request);
    if (part === 'tracks') {
      const t = await svc.track(p, year, id);
      return { name: t.name, values: valuesOfTrack(t), what: 'cadmin.remove.track' as const, used: t.sessions };
    }
    if (part === 'rooms') {
      const r = await svc.room(p, year, id);
      return { name: r.name, values: valuesOfRoom(r), what: 'cadmin.remove.room' as const, used: r.sessions };
    }
    const c = await svc.emptyChair(p, year, id);
    return { name: c.name, values: valuesOfChair(c), what: 'cadmin.remove.chair' as const, used: 0 };
  };

  const render = async (request: FastifyRequest, reply: FastifyReply, id: number | undefined, rejected?: Rejection) => {
    const principal = principalOf(request);
    const edition = await svc.get(principal, yearParam(request));
    const stored = id === undefined ? undefined : await load(request, id);
    const defaults: Record<string, string> = part === 'rooms' ? { visibility: 'participants' } : part === 'empty-chairs' ? { reason: 'imprisoned' } : {};
    const values = rejected ? formValues(formBody(request)) : (stored?.values ?? defaults);
    const notice = rejected ? undefined : doneOf(request);
    const html = await PartFormPage({
      ctx: ctxOf(request),
      principal,
      csrf: reply.generateCsrf(),
      edition,
      part,
      id,
      name: stored?.name,
      values,
      errors: rejected?.fields ?? {},
      notice: notice ? ctxOf(request).t(notice) : undefined,
    });
    return sendHtml(reply, html, statusFor(rejected));
  };
  const base = `/admin/conference/:year/${part}`;
  const editBase = (request: FastifyRequest) => `${conferenceBase(yearParam(request))}/${part}`;

  app.get(`${base}/new`, { config: edit }, (request, reply) => render(request, reply, undefined));
  app.post(`${base}/new`, { config: edit }, async (request, reply) => {
    const created = await attempt(svc.savePart(principalOf(request), yearParam(request), part, null, formBody(request)));
    if (!created.ok) return render(request, reply, undefined, created);
    return reply.redirect(`${editBase(request)}/${created.value}?done=created`, 303);
  });
  app.get(`${base}/:id`, { config: edit }, (request, reply) => render(request, reply, idParam(request)));
  app.post(`${base}/:id`, { config: edit }, async (request, reply) => {
    const id = idParam(request);
    const saved = await attempt(svc.savePart(principalOf(request), yearParam(request), part, id, formBody(request)));
    if (!saved.ok) return render(request, reply, id, saved);
    return reply.redirect(`${editBase(request)}/${id}?done=saved`, 303);
  });

  const renderRemove = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const id = idParam(request);
    const stored = await load(request, id);
    const html = await RemovePage({
      ctx,
      principal: principalOf(request),
      csrf: reply.generateCsrf(),
      back: `${editBase(request)}/${id}`,
      what: ctx.t(stored.what, { name: stored.name }),
      consequence: stored.used ? ctx.t(part === 'tracks' ? 'cadmin.remove.track-used' : 'cadmin.remove.room-used', { n: stored.used }) : undefined,
      errors: rejected?.fields ?? {},
    });
    return sendHtml(reply, html, statusFor(rejected));
  };
  app.get(`${base}/:id/remove`, { config: edit }, (request, reply) => renderRemove(request, reply));
  app.post(`${base}/:id/remove`, { config: edit }, async (request, reply) => {
    const year = yearParam(request);
    const removed = await attempt(svc.removePart(principalOf(request), year, part, idParam(request)));
    if (!removed.ok) return renderRemove(request, reply, removed);
    return reply.redirect(`${conferenceBase(year)}?done=removed`, 303);
  });
}
