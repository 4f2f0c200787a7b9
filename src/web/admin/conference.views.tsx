import type { Principal } from '../../core/accounts/accounts.schema.js';
import {
  CONF_LIMITS,
  type AdminEdition,
  type AdminEditionRow,
  type AdminEmptyChair,
  type AdminRoom,
  type AdminTrack,
  type EditionFormOptions,
} from '../../core/conference/admin-conference.schema.js';
import { formatDate } from '../../i18n/format.js';
import type { ViewContext } from '../views/context.js';
import { ActionForm, Csrf, Notice, Select, TextArea, TextInput, type Errors, type Values, LanguageFieldset } from './form-fields.js';
import { AdminLayout, ErrorSummary, FieldError } from './layout.js';
import { ChairsPanel, conferenceBase, RoomsPanel, Th, TracksPanel } from './conference-panels.views.js';
import { ParticipationLinksPanel } from './participation-shared.js';

/** The workspace's pages of Defenders' Days: the editions, a new edition, a copy of a structure, an edition's page. */

/** "9 April 2018 – 12 April 2018", or the year alone when the dates are not known. */
export function editionDates(ctx: ViewContext, e: Pick<AdminEditionRow, 'year' | 'startsOn' | 'endsOn' | 'timeZone'>): string {
  if (!e.startsOn || !e.endsOn) return ctx.t('cadmin.edition.no-dates', { year: e.year });
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, ctx.locale, 'UTC');
  return e.startsOn === e.endsOn ? day(e.startsOn) : `${day(e.startsOn)} – ${day(e.endsOn)}`;
}

const statusText = (ctx: ViewContext, s: string) => ctx.t(s === 'published' ? 'cadmin.status.published' : 'cadmin.status.draft');

