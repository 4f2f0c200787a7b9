import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { addContentVersionTriggers } from './0003-content-version.js';
import { notNull, withId, type DualMigration } from './helpers.js';

/**
 * Registration for public events. Seats are counted in registration_settings.taken and
 * taken by one conditional UPDATE (architecture.md), never check-then-insert. Names,
 * addresses and answers are sealed under the master key; the address is found again by
 * a keyed hash that differs per event, so the table cannot link one person across events.
 */
export const m0004: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    const s = db.schema;
    await s
      .createTable('registration_settings')
      .addColumn('event_id', 'integer', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('capacity', 'integer')
      .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('waitlist', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('deadline', 'text')
      .addColumn('alias_allowed', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'text', notNull)
      .execute();
    // Seats left show on the public event page: a change must reach its cached copy.
    await addContentVersionTriggers(db, d, ['registration_settings']);

    await withId(s.createTable('registration_questions'), d)
      .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('position', 'integer', notNull)
      .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('texts', 'text', notNull)
      .execute();
    await s.createIndex('registration_questions_event').on('registration_questions').columns(['event_id', 'position']).execute();

    await withId(s.createTable('registrations'), d)
      .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('status', 'text', notNull)
      .addColumn('email_sealed', 'text')
      .addColumn('name_sealed', 'text')
      .addColumn('email_hash', 'text')
      .addColumn('manage_token_hash', 'text', (c) => c.unique())
      .addColumn('manage_token_sealed', 'text')
      .addColumn('idempotency_key', 'text', notNull)
      .addColumn('locale', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .addColumn('cancelled_at', 'text')
      .addColumn('promoted_at', 'text')
      .addColumn('reminded_at', 'text')
      .addColumn('link_sent_at', 'text')
      .addColumn('anonymised_at', 'text')
      .execute();
    await s.createIndex('registrations_idempotency').on('registrations').columns(['event_id', 'idempotency_key']).unique().execute();
    // One active registration per address and event; a cancelled one does not block registering again.
    await s
      .createIndex('registrations_active_email')
      .on('registrations')
      .columns(['event_id', 'email_hash'])
      .unique()
      .where(sql.ref('status'), '<>', 'cancelled')
      .execute();
    await s.createIndex('registrations_event_status').on('registrations').columns(['event_id', 'status', 'id']).execute();

    await s
      .createTable('registration_answers')
      .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
      .addColumn('question_id', 'integer', (c) => c.notNull().references('registration_questions.id').onDelete('cascade'))
      .addColumn('value_sealed', 'text', notNull)
      .addPrimaryKeyConstraint('registration_answers_pk', ['registration_id', 'question_id'])
      .execute();
  },
};
