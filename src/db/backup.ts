// Logical, dialect-independent backups: every table's rows, the uploaded files and the
// list of applied migrations, compressed and encrypted under a key derived from the master
// key. The master key itself is never in a backup: without it a backup is useless.
//
// File layout (all integers big-endian):
//   "DDBAK\n"  u32 header length  header JSON (format, createdAt, dialect, migrations, keyId, salt)
//   frames: u8 flags (1 = final)  u32 ciphertext length  12-byte nonce  ciphertext  16-byte tag
// Frame plaintexts, concatenated, are a gzip stream of records:
//   u8 type  u32 length  payload     (types below)
// Each frame is AES-256-GCM with a fresh random nonce; its additional data is the header's
// SHA-256, the frame index and the final flag, so the header cannot be changed and frames
// cannot be reordered, dropped or cut off without the restore noticing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { DbHandle, Tx } from './database.js';
import type { Database } from './schema.js';

export const BACKUP_FORMAT = 1;
const MAGIC = Buffer.from('DDBAK\n', 'latin1');
const MAX_HEADER = 64 * 1024;
const FRAME_PLAIN = 64 * 1024;
const MAX_RECORD = 256 * 1024 * 1024;
const PAGE = 1000;
const INSERT_BATCH = 100;

/**
 * Every table, parents before children (foreign-key order). The check below fails to
 * compile when src/db/schema.ts gains a table that is not listed here; the backup also
 * refuses to run when the migrated database has a table it does not know.
 */
export const backupTables = [
  'settings',
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
  'users',
  'webauthn_credentials',
  'sessions',
  'user_tokens',
  'login_throttle',
  'known_browsers',
  'login_devices',
  'audit_log',
  'outbox',
  'registration_settings',
  'registration_questions',
  'registrations',
  'registration_answers',
  'conference_editions',
  'conference_tracks',
  'conference_rooms',
  'conference_sessions',
  'conference_session_people',
  'conference_empty_chairs',
  // conference tables (0005) here
  // award tables (0006) here
  'award_recipients',
  'award_recipient_translations',
  // participation (0007): the data keys first, so a restore can read what follows
  'data_keys',
  'participation_calls',
  'participation_applications',
  'participation_reviews',
  'participation_invitations',
  'participants',
  'participant_sessions',
  // sign-in devices and participants' passkeys (0008)
  'participant_passkeys',
  'session_seats',
  'participant_picks',
  'participation_totals',
  // the bootcamp (0012): concepts before the courses that name them
  'bootcamp_concepts',
  'bootcamp_courses',
  'bootcamp_course_concepts',
  'bootcamp_goals',
  'bootcamp_course_trainers',
] as const satisfies readonly (keyof Database)[];
type Unlisted = Exclude<keyof Database, (typeof backupTables)[number]>;
const _everyTableListed: [Unlisted] extends [never] ? true : Unlisted = true;
void _everyTableListed;

export type BackupErrorCode = 'wrong-key' | 'corrupt' | 'truncated' | 'not-a-backup' | 'not-empty' | 'migrations' | 'schema';

/** A failure the operator can act on; the CLI prints the message and exits with a code per kind. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface BackupHeader {
  format: number;
  createdAt: string;
  dialect: string;
  migrations: string[];
  /** a short HMAC of the master key: tells "wrong key" apart from "corrupt" */
  keyId: string;
  /** HKDF salt, random per backup (base64) */
  salt: string;
}

export interface BackupStats {
  tables: Record<string, number>;
  rows: number;
  files: number;
  fileBytes: number;
  /** size of the backup file */
  bytes: number;
}

type Progress = (line: string) => void;
type Row = Record<string, unknown>;

enum RecordType {
  Table = 1,
  Rows = 2,
  File = 3,
  FileData = 4,
  End = 5,
}

export const keyIdOf = (masterKey: Buffer) => crypto.createHmac('sha256', masterKey).update('defenders-days backup key id').digest('hex').slice(0, 16);

function backupKey(masterKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', masterKey, salt, 'backup v1', 32));
}

function frameAad(headerHash: Buffer, index: number, final: boolean): Buffer {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index), 0);
  tail.writeUInt8(final ? 1 : 0, 8);
  return Buffer.concat([headerHash, tail]);
}

