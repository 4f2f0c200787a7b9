import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Dialect, type DbHandle } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * The databases integration tests run on: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL points at a server we may create databases on (scripts/test.mjs
 * starts a throwaway one when the binaries are present).
 */
export function testDialects(): Dialect[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase extends DbHandle {
  dataDir: string;
  mediaRoot: string;
  /** the postgres:// URL of this test's own database, when on PostgreSQL */
  url: string | undefined;
  /** closes and removes everything this database left behind */
  drop(): Promise<void>;
}

/** A new, empty, migrated database of the given dialect, with its own DATA_DIR. */
export async function freshDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-test-'));
  const mediaRoot = path.join(dataDir, 'media');
  let url: string | undefined;
  let dbName: string | undefined;
  if (dialect === 'postgres') {
    const admin = process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error('TEST_DATABASE_URL is not set');
    dbName = `dd_test_${crypto.randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${dbName}`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const handle = openDatabase({ databaseUrl: url, dataDir });
  await migrateToLatest(handle);
  return {
    ...handle,
    dataDir,
    mediaRoot,
    url,
    async drop() {
      await handle.close();
      if (dbName) {
        const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await client.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How many rows a table has (for "nothing was saved" checks). */
export async function rowCount(db: DbHandle['db'], table: keyof Database): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
