export const IDLE_MS = 15 * 60_000;
export const ABSOLUTE_MS = 12 * 3_600_000;
/** A password accepted, second factor not yet given: this long to give it. */
export const PENDING_MS = 10 * 60_000;
export const ENROL_TTL_MS = 72 * 3_600_000;
export const RESET_TTL_MS = 3_600_000;
export const REAUTH_MS = 5 * 60_000;
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_MAX_FAILURES = 10;
export const THROTTLE_LOCK_MS = 15 * 60_000;
/** The sign-in form as a whole: failures over all accounts in a window before every attempt is slowed. */
export const FORM_FREE_FAILURES = 50;
export const FORM_DELAY_STEP_MS = 100;
export const FORM_MAX_DELAY_MS = 5_000;
/** Reset mails per account and hour; more requests get the same answer and no mail. */
export const RESET_MAILS_PER_HOUR = 3;

/**
 * How long every sign-in attempt waits while the form is under attack (credential
 * stuffing spread over many accounts). It slows the form, never bans an address: Tor
 * users share exit addresses with attackers.
 */
export function formDelayMs(failuresInWindow: number): number {
  return Math.min(FORM_MAX_DELAY_MS, Math.max(0, failuresInWindow - FORM_FREE_FAILURES) * FORM_DELAY_STEP_MS);
}
export const RECOVERY_CODES = 10;
export const TOTP_ISSUER = "Defenders' Days";

export interface Principal {
  userId: number;
  sessionId: number;
  role: string;
  displayName: string;
  email: string;
  reauthAt: string | null;
}

/** No spaces, control characters (NUL included: PostgreSQL refuses it) or characters that need quoting. */
const EMAIL = /^[^\s\u0000-\u001f\u007f@<>()[\],;:"]{1,64}@[^\s\u0000-\u001f\u007f@<>()[\],;:"]{1,255}\.[^\s\u0000-\u001f\u007f@<>()[\],;:"]{2,63}$/;
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
export const isEmail = (email: string): boolean => email.length <= 254 && EMAIL.test(email);

/** "Firefox on Linux": enough to tell one's sessions apart, nothing that fingerprints. */
export function browserLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chromium'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'unknown system';
  return `${browser} on ${os}`;
}