function record(type: RecordType, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

// ---------------------------------------------------------------- schema introspection

async function appliedMigrations(handle: DbHandle): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db);
  return r.rows.map((x) => x.name);
}

async function actualTables(handle: DbHandle): Promise<string[]> {
  const r =
    handle.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
          handle.db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(
          handle.db,
        );
  return r.rows.map((x) => x.name).sort();
}

async function checkTables(handle: DbHandle): Promise<void> {
  const known = new Set<string>(backupTables);
  const actual = await actualTables(handle);
  const unknown = actual.filter((t) => !known.has(t));
  const missing = backupTables.filter((t) => !actual.includes(t));
  if (unknown.length || missing.length) {
    throw new BackupError(
      'schema',
      `the database's tables do not match this version's list in src/db/backup.ts (unknown: ${unknown.join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'})`,
    );
  }
}

/** The primary key's columns, in key order. */
async function primaryKey(handle: DbHandle, table: string): Promise<string[]> {
  const r =
    handle.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(handle.db)
      : await sql<{ name: string }>`
          select a.attname as name from pg_index i
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = ${table}::regclass and i.indisprimary
          order by array_position(i.indkey::int2[], a.attnum)`.execute(handle.db);
  const cols = r.rows.map((x) => x.name);
  if (!cols.length) throw new BackupError('schema', `table ${table} has no primary key`);
  return cols;
}

// ---------------------------------------------------------------- backup

export interface BackupOptions {
  masterKey: Buffer;
  /** DATA_DIR/media */
  mediaRoot: string;
  /** the backup file to write (created with mode 0600; written to a temporary name first) */
  out: string;
  progress?: Progress;
  now?: Date;
  /** rows per page read (tests make it small to exercise paging on composite keys) */
  pageSize?: number;
}

function checkValue(table: string, col: string, v: unknown): void {
  if (v === null || typeof v === 'string' || typeof v === 'number') return;
  throw new BackupError('schema', `${table}.${col} holds a ${typeof v}; backups handle text, numbers and nulls only`);
}

async function* tableRecords(handle: DbHandle, table: string, stats: BackupStats, progress: Progress, pageSize: number): AsyncGenerator<Buffer> {
  const key = await primaryKey(handle, table);
  yield record(RecordType.Table, JSON.stringify({ name: table }));
  let last: unknown[] | undefined;
  let count = 0;
  const order = sql.join(key.map((k) => sql.ref(k)));
  for (;;) {
    const after = last ? sql`where (${order}) > (${sql.join(last)})` : sql``;
    const page = await sql<Row>`select * from ${sql.table(table)} ${after} order by ${order} limit ${pageSize}`.execute(handle.db);
    if (!page.rows.length) break;
    for (const row of page.rows) for (const [c, v] of Object.entries(row)) checkValue(table, c, v);
    yield record(RecordType.Rows, JSON.stringify(page.rows));
    count += page.rows.length;
    const tail = page.rows[page.rows.length - 1] as Row;
    last = key.map((k) => tail[k]);
    if (page.rows.length < pageSize) break;
  }
  stats.tables[table] = count;
  stats.rows += count;
  progress(`  ${table}: ${count} rows`);
}

/** Regular files under root, as '/'-separated relative paths, sorted; symbolic links are skipped. */
function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk(root, '');
  return out;
}

async function* fileRecords(mediaRoot: string, stats: BackupStats, progress: Progress): AsyncGenerator<Buffer> {
  for (const rel of listFiles(mediaRoot)) {
    const file = path.join(mediaRoot, ...rel.split('/'));
    const size = fs.statSync(file).size;
    yield record(RecordType.File, JSON.stringify({ path: rel, bytes: size }));
    let seen = 0;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: FRAME_PLAIN })) {
      const b = chunk as Buffer;
      seen += b.length;
      yield record(RecordType.FileData, b);
    }
    if (seen !== size) throw new Error(`${file} changed while it was backed up`);
    stats.files++;
    stats.fileBytes += size;
  }
  progress(`  media: ${stats.files} files, ${stats.fileBytes} bytes`);
}

