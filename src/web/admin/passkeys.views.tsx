import type { PasskeyView } from '../../core/accounts/passkeys.service.js';
import { asset } from '../assets.js';
import type { ViewContext } from '../views/context.js';
import { formatDateTime } from '../../i18n/format.js';
import { CsrfField, Field, withNext } from './auth.views.js';

/**
 * The passkey parts of the code page and the account page. Everything that needs the
 * script is rendered `hidden`; assets/passkeys.js (bundled from src/web/client/) shows it
 * when the browser can use passkeys. Without JavaScript the pages work with codes alone.
 */

const ZONE = 'Europe/Stockholm';

/** The one script of the workspace: external, deferred, allowed by `script-src 'self'`. */
export const PasskeyScript = (): JSX.Element => <script src={asset('passkeys.js')} defer></script>;

/** What the script needs to tell a page opened at another address than the one passkeys work on. */
export const originData = (ctx: ViewContext, origin: string) => ({
  'data-origin': origin,
  'data-wrong-origin': ctx.t('auth.passkey.wrong-origin', { origin }),
});

/** Below the code form: sign in with a passkey instead (only for accounts that have one). */
export function PasskeyLogin({ ctx, next, origin }: { ctx: ViewContext; next: string | undefined; origin: string }): JSX.Element {
  return (
    <>
      <div class="passkey" data-passkey-js hidden>
        <p safe>{ctx.t('auth.passkey.or')}</p>
        <button
          type="button"
          hidden
          data-passkey="login"
          data-options="/admin/login/passkey/options"
          data-verify={withNext('/admin/login/passkey', next)}
          data-failed={ctx.t('auth.passkey.failed')}
          data-status="passkey-status"
          {...originData(ctx, origin)}
          safe
        >
          {ctx.t('auth.passkey.signin')}
        </button>
        <p id="passkey-status" class="field-error" role="status"></p>
      </div>
      <PasskeyScript />
    </>
  );
}

/** The account page's section: the passkeys, removing one (a form), adding one (the script). */
export function PasskeysSection({
  ctx,
  passkeys,
  csrf,
  where,
}: {
  ctx: ViewContext;
  passkeys: PasskeyView[];
  csrf: string;
  /** the origin passkeys work on, and whether they can work there at all (not on an IP address) */
  where: { origin: string; usable: boolean };
}): JSX.Element {
  return (
    <>
      <h2 id="passkeys-title" safe>
        {ctx.t('auth.passkey.title')}
      </h2>
      <p safe>{ctx.t('auth.passkey.intro')}</p>
      {passkeys.length ? (
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
                <th scope="col" safe>
                  {ctx.t('auth.passkey.action')}
                </th>
              </tr>
            </thead>
            <tbody>
              {passkeys.map((k) => (
                <tr>
                  <th scope="row" safe>
                    {k.label}
                  </th>
                  <td safe>{formatDateTime(k.created_at, ctx.locale, ZONE)}</td>
                  <td safe>{k.last_used_at ? formatDateTime(k.last_used_at, ctx.locale, ZONE) : ctx.t('auth.passkey.never')}</td>
                  <td>
                    <form method="post" action={`/admin/account/passkeys/${k.id}/remove`} class="inline-form">
                      <CsrfField token={csrf} />
                      <button type="submit" aria-label={ctx.t('auth.passkey.remove-label', { label: k.label })} safe>
                        {ctx.t('auth.passkey.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p safe>{ctx.t('auth.passkey.none')}</p>
      )}
      <p class="hint" safe>
        {ctx.t('auth.passkey.reauth-note')}
      </p>
      {where.usable ? (
        <PasskeyAdd ctx={ctx} origin={where.origin} />
      ) : (
        <p class="hint" id="passkey-unusable" safe>
          {ctx.t('auth.passkey.origin-unusable', { origin: where.origin })}
        </p>
      )}
    </>
  );
}

/** Adding a passkey: a name, and the button the script shows. */
function PasskeyAdd({ ctx, origin }: { ctx: ViewContext; origin: string }): JSX.Element {
  return (
    <>
      <p class="hint" data-passkey-nojs safe>
        {ctx.t('auth.passkey.needs-js')}
      </p>
      {/* the hidden attribute on a wrapper: .form's display: grid would override it */}
      <div data-passkey-js hidden>
        <div class="form">
          <Field
            ctx={ctx}
            name="passkey-label"
            label={ctx.t('auth.passkey.label')}
            hint={ctx.t('auth.passkey.label-hint')}
            required={false}
            maxlength={60}
            autocomplete="off"
          />
          <div>
            <button
              type="button"
              hidden
              data-passkey="register"
              data-options="/admin/account/passkeys/options"
              data-verify="/admin/account/passkeys"
              data-failed={ctx.t('auth.passkey.add-failed')}
              data-status="passkey-status"
              data-label="passkey-label"
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

/** Where an account page action goes when it needs a fresh confirmation first. */
export const reauthPath = (next: string) => withNext('/admin/account/reauth', next);
