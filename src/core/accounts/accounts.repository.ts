import type { Db, Tx } from '../../db/database.js';
import type { SessionStage, UserStatus, UserTokenPurpose } from '../../db/schema.js';

export interface UserRecord {
  id: number;
  email: string;
  display_name: string;
  role: string;
  status: UserStatus;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number;
  recovery_codes: string;
}

export interface SessionRecord {
  id: number;
  user_id: number;
  stage: SessionStage;
  browser: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  reauth_at: string | null;
  challenge: string | null;
}

export interface PasskeyRecord {
  id: number;
  user_id: number;
  /** base64url, as the authenticator gave it */
  credential_id: string;
  /** the COSE public key, base64url */
  public_key: string;
  counter: number;
  /** space-separated AuthenticatorTransport values */
  transports: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
}

const passkeyColumns = ['id', 'user_id', 'credential_id', 'public_key', 'counter', 'transports', 'label', 'created_at', 'last_used_at'] as const;
const userColumns = [
  'id',
  'email',
  'display_name',
  'role',
  'status',
  'password_hash',
  'totp_secret',
  'totp_enabled',
  'totp_last_step',
  'recovery_codes',
] as const;
const sessionColumns = ['id', 'user_id', 'stage', 'browser', 'created_at', 'last_seen_at', 'expires_at', 'reauth_at', 'challenge'] as const;