/** Writes an encrypted backup of the database and DATA_DIR/media to opts.out. */
export async function writeBackup(handle: DbHandle, opts: BackupOptions): Promise<{ header: BackupHeader; stats: BackupStats }> {
  const progress = opts.progress ?? (() => undefined);
  await checkTables(handle);
  const salt = crypto.randomBytes(32);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    createdAt: (opts.now ?? new Date()).toISOString(),
    dialect: handle.dialect,
    migrations: await appliedMigrations(handle),
    keyId: keyIdOf(opts.masterKey),
    salt: salt.toString('base64'),
  };
  const headerJson = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = Buffer.concat([MAGIC, u32(headerJson.length), headerJson]);
  const headerHash = crypto.createHash('sha256').update(headerBytes).digest();
  const key = backupKey(opts.masterKey, salt);
  const stats: BackupStats = { tables: {}, rows: 0, files: 0, fileBytes: 0, bytes: 0 };

  async function* records(): AsyncGenerator<Buffer> {
    progress('tables:');
    for (const table of backupTables) yield* tableRecords(handle, table, stats, progress, opts.pageSize ?? PAGE);
    yield* fileRecords(opts.mediaRoot, stats, progress);
    yield record(RecordType.End, JSON.stringify({ tables: stats.tables, files: stats.files, fileBytes: stats.fileBytes }));
  }

  async function* encrypt(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    yield headerBytes;
    let index = 0;
    let pending: Buffer[] = [];
    let size = 0;
    const frame = (plain: Buffer, final: boolean): Buffer => {
      const nonce = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(frameAad(headerHash, index++, final));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([final ? 1 : 0]), u32(body.length), nonce, body, cipher.getAuthTag()]);
    };
    for await (const chunk of source) {
      pending.push(chunk);
      size += chunk.length;
      while (size >= FRAME_PLAIN) {
        const all = Buffer.concat(pending);
        yield frame(all.subarray(0, FRAME_PLAIN), false);
        pending = [all.subarray(FRAME_PLAIN)];
        size = all.length - FRAME_PLAIN;
      }
    }
    yield frame(Buffer.concat(pending), true);
  }

  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true, mode: 0o700 });
  const tmp = `${opts.out}.partial-${crypto.randomBytes(4).toString('hex')}`;
  try {
    await pipeline(Readable.from(records()), zlib.createGzip({ level: 6 }), encrypt, fs.createWriteStream(tmp, { mode: 0o600, flags: 'wx' }));
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, opts.out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  stats.bytes = fs.statSync(opts.out).size;
  progress(`wrote ${opts.out}: ${stats.rows} rows in ${backupTables.length} tables, ${stats.files} files, ${stats.bytes} bytes`);
  return { header, stats };
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
}

// ---------------------------------------------------------------- reading

/** Reads exact byte counts from a stream of buffers. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly it: AsyncIterator<unknown>) {}

  /** n bytes, or fewer only at the end of the input */
  async read(n: number): Promise<Buffer> {
    while (this.buf.length < n && !this.done) {
      const next = await this.it.next();
      if (next.done) this.done = true;
      else this.buf = Buffer.concat([this.buf, next.value as Buffer]);
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(out.length);
    return out;
  }

  async atEnd(): Promise<boolean> {
    return (await this.read(1)).length === 0;
  }
}

