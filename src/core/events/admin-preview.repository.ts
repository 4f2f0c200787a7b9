import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Locale } from '../../i18n/index.js';
import type { EventDetail, EventType, SpeakerRole } from './events.schema.js';

/**
 * An event of any status read the way the public page reads a public one, so the
 * workspace can show a draft exactly as visitors will see it. Only staff with
 * event.read-drafts reach this (src/core/events/admin-events.service.ts checks).
 */
export class AdminPreviewRepository {
  constructor(private readonly db: Db) {}

  async detail(id: number, locale: Locale): Promise<EventDetail | undefined> {
    const row = await this.db
      .selectFrom('events')
      .leftJoin('event_translations as tl', (j) => j.onRef('tl.event_id', '=', 'events.id').on('tl.locale', '=', locale))
      .leftJoin('event_translations as te', (j) => j.onRef('te.event_id', '=', 'events.id').on('te.locale', '=', 'en'))
      .leftJoin('venues', 'venues.id', 'events.venue_id')
      .leftJoin('media', 'media.id', 'events.image_id')
      .leftJoin('series', 'series.id', 'events.series_id')
      .leftJoin('series_translations as sl', (j) => j.onRef('sl.series_id', '=', 'series.id').on('sl.locale', '=', locale))
      .leftJoin('series_translations as se', (j) => j.onRef('se.series_id', '=', 'series.id').on('se.locale', '=', 'en'))
      .where('events.id', '=', id)
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
        'events.live_stream_url',
        'events.recording_url',
        'events.updated_at',
        'events.published_at',
        'venues.name as venue_name',
        'venues.address as venue_address',
        'venues.city as venue_city',
        'venues.country_code as venue_country',
        'media.key as image_key',
        'media.variants as image_variants',
        'media.width as image_width',
        'media.height as image_height',
        'series.slug as series_slug',
        sql<string | null>`coalesce(sl.name, se.name)`.as('series_name'),
        sql<number>`case when sl.name is null then 1 else 0 end`.as('series_fallback'),
        sql<string>`coalesce(tl.title, te.title, '')`.as('title'),
        sql<string>`coalesce(tl.summary, te.summary, '')`.as('summary'),
        sql<string>`coalesce(tl.body, te.body, '')`.as('body'),
        sql<string>`coalesce(tl.image_alt, te.image_alt, '')`.as('image_alt'),
        sql<number>`case when tl.title is null then 1 else 0 end`.as('fallback'),
      ])
      .executeTakeFirst();
    if (!row) return undefined;
    const langOf = (fallback: number) => (Number(fallback) ? 'en' : locale);
    const lang = langOf(row.fallback);
    const [people, partners, countries, topics, documents, notices] = await Promise.all([
      this.db
        .selectFrom('event_people as ep')
        .innerJoin('people', 'people.id', 'ep.person_id')
        .leftJoin('person_translations as tl', (j) => j.onRef('tl.person_id', '=', 'people.id').on('tl.locale', '=', locale))
        .leftJoin('person_translations as te', (j) => j.onRef('te.person_id', '=', 'people.id').on('te.locale', '=', 'en'))
        .where('ep.event_id', '=', id)
        .select(['people.name', 'ep.role', sql<string>`coalesce(tl.affiliation, te.affiliation, '')`.as('affiliation'), sql<number>`case when tl.affiliation is null then 1 else 0 end`.as('fallback')])
        .orderBy('ep.position')
        .execute(),
      this.db.selectFrom('event_partners as ep').innerJoin('partners', 'partners.id', 'ep.partner_id').where('ep.event_id', '=', id).select(['partners.name', 'partners.url']).orderBy('partners.name').execute(),
      this.db.selectFrom('event_countries').where('event_id', '=', id).select('country_code').orderBy('country_code').execute(),
      this.db
        .selectFrom('event_topics as et')
        .innerJoin('topics', 'topics.id', 'et.topic_id')
        .leftJoin('topic_translations as tl', (j) => j.onRef('tl.topic_id', '=', 'topics.id').on('tl.locale', '=', locale))
        .leftJoin('topic_translations as te', (j) => j.onRef('te.topic_id', '=', 'topics.id').on('te.locale', '=', 'en'))
        .where('et.event_id', '=', id)
        .select(['topics.slug', sql<string>`coalesce(tl.name, te.name, topics.slug)`.as('name'), sql<number>`case when tl.name is null then 1 else 0 end`.as('fallback')])
        .execute(),
      this.db
        .selectFrom('event_documents as d')
        .innerJoin('media', 'media.id', 'd.media_id')
        .leftJoin('event_document_translations as tl', (j) => j.onRef('tl.document_id', '=', 'd.id').on('tl.locale', '=', locale))
        .leftJoin('event_document_translations as te', (j) => j.onRef('te.document_id', '=', 'd.id').on('te.locale', '=', 'en'))
        .where('d.event_id', '=', id)
        .select(['media.key', 'media.mime', 'media.bytes', sql<string>`coalesce(tl.title, te.title, '')`.as('title'), sql<number>`case when tl.title is null then 1 else 0 end`.as('fallback')])
        .orderBy('d.position')
        .execute(),
      this.db
        .selectFrom('change_notices as n')
        .leftJoin('change_notice_translations as tl', (j) => j.onRef('tl.notice_id', '=', 'n.id').on('tl.locale', '=', locale))
        .leftJoin('change_notice_translations as te', (j) => j.onRef('te.notice_id', '=', 'n.id').on('te.locale', '=', 'en'))
        .where('n.event_id', '=', id)
        .select(['n.created_at', sql<string>`coalesce(tl.text, te.text, '')`.as('text'), sql<number>`case when tl.text is null then 1 else 0 end`.as('fallback')])
        .orderBy('n.created_at', 'desc')
        .execute(),
    ]);
    return {
      id: row.id,
      slug: row.slug,
      type: row.type as EventType,
      // A draft shows as it will look once published.
      status: row.status === 'cancelled' ? 'cancelled' : 'published',
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      timeZone: row.time_zone,
      title: row.title,
      summary: row.summary,
      body: row.body,
      lang,
      online: Number(row.online) === 1,
      venueName: row.venue_name,
      city: row.venue_city,
      hasRecording: !!row.recording_url,
      updatedAt: row.updated_at,
      image: row.image_key
        ? {
            key: row.image_key,
            variants: (row.image_variants ?? '').split(',').filter(Boolean).map(Number),
            width: row.image_width,
            height: row.image_height,
            alt: row.image_alt,
            altLang: lang,
            credit: row.image_credit,
          }
        : null,
      series: row.series_slug ? { slug: row.series_slug, name: row.series_name ?? row.series_slug, lang: langOf(row.series_fallback) } : null,
      venue: row.venue_name ? { name: row.venue_name, address: row.venue_address ?? '', city: row.venue_city ?? '', countryCode: row.venue_country ?? '' } : null,
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
}
