import type { MessageKey } from '../../i18n/index.js';
import { AuthenticatorKey } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { AdminLayout, ErrorSummary, FieldError } from './layout.js';
import { attr } from '../views/attr.js';

/**
 * Views of the sign-in pages (no principal: the layout shows no navigation) and the form
 * pieces every account page shares. Password fields are never filled in again.
 */

/**
 * A return address after signing in or re-authenticating: only a local path under /admin,
 * never another origin (no open redirect), never a protocol-relative or backslash trick.
 */
export function safeNext(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 500 || !raw.startsWith('/admin')) return undefined;
  if (/[\\\s\u0000-\u001f\u007f]/.test(raw)) return undefined;
  const base = 'http://local.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base || !(url.pathname === '/admin' || url.pathname.startsWith('/admin/'))) return undefined;
  return url.pathname + url.search;
}

/** `path?next=...` when there is a next, else `path`. */
export const withNext = (path: string, next: string | undefined): string => (next ? `${path}?next=${encodeURIComponent(next)}` : path);

export interface FieldProps {
  ctx: ViewContext;
  /** the input's name and id; error summaries link to #name */
  name: string;
  label: string;
  type?: string;
  value?: string;
  error?: string | undefined;
  hint?: string | undefined;
  autocomplete?: string;
  required?: boolean;
  readonly?: boolean;
  inputmode?: string;
  maxlength?: number;
}

