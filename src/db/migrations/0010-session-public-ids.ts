import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { newPublicId } from '../../security/tokens.js';
import type { DualMigration } from './helpers.js';

/**
 * A random public id for every programme session. The public pages and calendar files used
 * the row id, which counts up across the programme: the gaps between the ids of public
 * sessions told a visitor how many closed sessions there were. Anchors (`#s-…`) and calendar
 * UIDs use `public_id` instead, which says nothing about any other row. The code sets it on
 * every insert; existing rows get one here.
 */
export const m0010: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    await db.schema.alterTable('conference_sessions').addColumn('public_id', 'text').execute();
    const q = db as Kysely<{ conference_sessions: { id: number; public_id: string | null } }>;
    const rows = await q.selectFrom('conference_sessions').select('id').orderBy('id').execute();
    for (const r of rows) await q.updateTable('conference_sessions').set({ public_id: newPublicId() }).where('id', '=', r.id).execute();
    await db.schema.createIndex('conference_sessions_public_id').on('conference_sessions').column('public_id').unique().execute();
    // SQLite cannot add NOT NULL to an existing column; PostgreSQL can, and does.
    if (d === 'postgres')
      await db.schema
        .alterTable('conference_sessions')
        .alterColumn('public_id', (c) => c.setNotNull())
        .execute();
  },
};
