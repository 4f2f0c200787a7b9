import type { Db, Tx } from '../db/database.js';

/** A stored data key: `wrapped` is null once destroyed. */
export interface DataKeyRow {
  id: number;
  scope: string;
  master_key_id: number;
  wrapped: string | null;
}

/** The SQL of data-keys.ts: the data_keys table, and whether anything was sealed before data keys existed. */
export class DataKeysRepository {
  constructor(private readonly db: Db) {}

  byScope(scope: string): Promise<DataKeyRow | undefined> {
    return this.db.selectFrom('data_keys').select(['id', 'scope', 'master_key_id', 'wrapped']).where('scope', '=', scope).executeTakeFirst();
  }

  /** Adds a scope's key; throws when the scope already has one (another process made it first). */
  async insert(scope: string, masterKeyId: number, wrapped: string, nowIso: string): Promise<void> {
    await this.db.insertInto('data_keys').values({ scope, master_key_id: masterKeyId, wrapped, created_at: nowIso }).execute();
  }

  /** Whether the scope has a key that is not destroyed. */
  async isLive(scope: string): Promise<boolean> {
    const row = await this.db.selectFrom('data_keys').select('id').where('scope', '=', scope).where('wrapped', 'is not', null).executeTakeFirst();
    return row !== undefined;
  }

  /** Forgets the wrapped key inside the caller's transaction; false when there was none to destroy. */
  async destroy(tx: Tx, scope: string, nowIso: string): Promise<boolean> {
    const r = await tx
      .updateTable('data_keys')
      .set({ wrapped: null, destroyed_at: nowIso })
      .where('scope', '=', scope)
      .where('wrapped', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  all(tx: Tx): Promise<DataKeyRow[]> {
    return tx.selectFrom('data_keys').select(['id', 'scope', 'master_key_id', 'wrapped']).orderBy('id').execute();
  }

  async rewrap(tx: Tx, id: number, masterKeyId: number, wrapped: string, nowIso: string): Promise<void> {
    await tx.updateTable('data_keys').set({ master_key_id: masterKeyId, wrapped, rewrapped_at: nowIso }).where('id', '=', id).execute();
  }

  /**
   * Whether something was sealed before data keys existed (a queued mail, a registration, a
   * staff authenticator secret): then the master key itself was the system's key.
   */
  async sealedBeforeDataKeys(): Promise<boolean> {
    const [outbox, registrations, totp] = await Promise.all([
      this.db.selectFrom('outbox').select('id').limit(1).executeTakeFirst(),
      this.db.selectFrom('registrations').select('id').limit(1).executeTakeFirst(),
      this.db.selectFrom('users').select('id').where('totp_secret', 'is not', null).limit(1).executeTakeFirst(),
    ]);
    return Boolean(outbox || registrations || totp);
  }
}
