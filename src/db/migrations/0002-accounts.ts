import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { notNull, withId, type DualMigration } from './helpers.js';

/** Staff accounts, second factors, sessions, one-time tokens, throttling, audit trail, mail outbox. */
export const m0002: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    const s = db.schema;
    await withId(s.createTable('users'), d)
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', notNull)
      .addColumn('role', 'text', notNull)
      .addColumn('status', 'text', notNull)
      .addColumn('password_hash', 'text')
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('totp_last_step', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('recovery_codes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .execute();

    await withId(s.createTable('webauthn_credentials'), d)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('credential_id', 'text', (c) => c.notNull().unique())
      .addColumn('public_key', 'text', notNull)
      .addColumn('counter', 'integer', notNull)
      .addColumn('transports', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('label', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('last_used_at', 'text')
      .execute();

    await withId(s.createTable('sessions'), d)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('stage', 'text', notNull)
      .addColumn('browser', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('last_seen_at', 'text', notNull)
      .addColumn('expires_at', 'text', notNull)
      .addColumn('reauth_at', 'text')
      .addColumn('challenge', 'text')
      .execute();
    await s.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await withId(s.createTable('user_tokens'), d)
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('purpose', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('expires_at', 'text', notNull)
      .addColumn('used_at', 'text')
      .execute();

    await s
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', notNull)
      .addColumn('window_start', 'text', notNull)
      .addColumn('locked_until', 'text')
      .execute();

    await s
      .createTable('known_browsers')
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('browser_hash', 'text', notNull)
      .addColumn('first_seen_at', 'text', notNull)
      .addPrimaryKeyConstraint('known_browsers_pk', ['user_id', 'browser_hash'])
      .execute();

    await withId(s.createTable('audit_log'), d)
      .addColumn('at', 'text', notNull)
      .addColumn('actor_id', 'integer')
      .addColumn('action', 'text', notNull)
      .addColumn('object_type', 'text')
      .addColumn('object_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await s.createIndex('audit_log_at').on('audit_log').column('at').execute();
    await s.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();

    await withId(s.createTable('outbox'), d)
      .addColumn('kind', 'text', notNull)
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      .addColumn('payload', 'text', notNull)
      .addColumn('status', 'text', notNull)
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', notNull)
      .addColumn('locked_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', notNull)
      .addColumn('done_at', 'text')
      .execute();
    await s.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  },
};
