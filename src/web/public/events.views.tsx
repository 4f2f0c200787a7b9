import type { EventDetail, EventSummary, FilterOptions, Page, PastFilter } from '../../core/events/events.schema.js';
import { EventList, Pager, Paragraphs, Picture, langAttr } from '../views/components.js';
import type { ViewContext } from '../views/context.js';
import { countryName, formatBytes, formatDate, formatRange, hostOf, yearOf, zoneName } from '../../i18n/format.js';
import { Layout } from '../views/layout.js';
import { eventJsonLd } from './json-ld.js';
import { attr } from '../views/attr.js';
import type { Availability } from '../../core/registrations/registrations.schema.js';
import { RegistrationBox } from './registration.views.js';

export function HomePage({ ctx, next, live }: { ctx: ViewContext; next: EventSummary[]; live: EventSummary | undefined }): JSX.Element {
  return (
    <Layout ctx={ctx} title={ctx.t('site.name')} description={ctx.t('site.tagline')}>
      <h1 safe>{ctx.t('home.title')}</h1>
      {live ? (
        <section class="live" aria-labelledby="live-title">
          <h2 id="live-title" safe>
            {ctx.t('home.live')}
          </h2>
          <p lang={langAttr(ctx, live.lang)}>
            <a href={ctx.href(`/events/${live.slug}`)} safe>
              {live.title}
            </a>
          </p>
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="next-title">
        <h2 id="next-title" safe>
          {ctx.t('home.next')}
        </h2>
        {next.length ? (
          <EventList ctx={ctx} events={next} headingLevel={3} />
        ) : (
          <p class="empty" safe>
            {ctx.t('events.empty')}
          </p>
        )}
        <p>
          <a href={ctx.href('/events')} safe>
            {ctx.t('home.all')}
          </a>
        </p>
      </section>
      <section class="teaser" aria-labelledby="conf-title">
        <h2 id="conf-title" safe>
          {ctx.t('home.conference.title')}
        </h2>
        <p safe>{ctx.t('home.conference.text')}</p>
        <p>
          <a href={ctx.href('/defenders-days')} safe>
            {ctx.t('home.conference.link')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

export function UpcomingPage({ ctx, page }: { ctx: ViewContext; page: Page<EventSummary> }): JSX.Element {
  return (
    <Layout ctx={ctx} title={ctx.t('events.title')}>
      <h1 safe>{ctx.t('events.title')}</h1>
      {page.total === 0 ? (
        <div class="empty">
          <p safe>{ctx.t('events.empty')}</p>
          <p>
            <a href={ctx.href('/events/past')} safe>
              {ctx.t('events.empty.hint')}
            </a>
          </p>
        </div>
      ) : (
        <>
          <EventList ctx={ctx} events={page.items} />
          <Pager ctx={ctx} page={page} params={new URLSearchParams(ctx.search)} />
        </>
      )}
    </Layout>
  );
}

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
          <option value={v} selected={v === value} safe>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function PastPage({
  ctx,
  page,
  filter,
  options,
}: {
  ctx: ViewContext;
  page: Page<EventSummary>;
  filter: PastFilter;
  options: FilterOptions;
}): JSX.Element {
  const title = filter.year ? ctx.t('events.past.year', { year: filter.year }) : ctx.t('events.past.title');
  const any = ctx.t('filter.any');
  const countries = options.countries.map((c): [string, string] => [c, countryName(c, ctx.locale)]).sort((a, b) => a[1].localeCompare(b[1], ctx.locale));
  // Group the page's events by year, newest first, so the archive reads by year.
  const byYear = new Map<string, EventSummary[]>();
  for (const e of page.items) {
    const y = yearOf(e.startsAt, e.timeZone);
    byYear.set(y, [...(byYear.get(y) ?? []), e]);
  }
  return (
    <Layout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <form class="filters" method="get" action={ctx.href('/events/past')} role="search">
        <fieldset>
          <legend safe>{ctx.t('filter.legend')}</legend>
          <div class="field">
            <label for="q" safe>
              {ctx.t('filter.q')}
            </label>
            <input id="q" name="q" type="search" value={attr(filter.q ?? '')} maxlength="200" />
          </div>
          <Select
            id="type"
            label={ctx.t('filter.type')}
            value={filter.type ?? ''}
            anyLabel={any}
            options={options.types.map((x) => [x, ctx.t(`event.type.${x}`)])}
          />
          <Select id="country" label={ctx.t('filter.country')} value={filter.country ?? ''} anyLabel={any} options={countries} />
          <Select id="topic" label={ctx.t('filter.topic')} value={filter.topic ?? ''} anyLabel={any} options={options.topics.map((x) => [x.slug, x.name])} />
          <Select
            id="year"
            label={ctx.t('filter.year')}
            value={filter.year ? String(filter.year) : ''}
            anyLabel={any}
            options={options.years.map((y) => [String(y), String(y)])}
          />
          <div class="actions">
            <button type="submit" safe>
              {ctx.t('filter.apply')}
            </button>
            <a href={ctx.href('/events/past')} safe>
              {ctx.t('filter.clear')}
            </a>
          </div>
        </fieldset>
      </form>
      <p class="count" role="status" safe>
        {page.total === 1 ? ctx.t('events.count.one') : ctx.t('events.count', { count: page.total })}
      </p>
      {page.total === 0 ? (
        <p class="empty" safe>
          {ctx.t('events.past.empty')}
        </p>
      ) : (
        [...byYear].map(([year, events]) => (
          <section aria-labelledby={`y${year}`}>
            <h2 id={`y${year}`} safe>
              {year}
            </h2>
            <EventList ctx={ctx} events={events} headingLevel={3} />
          </section>
        ))
      )}
      <Pager ctx={ctx} page={page} params={new URLSearchParams(ctx.search)} />
    </Layout>
  );
}

function ExternalMedia({ ctx, url, kind }: { ctx: ViewContext; url: string; kind: 'live' | 'recording' }): JSX.Element {
  const host = hostOf(url);
  return (
    <section class="external" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`} safe>
        {ctx.t(kind === 'live' ? 'event.live.title' : 'event.recording.title')}
      </h2>
      <p safe>{ctx.t(kind === 'live' ? 'event.live.explain' : 'event.recording.explain', { host })}</p>
      <p>
        <a class="button" href={url} rel="noopener noreferrer external" safe>
          {ctx.t(kind === 'live' ? 'event.live.open' : 'event.recording.open', { host })}
        </a>
      </p>
    </section>
  );
}

/** How the workspace shows a draft with this view: a banner on top, never indexed, files from /admin/media. */
export interface PreviewOptions {
  banner: JSX.Element;
  mediaBase: string;
}

export function EventPage({
  ctx,
  event,
  upcoming,
  preview,
  availability,
}: {
  ctx: ViewContext;
  event: EventDetail;
  upcoming: boolean;
  preview?: PreviewOptions;
  /** registration: seats left or the waiting list; none when registration is off */
  availability?: Availability;
}): JSX.Element {
  const lang = langAttr(ctx, event.lang);
  const mediaBase = preview?.mediaBase ?? '/media';
  // rendered by the workspace's own JSX, already escaped
  const safeBanner = preview?.banner ?? '';
  return (
    <Layout ctx={ctx} title={event.title} description={event.summary} head={preview ? '' : eventJsonLd(ctx, event)} noindex={Boolean(preview)}>
      {safeBanner}
      <article class="event">
        <p class="kicker">
          <span safe>{ctx.t(`event.type.${event.type}`)}</span>
          {event.series ? <span lang={langAttr(ctx, event.series.lang)} safe>{` · ${event.series.name}`}</span> : ''}
        </p>
        <h1 lang={lang} safe>
          {event.title}
        </h1>
        {event.status === 'cancelled' ? (
          <p class="banner banner-alert" safe>
            {ctx.t('event.cancelled')}
          </p>
        ) : (
          ''
        )}
        {event.notices.map((n) => (
          <section class="banner banner-notice" aria-label={ctx.t('event.notice')}>
            <p lang={langAttr(ctx, n.lang)}>
              <strong safe>{`${ctx.t('event.notice')}: `}</strong>
              <span safe>{n.text}</span>
            </p>
            <p class="muted" safe>
              {ctx.t('event.notice.posted', { date: formatDate(n.createdAt, ctx.locale, event.timeZone) })}
            </p>
          </section>
        ))}
        <p class="lead" lang={lang} safe>
          {event.summary}
        </p>
        {event.image ? (
          <figure class="lead-image">
            <Picture image={event.image} sizes="(min-width: 60em) 50em, 100vw" eager base={mediaBase} />
            {event.image.credit ? <figcaption safe>{ctx.t('event.photo', { credit: event.image.credit })}</figcaption> : ''}
          </figure>
        ) : (
          ''
        )}
        <dl class="facts">
          <dt safe>{ctx.t('event.when')}</dt>
          <dd>
            <time datetime={event.startsAt} safe>
              {formatRange(event.startsAt, event.endsAt, ctx.locale, event.timeZone)}
            </time>
            <br />
            <span class="muted" safe>
              {ctx.t('event.timezone', { zone: zoneName(event.startsAt, ctx.locale, event.timeZone) })}
            </span>
          </dd>
          <dt safe>{ctx.t('event.where')}</dt>
          <dd>
            {event.venue ? <span safe>{[event.venue.name, event.venue.address, event.venue.city].filter(Boolean).join(', ')}</span> : ''}
            {event.venue && event.online ? <br /> : ''}
            {event.online ? <span safe>{ctx.t('event.online')}</span> : ''}
          </dd>
          {event.countries.length ? (
            <>
              <dt safe>{ctx.t('event.countries')}</dt>
              <dd safe>{event.countries.map((c) => countryName(c, ctx.locale)).join(', ')}</dd>
            </>
          ) : (
            ''
          )}
          {event.topics.length ? (
            <>
              <dt safe>{ctx.t('event.topics')}</dt>
              <dd>
                {event.topics.map((x, i) => (
                  <>
                    {i ? ', ' : ''}
                    <a href={ctx.href(`/events/past?topic=${encodeURIComponent(x.slug)}`)} lang={langAttr(ctx, x.lang)} safe>
                      {x.name}
                    </a>
                  </>
                ))}
              </dd>
            </>
          ) : (
            ''
          )}
        </dl>
        {availability && !preview ? <RegistrationBox ctx={ctx} slug={event.slug} availability={availability} /> : ''}
        <Paragraphs text={event.body} lang={lang} />
        {event.people.length ? (
          <section aria-labelledby="people-title">
            <h2 id="people-title" safe>
              {ctx.t('event.speakers')}
            </h2>
            <ul class="people">
              {event.people.map((p) => (
                <li>
                  <strong safe>{p.name}</strong>
                  <span class="muted" safe>{` – ${ctx.t(`event.role.${p.role}`)}`}</span>
                  {p.affiliation ? (
                    <>
                      <br />
                      <span lang={langAttr(ctx, p.lang)} safe>
                        {p.affiliation}
                      </span>
                    </>
                  ) : (
                    ''
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        {event.partners.length ? (
          <section aria-labelledby="partners-title">
            <h2 id="partners-title" safe>
              {ctx.t('event.partners')}
            </h2>
            <ul class="inline-list">
              {event.partners.map((p) => (
                <li safe>{p.name}</li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        {event.documents.length ? (
          <section aria-labelledby="docs-title">
            <h2 id="docs-title" safe>
              {ctx.t('event.documents')}
            </h2>
            <ul>
              {event.documents.map((d) => (
                <li>
                  <a href={`${mediaBase}/${d.key}/file`} lang={langAttr(ctx, d.lang)} download="" safe>
                    {d.title}
                  </a>
                  <span class="muted" safe>{` (PDF, ${formatBytes(d.bytes, ctx.locale)})`}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        {event.liveStreamUrl && upcoming && event.status === 'published' ? <ExternalMedia ctx={ctx} url={event.liveStreamUrl} kind="live" /> : ''}
        {event.recordingUrl ? <ExternalMedia ctx={ctx} url={event.recordingUrl} kind="recording" /> : ''}
        <p class="actions">
          <a href={ctx.href(`/events/${event.slug}.ics`)} safe>
            {ctx.t('event.calendar')}
          </a>
          <a href={ctx.href('/events')} safe>
            {ctx.t('event.back')}
          </a>
        </p>
      </article>
    </Layout>
  );
}

export function VideosPage({ ctx, page }: { ctx: ViewContext; page: Page<EventSummary> }): JSX.Element {
  return (
    <Layout ctx={ctx} title={ctx.t('videos.title')}>
      <h1 safe>{ctx.t('videos.title')}</h1>
      <p safe>{ctx.t('videos.intro')}</p>
      {page.total === 0 ? (
        <p class="empty" safe>
          {ctx.t('videos.empty')}
        </p>
      ) : (
        <EventList ctx={ctx} events={page.items} />
      )}
      <Pager ctx={ctx} page={page} params={new URLSearchParams(ctx.search)} />
    </Layout>
  );
}
