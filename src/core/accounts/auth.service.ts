import type { AuditRepository } from '../audit/audit.repository.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/errors.js';
import { dummyHash, verifyPassword } from '../../security/passwords.js';
import type { SecretBox } from '../../security/secret-box.js';
import { hashToken, randomToken } from '../../security/tokens.js';
import type { AccountsRepository, SessionRecord, UserRecord } from './accounts.repository.js';
import {
  ABSOLUTE_MS,
  DEVICE_TTL_MS,
  IDLE_MS,
  PENDING_MS,
  REAUTH_MS,
  THROTTLE_WINDOW_MS,
  formDelayMs,
  isEmail,
  normaliseEmail,
  type Principal,
} from './accounts.schema.js';
import { isTotpCode, spendRecoveryCode, totpStep } from './second-factor.js';
import type { Admission, SignInThrottle } from './sign-in-throttle.js';
import type { SettingsRepository } from '../shared/settings.repository.js';
import type { SiteLinks } from '../shared/site-links.js';
import { t, type Locale } from '../../i18n/index.js';

export interface AuthDeps {
  repo: AccountsRepository;
  /** the settings table: the first-run setup link */
  settings: SettingsRepository;
  audit: AuditRepository;
  outbox: OutboxRepository;
  box: SecretBox;
  clock: Clock;
  /** the addresses written into mails */
  links: SiteLinks;
  /** counts sign-in attempts per browser and account (staff and participants alike) */
  throttle: SignInThrottle;
  /** called after something was queued in the outbox */
  onQueued?: () => void;
}

/** The answer to every failed login, whatever the reason: wrong, unknown, slowed down or not enrolled. */
const FORM_KEY = 'form:login';

export const loginFailed = () => new DomainError('unauthenticated', 'login failed', { form: 'login.failed' });

/** Staff accounts have no language setting: their mails are in English. */
export const STAFF_LOCALE: Locale = 'en';

export const totpContext = (userId: number) => `totp:${userId}`;
export { hashRecoveryCode } from './second-factor.js';

/** A finished sign-in: the session token, whether the browser was new, the device cookie's value. */
export interface SignedIn {
  token: string;
  newBrowser: boolean;
  device: string;
}

/** Signing in with a password and a second factor, sessions, throttling, re-authentication. */
export class AuthService {
  constructor(private readonly d: AuthDeps) {}

  private now() {
    return this.d.clock.now();
  }

  private throttleKey(email: string) {
    return this.d.box.mac(`login:${normaliseEmail(email)}`);
  }

  /** Waits while the sign-in form as a whole sees many failures (security requirement R8: slow down per form). */
  private async slowDownForm(): Promise<void> {
    const t = await this.d.repo.throttle(FORM_KEY);
    if (!t || new Date(t.window_start).getTime() + THROTTLE_WINDOW_MS < this.now().getTime()) return;
    const ms = formDelayMs(t.failures);
    if (ms > 0) await new Promise((r) => setTimeout(r, ms));
  }

  private async recordFormFailure(): Promise<void> {
    const now = this.now();
    const t = await this.d.repo.throttle(FORM_KEY);
    const fresh = !t || new Date(t.window_start).getTime() + THROTTLE_WINDOW_MS < now.getTime();
    await this.d.repo.saveThrottle({
      key: FORM_KEY,
      failures: fresh ? 1 : t.failures + 1,
      windowStart: fresh ? now.toISOString() : t.window_start,
      lockedUntil: null,
    });
  }

