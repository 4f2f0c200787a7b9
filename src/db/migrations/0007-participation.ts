import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { addContentVersionTriggers } from './0003-content-version.js';
import { notNull, withId, type DualMigration } from './helpers.js';

/**
 * Invitation-only participation in the closed part of an edition.
 *
 * Everything a participant or applicant tells us is sealed under the edition's data key
 * (`data_keys`, scope `edition:<id>`), which is wrapped by the master key outside the
 * database. Destroying that key, and the rows, erases an edition's participants; only the
 * totals in `participation_totals` stay. Lookups go through hashes: a sign-in name, a
 * badge token and a calendar token are never stored in plaintext.
 */
export const m0007: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    const s = db.schema;
    await withId(s.createTable('data_keys'), d)
      .addColumn('scope', 'text', (c) => c.notNull().unique())
      .addColumn('master_key_id', 'integer', notNull)
      // null once the key is destroyed: what it protected can no longer be read
      .addColumn('wrapped', 'text')
      .addColumn('created_at', 'text', notNull)
      .addColumn('rewrapped_at', 'text')
      .addColumn('destroyed_at', 'text')
      .execute();

    await withId(s.createTable('participation_calls'), d)
      .addColumn('edition_id', 'integer', (c) => c.notNull().references('conference_editions.id').onDelete('cascade'))
      .addColumn('role', 'text', notNull)
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('deadline', 'text', notNull)
      .addColumn('texts', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .execute();
    // An open call is shown on public pages: a change must reach their cached copies.
    await addContentVersionTriggers(db, d, ['participation_calls']);

    await withId(s.createTable('participation_applications'), d)
      .addColumn('call_id', 'integer', (c) => c.notNull().references('participation_calls.id').onDelete('cascade'))
      .addColumn('edition_id', 'integer', (c) => c.notNull().references('conference_editions.id').onDelete('cascade'))
      .addColumn('status', 'text', notNull)
      .addColumn('answers_sealed', 'text', notNull)
      .addColumn('idempotency_key', 'text', notNull)
      .addColumn('locale', 'text', notNull)
      .addColumn('invitation_id', 'integer')
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .addColumn('decided_at', 'text')
      .execute();
    await s.createIndex('participation_applications_key').on('participation_applications').columns(['call_id', 'idempotency_key']).unique().execute();
    await s.createIndex('participation_applications_call').on('participation_applications').columns(['call_id', 'status', 'id']).execute();

    await s
      .createTable('participation_reviews')
      .addColumn('application_id', 'integer', (c) => c.notNull().references('participation_applications.id').onDelete('cascade'))
      .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('score', 'integer', notNull)
      .addColumn('comment_sealed', 'text')
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .addPrimaryKeyConstraint('participation_reviews_pk', ['application_id', 'reviewer_id'])
      .execute();

    await withId(s.createTable('participation_invitations'), d)
      .addColumn('edition_id', 'integer', (c) => c.notNull().references('conference_editions.id').onDelete('cascade'))
      .addColumn('role', 'text', notNull)
      .addColumn('status', 'text', notNull)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('label_sealed', 'text', notNull)
      .addColumn('email_sealed', 'text')
      .addColumn('application_id', 'integer', (c) => c.references('participation_applications.id').onDelete('set null'))
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('expires_at', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('accepted_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await s.createIndex('participation_invitations_edition').on('participation_invitations').columns(['edition_id', 'status', 'id']).execute();

    await withId(s.createTable('participants'), d)
      .addColumn('edition_id', 'integer', (c) => c.notNull().references('conference_editions.id').onDelete('cascade'))
      .addColumn('invitation_id', 'integer', (c) => c.notNull().unique().references('participation_invitations.id').onDelete('cascade'))
      .addColumn('role', 'text', notNull)
      .addColumn('login_hash', 'text', (c) => c.notNull().unique())
      .addColumn('passphrase_hash', 'text', notNull)
      .addColumn('display_name_sealed', 'text', notNull)
      .addColumn('photo_consent', 'text', (c) => c.notNull().defaultTo('ask'))
      .addColumn('travel_support', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('visa_letter', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('join_community', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('identity_sealed', 'text')
      .addColumn('contact_sealed', 'text')
      .addColumn('travel_sealed', 'text')
      .addColumn('needs_sealed', 'text')
      .addColumn('notes_sealed', 'text')
      .addColumn('badge_token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('badge_token_sealed', 'text', notNull)
      .addColumn('calendar_token_hash', 'text', (c) => c.unique())
      .addColumn('calendar_token_sealed', 'text')
      .addColumn('locale', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .execute();
    await s.createIndex('participants_edition').on('participants').columns(['edition_id', 'id']).execute();

    await withId(s.createTable('participant_sessions'), d)
      .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', notNull)
      .addColumn('last_seen_at', 'text', notNull)
      .addColumn('expires_at', 'text', notNull)
      .execute();

    await s
      .createTable('session_seats')
      .addColumn('session_id', 'integer', (c) => c.primaryKey().references('conference_sessions.id').onDelete('cascade'))
      .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await s
      .createTable('participant_picks')
      .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
      .addColumn('session_id', 'integer', (c) => c.notNull().references('conference_sessions.id').onDelete('cascade'))
      .addColumn('created_at', 'text', notNull)
      .addPrimaryKeyConstraint('participant_picks_pk', ['participant_id', 'session_id'])
      .execute();
    await s.createIndex('participant_picks_session').on('participant_picks').columns(['session_id']).execute();

    // What stays of an edition's participants once its data key is destroyed.
    await s
      .createTable('participation_totals')
      .addColumn('edition_id', 'integer', (c) => c.notNull().references('conference_editions.id').onDelete('cascade'))
      .addColumn('role', 'text', notNull)
      .addColumn('participants', 'integer', notNull)
      .addColumn('applications', 'integer', notNull)
      .addColumn('picks', 'integer', notNull)
      .addColumn('purged_at', 'text', notNull)
      .addPrimaryKeyConstraint('participation_totals_pk', ['edition_id', 'role'])
      .execute();
  },
};
