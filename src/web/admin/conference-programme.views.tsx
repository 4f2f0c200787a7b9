import type { Principal } from '../../core/accounts/accounts.schema.js';
import type { AdminEdition } from '../../core/conference/admin-conference.schema.js';
import type { ProgrammeRow } from '../../core/conference/admin-sessions.schema.js';
import { partLabel, sessionLanguages, sessionTypes } from '../../core/conference/conference.schema.js';
import { localDateTime } from '../../core/conference/programme-grid.js';
import { formatDate } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import type { ViewContext } from '../views/context.js';
import { conferenceBase, orDash } from './conference-panels.views.js';
import { editionDates } from './conference.views.js';
import { Notice } from './form-fields.js';
import { AdminLayout } from './layout.js';

/** The programme editor's table: every session of an edition by day, with its place, parts, visibility and conflicts. */

const typeLabel = (ctx: ViewContext, type: string) =>
  (sessionTypes as readonly string[]).includes(type) ? ctx.t(`conference.type.${type}` as MessageKey) : type;
const languageLabel = (ctx: ViewContext, l: string) =>
  (sessionLanguages as readonly string[]).includes(l) ? ctx.t(`conference.language.${l}` as MessageKey) : l;

export type ProgrammeAdminRow = ProgrammeRow & { conflicts: number };

export function ProgrammeAdminPage(p: {
  ctx: ViewContext;
  principal: Principal;
  csrf: string;
  edition: AdminEdition;
  rows: ProgrammeAdminRow[];
  canEdit: boolean;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx, edition } = p;
  const base = conferenceBase(edition.year);
  const title = ctx.t('cadmin.programme.title', { year: edition.year });
  const days = new Map<string, ProgrammeAdminRow[]>();
  for (const r of p.rows) {
    const day = localDateTime(r.startsAt, edition.timeZone).slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), r]);
  }
  const cols: MessageKey[] = [
    'cadmin.col.time',
    'cadmin.col.title',
    'conference.filter.track',
    'cadmin.col.room',
    'conference.filter.type',
    'conference.filter.language',
    'cadmin.col.parts',
    'cadmin.col.visibility',
    'cadmin.col.conflicts',
  ];
  return (
    <AdminLayout ctx={ctx} title={title} principal={p.principal} csrf={p.csrf}>
      <p>
        <a href={base} safe>
          {ctx.t('cadmin.back.edition', { year: edition.year })}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <Notice text={p.notice} />
      <p safe>
        {`${editionDates(ctx, edition)}. ${ctx.t('conference.timezone', { zone: edition.timeZone })} ${ctx.t(
          edition.programmeStatus === 'published' ? 'cadmin.state.programme-public' : 'cadmin.state.programme-draft',
        )}`}
      </p>
      {p.canEdit ? (
        <p>
          <a class="button" href={`${base}/sessions/new`} safe>
            {ctx.t('cadmin.session.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      {p.rows.length ? (
        [...days].map(([day, rows]) => (
          <section aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`} safe>
              {formatDate(`${day}T12:00:00Z`, ctx.locale, 'UTC')}
            </h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    {cols.map((k) => (
                      <th scope="col" safe>
                        {ctx.t(k)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr id={`s-${r.id}`}>
                      <td safe>{`${localDateTime(r.startsAt, edition.timeZone).slice(11)}–${localDateTime(r.endsAt, edition.timeZone).slice(11)}`}</td>
                      <td lang="en">
                        {p.canEdit ? (
                          <a href={`${base}/sessions/${r.id}`} safe>
                            {r.title || `#${r.id}`}
                          </a>
                        ) : (
                          <span safe>{r.title}</span>
                        )}
                        {r.part === 'open' ? <span safe>{` (${ctx.t('cadmin.session.part.open')})`}</span> : ''}
                      </td>
                      <td safe>{r.trackName ?? '–'}</td>
                      <td safe>{r.roomName ?? '–'}</td>
                      <td safe>{typeLabel(ctx, r.type)}</td>
                      <td safe>{languageLabel(ctx, r.language)}</td>
                      <td safe>{partLabel(r) ?? '–'}</td>
                      <td safe>{ctx.t(`cadmin.visibility.${r.visibility}`)}</td>
                      <td safe>{orDash(r.conflicts ? ctx.t('cadmin.programme.conflicts', { n: r.conflicts }) : '')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      ) : (
        <p class="empty" safe>
          {ctx.t('cadmin.programme.empty')}
        </p>
      )}
    </AdminLayout>
  );
}
