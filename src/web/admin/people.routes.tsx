import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { personFormValues, valuesOfPerson } from '../../core/people/people.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { attempt, doneNotice, formBody, idParam, statusFor, type Rejection } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';
import { PeopleListPage, PersonFormPage } from './people.views.js';

const doneMessages: Record<string, MessageKey> = { saved: 'admin.saved', created: 'ae.people.created' };
const doneOf = (request: FastifyRequest): MessageKey | undefined => doneNotice(request, doneMessages);

/** /admin/people: speakers, trainers and panellists. */
export function registerAdminPeople(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.people;

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = adminContext(request, config.publicUrl);
    const values = rejected ? personFormValues(formBody(request)) : {};
    const html = await PersonFormPage({ ctx, principal: principalOf(request), csrf: reply.generateCsrf(), values, errors: rejected?.fields ?? {} });
    return sendHtml(reply, html, statusFor(rejected));
  };

  /** The edit page; after a rejection, what the user typed replaces the stored values. */
  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const person = await svc.get(principal, idParam(request));
    const values = rejected ? personFormValues(formBody(request)) : valuesOfPerson(person);
    const notice = rejected ? undefined : doneOf(request);
    const errors = rejected?.fields ?? {};
    const html = await PersonFormPage({ ctx, principal, csrf: reply.generateCsrf(), person, values, errors, notice: notice ? ctx.t(notice) : undefined });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/people', { config: { permission: 'people.edit' } }, async (request, reply) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const rows = await svc.list(principal);
    return sendHtml(reply, await PeopleListPage({ ctx, principal, csrf: reply.generateCsrf(), rows }));
  });

  app.get('/admin/people/new', { config: { permission: 'people.edit' } }, (request, reply) => renderNew(request, reply));
  app.post('/admin/people/new', { config: { permission: 'people.edit' } }, async (request, reply) => {
    const created = await attempt(svc.create(principalOf(request), formBody(request)));
    if (!created.ok) return renderNew(request, reply, created);
    return reply.redirect(`/admin/people/${created.value}?done=created`, 303);
  });

  app.get('/admin/people/:id', { config: { permission: 'people.edit' } }, (request, reply) => renderEdit(request, reply));
  app.post('/admin/people/:id', { config: { permission: 'people.edit' } }, async (request, reply) => {
    const id = idParam(request);
    const saved = await attempt(svc.update(principalOf(request), id, formBody(request)));
    if (!saved.ok) return renderEdit(request, reply, saved);
    return reply.redirect(`/admin/people/${id}?done=saved`, 303);
  });
}
