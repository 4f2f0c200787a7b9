import { verify as verifyTotp } from 'otplib';
import type { Tx } from '../../db/database.js';
import { checkPassword, hashPassword } from '../../security/passwords.js';
import { isRole } from '../../security/permissions.js';
import { hashToken, randomToken } from '../../security/tokens.js';
import { t } from '../../i18n/index.js';
import type { AuthDeps } from './auth.service.js';
import { STAFF_LOCALE, totpContext } from './auth.service.js';
import { makeRecoveryCodes, newTotpSecret, storedRecoveryCodes, totpUri } from './second-factor.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { requirePermission } from '../shared/permission.js';
import { ENROL_TTL_MS, REAUTH_MS, RESET_MAILS_PER_HOUR, RESET_TTL_MS, isEmail, normaliseEmail, type Principal } from './accounts.schema.js';

const SETUP_KEY = 'setup_token_hash';

export interface EnrolmentForm {
  password: string;
  confirm: string;
  /** the TOTP secret shown on the form, sealed so the form carries it safely */
  sealedSecret: string;
  code: string;
}

/** Staff accounts: creation, enrolment (password + TOTP), password reset, first-run setup. */
export class AccountsService {
  constructor(private readonly d: AuthDeps) {}

  private nowIso() {
    return this.d.clock.now().toISOString();
  }

  private async issueToken(tx: Tx, userId: number, purpose: 'enrol' | 'reset', ttlMs: number): Promise<string> {
    const token = randomToken();
    const now = this.d.clock.now();
    await this.d.repo.revokeTokens(tx, userId, purpose, now.toISOString());
    await this.d.repo.insertToken(tx, {
      hash: hashToken(token),
      userId,
      purpose,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    });
    return token;
  }

  /**
   * Creates an invited account and returns its single-use enrolment link (valid 72 hours).
   * A staff member must have given the second factor again within five minutes: a stolen
   * session alone cannot make itself a new admin. `null` is the CLI or the first-run setup.
   */
  async createUser(actor: Principal | null, input: { email: string; displayName: string; role: string }): Promise<{ userId: number; enrolUrl: string }> {
    if (actor) requirePermission(actor, 'user.manage');
    if (actor && !this.reauthIsRecent(actor)) throw new DomainError('forbidden', 'reauthentication needed');
    const actorId = actor?.userId ?? null;
    const email = normaliseEmail(input.email);
    const displayName = input.displayName.trim();
    const fields: Record<string, string> = {};
    if (!isEmail(email)) fields.email = 'user.email-invalid';
    if (!displayName || displayName.length > 120) fields.displayName = 'user.name-invalid';
    if (!isRole(input.role)) fields.role = 'user.role-invalid';
    if (Object.keys(fields).length) throw invalid('invalid user', fields);
    if (await this.d.repo.userByEmail(email)) throw invalid('email taken', { email: 'user.email-taken' });
    const nowIso = this.nowIso();
    return this.d.repo.transaction(async (tx) => {
      const userId = await this.d.repo.insertUser(tx, { email, displayName, role: input.role, status: 'invited', now: nowIso });
      const token = await this.issueToken(tx, userId, 'enrol', ENROL_TTL_MS);
      await this.d.audit.record(tx, nowIso, { actorId, action: 'user.created', objectType: 'user', objectId: userId, details: { role: input.role } });
      return { userId, enrolUrl: this.d.links.staffEnrolment(token) };
    });
  }

  /** A valid, unused, unexpired token of one of the purposes, with its user. */
  private async validToken(token: string, purposes: string[]) {
    const t = await this.d.repo.tokenByHash(hashToken(token));
    if (!t || t.used_at || t.expires_at <= this.nowIso() || !purposes.includes(t.purpose)) return undefined;
    const user = await this.d.repo.userById(t.user_id);
    return user && user.status !== 'disabled' ? { token: t, user } : undefined;
  }

  /**
   * What the enrolment page shows: a fresh TOTP secret, its otpauth URI and the sealed copy
   * for the form. `keepSealed` (the sealed secret of a form that came back with errors)
   * keeps the secret the user's app already holds, when it opens under this link.
   */
  async startEnrolment(token: string, keepSealed?: string): Promise<{ displayName: string; email: string; secret: string; uri: string; sealedSecret: string }> {
    const v = await this.validToken(token, ['enrol']);
    if (!v) throw notFound('enrolment');
    let kept: string | undefined;
    if (keepSealed) {
      try {
        kept = this.d.box.open(keepSealed, `enrol:${hashToken(token)}`);
      } catch {
        kept = undefined;
      }
    }
    const secret = kept ?? newTotpSecret();
    return {
      displayName: v.user.display_name,
      email: v.user.email,
      secret,
      uri: totpUri(v.user.email, secret),
      sealedSecret: this.d.box.seal(secret, `enrol:${hashToken(token)}`),
    };
  }

