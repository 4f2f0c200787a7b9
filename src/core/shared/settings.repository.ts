import type { Db } from '../../db/database.js';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  /** Bumped by database triggers on every change to public content (migration 0003). */
  async contentVersion(): Promise<string> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', 'content_version').executeTakeFirst();
    return row?.value ?? '0';
  }
}
