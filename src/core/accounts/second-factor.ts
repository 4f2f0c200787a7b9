import crypto from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { SecretBox } from '../../security/secret-box.js';
import { RECOVERY_CODES, TOTP_ISSUER } from './accounts.schema.js';

/**
 * The authenticator-app factor and recovery codes, shared by staff accounts and
 * participants: one TOTP check (each time step once), one way to make and store recovery
 * codes. Secrets are sealed by the caller under its own context; recovery codes are kept
 * as keyed hashes, so the database alone cannot brute-force them.
 */

/** Recovery codes are stored as an HMAC under the master key: the database alone cannot brute-force them. */
export const hashRecoveryCode = (box: SecretBox, code: string) => box.mac(`recovery:${code.replace(/[\s-]/g, '').toUpperCase()}`);

/** A fresh secret for an authenticator app. */
export const newTotpSecret = (): string => generateSecret();

/** The otpauth URI a QR code carries: what the app shows as the entry's name (issuer and label). */
export const totpUri = (label: string, secret: string, issuer = TOTP_ISSUER) => generateURI({ issuer, label, secret });

/** Whether a typed code looks like an app's six digits (spaces allowed). */
export const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ''));

/** The time step a code is valid for (30 s either side), or undefined; `afterStep` refuses a step used before. */
export async function totpStep(secret: string, code: string, now: Date, afterStep?: number): Promise<number | undefined> {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return undefined;
  const r = await verifyTotp({
    secret,
    token: clean,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(afterStep !== undefined ? { afterTimeStep: afterStep } : {}),
  });
  return r.valid && 'timeStep' in r && typeof r.timeStep === 'number' ? r.timeStep : undefined;
}

/** Ten single-use recovery codes such as 1A2B3-C4D5E, to show once. */
export function makeRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () =>
    crypto
      .randomBytes(5)
      .toString('hex')
      .toUpperCase()
      .replace(/(.{5})/, '$1-'),
  );
}

/** The stored form of recovery codes: their keyed hashes, space-separated. */
export const storedRecoveryCodes = (box: SecretBox, codes: string[]) => codes.map((c) => hashRecoveryCode(box, c)).join(' ');

/** The stored list without `code`, or undefined when `code` is not one of them. */
export function spendRecoveryCode(box: SecretBox, stored: string, code: string): string | undefined {
  const hash = hashRecoveryCode(box, code.replace(/\s/g, ''));
  const codes = stored.split(' ').filter(Boolean);
  return codes.includes(hash) ? codes.filter((c) => c !== hash).join(' ') : undefined;
}