export function EditionListPage(p: { ctx: ViewContext; principal: Principal; csrf: string; rows: AdminEditionRow[]; canEdit: boolean }): JSX.Element {
  const { ctx } = p;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('cadmin.title')} principal={p.principal} csrf={p.csrf}>
      <h1 safe>{ctx.t('cadmin.title')}</h1>
      <p safe>{ctx.t('cadmin.intro')}</p>
      {p.canEdit ? (
        <p class="actions">
          <a class="button" href="/admin/conference/new" safe>
            {ctx.t('cadmin.edition.new')}
          </a>
          {p.rows.length ? (
            <a href="/admin/conference/copy" safe>
              {ctx.t('cadmin.copy.link')}
            </a>
          ) : (
            ''
          )}
        </p>
      ) : (
        ''
      )}
      {p.rows.length ? (
        <div class="table-wrap">
          <table>
            <caption safe>{ctx.t('cadmin.editions.caption')}</caption>
            <thead>
              <tr>
                <Th ctx={ctx} k="cadmin.col.year" />
                <Th ctx={ctx} k="cadmin.col.theme" />
                <Th ctx={ctx} k="cadmin.col.dates" />
                <Th ctx={ctx} k="cadmin.col.edition" />
                <Th ctx={ctx} k="cadmin.col.programme" />
              </tr>
            </thead>
            <tbody>
              {p.rows.map((e) => (
                <tr>
                  <td>
                    <a href={conferenceBase(e.year)} safe>
                      {String(e.year)}
                    </a>
                  </td>
                  <td lang="en" safe>
                    {e.theme}
                  </td>
                  <td safe>{editionDates(ctx, e)}</td>
                  <td safe>{statusText(ctx, e.status)}</td>
                  <td>
                    <a href={`${conferenceBase(e.year)}/programme`} safe>
                      {ctx.t('cadmin.programme.sessions', { n: e.sessions })}
                    </a>{' '}
                    <span safe>({statusText(ctx, e.programmeStatus)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty" safe>
          {ctx.t('cadmin.editions.empty')}
        </p>
      )}
    </AdminLayout>
  );
}

function LanguageColumn({ ctx, locale, values, errors }: { ctx: ViewContext; locale: 'en' | 'sv'; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors, lang: locale };
  return (
    <LanguageFieldset ctx={ctx} locale={locale} hint={ctx.t('cadmin.swedish-hint')}>
      <TextInput
        {...common}
        name={`theme_${locale}`}
        label={ctx.t('cadmin.edition.theme') + (locale === 'en' ? ' *' : '')}
        maxlength={CONF_LIMITS.theme}
        required={locale === 'en'}
      />
      <TextArea {...common} name={`summary_${locale}`} label={ctx.t('cadmin.edition.summary')} rows={3} maxlength={CONF_LIMITS.summary} />
      <TextArea
        {...common}
        name={`body_${locale}`}
        label={ctx.t('cadmin.edition.body')}
        hint={ctx.t('ae.event.body-hint')}
        rows={8}
        maxlength={CONF_LIMITS.body}
      />
    </LanguageFieldset>
  );
}

function EditionForm(p: {
  ctx: ViewContext;
  csrf: string;
  edition?: AdminEdition | undefined;
  values: Values;
  errors: Errors;
  options: EditionFormOptions;
}): JSX.Element {
  const { ctx, values, errors, options } = p;
  const common = { ctx, values, errors };
  const number = { ...common, inputmode: 'numeric', maxlength: 6 };
  return (
    <form method="post" action={p.edition ? conferenceBase(p.edition.year) : '/admin/conference/new'} class="form wide" novalidate>
      <Csrf token={p.csrf} />
      <p class="hint" safe>
        {ctx.t('ae.event.required')}
      </p>
      <fieldset>
        <legend safe>{ctx.t('cadmin.edition.basics')}</legend>
        <TextInput
          {...common}
          name="year"
          label={`${ctx.t('cadmin.edition.year')} *`}
          hint={ctx.t('cadmin.edition.year-hint')}
          maxlength={4}
          inputmode="numeric"
          required
        />
        <div class="pair">
          <TextInput {...common} name="starts_on" type="date" label={ctx.t('cadmin.edition.starts')} hint={ctx.t('cadmin.edition.dates-hint')} />
          <TextInput {...common} name="ends_on" type="date" label={ctx.t('cadmin.edition.ends')} />
        </div>
        <Select {...common} name="time_zone" label={`${ctx.t('ae.event.zone')} *`} options={options.timeZones.map((z) => ({ value: z, label: z }))} />
        <Select
          {...common}
          name="venue_id"
          label={ctx.t('cadmin.edition.venue')}
          options={options.venues.map((v) => ({ value: String(v.id), label: v.name }))}
          empty={ctx.t('ae.event.none')}
        />
        <Select
          {...common}
          name="open_event_id"
          label={ctx.t('cadmin.edition.open-event')}
          hint={ctx.t('cadmin.edition.open-event-hint')}
          options={options.events.map((e) => ({ value: String(e.id), label: `${e.title} (${formatDate(e.startsAt, ctx.locale, e.timeZone)})` }))}
          empty={ctx.t('ae.event.none')}
        />
      </fieldset>
      <fieldset>
        <legend safe>{ctx.t('cadmin.figures')}</legend>
        <p class="hint" id="figures-hint" safe>
          {ctx.t('cadmin.figures.hint')}
        </p>
        <div class="pair">
          <TextInput {...number} name="participants" label={ctx.t('conference.figures.participants')} />
          <TextInput {...number} name="defenders" label={ctx.t('conference.figures.defenders')} />
          <TextInput {...number} name="countries" label={ctx.t('conference.figures.countries')} />
          <TextInput {...number} name="continents" label={ctx.t('conference.figures.continents')} />
        </div>
      </fieldset>
      <div class="lang-columns">
        <LanguageColumn ctx={ctx} locale="en" values={values} errors={errors} />
        <LanguageColumn ctx={ctx} locale="sv" values={values} errors={errors} />
      </div>
      <p>
        <button type="submit" safe>
          {p.edition ? ctx.t('admin.form.save') : ctx.t('cadmin.edition.create')}
        </button>
      </p>
    </form>
  );
}

export function NewEditionPage(p: {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  values: Values;
  errors: Errors;
  options: EditionFormOptions;
}): JSX.Element {
  const { ctx } = p;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('cadmin.edition.new')} principal={p.principal} csrf={p.csrf}>
      <p>
        <a href="/admin/conference" safe>
          {ctx.t('cadmin.back.editions')}
        </a>
      </p>
      <h1 safe>{ctx.t('cadmin.edition.new')}</h1>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <EditionForm ctx={ctx} csrf={p.csrf} values={p.values} errors={p.errors} options={p.options} />
    </AdminLayout>
  );
}

export function CopyPage(p: { ctx: ViewContext; principal: Principal; csrf: string; rows: AdminEditionRow[]; values: Values; errors: Errors }): JSX.Element {
  const { ctx } = p;
  const common = { ctx, values: p.values, errors: p.errors };
  return (
    <AdminLayout ctx={ctx} title={ctx.t('cadmin.copy.title')} principal={p.principal} csrf={p.csrf}>
      <p>
        <a href="/admin/conference" safe>
          {ctx.t('cadmin.back.editions')}
        </a>
      </p>
      <h1 safe>{ctx.t('cadmin.copy.title')}</h1>
      <p safe>{ctx.t('cadmin.copy.intro')}</p>
      <p safe>{ctx.t('cadmin.copy.not-copied')}</p>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <form method="post" action="/admin/conference/copy" class="form" novalidate>
        <Csrf token={p.csrf} />
        <p class="hint" safe>
          {ctx.t('ae.event.required')}
        </p>
        <Select
          {...common}
          name="from"
          label={`${ctx.t('cadmin.copy.from')} *`}
          options={p.rows.map((e) => ({ value: String(e.year), label: `${e.year}: ${e.theme}` }))}
          empty={ctx.t('cadmin.copy.choose')}
          required
        />
        <TextInput {...common} name="year" label={`${ctx.t('cadmin.copy.year')} *`} maxlength={4} inputmode="numeric" required />
        <TextInput {...common} name="starts_on" type="date" label={`${ctx.t('cadmin.copy.starts')} *`} hint={ctx.t('cadmin.copy.starts-hint')} required />
        <TextInput {...common} name="theme_en" label={`${ctx.t('cadmin.copy.theme')} *`} maxlength={CONF_LIMITS.theme} lang="en" required />
        <p>
          <button type="submit" safe>
            {ctx.t('cadmin.copy.submit')}
          </button>
        </p>
      </form>
    </AdminLayout>
  );
}

function StatusPanel({
  ctx,
  edition: e,
  csrf,
  errors,
  canEdit,
}: {
  ctx: ViewContext;
  edition: AdminEdition;
  csrf: string;
  errors: Errors;
  canEdit: boolean;
}): JSX.Element {
  const base = conferenceBase(e.year);
  const published = e.status === 'published';
  const programmePublished = e.programmeStatus === 'published';
  return (
    <section class="panel" aria-labelledby="status-title">
      <h2 id="status-title" safe>
        {ctx.t('cadmin.state.title')}
      </h2>
      <FieldError ctx={ctx} id="publish" error={errors.publish} />
      <div class="actions" id="publish">
        <p safe>{ctx.t(published ? 'cadmin.state.edition-public' : 'cadmin.state.edition-draft')}</p>
        {canEdit ? (
          <ActionForm
            action={`${base}/${published ? 'unpublish' : 'publish'}`}
            csrf={csrf}
            label={ctx.t(published ? 'cadmin.state.unpublish' : 'cadmin.state.publish')}
            cls={published ? 'secondary' : undefined}
          />
        ) : (
          ''
        )}
      </div>
      <div class="actions">
        <p safe>
          {ctx.t(programmePublished ? (published ? 'cadmin.state.programme-public' : 'cadmin.state.programme-waits') : 'cadmin.state.programme-draft')}
        </p>
        {canEdit ? (
          <ActionForm
            action={`${base}/programme/${programmePublished ? 'unpublish' : 'publish'}`}
            csrf={csrf}
            label={ctx.t(programmePublished ? 'cadmin.state.programme-unpublish' : 'cadmin.state.programme-publish')}
            cls={programmePublished ? 'secondary' : undefined}
          />
        ) : (
          ''
        )}
      </div>
      <p class="actions">
        <a href={`${base}/programme`} safe>
          {ctx.t('cadmin.programme.open', { n: e.sessions })}
        </a>
        {published ? (
          <a href={`/defenders-days/${e.year}`} safe>
            {ctx.t('ae.view-public')}
          </a>
        ) : (
          ''
        )}
      </p>
    </section>
  );
}

/** What logistics (who reads but does not edit) sees instead of the edition form. */
function EditionSummary({ ctx, edition: e }: { ctx: ViewContext; edition: AdminEdition }): JSX.Element {
  const figures = (['participants', 'defenders', 'countries', 'continents'] as const).filter((k) => e[k] !== null);
  return (
    <section class="panel" aria-labelledby="details-title">
      <h2 id="details-title" safe>
        {ctx.t('cadmin.edition.basics')}
      </h2>
      <dl>
        <dt safe>{ctx.t('cadmin.col.theme')}</dt>
        <dd lang="en" safe>
          {e.theme}
        </dd>
        <dt safe>{ctx.t('cadmin.col.dates')}</dt>
        <dd safe>{`${editionDates(ctx, e)} (${e.timeZone})`}</dd>
        <dt safe>{ctx.t('cadmin.edition.venue')}</dt>
        <dd safe>{e.venueName ?? ctx.t('ae.event.none')}</dd>
        <dt safe>{ctx.t('cadmin.edition.open-event')}</dt>
        <dd safe>{e.openEventTitle ?? ctx.t('ae.event.none')}</dd>
        {figures.map((k) => (
          <>
            <dt safe>{ctx.t(`conference.figures.${k}`)}</dt>
            <dd safe>{String(e[k])}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

export interface EditionPageProps {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  edition: AdminEdition;
  tracks: AdminTrack[];
  rooms: AdminRoom[];
  chairs: AdminEmptyChair[];
  canEdit: boolean;
  values: Values;
  errors: Errors;
  options?: EditionFormOptions | undefined;
  notice?: string | undefined;
}

/** An edition: its state, its form (or a summary for those who read only), tracks, rooms and the empty chair. */
export function EditionPage(p: EditionPageProps): JSX.Element {
  const { ctx, edition } = p;
  const title = ctx.t('conference.edition', { year: edition.year });
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <p>
        <a href="/admin/conference" safe>
          {ctx.t('cadmin.back.editions')}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      <StatusPanel ctx={ctx} edition={edition} csrf={p.csrf} errors={p.errors} canEdit={p.canEdit} />
      {p.canEdit && p.options ? (
        <section class="panel" aria-labelledby="edition-title">
          <h2 id="edition-title" safe>
            {ctx.t('cadmin.edition.form')}
          </h2>
          <EditionForm ctx={ctx} csrf={p.csrf} edition={edition} values={p.values} errors={p.errors} options={p.options} />
        </section>
      ) : (
        <EditionSummary ctx={ctx} edition={edition} />
      )}
      <TracksPanel ctx={ctx} edition={edition} tracks={p.tracks} canEdit={p.canEdit} />
      <RoomsPanel ctx={ctx} edition={edition} rooms={p.rooms} canEdit={p.canEdit} />
      <ChairsPanel ctx={ctx} edition={edition} chairs={p.chairs} canEdit={p.canEdit} />
      <ParticipationLinksPanel ctx={ctx} year={edition.year} principal={p.principal} />
    </AdminLayout>
  );
}
