import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { isIpAddress } from '../../config.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { AccountsRepository, PasskeyRecord } from './accounts.repository.js';
import { TOTP_ISSUER, type Principal } from './accounts.schema.js';
import type { AuthService, SignedIn } from './auth.service.js';

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
/** How long the browser may take to talk to the authenticator; the pending session ends sooner anyway. */
const TIMEOUT_MS = 120_000;
const TRANSPORTS = new Set<string>(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Only the shape the verifiers read; anything else is refused before any cryptography runs. */
function asCredentialResponse(v: unknown): (RegistrationResponseJSON & AuthenticationResponseJSON) | undefined {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.rawId !== 'string' || v.type !== 'public-key' || !isObject(v.response)) return undefined;
  if (v.id.length > 1400 || !/^[A-Za-z0-9_-]+$/.test(v.id)) return undefined;
  return v as unknown as RegistrationResponseJSON & AuthenticationResponseJSON;
}

const transportsOf = (p: PasskeyRecord) => p.transports.split(' ').filter((t) => TRANSPORTS.has(t)) as AuthenticatorTransport[];

/**
 * Passkeys (WebAuthn) as the stronger second factor next to TOTP. Adding and removing one
 * needs a recent re-authentication with a factor the account already has. Signing in with
 * one finishes the pending sign-in of the password step exactly as a TOTP code does. The
 * challenge a session waits for lives in sessions.challenge and is used up once.
 */
export class PasskeysService {
  private readonly rpID: string;
  /** the only origin passkeys work on: PUBLIC_URL's */
  readonly origin: string;
  /** false when PUBLIC_URL names an IP address: no browser makes or uses a passkey for one */
  readonly usable: boolean;

  constructor(private readonly d: PasskeysDeps) {
    const url = new URL(d.publicUrl);
    this.rpID = url.hostname;
    this.origin = url.origin;
    this.usable = !isIpAddress(url.hostname);
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
    const existing = await this.d.repo.passkeysOf(p.userId);
    const options = await generateRegistrationOptions({
      rpName: TOTP_ISSUER,
      rpID: this.rpID,
      userName: p.email,
      userDisplayName: p.displayName,
      // Stable per account (so an authenticator replaces its old passkey) and says nothing about the account.
      userID: isoBase64URL.toBuffer(this.d.box.mac(`webauthn-user:${p.userId}`)),
      timeout: TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: transportsOf(c) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
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
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verified = await verifyRegistrationResponse({
        response: parsed,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        requireUserVerification: false,
      });
    } catch {
      verified = { verified: false };
    }
    if (!verified.verified) throw invalid('passkey registration failed', { passkey: 'auth.passkey.add-failed' });
    const { credential } = verified.registrationInfo;
    const nowIso = this.nowIso();
    return this.d.repo.transaction(async (tx) => {
      if ((await this.d.repo.passkeysOf(p.userId, tx)).some((c) => c.credential_id === credential.id))
        throw invalid('passkey already added', { passkey: 'auth.passkey.add-failed' });
      const id = await this.d.repo.insertPasskey(tx, {
        userId: p.userId,
        credentialId: credential.id,
        publicKey: isoBase64URL.fromBuffer(credential.publicKey),
        counter: credential.counter,
        transports: (credential.transports ?? []).filter((t) => TRANSPORTS.has(t)).join(' '),
        label: name || browser,
        now: nowIso,
      });
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
    const options = await generateAuthenticationOptions({
      rpID: this.rpID,
      timeout: TIMEOUT_MS,
      userVerification: 'preferred',
      allowCredentials: keys.map((c) => ({ id: c.credential_id, transports: transportsOf(c) })),
    });
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
        let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
        try {
          result = await verifyAuthenticationResponse({
            response: parsed,
            expectedChallenge: challenge,
            expectedOrigin: this.origin,
            expectedRPID: this.rpID,
            credential: { id: key.credential_id, publicKey: isoBase64URL.toBuffer(key.public_key), counter: key.counter, transports: transportsOf(key) },
            requireUserVerification: false,
          });
        } catch {
          return undefined;
        }
        if (!result.verified) return undefined;
        // A counter that did not move past ours (and is not the 0 of synced passkeys) is refused by the verifier; this
        // catches two sign-ins racing with the same answer.
        return (await this.d.repo.usePasskey(this.d.repo.db, key.id, key.counter, result.authenticationInfo.newCounter, this.nowIso())) ? 'passkey' : undefined;
      },
      passkeyFailed,
      deviceToken,
    );
  }
}
