import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pickText } from '../../core/conference/conference.schema.js';
import { roleAllows } from '../../security/permissions.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { attempt, formBody, idParam, statusFor, typedFields, type Rejection } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';
import { ApplicationsPage, CallFormPage, callFieldNames, CallsPage, callValues, type ApplicationErrors } from './participation-calls.views.js';
import { doneOf, editionForReview, editionOf, participationBase } from './participation-shared.js';

const review = { permission: 'participant.review' as const };
const invite = { permission: 'participant.invite' as const };

/**
 * Open calls: the list and the applications of a call for reviewers (participant.review);
 * making and editing a call and deciding on an application for those who invite
 * (participant.invite). The services check both again; reading applications is audited there.
 */
export function registerCallRoutes(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.calls;
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);
  const callsUrl = (year: number) => `${participationBase(year)}/calls`;
  const noticeOf = (request: FastifyRequest, rejected?: Rejection) => {
    const done = rejected ? undefined : doneOf(request);
    return done ? ctxOf(request).t(done) : undefined;
  };

  app.get('/admin/conference/:year/calls', { config: review }, async (request, reply) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const edition = await editionForReview(services, request);
    const calls = await svc.calls(principal, edition.id, ctx.locale);
    const html = await CallsPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      calls,
      canEdit: roleAllows(principal.role, 'participant.invite'),
      notice: noticeOf(request),
    });
    return sendHtml(reply, html);
  });

  // --- a call's form: new, or an existing one
  const renderForm = async (request: FastifyRequest, reply: FastifyReply, callId: number | undefined, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    const stored = callId === undefined ? undefined : await svc.callForEdit(principal, edition.id, callId);
    const values = rejected ? typedFields(request, callFieldNames) : stored ? callValues(stored) : { status: 'draft' };
    const callTitle = stored ? pickText(stored.texts, ctx.locale, 'title').text : undefined;
    const html = await CallFormPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      callId,
      callTitle,
      values,
      errors: rejected?.fields ?? {},
      notice: noticeOf(request, rejected),
    });
    return sendHtml(reply, html, statusFor(rejected));
  };
  const callParam = (request: FastifyRequest) => idParam(request, 'call');

  app.get('/admin/conference/:year/calls/new', { config: invite }, (request, reply) => renderForm(request, reply, undefined));
  app.post('/admin/conference/:year/calls/new', { config: invite }, async (request, reply) => {
    const edition = await editionOf(services, request);
    const created = await attempt(svc.saveCall(principalOf(request), edition.id, null, formBody(request)));
    if (!created.ok) return renderForm(request, reply, undefined, created);
    return reply.redirect(`${callsUrl(edition.year)}/${created.value}?done=created`, 303);
  });
  app.get('/admin/conference/:year/calls/:call', { config: invite }, (request, reply) => renderForm(request, reply, callParam(request)));
  app.post('/admin/conference/:year/calls/:call', { config: invite }, async (request, reply) => {
    const edition = await editionOf(services, request);
    const id = callParam(request);
    // An unknown call is a 404 before anything about the form.
    await svc.callForEdit(principalOf(request), edition.id, id);
    const saved = await attempt(svc.saveCall(principalOf(request), edition.id, id, formBody(request)));
    if (!saved.ok) return renderForm(request, reply, id, saved);
    return reply.redirect(`${callsUrl(edition.year)}/${id}?done=saved`, 303);
  });

  // --- applications: read, review, decide
  const renderApplications = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const edition = await editionForReview(services, request);
    const { call, applications } = await svc.applications(principal, edition.id, callParam(request), ctx.locale);
    // A review or decision that came back with errors: its fields carry the application's id.
    let failedForm: ApplicationErrors | undefined;
    const raw = (request.params as Record<string, string | undefined>).application;
    if (rejected && raw) {
      const applicationId = idParam(request, 'application');
      failedForm = {
        applicationId,
        errors: Object.fromEntries(Object.entries(rejected.fields).map(([k, v]) => [`${k}-${applicationId}`, v])),
        values: typedFields(request, ['score', 'comment']),
      };
    }
    const html = await ApplicationsPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      call,
      applications,
      canDecide: roleAllows(principal.role, 'participant.invite'),
      failed: failedForm,
      notice: noticeOf(request, rejected),
    });
    return sendHtml(reply, html, statusFor(rejected));
  };
  const applicationsUrl = (year: number, request: FastifyRequest) => `${callsUrl(year)}/${callParam(request)}/applications`;

  app.get('/admin/conference/:year/calls/:call/applications', { config: review }, (request, reply) => renderApplications(request, reply));
  app.post('/admin/conference/:year/calls/:call/applications/:application/review', { config: review }, async (request, reply) => {
    const edition = await editionForReview(services, request);
    const id = idParam(request, 'application');
    const reviewed = await attempt(svc.review(principalOf(request), edition.id, callParam(request), id, formBody(request)));
    if (!reviewed.ok) return renderApplications(request, reply, reviewed);
    return reply.redirect(`${applicationsUrl(edition.year, request)}?done=reviewed#application-${id}`, 303);
  });
  app.post('/admin/conference/:year/calls/:call/applications/:application/decide', { config: invite }, async (request, reply) => {
    const edition = await editionOf(services, request);
    const id = idParam(request, 'application');
    const decided = await attempt(svc.decide(principalOf(request), edition.id, callParam(request), id, formBody(request)));
    if (!decided.ok) return renderApplications(request, reply, decided);
    return reply.redirect(`${applicationsUrl(edition.year, request)}?done=decided#application-${id}`, 303);
  });
}
