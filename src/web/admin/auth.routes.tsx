import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PENDING_MS, browserLabel } from '../../core/accounts/accounts.schema.js';
import { randomToken } from '../../security/tokens.js';
import { attempt, queryText, statusFor, stringFields, type Rejection } from '../forms.js';
import { sendHtml } from '../routing.js';
import { DEVICE_COOKIE_SECONDS } from '../session.js';
import { qrSvg } from '../views/qr.js';
import type { AdminDeps } from './index.js';
import { adminContext } from './layout.js';
import { PasskeyLogin } from './passkeys.views.js';
import {
  CodePage,
  EnrolPage,
  LoginPage,
  NewPasswordPage,
  RecoveryCodesPage,
  ResetDonePage,
  ResetRequestPage,
  SetupPage,
  safeNext,
  withNext,
} from './auth.views.js';

/** The browser id cookie lives a year: it only tells "a browser seen before" from "a new one". */
const BROWSER_COOKIE_SECONDS = 365 * 86_400;
/** A reset request answers no sooner than this, so known and unknown addresses take the same time. */
const RESET_MIN_MS = 250;

type Params = { token: string };
const tokenOf = (request: FastifyRequest) => (request.params as Params).token;

/**
 * Signing in (password, then a TOTP or recovery code), signing out, the first-run setup
 * link, enrolment (password + authenticator app, recovery codes shown once) and password
 * reset. All reachable without a session, so `permission: 'public'`; under /admin they are
 * never cached or indexed. Every failed sign-in, whatever the reason, gets one answer.
 */
