import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { notNull, withId, type DualMigration } from './helpers.js';

/**
 * Sign-in without lock-outs, and participants' second factor.
 *
 * `login_devices` holds the browsers that signed in to an account before (the "device
 * cookie" of OWASP): each has its own allowance of failures, so a stranger's guesses from
 * elsewhere never keep the owner's own browser out. `subject` is the keyed hash the
 * throttle already uses for a sign-in name or address, `device_hash` a SHA-256 of the
 * subject and the cookie's random token: the table names nobody and cannot link one
 * browser's rows across accounts.
 *
 * Participants can add an authenticator app (sealed secret, recovery codes as keyed
 * hashes) and passkeys; a portal session then starts at the `password` stage, as staff
 * sessions do, and holds the WebAuthn challenge it waits for.
 */
export const m0008: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    const s = db.schema;
    await s
      .createTable('login_devices')
      .addColumn('subject', 'text', notNull)
      .addColumn('device_hash', 'text', notNull)
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('window_start', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('last_used_at', 'text', notNull)
      .addPrimaryKeyConstraint('login_devices_pk', ['subject', 'device_hash'])
      .execute();
    await s.createIndex('login_devices_used').on('login_devices').column('last_used_at').execute();

    await s.alterTable('participants').addColumn('totp_secret', 'text').execute();
    await s
      .alterTable('participants')
      .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await s
      .alterTable('participants')
      .addColumn('totp_last_step', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await s
      .alterTable('participants')
      .addColumn('recovery_codes', 'text', (c) => c.notNull().defaultTo(''))
      .execute();

    await s
      .alterTable('participant_sessions')
      .addColumn('stage', 'text', (c) => c.notNull().defaultTo('full'))
      .execute();
    await s.alterTable('participant_sessions').addColumn('challenge', 'text').execute();
    await s.alterTable('participant_sessions').addColumn('reauth_at', 'text').execute();

    await withId(s.createTable('participant_passkeys'), d)
      .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
      .addColumn('credential_id', 'text', (c) => c.notNull().unique())
      .addColumn('public_key', 'text', notNull)
      .addColumn('counter', 'integer', notNull)
      .addColumn('transports', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('label', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('last_used_at', 'text')
      .execute();
    await s.createIndex('participant_passkeys_participant').on('participant_passkeys').column('participant_id').execute();
  },
};