/** Reads and checks the header; says "wrong key" when the backup was made under another master key. */
export function readHeader(file: string, masterKey: Buffer): { header: BackupHeader; headerBytes: Buffer } {
  const fd = fs.openSync(file, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    const got = fs.readSync(fd, start, 0, start.length, 0);
    if (got < start.length || !start.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupError('not-a-backup', `${file} is not a Defenders' Days backup`);
    const len = start.readUInt32BE(MAGIC.length);
    if (len > MAX_HEADER) throw new BackupError('corrupt', `${file}: the header is damaged`);
    const json = Buffer.alloc(len);
    if (fs.readSync(fd, json, 0, len, start.length) < len) throw new BackupError('truncated', `${file} is cut off (in its header)`);
    let header: BackupHeader;
    try {
      header = JSON.parse(json.toString('utf8')) as BackupHeader;
    } catch {
      throw new BackupError('corrupt', `${file}: the header is damaged`);
    }
    if (header.format !== BACKUP_FORMAT)
      throw new BackupError('not-a-backup', `${file} has backup format ${String(header.format)}; this version reads format ${BACKUP_FORMAT}`);
    if (!Array.isArray(header.migrations) || typeof header.salt !== 'string' || typeof header.keyId !== 'string')
      throw new BackupError('corrupt', `${file}: the header is damaged`);
    if (header.keyId !== keyIdOf(masterKey)) {
      throw new BackupError(
        'wrong-key',
        `${file} was made under a different master key (key id ${header.keyId}, this key is ${keyIdOf(masterKey)}); set MASTER_KEY or MASTER_KEY_FILE to the key of the server that made it`,
      );
    }
    return { header, headerBytes: Buffer.concat([start, json]) };
  } finally {
    fs.closeSync(fd);
  }
}

interface RecordHandler {
  table(name: string): Promise<void>;
  rows(rows: Row[]): Promise<void>;
  file(rel: string, bytes: number): Promise<void>;
  fileData(data: Buffer): Promise<void>;
  end(summary: { tables: Record<string, number>; files: number; fileBytes: number }): Promise<void>;
}

/** Decrypts, decompresses and parses the whole file, feeding each record to the handler. Any damage throws BackupError. */
async function readRecords(file: string, masterKey: Buffer, handler: RecordHandler): Promise<BackupHeader> {
  const { header, headerBytes } = readHeader(file, masterKey);
  const headerHash = crypto.createHash('sha256').update(headerBytes).digest();
  const key = backupKey(masterKey, Buffer.from(header.salt, 'base64'));
  let sawEnd = false;

  async function* decrypt(source: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
    const r = new ByteReader(source[Symbol.asyncIterator]());
    for (let index = 0; ; index++) {
      const head = await r.read(5);
      if (head.length < 5) throw new BackupError('truncated', `${file} is cut off (after ${index} blocks)`);
      const flags = head.readUInt8(0);
      const len = head.readUInt32BE(1);
      if (flags > 1 || len > FRAME_PLAIN + 1024) throw new BackupError('corrupt', `${file} is damaged (block ${index})`);
      const body = await r.read(12 + len + 16);
      if (body.length < 12 + len + 16) throw new BackupError('truncated', `${file} is cut off (in block ${index})`);
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
      decipher.setAAD(frameAad(headerHash, index, flags === 1));
      decipher.setAuthTag(body.subarray(12 + len));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(body.subarray(12, 12 + len)), decipher.final()]);
      } catch {
        throw new BackupError('corrupt', `${file} is damaged or was changed (block ${index} fails its check)`);
      }
      yield plain;
      if (flags === 1) {
        if (!(await r.atEnd())) throw new BackupError('corrupt', `${file} has bytes after its last block`);
        return;
      }
    }
  }

  async function parse(source: AsyncIterable<unknown>): Promise<void> {
    const r = new ByteReader(source[Symbol.asyncIterator]());
    for (;;) {
      const head = await r.read(5);
      if (head.length === 0) break;
      if (head.length < 5 || sawEnd) throw new BackupError('corrupt', `${file}: unexpected data in the backup`);
      const type = head.readUInt8(0) as RecordType;
      const len = head.readUInt32BE(1);
      if (len > MAX_RECORD) throw new BackupError('corrupt', `${file}: a record is too large`);
      const body = await r.read(len);
      if (body.length < len) throw new BackupError('corrupt', `${file}: a record is cut off`);
      switch (type) {
        case RecordType.Table:
          await handler.table((JSON.parse(body.toString('utf8')) as { name: string }).name);
          break;
        case RecordType.Rows:
          await handler.rows(JSON.parse(body.toString('utf8')) as Row[]);
          break;
        case RecordType.File: {
          const f = JSON.parse(body.toString('utf8')) as { path: string; bytes: number };
          await handler.file(f.path, f.bytes);
          break;
        }
        case RecordType.FileData:
          await handler.fileData(body);
          break;
        case RecordType.End:
          sawEnd = true;
          await handler.end(JSON.parse(body.toString('utf8')) as { tables: Record<string, number>; files: number; fileBytes: number });
          break;
        default:
          throw new BackupError('corrupt', `${file}: unknown record type ${String(type)}`);
      }
    }
    if (!sawEnd) throw new BackupError('truncated', `${file} ends before its last record`);
  }

  try {
    await pipeline(fs.createReadStream(file, { start: headerBytes.length }), decrypt, zlib.createGunzip(), parse);
  } catch (e) {
    if (e instanceof BackupError) throw e;
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('Z_'))
      throw new BackupError('corrupt', `${file}: the compressed data is damaged`);
    throw e;
  }
  return header;
}

