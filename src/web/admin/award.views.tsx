import type { Principal } from '../../core/accounts/accounts.schema.js';
import { AWARD_LIMITS, countryCodes, type AdminRecipient, type AdminRecipientRow } from '../../core/award/award.schema.js';
import { countryName, formatBytes } from '../../i18n/format.js';
import { attr } from '../views/attr.js';
import type { ViewContext } from '../views/context.js';
import { IMAGE_ACCEPT } from './event-panels.views.js';
import { ActionForm, Csrf, FileInput, Notice, Select, TextArea, TextInput, type Errors, type Values, LanguageFieldset } from './form-fields.js';
import { AdminLayout, ErrorSummary, FieldError } from './layout.js';

/** The workspace's pages of the award: the recipients by year, and a recipient's form with its status, photo and report. */

export const awardBase = (year: number) => `/admin/award/${year}`;

export function AwardListPage(p: { ctx: ViewContext; principal: Principal; csrf: string; rows: AdminRecipientRow[] }): JSX.Element {
  const { ctx } = p;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('award.admin.title')} principal={p.principal} csrf={p.csrf}>
      <h1 safe>{ctx.t('award.admin.title')}</h1>
      <p safe>{ctx.t('award.admin.intro')}</p>
      <p>
        <a class="button" href="/admin/award/new" safe>
          {ctx.t('award.admin.new')}
        </a>
      </p>
      {p.rows.length ? (
        <div class="table-wrap">
          <table>
            <caption safe>{ctx.t('award.admin.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {ctx.t('award.admin.col.year')}
                </th>
                <th scope="col" safe>
                  {ctx.t('award.admin.col.name')}
                </th>
                <th scope="col" safe>
                  {ctx.t('award.admin.col.country')}
                </th>
                <th scope="col" safe>
                  {ctx.t('award.admin.col.status')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td safe>{String(r.year)}</td>
                  <td>
                    <a href={awardBase(r.year)} safe>
                      {r.name}
                    </a>
                  </td>
                  <td safe>{countryName(r.countryCode, ctx.locale)}</td>
                  <td safe>{ctx.t(`award.status.${r.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty" safe>
          {ctx.t('award.admin.empty')}
        </p>
      )}
    </AdminLayout>
  );
}

function LanguageColumn({ ctx, locale, values, errors }: { ctx: ViewContext; locale: 'en' | 'sv'; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors, lang: locale };
  return (
    <LanguageFieldset ctx={ctx} locale={locale} hint={ctx.t('award.field.swedish-hint')}>
      <TextArea
        {...common}
        name={`motivation_${locale}`}
        label={ctx.t('award.field.motivation') + (locale === 'en' ? ' *' : '')}
        rows={8}
        maxlength={AWARD_LIMITS.motivation}
        required={locale === 'en'}
      />
      <TextArea
        {...common}
        name={`ceremony_${locale}`}
        label={ctx.t('award.field.ceremony')}
        hint={locale === 'en' ? ctx.t('award.field.ceremony-hint') : undefined}
        rows={4}
        maxlength={AWARD_LIMITS.ceremony}
      />
    </LanguageFieldset>
  );
}

function MainForm({
  ctx,
  recipient,
  csrf,
  values,
  errors,
}: {
  ctx: ViewContext;
  recipient?: AdminRecipient | undefined;
  csrf: string;
  values: Values;
  errors: Errors;
}): JSX.Element {
  const common = { ctx, values, errors };
  const countries = countryCodes.map((c) => ({ value: c, label: countryName(c, ctx.locale) })).sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  return (
    <form method="post" action={recipient ? awardBase(recipient.year) : '/admin/award/new'} class="form wide award-form" novalidate>
      <Csrf token={csrf} />
      <p class="hint" safe>
        {ctx.t('ae.event.required')}
      </p>
      <fieldset>
        <legend safe>{ctx.t('award.admin.recipient')}</legend>
        <TextInput
          {...common}
          name="year"
          label={`${ctx.t('award.field.year')} *`}
          hint={ctx.t('award.field.year-hint')}
          maxlength={4}
          inputmode="numeric"
          required
        />
        <TextInput
          {...common}
          name="name"
          label={`${ctx.t('award.field.name')} *`}
          hint={ctx.t('award.field.name-hint')}
          maxlength={AWARD_LIMITS.name}
          required
        />
        <Select
          {...common}
          name="country_code"
          label={`${ctx.t('award.field.country')} *`}
          options={countries}
          empty={ctx.t('award.field.country-choose')}
          required
        />
        <TextInput
          {...common}
          name="organisation"
          label={ctx.t('award.field.organisation')}
          hint={ctx.t('award.field.organisation-hint')}
          maxlength={AWARD_LIMITS.organisation}
        />
        <TextInput
          {...common}
          name="edition_year"
          label={ctx.t('award.field.edition')}
          hint={ctx.t('award.field.edition-hint')}
          maxlength={4}
          inputmode="numeric"
        />
      </fieldset>
      <div class="lang-columns">
        <LanguageColumn ctx={ctx} locale="en" values={values} errors={errors} />
        <LanguageColumn ctx={ctx} locale="sv" values={values} errors={errors} />
      </div>
      <p>
        <button type="submit" safe>
          {recipient ? ctx.t('admin.form.save') : ctx.t('award.admin.create')}
        </button>
      </p>
    </form>
  );
}

function Status({ ctx, recipient: r, csrf, errors }: { ctx: ViewContext; recipient: AdminRecipient; csrf: string; errors: Errors }): JSX.Element {
  const base = awardBase(r.year);
  const published = r.status === 'published';
  return (
    <section class="panel award-panel" aria-labelledby="status-title">
      <h2 id="status-title" safe>
        {ctx.t('award.state.title')}
      </h2>
      <p>
        <strong safe>{ctx.t('award.state.now', { status: ctx.t(`award.status.${r.status}`) })}</strong>{' '}
        <span safe>{ctx.t(published ? 'award.state.public-yes' : 'award.state.public-no')}</span>
      </p>
      <FieldError ctx={ctx} id="publish" error={errors.publish} />
      <div class="actions" id="publish">
        <a href={`${base}/preview`} safe>
          {ctx.t('ae.preview')}
        </a>
        {published ? (
          <a href={`/award/${r.year}`} safe>
            {ctx.t('ae.view-public')}
          </a>
        ) : (
          ''
        )}
        {published ? (
          <ActionForm action={`${base}/unpublish`} csrf={csrf} label={ctx.t('award.state.unpublish')} cls="secondary" />
        ) : (
          <ActionForm action={`${base}/publish`} csrf={csrf} label={ctx.t('award.state.publish')} />
        )}
      </div>
    </section>
  );
}

function Photo({
  ctx,
  recipient: r,
  csrf,
  values,
  errors,
}: {
  ctx: ViewContext;
  recipient: AdminRecipient;
  csrf: string;
  values: Values;
  errors: Errors;
}): JSX.Element {
  const photo = r.photo;
  const common = { ctx, values, errors };
  const base = awardBase(r.year);
  return (
    <section class="panel award-panel" aria-labelledby="photo-title">
      <h2 id="photo-title" safe>
        {ctx.t('award.photo.title')}
      </h2>
      {photo ? (
        <figure class="thumb">
          <img src={`/admin/award/media/${photo.key}/${Math.min(...photo.variants)}.webp`} alt={attr(photo.alt.en)} lang="en" width="400" loading="lazy" />
          <figcaption safe>{photo.credit}</figcaption>
        </figure>
      ) : (
        <p class="muted" safe>
          {ctx.t('award.photo.none')}
        </p>
      )}
      <form method="post" action={`${base}/photo`} enctype="multipart/form-data" class="form" novalidate>
        <Csrf token={csrf} />
        <FileInput
          ctx={ctx}
          errors={errors}
          name="file"
          label={ctx.t('award.photo.file')}
          hint={ctx.t('award.photo.file-hint')}
          accept={IMAGE_ACCEPT}
          required={!photo}
        />
        <TextInput
          {...common}
          name="alt_en"
          lang="en"
          label={`${ctx.t('award.photo.alt-en')} *`}
          hint={ctx.t('award.photo.alt-hint')}
          maxlength={AWARD_LIMITS.alt}
          required
        />
        <TextInput
          {...common}
          name="alt_sv"
          lang="sv"
          label={ctx.t('award.photo.alt-sv') + (r.texts.sv ? ' *' : '')}
          maxlength={AWARD_LIMITS.alt}
          required={Boolean(r.texts.sv)}
        />
        <TextInput {...common} name="credit" label={`${ctx.t('award.photo.credit')} *`} maxlength={AWARD_LIMITS.credit} required />
        <p>
          <button type="submit" safe>
            {ctx.t('award.photo.save')}
          </button>
        </p>
      </form>
      {photo ? <ActionForm action={`${base}/photo/remove`} csrf={csrf} label={ctx.t('award.photo.remove')} cls="secondary" /> : ''}
    </section>
  );
}

function Report({
  ctx,
  recipient: r,
  csrf,
  values,
  errors,
}: {
  ctx: ViewContext;
  recipient: AdminRecipient;
  csrf: string;
  values: Values;
  errors: Errors;
}): JSX.Element {
  const report = r.report;
  const common = { ctx, values, errors };
  const base = awardBase(r.year);
  const defaultTitle = ctx.t('award.recipient.report-default', { country: countryName(r.countryCode, ctx.locale) });
  return (
    <section class="panel award-panel" aria-labelledby="report-title">
      <h2 id="report-title" safe>
        {ctx.t('award.report.title')}
      </h2>
      {report ? (
        <p>
          <a href={`/admin/award/media/${report.key}/file`} lang={report.titles.en ? 'en' : undefined} safe>
            {report.titles.en || defaultTitle}
          </a>
          <span class="muted" safe>{` ${ctx.t('award.recipient.pdf', { size: formatBytes(report.bytes, ctx.locale) })}`}</span>
        </p>
      ) : (
        <p class="muted" safe>
          {ctx.t('award.report.none')}
        </p>
      )}
      <form method="post" action={`${base}/report`} enctype="multipart/form-data" class="form" novalidate>
        <Csrf token={csrf} />
        <FileInput
          ctx={ctx}
          errors={errors}
          name="report"
          label={ctx.t('award.report.file')}
          hint={ctx.t('award.report.file-hint')}
          accept="application/pdf"
          required={!report}
        />
        <TextInput
          {...common}
          name="report_title_en"
          lang="en"
          label={ctx.t('award.report.title-en')}
          hint={ctx.t('award.report.title-hint')}
          maxlength={AWARD_LIMITS.reportTitle}
        />
        <TextInput {...common} name="report_title_sv" lang="sv" label={ctx.t('award.report.title-sv')} maxlength={AWARD_LIMITS.reportTitle} />
        <p>
          <button type="submit" safe>
            {ctx.t('award.report.save')}
          </button>
        </p>
      </form>
      {report ? <ActionForm action={`${base}/report/remove`} csrf={csrf} label={ctx.t('award.report.remove')} cls="secondary" /> : ''}
    </section>
  );
}

/** The form for a new recipient, or a recipient's edit page with its status, photo and report. */
export function AwardFormPage(p: {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  recipient?: AdminRecipient | undefined;
  values: Values;
  errors: Errors;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx, recipient } = p;
  const title = recipient ? ctx.t('award.admin.edit', { year: recipient.year, name: recipient.name }) : ctx.t('award.admin.new');
  const panel = { ctx, csrf: p.csrf, values: p.values, errors: p.errors };
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <p>
        <a href="/admin/award" safe>
          {ctx.t('award.admin.back')}
        </a>
      </p>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      {recipient ? <Status ctx={ctx} recipient={recipient} csrf={p.csrf} errors={p.errors} /> : ''}
      <MainForm ctx={ctx} recipient={recipient} csrf={p.csrf} values={p.values} errors={p.errors} />
      {recipient ? <Photo {...panel} recipient={recipient} /> : ''}
      {recipient ? <Report {...panel} recipient={recipient} /> : ''}
    </AdminLayout>
  );
}
