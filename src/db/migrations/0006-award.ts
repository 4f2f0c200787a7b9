import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { addContentVersionTriggers } from './0003-content-version.js';
import { notNull, withId, type DualMigration } from './helpers.js';

/**
 * The Defender of the Year award: one recipient per year, a draft until staff publish it,
 * with a photo and the country report from the media store. Only what the public pages
 * show lives here; nominations, dossiers and the board's decision never do.
 */
export const m0006: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    const s = db.schema;
    await withId(s.createTable('award_recipients'), d)
      .addColumn('year', 'integer', (c) => c.notNull().unique())
      .addColumn('status', 'text', notNull)
      .addColumn('name', 'text', notNull)
      .addColumn('country_code', 'text', notNull)
      .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('edition_year', 'integer')
      .addColumn('photo_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
      .addColumn('photo_credit', 'text')
      .addColumn('report_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .addColumn('published_at', 'text')
      .execute();
    await s.createIndex('award_recipients_public').on('award_recipients').columns(['status', 'year']).execute();

    await s
      .createTable('award_recipient_translations')
      .addColumn('recipient_id', 'integer', (c) => c.notNull().references('award_recipients.id').onDelete('cascade'))
      .addColumn('locale', 'text', notNull)
      .addColumn('motivation', 'text', notNull)
      .addColumn('ceremony', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('photo_alt', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('report_title', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('award_recipient_translations_pk', ['recipient_id', 'locale'])
      .execute();

    // Both tables show on /award and /award/{year}: a change must reach their cached copies.
    await addContentVersionTriggers(db, d, ['award_recipients', 'award_recipient_translations']);
  },
};
