import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { addContentVersionTriggers } from './0003-content-version.js';
import type { DualMigration } from './helpers.js';

/**
 * Three tables cached public pages read had no content-version trigger, so a cached page
 * could outlive a change to them (found by test/integration/db/content-version.test.ts):
 * - registration_questions: the questions of an event's registration form;
 * - participation_totals and participants: an edition's page shows how many took part.
 * Of participants only the count is public, so only what changes it bumps the version: a row
 * added or removed, or its edition or role changed. A participant saving their own form
 * (most updates) leaves the public cache alone.
 */
export const m0011: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    await addContentVersionTriggers(db, d, ['registration_questions', 'participation_totals']);
    if (d === 'postgres') {
      await sql
        .raw(
          `CREATE TRIGGER cv_participants AFTER INSERT OR DELETE OR UPDATE OF edition_id, role OR TRUNCATE ON participants FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()`,
        )
        .execute(db);
      return;
    }
    const bump = `BEGIN UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'content_version'; END`;
    await sql.raw(`CREATE TRIGGER cv_participants_insert AFTER INSERT ON participants ${bump}`).execute(db);
    await sql.raw(`CREATE TRIGGER cv_participants_delete AFTER DELETE ON participants ${bump}`).execute(db);
    await sql.raw(`CREATE TRIGGER cv_participants_update AFTER UPDATE OF edition_id, role ON participants ${bump}`).execute(db);
  },
};
