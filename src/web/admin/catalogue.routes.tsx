import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogueFormValues, catalogueKinds, type CatalogueKind } from '../../core/catalogue/catalogue.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { CatalogueFormPage, CatalogueListPage } from './catalogue.views.js';
import { doneNotice, formBody, idParam } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';

const doneMessages: Record<string, MessageKey> = { saved: 'admin.saved', created: 'ae.cat.created' };
const doneOf = (request: FastifyRequest): MessageKey | undefined => doneNotice(request, doneMessages);

/** /admin/series, /admin/venues, /admin/partners, /admin/topics: a list, a new form and an edit form each. */
export function registerAdminCatalogue(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.catalogue;

  for (const kind of catalogueKinds) registerKind(kind);

  function registerKind(kind: CatalogueKind): void {
    const renderNew = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const ctx = adminContext(request, config.publicUrl);
      const values = Object.keys(errors).length ? catalogueFormValues(kind, formBody(request)) : kind === 'venues' ? { country_code: 'SE' } : {};
      const html = await CatalogueFormPage({ ctx, principal: principalOf(request), csrf: reply.generateCsrf(), kind, values, errors });
      return sendHtml(reply, html, reply.statusCode);
    };

    /** The edit page; after an error, what the user typed replaces the stored values. */
    const renderEdit = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const ctx = adminContext(request, config.publicUrl);
      const principal = principalOf(request);
      const item = await svc.get(principal, kind, idParam(request));
      const failed = Object.keys(errors).length > 0;
      const values = failed ? catalogueFormValues(kind, formBody(request)) : item.values;
      const notice = failed ? undefined : doneOf(request);
      const html = await CatalogueFormPage({
        ctx,
        principal,
        csrf: reply.generateCsrf(),
        kind,
        item,
        values,
        errors,
        notice: notice ? ctx.t(notice) : undefined,
      });
      return sendHtml(reply, html, reply.statusCode);
    };

    app.get(`/admin/${kind}`, { config: { permission: 'people.edit' } }, async (request, reply) => {
      const ctx = adminContext(request, config.publicUrl);
      const principal = principalOf(request);
      const rows = await svc.list(principal, kind);
      return sendHtml(reply, await CatalogueListPage({ ctx, principal, csrf: reply.generateCsrf(), kind, rows }));
    });

    app.get(`/admin/${kind}/new`, { config: { permission: 'people.edit' } }, (request, reply) => renderNew(request, reply, {}));
    app.post(`/admin/${kind}/new`, { config: { permission: 'people.edit', formView: renderNew } }, async (request, reply) => {
      const id = await svc.create(principalOf(request), kind, formBody(request));
      return reply.redirect(`/admin/${kind}/${id}?done=created`, 303);
    });

    app.get(`/admin/${kind}/:id`, { config: { permission: 'people.edit' } }, (request, reply) => renderEdit(request, reply, {}));
    app.post(`/admin/${kind}/:id`, { config: { permission: 'people.edit', formView: renderEdit } }, async (request, reply) => {
      const id = idParam(request);
      await svc.update(principalOf(request), kind, id, formBody(request));
      return reply.redirect(`/admin/${kind}/${id}?done=saved`, 303);
    });
  }
}
