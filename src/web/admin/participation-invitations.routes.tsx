import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INVITATION_DAYS } from '../../core/participation/participation.schema.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { attempt, formBody, idParam, statusFor, typedFields, type Rejection } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';
import { InvitationLinkPage, InvitationsPage, RevokePage } from './participation-invitations.views.js';
import { doneOf, editionOf, participationBase } from './participation-shared.js';

const invite = { permission: 'participant.invite' as const };
const invitationFields = ['role', 'label', 'email', 'days', 'locale', 'require_code'];

/**
 * Invitations (participant.invite): the list with the form for a new one; a mailed invitation
 * leads back to the list, one without an address shows its link on the answer to the POST,
 * once, and nowhere else (it is not stored, only its hash), and so does the code of one that
 * asks for a second secret; revoking asks first. The service audits every page that opens
 * staff's sealed notes (the list, the page before revoking).
 */
export function registerInvitationRoutes(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.invitations;
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);
  const listUrl = (year: number) => `${participationBase(year)}/invitations`;

  const renderList = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    const invitations = await svc.list(principal, edition.id);
    const values = rejected ? typedFields(request, invitationFields) : { days: String(INVITATION_DAYS), locale: ctx.locale };
    const done = rejected ? undefined : doneOf(request);
    const html = await InvitationsPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      invitations,
      values,
      errors: rejected?.fields ?? {},
      notice: done ? ctx.t(done) : undefined,
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/conference/:year/invitations', { config: invite }, (request, reply) => renderList(request, reply));
  app.post('/admin/conference/:year/invitations', { config: invite }, async (request, reply) => {
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    const created = await attempt(svc.create(principal, edition.id, formBody(request)));
    if (!created.ok) return renderList(request, reply, created);
    const made = created.value;
    if (!made.link && !made.code) return reply.redirect(`${listUrl(edition.year)}?done=mailed`, 303);
    // The link and the code exist only in this answer: a redirect would have to carry them in a URL.
    const html = await InvitationLinkPage({
      ctx: ctxOf(request),
      principal,
      csrf: reply.generateCsrf(),
      edition,
      link: made.link,
      code: made.code,
      label: made.label,
      expiresAt: made.expiresAt,
    });
    return sendHtml(reply, html);
  });

  const renderRevoke = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    const id = idParam(request);
    const invitation = await svc.one(principal, edition.id, id);
    const html = await RevokePage({ ctx: ctxOf(request), principal, csrf: reply.generateCsrf(), edition, invitation, errors: rejected?.fields ?? {} });
    return sendHtml(reply, html, statusFor(rejected));
  };
  app.get('/admin/conference/:year/invitations/:id/revoke', { config: invite }, (request, reply) => renderRevoke(request, reply));
  app.post('/admin/conference/:year/invitations/:id/revoke', { config: invite }, async (request, reply) => {
    const edition = await editionOf(services, request);
    const revoked = await attempt(svc.revoke(principalOf(request), edition.id, idParam(request)));
    if (!revoked.ok) return renderRevoke(request, reply, revoked);
    return reply.redirect(`${listUrl(edition.year)}?done=revoked`, 303);
  });
}
