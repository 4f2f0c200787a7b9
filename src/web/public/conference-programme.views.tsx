import type { Programme, ProgrammeFilter, ProgrammeSession, ProgrammeTrack } from '../../core/conference/conference.schema.js';
import { partLabel } from '../../core/conference/conference.schema.js';
import { localTime, programmeGrid, type GridDay } from '../../core/conference/programme-grid.js';
import { zoneName } from '../../i18n/format.js';
import { attr } from '../views/attr.js';
import { langAttr } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { Layout } from '../views/layout.js';
import { dateFormat, editionDates, utcDay } from './conference.views.js';

/** The public programme of an edition: a filter form and one days × tracks table per day. */

function Select({
  id,
  label,
  value,
  options,
  anyLabel,
}: {
  id: string;
  label: string;
  value: string;
  options: [string, string][];
  anyLabel: string;
}): JSX.Element {
  return (
    <div class="field">
      <label for={id} safe>
        {label}
      </label>
      <select id={id} name={id}>
        <option value="" safe>
          {anyLabel}
        </option>
        {options.map(([v, text]) => (
          <option value={attr(v)} selected={v === value} safe>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * What a session card says under its time and language, on the public programme and in the
 * participant's own: who runs it (when they may be named), its description, and the part it
 * follows. `anchor` names a session's card: by its random public id on the public programme
 * (a row id would count the closed sessions between), as the participant's page chooses there.
 */
export const publicAnchor = (s: Pick<ProgrammeSession, 'publicId'>): string => `s-${s.publicId}`;

export function SessionDetails({
  ctx,
  s,
  anchor = publicAnchor,
}: {
  ctx: ViewContext;
  s: ProgrammeSession;
  anchor?: (target: { id: number; publicId: string }) => string;
}): JSX.Element {
  const roles = [...new Set(s.people.map((p) => p.role))];
  return (
    <>
      {roles.map((role) => (
        <p class="session-people" safe>
          {`${ctx.t(`conference.role.${role}`)}: ${s.people
            .filter((p) => p.role === role)
            .map((p) => p.name)
            .join(', ')}`}
        </p>
      ))}
      {s.description ? (
        <p class="session-desc" lang={langAttr(ctx, s.lang)} safe>
          {s.description}
        </p>
      ) : (
        ''
      )}
      {s.requires ? (
        <p class="session-requires">
          <a href={`#${anchor(s.requires)}`} safe>
            {ctx.t('conference.session.requires', { part: s.requires.partNumber ?? 1 })}
          </a>
        </p>
      ) : s.requiresHidden ? (
        <p class="session-requires" safe>
          {ctx.t('conference.session.requires-earlier')}
        </p>
      ) : (
        ''
      )}
    </>
  );
}

function Session({ ctx, s, timeZone }: { ctx: ViewContext; s: ProgrammeSession; timeZone: string }): JSX.Element {
  const part = partLabel(s);
  const meta = [ctx.t(`conference.type.${s.type}`), part ? ctx.t('conference.session.part', { part }) : ''].filter(Boolean).join(' · ');
  const detail = [
    ctx.t('conference.session.language', { language: ctx.t(`conference.language.${s.language}`) }),
    s.room ? ctx.t('conference.session.room', { room: s.room }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div class="session" id={publicAnchor(s)}>
      <h3 class="session-title" lang={langAttr(ctx, s.lang)} safe>
        {s.title}
      </h3>
      <p class="session-meta">
        <time datetime={s.startsAt} safe>
          {localTime(s.startsAt, timeZone)}
        </time>
        {'–'}
        <time datetime={s.endsAt} safe>
          {localTime(s.endsAt, timeZone)}
        </time>
        <span safe>{` · ${meta}`}</span>
      </p>
      <p class="session-meta" safe>
        {detail}
      </p>
      <SessionDetails ctx={ctx} s={s} />
    </div>
  );
}

function Sessions({ ctx, list, timeZone }: { ctx: ViewContext; list: ProgrammeSession[]; timeZone: string }): JSX.Element {
  return (
    <>
      {list.map((s) => (
        <Session ctx={ctx} s={s} timeZone={timeZone} />
      ))}
    </>
  );
}

function DayTable({ ctx, day, timeZone }: { ctx: ViewContext; day: GridDay; timeZone: string }): JSX.Element {
  const id = `d-${day.day}`;
  const span = Math.max(1, day.columns.length);
  const trackLabel = (t: ProgrammeTrack) => (
    <span class="track-label" lang={langAttr(ctx, t.lang)} safe>
      {t.name}
    </span>
  );
  return (
    <section aria-labelledby={id}>
      <h2 id={id} safe>
        {dateFormat(ctx.locale, true).format(utcDay(day.day))}
      </h2>
      <table class="programme" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col" class="time-col" safe>
              {ctx.t('conference.programme.time')}
            </th>
            {day.columns.length ? (
              day.columns.map((t) => (
                <th scope="col" lang={langAttr(ctx, t.lang)} safe>
                  {t.name}
                </th>
              ))
            ) : (
              <th scope="col" safe>
                {ctx.t('conference.programme.all-tracks')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {day.rows.map((row) => (
            <tr class={row.plenary ? 'plenary' : undefined}>
              <th scope="row" class="time-col">
                <time safe>{row.time}</time>
              </th>
              {row.plenary ? (
                <td colspan={String(span)}>
                  <Sessions ctx={ctx} list={row.plenary} timeZone={timeZone} />
                </td>
              ) : (
                (row.cells ?? []).map((list, i) => {
                  const track = day.columns[i];
                  return list.length ? (
                    <td>
                      {track ? trackLabel(track) : ''}
                      <Sessions ctx={ctx} list={list} timeZone={timeZone} />
                    </td>
                  ) : (
                    <td class="vacant"></td>
                  );
                })
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ProgrammePage({ ctx, programme: p, filter }: { ctx: ViewContext; programme: Programme; filter: ProgrammeFilter }): JSX.Element {
  const e = p.edition;
  const title = ctx.t('conference.programme.title', { year: e.year });
  const grid = programmeGrid(p.sessions, p.tracks, e.timeZone);
  const any = ctx.t('conference.filter.any');
  const path = `/defenders-days/${e.year}/programme`;
  const first = p.all[0];
  return (
    <Layout ctx={ctx} title={title} description={e.theme || ctx.t('conference.description')}>
      <p class="kicker">
        <a href={ctx.href(`/defenders-days/${e.year}`)} safe>
          {ctx.t('conference.edition', { year: e.year })}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <p safe>{[editionDates(ctx, e), [e.venueName, e.city].filter(Boolean).join(', ')].filter(Boolean).join(' · ')}</p>
      {first ? (
        <p class="muted" safe>
          {ctx.t('conference.timezone', { zone: zoneName(first.startsAt, ctx.locale, e.timeZone) })}
        </p>
      ) : (
        ''
      )}
      <p class="muted" safe>
        {ctx.t('conference.closed-note')}
      </p>
      {!p.published ? (
        <p class="empty" safe>
          {ctx.t('conference.programme.draft')}
        </p>
      ) : !p.all.length ? (
        <p class="empty" safe>
          {ctx.t('conference.programme.empty')}
        </p>
      ) : (
        <>
          <form class="filters" method="get" action={ctx.href(path)}>
            <fieldset>
              <legend safe>{ctx.t('conference.filter.legend')}</legend>
              {p.tracks.length ? (
                <Select
                  id="track"
                  label={ctx.t('conference.filter.track')}
                  value={filter.track === undefined ? '' : String(filter.track)}
                  anyLabel={any}
                  options={p.tracks.map((t) => [String(t.id), t.name])}
                />
              ) : (
                ''
              )}
              <Select
                id="language"
                label={ctx.t('conference.filter.language')}
                value={filter.language ?? ''}
                anyLabel={any}
                options={p.options.languages.map((l) => [l, ctx.t(`conference.language.${l}`)])}
              />
              <Select
                id="type"
                label={ctx.t('conference.filter.type')}
                value={filter.type ?? ''}
                anyLabel={any}
                options={p.options.types.map((x) => [x, ctx.t(`conference.type.${x}`)])}
              />
              <div class="actions">
                <button type="submit" safe>
                  {ctx.t('conference.filter.apply')}
                </button>
                <a href={ctx.href(path)} safe>
                  {ctx.t('conference.filter.clear')}
                </a>
              </div>
            </fieldset>
          </form>
          <p class="count" role="status" safe>
            {p.sessions.length === 1 ? ctx.t('conference.programme.count.one') : ctx.t('conference.programme.count', { count: p.sessions.length })}
          </p>
          {p.sessions.length ? (
            grid.map((day) => <DayTable ctx={ctx} day={day} timeZone={e.timeZone} />)
          ) : (
            <p class="empty" safe>
              {ctx.t('conference.programme.none-match')}
            </p>
          )}
          <p>
            <a href={ctx.href(`${path}.ics`)} safe>
              {ctx.t('conference.programme.calendar')}
            </a>
          </p>
        </>
      )}
      <p>
        <a href={ctx.href(`/defenders-days/${e.year}`)} safe>
          {ctx.t('conference.programme.back', { year: e.year })}
        </a>
      </p>
    </Layout>
  );
}