/** A media path from a backup, checked to stay inside root. */
function safeMediaPath(root: string, rel: string): string {
  const parts = rel.split('/');
  if (!rel || rel.includes('\\') || rel.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new BackupError('corrupt', `the backup names a media file outside the media folder: ${JSON.stringify(rel)}`);
  }
  const full = path.resolve(root, ...parts);
  if (!full.startsWith(path.resolve(root) + path.sep))
    throw new BackupError('corrupt', `the backup names a media file outside the media folder: ${JSON.stringify(rel)}`);
  return full;
}

/** Reads the whole backup and checks every block, record and total without writing anything. */
export async function verifyBackup(
  file: string,
  masterKey: Buffer,
): Promise<{ header: BackupHeader; tables: Record<string, number>; files: number; fileBytes: number }> {
  const tables: Record<string, number> = {};
  let current: string | undefined;
  let files = 0;
  let fileBytes = 0;
  let fileLeft = 0;
  const known = new Set<string>(backupTables);
  const endFile = () => {
    if (fileLeft !== 0) throw new BackupError('corrupt', `${file}: a media file is incomplete`);
  };
  const header = await readRecords(file, masterKey, {
    async table(name) {
      endFile();
      if (!known.has(name)) throw new BackupError('schema', `the backup has a table this version does not know: ${name}`);
      current = name;
      tables[name] = 0;
    },
    async rows(rows) {
      if (!current || !Array.isArray(rows)) throw new BackupError('corrupt', `${file}: rows outside a table`);
      tables[current] = (tables[current] ?? 0) + rows.length;
    },
    async file(rel, bytes) {
      endFile();
      safeMediaPath('/media', rel);
      files++;
      fileLeft = bytes;
      fileBytes += bytes;
    },
    async fileData(data) {
      fileLeft -= data.length;
      if (fileLeft < 0) throw new BackupError('corrupt', `${file}: a media file is longer than announced`);
    },
    async end(summary) {
      endFile();
      const same = JSON.stringify(summary.tables) === JSON.stringify(tables) && summary.files === files && summary.fileBytes === fileBytes;
      if (!same) throw new BackupError('corrupt', `${file}: the totals at its end do not match its contents`);
    },
  });
  return { header, tables, files, fileBytes };
}

// ---------------------------------------------------------------- restore

export interface RestoreOptions {
  masterKey: Buffer;
  mediaRoot: string;
  /** wipe a database (and media folder) that already holds data */
  force?: boolean;
  progress?: Progress;
}

/** Tables with rows, ignoring settings (migrations put content_version there). */
async function nonEmptyTables(db: DbHandle['db']): Promise<string[]> {
  const out: string[] = [];
  for (const t of backupTables) {
    if (t === 'settings') continue;
    const r = await sql<{ one: number }>`select 1 as one from ${sql.table(t)} limit 1`.execute(db);
    if (r.rows.length) out.push(t);
  }
  return out;
}