export function registerAuthRoutes(app: FastifyInstance, { config, services, cookies }: AdminDeps): void {
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);

  // --- sign in: the password
  const renderLogin = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const body = stringFields(request, ['email', 'next']);
    const next = safeNext(body.next || queryText(request, 'next'));
    const html = await LoginPage(ctxOf(request), {
      csrf: reply.generateCsrf(),
      next,
      email: body.email.slice(0, 254),
      fields: rejected?.fields ?? {},
      signedOut: queryText(request, 'signed-out') === '1',
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/login', { config: { permission: 'public' } }, async (request, reply) => {
    const token = request.cookies[cookies.names.session];
    if (token && (await services.auth.authenticate(token))) return reply.redirect(safeNext(queryText(request, 'next')) ?? '/admin', 303);
    return renderLogin(request, reply);
  });

  app.post('/admin/login', { config: { permission: 'public' } }, async (request, reply) => {
    const body = stringFields(request, ['email', 'password', 'next']);
    const begun = await attempt(services.auth.beginLogin(body.email, body.password, browserLabel(request.headers['user-agent']), cookies.device(request)));
    if (!begun.ok) return renderLogin(request, reply, begun);
    cookies.set(reply, 'pending', begun.value.token, PENDING_MS / 1000);
    return reply.redirect(withNext('/admin/login/code', safeNext(body.next)), 303);
  });

  // --- sign in: the second factor
  const renderCode = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const body = stringFields(request, ['next']);
    const ctx = ctxOf(request);
    const next = safeNext(body.next || queryText(request, 'next'));
    // The passkey button only for an account that has a passkey (the password step already said whose it is).
    const pending = await services.auth.pending(request.cookies[cookies.names.pending] ?? '');
    const passkey =
      pending && (await services.passkeys.hasPasskeys(pending.user.id)) ? PasskeyLogin({ ctx, next, origin: services.passkeys.origin }) : undefined;
    const html = await CodePage(ctx, { csrf: reply.generateCsrf(), next, fields: rejected?.fields ?? {}, passkey });
    return sendHtml(reply, html, statusFor(rejected));
  };

  /** The pending sign-in of this browser, if its password step is still fresh. */
  const pendingOf = async (request: FastifyRequest) => {
    const token = request.cookies[cookies.names.pending];
    return token && (await services.auth.pending(token)) ? token : undefined;
  };

  app.get('/admin/login/code', { config: { permission: 'public' } }, async (request, reply) => {
    if (!(await pendingOf(request))) return reply.redirect(withNext('/admin/login', safeNext(queryText(request, 'next'))), 303);
    return renderCode(request, reply);
  });

  app.post('/admin/login/code', { config: { permission: 'public' } }, async (request, reply) => {
    const body = stringFields(request, ['code', 'next']);
    const next = safeNext(body.next);
    const pending = await pendingOf(request);
    if (!pending) return reply.redirect(withNext('/admin/login', next), 303);
    const known = request.cookies[cookies.names.browser];
    const browserId = known && /^[A-Za-z0-9_-]{43}$/.test(known) ? known : randomToken();
    const signed = await attempt(services.auth.completeLogin(pending, body.code.slice(0, 64), browserId, cookies.device(request)));
    if (!signed.ok) return renderCode(request, reply, signed);
    cookies.set(reply, 'session', signed.value.token);
    cookies.set(reply, 'device', signed.value.device, DEVICE_COOKIE_SECONDS);
    cookies.set(reply, 'browser', browserId, BROWSER_COOKIE_SECONDS);
    cookies.clear(reply, 'pending');
    return reply.redirect(next ?? '/admin', 303);
  });

  // --- sign out: public, so an expired session can still clear its cookie
  app.post('/admin/logout', { config: { permission: 'public' } }, async (request, reply) => {
    const token = request.cookies[cookies.names.session];
    if (token) await services.auth.logout(token);
    cookies.clear(reply, 'session');
    return reply.redirect('/admin/login?signed-out=1', 303);
  });

  // --- first run: the setup link printed on the console while no administrator exists
  const renderSetup = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const body = stringFields(request, ['email', 'displayName']);
    const html = await SetupPage(ctxOf(request), {
      csrf: reply.generateCsrf(),
      action: `/admin/setup/${encodeURIComponent(tokenOf(request))}`,
      email: body.email.slice(0, 254),
      displayName: body.displayName.slice(0, 200),
      fields: rejected?.fields ?? {},
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/setup/:token', { config: { permission: 'public' } }, async (request, reply) => {
    await services.accounts.checkSetupToken(tokenOf(request));
    return renderSetup(request, reply);
  });

  app.post('/admin/setup/:token', { config: { permission: 'public' } }, async (request, reply) => {
    const body = stringFields(request, ['email', 'displayName']);
    const enrolUrl = await attempt(services.accounts.completeSetup(tokenOf(request), { email: body.email, displayName: body.displayName }));
    if (!enrolUrl.ok) return renderSetup(request, reply, enrolUrl);
    return reply.redirect(new URL(enrolUrl.value).pathname, 303);
  });

  // --- enrolment: password and authenticator app in one form
  const renderEnrol = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const token = tokenOf(request);
    const body = stringFields(request, ['sealedSecret']);
    const start = await services.accounts.startEnrolment(token, body.sealedSecret || undefined);
    const ctx = ctxOf(request);
    const qr = await qrSvg(start.uri, ctx.t('auth.enrol.qr'));
    const html = await EnrolPage(ctx, {
      csrf: reply.generateCsrf(),
      action: `/admin/enrol/${encodeURIComponent(token)}`,
      displayName: start.displayName,
      email: start.email,
      secret: start.secret,
      sealedSecret: start.sealedSecret,
      qrSvg: qr,
      fields: rejected?.fields ?? {},
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/enrol/:token', { config: { permission: 'public' } }, async (request, reply) => renderEnrol(request, reply));

  app.post('/admin/enrol/:token', { config: { permission: 'public' } }, async (request, reply) => {
    const body = stringFields(request, ['password', 'confirm', 'sealedSecret', 'code']);
    const enrolled = await attempt(services.accounts.completeEnrolment(tokenOf(request), body));
    if (!enrolled.ok) return renderEnrol(request, reply, enrolled);
    return sendHtml(reply, await RecoveryCodesPage(ctxOf(request), enrolled.value.recoveryCodes));
  });

  // --- password reset: the same answer, after the same time, whatever the address
  app.get('/admin/reset', { config: { permission: 'public' } }, async (request, reply) =>
    sendHtml(reply, await ResetRequestPage(ctxOf(request), { csrf: reply.generateCsrf(), sent: false })),
  );

  app.post('/admin/reset', { config: { permission: 'public' } }, async (request, reply) => {
    const started = performance.now();
    const body = stringFields(request, ['email']);
    await services.accounts.requestReset(body.email.slice(0, 254));
    const left = RESET_MIN_MS - (performance.now() - started);
    if (left > 0) await sleep(left);
    return sendHtml(reply, await ResetRequestPage(ctxOf(request), { csrf: '', sent: true }));
  });

  const renderNewPassword = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const action = `/admin/reset/${encodeURIComponent(tokenOf(request))}`;
    const html = await NewPasswordPage(ctxOf(request), { csrf: reply.generateCsrf(), action, fields: rejected?.fields ?? {} });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/reset/:token', { config: { permission: 'public' } }, async (request, reply) => {
    await services.accounts.checkResetToken(tokenOf(request));
    return renderNewPassword(request, reply);
  });

  app.post('/admin/reset/:token', { config: { permission: 'public' } }, async (request, reply) => {
    const body = stringFields(request, ['password', 'confirm']);
    const reset = await attempt(services.accounts.completeReset(tokenOf(request), body.password, body.confirm));
    if (!reset.ok) return renderNewPassword(request, reply, reset);
    cookies.clear(reply, 'session');
    return sendHtml(reply, await ResetDonePage(ctxOf(request)));
  });
}
