import type { PersonalProgramme } from '../../core/participation/portal.service.js';
import type { ProgrammeSession } from '../../core/conference/conference.schema.js';
import { localTime } from '../../core/conference/programme-grid.js';
import { zoneName } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/index.js';
import { Notice } from '../admin/form-fields.js';
import { langAttr } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { dateFormat, utcDay } from '../public/conference.views.js';
import { SessionDetails } from '../public/conference-programme.views.js';
import { PortalLayout } from './layout.js';

/**
 * The personal programme: the sessions the participant may see, day by
 * day, each with its seats and a button to choose or remove it (a form each: no script);
 * and the printable list of the chosen ones.
 */

function byDay(sessions: readonly ProgrammeSession[]): [string, ProgrammeSession[]][] {
  const days = new Map<string, ProgrammeSession[]>();
  for (const s of sessions) days.set(s.day, [...(days.get(s.day) ?? []), s]);
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
}

const dayHeading = (ctx: ViewContext, day: string) => dateFormat(ctx.locale, true).format(utcDay(day));

function When({ s, timeZone }: { s: ProgrammeSession; timeZone: string }): JSX.Element {
  return (
    <>
      <time datetime={s.startsAt} safe>
        {localTime(s.startsAt, timeZone)}
      </time>
      {'–'}
      <time datetime={s.endsAt} safe>
        {localTime(s.endsAt, timeZone)}
      </time>
    </>
  );
}

function partText(ctx: ViewContext, s: ProgrammeSession): string {
  return s.partNumber && s.partCount ? ctx.t('portal.programme.part', { number: s.partNumber, count: s.partCount }) : '';
}

function seatsText(ctx: ViewContext, left: number | undefined): string {
  if (left === undefined) return '';
  if (left === 0) return ctx.t('portal.programme.full');
  return left === 1 ? ctx.t('portal.programme.seat-left') : ctx.t('portal.programme.seats-left', { count: left });
}

