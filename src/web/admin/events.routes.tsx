import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eventFormValues, statusFilters, valuesOfEvent, type AdminEvent, type AdminStatusFilter } from '../../core/events/admin-events.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import { roleAllows } from '../../security/permissions.js';
import { EventPage } from '../public/events.views.js';
import { attempt, doneNotice, formBody, idParam, statusFor, typedFields, type Rejection, type Values } from '../forms.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { viewContext } from '../views/context.js';
import { registerEventUploads, registerStaffMedia } from './event-uploads.routes.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';
import { EventFormPage, EventListPage } from './events.views.js';

/** Messages shown after a redirect, named in the query (?done=saved). */
const doneMessages: Record<string, MessageKey> = {
  saved: 'admin.saved',
  created: 'ae.event.created',
  state: 'ae.state.done',
  image: 'ae.image.saved',
  document: 'ae.docs.added',
  notice: 'ae.notices.added',
};

const doneOf = (request: FastifyRequest): MessageKey | undefined => doneNotice(request, doneMessages);

/** The image's texts as form values, for the image form. */
const imageValues = (e: AdminEvent): Values => ({ alt_en: e.image?.alt.en ?? '', alt_sv: e.image?.alt.sv ?? '', credit: e.image?.credit ?? '' });

export type EditSource = 'main' | 'panel';

export function registerAdminEvents(app: FastifyInstance, deps: AdminDeps): void {
  const { config, services } = deps;
  const svc = services.adminEvents;

  /** The edit page; after a rejection, what the user typed in the form that failed replaces the stored values. */
  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, rejected: Rejection | undefined, source: EditSource, typedValues: Values = {}) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const event = await svc.get(principal, idParam(request));
    const stored = { ...valuesOfEvent(event), ...imageValues(event) };
    // A main form with errors comes back exactly as sent: an unticked box is absent from the post.
    const values = source === 'main' && rejected ? { ...imageValues(event), ...eventFormValues(formBody(request)) } : { ...stored, ...typedValues };
    const options = await svc.formOptions(principal);
    const registration = {
      counts: await services.registrationsAdmin.counts(principal, event.id),
      canReadRegistrants: roleAllows(principal.role, 'registrations.read'),
    };
    const notice = rejected ? undefined : doneOf(request);
    const html = await EventFormPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      event,
      values,
      errors: rejected?.fields ?? {},
      options,
      notice: notice ? ctx.t(notice) : undefined,
      registration,
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const values = rejected ? eventFormValues(formBody(request)) : { type: 'seminar', time_zone: 'Europe/Stockholm' };
    const options = await svc.formOptions(principal);
    const html = await EventFormPage({ ctx, principal, csrf: reply.generateCsrf(), values, errors: rejected?.fields ?? {}, options });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/events', { config: { permission: 'event.read-drafts' } }, async (request, reply) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const q = (request.query as Record<string, unknown> | undefined)?.status;
    const filter: AdminStatusFilter = statusFilters.find((f) => f === q) ?? 'all';
    const rows = await svc.list(principal, filter);
    const html = await EventListPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      rows,
      filter,
      canEdit: roleAllows(principal.role, 'event.edit'),
      canReadRegistrants: roleAllows(principal.role, 'registrations.read'),
    });
    return sendHtml(reply, html);
  });

  app.get('/admin/events/new', { config: { permission: 'event.edit' } }, (request, reply) => renderNew(request, reply));
  app.post('/admin/events/new', { config: { permission: 'event.edit' } }, async (request, reply) => {
    const created = await attempt(svc.create(principalOf(request), formBody(request)));
    if (!created.ok) return renderNew(request, reply, created);
    return reply.redirect(`/admin/events/${created.value}?done=created`, 303);
  });

  app.get('/admin/events/:id', { config: { permission: 'event.edit' } }, (request, reply) => renderEdit(request, reply, undefined, 'panel'));
  app.post('/admin/events/:id', { config: { permission: 'event.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const saved = await attempt(svc.update(principalOf(request), id, formBody(request)));
    if (!saved.ok) return renderEdit(request, reply, saved, 'main');
    return reply.redirect(`/admin/events/${id}?done=saved`, 303);
  });

  // Status changes: one small POST form each.
  const transitions = {
    publish: (p, id) => svc.publish(p, id),
    unpublish: (p, id) => svc.unpublish(p, id),
    cancel: (p, id) => svc.cancel(p, id),
    hide: (p, id) => svc.setHidden(p, id, true),
    unhide: (p, id) => svc.setHidden(p, id, false),
  } satisfies Record<string, (p: ReturnType<typeof principalOf>, id: number) => Promise<void>>;
  for (const [name, run] of Object.entries(transitions)) {
    app.post(`/admin/events/:id/${name}`, { config: { permission: 'event.publish' } }, async (request, reply) => {
      const id = idParam(request);
      const changed = await attempt(run(principalOf(request), id));
      if (!changed.ok) return renderEdit(request, reply, changed, 'panel');
      return reply.redirect(`/admin/events/${id}?done=state`, 303);
    });
  }

  app.post('/admin/events/:id/notices', { config: { permission: 'event.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const added = await attempt(svc.addNotice(principalOf(request), id, formBody(request)));
    if (!added.ok) return renderEdit(request, reply, added, 'panel', typedFields(request, ['notice_en', 'notice_sv']));
    return reply.redirect(`/admin/events/${id}?done=notice#notices-title`, 303);
  });

  app.post('/admin/events/:id/image/remove', { config: { permission: 'event.edit' } }, async (request, reply) => {
    const id = idParam(request);
    await svc.removeImage(principalOf(request), id);
    return reply.redirect(`/admin/events/${id}?done=saved#image-title`, 303);
  });

  app.post('/admin/events/:id/documents/:doc/remove', { config: { permission: 'event.edit' } }, async (request, reply) => {
    const id = idParam(request);
    await svc.removeDocument(principalOf(request), id, idParam(request, 'doc'));
    return reply.redirect(`/admin/events/${id}?done=saved#docs-title`, 303);
  });

  app.get('/admin/events/:id/preview', { config: { permission: 'event.read-drafts' } }, async (request, reply) => {
    const principal = principalOf(request);
    const id = idParam(request);
    const locale = (request.query as Record<string, unknown> | undefined)?.lang === 'sv' ? 'sv' : 'en';
    const event = await svc.preview(principal, id, locale);
    const ctx = viewContext(locale, `/events/${event.slug}`, '', config.publicUrl);
    const other = locale === 'sv' ? 'en' : 'sv';
    const banner = (
      <div class="banner banner-alert preview-banner" role="note">
        <p safe>{ctx.t('ae.preview.banner')}</p>
        <p class="actions">
          <a href={`/admin/events/${id}`} safe>
            {ctx.t('ae.preview.back')}
          </a>
          <a href={`/admin/events/${id}/preview${other === 'sv' ? '?lang=sv' : ''}`} hreflang={other} safe>
            {ctx.t('ae.preview.other-lang', { language: ctx.t(`lang.${other}`) })}
          </a>
        </p>
      </div>
    );
    const html = await EventPage({ ctx, event, upcoming: services.events.isUpcoming(event), preview: { banner, mediaBase: '/admin/media' } });
    return sendHtml(reply, html);
  });

  registerStaffMedia(app, deps);
  registerEventUploads(app, deps, renderEdit);
}
