import type { RegistrationsContext, RegistrationsDeps } from './registrations.context.js';
import { scrubAfterErasure } from '../shared/erasure.js';
import { ANONYMISED_TABLES } from './registrations.repository.js';
import { REMINDER_BEFORE_MS } from './registrations.schema.js';

/** The registration jobs the scheduler runs: reminders before an event, and retention after it. */
export class RegistrationJobs {
  constructor(private readonly c: RegistrationsContext) {}

  private get d(): RegistrationsDeps {
    return this.c.d;
  }

  /**
   * Queues the reminder for confirmed registrants of events that start within a day; each
   * gets one. Whoever registered within that last day has just had the confirmation and
   * gets no reminder.
   */
  async sendReminders(): Promise<number> {
    const now = this.c.now();
    const nowIso = now.toISOString();
    const due = await this.d.repo.dueReminders(nowIso, new Date(now.getTime() + REMINDER_BEFORE_MS).toISOString(), 1000);
    let queued = 0;
    for (const { id, eventId, createdAt, startsAt } of due) {
      const late = new Date(startsAt).getTime() - new Date(createdAt).getTime() < REMINDER_BEFORE_MS;
      await this.d.repo.transaction(async (tx) => {
        // Marked either way, so a late registrant is not looked at again every run.
        const row = await this.d.repo.markReminded(tx, id, nowIso);
        if (!row || late) return;
        const event = await this.c.eventFor(tx, eventId, this.c.localeOf(row));
        if (!event) return;
        await this.c.queueMail(tx, nowIso, row, event, 'reminder', { token: this.c.open(row, 'token') });
        queued++;
      });
    }
    if (queued) this.d.onQueued?.();
    return queued;
  }

  /**
   * Deletes registrants' personal data `retentionDays` after their event ended (addresses,
   * names, links, answers, queued mails), keeping each row's status so the counts stay; and
   * answers whose question has a shorter retention. Audited with counts only.
   */
  async applyRetention(): Promise<{ events: number; registrations: number; answers: number }> {
    const now = this.c.now();
    const nowIso = now.toISOString();
    const before = new Date(now.getTime() - this.d.retentionDays * 86_400_000).toISOString();
    let registrations = 0;
    const eventIds = await this.d.repo.eventsToAnonymise(before);
    for (const eventId of eventIds) {
      await this.d.repo.transaction(async (tx) => {
        const n = await this.d.repo.anonymiseEvent(tx, eventId, nowIso);
        registrations += n;
        await this.d.audit.record(tx, nowIso, {
          actorId: null,
          action: 'registrations.anonymised',
          objectType: 'event',
          objectId: eventId,
          details: { registrations: n },
        });
      });
    }
    const answers = await this.d.repo.transaction((tx) => this.d.repo.deleteExpiredAnswers(tx, nowIso));
    // Names, addresses and answers were sealed under the system key, which lives on: the old
    // copies of the rows must leave the database files too.
    if (registrations || answers) await scrubAfterErasure(this.d.scrub, this.d.audit, this.d.repo.db, nowIso, null, ANONYMISED_TABLES);
    return { events: eventIds.length, registrations, answers };
  }
}
