import type { Clock } from '../shared/clock.js';
import type { Mailer } from './mailer.js';
import { SENT_RETENTION_MS, type MailMessage, type OutboxRepository } from './outbox.repository.js';

const LEASE_MS = 60_000;
/** How often a worker deletes sent rows past their retention. */
const PURGE_EVERY_MS = 3_600_000;

/**
 * Delivers queued side effects. A row is marked sent only after the SMTP server took the
 * message; a crash before that leaves it pending and it is sent after restart. Each
 * message carries a Message-ID derived from its row, so a receiving server can drop the
 * rare duplicate of a crash between "accepted" and "marked sent".
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  /** nudge() does nothing before start(): an app built for tests or a CLI never sends by itself */
  private started = false;
  private lastPurge = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly domain: string,
    private readonly intervalMs = 2_000,
    private readonly onError: (err: unknown) => void = (err) => console.error('outbox worker:', err instanceof Error ? err.message : 'failed'),
  ) {}

  start(): void {
    this.started = true;
    this.stopped = false;
    this.schedule(0);
  }

  /** Ask for a run soon, e.g. right after something was queued. */
  nudge(): void {
    if (this.started && !this.stopped && !this.running) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
    this.mailer.close();
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    // A failing database (restarting, unreachable) must not bring the process down: note it and try again later.
    this.timer = setTimeout(
      () =>
        void this.runOnce()
          .catch((err: unknown) => this.onError(err))
          .finally(() => !this.stopped && this.schedule(this.intervalMs)),
      ms,
    );
    this.timer.unref();
  }

  /**
   * Sends every due item; returns how many were sent. At most once an hour it also deletes
   * sent rows older than SENT_RETENTION_MS, so recipient addresses and mail texts do not
   * pile up in the database.
   */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      const started = this.clock.now().getTime();
      if (started - this.lastPurge >= PURGE_EVERY_MS) {
        this.lastPurge = started;
        // A failed purge must not hold up sending; the next one is an hour later.
        await this.repo.purgeSent(new Date(started - SENT_RETENTION_MS).toISOString()).catch(() => 0);
      }
      for (;;) {
        if (this.stopped) break;
        const now = this.clock.now();
        const item = await this.repo.claim(now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString());
        if (!item) break;
        try {
          if (item.kind !== 'mail') throw new Error(`unknown outbox kind ${item.kind}`);
          await this.mailer.send(this.repo.decode(item.payload) as MailMessage, `<outbox-${item.id}@${this.domain}>`);
          await this.repo.markSent(item.id, this.clock.now().toISOString());
          sent++;
        } catch (err) {
          const message = err instanceof Error ? err.message : 'send failed';
          await this.repo.markFailed(item.id, this.clock.now().toISOString(), item.attempts + 1, message);
        }
      }
    } finally {
      this.running = false;
    }
    return sent;
  }
}
