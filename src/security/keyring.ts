import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The master keys, which live outside the database: MASTER_KEY, or the file MASTER_KEY_FILE,
 * or outside production DATA_DIR/master.key (generated, mode 0600, on first start).
 *
 * The text holds one or more keys separated by white space, each `<id>:<base64 of 32 bytes>`;
 * a bare `<base64>` is key 1 (the format before keys were numbered). The highest id wraps
 * new data keys; the others only unwrap, which is what lets `keys:rotate` add a key,
 * rewrap every data key and then drop the old one without a moment where a key is missing.
 */
export interface MasterKey {
  id: number;
  key: Buffer;
}

export class MasterKeyring {
  readonly current: MasterKey;
  private readonly byId: Map<number, Buffer>;

  constructor(keys: readonly MasterKey[]) {
    if (keys.length === 0) throw new Error('no master key');
    this.byId = new Map();
    for (const k of keys) {
      if (k.key.length !== 32) throw new Error(`master key ${k.id} must be 32 bytes`);
      if (!Number.isInteger(k.id) || k.id < 1) throw new Error('a master key id is a positive integer');
      if (this.byId.has(k.id)) throw new Error(`master key ${k.id} is given twice`);
      this.byId.set(k.id, k.key);
    }
    const top = Math.max(...this.byId.keys());
    this.current = { id: top, key: this.byId.get(top) as Buffer };
  }

  /** The key with this id; throws when the keyring no longer holds it. */
  get(id: number): Buffer {
    const key = this.byId.get(id);
    if (!key) throw new Error(`master key ${id} is not in the keyring`);
    return key;
  }

  get ids(): number[] {
    return [...this.byId.keys()].sort((a, b) => a - b);
  }

  /** The text form, for the key file. */
  format(): string {
    return this.ids.map((id) => `${id}:${this.get(id).toString('base64')}`).join('\n') + '\n';
  }
}

/** A key id: a positive integer in decimal. */
const ID_TEXT = /^[1-9][0-9]{0,8}$/;
/** 32 bytes in base64 or base64url, padded or not: nothing else, so a stray character is an error rather than silently skipped. */
const KEY_TEXT = /^[A-Za-z0-9+/_-]{43}=?$/;

export function parseKeyring(text: string, where: string): MasterKeyring {
  const entries = text.split(/\s+/).filter(Boolean);
  if (entries.length === 0) throw new Error(`${where} holds no key`);
  return new MasterKeyring(
    entries.map((entry, i) => {
      const colon = entry.indexOf(':');
      const idText = colon === -1 ? '1' : entry.slice(0, colon);
      const keyText = colon === -1 ? entry : entry.slice(colon + 1);
      // The messages name the entry's position, never its text: it is key material.
      if (!ID_TEXT.test(idText)) throw new Error(`${where}: entry ${i + 1} has no valid key id (a positive whole number before the colon)`);
      const key = Buffer.from(keyText, 'base64');
      if (!KEY_TEXT.test(keyText) || key.length !== 32) throw new Error(`${where} must hold keys of 32 bytes in base64 (entry ${i + 1} is not one)`);
      return { id: Number(idText), key };
    }),
  );
}

/** Where the keyring comes from: the environment variable, or a file (which keys:rotate can rewrite). */
export type KeyringSource = { kind: 'env' } | { kind: 'file'; file: string };

export function keyringSource(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): KeyringSource {
  if (env.MASTER_KEY) return { kind: 'env' };
  if (env.MASTER_KEY_FILE) return { kind: 'file', file: env.MASTER_KEY_FILE };
  if (production) throw new Error('MASTER_KEY or MASTER_KEY_FILE is required in production');
  return { kind: 'file', file: path.join(dataDir, 'master.key') };
}

export function loadKeyring(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): MasterKeyring {
  const source = keyringSource(env, dataDir, production);
  if (source.kind === 'env') return parseKeyring(env.MASTER_KEY as string, 'MASTER_KEY');
  if (!env.MASTER_KEY_FILE && !fs.existsSync(source.file)) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(source.file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return parseKeyring(fs.readFileSync(source.file, 'utf8'), source.file);
}

/**
 * Replaces the key file's content so that a crash leaves either the old or the new file, never
 * half of one: a new copy (a fresh name, created exclusively with mode 0600, so neither a stale
 * copy nor a link planted beside the file is reused), synced, then renamed over the file.
 */
export function writeKeyringFile(file: string, ring: MasterKeyring): void {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeSync(fd, ring.format());
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}
