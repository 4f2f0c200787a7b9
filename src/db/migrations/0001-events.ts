import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { notNull, withId, type DualMigration } from './helpers.js';

/** The public events programme: events, their translations and what they link to. */
export const m0001: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    const s = db.schema;
    await s
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', notNull)
      .execute();

    await withId(s.createTable('series'), d)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', notNull)
      .execute();
    await s
      .createTable('series_translations')
      .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
      .addColumn('locale', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('description', 'text', notNull)
      .addPrimaryKeyConstraint('series_translations_pk', ['series_id', 'locale'])
      .execute();

    await withId(s.createTable('venues'), d)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('address', 'text', notNull)
      .addColumn('city', 'text', notNull)
      .addColumn('country_code', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .execute();

    await withId(s.createTable('people'), d)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('public_profile', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', notNull)
      .execute();
    await s
      .createTable('person_translations')
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('locale', 'text', notNull)
      .addColumn('affiliation', 'text', notNull)
      .addColumn('bio', 'text', notNull)
      .addPrimaryKeyConstraint('person_translations_pk', ['person_id', 'locale'])
      .execute();

    await withId(s.createTable('partners'), d)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', notNull)
      .addColumn('url', 'text')
      .addColumn('created_at', 'text', notNull)
      .execute();

    await withId(s.createTable('topics'), d)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .execute();
    await s
      .createTable('topic_translations')
      .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('locale', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addPrimaryKeyConstraint('topic_translations_pk', ['topic_id', 'locale'])
      .execute();

    await withId(s.createTable('media'), d)
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', notNull)
      .addColumn('mime', 'text', notNull)
      .addColumn('bytes', 'integer', notNull)
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('variants', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', notNull)
      .execute();

    await withId(s.createTable('events'), d)
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('type', 'text', notNull)
      .addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('set null'))
      .addColumn('status', 'text', notNull)
      .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('starts_at', 'text', notNull)
      .addColumn('ends_at', 'text', notNull)
      .addColumn('time_zone', 'text', notNull)
      .addColumn('venue_id', 'integer', (c) => c.references('venues.id').onDelete('set null'))
      .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('image_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
      .addColumn('image_credit', 'text')
      .addColumn('live_stream_url', 'text')
      .addColumn('recording_url', 'text')
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .addColumn('published_at', 'text')
      .execute();
    await s.createIndex('events_public_starts').on('events').columns(['status', 'hidden', 'starts_at']).execute();
    await s.createIndex('events_public_ends').on('events').columns(['status', 'hidden', 'ends_at']).execute();

    await s
      .createTable('event_translations')
      .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('locale', 'text', notNull)
      .addColumn('title', 'text', notNull)
      .addColumn('summary', 'text', notNull)
      .addColumn('body', 'text', notNull)
      .addColumn('image_alt', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('event_translations_pk', ['event_id', 'locale'])
      .execute();

    await s
      .createTable('event_countries')
      .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('country_code', 'text', notNull)
      .addPrimaryKeyConstraint('event_countries_pk', ['event_id', 'country_code'])
      .execute();
    await s.createIndex('event_countries_code').on('event_countries').columns(['country_code', 'event_id']).execute();

    await s
      .createTable('event_topics')
      .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('event_topics_pk', ['event_id', 'topic_id'])
      .execute();
    await s.createIndex('event_topics_topic').on('event_topics').columns(['topic_id', 'event_id']).execute();

    await s
      .createTable('event_people')
      .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('role', 'text', notNull)
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('event_people_pk', ['event_id', 'person_id', 'role'])
      .execute();

    await s
      .createTable('event_partners')
      .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('partner_id', 'integer', (c) => c.notNull().references('partners.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('event_partners_pk', ['event_id', 'partner_id'])
      .execute();

    await withId(s.createTable('event_documents'), d)
      .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await s
      .createTable('event_document_translations')
      .addColumn('document_id', 'integer', (c) => c.notNull().references('event_documents.id').onDelete('cascade'))
      .addColumn('locale', 'text', notNull)
      .addColumn('title', 'text', notNull)
      .addPrimaryKeyConstraint('event_document_translations_pk', ['document_id', 'locale'])
      .execute();

    await withId(s.createTable('change_notices'), d)
      .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('created_at', 'text', notNull)
      .execute();
    await s
      .createTable('change_notice_translations')
      .addColumn('notice_id', 'integer', (c) => c.notNull().references('change_notices.id').onDelete('cascade'))
      .addColumn('locale', 'text', notNull)
      .addColumn('text', 'text', notNull)
      .addPrimaryKeyConstraint('change_notice_translations_pk', ['notice_id', 'locale'])
      .execute();
  },
};
