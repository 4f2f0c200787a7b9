import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PENDING_MS } from '../../core/accounts/accounts.schema.js';
import { DomainError } from '../../core/shared/errors.js';
import { field, type RawForm } from '../../core/shared/form-input.js';
import { localePath, locales } from '../../i18n/index.js';
import { PARTICIPANT_SELF, type Permission } from '../../security/permissions.js';
import { attempt, echoed, formBody, queryText, statusFor, stringFields, type Outcome, type Rejection } from '../forms.js';
import { contextFor, sendHtml } from '../routing.js';
import { DEVICE_COOKIE_SECONDS, participantOf } from '../session.js';
import { CalendarPage, RevokeConfirmPage } from './calendar.views.js';
import type { PortalDeps } from './index.js';
import { CodePage } from './account.views.js';
import { LoginPage, OverviewPage } from './portal.views.js';
import { profileValues, ProfilePage } from './profile.views.js';
import { PrintPage, ProgrammePage } from './programme.views.js';

const FeedParams = Type.Object({ token: Type.String({ maxLength: 200 }) });

/** A session id from a form: a positive integer, or undefined (then it is a session nobody can pick). */
function sessionIdOf(body: unknown): number | undefined {
  const v = field((body ?? {}) as RawForm, 'session_id');
  return /^[1-9]\d{0,8}$/.test(v) ? Number(v) : undefined;
}

type Change = 'pick' | 'unpick';

/** A session that is not there to choose or remove (not one of this participant's edition, not chosen): 404 with the page's own message. */
const notThere = (action: Change): Rejection => ({
  fields: { form: action === 'pick' ? 'participation.session-unavailable' : 'portal.programme.not-chosen' },
  status: 404,
});

/** The service says not-found without a message for a session that is not there: shown as `notThere`; other errors go on. */
const orNotThere =
  (action: Change) =>
  (e: unknown): Outcome<void> => {
    if (e instanceof DomainError && e.code === 'not-found') return { ok: false, ...notThere(action) };
    throw e;
  };

/**
 * The participant portal (the profile form and the personal programme), in every language: signing in and out,
 * the overview, the portal form, the personal programme with its printable list, and the
 * calendar feed's secret address. Every page but the sign-in page and the feed needs
 * participant.self (the portal cookie; a staff session does not count), and every service
 * call takes the signed-in participant, never an id of a participant from the request.
 */