export class AccountsRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  userByEmail(email: string): Promise<UserRecord | undefined> {
    return this.db.selectFrom('users').select(userColumns).where('email', '=', email).executeTakeFirst();
  }

  userById(id: number, tx: Tx | Db = this.db): Promise<UserRecord | undefined> {
    return tx.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  }

  async countAdmins(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('status', '!=', 'disabled')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  listUsers() {
    return this.db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'role', 'status', 'totp_enabled', 'created_at'])
      .orderBy('display_name')
      .execute();
  }

  async insertUser(tx: Tx, v: { email: string; displayName: string; role: string; status: UserStatus; now: string }): Promise<number> {
    const r = await tx
      .insertInto('users')
      .values({
        email: v.email,
        display_name: v.displayName,
        role: v.role,
        status: v.status,
        created_at: v.now,
        updated_at: v.now,
        recovery_codes: '',
        password_hash: null,
        totp_secret: null,
        totp_enabled: 0,
        totp_last_step: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async updateUser(
    tx: Tx | Db,
    id: number,
    set: Partial<{
      password_hash: string;
      totp_secret: string | null;
      totp_enabled: number;
      totp_last_step: number;
      recovery_codes: string;
      status: UserStatus;
      role: string;
      display_name: string;
    }>,
    now: string,
  ): Promise<void> {
    await tx
      .updateTable('users')
      .set({ ...set, updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** Accepts a TOTP step only if it is newer than the last one used: one code, one login. */
  async advanceTotpStep(tx: Tx | Db, id: number, step: number): Promise<boolean> {
    const r = await tx.updateTable('users').set({ totp_last_step: step }).where('id', '=', id).where('totp_last_step', '<', step).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertToken(tx: Tx, v: { hash: string; userId: number; purpose: UserTokenPurpose; now: string; expiresAt: string }): Promise<void> {
    await tx
      .insertInto('user_tokens')
      .values({ token_hash: v.hash, user_id: v.userId, purpose: v.purpose, created_at: v.now, expires_at: v.expiresAt, used_at: null })
      .execute();
  }

  tokenByHash(hash: string, tx: Tx | Db = this.db) {
    return tx.selectFrom('user_tokens').select(['id', 'user_id', 'purpose', 'expires_at', 'used_at']).where('token_hash', '=', hash).executeTakeFirst();
  }

  /** Marks a token used; false when someone else used it first. */
  async useToken(tx: Tx, id: number, now: string): Promise<boolean> {
    const r = await tx.updateTable('user_tokens').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async revokeTokens(tx: Tx, userId: number, purpose: UserTokenPurpose, now: string): Promise<void> {
    await tx
      .updateTable('user_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }

  async insertSession(tx: Tx | Db, v: { hash: string; userId: number; stage: SessionStage; browser: string; now: string; expiresAt: string }): Promise<number> {
    const r = await tx
      .insertInto('sessions')
      .values({
        token_hash: v.hash,
        user_id: v.userId,
        stage: v.stage,
        browser: v.browser,
        created_at: v.now,
        last_seen_at: v.now,
        expires_at: v.expiresAt,
        reauth_at: null,
        challenge: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  sessionByHash(hash: string): Promise<SessionRecord | undefined> {
    return this.db.selectFrom('sessions').select(sessionColumns).where('token_hash', '=', hash).executeTakeFirst();
  }

  async touchSession(id: number, now: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }

  async updateSession(
    tx: Tx | Db,
    id: number,
    set: Partial<{ token_hash: string; stage: SessionStage; reauth_at: string | null; challenge: string | null; last_seen_at: string; expires_at: string }>,
  ): Promise<void> {
    await tx.updateTable('sessions').set(set).where('id', '=', id).execute();
  }

  listSessions(userId: number) {
    return this.db
      .selectFrom('sessions')
      .select(sessionColumns)
      .where('user_id', '=', userId)
      .where('stage', '=', 'full')
      .orderBy('last_seen_at', 'desc')
      .execute();
  }

  async deleteSession(tx: Tx | Db, id: number, userId?: number): Promise<number> {
    let q = tx.deleteFrom('sessions').where('id', '=', id);
    if (userId !== undefined) q = q.where('user_id', '=', userId);
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async deleteSessionsOf(tx: Tx | Db, userId: number, exceptId?: number): Promise<number> {
    let q = tx.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Removes sessions that can no longer be used, stale throttle rows, spent one-time tokens and devices unused since `devicesBeforeIso`. */
  async purgeExpired(nowIso: string, idleBeforeIso: string, staleBeforeIso: string, devicesBeforeIso: string): Promise<number> {
    const sessions = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', nowIso), eb.and([eb('stage', '=', 'full'), eb('last_seen_at', '<', idleBeforeIso)])]))
      .executeTakeFirst();
    await this.db
      .deleteFrom('login_throttle')
      .where('window_start', '<', staleBeforeIso)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
      .execute();
    await this.db
      .deleteFrom('user_tokens')
      .where((eb) => eb.or([eb('expires_at', '<', staleBeforeIso), eb('used_at', '<', staleBeforeIso)]))
      .execute();
    await this.db.deleteFrom('login_devices').where('last_used_at', '<', devicesBeforeIso).execute();
    return Number(sessions.numDeletedRows);
  }

  throttle(key: string) {
    return this.db.selectFrom('login_throttle').select(['failures', 'window_start', 'locked_until']).where('key', '=', key).executeTakeFirst();
  }

  async saveThrottle(v: { key: string; failures: number; windowStart: string; lockedUntil: string | null }): Promise<void> {
    await this.db
      .insertInto('login_throttle')
      .values({ key: v.key, failures: v.failures, window_start: v.windowStart, locked_until: v.lockedUntil })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: v.failures, window_start: v.windowStart, locked_until: v.lockedUntil }))
      .execute();
  }

  /**
   * Moves a throttle row from what the caller read to its next state, only if nobody else
   * moved it in between (compare and swap): of concurrent attempts exactly one gets the
   * slot, in every process. `expected` undefined: the row must not exist yet.
   */
  async swapThrottle(
    key: string,
    expected: { failures: number; windowStart: string } | undefined,
    next: { failures: number; windowStart: string; lockedUntil: string | null },
  ): Promise<boolean> {
    const values = { failures: next.failures, window_start: next.windowStart, locked_until: next.lockedUntil };
    if (!expected) {
      const r = await this.db
        .insertInto('login_throttle')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const r = await this.db
      .updateTable('login_throttle')
      .set(values)
      .where('key', '=', key)
      .where('failures', '=', expected.failures)
      .where('window_start', '=', expected.windowStart)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Gives back one counted attempt (it turned out to be the account holder's). */
  async giveBackThrottle(key: string): Promise<void> {
    await this.db
      .updateTable('login_throttle')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('key', '=', key)
      .where('failures', '>', 0)
      .execute();
  }

  // --- sign-in devices: browsers that signed in to an account before

  device(subject: string, deviceHash: string) {
    return this.db
      .selectFrom('login_devices')
      .select(['failures', 'window_start'])
      .where('subject', '=', subject)
      .where('device_hash', '=', deviceHash)
      .executeTakeFirst();
  }

  /** Counts an attempt against a device, only if its row is still as the caller read it. */
  async swapDevice(subject: string, deviceHash: string, expected: { failures: number; window_start: string }, next: { failures: number; windowStart: string }) {
    const r = await this.db
      .updateTable('login_devices')
      .set({ failures: next.failures, window_start: next.windowStart })
      .where('subject', '=', subject)
      .where('device_hash', '=', deviceHash)
      .where('failures', '=', expected.failures)
      .where('window_start', '=', expected.window_start)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async giveBackDevice(subject: string, deviceHash: string): Promise<void> {
    await this.db
      .updateTable('login_devices')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('subject', '=', subject)
      .where('device_hash', '=', deviceHash)
      .where('failures', '>', 0)
      .execute();
  }

  /** A successful sign-in: the device is known from now on, with its whole allowance. */
  async saveDevice(subject: string, deviceHash: string, nowIso: string): Promise<void> {
    await this.db
      .insertInto('login_devices')
      .values({ subject, device_hash: deviceHash, failures: 0, window_start: nowIso, created_at: nowIso, last_used_at: nowIso })
      .onConflict((oc) => oc.columns(['subject', 'device_hash']).doUpdateSet({ failures: 0, window_start: nowIso, last_used_at: nowIso }))
      .execute();
  }

  /** Records a browser; true when it had not been seen for this user before. */
  async rememberBrowser(tx: Tx, userId: number, browserHash: string, now: string): Promise<boolean> {
    const r = await tx
      .insertInto('known_browsers')
      .values({ user_id: userId, browser_hash: browserHash, first_seen_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'browser_hash']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  // --- passkeys (WebAuthn credentials)

  passkeysOf(userId: number, tx: Tx | Db = this.db): Promise<PasskeyRecord[]> {
    return tx.selectFrom('webauthn_credentials').select(passkeyColumns).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  }

  passkeyByCredentialId(userId: number, credentialId: string): Promise<PasskeyRecord | undefined> {
    return this.db
      .selectFrom('webauthn_credentials')
      .select(passkeyColumns)
      .where('user_id', '=', userId)
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
  }

  async insertPasskey(
    tx: Tx,
    v: { userId: number; credentialId: string; publicKey: string; counter: number; transports: string; label: string; now: string },
  ): Promise<number> {
    const r = await tx
      .insertInto('webauthn_credentials')
      .values({
        user_id: v.userId,
        credential_id: v.credentialId,
        public_key: v.publicKey,
        counter: v.counter,
        transports: v.transports,
        label: v.label,
        created_at: v.now,
        last_used_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** Records a use; false when another sign-in with the same credential got there first (the counter moved). */
  async usePasskey(tx: Tx | Db, id: number, oldCounter: number, newCounter: number, now: string): Promise<boolean> {
    const r = await tx
      .updateTable('webauthn_credentials')
      .set({ counter: newCounter, last_used_at: now })
      .where('id', '=', id)
      .where('counter', '=', oldCounter)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deletePasskey(tx: Tx, id: number, userId: number): Promise<PasskeyRecord | undefined> {
    const row = await tx.selectFrom('webauthn_credentials').select(passkeyColumns).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (row) await tx.deleteFrom('webauthn_credentials').where('id', '=', row.id).execute();
    return row;
  }

  /** Uses up the WebAuthn challenge a session waits for: true for exactly one caller. */
  async takeChallenge(id: number, challenge: string): Promise<boolean> {
    const r = await this.db.updateTable('sessions').set({ challenge: null }).where('id', '=', id).where('challenge', '=', challenge).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
