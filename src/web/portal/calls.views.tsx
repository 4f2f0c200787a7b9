import { countryCodes } from '../../core/award/award.schema.js';
import type { CallSummary } from '../../core/participation/participation.schema.js';
import { countryName, formatDate } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import { Select, TextArea, TextInput, type Errors, type Values } from '../admin/form-fields.js';
import { attr } from '../views/attr.js';
import { langAttr, Paragraphs } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { Layout } from '../views/layout.js';
import { FormProblems, whyAndWhen } from './fields.js';

/** Open calls: the list, a call with its form, and the answer after applying. */

/** The deadline is the end of a day, UTC (see parseCallForm): shown as that day. */
const deadlineDay = (ctx: ViewContext, c: CallSummary) => formatDate(c.deadline, ctx.locale, 'UTC');
const roleOf = (ctx: ViewContext, c: CallSummary) => ctx.t(`portal.role.${c.role}` as MessageKey);

export function CallsPage({ ctx, calls }: { ctx: ViewContext; calls: CallSummary[] }): JSX.Element {
  const title = ctx.t('calls.title');
  return (
    <Layout ctx={ctx} title={title} description={ctx.t('calls.intro')}>
      <h1 safe>{title}</h1>
      <p safe>{ctx.t('calls.intro')}</p>
      {calls.length ? (
        <ul class="cards">
          {calls.map((c) => (
            <li>
              <article class="card">
                <div class="card-body">
                  <h2 class="card-title" lang={langAttr(ctx, c.lang)}>
                    <a href={ctx.href(`/calls/${c.id}`)} safe>
                      {c.title}
                    </a>
                  </h2>
                  <p class="when" safe>
                    {[ctx.t('calls.edition', { year: c.editionYear }), ctx.t('calls.role', { role: roleOf(ctx, c) })].join(' · ')}
                  </p>
                  <p safe>{ctx.t('calls.deadline', { date: deadlineDay(ctx, c) })}</p>
                </div>
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty" safe>
          {ctx.t('calls.none')}
        </p>
      )}
    </Layout>
  );
}

export function CallPage({
  ctx,
  call,
  idempotencyKey,
  csrf,
  values,
  errors,
  retentionDays,
}: {
  ctx: ViewContext;
  call: CallSummary;
  idempotencyKey: string;
  csrf: string;
  values: Values;
  errors: Errors;
  retentionDays: number;
}): JSX.Element {
  const lang = langAttr(ctx, call.lang);
  const when = ctx.t('calls.deleted', { days: retentionDays, year: call.editionYear });
  const hint = (key: MessageKey) => whyAndWhen(ctx.t(key), when);
  const common = { ctx, values, errors };
  const countries = countryCodes.map((c) => ({ value: c, label: countryName(c, ctx.locale) })).sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  const key = typeof values.idempotency_key === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(values.idempotency_key) ? values.idempotency_key : idempotencyKey;
  return (
    <Layout ctx={ctx} title={call.title} noindex mainAttrs={{ 'data-accepting': call.accepting ? 'true' : 'false' }}>
      <p class="kicker">
        <a href={ctx.href('/calls')} safe>
          {ctx.t('calls.title')}
        </a>
      </p>
      <h1 lang={lang} safe>
        {call.title}
      </h1>
      <p class="when" safe>
        {[ctx.t('calls.edition', { year: call.editionYear }), ctx.t('calls.role', { role: roleOf(ctx, call) })].join(' · ')}
      </p>
      <p safe>{ctx.t('calls.deadline', { date: deadlineDay(ctx, call) })}</p>
      {call.body ? <Paragraphs text={call.body} lang={lang} /> : ''}
      {call.accepting ? (
        <section aria-labelledby="apply-title">
          <h2 id="apply-title" safe>
            {ctx.t('calls.form-title')}
          </h2>
          <form method="post" action={ctx.href(`/calls/${call.id}`)} class="form" novalidate>
            <FormProblems ctx={ctx} errors={errors} />
            <p safe>{ctx.t('calls.form-intro')}</p>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="idempotency_key" value={attr(key)} />
            <TextInput {...common} name="name" label={ctx.t('calls.name')} hint={hint('calls.name-why')} autocomplete="nickname" required maxlength={100} />
            <TextInput
              {...common}
              name="email"
              type="email"
              label={ctx.t('calls.email')}
              hint={hint('calls.email-why')}
              autocomplete="email"
              required
              maxlength={254}
            />
            <Select
              {...common}
              name="country"
              label={ctx.t('calls.country')}
              hint={hint('calls.country-why')}
              empty={ctx.t('calls.country-none')}
              options={countries}
            />
            <TextInput {...common} name="organisation" label={ctx.t('calls.organisation')} hint={hint('calls.organisation-why')} maxlength={100} />
            <TextArea {...common} name="motivation" label={ctx.t('calls.motivation')} hint={hint('calls.motivation-why')} required rows={6} maxlength={3000} />
            <p>
              <button type="submit" safe>
                {ctx.t('calls.submit')}
              </button>
            </p>
          </form>
        </section>
      ) : (
        <p class="banner banner-alert" id="form" safe>
          {ctx.t('calls.closed')}
        </p>
      )}
      <p>
        <a href={ctx.href('/calls')} safe>
          {ctx.t('calls.back')}
        </a>
      </p>
    </Layout>
  );
}

export function AppliedPage({ ctx, call, retentionDays }: { ctx: ViewContext; call: CallSummary; retentionDays: number }): JSX.Element {
  const title = ctx.t('calls.thanks-title');
  return (
    <Layout ctx={ctx} title={title} noindex mainAttrs={{ 'data-page': 'applied' }}>
      <h1 safe>{title}</h1>
      <p class="banner banner-notice" role="status" safe>
        {ctx.t('calls.thanks')}
      </p>
      <p safe>{ctx.t('calls.thanks-next', { date: deadlineDay(ctx, call) })}</p>
      <p safe>{ctx.t('calls.thanks-deletion', { days: retentionDays, year: call.editionYear })}</p>
      <p>
        <a href={ctx.href('/calls')} safe>
          {ctx.t('calls.back')}
        </a>
      </p>
    </Layout>
  );
}
