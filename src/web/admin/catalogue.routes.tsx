import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogueFormValues, catalogueKinds, type CatalogueKind } from '../../core/catalogue/catalogue.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { CatalogueFormPage, CatalogueListPage } from './catalogue.views.js';
import { attempt, doneNotice, formBody, idParam, statusFor, type Rejection } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';

const doneMessages: Record<string, MessageKey> = { saved: 'admin.saved', created: 'ae.cat.created' };
const doneOf = (request: FastifyRequest): MessageKey | undefined => doneNotice(request, doneMessages);

/** /admin/series, /admin/venues, /admin/partners, /admin/topics: a list, a new form and an edit form each. */
export function registerAdminCatalogue(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.catalogue;

  for (const kind of catalogueKinds) registerKind(kind);

  function registerKind(kind: CatalogueKind): void {
    const renderNew = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
      const ctx = adminContext(request, config.publicUrl);
      const values = rejected ? catalogueFormValues(kind, formBody(request)) : kind === 'venues' ? { country_code: 'SE' } : {};
      const html = await CatalogueFormPage({ ctx, principal: principalOf(request), csrf: reply.generateCsrf(), kind, values, errors: rejected?.fields ?? {} });
      return sendHtml(reply, html, statusFor(rejected));
    };

    /** The edit page; after a rejection, what the user typed replaces the stored values. */
    const renderEdit = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
      const ctx = adminContext(request, config.publicUrl);
      const principal = principalOf(request);
      const item = await svc.get(principal, kind, idParam(request));
      const values = rejected ? catalogueFormValues(kind, formBody(request)) : item.values;
      const notice = rejected ? undefined : doneOf(request);
      const html = await CatalogueFormPage({
        ctx,
        principal,
        csrf: reply.generateCsrf(),
        kind,
        item,
        values,
        errors: rejected?.fields ?? {},
        notice: notice ? ctx.t(notice) : undefined,
      });
      return sendHtml(reply, html, statusFor(rejected));
    };

    app.get(`/admin/${kind}`, { config: { permission: 'people.edit' } }, async (request, reply) => {
      const ctx = adminContext(request, config.publicUrl);
      const principal = principalOf(request);
      const rows = await svc.list(principal, kind);
      return sendHtml(reply, await CatalogueListPage({ ctx, principal, csrf: reply.generateCsrf(), kind, rows }));
    });

    app.get(`/admin/${kind}/new`, { config: { permission: 'people.edit' } }, (request, reply) => renderNew(request, reply));
    app.post(`/admin/${kind}/new`, { config: { permission: 'people.edit' } }, async (request, reply) => {
      const created = await attempt(svc.create(principalOf(request), kind, formBody(request)));
      if (!created.ok) return renderNew(request, reply, created);
      return reply.redirect(`/admin/${kind}/${created.value}?done=created`, 303);
    });

    app.get(`/admin/${kind}/:id`, { config: { permission: 'people.edit' } }, (request, reply) => renderEdit(request, reply));
    app.post(`/admin/${kind}/:id`, { config: { permission: 'people.edit' } }, async (request, reply) => {
      const id = idParam(request);
      const saved = await attempt(svc.update(principalOf(request), kind, id, formBody(request)));
      if (!saved.ok) return renderEdit(request, reply, saved);
      return reply.redirect(`/admin/${kind}/${id}?done=saved`, 303);
    });
  }
}
