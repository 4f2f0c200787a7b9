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
import { isIpAddress } from '../../config.js';

/** How long the browser may take to talk to the authenticator; the pending session ends sooner anyway. */
const TIMEOUT_MS = 120_000;
const TRANSPORTS = new Set<string>(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type CredentialResponse = RegistrationResponseJSON & AuthenticationResponseJSON;

/** Only the shape the verifiers read; anything else is refused before any cryptography runs. */
export function asCredentialResponse(v: unknown): CredentialResponse | undefined {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.rawId !== 'string' || v.type !== 'public-key' || !isObject(v.response)) return undefined;
  if (v.id.length > 1400 || !/^[A-Za-z0-9_-]+$/.test(v.id)) return undefined;
  return v as unknown as CredentialResponse;
}

/** A stored passkey as the verifiers need it (staff's and participants' tables have these columns). */
export interface StoredCredential {
  credential_id: string;
  /** the COSE public key, base64url */
  public_key: string;
  counter: number;
  /** space-separated */
  transports: string;
}

/** What a verified registration yields, ready to store. */
export interface NewCredential {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string;
}

const transportsOf = (c: StoredCredential) => c.transports.split(' ').filter((t) => TRANSPORTS.has(t)) as AuthenticatorTransport[];

/**
 * The relying party both kinds of passkey share (staff's and participants'): PUBLIC_URL's
 * host name is the relying party id and its origin the only accepted origin, so a passkey
 * made for this site works nowhere else; on an IP address passkeys cannot work at all. The
 * caller keeps the challenge (on its session) and the stored credentials (in its table).
 */
export class RelyingParty {
  readonly rpID: string;
  /** the only origin passkeys work on: PUBLIC_URL's */
  readonly origin: string;
  /** false when PUBLIC_URL names an IP address: no browser makes or uses a passkey for one */
  readonly usable: boolean;

  constructor(publicUrl: string) {
    const url = new URL(publicUrl);
    this.rpID = url.hostname;
    this.origin = url.origin;
    this.usable = !isIpAddress(url.hostname);
  }

  /** Options for navigator.credentials.create(); `userHandle` is stable per account and says nothing about it. */
  registrationOptions(v: {
    rpName: string;
    userName: string;
    userDisplayName: string;
    userHandle: string;
    existing: StoredCredential[];
  }): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return generateRegistrationOptions({
      rpName: v.rpName,
      rpID: this.rpID,
      userName: v.userName,
      userDisplayName: v.userDisplayName,
      userID: isoBase64URL.toBuffer(v.userHandle),
      timeout: TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: v.existing.map((c) => ({ id: c.credential_id, transports: transportsOf(c) })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
  }

  /** The authenticator's answer to `challenge`, checked; undefined for anything that does not verify. */
  async verifyRegistration(response: CredentialResponse, challenge: string): Promise<NewCredential | undefined> {
    try {
      const verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        requireUserVerification: false,
      });
      if (!verified.verified) return undefined;
      const { credential } = verified.registrationInfo;
      return {
        credentialId: credential.id,
        publicKey: isoBase64URL.fromBuffer(credential.publicKey),
        counter: credential.counter,
        transports: (credential.transports ?? []).filter((t) => TRANSPORTS.has(t)).join(' '),
      };
    } catch {
      return undefined;
    }
  }

  /** Options for navigator.credentials.get(), allowing only the given passkeys. */
  authenticationOptions(keys: StoredCredential[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return generateAuthenticationOptions({
      rpID: this.rpID,
      timeout: TIMEOUT_MS,
      userVerification: 'preferred',
      allowCredentials: keys.map((c) => ({ id: c.credential_id, transports: transportsOf(c) })),
    });
  }

  /**
   * The answer must sign `challenge` with `key`. Returns the authenticator's new counter, or
   * undefined; a counter that did not move past ours (and is not the 0 of synced passkeys) is refused.
   */
  async verifyAuthentication(response: CredentialResponse, challenge: string, key: StoredCredential): Promise<number | undefined> {
    try {
      const result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        credential: { id: key.credential_id, publicKey: isoBase64URL.toBuffer(key.public_key), counter: key.counter, transports: transportsOf(key) },
        requireUserVerification: false,
      });
      return result.verified ? result.authenticationInfo.newCounter : undefined;
    } catch {
      return undefined;
    }
  }
}
