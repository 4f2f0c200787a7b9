import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsService } from '../../core/accounts/accounts.service.js';
import type { MessageKey } from '../../i18n/index.js';
import { isRole, roles } from '../../security/permissions.js';
import { attempt, doneNotice, idParam, queryText, statusFor, stringFields, type FieldErrors, type Rejection } from '../forms.js';
import { sendHtml } from '../routing.js';
import { principalOf } from '../session.js';
import type { ViewContext } from '../views/context.js';
import { CsrfField, Field, FormErrors, Notice } from './auth.views.js';
import type { AdminDeps } from './index.js';
import { AdminLayout, FieldError, adminContext } from './layout.js';
import { attr } from '../views/attr.js';

/** Messages shown after a redirect, named in the query (?done=disabled). */
const notices: Record<string, MessageKey> = {
  'role-changed': 'auth.user.role-changed',
  disabled: 'auth.user.disabled',
};

const roleLabel = (ctx: ViewContext, role: string) => ctx.t(`admin.role.${role}` as MessageKey);
const statusLabel = (ctx: ViewContext, status: string) => ctx.t(`auth.users.status.${status}` as MessageKey);

type ListedUser = Awaited<ReturnType<AccountsService['listUsers']>>[number];
type StaffUser = Awaited<ReturnType<AccountsService['getUser']>>;

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

/** The list of staff accounts; `selfId` is the signed-in user's, marked "(you)". */
function UserTable({ ctx, users, selfId }: { ctx: ViewContext; users: ListedUser[]; selfId: number }): JSX.Element {
  return (
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
                {u.id === selfId ? <span safe>{` ${ctx.t('auth.users.you')}`}</span> : ''}
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
  );
}

/** The form for a new account, filled with what was typed. */
function NewUserForm(p: { ctx: ViewContext; csrf: string; typed: { email: string; displayName: string; role: string }; fields: FieldErrors }): JSX.Element {
  const { ctx, typed, fields } = p;
  return (
    <form method="post" action="/admin/users/new" class="form">
      <CsrfField token={p.csrf} />
      <Field
        ctx={ctx}
        name="email"
        label={ctx.t('auth.email')}
        type="email"
        value={typed.email.slice(0, 254)}
        autocomplete="off"
        error={fields.email}
        maxlength={254}
      />
      <Field
        ctx={ctx}
        name="displayName"
        label={ctx.t('auth.name')}
        hint={ctx.t('auth.name.hint')}
        value={attr(typed.displayName.slice(0, 200))}
        autocomplete="off"
        error={fields.displayName}
        maxlength={120}
      />
      <RoleSelect ctx={ctx} value={typed.role || 'editor'} error={fields.role} />
      <div>
        <button type="submit" safe>
          {ctx.t('auth.users.create')}
        </button>
      </div>
    </form>
  );
}

/** The page after an account was made: its single-use enrolment link, shown this once. */
function UserCreated({ ctx, name, enrolUrl }: { ctx: ViewContext; name: string; enrolUrl: string }): JSX.Element {
  return (
    <>
      <h1 safe>{ctx.t('auth.users.created-title')}</h1>
      <p safe>{ctx.t('auth.users.created-text', { name })}</p>
      <div class="field">
        <label for="enrol-link" safe>
          {ctx.t('auth.users.created-link')}
        </label>
        <input id="enrol-link" type="text" readonly value={enrolUrl} />
      </div>
      <BackToUsers ctx={ctx} />
    </>
  );
}

/** Changing another account's role (the role `wanted` preselected) and disabling it. */
function UserActions(p: { ctx: ViewContext; csrf: string; user: StaffUser; wanted: string; fields: FieldErrors }): JSX.Element {
  const { ctx, csrf, user } = p;
  return (
    <>
      <h2 safe>{ctx.t('auth.user.role-title')}</h2>
      <p safe>{ctx.t('auth.user.role-text')}</p>
      <form method="post" action={`/admin/users/${user.id}/role`} class="form">
        <CsrfField token={csrf} />
        <RoleSelect ctx={ctx} value={p.wanted} error={p.fields.role} />
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
  );
}

