import type { Db } from '../../db/database.js';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  /** Bumped by database triggers on every change to public content (migration 0003). */
  async contentVersion(): Promise<string> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', 'content_version').executeTakeFirst();
    return row?.value ?? '0';
  }

  /** A value of the settings table (one row per key), or undefined. */
  async get(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  /** Sets a value, replacing the one there. */
  async put(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async remove(key: string): Promise<void> {
    await this.db.deleteFrom('settings').where('key', '=', key).execute();
  }
}
