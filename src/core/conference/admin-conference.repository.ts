import type { Db, Tx } from '../../db/database.js';
import type { ConferenceEditionStatus } from '../../db/schema.js';
import {
  editionTextsJson,
  textOf,
  type AdminEdition,
  type AdminEditionRow,
  type AdminEmptyChair,
  type AdminRoom,
  type AdminTrack,
  type EditionInput,
  type EmptyChairInput,
  type RoomInput,
  type TrackInput,
} from './admin-conference.schema.js';
import { isEmptyChairReason } from './conference.schema.js';

const n = (v: unknown): number => Number(v);
const nullableNumber = (v: number | string | null): number | null => (v === null ? null : Number(v));

const editionColumns = [
  'e.id',
  'e.year',
  'e.status',
  'e.programme_status',
  'e.starts_on',
  'e.ends_on',
  'e.time_zone',
  'e.texts',
  'e.venue_id',
  'e.open_event_id',
  'e.participants',
  'e.defenders',
  'e.countries',
  'e.continents',
] as const;

/**
 * Every SQL statement of the programme editor (the read side for visitors stays in
 * conference.repository.ts). Writes take the caller's transaction.
 */
export class AdminConferenceRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  // ---- editions

  private async sessionCounts(q: Db | Tx, editionIds: number[]): Promise<Map<number, number>> {
    if (!editionIds.length) return new Map();
    const rows = await q
      .selectFrom('conference_sessions')
      .select(['edition_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('edition_id', 'in', editionIds)
      .groupBy('edition_id')
      .execute();
    return new Map(rows.map((r) => [n(r.edition_id), n(r.n)]));
  }

  async editions(): Promise<AdminEditionRow[]> {
    const rows = await this.db.selectFrom('conference_editions as e').select(editionColumns).orderBy('e.year', 'desc').limit(500).execute();
    const counts = await this.sessionCounts(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      year: n(r.year),
      status: r.status,
      programmeStatus: r.programme_status,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      timeZone: r.time_zone,
      theme: textOf(r.texts, 'en', 'theme'),
      sessions: counts.get(r.id) ?? 0,
    }));
  }

  /** An edition by year; its number of sessions only when asked for (`counts`), else 0. */
  async edition(q: Db | Tx, year: number, opts: { counts?: boolean } = {}): Promise<AdminEdition | undefined> {
    const r = await q
      .selectFrom('conference_editions as e')
      .leftJoin('venues as v', 'v.id', 'e.venue_id')
      .leftJoin('event_translations as et', (j) => j.onRef('et.event_id', '=', 'e.open_event_id').on('et.locale', '=', 'en'))
      .select([...editionColumns, 'v.name as venue_name', 'et.title as event_title'])
      .where('e.year', '=', year)
      .executeTakeFirst();
    if (!r) return undefined;
    const counts = opts.counts ? await this.sessionCounts(q, [r.id]) : new Map<number, number>();
    return {
      id: r.id,
      year: n(r.year),
      status: r.status,
      programmeStatus: r.programme_status,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      timeZone: r.time_zone,
      theme: textOf(r.texts, 'en', 'theme'),
      sessions: counts.get(r.id) ?? 0,
      venueId: r.venue_id,
      venueName: r.venue_name,
      openEventId: r.open_event_id,
      openEventTitle: r.event_title,
      participants: nullableNumber(r.participants),
      defenders: nullableNumber(r.defenders),
      countries: nullableNumber(r.countries),
      continents: nullableNumber(r.continents),
      texts: r.texts,
    };
  }

  async yearTaken(tx: Tx, year: number, exceptId: number | null): Promise<boolean> {
    let q = tx.selectFrom('conference_editions').select('id').where('year', '=', year);
    if (exceptId !== null) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async exists(tx: Tx, table: 'venues' | 'events', id: number): Promise<boolean> {
    return (await tx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  private editionValues(input: EditionInput, nowIso: string) {
    return {
      year: input.year,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      time_zone: input.timeZone,
      venue_id: input.venueId,
      open_event_id: input.openEventId,
      participants: input.participants,
      defenders: input.defenders,
      countries: input.countries,
      continents: input.continents,
      texts: editionTextsJson(input.texts),
      updated_at: nowIso,
    };
  }

  async insertEdition(tx: Tx, input: EditionInput, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('conference_editions')
      .values({ ...this.editionValues(input, nowIso), status: 'draft', programme_status: 'draft', created_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateEdition(tx: Tx, id: number, input: EditionInput, nowIso: string): Promise<void> {
    await tx.updateTable('conference_editions').set(this.editionValues(input, nowIso)).where('id', '=', id).execute();
  }

  async setEditionState(tx: Tx, id: number, change: { status?: ConferenceEditionStatus; programme_status?: ConferenceEditionStatus }, nowIso: string) {
    await tx
      .updateTable('conference_editions')
      .set({ ...change, updated_at: nowIso })
      .where('id', '=', id)
      .execute();
  }

  async venues(): Promise<{ id: number; name: string }[]> {
    return this.db.selectFrom('venues').select(['id', 'name']).orderBy('name').orderBy('id').limit(1000).execute();
  }

  /** Events that may be an edition's open session, newest first, with their English titles. */
  async events(): Promise<{ id: number; title: string; startsAt: string; timeZone: string }[]> {
    const rows = await this.db
      .selectFrom('events')
      .leftJoin('event_translations as t', (j) => j.onRef('t.event_id', '=', 'events.id').on('t.locale', '=', 'en'))
      .select(['events.id', 'events.slug', 'events.starts_at', 'events.time_zone', 't.title'])
      .orderBy('events.starts_at', 'desc')
      .orderBy('events.id', 'desc')
      .limit(500)
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title ?? r.slug, startsAt: r.starts_at, timeZone: r.time_zone }));
  }

  async people(tx: Tx | Db = this.db): Promise<{ id: number; name: string }[]> {
    return tx.selectFrom('people').select(['id', 'name']).orderBy('name').orderBy('id').limit(2000).execute();
  }

  async countPeople(tx: Tx, ids: number[]): Promise<number> {
    if (!ids.length) return 0;
    const r = await tx
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', ids)
      .executeTakeFirstOrThrow();
    return n(r.n);
  }

  // ---- tracks, rooms, empty chairs

  private async usage(q: Db | Tx, column: 'track_id' | 'room_id', editionId: number): Promise<Map<number, number>> {
    const rows = await q
      .selectFrom('conference_sessions')
      .select([column, (eb) => eb.fn.countAll<number>().as('n')])
      .where('edition_id', '=', editionId)
      .where(column, 'is not', null)
      .groupBy(column)
      .execute();
    return new Map(rows.map((r) => [n((r as Record<string, unknown>)[column]), n(r.n)]));
  }

  /** An edition's tracks; how many sessions each has only when asked for (`usage`), else 0. */
  async tracks(q: Db | Tx, editionId: number, opts: { usage?: boolean } = {}): Promise<AdminTrack[]> {
    const rows = await q
      .selectFrom('conference_tracks')
      .select(['id', 'position', 'texts'])
      .where('edition_id', '=', editionId)
      .orderBy('position')
      .orderBy('id')
      .execute();
    const used = opts.usage ? await this.usage(q, 'track_id', editionId) : new Map<number, number>();
    return rows.map((r) => ({
      id: r.id,
      position: n(r.position),
      name: textOf(r.texts, 'en', 'name'),
      nameSv: textOf(r.texts, 'sv', 'name'),
      sessions: used.get(r.id) ?? 0,
    }));
  }

  async insertTrack(tx: Tx, editionId: number, input: TrackInput): Promise<number> {
    const { id } = await tx
      .insertInto('conference_tracks')
      .values({ edition_id: editionId, position: input.position, texts: trackTexts(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateTrack(tx: Tx, editionId: number, id: number, input: TrackInput): Promise<void> {
    await tx
      .updateTable('conference_tracks')
      .set({ position: input.position, texts: trackTexts(input) })
      .where('id', '=', id)
      .where('edition_id', '=', editionId)
      .execute();
  }

  /** An edition's rooms; how many sessions each has only when asked for (`usage`), else 0. */
  async rooms(q: Db | Tx, editionId: number, opts: { usage?: boolean } = {}): Promise<AdminRoom[]> {
    const rows = await q
      .selectFrom('conference_rooms')
      .select(['id', 'name', 'capacity', 'visibility'])
      .where('edition_id', '=', editionId)
      .orderBy('name')
      .orderBy('id')
      .execute();
    const used = opts.usage ? await this.usage(q, 'room_id', editionId) : new Map<number, number>();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      capacity: nullableNumber(r.capacity),
      visibility: r.visibility === 'public' ? 'public' : 'participants',
      sessions: used.get(r.id) ?? 0,
    }));
  }

  async insertRoom(tx: Tx, editionId: number, input: RoomInput): Promise<number> {
    const { id } = await tx
      .insertInto('conference_rooms')
      .values({ edition_id: editionId, name: input.name, capacity: input.capacity, visibility: input.visibility })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateRoom(tx: Tx, editionId: number, id: number, input: RoomInput): Promise<void> {
    await tx
      .updateTable('conference_rooms')
      .set({ name: input.name, capacity: input.capacity, visibility: input.visibility })
      .where('id', '=', id)
      .where('edition_id', '=', editionId)
      .execute();
  }

  async emptyChairs(editionId: number): Promise<AdminEmptyChair[]> {
    const rows = await this.db
      .selectFrom('conference_empty_chairs')
      .select(['id', 'name', 'country_code', 'reason', 'texts', 'safe_to_show', 'agreed', 'position'])
      .where('edition_id', '=', editionId)
      .orderBy('position')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      countryCode: r.country_code,
      reason: isEmptyChairReason(r.reason) ? r.reason : 'other',
      noteEn: textOf(r.texts, 'en', 'note'),
      noteSv: textOf(r.texts, 'sv', 'note'),
      safeToShow: n(r.safe_to_show) === 1,
      agreed: n(r.agreed) === 1,
      position: n(r.position),
    }));
  }

  private chairValues(input: EmptyChairInput, nowIso: string) {
    return {
      name: input.name,
      country_code: input.countryCode,
      reason: input.reason,
      texts: JSON.stringify(input.note.sv ? { en: { note: input.note.en }, sv: { note: input.note.sv } } : { en: { note: input.note.en } }),
      safe_to_show: input.safeToShow ? 1 : 0,
      agreed: input.agreed ? 1 : 0,
      position: input.position,
      updated_at: nowIso,
    };
  }

  async insertEmptyChair(tx: Tx, editionId: number, input: EmptyChairInput, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('conference_empty_chairs')
      .values({ ...this.chairValues(input, nowIso), edition_id: editionId, created_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateEmptyChair(tx: Tx, editionId: number, id: number, input: EmptyChairInput, nowIso: string): Promise<void> {
    await tx.updateTable('conference_empty_chairs').set(this.chairValues(input, nowIso)).where('id', '=', id).where('edition_id', '=', editionId).execute();
  }

  /** Deletes a track, room, empty chair or session of an edition; false when it is not there. */
  async remove(
    tx: Tx,
    table: 'conference_tracks' | 'conference_rooms' | 'conference_empty_chairs' | 'conference_sessions',
    editionId: number,
    id: number,
  ): Promise<boolean> {
    const r = await tx.deleteFrom(table).where('id', '=', id).where('edition_id', '=', editionId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // ---- copy of an edition's structure

  async insertCopiedTrack(tx: Tx, editionId: number, position: number, texts: string): Promise<number> {
    const { id } = await tx.insertInto('conference_tracks').values({ edition_id: editionId, position, texts }).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async trackTexts(editionId: number): Promise<{ id: number; position: number; texts: string }[]> {
    return this.db.selectFrom('conference_tracks').select(['id', 'position', 'texts']).where('edition_id', '=', editionId).orderBy('id').execute();
  }
}

function trackTexts(input: TrackInput): string {
  return JSON.stringify(input.names.sv ? { en: { name: input.names.en }, sv: { name: input.names.sv } } : { en: { name: input.names.en } });
}
