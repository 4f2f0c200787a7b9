import { INVITATION_CODE_LENGTH, SIGN_IN_WORD_MAX, type InvitationOffer } from '../../core/participation/participation.schema.js';
import { formatDate } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import { TextInput, type Errors, type Values } from '../admin/form-fields.js';
import { attr } from '../views/attr.js';
import type { ViewContext } from '../views/context.js';
import { FormProblems } from './fields.js';
import { PortalLayout } from './layout.js';

/**
 * The page behind an invitation link: what the invitation is for, that the link works once,
 * and the form that binds it to a sign-in name and passphrase.
 */
export function AcceptPage({
  ctx,
  offer,
  token,
  csrf,
  values,
  errors,
}: {
  ctx: ViewContext;
  offer: InvitationOffer;
  token: string;
  csrf: string;
  values: Values;
  errors: Errors;
}): JSX.Element {
  const title = ctx.t('portal.invitation.title');
  return (
    <PortalLayout ctx={ctx} title={title} mainAttrs={{ 'data-page': 'accept' }}>
      <h1 safe>{title}</h1>
      <p class="lead" safe>
        {ctx.t('portal.invitation.offer', { year: offer.editionYear, role: ctx.t(`portal.role.${offer.role}` as MessageKey) })}
      </p>
      <p safe>{ctx.t('portal.invitation.once')}</p>
      <p safe>{ctx.t('portal.invitation.until', { date: formatDate(offer.expiresAt, ctx.locale, 'UTC') })}</p>
      <form method="post" action={attr(ctx.href(`/invitation/${token}`))} class="form" novalidate>
        <FormProblems ctx={ctx} errors={errors} />
        <input type="hidden" name="_csrf" value={csrf} />
        {offer.needsCode ? (
          <TextInput
            ctx={ctx}
            name="code"
            label={ctx.t('portal.invitation.code')}
            hint={ctx.t('portal.invitation.code-hint')}
            autocomplete="off"
            values={{}}
            value=""
            errors={errors}
            required
            maxlength={INVITATION_CODE_LENGTH + 4}
          />
        ) : (
          ''
        )}
        <TextInput
          ctx={ctx}
          name="sign_in"
          label={ctx.t('portal.invitation.sign-in')}
          hint={ctx.t('portal.invitation.sign-in-hint')}
          autocomplete="off"
          values={values}
          errors={errors}
          required
          maxlength={SIGN_IN_WORD_MAX}
        />
        <TextInput
          ctx={ctx}
          name="display_name"
          label={ctx.t('portal.invitation.display-name')}
          hint={ctx.t('portal.invitation.display-name-hint')}
          autocomplete="nickname"
          values={values}
          errors={errors}
          required
          maxlength={60}
        />
        <TextInput
          ctx={ctx}
          name="passphrase"
          type="password"
          label={ctx.t('portal.invitation.passphrase')}
          hint={ctx.t('portal.invitation.passphrase-hint')}
          autocomplete="new-password"
          values={{}}
          value=""
          errors={errors}
          required
          maxlength={128}
        />
        <TextInput
          ctx={ctx}
          name="passphrase_again"
          type="password"
          label={ctx.t('portal.invitation.passphrase-again')}
          hint={ctx.t('portal.invitation.passphrase-again-hint')}
          autocomplete="new-password"
          values={{}}
          value=""
          errors={errors}
          required
          maxlength={128}
        />
        <p>
          <button type="submit" safe>
            {ctx.t('portal.invitation.submit')}
          </button>
        </p>
      </form>
    </PortalLayout>
  );
}

/**
 * The answer to accepting: the sign-in name the service made (the word chosen, a dash and
 * random characters), shown this once. The participant is signed in already.
 */
export function AcceptedPage({ ctx, signIn }: { ctx: ViewContext; signIn: string }): JSX.Element {
  const title = ctx.t('portal.accepted.title');
  return (
    <PortalLayout ctx={ctx} title={title} languageSwitch={false} mainAttrs={{ 'data-page': 'accepted' }}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('portal.accepted.intro')}</p>
      <p>
        <output id="sign-in-name" class="secret" safe>
          {signIn}
        </output>
      </p>
      <p role="alert" class="banner banner-alert" safe>
        {ctx.t('portal.accepted.keep')}
      </p>
      <p>
        <a href={attr(ctx.href('/portal'))} safe>
          {ctx.t('portal.accepted.continue')}
        </a>
      </p>
    </PortalLayout>
  );
}

/**
 * One neutral answer for every link that cannot be used: unknown, used, expired or withdrawn.
 * It does not repeat the link (no language switch to the same address): whatever was sent
 * in the address stays out of the page.
 */
export function UnusableLinkPage({ ctx }: { ctx: ViewContext }): JSX.Element {
  const title = ctx.t('portal.invitation.unusable-title');
  return (
    <PortalLayout ctx={ctx} title={title} languageSwitch={false} mainAttrs={{ 'data-page': 'link-unusable' }}>
      <h1 safe>{title}</h1>
      <p role="alert" class="banner banner-alert" safe>
        {ctx.t('participation.link-unusable')}
      </p>
    </PortalLayout>
  );
}
