// `npm run backup -- [--out <file>]` and `npm run restore -- <file> [--force]`.
// Uses the server's configuration (DATA_DIR, DATABASE_URL, MASTER_KEY or MASTER_KEY_FILE).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../config.js';
import { loadKeyring } from '../security/keyring.js';
import { BackupError, restoreBackup, writeBackup, type BackupErrorCode } from './backup.js';
import { openDatabase } from './database.js';
import { restrictNewFiles } from './data-dir.js';
import { migrateToLatest } from './migrate.js';

export const BACKUP_USAGE = `Usage:
  npm run backup -- [--out <file>]
      Writes an encrypted backup of the database and DATA_DIR/media. The default file is
      DATA_DIR/backups/backup-<time>.ddbak (mode 0600). The master key is NOT in the
      backup: keep it apart; without it the backup cannot be read.
  npm run restore -- <file> [--force]
      Checks the whole backup, brings the database up to date with the migrations the
      backup was made at, and restores every row and media file. Refuses a database or
      media folder that holds data unless --force, which wipes them first.

Configuration comes from the environment, as for the server: DATA_DIR or DATABASE_URL,
MASTER_KEY or MASTER_KEY_FILE (outside production: DATA_DIR/master.key).

Exit codes: 0 done, 1 unexpected failure, 2 bad arguments, 3 wrong master key,
4 damaged, cut off or not a backup, 5 target not empty, 6 migrations differ.`;

export type BackupCommand = { command: 'help' } | { command: 'backup'; out: string | undefined } | { command: 'restore'; file: string; force: boolean };

export class UsageError extends Error {}

/** Parses `backup|restore` and their arguments; pure, throws UsageError. */
export function parseBackupArgs(argv: readonly string[]): BackupCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || rest.includes('--help') || rest.includes('-h') || command === '--help' || command === '-h')
    return { command: 'help' };
  if (command === 'backup') {
    let out: string | undefined;
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i] as string;
      if (a === '--out' || a.startsWith('--out=')) {
        if (out !== undefined) throw new UsageError('--out is given twice.');
        out = a === '--out' ? rest[++i] : a.slice('--out='.length);
        if (!out || out.startsWith('--')) throw new UsageError('--out needs a file name.');
      } else throw new UsageError(`Unexpected argument "${a}".`);
    }
    return { command: 'backup', out };
  }
  if (command === 'restore') {
    let file: string | undefined;
    let force = false;
    for (const a of rest) {
      if (a === '--force') force = true;
      else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}.`);
      else if (file !== undefined) throw new UsageError(`Unexpected argument "${a}".`);
      else file = a;
    }
    if (!file) throw new UsageError('restore needs the backup file.');
    return { command: 'restore', file, force };
  }
  throw new UsageError(`Unknown command "${command}".`);
}

const exitCodes: Record<BackupErrorCode, number> = { 'wrong-key': 3, corrupt: 4, truncated: 4, 'not-a-backup': 4, schema: 4, 'not-empty': 5, migrations: 6 };

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export async function runBackupCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let cmd: BackupCommand;
  try {
    cmd = parseBackupArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n\n${BACKUP_USAGE}`);
    return 2;
  }
  if (cmd.command === 'help') {
    console.log(BACKUP_USAGE);
    return 0;
  }
  const config = loadConfig(env);
  if (cmd.command === 'restore') {
    if (!fs.existsSync(cmd.file)) {
      console.error(`No such file: ${cmd.file}`);
      return 2;
    }
    // Restoring on a new machine must not quietly generate a new key and then fail.
    if (!env.MASTER_KEY && !env.MASTER_KEY_FILE && !fs.existsSync(path.join(config.dataDir, 'master.key'))) {
      console.error('No master key: set MASTER_KEY or MASTER_KEY_FILE to the key of the server that made the backup.');
      return 3;
    }
  }
  // Backups are sealed under the current master key: keep a retired key while backups made with it are kept.
  const masterKey = loadKeyring(env, config.dataDir, config.production).current.key;
  const mediaRoot = path.join(config.dataDir, 'media');
  const progress = (line: string) => console.error(line);
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const started = Date.now();
  try {
    if (cmd.command === 'backup') {
      const out = path.resolve(cmd.out ?? path.join(config.dataDir, 'backups', `backup-${stamp(new Date())}.ddbak`));
      if (fs.existsSync(out)) {
        console.error(`${out} exists already; choose another name.`);
        return 2;
      }
      await writeBackup(database, { masterKey, mediaRoot, out, progress });
      console.log(out);
    } else {
      await migrateToLatest(database);
      await restoreBackup(database, cmd.file, { masterKey, mediaRoot, force: cmd.force, progress });
      console.error('Run the deletion jobs again (they delete what expired since the backup was made).');
    }
    console.error(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      console.error(`${cmd.command} failed: ${e.message}`);
      return exitCodes[e.code];
    }
    throw e;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  restrictNewFiles();
  runBackupCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
      else console.error(err);
      process.exitCode = 1;
    },
  );
}
