import type { Principal } from '../../core/accounts/accounts.schema.js';
import type { AdminEdition } from '../../core/conference/admin-conference.schema.js';
import {
  EMPTY_PERSON_ROWS,
  MAX_PERSON_ROWS,
  personFields,
  SESSION_LIMITS,
  type ConflictReport,
  type ConflictView,
  type SessionFormOptions,
} from '../../core/conference/admin-sessions.schema.js';
import { conferenceParts, sessionLanguages, sessionRoles, sessionTypes } from '../../core/conference/conference.schema.js';
import { formatRange } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import type { ViewContext } from '../views/context.js';
import { conferenceBase } from './conference-panels.views.js';
import { editionDates } from './conference.views.js';
import { Checkbox, Csrf, Notice, Select, TextArea, TextInput, valueOf, type Errors, type Values, LanguageFieldset } from './form-fields.js';
import { AdminLayout, ErrorSummary } from './layout.js';

/** The programme editor's session form, with the conflicts of what it proposed. */

/** A conflict in words, with a link to the other session where there is one. */
function ConflictItem({ ctx, c, edition }: { ctx: ViewContext; c: ConflictView; edition: AdminEdition }): JSX.Element {
  const params: Record<string, string | number> = {
    room: c.roomName ?? '',
    capacity: '',
    roomCapacity: c.roomCapacity ?? '',
    person: c.personName ?? '',
    role: c.role ? ctx.t(`conference.role.${c.role}`).toLowerCase() : '',
    from: edition.startsOn ?? '',
    to: edition.endsOn ?? '',
  };
  const text = ctx.t(`cadmin.conflicts.${c.rule}`, params);
  const [before = '', after = ''] = text.split('{link}');
  const other = c.other;
  return (
    <li>
      <span safe>{before}</span>
      {other ? (
        <a href={`${conferenceBase(edition.year)}/sessions/${other.id}`} safe>
          {`${other.title || `#${other.id}`} (${formatRange(other.startsAt, other.endsAt, ctx.locale, edition.timeZone)})`}
        </a>
      ) : (
        ''
      )}
      <span safe>{after}</span>
    </li>
  );
}

function ConflictsPanel({ ctx, report, edition }: { ctx: ViewContext; report: ConflictReport; edition: AdminEdition }): JSX.Element {
  const hard = report.conflicts.filter((c) => c.hard);
  const soft = report.conflicts.filter((c) => !c.hard);
  return (
    <section class="panel conflicts" id="conflicts" aria-labelledby="conflicts-title" tabindex="-1">
      <h2 id="conflicts-title" safe>
        {ctx.t('cadmin.conflicts.title', { n: report.conflicts.length })}
      </h2>
      <p safe>{ctx.t('cadmin.conflicts.nothing-saved')}</p>
      {hard.length ? (
        <>
          <h3 safe>{ctx.t('cadmin.conflicts.hard-title')}</h3>
          <ul>
            {hard.map((c) => (
              <ConflictItem ctx={ctx} c={c} edition={edition} />
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {soft.length ? (
        <>
          <h3 safe>{ctx.t('cadmin.conflicts.soft-title')}</h3>
          <ul>
            {soft.map((c) => (
              <ConflictItem ctx={ctx} c={c} edition={edition} />
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </section>
  );
}

const opts = (rows: { id: number; name: string }[]) => rows.map((r) => ({ value: String(r.id), label: r.name }));

function PeopleRows({ ctx, values, errors, options }: { ctx: ViewContext; values: Values; errors: Errors; options: SessionFormOptions }): JSX.Element {
  let filled = 0;
  for (let i = 0; i < MAX_PERSON_ROWS; i++) if (valueOf(values, personFields(i).person)) filled = i + 1;
  const rows = Math.min(MAX_PERSON_ROWS, filled + EMPTY_PERSON_ROWS);
  return (
    <fieldset id="people" aria-describedby="people-hint">
      <legend safe>{ctx.t('cadmin.session.people')}</legend>
      <p class="hint" id="people-hint" safe>
        {ctx.t('cadmin.session.people-hint')}
      </p>
      {errors.people ? (
        <p class="field-error" safe>
          {ctx.t(errors.people as MessageKey)}
        </p>
      ) : (
        ''
      )}
      {options.people.length ? (
        Array.from({ length: rows }, (_, i) => {
          const f = personFields(i);
          return (
            <div class="pair">
              <Select
                ctx={ctx}
                name={f.person}
                label={ctx.t('cadmin.session.person', { n: i + 1 })}
                values={values}
                errors={errors}
                options={opts(options.people)}
                empty="—"
              />
              <Select
                ctx={ctx}
                name={f.role}
                label={ctx.t('cadmin.session.role', { n: i + 1 })}
                values={values}
                errors={errors}
                options={sessionRoles.map((r) => ({ value: r, label: ctx.t(`conference.role.${r}`) }))}
              />
              <Checkbox ctx={ctx} name={f.named} label={ctx.t('cadmin.session.named', { n: i + 1 })} values={values} errors={errors} />
            </div>
          );
        })
      ) : (
        <p class="empty" safe>
          {ctx.t('cadmin.session.no-people')}
        </p>
      )}
    </fieldset>
  );
}

function SessionFields({
  ctx,
  values,
  errors,
  options,
  edition,
}: {
  ctx: ViewContext;
  values: Values;
  errors: Errors;
  options: SessionFormOptions;
  edition: AdminEdition;
}): JSX.Element {
  const common = { ctx, values, errors };
  const dayHint = edition.startsOn
    ? ctx.t('cadmin.session.day-hint', { dates: editionDates(ctx, edition), zone: edition.timeZone })
    : ctx.t('cadmin.session.zone-hint', { zone: edition.timeZone });
  return (
    <>
      <fieldset>
        <legend safe>{ctx.t('cadmin.session.when')}</legend>
        <TextInput {...common} name="day" type="date" label={`${ctx.t('cadmin.session.day')} *`} hint={dayHint} required />
        <div class="pair">
          <TextInput {...common} name="starts_time" type="time" label={`${ctx.t('cadmin.session.starts')} *`} required />
          <TextInput {...common} name="ends_time" type="time" label={`${ctx.t('cadmin.session.ends')} *`} required />
        </div>
        <Select
          {...common}
          name="track_id"
          label={ctx.t('conference.filter.track')}
          hint={ctx.t('cadmin.session.track-hint')}
          options={opts(options.tracks)}
          empty={ctx.t('cadmin.session.no-track')}
        />
        <Select
          {...common}
          name="room_id"
          label={ctx.t('cadmin.col.room')}
          options={options.rooms.map((r) => ({
            value: String(r.id),
            label: r.capacity === null ? r.name : ctx.t('cadmin.session.room-option', { room: r.name, n: r.capacity }),
          }))}
          empty={ctx.t('ae.event.none')}
        />
      </fieldset>
      <fieldset>
        <legend safe>{ctx.t('cadmin.session.what')}</legend>
        <Select
          {...common}
          name="part"
          label={ctx.t('cadmin.session.part')}
          options={conferenceParts.map((x) => ({ value: x, label: ctx.t(`cadmin.session.part.${x}`) }))}
        />
        <Select
          {...common}
          name="type"
          label={ctx.t('conference.filter.type')}
          options={sessionTypes.map((x) => ({ value: x, label: ctx.t(`conference.type.${x}`) }))}
        />
        <Select
          {...common}
          name="language"
          label={ctx.t('conference.filter.language')}
          options={sessionLanguages.map((x) => ({ value: x, label: ctx.t(`conference.language.${x}`) }))}
        />
        <TextInput
          {...common}
          name="capacity"
          label={ctx.t('cadmin.col.capacity')}
          hint={ctx.t('cadmin.session.capacity-hint')}
          maxlength={6}
          inputmode="numeric"
        />
        <Select
          {...common}
          name="visibility"
          label={ctx.t('cadmin.col.visibility')}
          hint={ctx.t('cadmin.session.visibility-hint')}
          options={(['participants', 'public'] as const).map((v) => ({ value: v, label: ctx.t(`cadmin.visibility.${v}`) }))}
        />
      </fieldset>
      <fieldset>
        <legend safe>{ctx.t('cadmin.col.parts')}</legend>
        <p class="hint" safe>
          {ctx.t('cadmin.session.parts-hint')}
        </p>
        <div class="pair">
          <TextInput {...common} name="part_number" label={ctx.t('cadmin.session.part-number')} maxlength={1} inputmode="numeric" />
          <TextInput {...common} name="part_count" label={ctx.t('cadmin.session.part-count')} maxlength={1} inputmode="numeric" />
        </div>
        <Select
          {...common}
          name="requires_session_id"
          label={ctx.t('cadmin.session.requires')}
          hint={ctx.t('cadmin.session.requires-hint')}
          options={options.sessions.map((s) => ({ value: String(s.id), label: s.label }))}
          empty={ctx.t('ae.event.none')}
        />
      </fieldset>
      <PeopleRows {...common} options={options} />
      <div class="lang-columns">
        {(['en', 'sv'] as const).map((l) => (
          <LanguageFieldset ctx={ctx} locale={l} hint={ctx.t('cadmin.swedish-hint')}>
            <TextInput
              {...common}
              lang={l}
              name={`title_${l}`}
              label={ctx.t('cadmin.col.title') + (l === 'en' ? ' *' : '')}
              maxlength={SESSION_LIMITS.title}
              required={l === 'en'}
            />
            <TextArea
              {...common}
              lang={l}
              name={`description_${l}`}
              label={ctx.t('cadmin.session.description')}
              rows={4}
              maxlength={SESSION_LIMITS.description}
            />
          </LanguageFieldset>
        ))}
      </div>
    </>
  );
}

export interface SessionFormProps {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  edition: AdminEdition;
  /** absent when adding a session */
  id?: number | undefined;
  title?: string | undefined;
  values: Values;
  errors: Errors;
  options: SessionFormOptions;
  /** the conflicts of what the form proposed, when it came back */
  report?: ConflictReport | undefined;
  notice?: string | undefined;
}

export function SessionFormPage(p: SessionFormProps): JSX.Element {
  const { ctx, edition, report } = p;
  const base = conferenceBase(edition.year);
  const title = p.id === undefined ? ctx.t('cadmin.session.new') : ctx.t('cadmin.session.edit', { title: p.title || `#${p.id}` });
  const action = p.id === undefined ? `${base}/sessions/new` : `${base}/sessions/${p.id}`;
  const confirmable = report !== undefined && report.conflicts.length > 0 && report.conflicts.every((c) => !c.hard);
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <p>
        <a href={`${base}/programme`} safe>
          {ctx.t('cadmin.back.programme', { year: edition.year })}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary ctx={ctx} fields={p.errors} />
      <Notice text={p.notice} />
      {report?.conflicts.length ? <ConflictsPanel ctx={ctx} report={report} edition={edition} /> : ''}
      <form method="post" action={action} class="form wide" novalidate>
        <Csrf token={p.csrf} />
        <p class="hint" safe>
          {ctx.t('ae.event.required')}
        </p>
        <SessionFields ctx={ctx} values={p.values} errors={p.errors} options={p.options} edition={edition} />
        {confirmable ? (
          <fieldset class="save-anyway">
            <legend safe>{ctx.t('cadmin.conflicts.confirm-legend')}</legend>
            <input type="hidden" name="conflicts_seen" value={report.fingerprint} />
            <Checkbox ctx={ctx} name="save_anyway" label={ctx.t('cadmin.conflicts.save-anyway', { n: report.conflicts.length })} values={{}} errors={{}} />
          </fieldset>
        ) : (
          ''
        )}
        <p>
          <button type="submit" safe>
            {p.id === undefined ? ctx.t('cadmin.session.create') : ctx.t('admin.form.save')}
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