  /** Sets the password and the second factor in one step; returns the recovery codes, shown once. */
  async completeEnrolment(token: string, form: EnrolmentForm): Promise<{ recoveryCodes: string[] }> {
    const v = await this.validToken(token, ['enrol']);
    if (!v) throw notFound('enrolment');
    const fields: Record<string, string> = {};
    const problem = checkPassword(form.password, [v.user.email.split('@')[0] ?? '', v.user.display_name]);
    if (problem) fields.password = problem;
    else if (form.password !== form.confirm) fields.confirm = 'password.mismatch';
    let secret: string | undefined;
    try {
      secret = this.d.box.open(form.sealedSecret, `enrol:${hashToken(token)}`);
    } catch {
      fields.code = 'enrol.secret-invalid';
    }
    const epoch = Math.floor(this.d.clock.now().getTime() / 1000);
    const check =
      secret && /^\d{6}$/.test(form.code.replace(/\s/g, ''))
        ? await verifyTotp({ secret, token: form.code.replace(/\s/g, ''), epoch, epochTolerance: 30 })
        : undefined;
    if (!fields.code && !check?.valid) fields.code = 'login.code-wrong';
    if (Object.keys(fields).length || !secret || !check?.valid) throw invalid('enrolment incomplete', fields);
    const recoveryCodes = makeRecoveryCodes();
    const passwordHash = await hashPassword(form.password);
    const nowIso = this.nowIso();
    const step = 'timeStep' in check && typeof check.timeStep === 'number' ? check.timeStep : 0;
    await this.d.repo.transaction(async (tx) => {
      if (!(await this.d.repo.useToken(tx, v.token.id, nowIso))) throw notFound('enrolment');
      await this.d.repo.updateUser(
        tx,
        v.user.id,
        {
          password_hash: passwordHash,
          totp_secret: this.d.box.seal(secret, totpContext(v.user.id)),
          totp_enabled: 1,
          totp_last_step: step,
          recovery_codes: storedRecoveryCodes(this.d.box, recoveryCodes),
          status: 'active',
        },
        nowIso,
      );
      await this.d.audit.record(tx, nowIso, {
        actorId: v.user.id,
        action: 'auth.enrolled',
        objectType: 'user',
        objectId: v.user.id,
        details: { factor: 'totp' },
      });
    });
    return { recoveryCodes };
  }

  /** Always answers the same; mails a single-use link (1 hour) only to an active account. */
  async requestReset(email: string): Promise<void> {
    if (!isEmail(normaliseEmail(email))) return;
    const user = await this.d.repo.userByEmail(normaliseEmail(email));
    if (!user || user.status !== 'active') return;
    if (!(await this.allowResetMail(user.email))) return;
    const nowIso = this.nowIso();
    await this.d.repo.transaction(async (tx) => {
      const token = await this.issueToken(tx, user.id, 'reset', RESET_TTL_MS);
      await this.d.outbox.enqueue(tx, nowIso, 'mail', {
        to: user.email,
        subject: t(STAFF_LOCALE, 'mail.staff.reset-subject'),
        text: t(STAFF_LOCALE, 'mail.staff.reset-text', { url: this.d.links.staffReset(token) }),
      });
      await this.d.audit.record(tx, nowIso, { actorId: null, action: 'auth.reset-requested', objectType: 'user', objectId: user.id });
    });
    this.d.onQueued?.();
  }

  /** At most RESET_MAILS_PER_HOUR reset mails an hour to one account, so nobody can flood a colleague's inbox. */
  private async allowResetMail(email: string): Promise<boolean> {
    const key = this.d.box.mac(`reset:${email}`);
    const now = this.d.clock.now();
    const t = await this.d.repo.throttle(key);
    const fresh = !t || new Date(t.window_start).getTime() + 3_600_000 < now.getTime();
    const sent = fresh ? 0 : t.failures;
    if (sent >= RESET_MAILS_PER_HOUR) return false;
    await this.d.repo.saveThrottle({ key, failures: sent + 1, windowStart: fresh ? now.toISOString() : t.window_start, lockedUntil: null });
    return true;
  }

  async checkResetToken(token: string): Promise<void> {
    if (!(await this.validToken(token, ['reset']))) throw notFound('reset');
  }

