import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../core/accounts/accounts.schema.js';
import { notFound } from '../../core/shared/errors.js';
import type { MessageKey } from '../../i18n/index.js';
import { isRole, roles } from '../../security/permissions.js';
import { stringFields } from '../forms.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import type { ViewContext } from '../views/context.js';
import { CsrfField, Field, FormErrors, Notice } from './auth.views.js';
import type { AdminDeps } from './index.js';
import { AdminLayout, FieldError, adminContext } from './layout.js';
import { attr } from '../views/attr.js';

const notices: Record<string, MessageKey> = {
  'role-changed': 'auth.user.role-changed',
  disabled: 'auth.user.disabled',
};

const roleLabel = (ctx: ViewContext, role: string) => ctx.t(`admin.role.${role}` as MessageKey);
const statusLabel = (ctx: ViewContext, status: string) => ctx.t(`auth.users.status.${status}` as MessageKey);

function userIdOf(request: FastifyRequest): number {
  const id = Number((request.params as { id: string }).id);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound('user');
  return id;
}

function RoleSelect({ ctx, value, error }: { ctx: ViewContext; value: string; error: string | undefined }): JSX.Element {
  return (
    <div class="field">
      <label for="role" safe>
        {ctx.t('auth.role')}
      </label>
      <select id="role" name="role" required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'role-error' : undefined}>
        {roles.map((r) => (
          <option value={r} selected={r === value} safe>
            {roleLabel(ctx, r)}
          </option>
        ))}
      </select>
      <FieldError ctx={ctx} id="role" error={error} />
    </div>
  );
}

/**
 * Staff accounts (permission user.manage): the list, creating an account (which shows its
 * single-use enrolment link once), changing a role (after a fresh second factor) and
 * disabling an account.
 */
