import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { DualMigration } from './helpers.js';

/**
 * Tables whose rows public pages show. Any change to them bumps settings.content_version,
 * whoever makes it (workspace, CLI, factories, a restore): the public page cache keys on
 * it, so no process ever serves a page older than the data. New public tables join this list.
 */
export const contentTables = [
  'series',
  'series_translations',
  'venues',
  'people',
  'person_translations',
  'partners',
  'topics',
  'topic_translations',
  'media',
  'events',
  'event_translations',
  'event_countries',
  'event_topics',
  'event_people',
  'event_partners',
  'event_documents',
  'event_document_translations',
  'change_notices',
  'change_notice_translations',
] as const;

export async function addContentVersionTriggers(db: Kysely<unknown>, d: Dialect, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    if (d === 'postgres') {
      await sql
        .raw(`CREATE TRIGGER cv_${table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version()`)
        .execute(db);
    } else {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        await sql
          .raw(
            `CREATE TRIGGER cv_${table}_${op.toLowerCase()} AFTER ${op} ON ${table} BEGIN UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'content_version'; END`,
          )
          .execute(db);
      }
    }
  }
}

export const m0003: DualMigration = {
  async up(db: Kysely<unknown>, d: Dialect) {
    await sql`INSERT INTO settings (key, value) VALUES ('content_version', '1')`.execute(db);
    if (d === 'postgres') {
      await sql
        .raw(
          `CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE settings SET value = (value::bigint + 1)::text WHERE key = 'content_version'; RETURN NULL; END $$`,
        )
        .execute(db);
    }
    await addContentVersionTriggers(db, d, contentTables);
  },
};
