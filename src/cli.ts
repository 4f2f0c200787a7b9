// The operator's command line: `npm run cli -- <command> [options]`.
//
//   npm run cli -- user:create --email a@example.org --role editor [--name "A. Person"]
//   npm run cli -- keys:rotate
//   npm run cli -- help
//
// It uses the server's configuration (DATA_DIR, DATABASE_URL, PUBLIC_URL, MASTER_KEY) and
// brings the database up to date first.
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { systemClock } from './core/shared/clock.js';
import { DomainError } from './core/shared/errors.js';
import { openDatabase } from './db/database.js';
import { restrictNewFiles } from './db/data-dir.js';
import { migrateToLatest } from './db/migrate.js';
import { t, type MessageKey } from './i18n/index.js';
import { isRole, roles, type Role } from './security/permissions.js';
import { rewrapAll } from './security/data-keys.js';
import { keyringSource, loadKeyring, MasterKeyring, writeKeyringFile } from './security/keyring.js';
import { buildServices } from './services.js';

export type CliCommand = { command: 'help' } | { command: 'keys:rotate' } | { command: 'user:create'; email: string; role: Role; name: string | undefined };

/** Bad arguments: the message is printed with the usage, and the process exits with 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  user:create --email <address> --role <role> [--name <name>]
      Creates a staff account and prints its single-use enrolment link (valid 72 hours).
      Pass the link on yourself: it is not mailed. The name defaults to the part of the
      address before the @.
  keys:rotate
      Makes a new master key and rewraps every data key under it, in one transaction; the
      data itself is not rewritten. Needs the key in a file (MASTER_KEY_FILE, or
      DATA_DIR/master.key outside production), which it rewrites; with MASTER_KEY in the
      environment it refuses. Stop the server first, and keep the old key while you keep
      backups made with it: a backup is sealed under the key that was current when it was made.
  help, --help, -h
      Shows this text.

Roles: ${roles.join(', ')}

Configuration comes from the environment, as for the server: DATA_DIR or DATABASE_URL,
PUBLIC_URL (the links' origin), MASTER_KEY or MASTER_KEY_FILE.`;

const createOptions = new Set(['email', 'role', 'name']);

/** Parses the arguments after `npm run cli --`; pure, throws UsageError. */
export function parseArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command !== 'user:create' && command !== 'keys:rotate') throw new UsageError(`Unknown command "${command}".`);
  if (rest.some((a) => a === '--help' || a === '-h')) return { command: 'help' };
  if (command === 'keys:rotate') {
    if (rest.length) throw new UsageError(`keys:rotate takes no arguments ("${rest[0]}").`);
    return { command: 'keys:rotate' };
  }
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!createOptions.has(name)) throw new UsageError(`Unknown option --${name} for user:create.`);
    if (options.has(name)) throw new UsageError(`--${name} is given twice.`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
      i++;
    }
    if (!value.trim()) throw new UsageError(`--${name} needs a value.`);
    options.set(name, value);
  }
  const email = options.get('email');
  const role = options.get('role');
  if (!email) throw new UsageError('user:create needs --email.');
  if (!role) throw new UsageError(`user:create needs --role (one of: ${roles.join(', ')}).`);
  if (!isRole(role)) throw new UsageError(`Unknown role "${role}". Roles: ${roles.join(', ')}.`);
  return { command: 'user:create', email, role, name: options.get('name') };
}

async function createUser(cmd: Extract<CliCommand, { command: 'user:create' }>): Promise<number> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database);
    const services = await buildServices(config, database, systemClock);
    const displayName = cmd.name ?? cmd.email.split('@')[0] ?? cmd.email;
    try {
      const { enrolUrl } = await services.accounts.createUser(null, { email: cmd.email, displayName, role: cmd.role });
      console.log(
        `Created an account with the role ${cmd.role}. Pass this single-use enrolment link on by a channel you trust; it expires in 72 hours:\n  ${enrolUrl}`,
      );
      return 0;
    } catch (e) {
      if (e instanceof DomainError && e.code === 'invalid') {
        for (const [field, key] of Object.entries(e.fields)) console.error(`${field}: ${t('en', key as MessageKey)}`);
        return 2;
      }
      throw e;
    }
  } finally {
    await database.close();
  }
}

export async function runCli(argv: readonly string[]): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (cmd.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (cmd.command === 'keys:rotate') return rotateKeys(process.env);
  return createUser(cmd);
}

/**
 * Rotates the master key: (1) the key file gets a new key beside the old ones, (2) every data
 * key is rewrapped under the new key in one transaction, (3) the file keeps the new key only.
 * A crash after (1) or (2) leaves a file that still opens everything; running again finishes.
 */
export async function rotateKeys(env: NodeJS.ProcessEnv): Promise<number> {
  const config = loadConfig(env);
  const source = keyringSource(env, config.dataDir, config.production);
  if (source.kind === 'env') {
    console.error(
      'keys:rotate rewrites the key file, and the key is in MASTER_KEY. Move it into a file (mode 0600) outside the data directory, set MASTER_KEY_FILE to it instead, and run keys:rotate again.',
    );
    return 2;
  }
  const old = loadKeyring(env, config.dataDir, config.production);
  const next = { id: Math.max(...old.ids) + 1, key: crypto.randomBytes(32) };
  const both = new MasterKeyring([...old.ids.map((id) => ({ id, key: old.get(id) })), next]);
  writeKeyringFile(source.file, both);
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database);
    const { rewrapped, destroyed } = await rewrapAll(database.db, both, both, new Date().toISOString());
    // The data keys wrapped under the old master key must not stay in the database files
    // (WAL, freed space, dead tuples): whoever has the old key would unwrap them there.
    const scrub = await database.scrubErased(['data_keys']);
    if (!scrub.complete)
      console.warn(
        `The database files may still hold the data keys wrapped under the old master key (${scrub.detail}); on SQLite the server's hourly checkpoint finishes it, on PostgreSQL run VACUUM FULL data_keys.`,
      );
    writeKeyringFile(source.file, new MasterKeyring([next]));
    console.log(
      `Rewrapped ${rewrapped} data key(s) under master key ${next.id} (${destroyed} destroyed key(s) left as they are). ${source.file} now holds master key ${next.id} only.`,
    );
    console.log(
      `Backups made before now are sealed under master key ${old.current.id}: make a new backup now, and keep the old key only as long as the old backups.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  restrictNewFiles();
  runCli(process.argv.slice(2)).then(
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
