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

const userColumns = ['id', 'email', 'display_name', 'role', 'status', 'password_hash', 'totp_secret', 'totp_enabled', 'totp_last_step', 'recovery_codes'] as const;
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
    const r = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('status', '!=', 'disabled').executeTakeFirstOrThrow();
    return Number(r.n);
  }

  listUsers() {
    return this.db.selectFrom('users').select(['id', 'email', 'display_name', 'role', 'status', 'totp_enabled', 'created_at']).orderBy('display_name').execute();
  }

  async insertUser(tx: Tx, v: { email: string; displayName: string; role: string; status: UserStatus; now: string }): Promise<number> {
    const r = await tx
      .insertInto('users')
      .values({ email: v.email, display_name: v.displayName, role: v.role, status: v.status, created_at: v.now, updated_at: v.now, recovery_codes: '', password_hash: null, totp_secret: null, totp_enabled: 0, totp_last_step: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async updateUser(
    tx: Tx | Db,
    id: number,
    set: Partial<{ password_hash: string; totp_secret: string | null; totp_enabled: number; totp_last_step: number; recovery_codes: string; status: UserStatus; role: string; display_name: string }>,
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
    await tx.insertInto('user_tokens').values({ token_hash: v.hash, user_id: v.userId, purpose: v.purpose, created_at: v.now, expires_at: v.expiresAt, used_at: null }).execute();
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
    await tx.updateTable('user_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  }

  async insertSession(tx: Tx | Db, v: { hash: string; userId: number; stage: SessionStage; browser: string; now: string; expiresAt: string }): Promise<number> {
    const r = await tx
      .insertInto('sessions')
      .values({ token_hash: v.hash, user_id: v.userId, stage: v.stage, browser: v.browser, created_at: v.now, last_seen_at: v.now, expires_at: v.expiresAt, reauth_at: null, challenge: null })
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

  async updateSession(tx: Tx | Db, id: number, set: Partial<{ token_hash: string; stage: SessionStage; reauth_at: string | null; challenge: string | null; last_seen_at: string }>): Promise<void> {
    await tx.updateTable('sessions').set(set).where('id', '=', id).execute();
  }

  listSessions(userId: number) {
    return this.db.selectFrom('sessions').select(sessionColumns).where('user_id', '=', userId).where('stage', '=', 'full').orderBy('last_seen_at', 'desc').execute();
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

  async clearThrottle(key: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('key', '=', key).execute();
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
}
