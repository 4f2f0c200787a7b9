import type { PortalParticipant } from '../../core/participation/participation.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import { Notice, TextInput, type Errors, type Values } from '../admin/form-fields.js';
import type { ViewContext } from '../views/context.js';
import { dateFormat } from '../public/conference.views.js';
import { deletionDay, FormProblems } from './fields.js';
import { PortalLayout } from './layout.js';

/** The sign-in page and the portal's overview. */

export function LoginPage({
  ctx,
  csrf,
  values,
  errors,
  signedOut,
}: {
  ctx: ViewContext;
  csrf: string;
  values: Values;
  errors: Errors;
  signedOut: boolean;
}): JSX.Element {
  const title = ctx.t('portal.login.title');
  return (
    <PortalLayout ctx={ctx} title={title} mainAttrs={{ 'data-page': 'login' }}>
      <h1 safe>{title}</h1>
      <Notice text={signedOut ? ctx.t('portal.login.signed-out') : undefined} />
      <p safe>{ctx.t('portal.login.intro')}</p>
      <form method="post" action={ctx.href('/portal/login')} class="form" novalidate>
        <FormProblems ctx={ctx} errors={errors} />
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput
          ctx={ctx}
          name="sign_in"
          label={ctx.t('portal.login.sign-in')}
          autocomplete="username"
          values={values}
          errors={errors}
          required
          maxlength={64}
        />
        <TextInput
          ctx={ctx}
          name="passphrase"
          type="password"
          label={ctx.t('portal.login.passphrase')}
          autocomplete="current-password"
          values={{}}
          value=""
          errors={errors}
          required
          maxlength={128}
        />
        <p>
          <button type="submit" safe>
            {ctx.t('portal.login.submit')}
          </button>
        </p>
      </form>
    </PortalLayout>
  );
}

export interface Overview {
  displayName: string;
  picks: number;
  calendar: boolean;
  retentionDays: number;
  editionEndsOn: string | null;
  /** unknown browsers failed to sign in with this participant's name many times lately */
  strangerFailures: boolean;
}

export function OverviewPage({ ctx, csrf, p, o }: { ctx: ViewContext; csrf: string; p: PortalParticipant; o: Overview }): JSX.Element {
  const title = ctx.t('portal.overview.title');
  const deletion = deletionDay(o.editionEndsOn, o.retentionDays);
  return (
    <PortalLayout ctx={ctx} title={title} signedIn={{ csrf }} mainAttrs={{ 'data-page': 'overview' }}>
      <h1 safe>{title}</h1>
      <Notice text={o.strangerFailures ? ctx.t('portal.overview.stranger-failures') : undefined} />
      <p class="lead" safe>
        {ctx.t('portal.overview.welcome', { name: o.displayName })}
      </p>
      <dl class="facts">
        <dt safe>{ctx.t('portal.overview.conference')}</dt>
        <dd safe>{String(p.editionYear)}</dd>
        <dt safe>{ctx.t('portal.overview.role')}</dt>
        <dd safe>{ctx.t(`portal.role.${p.role}` as MessageKey)}</dd>
        <dt safe>{ctx.t('portal.overview.display-name')}</dt>
        <dd safe>{o.displayName}</dd>
      </dl>
      <section aria-labelledby="details-title">
        <h2 id="details-title" safe>
          {ctx.t('portal.overview.details-title')}
        </h2>
        <p safe>{ctx.t('portal.overview.details-text')}</p>
        <p>
          <a href={ctx.href('/portal/profile')} safe>
            {ctx.t('portal.overview.details-link')}
          </a>
        </p>
      </section>
      <section aria-labelledby="programme-title">
        <h2 id="programme-title" safe>
          {ctx.t('portal.overview.programme-title')}
        </h2>
        <p class={o.picks ? undefined : 'empty'} safe>
          {o.picks === 0
            ? ctx.t('portal.overview.programme-none')
            : o.picks === 1
              ? ctx.t('portal.overview.programme-one')
              : ctx.t('portal.overview.programme-count', { count: o.picks })}
        </p>
        <p>
          <a href={ctx.href('/portal/programme')} safe>
            {ctx.t('portal.overview.programme-link')}
          </a>
        </p>
      </section>
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title" safe>
          {ctx.t('portal.overview.calendar-title')}
        </h2>
        <p safe>{o.calendar ? ctx.t('portal.overview.calendar-on') : ctx.t('portal.overview.calendar-off')}</p>
        <p>
          <a href={ctx.href('/portal/calendar')} safe>
            {ctx.t('portal.overview.calendar-link')}
          </a>
        </p>
      </section>
      <p class="hint" safe>
        {deletion
          ? ctx.t('portal.overview.deletion', { date: dateFormat(ctx.locale, false).format(deletion) })
          : ctx.t('portal.overview.deletion-after', { days: o.retentionDays })}
      </p>
    </PortalLayout>
  );
}
