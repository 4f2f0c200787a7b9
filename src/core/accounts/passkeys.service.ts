import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { AccountsRepository } from './accounts.repository.js';
import { TOTP_ISSUER, type Principal } from './accounts.schema.js';
import type { AuthService, SignedIn } from './auth.service.js';
import { asCredentialResponse, RelyingParty } from './webauthn.js';

export interface PasskeysDeps {
  repo: AccountsRepository;
  audit: AuditRepository;
  box: SecretBox;
  clock: Clock;
  auth: AuthService;
  /** the site's public URL: its hostname is the relying party id, its origin the only accepted origin */
  publicUrl: string;
}

/** What a staff member sees of a passkey: never the key or the credential id. */
export interface PasskeyView {
  id: number;
  label: string;
  created_at: string;
  last_used_at: string | null;
}

/** A passkey operation answered with "re-authenticate first" (the route sends the browser there). */
export const reauthNeeded = () => new DomainError('forbidden', 'recent re-authentication needed', { passkey: 'auth.passkey.reauth-needed' });
/** The one answer to a failed passkey sign-in, whatever went wrong. */
export const passkeyFailed = { passkey: 'auth.passkey.failed' };

const LABEL_MAX = 60;

/**
 * Passkeys (WebAuthn) as the stronger second factor next to TOTP. Adding and removing one
 * needs a recent re-authentication with a factor the account already has. Signing in with
 * one finishes the pending sign-in of the password step exactly as a TOTP code does. The
 * challenge a session waits for lives in sessions.challenge and is used up once.
 */
export class PasskeysService {
  private readonly party: RelyingParty;
  /** the only origin passkeys work on: PUBLIC_URL's */
  readonly origin: string;
  /** false when PUBLIC_URL names an IP address: no browser makes or uses a passkey for one */
  readonly usable: boolean;

  constructor(private readonly d: PasskeysDeps) {
    this.party = new RelyingParty(d.publicUrl);
    this.origin = this.party.origin;
    this.usable = this.party.usable;
  }

  private nowIso() {
    return this.d.clock.now().toISOString();
  }

  async list(p: Principal): Promise<PasskeyView[]> {
    const rows = await this.d.repo.passkeysOf(p.userId);
    return rows.map(({ id, label, created_at, last_used_at }) => ({ id, label, created_at, last_used_at }));
  }

  async hasPasskeys(userId: number): Promise<boolean> {
    return (await this.d.repo.passkeysOf(userId)).length > 0;
  }

  /** Options for navigator.credentials.create(); the challenge is kept on the signed-in session. */
  async registrationOptions(p: Principal): Promise<PublicKeyCredentialCreationOptionsJSON> {
    if (!this.usable) throw invalid('the site is on an IP address', { passkey: 'auth.passkey.origin-unusable' });
    if (!this.d.auth.hasRecentReauth(p)) throw reauthNeeded();
    const options = await this.party.registrationOptions({
      rpName: TOTP_ISSUER,
      userName: p.email,
      userDisplayName: p.displayName,
      // Stable per account (so an authenticator replaces its old passkey) and says nothing about the account.
      userHandle: this.d.box.mac(`webauthn-user:${p.userId}`),
      existing: await this.d.repo.passkeysOf(p.userId),
    });
    await this.d.repo.updateSession(this.d.repo.db, p.sessionId, { challenge: options.challenge });
    return options;
  }

  /** Checks the authenticator's answer to the session's challenge and stores the new passkey. */
  async register(p: Principal, response: unknown, label: string): Promise<number> {
    if (!this.d.auth.hasRecentReauth(p)) throw reauthNeeded();
    const name = label.replace(/\s+/g, ' ').trim();
    if (name.length > LABEL_MAX) throw invalid('label too long', { label: 'auth.passkey.label-invalid' });
    const session = (await this.d.repo.listSessions(p.userId)).find((s) => s.id === p.sessionId);
    const challenge = session?.challenge;
    const browser = session?.browser ?? '';
    const parsed = asCredentialResponse(response);
    if (!challenge || !parsed || !(await this.d.repo.takeChallenge(p.sessionId, challenge)))
      throw invalid('no passkey registration under way', { passkey: 'auth.passkey.add-failed' });
    const credential = await this.party.verifyRegistration(parsed, challenge);
    if (!credential) throw invalid('passkey registration failed', { passkey: 'auth.passkey.add-failed' });
    const nowIso = this.nowIso();
    return this.d.repo.transaction(async (tx) => {
      if ((await this.d.repo.passkeysOf(p.userId, tx)).some((c) => c.credential_id === credential.credentialId))
        throw invalid('passkey already added', { passkey: 'auth.passkey.add-failed' });
      const id = await this.d.repo.insertPasskey(tx, { userId: p.userId, ...credential, label: name || browser, now: nowIso });
      await this.d.audit.record(tx, nowIso, {
        actorId: p.userId,
        action: 'auth.passkey-added',
        objectType: 'passkey',
        objectId: id,
        details: { label: name || browser },
      });
      return id;
    });
  }

  async remove(p: Principal, id: number): Promise<void> {
    if (!this.d.auth.hasRecentReauth(p)) throw reauthNeeded();
    const nowIso = this.nowIso();
    await this.d.repo.transaction(async (tx) => {
      const row = await this.d.repo.deletePasskey(tx, id, p.userId);
      if (!row) throw notFound('passkey');
      await this.d.audit.record(tx, nowIso, {
        actorId: p.userId,
        action: 'auth.passkey-removed',
        objectType: 'passkey',
        objectId: id,
        details: { label: row.label },
      });
    });
  }

  /**
   * Options for navigator.credentials.get() in the code step: only the passkeys of the
   * account whose password was just given. No pending sign-in, or no passkey: not found.
   */
  async authenticationOptions(pendingToken: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const pending = await this.d.auth.pending(pendingToken);
    if (!pending) throw notFound('pending sign-in');
    const keys = await this.d.repo.passkeysOf(pending.user.id);
    if (!keys.length) throw notFound('passkey');
    const options = await this.party.authenticationOptions(keys);
    await this.d.repo.updateSession(this.d.repo.db, pending.session.id, { challenge: options.challenge });
    return options;
  }

  /**
   * The second step with a passkey: the answer must sign the pending session's challenge
   * (used up here, so one challenge, one try) with a passkey of that account. Failures are
   * throttled and audited like wrong codes; success ends like a TOTP sign-in.
   */
  completeLogin(pendingToken: string, response: unknown, browserId: string, deviceToken?: string): Promise<SignedIn> {
    return this.d.auth.completeLoginWith(
      pendingToken,
      browserId,
      async ({ session, user }) => {
        const challenge = session.challenge;
        const parsed = asCredentialResponse(response);
        if (!challenge || !(await this.d.repo.takeChallenge(session.id, challenge)) || !parsed) return undefined;
        const key = await this.d.repo.passkeyByCredentialId(user.id, parsed.id);
        if (!key) return undefined;
        const newCounter = await this.party.verifyAuthentication(parsed, challenge, key);
        if (newCounter === undefined) return undefined;
        // The verifier refused a counter that did not move; this catches two sign-ins racing with the same answer.
        return (await this.d.repo.usePasskey(this.d.repo.db, key.id, key.counter, newCounter, this.nowIso())) ? 'passkey' : undefined;
      },
      passkeyFailed,
      deviceToken,
    );
  }
}