export function registerUserRoutes(app: FastifyInstance, { config, services }: AdminDeps): void {
  const ctxOf = (request: FastifyRequest) => adminContext(request, config.publicUrl);
  const page = async (request: FastifyRequest, reply: FastifyReply, title: string, children: JSX.Element, status = 200) => {
    const ctx = ctxOf(request);
    const html = await AdminLayout({ ctx, title, principal: principalOf(request), csrf: reply.generateCsrf(), children });
    return sendHtml(reply, html, status);
  };

  app.get('/admin/users', { config: { permission: 'user.manage' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const p = principalOf(request);
    const users = await services.accounts.listUsers(p);
    return page(
      request,
      reply,
      ctx.t('auth.users.title'),
      <>
        <h1 safe>{ctx.t('auth.users.title')}</h1>
        <p>
          <a class="button" href="/admin/users/new" safe>
            {ctx.t('auth.users.create-link')}
          </a>
        </p>
        <div class="table-wrap">
          <table>
            <caption safe>{ctx.t('auth.users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {ctx.t('auth.name')}
                </th>
                <th scope="col" safe>
                  {ctx.t('auth.email')}
                </th>
                <th scope="col" safe>
                  {ctx.t('auth.role')}
                </th>
                <th scope="col" safe>
                  {ctx.t('auth.users.status')}
                </th>
                <th scope="col" safe>
                  {ctx.t('auth.users.factor')}
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/users/${u.id}`} safe>
                      {u.display_name}
                    </a>
                    {u.id === p.userId ? <span safe>{` ${ctx.t('auth.users.you')}`}</span> : ''}
                  </th>
                  <td safe>{u.email}</td>
                  <td safe>{roleLabel(ctx, u.role)}</td>
                  <td safe>{statusLabel(ctx, u.status)}</td>
                  <td safe>{ctx.t(u.totp_enabled ? 'auth.users.factor-app' : 'auth.users.factor-none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>,
    );
  });

  // --- create
  const renderNew = async (request: FastifyRequest, reply: FastifyReply, fields: Record<string, string>) => {
    const ctx = ctxOf(request);
    const body = stringFields(request, ['email', 'displayName', 'role']);
    const csrf = reply.generateCsrf();
    return page(
      request,
      reply,
      ctx.t('auth.users.new-title'),
      <>
        <h1 safe>{ctx.t('auth.users.new-title')}</h1>
        <p safe>{ctx.t('auth.users.new-intro')}</p>
        <FormErrors ctx={ctx} fields={fields} />
        <form method="post" action="/admin/users/new" class="form">
          <CsrfField token={csrf} />
          <Field
            ctx={ctx}
            name="email"
            label={ctx.t('auth.email')}
            type="email"
            value={body.email.slice(0, 254)}
            autocomplete="off"
            error={fields.email}
            maxlength={254}
          />
          <Field
            ctx={ctx}
            name="displayName"
            label={ctx.t('auth.name')}
            hint={ctx.t('auth.name.hint')}
            value={attr(body.displayName.slice(0, 200))}
            autocomplete="off"
            error={fields.displayName}
            maxlength={120}
          />
          <RoleSelect ctx={ctx} value={body.role || 'editor'} error={fields.role} />
          <div>
            <button type="submit" safe>
              {ctx.t('auth.users.create')}
            </button>
          </div>
        </form>
        <p>
          <a href="/admin/users" safe>
            {ctx.t('auth.users.back')}
          </a>
        </p>
      </>,
      reply.statusCode,
    );
  };

  // Making an account needs the second factor again (as role changes do), before the form and when it is sent.
  const reauthFirst = (reply: FastifyReply) => reply.redirect(`/admin/account/reauth?next=${encodeURIComponent('/admin/users/new')}`, 303);

  app.get('/admin/users/new', { config: { permission: 'user.manage' } }, async (request, reply) =>
    services.auth.hasRecentReauth(principalOf(request)) ? renderNew(request, reply, {}) : reauthFirst(reply),
  );

  app.post('/admin/users/new', { config: { permission: 'user.manage', formView: renderNew } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const body = stringFields(request, ['email', 'displayName', 'role']);
    const p = principalOf(request);
    if (!services.auth.hasRecentReauth(p)) return reauthFirst(reply);
    const { enrolUrl } = await services.accounts.createUser(p, body);
    return page(
      request,
      reply,
      ctx.t('auth.users.created-title'),
      <>
        <h1 safe>{ctx.t('auth.users.created-title')}</h1>
        <p safe>{ctx.t('auth.users.created-text', { name: body.displayName.trim() })}</p>
        <div class="field">
          <label for="enrol-link" safe>
            {ctx.t('auth.users.created-link')}
          </label>
          <input id="enrol-link" type="text" readonly value={enrolUrl} />
        </div>
        <p>
          <a href="/admin/users" safe>
            {ctx.t('auth.users.back')}
          </a>
        </p>
      </>,
    );
  });

  // --- one account: change its role, disable it
  const renderUser = async (request: FastifyRequest, reply: FastifyReply, fields: Record<string, string>) => {
    const ctx = ctxOf(request);
    const p: Principal = principalOf(request);
    const user = await services.accounts.getUser(p, userIdOf(request));
    const q = request.query as Record<string, unknown>;
    const body = stringFields(request, ['role']);
    // After re-authenticating, the chosen role comes back in the query so it need not be chosen again.
    const wanted = body.role || (isRole(q.role) ? q.role : user.role);
    const done = q.done;
    const notice = typeof done === 'string' && Object.hasOwn(notices, done) ? ctx.t(notices[done] as MessageKey) : undefined;
    const csrf = reply.generateCsrf();
    const self = user.id === p.userId;
    return page(
      request,
      reply,
      user.display_name,
      <>
        <h1 safe>{user.display_name}</h1>
        <Notice text={notice} />
        <FormErrors ctx={ctx} fields={fields} />
        <p safe>{ctx.t('auth.user.details', { email: user.email, role: roleLabel(ctx, user.role), status: statusLabel(ctx, user.status) })}</p>
        {self ? (
          <p safe>{ctx.t('user.self-change')}</p>
        ) : (
          <>
            <h2 safe>{ctx.t('auth.user.role-title')}</h2>
            <p safe>{ctx.t('auth.user.role-text')}</p>
            <form method="post" action={`/admin/users/${user.id}/role`} class="form">
              <CsrfField token={csrf} />
              <RoleSelect ctx={ctx} value={wanted} error={fields.role} />
              <div>
                <button type="submit" safe>
                  {ctx.t('auth.user.role-submit')}
                </button>
              </div>
            </form>
            {user.status === 'disabled' ? (
              ''
            ) : (
              <>
                <h2 safe>{ctx.t('auth.user.disable-title')}</h2>
                <p safe>{ctx.t('auth.user.disable-text')}</p>
                <form method="post" action={`/admin/users/${user.id}/disable`}>
                  <CsrfField token={csrf} />
                  <button type="submit" id="status" safe>
                    {ctx.t('auth.user.disable-submit')}
                  </button>
                </form>
              </>
            )}
          </>
        )}
        <p>
          <a href="/admin/users" safe>
            {ctx.t('auth.users.back')}
          </a>
        </p>
      </>,
      reply.statusCode,
    );
  };

  app.get('/admin/users/:id', { config: { permission: 'user.manage' } }, async (request, reply) => renderUser(request, reply, {}));

  app.post('/admin/users/:id/role', { config: { permission: 'user.manage', formView: renderUser } }, async (request, reply) => {
    const id = userIdOf(request);
    const p = principalOf(request);
    const { role } = stringFields(request, ['role']);
    if (!services.auth.hasRecentReauth(p)) {
      // The second factor first; then back to this account's page with the chosen role kept.
      const back = `/admin/users/${id}${isRole(role) ? `?role=${role}` : ''}`;
      return reply.redirect(`/admin/account/reauth?next=${encodeURIComponent(back)}`, 303);
    }
    await services.accounts.changeRole(p, id, role);
    return reply.redirect(`/admin/users/${id}?done=role-changed`, 303);
  });

  app.post('/admin/users/:id/disable', { config: { permission: 'user.manage', formView: renderUser } }, async (request, reply) => {
    const id = userIdOf(request);
    await services.accounts.disableUser(principalOf(request), id);
    return reply.redirect(`/admin/users/${id}?done=disabled`, 303);
  });
}
