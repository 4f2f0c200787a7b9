import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DbHandle } from './database.js';
import type { DualMigration } from './migrations/helpers.js';
import { m0001 } from './migrations/0001-events.js';
import { m0002 } from './migrations/0002-accounts.js';
import { m0003 } from './migrations/0003-content-version.js';
import { m0004 } from './migrations/0004-registrations.js';
import { m0005 } from './migrations/0005-conference.js';
import { m0006 } from './migrations/0006-award.js';
import { m0007 } from './migrations/0007-participation.js';
import { m0008 } from './migrations/0008-sign-in-devices.js';
import { m0009 } from './migrations/0009-participation-hardening.js';
import { m0010 } from './migrations/0010-session-public-ids.js';
import { m0011 } from './migrations/0011-content-version-gaps.js';
import { m0012 } from './migrations/0012-bootcamp.js';

/** Every migration, in order. Names never change once released. */
export const migrations: ReadonlyArray<[string, DualMigration]> = [
  ['0001-events', m0001],
  ['0002-accounts', m0002],
  ['0003-content-version', m0003],
  ['0004-registrations', m0004],
  ['0005-conference', m0005],
  ['0006-award', m0006],
  ['0007-participation', m0007],
  ['0008-sign-in-devices', m0008],
  ['0009-participation-hardening', m0009],
  ['0010-session-public-ids', m0010],
  ['0011-content-version-gaps', m0011],
  ['0012-bootcamp', m0012],
];

class StaticProvider implements MigrationProvider {
  constructor(private readonly handle: DbHandle) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of migrations) {
      out[name] = { up: (db: Kysely<unknown>) => m.up(db, this.handle.dialect) };
    }
    return Promise.resolve(out);
  }
}

/** Applies pending migrations; throws (and rolls back) on the first failure. */
export async function migrateToLatest(handle: DbHandle): Promise<string[]> {
  const migrator = new Migrator({ db: handle.db, provider: new StaticProvider(handle) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
