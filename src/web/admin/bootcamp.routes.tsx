import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { courseFilters, courseFormValues, courseTransitions, valuesOfCourse, type CourseTransition } from '../../core/bootcamp/bootcamp.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import { attempt, doneNotice, formBody, idParam, queryText, statusFor, typedFields, type Rejection } from '../forms.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { ConceptFormPage, ConceptListPage, CourseFormPage, CourseListPage } from './bootcamp.views.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';

/** Messages shown after a redirect, named in the query (?done=saved). */
const doneMessages: Record<string, MessageKey> = {
  saved: 'admin.saved',
  created: 'bootcamp.admin.created',
  state: 'bootcamp.admin.state-done',
  concept: 'bootcamp.concepts.created',
};

const conceptFields = ['name_en', 'name_sv'] as const;

/** /admin/bootcamp: courses (list, new, edit, status changes) and /admin/bootcamp/concepts. */
export function registerAdminBootcamp(app: FastifyInstance, deps: AdminDeps): void {
  registerCourses(app, deps);
  registerConcepts(app, deps);
}

function registerCourses(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.adminBootcamp;
  const permission = { config: { permission: 'bootcamp.edit' as const } };

  const renderNew = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const values = rejected ? courseFormValues(formBody(request)) : { language: 'en', audience: 'invited' };
    const options = await svc.formOptions(principal);
    const html = await CourseFormPage({ ctx, principal, csrf: reply.generateCsrf(), values, errors: rejected?.fields ?? {}, options });
    return sendHtml(reply, html, statusFor(rejected));
  };

  /** The edit page; after a rejected save, what the user typed replaces the stored values. */
  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection, typed = false) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const course = await svc.get(principal, idParam(request));
    const values = typed ? courseFormValues(formBody(request)) : valuesOfCourse(course);
    const options = await svc.formOptions(principal);
    const notice = rejected ? undefined : doneNotice(request, doneMessages);
    const errors = rejected?.fields ?? {};
    const html = await CourseFormPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      course,
      values,
      errors,
      options,
      notice: notice ? ctx.t(notice) : undefined,
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/bootcamp', permission, async (request, reply) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const q = queryText(request, 'status');
    const filter = courseFilters.find((f) => f === q) ?? 'all';
    const rows = await svc.list(principal, filter);
    return sendHtml(reply, await CourseListPage({ ctx, principal, csrf: reply.generateCsrf(), rows, filter }));
  });

  app.get('/admin/bootcamp/new', permission, (request, reply) => renderNew(request, reply));
  app.post('/admin/bootcamp/new', permission, async (request, reply) => {
    const created = await attempt(svc.create(principalOf(request), formBody(request)));
    if (!created.ok) return renderNew(request, reply, created);
    return reply.redirect(`/admin/bootcamp/${created.value}?done=created`, 303);
  });

  app.get('/admin/bootcamp/:id', permission, (request, reply) => renderEdit(request, reply));
  app.post('/admin/bootcamp/:id', permission, async (request, reply) => {
    const id = idParam(request);
    const saved = await attempt(svc.update(principalOf(request), id, formBody(request)));
    if (!saved.ok) return renderEdit(request, reply, saved, true);
    return reply.redirect(`/admin/bootcamp/${id}?done=saved`, 303);
  });

  // Publish, close, back to draft: one small POST form each; a refused change shows the page again (409).
  for (const name of Object.keys(courseTransitions) as CourseTransition[]) {
    app.post(`/admin/bootcamp/:id/${name}`, permission, async (request, reply) => {
      const id = idParam(request);
      const changed = await attempt(svc.transition(principalOf(request), id, name));
      if (!changed.ok) return renderEdit(request, reply, changed);
      return reply.redirect(`/admin/bootcamp/${id}?done=state`, 303);
    });
  }
}

function registerConcepts(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.adminBootcamp;
  const permission = { config: { permission: 'bootcamp.edit' as const } };

  const renderList = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const concepts = await svc.concepts(principal);
    const values = rejected ? typedFields(request, conceptFields) : {};
    const notice = rejected ? undefined : doneNotice(request, doneMessages);
    const html = await ConceptListPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      concepts,
      values,
      errors: rejected?.fields ?? {},
      notice: notice ? ctx.t(notice) : undefined,
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  const renderEdit = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = adminContext(request, config.publicUrl);
    const principal = principalOf(request);
    const concept = await svc.concept(principal, idParam(request));
    const values = rejected ? typedFields(request, conceptFields) : { name_en: concept.names.en, name_sv: concept.names.sv };
    const notice = rejected ? undefined : doneNotice(request, doneMessages);
    const html = await ConceptFormPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      concept,
      values,
      errors: rejected?.fields ?? {},
      notice: notice ? ctx.t(notice) : undefined,
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/bootcamp/concepts', permission, (request, reply) => renderList(request, reply));
  app.post('/admin/bootcamp/concepts', permission, async (request, reply) => {
    const created = await attempt(svc.createConcept(principalOf(request), formBody(request)));
    if (!created.ok) return renderList(request, reply, created);
    return reply.redirect(`/admin/bootcamp/concepts/${created.value}?done=concept`, 303);
  });

  app.get('/admin/bootcamp/concepts/:id', permission, (request, reply) => renderEdit(request, reply));
  app.post('/admin/bootcamp/concepts/:id', permission, async (request, reply) => {
    const id = idParam(request);
    const saved = await attempt(svc.renameConcept(principalOf(request), id, formBody(request)));
    if (!saved.ok) return renderEdit(request, reply, saved);
    return reply.redirect(`/admin/bootcamp/concepts/${id}?done=saved`, 303);
  });
}
