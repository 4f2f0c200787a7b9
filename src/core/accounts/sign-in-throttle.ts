import { hashToken, randomToken } from '../../security/tokens.js';
import type { Clock } from '../shared/clock.js';
import type { AccountsRepository } from './accounts.repository.js';
import { DEVICE_MAX_FAILURES, DEVICE_WINDOW_MS, NOTICE_AFTER_FAILURES, NOTICE_EVERY_MS, UNKNOWN_QUIET_MS, unknownDelayMs } from './accounts.schema.js';

/** What a device cookie looks like (randomToken): anything else is no cookie at all. */
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * One attempt's place in the throttle: checked through a known browser's own allowance,
 * checked through the account's allowance for unknown browsers, or refused (to be answered
 * exactly like a wrong password, without looking at the password).
 */
export interface Admission {
  subject: string;
  via: 'device' | 'unknown' | 'refused';
  /** the device row's hash, for a known browser */
  deviceHash?: string;
  /** checked attempts from unknown browsers in the current run, this one included */
  unknownAttempts: number;
}

const unknownKey = (subject: string) => `unknown:${subject}`;
const noticeKey = (subject: string) => `notice:${subject}`;

/**
 * Sign-in throttling without lock-outs (the "device cookie" of OWASP), one implementation
 * for staff and participants. `subject` is the keyed hash of what was typed as the sign-in
 * name or address, so known and unknown accounts are throttled, and answered, alike.
 *
 * - A browser that signed in before carries a device cookie; its failures count against
 *   that device only (DEVICE_MAX_FAILURES per window), so nothing a stranger does
 *   elsewhere keeps it out.
 * - Every other attempt shares the account's allowance for unknown browsers: a few are
 *   checked at once, then each must wait longer (up to UNKNOWN_MAX_DELAY_MS). Nothing
 *   locks, and nobody is banned by address.
 *
 * Attempts are counted when admitted, before the password is checked, by a compare-and-swap
 * on the row: concurrent attempts (several processes on PostgreSQL) get one slot each, and
 * a burst cannot slip through one free slot. An attempt that succeeds gives its count back.
 */
export class SignInThrottle {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly clock: Clock,
  ) {}

  private deviceHash(subject: string, token: string | undefined): string | undefined {
    return token && DEVICE_TOKEN.test(token) ? hashToken(`device:${subject}:${token}`) : undefined;
  }

  async admit(subject: string, deviceToken: string | undefined): Promise<Admission> {
    const deviceHash = this.deviceHash(subject, deviceToken);
    if (deviceHash && (await this.admitDevice(subject, deviceHash))) return { subject, via: 'device', deviceHash, unknownAttempts: 0 };
    const attempts = await this.admitUnknown(subject);
    return attempts ? { subject, via: 'unknown', unknownAttempts: attempts } : { subject, via: 'refused', unknownAttempts: 0 };
  }

  /** True when the browser is known to the subject and its own allowance has room; counts the attempt. */
  private async admitDevice(subject: string, deviceHash: string): Promise<boolean> {
    const row = await this.repo.device(subject, deviceHash);
    if (!row) return false;
    const now = this.clock.now();
    const fresh = new Date(row.window_start).getTime() + DEVICE_WINDOW_MS <= now.getTime();
    const failures = fresh ? 0 : row.failures;
    if (failures >= DEVICE_MAX_FAILURES) return false;
    return this.repo.swapDevice(subject, deviceHash, row, { failures: failures + 1, windowStart: fresh ? now.toISOString() : row.window_start });
  }

  /** The number of this attempt among unknown browsers' checked attempts, or 0 when it must wait (refused). */
  private async admitUnknown(subject: string): Promise<number> {
    const key = unknownKey(subject);
    const row = await this.repo.throttle(key);
    const now = this.clock.now();
    if (row?.locked_until && row.locked_until > now.toISOString()) return 0;
    const fresh = !row || new Date(row.window_start).getTime() + UNKNOWN_QUIET_MS <= now.getTime();
    const attempts = (fresh ? 0 : row.failures) + 1;
    const waitMs = unknownDelayMs(attempts);
    const next = { failures: attempts, windowStart: now.toISOString(), lockedUntil: waitMs ? new Date(now.getTime() + waitMs).toISOString() : null };
    const took = await this.repo.swapThrottle(key, row ? { failures: row.failures, windowStart: row.window_start } : undefined, next);
    return took ? attempts : 0;
  }

  /**
   * A failed attempt (it was counted when admitted). True when the account holder should be
   * told now: unknown browsers failed NOTICE_AFTER_FAILURES times and no notice went out in
   * the last NOTICE_EVERY_MS. The caller tells only an account that exists.
   */
  async failed(a: Admission): Promise<boolean> {
    if (a.via !== 'unknown' || a.unknownAttempts < NOTICE_AFTER_FAILURES) return false;
    const key = noticeKey(a.subject);
    const row = await this.repo.throttle(key);
    const now = this.clock.now();
    if (row && new Date(row.window_start).getTime() + NOTICE_EVERY_MS > now.getTime()) return false;
    return this.repo.swapThrottle(key, row ? { failures: row.failures, windowStart: row.window_start } : undefined, {
      failures: 1,
      windowStart: now.toISOString(),
      lockedUntil: null,
    });
  }

  /** A step that passed but is not the end of signing in (the password before the second factor): its count is given back. */
  async passed(a: Admission): Promise<void> {
    if (a.via === 'device' && a.deviceHash) await this.repo.giveBackDevice(a.subject, a.deviceHash);
    if (a.via === 'unknown') await this.repo.giveBackThrottle(unknownKey(a.subject));
  }

  /**
   * Signed in: the count is given back and this browser becomes (or stays) known to the
   * subject, with its whole allowance. Returns the device cookie's value: the browser's own
   * token when it had a well-formed one, else a new one.
   */
  async succeeded(a: Admission, deviceToken: string | undefined): Promise<string> {
    if (a.via === 'unknown') await this.repo.giveBackThrottle(unknownKey(a.subject));
    const token = deviceToken && DEVICE_TOKEN.test(deviceToken) ? deviceToken : randomToken();
    await this.repo.saveDevice(a.subject, this.deviceHash(a.subject, token) as string, this.clock.now().toISOString());
    return token;
  }

  /** Whether the subject's unknown-browser failures reached the notice threshold in the current run (shown to the holder). */
  async recentStrangerFailures(subject: string): Promise<boolean> {
    const row = await this.repo.throttle(unknownKey(subject));
    if (!row) return false;
    return row.failures >= NOTICE_AFTER_FAILURES && new Date(row.window_start).getTime() + UNKNOWN_QUIET_MS > this.clock.now().getTime();
  }
}
