import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../core/accounts/accounts.schema.js';
import { notFound } from '../../core/shared/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { attempt, queryText, statusFor, stringFields, type Rejection } from '../forms.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import type { ViewContext } from '../views/context.js';
import { formatDateTime } from '../../i18n/format.js';
import { CsrfField, Field, FormErrors, NextField, Notice, safeNext } from './auth.views.js';
import type { AdminDeps } from './index.js';
import { AdminLayout, adminContext } from './layout.js';
import { PasskeysSection } from './passkeys.views.js';

const ZONE = 'Europe/Stockholm';

/** Confirmations shown after a redirect; only these keys, never text from the URL. */
const notices: Record<string, MessageKey> = {
  ended: 'auth.sessions.ended',
  'others-ended': 'auth.sessions.others-ended',
  reauth: 'auth.reauth.done',
  'passkey-added': 'auth.passkey.added-done',
  'passkey-removed': 'auth.passkey.removed-done',
};

interface SessionRow {
  id: number;
  browser: string;
  created_at: string;
  last_seen_at: string;
}

function SessionsTable({ ctx, sessions, current, csrf }: { ctx: ViewContext; sessions: SessionRow[]; current: number; csrf: string }): JSX.Element {
  return (
    <div class="table-wrap">
      <table aria-labelledby="sessions-title">
        <thead>
          <tr>
            <th scope="col" safe>
              {ctx.t('auth.sessions.browser')}
            </th>
            <th scope="col" safe>
              {ctx.t('auth.sessions.started')}
            </th>
            <th scope="col" safe>
              {ctx.t('auth.sessions.last')}
            </th>
            <th scope="col" safe>
              {ctx.t('auth.sessions.action')}
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const last = formatDateTime(s.last_seen_at, ctx.locale, ZONE);
            return (
              <tr>
                <th scope="row" safe>
                  {s.browser}
                </th>
                <td safe>{formatDateTime(s.created_at, ctx.locale, ZONE)}</td>
                <td safe>{last}</td>
                <td>
                  {s.id === current ? (
                    <strong safe>{ctx.t('auth.sessions.this')}</strong>
                  ) : (
                    <form method="post" action={`/admin/account/sessions/${s.id}/end`} class="inline-form">
                      <CsrfField token={csrf} />
                      <button type="submit" aria-label={ctx.t('auth.sessions.end-label', { browser: s.browser, when: last })} safe>
                        {ctx.t('auth.sessions.end')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Your account: who you are signed in as, your sessions (end one, end all others), and the
 * re-authentication form that exports and role changes send you to first.
 */
export function registerAccountRoutes(app: FastifyInstance, { config, services }: AdminDeps): void {
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);

  app.get('/admin/account', { config: { permission: 'account.self' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const p = principalOf(request);
    const csrf = reply.generateCsrf();
    const sessions = await services.auth.listSessions(p.userId);
    const passkeys = await services.passkeys.list(p);
    const done = (request.query as Record<string, unknown>).done;
    const notice = typeof done === 'string' && Object.hasOwn(notices, done) ? ctx.t(notices[done] as MessageKey) : undefined;
    const role = ctx.t(`admin.role.${p.role}` as MessageKey);
    const html = await AdminLayout({
      ctx,
      title: ctx.t('auth.account.title'),
      principal: p,
      csrf,
      children: (
        <>
          <h1 safe>{ctx.t('auth.account.title')}</h1>
          <Notice text={notice} />
          <p safe>{ctx.t('auth.account.who', { name: p.displayName, email: p.email, role })}</p>
          <p>
            <a href="/admin/reset" safe>
              {ctx.t('auth.account.password')}
            </a>
          </p>
          <h2 id="sessions-title" safe>
            {ctx.t('auth.sessions.title')}
          </h2>
          <p safe>{ctx.t('auth.sessions.intro')}</p>
          <SessionsTable ctx={ctx} sessions={sessions} current={p.sessionId} csrf={csrf} />
          <p class="hint" safe>
            {ctx.t('auth.times')}
          </p>
          {sessions.length > 1 ? (
            <form method="post" action="/admin/account/sessions/end-others">
              <CsrfField token={csrf} />
              <button type="submit" safe>
                {ctx.t('auth.sessions.end-others')}
              </button>
            </form>
          ) : (
            ''
          )}
          <PasskeysSection ctx={ctx} passkeys={passkeys} csrf={csrf} where={services.passkeys} />
        </>
      ),
    });
    return sendHtml(reply, html);
  });

  app.post('/admin/account/sessions/:id/end', { config: { permission: 'account.self' } }, async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id < 1) throw notFound('session');
    await services.auth.endSession(principalOf(request), id);
    return reply.redirect('/admin/account?done=ended', 303);
  });

  app.post('/admin/account/sessions/end-others', { config: { permission: 'account.self' } }, async (request, reply) => {
    await services.auth.endOtherSessions(principalOf(request));
    return reply.redirect('/admin/account?done=others-ended', 303);
  });

  // --- re-authentication before exports and role changes
  const renderReauth = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const p: Principal = principalOf(request);
    const csrf = reply.generateCsrf();
    const fields = rejected?.fields ?? {};
    const body = stringFields(request, ['next']);
    const next = safeNext(body.next || queryText(request, 'next'));
    const html = await AdminLayout({
      ctx,
      title: ctx.t('auth.reauth.title'),
      principal: p,
      csrf,
      children: (
        <>
          <h1 safe>{ctx.t('auth.reauth.title')}</h1>
          <p safe>{ctx.t('auth.reauth.intro')}</p>
          <FormErrors ctx={ctx} fields={fields} />
          <form method="post" action="/admin/account/reauth" class="form">
            <CsrfField token={csrf} />
            <NextField next={next} />
            <Field
              ctx={ctx}
              name="code"
              label={ctx.t('auth.code')}
              hint={ctx.t('auth.code.hint')}
              autocomplete="one-time-code"
              error={fields.code}
              maxlength={32}
            />
            <div>
              <button type="submit" safe>
                {ctx.t('auth.reauth.submit')}
              </button>
            </div>
          </form>
        </>
      ),
    });
    return sendHtml(reply, html, statusFor(rejected));
  };

  app.get('/admin/account/reauth', { config: { permission: 'account.self' } }, async (request, reply) => renderReauth(request, reply));

  app.post('/admin/account/reauth', { config: { permission: 'account.self' } }, async (request, reply) => {
    const body = stringFields(request, ['code', 'next']);
    const confirmed = await attempt(services.auth.reauthenticate(principalOf(request), body.code.slice(0, 64)));
    if (!confirmed.ok) return renderReauth(request, reply, confirmed);
    return reply.redirect(safeNext(body.next) ?? '/admin/account?done=reauth', 303);
  });
}
