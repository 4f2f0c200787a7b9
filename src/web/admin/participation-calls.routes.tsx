import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pickText } from '../../core/conference/conference.schema.js';
import { roleAllows } from '../../security/permissions.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { formBody, idParam, typedFields } from '../forms.js';
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
  const failed = (errors: Record<string, string>) => Object.keys(errors).length > 0;
  const noticeOf = (request: FastifyRequest, errors: Record<string, string>) => {
    const done = failed(errors) ? undefined : doneOf(request);
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
      notice: noticeOf(request, {}),
    });
    return sendHtml(reply, html);
  });

  // --- a call's form: new, or an existing one
  const renderForm = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>, callId: number | undefined) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    const stored = callId === undefined ? undefined : await svc.callForEdit(principal, edition.id, callId);
    const values = failed(errors) ? typedFields(request, callFieldNames) : stored ? callValues(stored) : { status: 'draft' };
    const callTitle = stored ? pickText(stored.texts, ctx.locale, 'title').text : undefined;
    const html = await CallFormPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      callId,
      callTitle,
      values,
      errors,
      notice: noticeOf(request, errors),
    });
    return sendHtml(reply, html, reply.statusCode);
  };
  const callParam = (request: FastifyRequest) => idParam(request, 'call');

  app.get('/admin/conference/:year/calls/new', { config: invite }, (request, reply) => renderForm(request, reply, {}, undefined));
  app.post(
    '/admin/conference/:year/calls/new',
    { config: { ...invite, formView: (rq, rp, e) => renderForm(rq, rp, e, undefined) } },
    async (request, reply) => {
      const edition = await editionOf(services, request);
      const id = await svc.saveCall(principalOf(request), edition.id, null, formBody(request));
      return reply.redirect(`${callsUrl(edition.year)}/${id}?done=created`, 303);
    },
  );
  app.get('/admin/conference/:year/calls/:call', { config: invite }, (request, reply) => renderForm(request, reply, {}, callParam(request)));
  app.post(
    '/admin/conference/:year/calls/:call',
    { config: { ...invite, formView: (rq, rp, e) => renderForm(rq, rp, e, callParam(rq)) } },
    async (request, reply) => {
      const edition = await editionOf(services, request);
      const id = callParam(request);
      // An unknown call is a 404 before anything about the form.
      await svc.callForEdit(principalOf(request), edition.id, id);
      await svc.saveCall(principalOf(request), edition.id, id, formBody(request));
      return reply.redirect(`${callsUrl(edition.year)}/${id}?done=saved`, 303);
    },
  );

  // --- applications: read, review, decide
  const renderApplications = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const edition = await editionForReview(services, request);
    const { call, applications } = await svc.applications(principal, edition.id, callParam(request), ctx.locale);
    // A review or decision that came back with errors: its fields carry the application's id.
    let failedForm: ApplicationErrors | undefined;
    const raw = (request.params as Record<string, string | undefined>).application;
    if (failed(errors) && raw) {
      const applicationId = idParam(request, 'application');
      failedForm = {
        applicationId,
        errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${k}-${applicationId}`, v])),
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
      notice: noticeOf(request, errors),
    });
    return sendHtml(reply, html, reply.statusCode);
  };
  const applicationsUrl = (year: number, request: FastifyRequest) => `${callsUrl(year)}/${callParam(request)}/applications`;

  app.get('/admin/conference/:year/calls/:call/applications', { config: review }, (request, reply) => renderApplications(request, reply, {}));
  app.post(
    '/admin/conference/:year/calls/:call/applications/:application/review',
    { config: { ...review, formView: renderApplications } },
    async (request, reply) => {
      const edition = await editionForReview(services, request);
      const id = idParam(request, 'application');
      await svc.review(principalOf(request), edition.id, callParam(request), id, formBody(request));
      return reply.redirect(`${applicationsUrl(edition.year, request)}?done=reviewed#application-${id}`, 303);
    },
  );
  app.post(
    '/admin/conference/:year/calls/:call/applications/:application/decide',
    { config: { ...invite, formView: renderApplications } },
    async (request, reply) => {
      const edition = await editionOf(services, request);
      const id = idParam(request, 'application');
      await svc.decide(principalOf(request), edition.id, callParam(request), id, formBody(request));
      return reply.redirect(`${applicationsUrl(edition.year, request)}?done=decided#application-${id}`, 303);
    },
  );
}