export function registerPortalPages(app: FastifyInstance, { services, cookies, config }: PortalDeps): void {
  const { portal } = services;
  const publicUrl = config.publicUrl;

  for (const locale of locales) {
    const self = { permission: PARTICIPANT_SELF as Permission, locale };
    const pub = { permission: 'public' as const, locale };
    const to = (path: string) => localePath(locale, path);
    const redirect = (reply: FastifyReply, path: string) => reply.header('Cache-Control', 'no-store').redirect(to(path), 303);

    // ---- signing in and out

    /** The sign-in form; after a refusal with its message and the sign-in name as typed (never the passphrase). */
    const renderLogin = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
      const ctx = contextFor(request, '/portal/login', publicUrl);
      const values = rejected ? stringFields(request, ['sign_in']) : {};
      const signedOut = !rejected && queryText(request, 'out') === '1';
      return sendHtml(reply, await LoginPage({ ctx, csrf: reply.generateCsrf(), values, errors: rejected?.fields ?? {}, signedOut }), statusFor(rejected));
    };
    app.get(to('/portal/login'), { config: pub }, (request, reply) => renderLogin(request, reply));
    app.post(to('/portal/login'), { config: pub }, async (request, reply) => {
      const { sign_in, passphrase } = stringFields(request, ['sign_in', 'passphrase']);
      const outcome = await attempt(portal.login(sign_in, passphrase, cookies.device(request)));
      if (!outcome.ok) return renderLogin(request, reply, outcome);
      const signed = outcome.value;
      if (signed.pending) {
        cookies.set(reply, 'portalPending', signed.token, PENDING_MS / 1000);
        return redirect(reply, '/portal/login/code');
      }
      cookies.set(reply, 'portal', signed.token);
      cookies.set(reply, 'device', signed.device, DEVICE_COOKIE_SECONDS);
      return redirect(reply, '/portal');
    });

    // ---- the second step, for a participant with an authenticator app or a passkey (its JSON routes: passkeys.routes.ts)
    const renderCode = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
      const ctx = contextFor(request, '/portal/login/code', publicUrl);
      const token = request.cookies[cookies.names.portalPending] ?? '';
      const [pending, passkey] = await Promise.all([portal.pending(token), services.portalPasskeys.offered(token)]);
      const totp = pending?.row.totp_enabled === 1;
      const where = passkey ? services.portalPasskeys.where : undefined;
      return sendHtml(reply, await CodePage({ ctx, csrf: reply.generateCsrf(), errors: rejected?.fields ?? {}, totp, passkey: where }), statusFor(rejected));
    };
    const pendingOf = async (request: FastifyRequest) => {
      const token = request.cookies[cookies.names.portalPending] ?? '';
      return (await portal.pending(token)) ? token : undefined;
    };
    app.get(to('/portal/login/code'), { config: pub }, async (request, reply) =>
      (await pendingOf(request)) ? renderCode(request, reply) : redirect(reply, '/portal/login'),
    );
    app.post(to('/portal/login/code'), { config: pub }, async (request, reply) => {
      const pending = await pendingOf(request);
      if (!pending) return redirect(reply, '/portal/login');
      const completed = await attempt(portal.completeLogin(pending, stringFields(request, ['code']).code, cookies.device(request)));
      if (!completed.ok) return renderCode(request, reply, completed);
      const { token, device } = completed.value;
      cookies.clear(reply, 'portalPending');
      cookies.set(reply, 'portal', token);
      cookies.set(reply, 'device', device, DEVICE_COOKIE_SECONDS);
      return redirect(reply, '/portal');
    });

    app.post(to('/portal/logout'), { config: self }, async (request, reply) => {
      const token = request.cookies[cookies.names.portal];
      if (token) await portal.logout(token);
      cookies.clear(reply, 'portal');
      return redirect(reply, '/portal/login?out=1');
    });

    // ---- the overview

    app.get(to('/portal'), { config: self }, async (request, reply) => {
      const p = participantOf(request);
      const [{ profile, retentionDays, editionEndsOn }, pp, url, strangerFailures] = await Promise.all([
        portal.profile(p),
        portal.programme(p, locale),
        portal.calendarUrl(p),
        portal.strangerFailures(p),
      ]);
      const picks = pp.programme.all.filter((s) => pp.picked.has(s.id)).length;
      const o = { displayName: profile.displayName, picks, calendar: url !== null, retentionDays, editionEndsOn, strangerFailures };
      return sendHtml(reply, await OverviewPage({ ctx: contextFor(request, '/portal', publicUrl), csrf: reply.generateCsrf(), p, o }));
    });

    // ---- the portal form

    /** The portal form: the stored answers, or after a refusal what the participant typed, with the messages. */
    const renderProfile = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
      const p = participantOf(request);
      const { profile, retentionDays, editionEndsOn } = await portal.profile(p);
      const values = rejected ? echoed(request) : profileValues(profile);
      const saved = !rejected && queryText(request, 'saved') === '1';
      const ctx = contextFor(request, '/portal/profile', publicUrl);
      const errors = rejected?.fields ?? {};
      return sendHtml(reply, await ProfilePage({ ctx, csrf: reply.generateCsrf(), values, errors, saved, retentionDays, editionEndsOn }), statusFor(rejected));
    };
    app.get(to('/portal/profile'), { config: self }, (request, reply) => renderProfile(request, reply));
    app.post(to('/portal/profile'), { config: self }, async (request, reply) => {
      const saved = await attempt(portal.saveProfile(participantOf(request), formBody(request)));
      if (!saved.ok) return renderProfile(request, reply, saved);
      return redirect(reply, '/portal/profile?saved=1');
    });

    // ---- the personal programme

    /** The personal programme; after a refusal, with its message at the session that was sent. */
    const renderProgramme = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
      const p = participantOf(request);
      const pp = await portal.programme(p, locale);
      const ctx = contextFor(request, '/portal/programme', publicUrl);
      const done = rejected ? '' : queryText(request, 'done');
      const errorSession = rejected ? sessionIdOf(request.body) : undefined;
      const page = { ctx: { ...ctx, search: '' }, csrf: reply.generateCsrf(), pp, errors: rejected?.fields ?? {}, errorSession, done };
      return sendHtml(reply, await ProgrammePage(page), statusFor(rejected));
    };
    app.get(to('/portal/programme'), { config: self }, (request, reply) => renderProgramme(request, reply));

    /**
     * Choosing and removing: on success back to the programme at the session; a refusal
     * (full, a clash, part 1 missing, part 2 chosen, not a session of this participant's
     * edition) shows the programme again with the message, with 400, 404 or 409.
     */
    const change = (action: Change) => async (request: FastifyRequest, reply: FastifyReply) => {
      const p = participantOf(request);
      const id = sessionIdOf(request.body);
      if (id === undefined) return renderProgramme(request, reply, notThere(action));
      const changed = await attempt(action === 'pick' ? portal.pick(p, id) : portal.unpick(p, id)).catch(orNotThere(action));
      if (!changed.ok) return renderProgramme(request, reply, changed);
      return reply.header('Cache-Control', 'no-store').redirect(`${to('/portal/programme')}?done=${action}ed#s-${id}`, 303);
    };
    app.post(to('/portal/programme/pick'), { config: self }, change('pick'));
    app.post(to('/portal/programme/unpick'), { config: self }, change('unpick'));

    app.get(to('/portal/programme/print'), { config: self }, async (request, reply) => {
      const pp = await portal.programme(participantOf(request), locale);
      return sendHtml(reply, await PrintPage({ ctx: contextFor(request, '/portal/programme/print', publicUrl), csrf: reply.generateCsrf(), pp }));
    });

    // ---- the calendar feed's address

    app.get(to('/portal/calendar'), { config: self }, async (request, reply) => {
      const url = await portal.calendarUrl(participantOf(request));
      const ctx = contextFor(request, '/portal/calendar', publicUrl);
      return sendHtml(reply, await CalendarPage({ ctx, csrf: reply.generateCsrf(), url, done: queryText(request, 'done') }));
    });
    app.post(to('/portal/calendar/new'), { config: self }, async (request, reply) => {
      await portal.newCalendarUrl(participantOf(request));
      return redirect(reply, '/portal/calendar?done=new');
    });
    app.post(to('/portal/calendar/revoke'), { config: self }, async (request, reply) => {
      // The first press asks again; the confirmation's button sends confirm=1.
      if (field((request.body ?? {}) as RawForm, 'confirm') !== '1') {
        const ctx = contextFor(request, '/portal/calendar', publicUrl);
        return sendHtml(reply, await RevokeConfirmPage({ ctx, csrf: reply.generateCsrf() }));
      }
      await portal.revokeCalendarUrl(participantOf(request));
      return redirect(reply, '/portal/calendar?done=revoked');
    });
  }

  /**
   * The feed itself: public, because a calendar app has no cookie; the secret token in the
   * address is the key. One address (the service makes English ones); the feed's language is
   * the participant's. Unknown, replaced or revoked tokens: 404.
   */
  app.get('/portal/calendar/:token.ics', { config: { permission: 'public' }, schema: { params: FeedParams } }, async (request, reply) => {
    const { token } = request.params as Static<typeof FeedParams>;
    const body = await portal.calendarFeed(token);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', 'inline; filename="programme.ics"')
      .send(body);
  });
}
