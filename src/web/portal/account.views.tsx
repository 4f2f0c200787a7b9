import type { FactorStatus } from '../../core/participation/portal-factors.service.js';
import { Notice, TextInput, type Errors } from '../admin/form-fields.js';
import type { ViewContext } from '../views/context.js';
import { AuthenticatorKey } from '../views/components.js';
import { FormProblems } from './fields.js';
import { PortalLayout } from './layout.js';
import { PassphraseInput, PortalPasskeyLogin, PortalPasskeysSection, type PasskeyWhere } from './passkeys.views.js';
import type { PortalPasskeyView } from '../../core/participation/portal-passkeys.service.js';

/**
 * The portal's sign-in security: the second step of signing in, and adding or removing the
 * authenticator app (all without JavaScript) and passkeys (adding one needs JavaScript).
 */

const CodeInput = ({ ctx, name, label, errors, hint }: { ctx: ViewContext; name: string; label: string; errors: Errors; hint?: string }) => (
  <TextInput
    ctx={ctx}
    name={name}
    label={label}
    hint={hint}
    autocomplete="one-time-code"
    inputmode="text"
    values={{}}
    value=""
    errors={errors}
    required
    maxlength={64}
  />
);

/**
 * The second step of signing in: the app's code (when the app is on) and "use your passkey"
 * (when the participant has one; shown by the script).
 */
export function CodePage({
  ctx,
  csrf,
  errors,
  totp,
  passkey,
}: {
  ctx: ViewContext;
  csrf: string;
  errors: Errors;
  totp: boolean;
  passkey: PasskeyWhere | undefined;
}): JSX.Element {
  const title = ctx.t(totp ? 'portal.code.title' : 'portal.passkey.signin');
  return (
    <PortalLayout ctx={ctx} title={title} mainAttrs={{ 'data-page': 'login-code' }}>
      <h1 safe>{title}</h1>
      {totp ? (
        <>
          <p safe>{ctx.t('portal.code.intro')}</p>
          <form method="post" action={ctx.href('/portal/login/code')} class="form" novalidate>
            <FormProblems ctx={ctx} errors={errors} />
            <input type="hidden" name="_csrf" value={csrf} />
            <CodeInput ctx={ctx} name="code" label={ctx.t('portal.code.label')} hint={ctx.t('portal.code.hint')} errors={errors} />
            <p>
              <button type="submit" safe>
                {ctx.t('portal.code.submit')}
              </button>
            </p>
          </form>
        </>
      ) : (
        ''
      )}
      {passkey ? <PortalPasskeyLogin ctx={ctx} csrf={csrf} where={passkey} alone={!totp} /> : ''}
      <p>
        <a href={ctx.href('/portal/login')} safe>
          {ctx.t('portal.code.restart')}
        </a>
      </p>
    </PortalLayout>
  );
}

/** The account page's notices after a change (?done=…). */
const NOTICES = { removed: 'portal.factor.removed', 'passkey-added': 'portal.passkey.added-done', 'passkey-removed': 'portal.passkey.removed-done' } as const;

export interface AddTotp {
  secret: string;
  sealedSecret: string;
  /** the QR code as an <svg> element (qrcode package, labelled) */
  qrSvg: string;
}

export function AccountPage({
  ctx,
  csrf,
  status,
  add,
  errors,
  done,
  passkeys,
}: {
  ctx: ViewContext;
  csrf: string;
  status: FactorStatus;
  add: AddTotp | undefined;
  errors: Errors;
  done: string;
  passkeys: { list: PortalPasskeyView[]; where: PasskeyWhere; errors: Errors };
}): JSX.Element {
  const title = ctx.t('portal.account.title');
  return (
    <PortalLayout ctx={ctx} title={title} signedIn={{ csrf }} mainAttrs={{ 'data-page': 'account' }}>
      <h1 safe>{title}</h1>
      <Notice text={done in NOTICES ? ctx.t(NOTICES[done as keyof typeof NOTICES]) : undefined} />
      <h2 id="factor-title" safe>
        {ctx.t('portal.factor.title')}
      </h2>
      <p safe>{ctx.t('portal.factor.intro')}</p>
      {status.totp ? (
        <>
          <p id="factor-on" safe>
            {ctx.t('portal.factor.on', { count: status.recoveryLeft })}
          </p>
          <p safe>{ctx.t('portal.factor.remove-intro')}</p>
          <form method="post" action={ctx.href('/portal/account/totp/remove')} class="form" novalidate>
            <FormProblems ctx={ctx} errors={errors} />
            <input type="hidden" name="_csrf" value={csrf} />
            <PassphraseInput ctx={ctx} name="passphrase" errors={errors} />
            <p>
              <button type="submit" safe>
                {ctx.t('portal.factor.remove')}
              </button>
            </p>
          </form>
        </>
      ) : add ? (
        <form method="post" action={ctx.href('/portal/account/totp')} class="form" novalidate>
          <FormProblems ctx={ctx} errors={errors} />
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="sealedSecret" value={add.sealedSecret} />
          <h3 safe>{ctx.t('portal.factor.step-app')}</h3>
          <AuthenticatorKey label={ctx.t('portal.factor.key')} qrSvg={add.qrSvg} secret={add.secret} />
          <h3 safe>{ctx.t('portal.factor.step-confirm')}</h3>
          <CodeInput ctx={ctx} name="code" label={ctx.t('portal.factor.code')} errors={errors} />
          <PassphraseInput ctx={ctx} name="passphrase" errors={errors} />
          <p>
            <button type="submit" safe>
              {ctx.t('portal.factor.add')}
            </button>
          </p>
        </form>
      ) : (
        ''
      )}
      <PortalPasskeysSection ctx={ctx} csrf={csrf} passkeys={passkeys.list} where={passkeys.where} totp={status.totp} errors={passkeys.errors} />
    </PortalLayout>
  );
}

/** Shown once, right after the app was turned on. */
export function RecoveryCodesPage({ ctx, csrf, codes }: { ctx: ViewContext; csrf: string; codes: string[] }): JSX.Element {
  const title = ctx.t('portal.factor.codes-title');
  return (
    <PortalLayout ctx={ctx} title={title} signedIn={{ csrf }} mainAttrs={{ 'data-page': 'recovery-codes' }}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('portal.factor.codes-intro')}</p>
      <ul class="recovery-codes">
        {codes.map((c) => (
          <li>
            <code safe>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href={ctx.href('/portal/account')} safe>
          {ctx.t('portal.factor.continue')}
        </a>
      </p>
    </PortalLayout>
  );
}