function BackToUsers({ ctx }: { ctx: ViewContext }): JSX.Element {
  return (
    <p>
      <a href="/admin/users" safe>
        {ctx.t('auth.users.back')}
      </a>
    </p>
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
    const users = await services.accounts.listUsers(principalOf(request));
    const content = (
      <>
        <h1 safe>{ctx.t('auth.users.title')}</h1>
        <p>
          <a class="button" href="/admin/users/new" safe>
            {ctx.t('auth.users.create-link')}
          </a>
        </p>
        <UserTable ctx={ctx} users={users} selfId={principalOf(request).userId} />
      </>
    );
    return page(request, reply, ctx.t('auth.users.title'), content);
  });

  // --- create
  const renderNew = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const fields = rejected?.fields ?? {};
    const typed = stringFields(request, ['email', 'displayName', 'role']);
    const content = (
      <>
        <h1 safe>{ctx.t('auth.users.new-title')}</h1>
        <p safe>{ctx.t('auth.users.new-intro')}</p>
        <FormErrors ctx={ctx} fields={fields} />
        <NewUserForm ctx={ctx} csrf={reply.generateCsrf()} typed={typed} fields={fields} />
        <BackToUsers ctx={ctx} />
      </>
    );
    return page(request, reply, ctx.t('auth.users.new-title'), content, statusFor(rejected));
  };

  // Making an account needs the second factor again (as role changes do), before the form and when it is sent.
  const reauthFirst = (reply: FastifyReply) => reply.redirect(`/admin/account/reauth?next=${encodeURIComponent('/admin/users/new')}`, 303);

  app.get('/admin/users/new', { config: { permission: 'user.manage' } }, async (request, reply) =>
    services.auth.hasRecentReauth(principalOf(request)) ? renderNew(request, reply) : reauthFirst(reply),
  );

  app.post('/admin/users/new', { config: { permission: 'user.manage' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const body = stringFields(request, ['email', 'displayName', 'role']);
    const p = principalOf(request);
    if (!services.auth.hasRecentReauth(p)) return reauthFirst(reply);
    const created = await attempt(services.accounts.createUser(p, body));
    if (!created.ok) return renderNew(request, reply, created);
    return page(request, reply, ctx.t('auth.users.created-title'), <UserCreated ctx={ctx} name={body.displayName.trim()} enrolUrl={created.value.enrolUrl} />);
  });

  // --- one account: change its role, disable it
  const renderUser = async (request: FastifyRequest, reply: FastifyReply, rejected?: Rejection) => {
    const ctx = ctxOf(request);
    const fields = rejected?.fields ?? {};
    const user = await services.accounts.getUser(principalOf(request), idParam(request));
    // After re-authenticating, the chosen role comes back in the query so it need not be chosen again.
    const asked = queryText(request, 'role');
    const wanted = stringFields(request, ['role']).role || (isRole(asked) ? asked : user.role);
    const notice = doneNotice(request, notices);
    const details = ctx.t('auth.user.details', { email: user.email, role: roleLabel(ctx, user.role), status: statusLabel(ctx, user.status) });
    const content = (
      <>
        <h1 safe>{user.display_name}</h1>
        <Notice text={notice ? ctx.t(notice) : undefined} />
        <FormErrors ctx={ctx} fields={fields} />
        <p safe>{details}</p>
        {user.id === principalOf(request).userId ? (
          <p safe>{ctx.t('user.self-change')}</p>
        ) : (
          <UserActions ctx={ctx} csrf={reply.generateCsrf()} user={user} wanted={wanted} fields={fields} />
        )}
        <BackToUsers ctx={ctx} />
      </>
    );
    return page(request, reply, user.display_name, content, statusFor(rejected));
  };

  app.get('/admin/users/:id', { config: { permission: 'user.manage' } }, async (request, reply) => renderUser(request, reply));

  app.post('/admin/users/:id/role', { config: { permission: 'user.manage' } }, async (request, reply) => {
    const id = idParam(request);
    const p = principalOf(request);
    const { role } = stringFields(request, ['role']);
    if (!services.auth.hasRecentReauth(p)) {
      // The second factor first; then back to this account's page with the chosen role kept.
      const back = `/admin/users/${id}${isRole(role) ? `?role=${role}` : ''}`;
      return reply.redirect(`/admin/account/reauth?next=${encodeURIComponent(back)}`, 303);
    }
    const changed = await attempt(services.accounts.changeRole(p, id, role));
    if (!changed.ok) return renderUser(request, reply, changed);
    return reply.redirect(`/admin/users/${id}?done=role-changed`, 303);
  });

  app.post('/admin/users/:id/disable', { config: { permission: 'user.manage' } }, async (request, reply) => {
    const id = idParam(request);
    const disabled = await attempt(services.accounts.disableUser(principalOf(request), id));
    if (!disabled.ok) return renderUser(request, reply, disabled);
    return reply.redirect(`/admin/users/${id}?done=disabled`, 303);
  });
}
