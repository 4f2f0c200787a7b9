import { chairIsPublic, type AdminEdition, type AdminEmptyChair, type AdminRoom, type AdminTrack } from '../../core/conference/admin-conference.schema.js';
import { countryName } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import type { ViewContext } from '../views/context.js';

/** The parts of an edition's workspace page listed in tables: its tracks, rooms and the empty chair, with links to their forms. */

export const conferenceBase = (year: number) => `/admin/conference/${year}`;

/** A value, or a dash when there is none. */
export const orDash = (v: string | null | undefined): string => v || '–';

export function Th({ ctx, k }: { ctx: ViewContext; k: MessageKey }): JSX.Element {
  return (
    <th scope="col" safe>
      {ctx.t(k)}
    </th>
  );
}

export function TracksPanel({
  ctx,
  edition,
  tracks,
  canEdit,
}: {
  ctx: ViewContext;
  edition: AdminEdition;
  tracks: AdminTrack[];
  canEdit: boolean;
}): JSX.Element {
  const base = conferenceBase(edition.year);
  return (
    <section class="panel" aria-labelledby="tracks-title">
      <h2 id="tracks-title" safe>
        {ctx.t('cadmin.tracks.title')}
      </h2>
      <p class="hint" safe>
        {ctx.t('cadmin.tracks.hint')}
      </p>
      {tracks.length ? (
        <div class="table-wrap" role="region" tabindex="0" aria-label={ctx.t('cadmin.table-label', { title: ctx.t('cadmin.tracks.title') })}>
          <table>
            <thead>
              <tr>
                <Th ctx={ctx} k="cadmin.col.position" />
                <Th ctx={ctx} k="cadmin.col.name" />
                <Th ctx={ctx} k="cadmin.col.sessions" />
              </tr>
            </thead>
            <tbody>
              {tracks.map((t) => (
                <tr>
                  <td safe>{String(t.position)}</td>
                  <td lang="en">
                    {canEdit ? (
                      <a href={`${base}/tracks/${t.id}`} safe>
                        {t.name}
                      </a>
                    ) : (
                      <span safe>{t.name}</span>
                    )}
                  </td>
                  <td safe>{String(t.sessions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty" safe>
          {ctx.t('cadmin.tracks.empty')}
        </p>
      )}
      {canEdit ? (
        <p>
          <a href={`${base}/tracks/new`} safe>
            {ctx.t('cadmin.tracks.new')}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

export function RoomsPanel({ ctx, edition, rooms, canEdit }: { ctx: ViewContext; edition: AdminEdition; rooms: AdminRoom[]; canEdit: boolean }): JSX.Element {
  const base = conferenceBase(edition.year);
  return (
    <section class="panel" aria-labelledby="rooms-title">
      <h2 id="rooms-title" safe>
        {ctx.t('cadmin.rooms.title')}
      </h2>
      <p class="hint" safe>
        {ctx.t('cadmin.rooms.hint')}
      </p>
      {rooms.length ? (
        <div class="table-wrap" role="region" tabindex="0" aria-label={ctx.t('cadmin.table-label', { title: ctx.t('cadmin.rooms.title') })}>
          <table>
            <thead>
              <tr>
                <Th ctx={ctx} k="cadmin.col.name" />
                <Th ctx={ctx} k="cadmin.col.capacity" />
                <Th ctx={ctx} k="cadmin.col.visibility" />
                <Th ctx={ctx} k="cadmin.col.sessions" />
              </tr>
            </thead>
            <tbody>
              {rooms.map((r) => (
                <tr>
                  <td>
                    {canEdit ? (
                      <a href={`${base}/rooms/${r.id}`} safe>
                        {r.name}
                      </a>
                    ) : (
                      <span safe>{r.name}</span>
                    )}
                  </td>
                  <td safe>{r.capacity === null ? '–' : String(r.capacity)}</td>
                  <td safe>{ctx.t(`cadmin.visibility.${r.visibility}`)}</td>
                  <td safe>{String(r.sessions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty" safe>
          {ctx.t('cadmin.rooms.empty')}
        </p>
      )}
      {canEdit ? (
        <p>
          <a href={`${base}/rooms/new`} safe>
            {ctx.t('cadmin.rooms.new')}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

export function ChairsPanel({
  ctx,
  edition,
  chairs,
  canEdit,
}: {
  ctx: ViewContext;
  edition: AdminEdition;
  chairs: AdminEmptyChair[];
  canEdit: boolean;
}): JSX.Element {
  const base = conferenceBase(edition.year);
  return (
    <section class="panel" aria-labelledby="chairs-title">
      <h2 id="chairs-title" safe>
        {ctx.t('conference.empty-chair')}
      </h2>
      <p class="hint" safe>
        {ctx.t('cadmin.chairs.hint')}
      </p>
      {chairs.length ? (
        <div class="table-wrap" role="region" tabindex="0" aria-label={ctx.t('cadmin.table-label', { title: ctx.t('conference.empty-chair') })}>
          <table>
            <thead>
              <tr>
                <Th ctx={ctx} k="cadmin.col.name" />
                <Th ctx={ctx} k="cadmin.chair.country" />
                <Th ctx={ctx} k="cadmin.chair.reason" />
                <Th ctx={ctx} k="cadmin.col.shown" />
              </tr>
            </thead>
            <tbody>
              {chairs.map((c) => (
                <tr>
                  <td>
                    {canEdit ? (
                      <a href={`${base}/empty-chairs/${c.id}`} safe>
                        {c.name}
                      </a>
                    ) : (
                      <span safe>{c.name}</span>
                    )}
                  </td>
                  <td safe>{orDash(c.countryCode && countryName(c.countryCode, ctx.locale))}</td>
                  <td safe>{ctx.t(`conference.empty-chair.reason.${c.reason}`)}</td>
                  <td safe>
                    {chairIsPublic(c)
                      ? ctx.t('cadmin.chairs.shown')
                      : ctx.t('cadmin.chairs.hidden', {
                          missing: [c.safeToShow ? '' : ctx.t('cadmin.chair.safe'), c.agreed ? '' : ctx.t('cadmin.chair.agreed')].filter(Boolean).join(', '),
                        })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty" safe>
          {ctx.t('cadmin.chairs.empty')}
        </p>
      )}
      {canEdit ? (
        <p>
          <a href={`${base}/empty-chairs/new`} safe>
            {ctx.t('cadmin.chairs.new')}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}
