import type { SecretBox } from '../../security/secret-box.js';
import { hashToken, randomToken } from '../../security/tokens.js';

/** The sealed fields of a registration; each is bound to its event and field as AES-GCM associated data. */
export type SealedField = 'email' | 'name' | 'token' | `answer:${number}`;

/**
 * How registrants' data is kept: sealed under the master key, bound to the event and the
 * field; the address found again by an HMAC of the event id and the address, so one person
 * cannot be linked across events; the private link's token hashed for lookup and sealed
 * for the mails that repeat it. The service and the demo loader both store through this.
 */
export class RegistrationSeals {
  constructor(private readonly box: SecretBox) {}

  seal(eventId: number, field: SealedField, plain: string): string {
    return this.box.seal(plain, `registration:${eventId}:${field}`);
  }

  open(eventId: number, field: SealedField, sealed: string): string {
    return this.box.open(sealed, `registration:${eventId}:${field}`);
  }

  /** `normalisedEmail`: trimmed, lower case (normaliseEmail). */
  emailHash(eventId: number, normalisedEmail: string): string {
    return this.box.mac(`registration-email:${eventId}:${normalisedEmail}`);
  }

  newToken(eventId: number): { token: string; hash: string; sealed: string } {
    const token = randomToken();
    return { token, hash: hashToken(token), sealed: this.seal(eventId, 'token', token) };
  }
}
