import type { Principal } from '../../core/accounts/accounts.schema.js';
import {
  EMPTY_SPEAKER_ROWS,
  LIMITS,
  MAX_SPEAKER_ROWS,
  speakerFields,
  statusFilters,
  type AdminEvent,
  type AdminEventRow,
  type AdminStatusFilter,
  type EventFormOptions,
} from '../../core/events/admin-events.schema.js';
import type { MessageKey } from '../../i18n/index.js';
import { attr } from '../views/attr.js';
import type { ViewContext } from '../views/context.js';
import { formatDateTime } from '../../i18n/format.js';
import { EventPanels, type RegistrationSummary } from './event-panels.views.js';
import { Checkbox, CheckboxGroup, Csrf, Notice, Select, TextArea, TextInput, valueOf, type Errors, type Values, LanguageFieldset } from './form-fields.js';
import { AdminLayout, ErrorSummary } from './layout.js';

export function statusLabel(ctx: ViewContext, e: Pick<AdminEventRow, 'status' | 'hidden'>): string {
  const s = ctx.t(`ae.status.${e.status}` as MessageKey);
  return e.hidden ? `${s} (${ctx.t('ae.status.hidden')})` : s;
}

export function EventListPage(p: {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  rows: AdminEventRow[];
  filter: AdminStatusFilter;
  canEdit: boolean;
  /** registrations.read: a link to each event's registrants */
  canReadRegistrants?: boolean;
}): JSX.Element {
  const { ctx } = p;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('ae.events.title')} principal={p.principal} csrf={p.csrf}>
      <h1 safe>{ctx.t('ae.events.title')}</h1>
      {p.canEdit ? (
        <p>
          <a class="button" href="/admin/events/new" safe>
            {ctx.t('ae.events.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      <form method="get" action="/admin/events" class="inline-form filter-row">
        <label for="status" safe>
          {ctx.t('ae.events.filter')}
        </label>
        <select id="status" name="status">
          {statusFilters.map((f) => (
            <option value={f} selected={f === p.filter} safe>
              {ctx.t(`ae.events.filter.${f}` as MessageKey)}
            </option>
          ))}
        </select>
        <button type="submit" safe>
          {ctx.t('ae.events.filter.apply')}
        </button>
      </form>
      {p.rows.length ? (
        <div class="table-wrap">
          <table>
            <caption safe>{ctx.t('ae.events.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {ctx.t('ae.events.col.title')}
                </th>
                <th scope="col" safe>
                  {ctx.t('ae.events.col.when')}
                </th>
                <th scope="col" safe>
                  {ctx.t('ae.events.col.status')}
                </th>
                <th scope="col" safe>
                  {ctx.t('ae.events.col.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((e) => (
                <tr>
                  <td lang="en">
                    {p.canEdit ? (
                      <a href={`/admin/events/${e.id}`} safe>
                        {e.title}
                      </a>
                    ) : (
                      <span safe>{e.title}</span>
                    )}
                  </td>
                  <td safe>{formatDateTime(e.startsAt, ctx.locale, e.timeZone)}</td>
                  <td safe>{statusLabel(ctx, e)}</td>
                  <td>
                    <a href={`/admin/events/${e.id}/preview`} aria-label={`${ctx.t('ae.preview')}: ${e.title}`} safe>
                      {ctx.t('ae.preview')}
                    </a>
                    {p.canReadRegistrants ? (
                      <>
                        {' '}
                        <a href={`/admin/events/${e.id}/registrants`} aria-label={attr(`${ctx.t('rega.list.link')}: ${e.title}`)} safe>
                          {ctx.t('rega.list.link')}
                        </a>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty" safe>
          {ctx.t('ae.events.empty')}
        </p>
      )}
    </AdminLayout>
  );
}

export interface EventFormProps {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  /** absent on /admin/events/new */
  event?: AdminEvent | undefined;
  values: Values;
  errors: Errors;
  options: EventFormOptions;
  /** a message after a redirect ("Saved.") */
  notice?: string | undefined;
  /** registration counts and links, on the edit page */
  registration?: RegistrationSummary | undefined;
}

const opts = (rows: { id: number; name: string }[]) => rows.map((r) => ({ value: String(r.id), label: r.name }));

function LanguageColumn({ ctx, locale, values, errors }: { ctx: ViewContext; locale: 'en' | 'sv'; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors, lang: locale };
  return (
    <LanguageFieldset ctx={ctx} locale={locale} hint={ctx.t('ae.event.swedish-hint')}>
      <TextInput
        {...common}
        name={`title_${locale}`}
        label={ctx.t(locale === 'en' ? 'ae.event.title-en' : 'ae.event.title')}
        maxlength={LIMITS.title}
        required={locale === 'en'}
      />
      <TextArea {...common} name={`summary_${locale}`} label={ctx.t('ae.event.summary')} rows={3} maxlength={LIMITS.summary} />
      <TextArea {...common} name={`body_${locale}`} label={ctx.t('ae.event.body')} hint={ctx.t('ae.event.body-hint')} rows={10} maxlength={LIMITS.body} />
    </LanguageFieldset>
  );
}

function SpeakerRows({ ctx, values, errors, options }: { ctx: ViewContext; values: Values; errors: Errors; options: EventFormOptions }): JSX.Element {
  let filled = 0;
  for (let i = 0; i < MAX_SPEAKER_ROWS; i++) if (valueOf(values, speakerFields(i).person)) filled = i + 1;
  const rows = Math.min(MAX_SPEAKER_ROWS, filled + EMPTY_SPEAKER_ROWS);
  if (!options.people.length) return '';
  return (
    <fieldset>
      <legend safe>{ctx.t('ae.event.people')}</legend>
      <p class="hint" safe>
        {ctx.t('ae.event.people-hint')}
      </p>
      {Array.from({ length: rows }, (_, i) => {
        const f = speakerFields(i);
        return (
          <div class="pair">
            <Select
              ctx={ctx}
              name={f.person}
              label={ctx.t('ae.event.person', { n: i + 1 })}
              values={values}
              errors={errors}
              options={opts(options.people)}
              empty="—"
            />
            <Select
              ctx={ctx}
              name={f.role}
              label={ctx.t('ae.event.role', { n: i + 1 })}
              values={values}
              errors={errors}
              options={options.roles.map((r) => ({ value: r, label: ctx.t(`event.role.${r}`) }))}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

function EventFields({ ctx, values, errors, options }: { ctx: ViewContext; values: Values; errors: Errors; options: EventFormOptions }): JSX.Element {
  const common = { ctx, values, errors };
  return (
    <>
      <fieldset>
        <legend safe>{ctx.t('ae.event.basics')}</legend>
        <TextInput {...common} name="slug" label={ctx.t('ae.event.slug')} hint={ctx.t('ae.event.slug-hint')} maxlength={81} required />
        <Select
          {...common}
          name="type"
          label={ctx.t('ae.event.type')}
          options={options.types.map((x) => ({ value: x, label: ctx.t(`event.type.${x}`) }))}
          required
        />
        <Select {...common} name="series_id" label={ctx.t('ae.event.series')} options={opts(options.series)} empty={ctx.t('ae.event.none')} />
      </fieldset>
      <fieldset>
        <legend safe>{ctx.t('ae.event.when')}</legend>
        <TextInput {...common} name="starts_local" type="datetime-local" label={ctx.t('ae.event.starts')} hint={ctx.t('ae.event.time-hint')} required />
        <TextInput {...common} name="ends_local" type="datetime-local" label={ctx.t('ae.event.ends')} required />
        <Select {...common} name="time_zone" label={ctx.t('ae.event.zone')} options={options.timeZones.map((z) => ({ value: z, label: z }))} required />
      </fieldset>
      <fieldset>
        <legend safe>{ctx.t('ae.event.where')}</legend>
        <Select {...common} name="venue_id" label={ctx.t('ae.event.venue')} options={opts(options.venues)} empty={ctx.t('ae.event.none')} />
        <Checkbox {...common} name="online" label={ctx.t('ae.event.online')} />
        <TextInput {...common} name="countries" label={ctx.t('ae.event.countries')} hint={ctx.t('ae.event.countries-hint')} maxlength={400} />
      </fieldset>
      <CheckboxGroup {...common} name="topic_ids" label={ctx.t('ae.event.topics')} options={opts(options.topics)} />
      <CheckboxGroup {...common} name="partner_ids" label={ctx.t('ae.event.partners')} options={opts(options.partners)} />
      <SpeakerRows {...common} options={options} />
      <fieldset>
        <legend safe>{ctx.t('ae.event.links')}</legend>
        <TextInput {...common} name="live_stream_url" type="url" label={ctx.t('ae.event.live')} hint={ctx.t('ae.event.url-hint')} maxlength={500} />
        <TextInput {...common} name="recording_url" type="url" label={ctx.t('ae.event.recording')} maxlength={500} />
      </fieldset>
      <div class="lang-columns">
        <LanguageColumn ctx={ctx} locale="en" values={values} errors={errors} />
        <LanguageColumn ctx={ctx} locale="sv" values={values} errors={errors} />
      </div>
    </>
  );
}

/** The new-event form, or an event's edit page with its status, image, documents and notices. */
export function EventFormPage(p: EventFormProps): JSX.Element {
  const { ctx, event } = p;
  const title = event ? ctx.t('ae.event.edit-title', { title: event.title }) : ctx.t('ae.event.new-title');
  const action = event ? `/admin/events/${event.id}` : '/admin/events/new';
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      {event ? <EventPanels.Status ctx={ctx} event={event} csrf={p.csrf} errors={p.errors} /> : ''}
      {event && p.registration ? <EventPanels.Registration ctx={ctx} event={event} summary={p.registration} /> : ''}
      <form method="post" action={action} class="form wide" novalidate>
        <Csrf token={p.csrf} />
        <p class="hint" safe>
          {ctx.t('ae.event.required')}
        </p>
        <EventFields ctx={ctx} values={p.values} errors={p.errors} options={p.options} />
        <p>
          <button type="submit" safe>
            {event ? ctx.t('admin.form.save') : ctx.t('ae.event.create')}
          </button>
        </p>
      </form>
      {event ? (
        <>
          <EventPanels.Image ctx={ctx} event={event} csrf={p.csrf} values={p.values} errors={p.errors} />
          <EventPanels.Documents ctx={ctx} event={event} csrf={p.csrf} values={p.values} errors={p.errors} />
          <EventPanels.Notices ctx={ctx} event={event} csrf={p.csrf} values={p.values} errors={p.errors} />
        </>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
