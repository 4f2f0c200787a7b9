import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { field } from '../../core/shared/form-input.js';
import { roleAllows } from '../../security/permissions.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import { attempt, formBody, idParam, statusFor, typedFields, type Rejection } from '../forms.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';
import { ErasePage, NoVisaLetterPage, ParticipantPage, ParticipantsPage } from './participation-logistics.views.js';
import { doneOf, editionOf, participationBase } from './participation-shared.js';

const identity = { permission: 'participant.read-identity' as const };
const invite = { permission: 'participant.invite' as const };

/** A PDF as a download: never stored by the browser or anything between. */
function sendPdf(reply: FastifyReply, bytes: Uint8Array, filename: string): FastifyReply {
  return reply
    .code(200)
    .header('Cache-Control', 'no-store')
    .header('Content-Disposition', `attachment; filename="${filename}"`)
    .type('application/pdf')
    .send(Buffer.from(bytes));
}

/**
 * Logistics (participant.read-identity; the service audits every read): the participants,
 * one participant with staff's notes, badges and visa letters as PDF, the CSV export after a
 * fresh second factor; and erasing an edition's participant data once its conference is over
 * (participant.invite, a fresh second factor and the year typed as confirmation).
 */
export function registerLogisticsRoutes(app: FastifyInstance, { config, services }: AdminDeps): void {
  const svc = services.logistics;
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);
  const participantsUrl = (year: number) => `${participationBase(year)}/participants`;
  const participantParam = (request: FastifyRequest) => idParam(request, 'participant');

  app.get('/admin/conference/:year/participants', { config: identity }, async (request, reply) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    const { participants, totals } = await svc.list(principal, edition.id);
    const done = doneOf(request);
    const html = await ParticipantsPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      participants,
      totals,
      erasure: await svc.erasure(edition.id),
      canErase: roleAllows(principal.role, 'participant.invite'),
      notice: done ? ctx.t(done) : undefined,
    });
    return sendHtml(reply, html);
  });

  // --- one participant, and staff's notes
  const renderParticipant = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    const detail = await svc.detail(principal, edition.id, participantParam(request));
    const values = rejected ? typedFields(request, ['notes']) : { notes: detail.notes };
    const done = rejected ? undefined : doneOf(request);
    const html = await ParticipantPage({
      ctx,
      principal,
      csrf: reply.generateCsrf(),
      edition,
      detail,
      values,
      errors: rejected?.fields ?? {},
      notice: done ? ctx.t(done) : undefined,
    });
    return sendHtml(reply, html, statusFor(rejected));
  };
  app.get('/admin/conference/:year/participants/:participant', { config: identity }, (request, reply) => renderParticipant(request, reply));
  app.post('/admin/conference/:year/participants/:participant/notes', { config: identity }, async (request, reply) => {
    const edition = await editionOf(services, request);
    const id = participantParam(request);
    const saved = await attempt(svc.saveNotes(principalOf(request), edition.id, id, formBody(request)));
    if (!saved.ok) return renderParticipant(request, reply, saved);
    return reply.redirect(`${participantsUrl(edition.year)}/${id}?done=saved#notes-title`, 303);
  });

  // --- documents
  /** Said instead of a letter when the participant's identity details are missing (the refusal's status, 400). */
  const renderNoVisaLetter = async (request: FastifyRequest, reply: FastifyReply, rejected: Rejection) => {
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    const html = await NoVisaLetterPage({ ctx: ctxOf(request), principal, csrf: reply.generateCsrf(), edition, participantId: participantParam(request) });
    return sendHtml(reply, html, statusFor(rejected));
  };
  app.get('/admin/conference/:year/participants/:participant/visa-letter.pdf', { config: identity }, async (request, reply) => {
    const edition = await editionOf(services, request);
    const id = participantParam(request);
    // The letter is for an embassy: English unless Swedish is asked for.
    const locale = (request.query as Record<string, unknown> | undefined)?.lang === 'sv' ? 'sv' : 'en';
    const letter = await attempt(svc.visaLetter(principalOf(request), edition.id, id, locale));
    if (!letter.ok) return renderNoVisaLetter(request, reply, letter);
    return sendPdf(reply, letter.value, `visa-letter-${edition.year}-${id}.pdf`);
  });
  app.get('/admin/conference/:year/participants/:participant/badge.pdf', { config: identity }, async (request, reply) => {
    const edition = await editionOf(services, request);
    const id = participantParam(request);
    const bytes = await svc.badges(principalOf(request), edition.id, ctxOf(request).locale, id);
    return sendPdf(reply, bytes, `badge-${edition.year}-${id}.pdf`);
  });
  app.get('/admin/conference/:year/badges.pdf', { config: identity }, async (request, reply) => {
    const edition = await editionOf(services, request);
    const bytes = await svc.badges(principalOf(request), edition.id, ctxOf(request).locale);
    return sendPdf(reply, bytes, `badges-${edition.year}.pdf`);
  });

  // --- export: a POST (an audited action) after a fresh second factor. A POST cannot be
  // redirected back to, so the confirmation leads to the participants page, where the button is.
  app.post('/admin/conference/:year/participants/export', { config: identity }, async (request, reply) => {
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    if (!services.auth.hasRecentReauth(principal)) {
      const back = `${participantsUrl(edition.year)}?done=reauth`;
      return reply.redirect(`/admin/account/reauth?next=${encodeURIComponent(back)}`, 303);
    }
    const { csv } = await svc.exportCsv(principal, edition.id);
    return reply
      .code(200)
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', `attachment; filename="participants-${edition.year}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  // --- erasing now, once the conference is over
  const renderErase = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const principal = principalOf(request);
    const edition = await editionOf(services, request);
    const erasure = await svc.erasure(edition.id);
    // The year is never filled in again: it is to be typed each time.
    const done = rejected ? undefined : doneOf(request);
    const ctx = ctxOf(request);
    const errors = rejected?.fields ?? {};
    const html = await ErasePage({ ctx, principal, csrf: reply.generateCsrf(), edition, erasure, values: {}, errors, notice: done ? ctx.t(done) : undefined });
    return sendHtml(reply, html, statusFor(rejected));
  };
  app.get('/admin/conference/:year/participation/erase', { config: invite }, (request, reply) => renderErase(request, reply));
  app.post('/admin/conference/:year/participation/erase', { config: invite }, async (request, reply) => {
    const edition = await editionOf(services, request);
    // Erasing asks for the second factor again, as the export does (once there is something it
    // may erase); the year is typed after it.
    if ((await svc.erasure(edition.id)).over && !services.auth.hasRecentReauth(principalOf(request))) {
      const back = `${participationBase(edition.year)}/participation/erase?done=reauth-erase`;
      return reply.redirect(`/admin/account/reauth?next=${encodeURIComponent(back)}`, 303);
    }
    // The year typed as confirmation; nothing is erased without it.
    if (field(formBody(request), 'confirm') !== String(edition.year))
      return renderErase(request, reply, { fields: { confirm: 'padmin.erase.mismatch' }, status: 400 });
    const erased = await attempt(svc.eraseNow(principalOf(request), edition.id));
    if (!erased.ok) return renderErase(request, reply, erased);
    return reply.redirect(`${participantsUrl(edition.year)}?done=erased`, 303);
  });
}
