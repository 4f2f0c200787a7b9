import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { addContentVersionTriggers } from './0003-content-version.js';
import { notNull, withId, type DualMigration } from './helpers.js';

/** Every table of this migration, parents first; all are read by public pages. */
export const conferenceTables = [
  'conference_editions',
  'conference_tracks',
  'conference_rooms',
  'conference_sessions',
  'conference_session_people',
  'conference_empty_chairs',
] as const;

/**
 * Defenders' Days: editions, tracks, rooms, programme sessions with their people, the empty
 * chair. Translatable text is one JSON column `texts` per row ({ en: {...}, sv?: {...} }),
 * as registration_questions does: a row and its languages are read and written together.
 * What a visitor may see is decided by src/security/access.ts from the status and
 * visibility columns here; every table is shown (filtered) on public pages, so every table
 * bumps the content version that keys the public page cache.
 */
export const m0005: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    const s = db.schema;
    await withId(s.createTable('conference_editions'), d)
      .addColumn('year', 'integer', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('programme_status', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('starts_on', 'text')
      .addColumn('ends_on', 'text')
      .addColumn('time_zone', 'text', notNull)
      .addColumn('venue_id', 'integer', (c) => c.references('venues.id').onDelete('set null'))
      .addColumn('texts', 'text', notNull)
      .addColumn('participants', 'integer')
      .addColumn('defenders', 'integer')
      .addColumn('countries', 'integer')
      .addColumn('continents', 'integer')
      .addColumn('open_event_id', 'integer', (c) => c.references('events.id').onDelete('set null'))
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .execute();

    await withId(s.createTable('conference_tracks'), d)
      .addColumn('edition_id', 'integer', (c) => c.notNull().references('conference_editions.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('texts', 'text', notNull)
      .execute();
    await s.createIndex('conference_tracks_edition').on('conference_tracks').columns(['edition_id', 'position']).execute();

    await withId(s.createTable('conference_rooms'), d)
      .addColumn('edition_id', 'integer', (c) => c.notNull().references('conference_editions.id').onDelete('cascade'))
      .addColumn('name', 'text', notNull)
      .addColumn('capacity', 'integer')
      .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('participants'))
      .execute();
    await s.createIndex('conference_rooms_edition').on('conference_rooms').column('edition_id').execute();

    await withId(s.createTable('conference_sessions'), d)
      .addColumn('edition_id', 'integer', (c) => c.notNull().references('conference_editions.id').onDelete('cascade'))
      .addColumn('part', 'text', notNull)
      .addColumn('starts_at', 'text', notNull)
      .addColumn('ends_at', 'text', notNull)
      .addColumn('track_id', 'integer', (c) => c.references('conference_tracks.id').onDelete('set null'))
      .addColumn('room_id', 'integer', (c) => c.references('conference_rooms.id').onDelete('set null'))
      .addColumn('type', 'text', notNull)
      .addColumn('language', 'text', notNull)
      .addColumn('capacity', 'integer')
      .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('participants'))
      .addColumn('part_number', 'integer')
      .addColumn('part_count', 'integer')
      .addColumn('requires_session_id', 'integer', (c) => c.references('conference_sessions.id').onDelete('set null'))
      .addColumn('texts', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .execute();
    await s.createIndex('conference_sessions_edition').on('conference_sessions').columns(['edition_id', 'visibility', 'starts_at']).execute();

    await s
      .createTable('conference_session_people')
      .addColumn('session_id', 'integer', (c) => c.notNull().references('conference_sessions.id').onDelete('cascade'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('role', 'text', notNull)
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('named_publicly', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('conference_session_people_pk', ['session_id', 'person_id', 'role'])
      .execute();
    await s.createIndex('conference_session_people_person').on('conference_session_people').column('person_id').execute();

    await withId(s.createTable('conference_empty_chairs'), d)
      .addColumn('edition_id', 'integer', (c) => c.notNull().references('conference_editions.id').onDelete('cascade'))
      .addColumn('name', 'text', notNull)
      .addColumn('country_code', 'text')
      .addColumn('reason', 'text', notNull)
      .addColumn('texts', 'text', notNull)
      .addColumn('safe_to_show', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('agreed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .execute();
    await s.createIndex('conference_empty_chairs_edition').on('conference_empty_chairs').columns(['edition_id', 'position']).execute();

    await addContentVersionTriggers(db, d, conferenceTables);
  },
};
