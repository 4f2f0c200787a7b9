import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import { FILE_MODE, protectDataDir } from './data-dir.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** where the SQLite file lives; undefined on PostgreSQL */
  file: string | undefined;
  /**
   * Call after a transaction that erased personal data has committed: removes the old copies
   * of the erased rows that the database keeps in its files (see `scrubErased` below).
   */
  scrubErased: (tables: readonly (keyof Database)[]) => Promise<ScrubResult>;
  close(): Promise<void>;
}

/** Whether the database files are now free of the erased rows, and what the database said. */
export interface ScrubResult {
  complete: boolean;
  /** the figures behind `complete`, for the log and the audit entry (never data) */
  detail: string;
}

// PostgreSQL returns int8/numeric as strings; counts here always fit a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface OpenOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  /** overrides the file name inside dataDir (tests) */
  sqliteFile?: string;
  poolSize?: number;
}

/**
 * Opens the embedded SQLite database (WAL, synchronous=FULL: a commit is on disk before
 * we answer) or PostgreSQL when a postgres:// URL is given.
 */
export function openDatabase(opts: OpenOptions): DbHandle {
  // The data directory holds master.key and the uploads whichever database is used.
  protectDataDir(opts.dataDir);
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection that the server ends (restart, failover, DROP ... WITH (FORCE)) must
    // not bring the process down; the pool replaces it on the next query.
    pool.on('error', (err) => console.error('database connection lost:', err.message));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', file: undefined, scrubErased: postgresScrubber(db), close: () => db.destroy() };
  }
  const file = path.join(opts.dataDir, opts.sqliteFile ?? 'defenders-days.sqlite');
  // SQLite creates its files 0644 and gives the -wal and -shm files the mode of the database
  // file: an empty file made here with the server's user only sets the mode of all three.
  fs.closeSync(fs.openSync(file, 'a', FILE_MODE));
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Deleted and overwritten content is zeroed, on b-tree pages and on freed pages alike (FAST
  // would leave whole freed pages as they were; see src/db/README.md for the measurements).
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', file, scrubErased: sqliteScrubber(db), close: () => db.destroy() };
}

const CHECKPOINT_ATTEMPTS = 3;
/** how long one checkpoint attempt may wait for readers: better-sqlite3 waits on the event loop's thread */
const CHECKPOINT_WAIT_MS = 200;
const BUSY_TIMEOUT_MS = 5000;

/**
 * SQLite: with secure_delete the erasing transaction wrote zeroed pages, but to the WAL; the
 * main file still holds the old pages until a checkpoint, and the WAL keeps earlier versions
 * of them (WAL frames are reused, not cleared) until overwritten. A TRUNCATE checkpoint copies
 * every frame into the main file and cuts the WAL to zero bytes. A reader in another process
 * (a backup, a sqlite3 shell) can keep it from finishing: SQLite then answers busy = 1. Each
 * attempt waits for readers at most CHECKPOINT_WAIT_MS (the wait blocks the whole process, so
 * not the usual busy timeout), with a pause between attempts; then the scrub is reported
 * incomplete, and the next call (the hourly job in main.ts) tries again. The checkpoint
 * covers the whole database, so the tables named do not matter here.
 */
function sqliteScrubber(db: Db): DbHandle['scrubErased'] {
  return async () => {
    let last = '';
    for (let attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_WAIT_MS));
      const r = await db.connection().execute(async (c) => {
        await sql.raw(`PRAGMA busy_timeout = ${CHECKPOINT_WAIT_MS}`).execute(c);
        try {
          return (await sql<{ busy: number; log: number; checkpointed: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(c)).rows[0];
        } finally {
          await sql.raw(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`).execute(c);
        }
      });
      last = `wal_checkpoint(TRUNCATE): busy ${r?.busy}, log ${r?.log}, checkpointed ${r?.checkpointed}, attempt ${attempt}`;
      if (r && r.busy === 0 && r.log === 0) return { complete: true, detail: last };
    }
    return { complete: false, detail: last };
  };
}

/**
 * PostgreSQL: a deleted or updated row stays in its table's pages as a dead tuple, and a plain
 * VACUUM only marks its space free (the bytes stay until a new row lands there). VACUUM FULL
 * writes each table anew with its live rows only, its TOAST table and indexes included. It
 * takes the table's exclusive lock for the time of the copy, which for these tables (an
 * edition's participants, the outbox, the data keys) is short. It cannot run inside a
 * transaction, so it runs after the erasing one. A transaction that began before the erasure
 * and is still open (a long pg_dump) still sees the old rows, and VACUUM FULL keeps them for
 * it: such a session makes the scrub incomplete, to be tried again. What stays in the WAL
 * segments is out of our reach (docs/security.md).
 */
function postgresScrubber(db: Db): DbHandle['scrubErased'] {
  const pending = new Set<keyof Database>();
  return async (tables) => {
    for (const t of tables) pending.add(t);
    const done: string[] = [];
    let older = 0;
    let failed = '';
    // One connection for all of it: the lock timeout is set on that session. VACUUM FULL waits
    // for every other lock on the table, and everyone asking after it waits behind it: give up
    // after two seconds rather than stall the site behind a long backup, and try again later.
    await db.connection().execute(async (c) => {
      const started = (await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(c)).rows[0]?.now;
      await sql`SET lock_timeout = '2s'`.execute(c);
      try {
        for (const t of [...pending].sort()) {
          await sql`VACUUM (FULL, ANALYZE) ${sql.table(t)}`.execute(c);
          done.push(t);
        }
      } catch (e) {
        failed = e instanceof Error ? e.message : String(e);
      } finally {
        await sql`RESET lock_timeout`.execute(c);
      }
      const { rows } = await sql<{ n: number }>`
        SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start < ${started}`.execute(c);
      older = Number(rows[0]?.n ?? 0);
    });
    const detail = `VACUUM FULL on ${done.length} of ${pending.size} tables (${done.join(', ')})${failed ? `, stopped: ${failed}` : ''}; ${older} sessions with a transaction older than the scrub`;
    if (failed || older > 0) return { complete: false, detail };
    pending.clear();
    return { complete: true, detail };
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs more than running our small queries.
 * This keeps prepared statements by their SQL text (the parameters stay separate, so the
 * set is small and bounded). A statement still iterating is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const value = Reflect.get(target, prop, receiver) as unknown;
        // Native methods need the real database as `this`, not the proxy.
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (sqlText: string) => {
        const cached = cache.get(sqlText);
        if (cached && !cached.busy) return cached;
        const stmt = prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sqlText, stmt);
        return stmt;
      };
    },
  });
}

/** The health check's probe: one cheap read that fails when the database does not answer. */
export async function probe(db: Db): Promise<void> {
  await db.selectFrom('settings').select('key').limit(1).execute();
}