  /**
   * A failed step: audited (whether the attempt was refused unchecked, and whether it came
   * from a browser known to the account), and the holder of an existing, active account is
   * told by mail when unknown browsers keep failing (at most once a day).
   */
  private async failed(a: Admission, user: UserRecord | undefined, step: 'password' | 'second-factor'): Promise<void> {
    const nowIso = this.now().toISOString();
    const notify = await this.d.throttle.failed(a);
    const tell = notify && user?.status === 'active';
    await this.d.repo.transaction(async (tx) => {
      await this.d.audit.record(tx, nowIso, {
        actorId: null,
        action: 'auth.login-failed',
        objectType: user ? 'user' : null,
        objectId: user?.id ?? null,
        details: { step, throttled: a.via === 'refused', knownBrowser: a.via === 'device' },
      });
      if (!tell) return;
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'auth.failures-notice', objectType: 'user', objectId: user.id });
      await this.d.outbox.enqueue(tx, nowIso, 'mail', {
        to: user.email,
        subject: t(STAFF_LOCALE, 'mail.staff.failures-subject'),
        text: t(STAFF_LOCALE, 'mail.staff.failures-text', { url: this.d.links.staffReset() }),
      });
    });
    if (tell) this.d.onQueued?.();
  }

  /**
   * Step one: the password. Unknown addresses, wrong passwords, refused (slowed down) and
   * unenrolled accounts all cost one argon2 verification and get the same error. A refused
   * attempt never looks at the password: its verification is against a dummy hash.
   */
  async beginLogin(email: string, password: string, browser: string, deviceToken?: string): Promise<{ token: string }> {
    await this.slowDownForm();
    const admission = await this.d.throttle.admit(this.throttleKey(email), deviceToken);
    // Not an address at all (a NUL, a control character): no account to look up, same answer.
    const user = isEmail(normaliseEmail(email)) ? await this.d.repo.userByEmail(normaliseEmail(email)) : undefined;
    const usable = admission.via !== 'refused' && user?.status === 'active' && !!user.password_hash;
    const ok = await verifyPassword(usable ? (user.password_hash as string) : await dummyHash(), password);
    const nowIso = this.now().toISOString();
    if (!usable || !ok) {
      await this.recordFormFailure();
      await this.failed(admission, user, 'password');
      throw loginFailed();
    }
    await this.d.throttle.passed(admission);
    const token = randomToken();
    await this.d.repo.insertSession(this.d.repo.db, {
      hash: hashToken(token),
      userId: user.id,
      stage: 'password',
      browser,
      now: nowIso,
      expiresAt: new Date(this.now().getTime() + PENDING_MS).toISOString(),
    });
    return { token };
  }

  /** A session that has passed the password step and waits for the second factor. */
  async pending(token: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    const session = await this.d.repo.sessionByHash(hashToken(token));
    if (!session || session.stage !== 'password' || session.expires_at <= this.now().toISOString()) return undefined;
    const user = await this.d.repo.userById(session.user_id);
    return user?.status === 'active' ? { session, user } : undefined;
  }

  /** Checks a TOTP code (once per time step) or uses up a recovery code. */
  async checkSecondFactor(user: UserRecord, code: string): Promise<'totp' | 'recovery' | undefined> {
    if (isTotpCode(code) && user.totp_enabled && user.totp_secret) {
      const step = await totpStep(this.d.box.open(user.totp_secret, totpContext(user.id)), code, this.now(), user.totp_last_step);
      return step !== undefined && (await this.d.repo.advanceTotpStep(this.d.repo.db, user.id, step)) ? 'totp' : undefined;
    }
    const left = spendRecoveryCode(this.d.box, user.recovery_codes, code);
    if (left === undefined) return undefined;
    await this.d.repo.updateUser(this.d.repo.db, user.id, { recovery_codes: left }, this.now().toISOString());
    return 'recovery';
  }

  /**
   * Step two: the second factor. On success the session gets a new token (so a token
   * seen before login is worthless) and a new browser is told about by mail.
   */
  async completeLogin(pendingToken: string, code: string, browserId: string, deviceToken?: string): Promise<SignedIn> {
    return this.completeLoginWith(pendingToken, browserId, (p) => this.checkSecondFactor(p.user, code), { code: 'login.code-wrong' }, deviceToken);
  }

  /**
   * The second step with any second factor (a TOTP or recovery code, a passkey): `check`
   * answers the method used, or undefined when the factor failed. Failures count in the
   * throttle like wrong passwords and are audited; a refused attempt is not even checked.
   * `failure` is the field error thrown when it fails. The answer carries the device
   * cookie's value for this browser.
   */
  async completeLoginWith(
    pendingToken: string,
    browserId: string,
    check: (p: { session: SessionRecord; user: UserRecord }) => Promise<string | undefined>,
    failure: Record<string, string>,
    deviceToken?: string,
  ): Promise<SignedIn> {
    const p = await this.pending(pendingToken);
    if (!p) throw loginFailed();
    const admission = await this.d.throttle.admit(this.throttleKey(p.user.email), deviceToken);
    const method = admission.via === 'refused' ? undefined : await check(p);
    const now = this.now();
    const nowIso = now.toISOString();
    if (!method) {
      await this.failed(admission, p.user, 'second-factor');
      throw new DomainError('unauthenticated', 'second factor failed', failure);
    }
    const device = await this.d.throttle.succeeded(admission, deviceToken);
    const token = randomToken();
    const newBrowser = await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateSession(tx, p.session.id, {
        token_hash: hashToken(token),
        stage: 'full',
        last_seen_at: nowIso,
        challenge: null,
        expires_at: new Date(now.getTime() + ABSOLUTE_MS).toISOString(),
      });
      const isNew = await this.d.repo.rememberBrowser(tx, p.user.id, hashToken(browserId), nowIso);
      await this.d.audit.record(tx, nowIso, {
        actorId: p.user.id,
        action: 'auth.login',
        objectType: 'session',
        objectId: p.session.id,
        details: { method, newBrowser: isNew },
      });
      if (isNew) {
        await this.d.outbox.enqueue(tx, nowIso, 'mail', {
          to: p.user.email,
          subject: t(STAFF_LOCALE, 'mail.staff.new-sign-in-subject'),
          text: t(STAFF_LOCALE, 'mail.staff.new-sign-in-text', { browser: p.session.browser, url: this.d.links.staffAccount() }),
        });
      }
      return isNew;
    });
    if (newBrowser) this.d.onQueued?.();
    return { token, newBrowser, device };
  }

  /** The signed-in principal for a session token, or undefined when it has ended (idle 15 min, 12 h in all). */
  async authenticate(token: string): Promise<Principal | undefined> {
    const session = await this.d.repo.sessionByHash(hashToken(token));
    if (!session || session.stage !== 'full') return undefined;
    const now = this.now();
    const idle = now.getTime() - new Date(session.last_seen_at).getTime() > IDLE_MS;
    if (idle || session.expires_at <= now.toISOString()) {
      await this.d.repo.deleteSession(this.d.repo.db, session.id);
      await this.d.audit.record(this.d.repo.db, now.toISOString(), {
        actorId: session.user_id,
        action: 'auth.session-expired',
        objectType: 'session',
        objectId: session.id,
        details: { idle },
      });
      return undefined;
    }
    const user = await this.d.repo.userById(session.user_id);
    if (!user || user.status !== 'active') return undefined;
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 30_000) await this.d.repo.touchSession(session.id, now.toISOString());
    return { userId: user.id, sessionId: session.id, role: user.role, displayName: user.display_name, email: user.email, reauthAt: session.reauth_at };
  }

  async logout(token: string): Promise<void> {
    const session = await this.d.repo.sessionByHash(hashToken(token));
    if (!session) return;
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.deleteSession(tx, session.id);
      await this.d.audit.record(tx, this.now().toISOString(), { actorId: session.user_id, action: 'auth.logout', objectType: 'session', objectId: session.id });
    });
  }

  listSessions(userId: number) {
    return this.d.repo.listSessions(userId);
  }

  async endSession(p: Principal, sessionId: number): Promise<void> {
    await this.d.repo.transaction(async (tx) => {
      const n = await this.d.repo.deleteSession(tx, sessionId, p.userId);
      if (!n) throw notFound('session');
      await this.d.audit.record(tx, this.now().toISOString(), { actorId: p.userId, action: 'auth.session-ended', objectType: 'session', objectId: sessionId });
    });
  }

  async endOtherSessions(p: Principal): Promise<number> {
    return this.d.repo.transaction(async (tx) => {
      const n = await this.d.repo.deleteSessionsOf(tx, p.userId, p.sessionId);
      await this.d.audit.record(tx, this.now().toISOString(), {
        actorId: p.userId,
        action: 'auth.sessions-ended',
        objectType: 'user',
        objectId: p.userId,
        details: { count: n },
      });
      return n;
    });
  }

  /** Gives the second factor again before a sensitive action (exports, role changes). */
  async reauthenticate(p: Principal, code: string): Promise<void> {
    const user = await this.d.repo.userById(p.userId);
    if (!user || !(await this.checkSecondFactor(user, code))) {
      await this.d.audit.record(this.d.repo.db, this.now().toISOString(), {
        actorId: p.userId,
        action: 'auth.reauth-failed',
        objectType: 'session',
        objectId: p.sessionId,
      });
      throw new DomainError('invalid', 'second factor failed', { code: 'login.code-wrong' });
    }
    const nowIso = this.now().toISOString();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.updateSession(tx, p.sessionId, { reauth_at: nowIso });
      await this.d.audit.record(tx, nowIso, { actorId: p.userId, action: 'auth.reauth', objectType: 'session', objectId: p.sessionId });
    });
  }

  /** Deletes ended sessions, old throttle rows and spent tokens; main.ts runs it every hour. */
  purgeExpired(): Promise<number> {
    const now = this.now().getTime();
    return this.d.repo.purgeExpired(
      new Date(now).toISOString(),
      new Date(now - IDLE_MS).toISOString(),
      new Date(now - 24 * 3_600_000).toISOString(),
      new Date(now - DEVICE_TTL_MS).toISOString(),
    );
  }

  hasRecentReauth(p: Principal): boolean {
    return !!p.reauthAt && this.now().getTime() - new Date(p.reauthAt).getTime() <= REAUTH_MS;
  }
}