/** A labelled input with its hint and its error, tied together with aria-describedby. */
export function Field(p: FieldProps): JSX.Element {
  const described = [p.hint ? `${p.name}-hint` : '', p.error ? `${p.name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={p.name} safe>
        {p.label}
      </label>
      {p.hint ? (
        <p class="hint" id={`${p.name}-hint`} safe>
          {p.hint}
        </p>
      ) : (
        ''
      )}
      <input
        id={p.name}
        name={p.name}
        type={p.type ?? 'text'}
        value={attr(p.value ?? '')}
        autocomplete={p.autocomplete}
        required={p.required ?? true}
        readonly={p.readonly}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      <FieldError ctx={p.ctx} id={p.name} error={p.error} />
    </div>
  );
}

export const CsrfField = ({ token }: { token: string }): JSX.Element => <input type="hidden" name="_csrf" value={token} />;
export const NextField = ({ next }: { next: string | undefined }): JSX.Element => (next ? <input type="hidden" name="next" value={next} /> : '');

/** A form-wide message (the one answer to a failed sign-in), or the per-field summary. */
export function FormErrors({ ctx, fields }: { ctx: ViewContext; fields: Record<string, string> }): JSX.Element {
  const { form, ...rest } = fields;
  return (
    <>
      {form ? (
        <div class="banner banner-alert" role="alert" id="errors">
          <p safe>{ctx.t(form as MessageKey)}</p>
        </div>
      ) : (
        ''
      )}
      <ErrorSummary ctx={ctx} fields={rest} />
    </>
  );
}

export function Notice({ text }: { text: string | undefined }): JSX.Element {
  if (!text) return '';
  return (
    <div class="banner banner-notice" role="status">
      <p safe>{text}</p>
    </div>
  );
}

/** A page of the signed-out area: title, optional intro, content. */
export function AuthPage({ ctx, title, intro, children }: { ctx: ViewContext; title: string; intro?: string | undefined; children?: JSX.Element }) {
  // The children are JSX this module built (escaped where it needed to be).
  const safeChildren = children ?? '';
  return AdminLayout({
    ctx,
    title,
    children: (
      <>
        <h1 safe>{title}</h1>
        {intro ? <p safe>{intro}</p> : ''}
        {safeChildren}
      </>
    ),
  });
}

export interface LoginView {
  csrf: string;
  next: string | undefined;
  email: string;
  fields: Record<string, string>;
  signedOut?: boolean;
}

export function LoginPage(ctx: ViewContext, v: LoginView) {
  return AuthPage({
    ctx,
    title: ctx.t('auth.login.title'),
    intro: ctx.t('auth.login.intro'),
    children: (
      <>
        <Notice text={v.signedOut ? ctx.t('auth.login.signed-out') : undefined} />
        <FormErrors ctx={ctx} fields={v.fields} />
        <form method="post" action="/admin/login" class="form">
          <CsrfField token={v.csrf} />
          <NextField next={v.next} />
          <Field
            ctx={ctx}
            name="email"
            label={ctx.t('auth.email')}
            type="email"
            value={attr(v.email)}
            autocomplete="username"
            error={v.fields.email}
            maxlength={254}
          />
          <Field ctx={ctx} name="password" label={ctx.t('auth.password')} type="password" autocomplete="current-password" error={v.fields.password} />
          <div>
            <button type="submit" safe>
              {ctx.t('auth.login.submit')}
            </button>
          </div>
        </form>
        <p>
          <a href="/admin/reset" safe>
            {ctx.t('auth.login.forgot')}
          </a>
        </p>
      </>
    ),
  });
}

export function CodePage(
  ctx: ViewContext,
  v: { csrf: string; next: string | undefined; fields: Record<string, string>; /** the passkey button, for accounts with one */ passkey?: JSX.Element },
) {
  const safePasskey = v.passkey ?? '';
  return AuthPage({
    ctx,
    title: ctx.t('auth.code.title'),
    intro: ctx.t('auth.code.intro'),
    children: (
      <>
        <FormErrors ctx={ctx} fields={v.fields} />
        <form method="post" action="/admin/login/code" class="form">
          <CsrfField token={v.csrf} />
          <NextField next={v.next} />
          <Field
            ctx={ctx}
            name="code"
            label={ctx.t('auth.code')}
            hint={ctx.t('auth.code.hint')}
            autocomplete="one-time-code"
            error={v.fields.code}
            maxlength={32}
          />
          <div>
            <button type="submit" safe>
              {ctx.t('auth.code.submit')}
            </button>
          </div>
        </form>
        {safePasskey}
        <p>
          <a href={withNext('/admin/login', v.next)} safe>
            {ctx.t('auth.code.restart')}
          </a>
        </p>
      </>
    ),
  });
}

export function SetupPage(ctx: ViewContext, v: { csrf: string; action: string; email: string; displayName: string; fields: Record<string, string> }) {
  return AuthPage({
    ctx,
    title: ctx.t('auth.setup.title'),
    intro: ctx.t('auth.setup.intro'),
    children: (
      <>
        <FormErrors ctx={ctx} fields={v.fields} />
        <form method="post" action={v.action} class="form">
          <CsrfField token={v.csrf} />
          <Field ctx={ctx} name="email" label={ctx.t('auth.email')} type="email" value={v.email} autocomplete="email" error={v.fields.email} maxlength={254} />
          <Field
            ctx={ctx}
            name="displayName"
            label={ctx.t('auth.name')}
            hint={ctx.t('auth.name.hint')}
            value={attr(v.displayName)}
            autocomplete="name"
            error={v.fields.displayName}
            maxlength={120}
          />
          <div>
            <button type="submit" safe>
              {ctx.t('auth.setup.submit')}
            </button>
          </div>
        </form>
      </>
    ),
  });
}

export interface EnrolView {
  csrf: string;
  action: string;
  displayName: string;
  email: string;
  secret: string;
  sealedSecret: string;
  /** the QR code as an <svg> element (made by the qrcode package, labelled by us) */
  qrSvg: string;
  fields: Record<string, string>;
}

export function EnrolPage(ctx: ViewContext, v: EnrolView) {
  return AuthPage({
    ctx,
    title: ctx.t('auth.enrol.title'),
    intro: ctx.t('auth.enrol.intro', { name: v.displayName }),
    children: (
      <>
        <FormErrors ctx={ctx} fields={v.fields} />
        <form method="post" action={v.action} class="form">
          <CsrfField token={v.csrf} />
          <input type="hidden" name="sealedSecret" value={v.sealedSecret} />
          <Field ctx={ctx} name="username" label={ctx.t('auth.enrol.account')} type="email" value={v.email} autocomplete="username" readonly required={false} />
          <h2 safe>{ctx.t('auth.enrol.step-app')}</h2>
          <p safe>{ctx.t('auth.enrol.app-text')}</p>
          <AuthenticatorKey label={ctx.t('auth.enrol.secret')} qrSvg={v.qrSvg} secret={v.secret} />
          <h2 safe>{ctx.t('auth.enrol.step-password')}</h2>
          <Field
            ctx={ctx}
            name="password"
            label={ctx.t('auth.password.new')}
            type="password"
            hint={ctx.t('auth.password.hint')}
            autocomplete="new-password"
            error={v.fields.password}
          />
          <Field ctx={ctx} name="confirm" label={ctx.t('auth.password.confirm')} type="password" autocomplete="new-password" error={v.fields.confirm} />
          <h2 safe>{ctx.t('auth.enrol.step-code')}</h2>
          <Field
            ctx={ctx}
            name="code"
            label={ctx.t('auth.code')}
            hint={ctx.t('auth.enrol.code-hint')}
            autocomplete="one-time-code"
            inputmode="numeric"
            error={v.fields.code}
            maxlength={12}
          />
          <div>
            <button type="submit" safe>
              {ctx.t('auth.enrol.submit')}
            </button>
          </div>
        </form>
      </>
    ),
  });
}

export function RecoveryCodesPage(ctx: ViewContext, codes: string[]) {
  return AuthPage({
    ctx,
    title: ctx.t('auth.recovery.title'),
    intro: ctx.t('auth.recovery.intro'),
    children: (
      <>
        <p>
          <strong safe>{ctx.t('auth.recovery.once')}</strong>
        </p>
        <ul class="codes" id="recovery-codes">
          {codes.map((c) => (
            <li>
              <code safe>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <a class="button" href="/admin/login" safe>
            {ctx.t('auth.recovery.continue')}
          </a>
        </p>
      </>
    ),
  });
}

export function ResetRequestPage(ctx: ViewContext, v: { csrf: string; sent: boolean }) {
  return AuthPage({
    ctx,
    title: ctx.t('auth.reset.title'),
    intro: v.sent ? undefined : ctx.t('auth.reset.intro'),
    children: v.sent ? (
      <>
        <Notice text={ctx.t('auth.reset.sent')} />
        <p>
          <a href="/admin/login" safe>
            {ctx.t('auth.back-to-signin')}
          </a>
        </p>
      </>
    ) : (
      <>
        <form method="post" action="/admin/reset" class="form">
          <CsrfField token={v.csrf} />
          <Field ctx={ctx} name="email" label={ctx.t('auth.email')} type="email" autocomplete="username" maxlength={254} />
          <div>
            <button type="submit" safe>
              {ctx.t('auth.reset.submit')}
            </button>
          </div>
        </form>
        <p>
          <a href="/admin/login" safe>
            {ctx.t('auth.back-to-signin')}
          </a>
        </p>
      </>
    ),
  });
}

export function NewPasswordPage(ctx: ViewContext, v: { csrf: string; action: string; fields: Record<string, string> }) {
  return AuthPage({
    ctx,
    title: ctx.t('auth.reset.new-title'),
    intro: ctx.t('auth.reset.new-intro'),
    children: (
      <>
        <FormErrors ctx={ctx} fields={v.fields} />
        <form method="post" action={v.action} class="form">
          <CsrfField token={v.csrf} />
          <Field
            ctx={ctx}
            name="password"
            label={ctx.t('auth.password.new')}
            type="password"
            hint={ctx.t('auth.password.hint')}
            autocomplete="new-password"
            error={v.fields.password}
          />
          <Field ctx={ctx} name="confirm" label={ctx.t('auth.password.confirm')} type="password" autocomplete="new-password" error={v.fields.confirm} />
          <div>
            <button type="submit" safe>
              {ctx.t('auth.reset.new-submit')}
            </button>
          </div>
        </form>
      </>
    ),
  });
}

export function ResetDonePage(ctx: ViewContext) {
  return AuthPage({
    ctx,
    title: ctx.t('auth.reset.new-title'),
    children: (
      <>
        <Notice text={ctx.t('auth.reset.done')} />
        <p>
          <a class="button" href="/admin/login" safe>
            {ctx.t('auth.signin')}
          </a>
        </p>
      </>
    ),
  });
}
