import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PENDING_MS } from '../../core/accounts/accounts.schema.js';
import { DomainError, notFound } from '../../core/shared/errors.js';
import { field, type RawForm } from '../../core/shared/form-input.js';
import { localePath, locales } from '../../i18n/index.js';
import { PARTICIPANT_SELF, type Permission } from '../../security/permissions.js';
import type { Values } from '../admin/form-fields.js';
import { echoed, queryText } from '../forms.js';
import { contextFor, sendHtml } from '../routing.js';
import { DEVICE_COOKIE_SECONDS, participantOf } from '../session.js';
import { CalendarPage, RevokeConfirmPage } from './calendar.views.js';
import type { PortalDeps } from './index.js';
import { CodePage } from './account.views.js';
import { LoginPage, OverviewPage } from './portal.views.js';
import { profileValues, ProfilePage } from './profile.views.js';
import { PrintPage, ProgrammePage } from './programme.views.js';
import { statusOf } from './support.js';

const FeedParams = Type.Object({ token: Type.String({ maxLength: 200 }) });

/** A session id from a form: a positive integer, or undefined (then it is a session nobody can pick). */
function sessionIdOf(body: unknown): number | undefined {
  const v = field((body ?? {}) as RawForm, 'session_id');
  return /^[1-9]\d{0,8}$/.test(v) ? Number(v) : undefined;
}

/** The participant's own text of a string field, untrimmed (a passphrase is taken as typed). */
const raw = (body: unknown, name: string): string => {
  const v = ((body ?? {}) as RawForm)[name];
  return typeof v === 'string' ? v : '';
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

    const renderLogin = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const ctx = contextFor(request, '/portal/login', publicUrl);
      const values: Values = request.method === 'POST' ? { sign_in: raw(request.body, 'sign_in') } : {};
      const signedOut = request.method === 'GET' && queryText(request, 'out') === '1';
      return sendHtml(reply, await LoginPage({ ctx, csrf: reply.generateCsrf(), values, errors, signedOut }), statusOf(reply));
    };
    app.get(to('/portal/login'), { config: pub }, (request, reply) => renderLogin(request, reply, {}));
    app.post(to('/portal/login'), { config: { ...pub, formView: renderLogin } }, async (request, reply) => {
      const signed = await portal.login(raw(request.body, 'sign_in'), raw(request.body, 'passphrase'), cookies.device(request));
      if (signed.pending) {
        cookies.set(reply, 'portalPending', signed.token, PENDING_MS / 1000);
        return redirect(reply, '/portal/login/code');
      }
      cookies.set(reply, 'portal', signed.token);
      cookies.set(reply, 'device', signed.device, DEVICE_COOKIE_SECONDS);
      return redirect(reply, '/portal');
    });

    // ---- the second step, for a participant with an authenticator app or a passkey (its JSON routes: passkeys.routes.ts)
    const renderCode = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const ctx = contextFor(request, '/portal/login/code', publicUrl);
      const token = request.cookies[cookies.names.portalPending] ?? '';
      const [pending, passkey] = await Promise.all([portal.pending(token), services.portalPasskeys.offered(token)]);
      const totp = pending?.row.totp_enabled === 1;
      const where = passkey ? services.portalPasskeys.where : undefined;
      return sendHtml(reply, await CodePage({ ctx, csrf: reply.generateCsrf(), errors, totp, passkey: where }), statusOf(reply));
    };
    const pendingOf = async (request: FastifyRequest) => {
      const token = request.cookies[cookies.names.portalPending] ?? '';
      return (await portal.pending(token)) ? token : undefined;
    };
    app.get(to('/portal/login/code'), { config: pub }, async (request, reply) =>
      (await pendingOf(request)) ? renderCode(request, reply, {}) : redirect(reply, '/portal/login'),
    );
    app.post(to('/portal/login/code'), { config: { ...pub, formView: renderCode } }, async (request, reply) => {
      const pending = await pendingOf(request);
      if (!pending) return redirect(reply, '/portal/login');
      const { token, device } = await portal.completeLogin(pending, raw(request.body, 'code'), cookies.device(request));
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

    const renderProfile = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const p = participantOf(request);
      const { profile, retentionDays, editionEndsOn } = await portal.profile(p);
      const values = request.method === 'POST' ? echoed(request) : profileValues(profile);
      const saved = request.method === 'GET' && queryText(request, 'saved') === '1';
      const ctx = contextFor(request, '/portal/profile', publicUrl);
      return sendHtml(reply, await ProfilePage({ ctx, csrf: reply.generateCsrf(), values, errors, saved, retentionDays, editionEndsOn }), statusOf(reply));
    };
    app.get(to('/portal/profile'), { config: self }, (request, reply) => renderProfile(request, reply, {}));
    app.post(to('/portal/profile'), { config: { ...self, formView: renderProfile } }, async (request, reply) => {
      await portal.saveProfile(participantOf(request), (request.body ?? {}) as RawForm);
      return redirect(reply, '/portal/profile?saved=1');
    });

    // ---- the personal programme

    const renderProgramme = async (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>) => {
      const p = participantOf(request);
      const pp = await portal.programme(p, locale);
      const ctx = contextFor(request, '/portal/programme', publicUrl);
      const done = request.method === 'GET' ? queryText(request, 'done') : '';
      const errorSession = request.method === 'POST' ? sessionIdOf(request.body) : undefined;
      return sendHtml(reply, await ProgrammePage({ ctx: { ...ctx, search: '' }, csrf: reply.generateCsrf(), pp, errors, errorSession, done }), statusOf(reply));
    };
    app.get(to('/portal/programme'), { config: self }, (request, reply) => renderProgramme(request, reply, {}));

    /**
     * Choosing and removing: on success back to the programme at the session; a refusal
     * (full, a clash, part 1 missing, part 2 chosen, not a session of this participant's
     * edition) shows the programme again with the message, with 400, 404 or 409.
     */
    const change = (action: 'pick' | 'unpick') => async (request: FastifyRequest, reply: FastifyReply) => {
      const p = participantOf(request);
      const id = sessionIdOf(request.body);
      try {
        if (id === undefined) throw notFound('session');
        await (action === 'pick' ? portal.pick(p, id) : portal.unpick(p, id));
      } catch (e) {
        if (e instanceof DomainError && (e.code === 'conflict' || e.code === 'not-found')) {
          reply.code(e.code === 'conflict' ? 409 : 404);
          const fallback = action === 'pick' ? 'participation.session-unavailable' : 'portal.programme.not-chosen';
          return renderProgramme(request, reply, e.fields.form ? { form: e.fields.form } : { form: fallback });
        }
        throw e; // 'invalid' (clash, part 1 first, part 2 chosen): formView renders the programme with it
      }
      return reply.header('Cache-Control', 'no-store').redirect(`${to('/portal/programme')}?done=${action}ed#s-${id}`, 303);
    };
    app.post(to('/portal/programme/pick'), { config: { ...self, formView: renderProgramme } }, change('pick'));
    app.post(to('/portal/programme/unpick'), { config: { ...self, formView: renderProgramme } }, change('unpick'));

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