function SessionItem({
  ctx,
  s,
  pp,
  timeZone,
  csrf,
  error,
}: {
  ctx: ViewContext;
  s: ProgrammeSession;
  pp: PersonalProgramme;
  timeZone: string;
  csrf: string;
  error: string | undefined;
}): JSX.Element {
  const picked = pp.picked.has(s.id);
  const left = pp.seatsLeft.get(s.id);
  const id = `s-${s.id}`;
  const meta = [ctx.t(`conference.type.${s.type}`), partText(ctx, s)].filter(Boolean).join(' · ');
  const detail = [
    ctx.t('portal.programme.language', { language: ctx.t(`conference.language.${s.language}`) }),
    s.room ? ctx.t('portal.programme.room', { room: s.room }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const seats = seatsText(ctx, left);
  const canPick = s.type !== 'break' && (picked || left !== 0);
  return (
    <li class={picked ? 'session picked' : 'session'} id={id} data-picked={picked ? 'true' : 'false'}>
      <h3 class="session-title" id={`${id}-title`} lang={langAttr(ctx, s.lang)} safe>
        {s.title}
      </h3>
      <p class="session-meta">
        <When s={s} timeZone={timeZone} />
        <span safe>{` · ${meta}`}</span>
      </p>
      <p class="session-meta" safe>
        {detail}
      </p>
      <SessionDetails ctx={ctx} s={s} anchor={(x) => `s-${x.id}`} />
      {seats || picked ? (
        <p class="session-meta seats">
          {seats ? <span safe>{seats}</span> : ''}
          {picked ? (
            <strong class="badge badge-chosen" safe>
              {ctx.t('portal.programme.chosen')}
            </strong>
          ) : (
            ''
          )}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`${id}-error`} safe>
          {ctx.t(error as MessageKey)}
        </p>
      ) : (
        ''
      )}
      {canPick ? (
        <form method="post" action={ctx.href(picked ? '/portal/programme/unpick' : '/portal/programme/pick')} class="inline-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="session_id" value={String(s.id)} />
          <button type="submit" class={picked ? 'secondary' : undefined} aria-describedby={`${id}-title`} safe>
            {picked ? ctx.t('portal.programme.unpick') : ctx.t('portal.programme.pick')}
          </button>
        </form>
      ) : (
        ''
      )}
    </li>
  );
}

function pickedCount(ctx: ViewContext, n: number): string {
  return n === 0
    ? ctx.t('portal.programme.picked-none')
    : n === 1
      ? ctx.t('portal.programme.picked-one')
      : ctx.t('portal.programme.picked-count', { count: n });
}

export function ProgrammePage({
  ctx,
  csrf,
  pp,
  errors,
  errorSession,
  done,
}: {
  ctx: ViewContext;
  csrf: string;
  pp: PersonalProgramme;
  /** { form: message key } after a choice the service refused */
  errors: Record<string, string>;
  /** the session the refused choice was about, to repeat the message next to it */
  errorSession: number | undefined;
  done: string;
}): JSX.Element {
  const title = ctx.t('portal.programme.title');
  const { programme } = pp;
  const timeZone = programme.edition.timeZone;
  const first = programme.all[0];
  const chosen = programme.all.filter((s) => pp.picked.has(s.id)).length;
  const notice = done === 'picked' ? ctx.t('portal.programme.done-picked') : done === 'unpicked' ? ctx.t('portal.programme.done-unpicked') : undefined;
  return (
    <PortalLayout ctx={ctx} title={title} signedIn={{ csrf }} mainAttrs={{ 'data-page': 'programme' }}>
      <h1 safe>{title}</h1>
      {errors.form ? (
        <p class="banner banner-alert" role="alert" id="form">
          {errorSession !== undefined && programme.all.some((s) => s.id === errorSession) ? (
            <a href={`#s-${errorSession}`} safe>
              {ctx.t(errors.form as MessageKey)}
            </a>
          ) : (
            <span safe>{ctx.t(errors.form as MessageKey)}</span>
          )}
        </p>
      ) : (
        ''
      )}
      <Notice text={notice} />
      <p safe>{ctx.t('portal.programme.intro')}</p>
      {!programme.published ? (
        <p class="empty" safe>
          {ctx.t('portal.programme.draft')}
        </p>
      ) : !programme.all.length ? (
        <p class="empty" safe>
          {ctx.t('portal.programme.empty')}
        </p>
      ) : (
        <>
          <p class="count" safe>
            {pickedCount(ctx, chosen)}
          </p>
          <p class="actions">
            <a href={ctx.href('/portal/programme/print')} safe>
              {ctx.t('portal.programme.print-link')}
            </a>
            <a href={ctx.href('/portal/calendar')} safe>
              {ctx.t('portal.programme.calendar-link')}
            </a>
          </p>
          {first ? (
            <p class="muted" safe>
              {ctx.t('portal.programme.time-zone', { zone: zoneName(first.startsAt, ctx.locale, timeZone) })}
            </p>
          ) : (
            ''
          )}
          {byDay(programme.all).map(([day, sessions]) => (
            <section aria-labelledby={`d-${day}`}>
              <h2 id={`d-${day}`} safe>
                {dayHeading(ctx, day)}
              </h2>
              <ul class="plain-list sessions">
                {sessions.map((s) => (
                  <SessionItem ctx={ctx} s={s} pp={pp} timeZone={timeZone} csrf={csrf} error={s.id === errorSession ? errors.form : undefined} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </PortalLayout>
  );
}

/** The chosen sessions only, plainly, for paper: the print styles hide the header and the links marked no-print. */
export function PrintPage({ ctx, csrf, pp }: { ctx: ViewContext; csrf: string; pp: PersonalProgramme }): JSX.Element {
  const title = ctx.t('portal.print.title');
  const { programme } = pp;
  const timeZone = programme.edition.timeZone;
  const chosen = programme.published ? programme.all.filter((s) => pp.picked.has(s.id)) : [];
  const first = chosen[0];
  return (
    <PortalLayout ctx={ctx} title={title} signedIn={{ csrf }} printable mainAttrs={{ 'data-page': 'print' }}>
      <h1 safe>{ctx.t('portal.programme.title')}</h1>
      <p class="hint no-print" safe>
        {ctx.t('portal.print.hint')}
      </p>
      {first ? (
        <p class="muted" safe>
          {ctx.t('portal.programme.time-zone', { zone: zoneName(first.startsAt, ctx.locale, timeZone) })}
        </p>
      ) : (
        ''
      )}
      {chosen.length ? (
        byDay(chosen).map(([day, sessions]) => (
          <section aria-labelledby={`d-${day}`}>
            <h2 id={`d-${day}`} safe>
              {dayHeading(ctx, day)}
            </h2>
            <ul class="print-list">
              {sessions.map((s) => (
                <li id={`s-${s.id}`}>
                  <When s={s} timeZone={timeZone} />{' '}
                  <strong lang={langAttr(ctx, s.lang)} safe>
                    {s.title}
                  </strong>
                  <span safe>
                    {[partText(ctx, s), s.room ? ctx.t('portal.programme.room', { room: s.room }) : '']
                      .filter(Boolean)
                      .map((x) => ` · ${x}`)
                      .join('')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))
      ) : (
        <p class="empty" safe>
          {ctx.t('portal.programme.picked-none')}
        </p>
      )}
      <p class="no-print">
        <a href={ctx.href('/portal/programme')} safe>
          {ctx.t('portal.print.back')}
        </a>
      </p>
    </PortalLayout>
  );
}
