import type { SiteLinks } from '../shared/site-links.js';
import type { Db, Tx } from '../../db/database.js';
import { isLocale, type Locale } from '../../i18n/index.js';
import type { SecretBox } from '../../security/secret-box.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { EventDetail, EventSummary } from '../events/events.schema.js';
import type { EventsService } from '../events/events.service.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { Clock } from '../shared/clock.js';
import type { ScrubErased } from '../shared/erasure.js';
import { registrationMail, type RegistrationMailKind } from './registrations.mails.js';
import type { RegistrationRow, RegistrationsRepository } from './registrations.repository.js';
import { RegistrationSeals } from './registrations.sealing.js';

export interface RegistrationsDeps {
  repo: RegistrationsRepository;
  /** the public read side: an event open for registration is one visitors can see */
  events: EventsService;
  /**
   * Any event in any state, in a language, for mails about it (a cancelled or hidden one too).
   * Inside a transaction it must read through that transaction: on SQLite the transaction
   * holds the only connection.
   */
  eventIn: (q: Db | Tx, eventId: number, locale: Locale) => Promise<EventDetail | undefined>;
  audit: AuditRepository;
  outbox: OutboxRepository;
  box: SecretBox;
  clock: Clock;
  /** the addresses written into mails and calendar files */
  links: SiteLinks;
  /** days after an event that its registrants' personal data is kept */
  retentionDays: number;
  /** removes erased rows from the database files once the erasing transaction has committed */
  scrub: ScrubErased;
  onQueued?: () => void;
}

/**
 * What the three registration services share: the sealed fields of a row, the mail to a
 * registrant (through the outbox, in the caller's transaction), and the waiting list moving
 * up when seats come free (a visitor cancels, an organiser adds seats).
 */
export class RegistrationsContext {
  readonly seals: RegistrationSeals;

  constructor(readonly d: RegistrationsDeps) {
    this.seals = new RegistrationSeals(d.box);
  }

  now(): Date {
    return this.d.clock.now();
  }

  open(row: RegistrationRow, what: 'email' | 'name' | 'token'): string {
    const sealed = what === 'email' ? row.email_sealed : what === 'name' ? row.name_sealed : row.manage_token_sealed;
    return sealed ? this.seals.open(row.event_id, what, sealed) : '';
  }

  localeOf(row: RegistrationRow): Locale {
    return isLocale(row.locale) ? row.locale : 'en';
  }

  async queueMail(
    tx: Tx,
    nowIso: string,
    row: RegistrationRow,
    event: EventSummary,
    kind: RegistrationMailKind,
    extra: { token?: string; position?: number; text?: string; key?: string } = {},
  ): Promise<void> {
    const message = registrationMail({
      kind,
      to: this.open(row, 'email'),
      locale: this.localeOf(row),
      event,
      links: this.d.links,
      retentionDays: this.d.retentionDays,
      ...(extra.token ? { token: extra.token } : {}),
      ...(extra.position !== undefined ? { position: extra.position } : {}),
      ...(extra.text !== undefined ? { text: extra.text } : {}),
    });
    // Every key starts reg:<id>: so the retention job can remove what is still queued for a registrant.
    await this.d.outbox.enqueue(tx, nowIso, 'mail', message, `reg:${row.id}:${extra.key ?? kind}`);
  }

  /** The event in the registrant's language, for a mail; undefined if the event is gone. */
  eventFor(q: Db | Tx, eventId: number, locale: Locale): Promise<EventDetail | undefined> {
    return this.d.eventIn(q, eventId, locale);
  }

  /**
   * Gives free seats to the waiting list in order, one conditional UPDATE per seat; each
   * promoted person gets a mail with the event attached. Returns how many moved up.
   */
  async promote(tx: Tx, eventId: number, nowIso: string): Promise<number> {
    let promoted = 0;
    let after = 0;
    for (;;) {
      const next = await this.d.repo.firstWaitlisted(tx, eventId, after);
      if (!next) break;
      after = next.id;
      if (!(await this.d.repo.takeSeatForPromotion(tx, eventId))) break;
      if (!(await this.d.repo.changeStatus(tx, next.id, 'waitlisted', 'confirmed', nowIso))) {
        await this.d.repo.releaseSeat(tx, eventId);
        continue;
      }
      const event = await this.eventFor(tx, eventId, this.localeOf(next));
      if (event) await this.queueMail(tx, nowIso, next, event, 'promoted', { token: this.open(next, 'token') });
      await this.d.audit.record(tx, nowIso, {
        actorId: null,
        action: 'registration.promoted',
        objectType: 'registration',
        objectId: next.id,
        details: { eventId },
      });
      promoted++;
    }
    return promoted;
  }
}
