import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Locale } from '../../i18n/index.js';
import type { EventDetail, EventSummary, EventType, FilterOptions, PastFilter, SpeakerRole } from './events.schema.js';

/** What every public surface may show: published or cancelled, and not hidden. */
export const publicStatuses = ['published', 'cancelled'] as const;

type EventsQuery = SelectQueryBuilder<Database, 'events', object>;

function onlyPublic(eb: ExpressionBuilder<Database, 'events'>) {
  return eb.and([eb('events.status', 'in', publicStatuses), eb('events.hidden', '=', 0)]);
}

/** Escapes LIKE wildcards so a search for "50%" means the characters. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function summarySelect(locale: Locale) {
  return (qb: EventsQuery) =>
    qb
      .leftJoin('event_translations as tl', (j) => j.onRef('tl.event_id', '=', 'events.id').on('tl.locale', '=', locale))
      .leftJoin('event_translations as te', (j) => j.onRef('te.event_id', '=', 'events.id').on('te.locale', '=', 'en'))
      .leftJoin('venues', 'venues.id', 'events.venue_id')
      .leftJoin('media', 'media.id', 'events.image_id')
      .select([
        'events.id',
        'events.slug',
        'events.type',
        'events.status',
        'events.starts_at',
        'events.ends_at',
        'events.time_zone',
        'events.online',
        'events.image_credit',
        'events.recording_url',
        'events.updated_at',
        'venues.name as venue_name',
        'venues.city as venue_city',
        'media.key as image_key',
        'media.variants as image_variants',
        'media.width as image_width',
        'media.height as image_height',
        sql<string>`coalesce(tl.title, te.title, '')`.as('title'),
        sql<string>`coalesce(tl.summary, te.summary, '')`.as('summary'),
        sql<string>`coalesce(tl.image_alt, te.image_alt, '')`.as('image_alt'),
        sql<number>`case when tl.title is null then 1 else 0 end`.as('fallback'),
      ]);
}

type SummaryRow = {
  id: number;
  slug: string;
  type: string;
  status: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  online: number;
  image_credit: string | null;
  recording_url: string | null;
  updated_at: string;
  venue_name: string | null;
  venue_city: string | null;
  image_key: string | null;
  image_variants: string | null;
  image_width: number | null;
  image_height: number | null;
  title: string;
  summary: string;
  image_alt: string;
  fallback: number;
};

function toSummary(r: SummaryRow, locale: Locale): EventSummary {
  const lang = Number(r.fallback) ? 'en' : locale;
  return {
    id: r.id,
    slug: r.slug,
    type: r.type as EventType,
    status: r.status as 'published' | 'cancelled',
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    timeZone: r.time_zone,
    title: r.title,
    summary: r.summary,
    lang,
    online: r.online === 1,
    venueName: r.venue_name,
    city: r.venue_city,
    hasRecording: !!r.recording_url,
    updatedAt: r.updated_at,
    image: r.image_key
      ? {
          key: r.image_key,
          variants: (r.image_variants ?? '').split(',').filter(Boolean).map(Number),
          width: r.image_width,
          height: r.image_height,
          alt: r.image_alt,
          altLang: lang,
          credit: r.image_credit,
        }
      : null,
  };
}

function applyPastFilter(qb: EventsQuery, f: PastFilter): EventsQuery {
  let q = qb;
  if (f.type) q = q.where('events.type', '=', f.type);
  if (f.year) {
    q = q.where('events.starts_at', '>=', `${f.year}-01-01`).where('events.starts_at', '<', `${f.year + 1}-01-01`);
  }
  if (f.country) {
    const code = f.country;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('event_countries as ec').select('ec.event_id').whereRef('ec.event_id', '=', 'events.id').where('ec.country_code', '=', code)),
    );
  }
  if (f.topic) {
    const slug = f.topic;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_topics as et')
          .innerJoin('topics', 'topics.id', 'et.topic_id')
          .select('et.event_id')
          .whereRef('et.event_id', '=', 'events.id')
          .where('topics.slug', '=', slug),
      ),
    );
  }
  if (f.q) {
    const pattern = likePattern(f.q);
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_translations as s')
          .select('s.event_id')
          .whereRef('s.event_id', '=', 'events.id')
          .where((w) =>
            w.or([
              w(sql`lower(s.title)`, 'like', sql`${pattern} escape '\\'`),
              w(sql`lower(s.summary)`, 'like', sql`${pattern} escape '\\'`),
              w(sql`lower(s.body)`, 'like', sql`${pattern} escape '\\'`),
            ]),
          ),
      ),
    );
  }
  return q;
}

export class EventsRepository {
  constructor(private readonly db: Db) {}

  async upcoming(nowIso: string, locale: Locale, limit: number, offset: number): Promise<{ items: EventSummary[]; total: number }> {
    const base = this.db.selectFrom('events').where(onlyPublic).where('events.ends_at', '>=', nowIso);
    const pageIds = base.select('events.id').orderBy('events.starts_at', 'asc').orderBy('events.id', 'asc').limit(limit).offset(offset);
    const [rows, count] = await Promise.all([
      summarySelect(locale)(this.db.selectFrom('events').where('events.id', 'in', pageIds))
        .orderBy('events.starts_at', 'asc')
        .orderBy('events.id', 'asc')
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => toSummary(r as SummaryRow, locale)), total: Number(count.n) };
  }

  async past(nowIso: string, locale: Locale, filter: PastFilter, limit: number, offset: number): Promise<{ items: EventSummary[]; total: number }> {
    const base = applyPastFilter(this.db.selectFrom('events').where(onlyPublic).where('events.ends_at', '<', nowIso), filter);
    const pageIds = base.select('events.id').orderBy('events.starts_at', 'desc').orderBy('events.id', 'desc').limit(limit).offset(offset);
    const [rows, count] = await Promise.all([
      summarySelect(locale)(this.db.selectFrom('events').where('events.id', 'in', pageIds))
        .orderBy('events.starts_at', 'desc')
        .orderBy('events.id', 'desc')
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => toSummary(r as SummaryRow, locale)), total: Number(count.n) };
  }

  async recordings(locale: Locale, limit: number, offset: number): Promise<{ items: EventSummary[]; total: number }> {
    const base = this.db.selectFrom('events').where(onlyPublic).where('events.recording_url', 'is not', null);
    const [rows, count] = await Promise.all([
      summarySelect(locale)(base).orderBy('events.starts_at', 'desc').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => toSummary(r as SummaryRow, locale)), total: Number(count.n) };
  }

  /** Public events starting at or after `fromIso`, for feeds and the sitemap. */
  async forFeeds(fromIso: string, locale: Locale, limit: number): Promise<EventSummary[]> {
    const base = this.db.selectFrom('events').where(onlyPublic).where('events.ends_at', '>=', fromIso);
    const rows = await summarySelect(locale)(base).orderBy('events.starts_at', 'asc').limit(limit).execute();
    return rows.map((r) => toSummary(r as SummaryRow, locale));
  }

  /** Slugs and change times of every public event, for the sitemap. */
  async publicSlugs(limit: number): Promise<{ slug: string; updatedAt: string }[]> {
    const rows = await this.db.selectFrom('events').where(onlyPublic).select(['slug', 'updated_at']).orderBy('starts_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
  }

  async filterOptions(nowIso: string, locale: Locale): Promise<FilterOptions> {
    const past = this.db.selectFrom('events').where(onlyPublic).where('events.ends_at', '<', nowIso);
    const [types, countries, topics, years] = await Promise.all([
      past.select('events.type').distinct().orderBy('events.type').execute(),
      past.innerJoin('event_countries as ec', 'ec.event_id', 'events.id').select('ec.country_code').distinct().execute(),
      past
        .innerJoin('event_topics as et', 'et.event_id', 'events.id')
        .innerJoin('topics', 'topics.id', 'et.topic_id')
        .leftJoin('topic_translations as tl', (j) => j.onRef('tl.topic_id', '=', 'topics.id').on('tl.locale', '=', locale))
        .leftJoin('topic_translations as te', (j) => j.onRef('te.topic_id', '=', 'topics.id').on('te.locale', '=', 'en'))
        .select([
          'topics.slug',
          sql<string>`coalesce(tl.name, te.name, topics.slug)`.as('name'),
          sql<number>`case when tl.name is null then 1 else 0 end`.as('fallback'),
        ])
        .distinct()
        .execute(),
      past
        .select(sql<string>`substr(events.starts_at, 1, 4)`.as('y'))
        .distinct()
        .execute(),
    ]);
    return {
      types: types.map((r) => r.type as EventType),
      countries: countries.map((r) => r.country_code),
      topics: topics
        .map((r) => ({ slug: r.slug, name: r.name, lang: Number(r.fallback) ? 'en' : locale }))
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
      years: years.map((r) => Number(r.y)).sort((a, b) => b - a),
    };
  }

  publicDetail(slug: string, locale: Locale): Promise<EventDetail | undefined> {
    return this.detail(locale, (qb) => qb.where(onlyPublic).where('events.slug', '=', slug));
  }

  /**
   * An event of ANY status, read exactly as the public page reads a public one, for the
   * workspace's preview of drafts. Only the admin events service calls it, after checking
   * event.read-drafts. A draft shows as it will look once published.
   */
  async previewDetail(id: number, locale: Locale): Promise<EventDetail | undefined> {
    const event = await this.detail(locale, (qb) => qb.where('events.id', '=', id));
    return event && { ...event, status: event.status === 'cancelled' ? 'cancelled' : 'published' };
  }

  private async detail(locale: Locale, which: (qb: EventsQuery) => EventsQuery): Promise<EventDetail | undefined> {
    const row = await summarySelect(locale)(which(this.db.selectFrom('events')))
      .leftJoin('series', 'series.id', 'events.series_id')
      .select([
        'events.series_id',
        'events.live_stream_url',
        'events.published_at',
        'series.slug as series_slug',
        'venues.address as venue_address',
        'venues.country_code as venue_country',
        sql<string>`coalesce(tl.body, te.body, '')`.as('body'),
      ])
      .executeTakeFirst();
    if (!row) return undefined;
    const summary = toSummary(row, locale);
    const id = row.id;
    const [series, people, partners, countries, topics, documents, notices] = await Promise.all([
      row.series_id === null ? Promise.resolve(undefined) : this.seriesName(row.series_id, locale),
      this.db
        .selectFrom('event_people as ep')
        .innerJoin('people', 'people.id', 'ep.person_id')
        .leftJoin('person_translations as tl', (j) => j.onRef('tl.person_id', '=', 'people.id').on('tl.locale', '=', locale))
        .leftJoin('person_translations as te', (j) => j.onRef('te.person_id', '=', 'people.id').on('te.locale', '=', 'en'))
        .where('ep.event_id', '=', id)
        .select([
          'people.name',
          'ep.role',
          // Without consent to a public profile, the name only: no affiliation or role text.
          sql<string>`case when people.public_profile = 1 then coalesce(tl.affiliation, te.affiliation, '') else '' end`.as('affiliation'),
          sql<number>`case when tl.affiliation is null then 1 else 0 end`.as('fallback'),
        ])
        .orderBy('ep.position')
        .execute(),
      this.db
        .selectFrom('event_partners as ep')
        .innerJoin('partners', 'partners.id', 'ep.partner_id')
        .where('ep.event_id', '=', id)
        .select(['partners.name', 'partners.url'])
        .orderBy('partners.name')
        .execute(),
      this.db.selectFrom('event_countries').where('event_id', '=', id).select('country_code').orderBy('country_code').execute(),
      this.db
        .selectFrom('event_topics as et')
        .innerJoin('topics', 'topics.id', 'et.topic_id')
        .leftJoin('topic_translations as tl', (j) => j.onRef('tl.topic_id', '=', 'topics.id').on('tl.locale', '=', locale))
        .leftJoin('topic_translations as te', (j) => j.onRef('te.topic_id', '=', 'topics.id').on('te.locale', '=', 'en'))
        .where('et.event_id', '=', id)
        .select([
          'topics.slug',
          sql<string>`coalesce(tl.name, te.name, topics.slug)`.as('name'),
          sql<number>`case when tl.name is null then 1 else 0 end`.as('fallback'),
        ])
        .execute(),
      this.db
        .selectFrom('event_documents as d')
        .innerJoin('media', 'media.id', 'd.media_id')
        .leftJoin('event_document_translations as tl', (j) => j.onRef('tl.document_id', '=', 'd.id').on('tl.locale', '=', locale))
        .leftJoin('event_document_translations as te', (j) => j.onRef('te.document_id', '=', 'd.id').on('te.locale', '=', 'en'))
        .where('d.event_id', '=', id)
        .select([
          'media.key',
          'media.mime',
          'media.bytes',
          sql<string>`coalesce(tl.title, te.title, '')`.as('title'),
          sql<number>`case when tl.title is null then 1 else 0 end`.as('fallback'),
        ])
        .orderBy('d.position')
        .execute(),
      this.db
        .selectFrom('change_notices as n')
        .leftJoin('change_notice_translations as tl', (j) => j.onRef('tl.notice_id', '=', 'n.id').on('tl.locale', '=', locale))
        .leftJoin('change_notice_translations as te', (j) => j.onRef('te.notice_id', '=', 'n.id').on('te.locale', '=', 'en'))
        .where('n.event_id', '=', id)
        .select([
          'n.created_at',
          sql<string>`coalesce(tl.text, te.text, '')`.as('text'),
          sql<number>`case when tl.text is null then 1 else 0 end`.as('fallback'),
        ])
        .orderBy('n.created_at', 'desc')
        .execute(),
    ]);
    const langOf = (fallback: number) => (Number(fallback) ? 'en' : locale);
    return {
      ...summary,
      body: row.body,
      series: series ?? null,
      venue: row.venue_name
        ? { name: row.venue_name, address: row.venue_address ?? '', city: row.venue_city ?? '', countryCode: row.venue_country ?? '' }
        : null,
      people: people.map((p) => ({ name: p.name, role: p.role as SpeakerRole, affiliation: p.affiliation, lang: langOf(p.fallback) })),
      partners,
      countries: countries.map((c) => c.country_code),
      topics: topics.map((x) => ({ slug: x.slug, name: x.name, lang: langOf(x.fallback) })),
      documents: documents.map((d) => ({ key: d.key, mime: d.mime, bytes: d.bytes, title: d.title, lang: langOf(d.fallback) })),
      notices: notices.map((n) => ({ text: n.text, createdAt: n.created_at, lang: langOf(n.fallback) })),
      liveStreamUrl: row.live_stream_url,
      recordingUrl: row.recording_url,
      publishedAt: row.published_at,
    };
  }

  private async seriesName(seriesId: number, locale: Locale) {
    const r = await this.db
      .selectFrom('series')
      .leftJoin('series_translations as tl', (j) => j.onRef('tl.series_id', '=', 'series.id').on('tl.locale', '=', locale))
      .leftJoin('series_translations as te', (j) => j.onRef('te.series_id', '=', 'series.id').on('te.locale', '=', 'en'))
      .where('series.id', '=', seriesId)
      .select([
        'series.slug',
        sql<string>`coalesce(tl.name, te.name, series.slug)`.as('name'),
        sql<number>`case when tl.name is null then 1 else 0 end`.as('fallback'),
      ])
      .executeTakeFirst();
    return r ? { slug: r.slug, name: r.name, lang: Number(r.fallback) ? 'en' : locale } : undefined;
  }

  /** Whether any public, non-cancelled event is streaming at `nowIso`. */
  async liveNow(nowIso: string, locale: Locale): Promise<EventSummary | undefined> {
    const base = this.db
      .selectFrom('events')
      .where(onlyPublic)
      .where('events.status', '=', 'published')
      .where('events.live_stream_url', 'is not', null)
      .where('events.starts_at', '<=', nowIso)
      .where('events.ends_at', '>=', nowIso);
    const row = await summarySelect(locale)(base).orderBy('events.starts_at').executeTakeFirst();
    return row ? toSummary(row, locale) : undefined;
  }
}
