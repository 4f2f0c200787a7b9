import type { Principal } from '../../core/accounts/accounts.schema.js';
import { CONF_LIMITS, type AdminEdition } from '../../core/conference/admin-conference.schema.js';
import type { Part } from '../../core/conference/admin-conference.service.js';
import { countryCodes } from '../../core/award/award.schema.js';
import { emptyChairReasons } from '../../core/conference/conference.schema.js';
import { countryName } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import type { ViewContext } from '../views/context.js';
import { conferenceBase } from './conference-panels.views.js';
import { Checkbox, Csrf, Notice, Select, TextArea, TextInput, type Errors, type Values } from './form-fields.js';
import { AdminLayout, ErrorSummary, FieldError } from './layout.js';

/** The forms of a track, a room and an empty chair of an edition, and the confirmation before removing something. */

const titles: Record<Part, { create: MessageKey; edit: MessageKey }> = {
  tracks: { create: 'cadmin.tracks.new', edit: 'cadmin.track.edit' },
  rooms: { create: 'cadmin.rooms.new', edit: 'cadmin.room.edit' },
  'empty-chairs': { create: 'cadmin.chairs.new', edit: 'cadmin.chair.edit' },
};

function TrackFields({ ctx, values, errors }: { ctx: ViewContext; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors };
  return (
    <>
      <TextInput {...common} name="name_en" label={`${ctx.t('cadmin.track.name-en')} *`} maxlength={CONF_LIMITS.trackName} lang="en" required />
      <TextInput {...common} name="name_sv" label={ctx.t('cadmin.track.name-sv')} maxlength={CONF_LIMITS.trackName} lang="sv" />
      <TextInput {...common} name="position" label={ctx.t('cadmin.col.position')} hint={ctx.t('cadmin.position-hint')} maxlength={3} inputmode="numeric" />
    </>
  );
}

function RoomFields({ ctx, values, errors }: { ctx: ViewContext; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors };
  return (
    <>
      <TextInput {...common} name="name" label={`${ctx.t('cadmin.col.name')} *`} maxlength={CONF_LIMITS.roomName} required />
      <TextInput {...common} name="capacity" label={ctx.t('cadmin.col.capacity')} hint={ctx.t('cadmin.room.capacity-hint')} maxlength={6} inputmode="numeric" />
      <Select
        {...common}
        name="visibility"
        label={ctx.t('cadmin.col.visibility')}
        hint={ctx.t('cadmin.room.visibility-hint')}
        options={(['participants', 'public'] as const).map((v) => ({ value: v, label: ctx.t(`cadmin.visibility.${v}`) }))}
      />
    </>
  );
}

function ChairFields({ ctx, values, errors }: { ctx: ViewContext; values: Values; errors: Errors }): JSX.Element {
  const common = { ctx, values, errors };
  const countries = countryCodes.map((c) => ({ value: c, label: countryName(c, ctx.locale) })).sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  return (
    <>
      <TextInput
        {...common}
        name="name"
        label={`${ctx.t('cadmin.col.name')} *`}
        hint={ctx.t('cadmin.chair.name-hint')}
        maxlength={CONF_LIMITS.chairName}
        required
      />
      <Select {...common} name="country_code" label={ctx.t('cadmin.chair.country')} options={countries} empty={ctx.t('ae.event.none')} />
      <Select
        {...common}
        name="reason"
        label={ctx.t('cadmin.chair.reason')}
        options={emptyChairReasons.map((r) => ({ value: r, label: ctx.t(`conference.empty-chair.reason.${r}`) }))}
      />
      <TextArea {...common} name="note_en" label={ctx.t('cadmin.chair.note-en')} rows={3} maxlength={CONF_LIMITS.note} lang="en" />
      <TextArea {...common} name="note_sv" label={ctx.t('cadmin.chair.note-sv')} rows={3} maxlength={CONF_LIMITS.note} lang="sv" />
      <fieldset class="checks">
        <legend safe>{ctx.t('cadmin.chair.consent')}</legend>
        <p class="hint" safe>
          {ctx.t('cadmin.chair.consent-hint')}
        </p>
        <Checkbox {...common} name="safe_to_show" label={ctx.t('cadmin.chair.safe')} />
        <Checkbox {...common} name="agreed" label={ctx.t('cadmin.chair.agreed')} />
      </fieldset>
      <TextInput {...common} name="position" label={ctx.t('cadmin.col.position')} hint={ctx.t('cadmin.position-hint')} maxlength={3} inputmode="numeric" />
    </>
  );
}

export interface PartFormProps {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  edition: AdminEdition;
  part: Part;
  /** absent when creating */
  id?: number | undefined;
  /** the name of what is edited, for the title */
  name?: string | undefined;
  values: Values;
  errors: Errors;
  notice?: string | undefined;
}

export function PartFormPage(p: PartFormProps): JSX.Element {
  const { ctx, edition, part } = p;
  const base = conferenceBase(edition.year);
  const title = p.id === undefined ? ctx.t(titles[part].create) : ctx.t(titles[part].edit, { name: p.name ?? '' });
  const action = p.id === undefined ? `${base}/${part}/new` : `${base}/${part}/${p.id}`;
  const Fields = part === 'tracks' ? TrackFields : part === 'rooms' ? RoomFields : ChairFields;
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <p>
        <a href={base} safe>
          {ctx.t('cadmin.back.edition', { year: edition.year })}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      <form method="post" action={action} class="form" novalidate>
        <Csrf token={p.csrf} />
        <p class="hint" safe>
          {ctx.t('ae.event.required')}
        </p>
        <Fields ctx={ctx} values={p.values} errors={p.errors} />
        <p>
          <button type="submit" safe>
            {p.id === undefined ? ctx.t('cadmin.create') : ctx.t('admin.form.save')}
          </button>
        </p>
      </form>
      {p.id !== undefined ? (
        <p>
          <a href={`${action}/remove`} safe>
            {ctx.t('cadmin.remove.link')}
          </a>
        </p>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

export interface RemoveProps {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  /** the page of what is removed, and where "cancel" leads */
  back: string;
  /** what is removed, in words ("the room Plenary hall") */
  what: string;
  /** what else removing it does */
  consequence?: string | undefined;
  /** later parts that stop the removal, with links */
  blockers?: { href: string; label: string }[] | undefined;
  errors: Errors;
}

/** "Remove …?": the one POST that removes, from a page that says what it removes. */
export function RemovePage(p: RemoveProps): JSX.Element {
  const { ctx } = p;
  const title = ctx.t('cadmin.remove.title', { what: p.what });
  const blocked = Boolean(p.blockers?.length);
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      {p.consequence ? <p safe>{p.consequence}</p> : ''}
      {blocked ? (
        <>
          <p safe>{ctx.t('cadmin.session.remove-required')}</p>
          <ul>
            {(p.blockers ?? []).map((b) => (
              <li>
                <a href={b.href} safe>
                  {b.label}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <form method="post" action={`${p.back}/remove`} class="form">
          <Csrf token={p.csrf} />
          <FieldError ctx={ctx} id="remove" error={p.errors.remove} />
          <p class="actions" id="remove">
            <button type="submit" safe>
              {ctx.t('cadmin.remove.confirm')}
            </button>
            <a href={p.back} safe>
              {ctx.t('admin.form.cancel')}
            </a>
          </p>
        </form>
      )}
      {blocked ? (
        <p>
          <a href={p.back} safe>
            {ctx.t('admin.form.cancel')}
          </a>
        </p>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
