import type { Clock } from '../shared/clock.js';
import type { Mailer } from './mailer.js';
import type { MailMessage, OutboxRepository } from './outbox.repository.js';

const LEASE_MS = 60_000;

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

  constructor(
    private readonly repo: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly domain: string,
    private readonly intervalMs = 2_000,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Ask for a run soon, e.g. right after something was queued. */
  nudge(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
    this.mailer.close();
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runOnce().finally(() => !this.stopped && this.schedule(this.intervalMs)), ms);
    this.timer.unref();
  }

  /** Sends every due item; returns how many were sent. */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      for (;;) {
        if (this.stopped) break;
        const now = this.clock.now();
        const item = await this.repo.claim(now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString());
        if (!item) break;
        try {
          if (item.kind !== 'mail') throw new Error(`unknown outbox kind ${item.kind}`);
          await this.mailer.send(JSON.parse(item.payload) as MailMessage, `<outbox-${item.id}@${this.domain}>`);
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
