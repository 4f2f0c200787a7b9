import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { EventStatus } from '../../db/schema.js';
import type { StoredDocument, StoredImage } from '../media/media.store.js';
import type { AdminEvent, AdminEventRow, AdminStatusFilter, DashboardFigures, EventFormOptions, EventInput, EventTexts } from './admin-events.schema.js';
import type { EventType, SpeakerRole } from './events.schema.js';

const rowColumns = [
  'events.id',
  'events.slug',
  'events.status',
  'events.hidden',
  'events.type',
  'events.starts_at',
  'events.ends_at',
  'events.time_zone',
] as const;

interface RawRow {
  id: number;
  slug: string;
  status: EventStatus;
  hidden: number;
  type: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  title: string | null;
}

const toRow = (r: RawRow): AdminEventRow => ({
  id: r.id,
  slug: r.slug,
  status: r.status,
  hidden: Number(r.hidden) === 1,
  type: r.type as EventType,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  timeZone: r.time_zone,
  title: r.title ?? r.slug,
});

/** The organiser's side of events: every SQL statement the workspace runs on events. */
export class AdminEventsRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  async list(filter: AdminStatusFilter, limit: number): Promise<AdminEventRow[]> {
    let q = this.db
      .selectFrom('events')
      .leftJoin('event_translations as te', (j) => j.onRef('te.event_id', '=', 'events.id').on('te.locale', '=', 'en'))
      .select([...rowColumns, 'te.title'])
      .orderBy('events.starts_at', 'desc')
      .orderBy('events.id', 'desc')
      .limit(limit);
    if (filter === 'hidden') q = q.where('events.hidden', '=', 1);
    else if (filter !== 'all') q = q.where('events.status', '=', filter);
    return (await q.execute()).map(toRow);
  }

  async dashboard(nowIso: string, limit: number): Promise<DashboardFigures> {
    const count = (status: EventStatus, upcomingOnly: boolean) => {
      let q = this.db.selectFrom('events').where('status', '=', status);
      if (upcomingOnly) q = q.where('ends_at', '>=', nowIso);
      return q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    };
    const [drafts, upcoming, cancelled, next] = await Promise.all([
      count('draft', false),
      count('published', true),
      count('cancelled', true),
      this.db
        .selectFrom('events')
        .leftJoin('event_translations as te', (j) => j.onRef('te.event_id', '=', 'events.id').on('te.locale', '=', 'en'))
        .where('events.ends_at', '>=', nowIso)
        .select([...rowColumns, 'te.title'])
        .orderBy('events.starts_at', 'asc')
        .limit(limit)
        .execute(),
    ]);
    return { drafts: Number(drafts.n), upcoming: Number(upcoming.n), cancelled: Number(cancelled.n), next: next.map(toRow) };
  }

  async get(id: number): Promise<AdminEvent | undefined> {
    const e = await this.db
      .selectFrom('events')
      .leftJoin('media', 'media.id', 'events.image_id')
      .where('events.id', '=', id)
      .select([
        ...rowColumns,
        'events.series_id',
        'events.venue_id',
        'events.online',
        'events.image_credit',
        'events.live_stream_url',
        'events.recording_url',
        'events.published_at',
        'events.updated_at',
        'media.key as image_key',
        'media.variants as image_variants',
      ])
      .executeTakeFirst();
    if (!e) return undefined;
    const [texts, countries, topics, people, partners, documents, notices] = await Promise.all([
      this.db.selectFrom('event_translations').where('event_id', '=', id).select(['locale', 'title', 'summary', 'body', 'image_alt']).execute(),
      this.db.selectFrom('event_countries').where('event_id', '=', id).select('country_code').orderBy('country_code').execute(),
      this.db.selectFrom('event_topics').where('event_id', '=', id).select('topic_id').execute(),
      this.db.selectFrom('event_people').where('event_id', '=', id).select(['person_id', 'role']).orderBy('position').execute(),
      this.db.selectFrom('event_partners').where('event_id', '=', id).select('partner_id').execute(),
      this.documents(id),
      this.notices(id),
    ]);
    const byLocale = (l: string) => texts.find((t) => t.locale === l);
    const en = byLocale('en');
    const sv = byLocale('sv');
    const asTexts = (t: typeof en): EventTexts | null => (t ? { title: t.title, summary: t.summary, body: t.body } : null);
    return {
      ...toRow({ ...e, title: en?.title ?? null }),
      seriesId: e.series_id,
      venueId: e.venue_id,
      online: Number(e.online) === 1,
      countries: countries.map((c) => c.country_code),
      topicIds: topics.map((t) => t.topic_id),
      people: people.map((p) => ({ personId: p.person_id, role: p.role as SpeakerRole })),
      partnerIds: partners.map((p) => p.partner_id),
      liveStreamUrl: e.live_stream_url,
      recordingUrl: e.recording_url,
      texts: { en: asTexts(en) ?? { title: '', summary: '', body: '' }, sv: asTexts(sv) },
      image: e.image_key
        ? {
            key: e.image_key,
            variants: (e.image_variants ?? '').split(',').filter(Boolean).map(Number),
            credit: e.image_credit ?? '',
            alt: { en: en?.image_alt ?? '', sv: sv?.image_alt ?? '' },
          }
        : null,
      documents,
      notices,
      publishedAt: e.published_at,
      updatedAt: e.updated_at,
    };
  }

  private async documents(eventId: number): Promise<AdminEvent['documents']> {
    const rows = await this.db
      .selectFrom('event_documents as d')
      .innerJoin('media', 'media.id', 'd.media_id')
      .leftJoin('event_document_translations as te', (j) => j.onRef('te.document_id', '=', 'd.id').on('te.locale', '=', 'en'))
      .leftJoin('event_document_translations as ts', (j) => j.onRef('ts.document_id', '=', 'd.id').on('ts.locale', '=', 'sv'))
      .where('d.event_id', '=', eventId)
      .select(['d.id', 'media.key', 'media.bytes', 'te.title as en', 'ts.title as sv'])
      .orderBy('d.position')
      .orderBy('d.id')
      .execute();
    return rows.map((r) => ({ id: r.id, key: r.key, bytes: r.bytes, titles: { en: r.en ?? '', sv: r.sv ?? '' } }));
  }

  private async notices(eventId: number): Promise<AdminEvent['notices']> {
    const rows = await this.db
      .selectFrom('change_notices as n')
      .leftJoin('change_notice_translations as te', (j) => j.onRef('te.notice_id', '=', 'n.id').on('te.locale', '=', 'en'))
      .leftJoin('change_notice_translations as ts', (j) => j.onRef('ts.notice_id', '=', 'n.id').on('ts.locale', '=', 'sv'))
      .where('n.event_id', '=', eventId)
      .select(['n.id', 'n.created_at', 'te.text as en', 'ts.text as sv'])
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at, texts: { en: r.en ?? '', sv: r.sv ?? '' } }));
  }

  async slugTaken(tx: Tx, slug: string, exceptId: number | null): Promise<boolean> {
    let q = tx.selectFrom('events').select('id').where('slug', '=', slug);
    if (exceptId !== null) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /** How many of `ids` exist in a catalogue table. */
  async countExisting(tx: Tx, table: 'series' | 'venues' | 'topics' | 'people' | 'partners', ids: number[]): Promise<number> {
    if (!ids.length) return 0;
    const r = await tx
      .selectFrom(table)
      .where('id', 'in', ids)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(tx: Tx, input: EventInput, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('events')
      .values({
        ...eventColumns(input),
        status: 'draft',
        hidden: 0,
        image_id: null,
        image_credit: null,
        created_at: nowIso,
        updated_at: nowIso,
        published_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.writeLinks(tx, id, input, true);
    return id;
  }

  async update(tx: Tx, id: number, input: EventInput, nowIso: string): Promise<void> {
    await tx
      .updateTable('events')
      .set({ ...eventColumns(input), updated_at: nowIso })
      .where('id', '=', id)
      .execute();
    await this.writeLinks(tx, id, input, false);
  }

  /** Texts and links, replaced as a whole; image alt texts are kept. */
  private async writeLinks(tx: Tx, id: number, input: EventInput, fresh: boolean): Promise<void> {
    if (!fresh) {
      await tx.deleteFrom('event_countries').where('event_id', '=', id).execute();
      await tx.deleteFrom('event_topics').where('event_id', '=', id).execute();
      await tx.deleteFrom('event_people').where('event_id', '=', id).execute();
      await tx.deleteFrom('event_partners').where('event_id', '=', id).execute();
      if (!input.texts.sv) await tx.deleteFrom('event_translations').where('event_id', '=', id).where('locale', '=', 'sv').execute();
    }
    for (const locale of ['en', 'sv'] as const) {
      const t = input.texts[locale];
      if (!t) continue;
      await tx
        .insertInto('event_translations')
        .values({ event_id: id, locale, title: t.title, summary: t.summary, body: t.body, image_alt: '' })
        .onConflict((oc) => oc.columns(['event_id', 'locale']).doUpdateSet({ title: t.title, summary: t.summary, body: t.body }))
        .execute();
    }
    if (input.countries.length)
      await tx
        .insertInto('event_countries')
        .values(input.countries.map((c) => ({ event_id: id, country_code: c })))
        .execute();
    if (input.topicIds.length)
      await tx
        .insertInto('event_topics')
        .values(input.topicIds.map((t) => ({ event_id: id, topic_id: t })))
        .execute();
    if (input.partnerIds.length)
      await tx
        .insertInto('event_partners')
        .values(input.partnerIds.map((p) => ({ event_id: id, partner_id: p })))
        .execute();
    if (input.people.length) {
      await tx
        .insertInto('event_people')
        .values(input.people.map((p, position) => ({ event_id: id, person_id: p.personId, role: p.role, position })))
        .execute();
    }
  }

  async setState(tx: Tx, id: number, patch: { status?: EventStatus; hidden?: number; publishedAt?: string }, nowIso: string): Promise<void> {
    await tx
      .updateTable('events')
      .set({
        updated_at: nowIso,
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.hidden !== undefined ? { hidden: patch.hidden } : {}),
        ...(patch.publishedAt ? { published_at: sql<string>`coalesce(published_at, ${patch.publishedAt})` } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async touch(tx: Tx, id: number, nowIso: string): Promise<void> {
    await tx.updateTable('events').set({ updated_at: nowIso }).where('id', '=', id).execute();
  }

  async insertImage(tx: Tx, stored: StoredImage, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('media')
      .values({
        key: stored.key,
        kind: 'image',
        mime: stored.mime,
        bytes: stored.bytes,
        width: stored.width,
        height: stored.height,
        variants: stored.variants,
        created_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async insertDocumentMedia(tx: Tx, stored: StoredDocument, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('media')
      .values({ key: stored.key, kind: 'document', mime: stored.mime, bytes: stored.bytes, width: null, height: null, variants: '', created_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  /** The event's image media row, if any: its id and key. */
  async imageOf(tx: Tx, eventId: number): Promise<{ id: number; key: string } | undefined> {
    return tx
      .selectFrom('events')
      .innerJoin('media', 'media.id', 'events.image_id')
      .where('events.id', '=', eventId)
      .select(['media.id', 'media.key'])
      .executeTakeFirst();
  }

  /** Sets the lead image (or only its texts when `mediaId` is undefined). The Swedish alt text goes where a Swedish version exists. */
  async setImage(
    tx: Tx,
    eventId: number,
    mediaId: number | null | undefined,
    credit: string | null,
    alt: { en: string; sv: string },
    nowIso: string,
  ): Promise<void> {
    await tx
      .updateTable('events')
      .set({ ...(mediaId !== undefined ? { image_id: mediaId } : {}), image_credit: credit, updated_at: nowIso })
      .where('id', '=', eventId)
      .execute();
    for (const locale of ['en', 'sv'] as const) {
      await tx.updateTable('event_translations').set({ image_alt: alt[locale] }).where('event_id', '=', eventId).where('locale', '=', locale).execute();
    }
  }

  async hasSwedish(tx: Tx | Db, eventId: number): Promise<boolean> {
    const r = await tx.selectFrom('event_translations').select('event_id').where('event_id', '=', eventId).where('locale', '=', 'sv').executeTakeFirst();
    return r !== undefined;
  }

  /** Whether any event or document still uses a media row (the demo shares images between events). */
  async mediaInUse(tx: Tx, mediaId: number): Promise<boolean> {
    const [asImage, asDocument] = await Promise.all([
      tx.selectFrom('events').select('id').where('image_id', '=', mediaId).executeTakeFirst(),
      tx.selectFrom('event_documents').select('id').where('media_id', '=', mediaId).executeTakeFirst(),
    ]);
    return asImage !== undefined || asDocument !== undefined;
  }

  async deleteMedia(tx: Tx, mediaId: number): Promise<void> {
    await tx.deleteFrom('media').where('id', '=', mediaId).execute();
  }

  async addDocument(tx: Tx, eventId: number, mediaId: number, titles: { en: string; sv: string }): Promise<number> {
    const pos = await tx
      .selectFrom('event_documents')
      .where('event_id', '=', eventId)
      .select((eb) => eb.fn.max<number | null>('position').as('p'))
      .executeTakeFirst();
    const { id } = await tx
      .insertInto('event_documents')
      .values({ event_id: eventId, media_id: mediaId, position: Number(pos?.p ?? -1) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = (['en', 'sv'] as const).filter((l) => titles[l]).map((locale) => ({ document_id: id, locale, title: titles[locale] }));
    await tx.insertInto('event_document_translations').values(rows).execute();
    return id;
  }

  /** Removes a document of this event; returns its media row, or undefined when it is not this event's. */
  async removeDocument(tx: Tx, eventId: number, documentId: number): Promise<{ mediaId: number; key: string } | undefined> {
    const doc = await tx
      .selectFrom('event_documents as d')
      .innerJoin('media', 'media.id', 'd.media_id')
      .where('d.id', '=', documentId)
      .where('d.event_id', '=', eventId)
      .select(['d.media_id', 'media.key'])
      .executeTakeFirst();
    if (!doc) return undefined;
    await tx.deleteFrom('event_documents').where('id', '=', documentId).execute();
    await tx.deleteFrom('media').where('id', '=', doc.media_id).execute();
    return { mediaId: doc.media_id, key: doc.key };
  }

  async addNotice(tx: Tx, eventId: number, texts: { en: string; sv: string }, nowIso: string): Promise<number> {
    const { id } = await tx.insertInto('change_notices').values({ event_id: eventId, created_at: nowIso }).returning('id').executeTakeFirstOrThrow();
    const rows = (['en', 'sv'] as const).filter((l) => texts[l]).map((locale) => ({ notice_id: id, locale, text: texts[locale] }));
    await tx.insertInto('change_notice_translations').values(rows).execute();
    return id;
  }

  /** The choices of the event form, named in English (the workspace's reference language). */
  async formOptions(): Promise<Omit<EventFormOptions, 'types' | 'roles' | 'timeZones'>> {
    const [series, venues, people, partners, topics] = await Promise.all([
      this.db
        .selectFrom('series')
        .leftJoin('series_translations as te', (j) => j.onRef('te.series_id', '=', 'series.id').on('te.locale', '=', 'en'))
        .select(['series.id', sql<string>`coalesce(te.name, series.slug)`.as('name')])
        .execute(),
      this.db
        .selectFrom('venues')
        .select(['id', sql<string>`name || ', ' || city`.as('name')])
        .execute(),
      this.db.selectFrom('people').select(['id', 'name']).execute(),
      this.db.selectFrom('partners').select(['id', 'name']).execute(),
      this.db
        .selectFrom('topics')
        .leftJoin('topic_translations as te', (j) => j.onRef('te.topic_id', '=', 'topics.id').on('te.locale', '=', 'en'))
        .select(['topics.id', sql<string>`coalesce(te.name, topics.slug)`.as('name')])
        .execute(),
    ]);
    const sorted = (rows: { id: number; name: string }[]) => rows.sort((a, b) => a.name.localeCompare(b.name, 'en'));
    return { series: sorted(series), venues: sorted(venues), people: sorted(people), partners: sorted(partners), topics: sorted(topics) };
  }

  /** A media file the workspace may show, for previews: any image or document attached to some event. */
  async attachedMedia(key: string): Promise<{ key: string; kind: string; mime: string; variants: string } | undefined> {
    return this.db
      .selectFrom('media')
      .where('media.key', '=', key)
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('events').select('events.id').whereRef('events.image_id', '=', 'media.id')),
          eb.exists(eb.selectFrom('event_documents as d').select('d.id').whereRef('d.media_id', '=', 'media.id')),
        ]),
      )
      .select(['media.key', 'media.kind', 'media.mime', 'media.variants'])
      .executeTakeFirst();
  }
}

function eventColumns(input: EventInput) {
  return {
    slug: input.slug,
    type: input.type,
    series_id: input.seriesId,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    time_zone: input.timeZone,
    venue_id: input.venueId,
    online: input.online ? 1 : 0,
    live_stream_url: input.liveStreamUrl,
    recording_url: input.recordingUrl,
  };
}