async function insertRows(tx: Tx, table: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    const cols = Object.keys(batch[0] as Row);
    const values = batch.map((row) => {
      for (const c of cols) checkValue(table, c, row[c]);
      return sql`(${sql.join(cols.map((c) => row[c]))})`;
    });
    await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.id(c)))}) values ${sql.join(values)}`.execute(tx);
  }
}

/**
 * Restores a backup into a migrated database with the same migrations. Checks the whole
 * file first, then writes all rows in one transaction, then swaps in the media folder.
 * Refuses a database or media folder that holds data unless opts.force.
 */
export async function restoreBackup(handle: DbHandle, file: string, opts: RestoreOptions): Promise<{ header: BackupHeader; stats: BackupStats }> {
  const progress = opts.progress ?? (() => undefined);
  const verified = await verifyBackup(file, opts.masterKey);
  const { header } = verified;
  progress(
    `checked ${file}: made ${header.createdAt} on ${header.dialect}, ${Object.values(verified.tables).reduce((a, b) => a + b, 0)} rows, ${verified.files} files`,
  );

  const migrations = await appliedMigrations(handle);
  if (JSON.stringify(migrations) !== JSON.stringify(header.migrations)) {
    throw new BackupError(
      'migrations',
      `the backup was made at migrations [${header.migrations.join(', ')}] but this database has [${migrations.join(', ')}]; restore with the version of Defenders' Days that made the backup, then upgrade`,
    );
  }
  await checkTables(handle);

  const mediaRoot = path.resolve(opts.mediaRoot);
  const busy = await nonEmptyTables(handle.db);
  const mediaBusy = listFiles(mediaRoot).length > 0;
  if ((busy.length || mediaBusy) && !opts.force) {
    throw new BackupError(
      'not-empty',
      `the target is not empty (${[...busy, ...(mediaBusy ? [mediaRoot] : [])].join(', ')}); restore into an empty database, or pass --force to wipe it first`,
    );
  }

  // Media go to a staging folder next to the media folder and are swapped in after the commit.
  const staging = `${mediaRoot}.restore-${crypto.randomBytes(4).toString('hex')}`;
  fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
  const stats: BackupStats = { tables: {}, rows: 0, files: 0, fileBytes: 0, bytes: fs.statSync(file).size };
  try {
    await handle.db.transaction().execute(async (tx) => {
      const before = await sql<{ value: string }>`select value from settings where key = 'content_version'`.execute(tx);
      const targetVersion = Number(before.rows[0]?.value ?? 0);
      if (busy.length) progress(`wiping ${busy.length} tables (--force)`);
      for (const t of [...backupTables].reverse()) await sql`delete from ${sql.table(t)}`.execute(tx);

      let current: string | undefined;
      let fd: number | undefined;
      let backupVersion = 0;
      const closeFile = () => {
        if (fd !== undefined) fs.closeSync(fd);
        fd = undefined;
      };
      const finishTable = () => {
        if (current) progress(`  ${current}: ${stats.tables[current] ?? 0} rows`);
      };
      progress('tables:');
      await readRecords(file, opts.masterKey, {
        async table(name) {
          finishTable();
          closeFile();
          current = name;
          stats.tables[name] = 0;
        },
        async rows(rows) {
          if (!current || !rows.length) return;
          if (current === 'settings') {
            const cv = rows.find((r) => r.key === 'content_version');
            if (cv) backupVersion = Number(cv.value);
          }
          await insertRows(tx, current, rows);
          stats.tables[current] = (stats.tables[current] ?? 0) + rows.length;
          stats.rows += rows.length;
        },
        async file(rel, bytes) {
          finishTable();
          current = undefined;
          closeFile();
          const full = safeMediaPath(staging, rel);
          fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
          fd = fs.openSync(full, 'wx', 0o600);
          stats.files++;
          stats.fileBytes += bytes;
        },
        async fileData(data) {
          if (fd === undefined) throw new BackupError('corrupt', `${file}: file data outside a file`);
          fs.writeSync(fd, data);
        },
        async end() {
          finishTable();
          current = undefined;
          closeFile();
        },
      });
      closeFile();

      if (handle.dialect === 'postgres') {
        for (const t of backupTables) {
          const cols = await sql<{
            one: number;
          }>`select 1 as one from information_schema.columns where table_schema = current_schema() and table_name = ${t} and column_name = 'id'`.execute(tx);
          if (!cols.rows.length) continue;
          await sql`select setval(pg_get_serial_sequence(${t}, 'id'), coalesce(max(id), 1), max(id) is not null) from ${sql.table(t)}`.execute(tx);
        }
      }
      // Above both the backup's and the replaced database's value, so no cache keyed on
      // either ever serves a page of other data.
      const version = Math.max(backupVersion, targetVersion) + 1;
      await sql`update settings set value = ${String(version)} where key = 'content_version'`.execute(tx);
    });
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }

  const old = `${mediaRoot}.old-${crypto.randomBytes(4).toString('hex')}`;
  if (fs.existsSync(mediaRoot)) fs.renameSync(mediaRoot, old);
  fs.renameSync(staging, mediaRoot);
  fs.rmSync(old, { recursive: true, force: true });
  progress(`restored ${stats.rows} rows in ${Object.keys(stats.tables).length} tables and ${stats.files} files (${stats.fileBytes} bytes)`);
  return { header, stats };
}