  /** Sets a new password and ends every session of the account. The second factor stays. */
  async completeReset(token: string, password: string, confirm: string): Promise<void> {
    const v = await this.validToken(token, ['reset']);
    if (!v) throw notFound('reset');
    const problem = checkPassword(password, [v.user.email.split('@')[0] ?? '', v.user.display_name]);
    if (problem) throw invalid('weak password', { password: problem });
    if (password !== confirm) throw invalid('mismatch', { confirm: 'password.mismatch' });
    const passwordHash = await hashPassword(password);
    const nowIso = this.nowIso();
    await this.d.repo.transaction(async (tx) => {
      if (!(await this.d.repo.useToken(tx, v.token.id, nowIso))) throw notFound('reset');
      await this.d.repo.updateUser(tx, v.user.id, { password_hash: passwordHash }, nowIso);
      const ended = await this.d.repo.deleteSessionsOf(tx, v.user.id);
      await this.d.audit.record(tx, nowIso, {
        actorId: v.user.id,
        action: 'auth.password-reset',
        objectType: 'user',
        objectId: v.user.id,
        details: { sessionsEnded: ended },
      });
    });
  }

  /**
   * First run: while no admin exists, a fresh one-time setup link is made at every start.
   * Returns the link, or undefined when an admin exists.
   */
  async ensureSetupLink(): Promise<string | undefined> {
    if ((await this.d.repo.countAdmins()) > 0) return undefined;
    const token = randomToken();
    await this.d.settings.put(SETUP_KEY, hashToken(token));
    return this.d.links.staffSetup(token);
  }

  async checkSetupToken(token: string): Promise<void> {
    const stored = await this.d.settings.get(SETUP_KEY);
    if (stored === undefined || stored !== hashToken(token) || (await this.d.repo.countAdmins()) > 0) throw notFound('setup');
  }

  /** Uses the setup link to create the first admin; returns that admin's enrolment link. */
  async completeSetup(token: string, input: { email: string; displayName: string }): Promise<string> {
    await this.checkSetupToken(token);
    const created = await this.createUser(null, { ...input, role: 'admin' });
    await this.d.settings.remove(SETUP_KEY);
    return created.enrolUrl;
  }

  /** The staff accounts, for those who manage them. */
  async listUsers(actor: Principal) {
    requirePermission(actor, 'user.manage');
    return this.d.repo.listUsers();
  }

  /** Whether the actor gave the second factor again within the last five minutes. */
  private reauthIsRecent(actor: Principal): boolean {
    return !!actor.reauthAt && this.d.clock.now().getTime() - new Date(actor.reauthAt).getTime() <= REAUTH_MS;
  }

  /**
   * Changes a role and ends the account's sessions. The actor must have given the second
   * factor again within five minutes (checked here, not only by the route), and cannot
   * change their own role.
   */
  async changeRole(actor: Principal, userId: number, role: string): Promise<void> {
    requirePermission(actor, 'user.manage');
    if (!this.reauthIsRecent(actor)) throw new DomainError('forbidden', 'reauthentication needed');
    if (!isRole(role)) throw invalid('invalid role', { role: 'user.role-invalid' });
    if (userId === actor.userId) throw invalid('own account', { role: 'user.self-change' });
    const nowIso = this.nowIso();
    await this.d.repo.transaction(async (tx) => {
      const user = await this.d.repo.userById(userId, tx);
      if (!user) throw notFound('user');
      await this.d.repo.updateUser(tx, userId, { role }, nowIso);
      await this.d.repo.deleteSessionsOf(tx, userId);
      await this.d.audit.record(tx, nowIso, {
        actorId: actor.userId,
        action: 'user.role-changed',
        objectType: 'user',
        objectId: userId,
        details: { from: user.role, to: role },
      });
    });
  }

  /** Disables an account: it cannot sign in, its sessions end and its pending links stop working. */
  async disableUser(actor: Principal, userId: number): Promise<void> {
    requirePermission(actor, 'user.manage');
    if (userId === actor.userId) throw invalid('own account', { status: 'user.self-change' });
    const nowIso = this.nowIso();
    await this.d.repo.transaction(async (tx) => {
      const user = await this.d.repo.userById(userId, tx);
      if (!user) throw notFound('user');
      if (user.status === 'disabled') return;
      await this.d.repo.updateUser(tx, userId, { status: 'disabled' }, nowIso);
      const ended = await this.d.repo.deleteSessionsOf(tx, userId);
      await this.d.repo.revokeTokens(tx, userId, 'enrol', nowIso);
      await this.d.repo.revokeTokens(tx, userId, 'reset', nowIso);
      await this.d.audit.record(tx, nowIso, {
        actorId: actor.userId,
        action: 'user.disabled',
        objectType: 'user',
        objectId: userId,
        details: { sessionsEnded: ended },
      });
    });
  }

  async getUser(actor: Principal, userId: number) {
    requirePermission(actor, 'user.manage');
    const users = await this.d.repo.listUsers();
    const user = users.find((u) => u.id === userId);
    if (!user) throw notFound('user');
    return user;
  }
}
