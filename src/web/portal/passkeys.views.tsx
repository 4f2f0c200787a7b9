import type { PortalPasskeyView } from '../../core/participation/portal-passkeys.service.js';
import { formatDateTime } from '../../i18n/format.js';
import { originData, PasskeyScript } from '../admin/passkeys.views.js';
import { TextInput, type Errors } from '../admin/form-fields.js';
import type { ViewContext } from '../views/context.js';
import { FormProblems, RadioGroup } from './fields.js';

/**
 * The portal's passkey parts: the second step's "use your passkey" and the account page's
 * section. What needs the script is rendered `hidden` and shown by assets/passkeys.js (the
 * staff pages' script); without JavaScript the pages say so and work with the app's codes.
 */

const ZONE = 'Europe/Stockholm';

/** Where passkeys work: PUBLIC_URL's origin, and whether they can work there at all. */
export interface PasskeyWhere {
  origin: string;
  usable: boolean;
}

/** A passkey's name as the participant gave it, or a neutral one. */
const nameOf = (ctx: ViewContext, k: PortalPasskeyView, i: number) => k.label || ctx.t('portal.passkey.unnamed', { n: i + 1 });

/** The second step's passkey button; `alone` when the participant has no app, so the page has nothing else to offer. */
export function PortalPasskeyLogin({ ctx, csrf, where, alone }: { ctx: ViewContext; csrf: string; where: PasskeyWhere; alone: boolean }): JSX.Element {
  return (
    <>
      {alone ? (
        <p class="hint" data-passkey-nojs safe>
          {ctx.t('portal.passkey.signin-needs-js')}
        </p>
      ) : (
        ''
      )}
      <div class="passkey" data-passkey-js hidden>
        <p safe>{ctx.t(alone ? 'portal.passkey.use' : 'portal.passkey.or')}</p>
        <input type="hidden" name="_csrf" value={csrf} />
        <button
          type="button"
          hidden
          data-passkey="login"
          data-options={ctx.href('/portal/login/passkey/options')}
          data-verify={ctx.href('/portal/login/passkey')}
          data-failed={ctx.t('portal.passkey.failed')}
          data-status="passkey-status"
          {...originData(ctx, where.origin)}
          safe
        >
          {ctx.t('portal.passkey.signin')}
        </button>
        <p id="passkey-status" class="field-error" role="status"></p>
      </div>
      <PasskeyScript />
    </>
  );
}

/** The account page's section: the participant's passkeys, removing one (a form, the passphrase again), adding one (the script). */
export function PortalPasskeysSection({
  ctx,
  csrf,
  passkeys,
  where,
  totp,
  errors,
}: {
  ctx: ViewContext;
  csrf: string;
  passkeys: PortalPasskeyView[];
  where: PasskeyWhere;
  /** whether the authenticator app is on (else a lost passkey device means no way in) */
  totp: boolean;
  errors: Errors;
}): JSX.Element {
  return (
    <>
      <h2 id="passkeys-title" safe>
        {ctx.t('auth.passkey.title')}
      </h2>
      <p safe>{ctx.t('portal.passkey.intro')}</p>
      {totp ? '' : <p safe>{ctx.t('portal.passkey.only-factor')}</p>}
      {passkeys.length ? (
        <>
          <div class="table-wrap">
            <table aria-labelledby="passkeys-title">
              <thead>
                <tr>
                  <th scope="col" safe>
                    {ctx.t('auth.passkey.name')}
                  </th>
                  <th scope="col" safe>
                    {ctx.t('auth.passkey.added')}
                  </th>
                  <th scope="col" safe>
                    {ctx.t('auth.passkey.last-used')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {passkeys.map((k, i) => (
                  <tr>
                    <th scope="row" safe>
                      {nameOf(ctx, k, i)}
                    </th>
                    <td safe>{formatDateTime(k.created_at, ctx.locale, ZONE)}</td>
                    <td safe>{k.last_used_at ? formatDateTime(k.last_used_at, ctx.locale, ZONE) : ctx.t('auth.passkey.never')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="post" action={ctx.href('/portal/account/passkeys/remove')} class="form" novalidate>
            <FormProblems ctx={ctx} errors={errors} />
            <input type="hidden" name="_csrf" value={csrf} />
            <RadioGroup
              ctx={ctx}
              name="passkey"
              label={ctx.t('portal.passkey.which')}
              values={passkeys.length === 1 ? { passkey: String(passkeys[0]?.id) } : {}}
              errors={errors}
              options={passkeys.map((k, i) => ({ value: String(k.id), label: nameOf(ctx, k, i) }))}
            />
            <PassphraseInput ctx={ctx} name="remove_passphrase" errors={errors} />
            <p>
              <button type="submit" safe>
                {ctx.t('portal.passkey.remove')}
              </button>
            </p>
          </form>
        </>
      ) : (
        <p safe>{ctx.t('auth.passkey.none')}</p>
      )}
      {where.usable ? (
        <PasskeyAdd ctx={ctx} origin={where.origin} />
      ) : (
        <p class="hint" id="passkey-unusable" safe>
          {ctx.t('portal.passkey.origin-unusable', { origin: where.origin })}
        </p>
      )}
    </>
  );
}

/** The participant's passphrase again, asked before a change to how they sign in. */
export const PassphraseInput = ({ ctx, name, errors }: { ctx: ViewContext; name: string; errors: Errors }) => (
  <TextInput
    ctx={ctx}
    name={name}
    type="password"
    label={ctx.t('portal.factor.passphrase')}
    autocomplete="current-password"
    values={{}}
    value=""
    errors={errors}
    required
    maxlength={128}
  />
);

/** Adding a passkey: a name, the passphrase, and the button the script shows. */
function PasskeyAdd({ ctx, origin }: { ctx: ViewContext; origin: string }): JSX.Element {
  return (
    <>
      <p class="hint" data-passkey-nojs safe>
        {ctx.t('portal.passkey.needs-js')}
      </p>
      {/* the hidden attribute on a wrapper: .form's display: grid would override it */}
      <div data-passkey-js hidden>
        <h3 safe>{ctx.t('auth.passkey.add')}</h3>
        <div class="form">
          <TextInput
            ctx={ctx}
            name="passkey-label"
            label={ctx.t('auth.passkey.label')}
            hint={ctx.t('portal.passkey.label-hint')}
            values={{}}
            value=""
            errors={{}}
            maxlength={60}
          />
          <PassphraseInput ctx={ctx} name="passkey-passphrase" errors={{}} />
          <div>
            <button
              type="button"
              hidden
              data-passkey="register"
              data-options={ctx.href('/portal/account/passkeys/options')}
              data-verify={ctx.href('/portal/account/passkeys')}
              data-failed={ctx.t('portal.passkey.add-failed')}
              data-status="passkey-status"
              data-label="passkey-label"
              data-passphrase="passkey-passphrase"
              {...originData(ctx, origin)}
              safe
            >
              {ctx.t('auth.passkey.add')}
            </button>
          </div>
          <p id="passkey-status" class="field-error" role="status"></p>
        </div>
      </div>
      <PasskeyScript />
    </>
  );
}
