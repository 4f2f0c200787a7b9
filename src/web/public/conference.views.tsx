import type { EditionDetail, EditionSummary } from '../../core/conference/conference.schema.js';
import type { EventSummary } from '../../core/events/events.schema.js';
import type { Availability } from '../../core/registrations/registrations.schema.js';
import { countryName, formatRange } from '../../i18n/format.js';
import type { Locale } from '../../i18n/index.js';
import { langAttr, Paragraphs } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { Layout } from '../views/layout.js';
import { jsonScript } from './json-ld.js';
import { RegistrationBox } from './registration.views.js';

/** The conference's overview and edition pages; the programme is in conference-programme.views.tsx. */

const intlLocale: Record<Locale, string> = { en: 'en-GB', sv: 'sv-SE' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function dateFormat(locale: Locale, weekday: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${weekday}`;
  let f = dateFormats.get(key);
  if (!f) {
    // Local calendar dates ('YYYY-MM-DD') are read as UTC midnight and formatted in UTC: no zone can shift the day.
    f = new Intl.DateTimeFormat(intlLocale[locale], {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(weekday ? { weekday: 'long' } : {}),
    });
    dateFormats.set(key, f);
  }
  return f;
}
export const utcDay = (date: string) => new Date(`${date}T00:00:00Z`);

/** "2–5 April 2013"; the year alone when the dates are not known. */
export function editionDates(ctx: ViewContext, e: Pick<EditionSummary, 'startsOn' | 'endsOn' | 'year'>): string {
  if (!e.startsOn) return ctx.t('conference.year-only', { year: e.year });
  return dateFormat(ctx.locale, false).formatRange(utcDay(e.startsOn), utcDay(e.endsOn ?? e.startsOn));
}

const numbers = new Map<Locale, Intl.NumberFormat>();
const formatNumber = (n: number, locale: Locale) => {
  let f = numbers.get(locale);
  if (!f) numbers.set(locale, (f = new Intl.NumberFormat(intlLocale[locale])));
  return f.format(n);
};

function EditionCard({ ctx, e }: { ctx: ViewContext; e: EditionSummary }): JSX.Element {
  return (
    <article class="card">
      <div class="card-body">
        <h3 class="card-title">
          <a href={ctx.href(`/defenders-days/${e.year}`)} safe>
            {ctx.t('conference.edition', { year: e.year })}
          </a>
        </h3>
        <p class="when" safe>
          {[editionDates(ctx, e), [e.venueName, e.city].filter(Boolean).join(', ')].filter(Boolean).join(' · ')}
        </p>
        {e.theme ? (
          <p class="summary" lang={langAttr(ctx, e.lang)} safe>
            {e.theme}
          </p>
        ) : (
          ''
        )}
      </div>
    </article>
  );
}

export function OverviewPage({ ctx, upcoming, past }: { ctx: ViewContext; upcoming: EditionSummary[]; past: EditionSummary[] }): JSX.Element {
  return (
    <Layout ctx={ctx} title={ctx.t('conference.title')} description={ctx.t('conference.description')}>
      <h1 safe>{ctx.t('conference.title')}</h1>
      <p class="lead" safe>
        {ctx.t('conference.intro')}
      </p>
      <p safe>{ctx.t('conference.parts')}</p>
      <p>
        <a href={ctx.href('/calls')} safe>
          {ctx.t('calls.overview-link')}
        </a>
      </p>
      <section aria-labelledby="aims-title">
        <h2 id="aims-title" safe>
          {ctx.t('conference.aims.title')}
        </h2>
        <ul>
          <li safe>{ctx.t('conference.aim.capacity')}</li>
          <li safe>{ctx.t('conference.aim.network')}</li>
          <li safe>{ctx.t('conference.aim.recognition')}</li>
        </ul>
      </section>
      <section aria-labelledby="next-title">
        <h2 id="next-title" safe>
          {ctx.t('conference.next')}
        </h2>
        {upcoming.length ? (
          <ul class="cards">
            {upcoming.map((e) => (
              <li>
                <EditionCard ctx={ctx} e={e} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty" safe>
            {ctx.t('conference.next.none')}
          </p>
        )}
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title" safe>
          {ctx.t('conference.past')}
        </h2>
        {past.length ? (
          <ul class="cards">
            {past.map((e) => (
              <li>
                <EditionCard ctx={ctx} e={e} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty" safe>
            {ctx.t('conference.past.none')}
          </p>
        )}
      </section>
    </Layout>
  );
}

/** What the edition page shows of the award (src/core/award): the recipient of that year, when published. */
export interface EditionAward {
  year: number;
  name: string;
  countryCode: string;
}

export interface OpenSessionView {
  event: EventSummary;
  availability: Availability;
}

function editionJsonLd(ctx: ViewContext, e: EditionDetail): string {
  if (!e.startsOn) return '';
  return jsonScript({
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: ctx.t('conference.edition', { year: e.year }),
    description: e.summary || e.theme,
    url: ctx.publicUrl + ctx.href(`/defenders-days/${e.year}`),
    startDate: e.startsOn,
    endDate: e.endsOn ?? e.startsOn,
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: e.venueName
      ? {
          '@type': 'Place',
          name: e.venueName,
          address: { '@type': 'PostalAddress', streetAddress: e.venueAddress ?? '', addressLocality: e.city ?? '', addressCountry: e.venueCountry ?? '' },
        }
      : undefined,
  });
}

function Figures({ ctx, e }: { ctx: ViewContext; e: EditionDetail }): JSX.Element {
  const f = e.figures;
  const items = (
    [
      ['conference.figures.participants', f.participants],
      ['conference.figures.defenders', f.defenders],
      ['conference.figures.countries', f.countries],
      ['conference.figures.continents', f.continents],
    ] as const
  ).filter(([, n]) => n !== null);
  if (!items.length) return '';
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title" safe>
        {ctx.t('conference.figures')}
      </h2>
      <dl class="figures edition-figures">
        {items.map(([key, n]) => (
          <div>
            <dt safe>{ctx.t(key)}</dt>
            <dd safe>{formatNumber(n ?? 0, ctx.locale)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted" safe>
        {ctx.t('conference.figures.note')}
      </p>
    </section>
  );
}

function EmptyChairs({ ctx, e }: { ctx: ViewContext; e: EditionDetail }): JSX.Element {
  if (!e.emptyChairs.length) return '';
  return (
    <section class="empty-chair" aria-labelledby="chair-title">
      <h2 id="chair-title" safe>
        {ctx.t('conference.empty-chair')}
      </h2>
      <p safe>{ctx.t('conference.empty-chair.intro')}</p>
      <ul class="people">
        {e.emptyChairs.map((c) => (
          <li>
            <strong safe>{c.name}</strong>
            <span class="muted" safe>
              {` – ${[c.countryCode ? countryName(c.countryCode, ctx.locale) : '', ctx.t(`conference.empty-chair.reason.${c.reason}`)].filter(Boolean).join(', ')}`}
            </span>
            {c.note ? (
              <>
                <br />
                <span lang={langAttr(ctx, c.lang)} safe>
                  {c.note}
                </span>
              </>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OpenSession({ ctx, open }: { ctx: ViewContext; open: OpenSessionView | undefined }): JSX.Element {
  if (!open) return '';
  const e = open.event;
  return (
    <section aria-labelledby="open-title">
      <h2 id="open-title" safe>
        {ctx.t('conference.open-session')}
      </h2>
      <p safe>{ctx.t('conference.open-session.text')}</p>
      <p>
        <a href={ctx.href(`/events/${e.slug}`)} lang={langAttr(ctx, e.lang)} safe>
          {e.title}
        </a>
        <br />
        <time datetime={e.startsAt} safe>
          {formatRange(e.startsAt, e.endsAt, ctx.locale, e.timeZone)}
        </time>
        {e.venueName ? <span safe>{` · ${[e.venueName, e.city].filter(Boolean).join(', ')}`}</span> : ''}
      </p>
      <RegistrationBox ctx={ctx} slug={e.slug} availability={open.availability} />
    </section>
  );
}

function AwardOfYear({ ctx, award }: { ctx: ViewContext; award: EditionAward | undefined }): JSX.Element {
  if (!award) return '';
  return (
    <section aria-labelledby="award-title">
      <h2 id="award-title" safe>
        {ctx.t('conference.award')}
      </h2>
      <p>
        <a href={ctx.href(`/award/${award.year}`)} safe>
          {award.name}
        </a>
        <span safe>{`, ${countryName(award.countryCode, ctx.locale)}`}</span>
      </p>
    </section>
  );
}

export function EditionPage({
  ctx,
  edition: e,
  award,
  open,
}: {
  ctx: ViewContext;
  edition: EditionDetail;
  /** the award recipient of the year, from src/core/award; undefined renders nothing */
  award?: EditionAward | undefined;
  open?: OpenSessionView | undefined;
}): JSX.Element {
  const title = ctx.t('conference.edition', { year: e.year });
  const where = [e.venueName, e.venueAddress, e.city].filter(Boolean).join(', ');
  return (
    <Layout ctx={ctx} title={title} description={e.summary || e.theme || ctx.t('conference.description')} head={editionJsonLd(ctx, e)}>
      <article class="edition">
        <p class="kicker">
          <a href={ctx.href('/defenders-days')} safe>
            {ctx.t('conference.title')}
          </a>
        </p>
        <h1 safe>{title}</h1>
        {e.theme ? (
          <p class="lead" lang={langAttr(ctx, e.lang)} safe>
            {e.theme}
          </p>
        ) : (
          ''
        )}
        <dl class="facts">
          <dt safe>{ctx.t('conference.when')}</dt>
          <dd safe>{editionDates(ctx, e)}</dd>
          {where ? (
            <>
              <dt safe>{ctx.t('conference.where')}</dt>
              <dd safe>{where}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
        {e.summary ? <Paragraphs text={e.summary} lang={langAttr(ctx, e.summaryLang)} /> : ''}
        {e.body ? <Paragraphs text={e.body} lang={langAttr(ctx, e.bodyLang)} /> : ''}
        <section aria-labelledby="programme-title">
          <h2 id="programme-title" safe>
            {ctx.t('conference.programme')}
          </h2>
          {e.programmePublished && e.publicSessions > 0 ? (
            <p>
              <a class="button" href={ctx.href(`/defenders-days/${e.year}/programme`)} safe>
                {ctx.t('conference.programme.link')}
              </a>
            </p>
          ) : (
            <p safe>{e.programmePublished ? ctx.t('conference.programme.empty') : ctx.t('conference.programme.draft')}</p>
          )}
          <p class="muted" safe>
            {ctx.t('conference.closed-note')}
          </p>
        </section>
        <OpenSession ctx={ctx} open={open} />
        <AwardOfYear ctx={ctx} award={award} />
        <Figures ctx={ctx} e={e} />
        <EmptyChairs ctx={ctx} e={e} />
        <p>
          <a href={ctx.href('/defenders-days')} safe>
            {ctx.t('conference.back')}
          </a>
        </p>
      </article>
    </Layout>
  );
}
