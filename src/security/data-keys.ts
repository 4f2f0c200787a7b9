import crypto from 'node:crypto';
import type { Db, Tx } from '../db/database.js';
import { DataKeysRepository } from './data-keys.repository.js';
import type { MasterKeyring } from './keyring.js';

/**
 * Envelope encryption (security requirement R12, docs/requirements.md). Each scope (an edition's participants,
 * the system's own secrets) has a random 256-bit data key, stored only wrapped by a master
 * key (`w1.<nonce>.<ciphertext+tag>`, AES-256-GCM, bound to its scope and master key id).
 * Fields are sealed under a data key as `f1.<data key id>.<nonce>.<ciphertext+tag>`: the
 * ciphertext names its key version, and the context (table, row, field) is bound in as
 * associated data, so a value moved to another row or field fails to open.
 *
 * Rotating the master key rewraps the data keys only. Destroying a data key (wrapped set to
 * null) makes everything sealed under it unreadable, in the database and in every backup
 * taken afterwards.
 */

/** The data key this ciphertext needs is destroyed, or never existed. */
export class DataKeyGone extends Error {
  constructor(readonly scope: string) {
    super(`the data key for ${scope} is destroyed`);
  }
}

const FIELD_VERSION = 'f1';
const WRAP_VERSION = 'w1';

function gcmSeal(key: Buffer, plain: Buffer, aad: string): string {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return `${nonce.toString('base64url')}.${body.toString('base64url')}`;
}

function gcmOpen(key: Buffer, nonceText: string, bodyText: string, aad: string): Buffer {
  const body = Buffer.from(bodyText, 'base64url');
  if (body.length < 16) throw new Error('ciphertext too short');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(nonceText, 'base64url'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}

const wrapAad = (scope: string, masterKeyId: number) => `data-key:${scope}:${masterKeyId}`;

export function wrapKey(ring: MasterKeyring, scope: string, key: Buffer): { masterKeyId: number; wrapped: string } {
  return { masterKeyId: ring.current.id, wrapped: `${WRAP_VERSION}.${gcmSeal(ring.current.key, key, wrapAad(scope, ring.current.id))}` };
}

export function unwrapKey(ring: MasterKeyring, scope: string, masterKeyId: number, wrapped: string): Buffer {
  const [version, nonce, body, extra] = wrapped.split('.');
  if (version !== WRAP_VERSION || !nonce || !body || extra !== undefined) throw new Error('unknown wrapped-key format');
  const key = gcmOpen(ring.get(masterKeyId), nonce, body, wrapAad(scope, masterKeyId));
  if (key.length !== 32) throw new Error('a data key is 32 bytes');
  return key;
}

/** A loaded data key: seals and opens fields synchronously, so it can be used inside a transaction. */
export class FieldKey {
  constructor(
    readonly id: number,
    readonly scope: string,
    private readonly key: Buffer,
  ) {}

  seal(plain: string, context: string): string {
    return `${FIELD_VERSION}.${this.id}.${gcmSeal(this.key, Buffer.from(plain, 'utf8'), `${this.id}:${context}`)}`;
  }

  /** Throws when the ciphertext was changed, belongs to another key or another context. */
  open(sealed: string, context: string): string {
    const [version, idText, nonce, body, extra] = sealed.split('.');
    if (version !== FIELD_VERSION || !nonce || !body || extra !== undefined) throw new Error('unknown ciphertext format');
    if (Number(idText) !== this.id) throw new Error(`sealed under data key ${idText}, not ${this.id}`);
    return gcmOpen(this.key, nonce, body, `${this.id}:${context}`).toString('utf8');
  }

  /** The raw key, for the system scope's SecretBox only (src/services.ts). */
  exportKey(): Buffer {
    return Buffer.from(this.key);
  }

  /** A keyed hash under this data key, for lookups that must not reveal their input. */
  mac(value: string): string {
    return crypto.createHmac('sha256', this.key).update(`mac:${value}`).digest('base64url');
  }
}

/** The data key id a field ciphertext names, or undefined for anything else. */
export function fieldKeyId(sealed: string): number | undefined {
  const [version, idText] = sealed.split('.');
  const id = Number(idText);
  return version === FIELD_VERSION && Number.isInteger(id) ? id : undefined;
}

/**
 * The data keys of every scope. Keys are loaded once and kept in memory; `load` creates a
 * missing key in its own short transaction, so call it before a business transaction
 * (on SQLite a transaction holds the only connection).
 */
export class DataKeys {
  private readonly cache = new Map<string, FieldKey>();
  private readonly repo: DataKeysRepository;

  constructor(
    db: Db,
    private readonly ring: MasterKeyring,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new DataKeysRepository(db);
  }

  get keyring(): MasterKeyring {
    return this.ring;
  }

  /** The scope's key, created (random, wrapped by the current master key) if it has none. Throws DataKeyGone once destroyed. */
  async load(scope: string, initial?: () => Buffer): Promise<FieldKey> {
    const cached = this.cache.get(scope);
    if (cached) return cached;
    let row = await this.repo.byScope(scope);
    if (!row) {
      const key = initial ? initial() : crypto.randomBytes(32);
      const { masterKeyId, wrapped } = wrapKey(this.ring, scope, key);
      try {
        await this.repo.insert(scope, masterKeyId, wrapped, this.now().toISOString());
      } catch (e) {
        // another process made it at the same moment: read theirs
        if (!(await this.repo.byScope(scope))) throw e;
      }
      row = await this.repo.byScope(scope);
      if (!row) throw new Error(`data key ${scope} vanished`);
    }
    if (row.wrapped === null) throw new DataKeyGone(scope);
    const fieldKey = new FieldKey(row.id, scope, unwrapKey(this.ring, scope, row.master_key_id, row.wrapped));
    this.cache.set(scope, fieldKey);
    return fieldKey;
  }

  /** The scope's key if it exists and is not destroyed; never creates one. */
  async existing(scope: string): Promise<FieldKey | undefined> {
    const cached = this.cache.get(scope);
    if (cached) return cached;
    return (await this.repo.isLive(scope)) ? this.load(scope) : undefined;
  }

  /**
   * Destroys the scope's key inside the caller's transaction. Forget it from memory once the
   * transaction commits (`forget`), so a rollback leaves everything readable.
   */
  async destroy(tx: Tx, scope: string): Promise<boolean> {
    return this.repo.destroy(tx, scope, this.now().toISOString());
  }

  forget(scope: string): void {
    this.cache.delete(scope);
  }
}

/**
 * Rewraps every live data key under the new keyring's current master key, in one
 * transaction. The data itself is not touched: its keys do not change.
 */
export async function rewrapAll(db: Db, from: MasterKeyring, to: MasterKeyring, nowIso: string): Promise<{ rewrapped: number; destroyed: number }> {
  const repo = new DataKeysRepository(db);
  return db.transaction().execute(async (tx) => {
    const rows = await repo.all(tx);
    let rewrapped = 0;
    for (const row of rows) {
      if (row.wrapped === null) continue;
      const key = unwrapKey(from, row.scope, row.master_key_id, row.wrapped);
      const next = wrapKey(to, row.scope, key);
      await repo.rewrap(tx, row.id, next.masterKeyId, next.wrapped, nowIso);
      rewrapped++;
    }
    return { rewrapped, destroyed: rows.length - rewrapped };
  });
}
