export const IDLE_MS = 15 * 60_000;
export const ABSOLUTE_MS = 12 * 3_600_000;
/** A password accepted, second factor not yet given: this long to give it. */
export const PENDING_MS = 10 * 60_000;
export const ENROL_TTL_MS = 72 * 3_600_000;
export const RESET_TTL_MS = 3_600_000;
export const REAUTH_MS = 5 * 60_000;
/** The window in which the form-wide failures are counted. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;

/**
 * Sign-in throttling, the same for staff and participants (sign-in-throttle.ts). A browser
 * that signed in to the account before (its device cookie) has DEVICE_MAX_FAILURES per
 * DEVICE_WINDOW_MS of its own; past them it counts as an unknown browser until the window
 * ends. Unknown browsers share one allowance per account that never locks: the first
 * UNKNOWN_FREE_ATTEMPTS are checked at once, then each further attempt must wait twice as
 * long as the one before (from UNKNOWN_BASE_DELAY_MS up to UNKNOWN_MAX_DELAY_MS); an
 * attempt before its time is refused, with the same answer, without looking at the
 * password. The count starts again after UNKNOWN_QUIET_MS without an attempt.
 */
export const DEVICE_MAX_FAILURES = 10;
export const DEVICE_WINDOW_MS = 15 * 60_000;
export const UNKNOWN_FREE_ATTEMPTS = 5;
export const UNKNOWN_BASE_DELAY_MS = 2_000;
export const UNKNOWN_MAX_DELAY_MS = 15 * 60_000;
export const UNKNOWN_QUIET_MS = 24 * 3_600_000;
/** The account holder is told after this many failures from unknown browsers, at most once per NOTICE_EVERY_MS. */
export const NOTICE_AFTER_FAILURES = 10;
export const NOTICE_EVERY_MS = 24 * 3_600_000;
/** How long a device cookie lives, and an unused device row stays. */
export const DEVICE_TTL_MS = 180 * 86_400_000;

/** How long an unknown browser waits after `attempts` checked attempts before the next one is checked. */
export function unknownDelayMs(attempts: number): number {
  if (attempts < UNKNOWN_FREE_ATTEMPTS) return 0;
  return Math.min(UNKNOWN_MAX_DELAY_MS, UNKNOWN_BASE_DELAY_MS * 2 ** Math.min(30, attempts - UNKNOWN_FREE_ATTEMPTS));
}
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
