import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { DualMigration } from './helpers.js';

/**
 * Invitations and open calls made harder to misuse.
 *
 * - An invitation may need a second secret, a short code staff pass on by another channel:
 *   `code_hash` is its HMAC under the master key (null: no code), `code_failures` counts
 *   wrong codes, and after too many the invitation is `frozen` (`frozen_at`).
 * - An application remembers, as an HMAC of the call and the normalised address (never the
 *   address), whom it mailed a receipt and when, so receipts are limited per address and per
 *   call. Both go with the rows when an edition is erased.
 */
export const m0009: DualMigration = {
  async up(db: Kysely<unknown>, _d: Dialect) {
    const s = db.schema;
    await s.alterTable('participation_invitations').addColumn('code_hash', 'text').execute();
    await s
      .alterTable('participation_invitations')
      .addColumn('code_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await s.alterTable('participation_invitations').addColumn('frozen_at', 'text').execute();

    await s.alterTable('participation_applications').addColumn('email_hash', 'text').execute();
    await s.alterTable('participation_applications').addColumn('receipt_sent_at', 'text').execute();
    await s.createIndex('participation_applications_receipts').on('participation_applications').columns(['call_id', 'receipt_sent_at']).execute();
    await s.createIndex('participation_applications_email').on('participation_applications').columns(['call_id', 'email_hash']).execute();
  },
};
