import type { EventDetail } from '../../core/events/events.schema.js';
import type { Availability, ManagedRegistration, RegistrationOutcome } from '../../core/registrations/registrations.schema.js';
import type { RegistrationForm } from '../../core/registrations/registrations.service.js';
import { formatRange, zoneName } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import { TextArea, TextInput, type Values } from '../admin/form-fields.js';
import { ErrorSummary } from '../admin/layout.js';
import { langAttr } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { Layout } from '../views/layout.js';

function seatsText(ctx: ViewContext, a: Availability): string {
  switch (a.state) {
    case 'open':
      if (a.seatsLeft === null) return ctx.t('registration.open-unlimited');
      return a.seatsLeft === 1 ? ctx.t('registration.seat-left') : ctx.t('registration.seats-left', { n: a.seatsLeft });
    case 'waitlist':
      return ctx.t('registration.waitlist-open');
    case 'full':
      return ctx.t('registration.full');
    case 'closed':
      return ctx.t('registration.closed');
    default:
      return '';
  }
}

/** The event page's registration box: seats left, or full with the waiting list open, and the link to the form. */
export function RegistrationBox({ ctx, slug, availability }: { ctx: ViewContext; slug: string; availability: Availability }): JSX.Element {
  if (availability.state === 'none') return '';
  const canRegister = availability.state === 'open' || availability.state === 'waitlist';
  return (
    <section class="registration-box" aria-labelledby="registration-title">
      <h2 id="registration-title" safe>
        {ctx.t('registration.heading')}
      </h2>
      <p class="seats" safe>
        {seatsText(ctx, availability)}
      </p>
      {canRegister ? (
        <p>
          <a class="button" href={ctx.href(`/events/${slug}/register`)} safe>
            {availability.state === 'waitlist' ? ctx.t('registration.waitlist-link') : ctx.t('registration.register-link')}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

function When({ ctx, startsAt, endsAt, timeZone }: { ctx: ViewContext; startsAt: string; endsAt: string; timeZone: string }): JSX.Element {
  return (
    <p>
      <time datetime={startsAt} safe>
        {formatRange(startsAt, endsAt, ctx.locale, timeZone)}
      </time>
      <span class="muted" safe>{` (${zoneName(startsAt, ctx.locale, timeZone)})`}</span>
    </p>
  );
}

/** The registration form: an address and a name or alias, the organiser's questions with their purpose, nothing else. */
export function RegisterPage({
  ctx,
  form,
  csrf,
  values,
  errors,
}: {
  ctx: ViewContext;
  form: RegistrationForm;
  csrf: string;
  values: Values;
  errors: Record<string, string>;
}): JSX.Element {
  const { event, settings, availability } = form;
  const lang = langAttr(ctx, event.lang);
  const open = availability.state === 'open' || availability.state === 'waitlist';
  const title = ctx.t('registration.form-title', { title: event.title });
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1 safe>{title}</h1>
      <When ctx={ctx} startsAt={event.startsAt} endsAt={event.endsAt} timeZone={event.timeZone} />
      <p class="seats" safe>
        {seatsText(ctx, availability)}
      </p>
      {errors.form && !open ? (
        <p class="banner banner-alert" role="alert" id="form" safe>
          {ctx.t(errors.form as MessageKey)}
        </p>
      ) : (
        ''
      )}
      {open ? (
        <form method="post" action={ctx.href(`/events/${event.slug}/register`)} class="form" novalidate>
          <ErrorSummary ctx={ctx} fields={errors} />
          {errors.form ? (
            <p class="field-error" id="form" safe>
              {ctx.t(errors.form as MessageKey)}
            </p>
          ) : (
            ''
          )}
          <p safe>{ctx.t('registration.form-intro')}</p>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="idem" value={String(values.idem ?? form.idempotencyKey)} />
          <TextInput
            ctx={ctx}
            name="email"
            type="email"
            autocomplete="email"
            label={ctx.t('registration.email')}
            hint={ctx.t('registration.email-hint')}
            values={values}
            errors={errors}
            required
            maxlength={254}
          />
          <TextInput
            ctx={ctx}
            name="name"
            autocomplete={settings.aliasAllowed ? 'nickname' : 'name'}
            label={settings.aliasAllowed ? ctx.t('registration.name-or-alias') : ctx.t('registration.name')}
            hint={settings.aliasAllowed ? ctx.t('registration.name-hint') : ctx.t('registration.name-hint-real')}
            values={values}
            errors={errors}
            required
            maxlength={100}
          />
          {settings.questions.map((q) => {
            const texts = (ctx.locale === 'sv' && q.texts.sv) || q.texts.en;
            const kept = q.retentionDays ? ctx.t('registration.question-kept', { days: q.retentionDays }) : ctx.t('registration.question-kept-end');
            return (
              <TextArea
                ctx={ctx}
                name={`q${q.id}`}
                label={q.required ? texts.label : `${texts.label} ${ctx.t('registration.optional')}`}
                hint={`${ctx.t('registration.question-purpose', { purpose: texts.purpose })} ${kept}`}
                values={values}
                errors={errors}
                required={q.required}
                rows={3}
                maxlength={1000}
              />
            );
          })}
          <p class="hint" safe>
            {ctx.t('registration.privacy', { days: form.retentionDays })}
          </p>
          <button type="submit" safe>
            {availability.state === 'waitlist' ? ctx.t('registration.submit-waitlist') : ctx.t('registration.submit')}
          </button>
        </form>
      ) : (
        ''
      )}
      <p>
        <a href={ctx.href(`/events/${event.slug}`)} lang={lang} safe>
          {ctx.t('registration.back-to-event')}
        </a>
      </p>
    </Layout>
  );
}

/** The answer right after registering: a seat or a place on the waiting list. */
export function RegisteredPage({ ctx, event, outcome }: { ctx: ViewContext; event: EventDetail; outcome: RegistrationOutcome }): JSX.Element {
  return (
    <Layout ctx={ctx} title={ctx.t('registration.done-title')} noindex mainAttrs={{ 'data-outcome': outcome.status }}>
      <h1 safe>{ctx.t('registration.done-title')}</h1>
      <p class="banner banner-notice" role="status" safe>
        {outcome.status === 'confirmed'
          ? ctx.t('registration.done-seat', { title: event.title })
          : ctx.t('registration.done-waitlist', { title: event.title, position: outcome.position ?? '' })}
      </p>
      <When ctx={ctx} startsAt={event.startsAt} endsAt={event.endsAt} timeZone={event.timeZone} />
      <p safe>{ctx.t('registration.done-mail')}</p>
      <p class="actions">
        <a href={ctx.href(`/events/${event.slug}.ics`)} safe>
          {ctx.t('registration.calendar')}
        </a>
        <a href={ctx.href(`/events/${event.slug}`)} safe>
          {ctx.t('registration.back-to-event')}
        </a>
      </p>
    </Layout>
  );
}

/** The private page behind the link in the mails: status, and a cancel button that is its own confirmation step. */
export function ManagePage({
  ctx,
  r,
  token,
  csrf,
  justCancelled,
}: {
  ctx: ViewContext;
  r: ManagedRegistration;
  token: string;
  csrf: string;
  justCancelled?: boolean;
}): JSX.Element {
  const heading = justCancelled ? ctx.t('registration.cancelled-title') : ctx.t('registration.manage-title');
  const status =
    r.status === 'confirmed'
      ? ctx.t('registration.manage-status-confirmed')
      : r.status === 'waitlisted'
        ? ctx.t('registration.manage-status-waitlisted', { position: r.position ?? '' })
        : ctx.t('registration.manage-status-cancelled');
  return (
    <Layout ctx={ctx} title={heading} noindex mainAttrs={{ 'data-status': r.status }}>
      <h1 safe>{heading}</h1>
      {justCancelled ? (
        <p class="banner banner-notice" role="status" safe>
          {ctx.t('registration.cancelled-text', { title: r.eventTitle })}
        </p>
      ) : (
        ''
      )}
      <h2 safe>{r.eventTitle}</h2>
      <When ctx={ctx} startsAt={r.startsAt} endsAt={r.endsAt} timeZone={r.timeZone} />
      <dl class="facts">
        <dt safe>{ctx.t('registration.manage-name')}</dt>
        <dd safe>{r.name}</dd>
      </dl>
      <p class="seats" safe>
        {status}
      </p>
      {r.cancellable ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title" safe>
            {ctx.t('registration.manage-cancel-title')}
          </h2>
          <p safe>{ctx.t('registration.manage-cancel-text')}</p>
          <form method="post" action={ctx.href(`/registration/${token}/cancel`)}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="danger" safe>
              {ctx.t('registration.manage-cancel')}
            </button>
          </form>
        </section>
      ) : r.status !== 'cancelled' ? (
        <p safe>{ctx.t('registration.manage-started')}</p>
      ) : (
        ''
      )}
      <p class="hint" safe>
        {ctx.t('registration.manage-private')}
      </p>
      <p class="actions">
        {r.status !== 'cancelled' ? (
          <a href={ctx.href(`/events/${r.eventSlug}.ics`)} safe>
            {ctx.t('registration.calendar')}
          </a>
        ) : (
          ''
        )}
        <a href={ctx.href(`/events/${r.eventSlug}`)} safe>
          {ctx.t('registration.back-to-event')}
        </a>
      </p>
    </Layout>
  );
}
