import type { Tx } from '../../db/database.js';
import { type Locale } from '../../i18n/index.js';
import { hashToken, randomToken } from '../../security/tokens.js';
import type { RegistrationsContext, RegistrationsDeps } from './registrations.context.js';
import { isUniqueViolation } from '../shared/db-errors.js';
import type { EventDetail, EventSummary } from '../events/events.schema.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { type RawForm } from '../shared/form-input.js';
import { type RegistrationRow } from './registrations.repository.js';
import {
  availabilityOf,
  LINK_RESEND_MS,
  parseRegistrationForm,
  type Availability,
  type ManagedRegistration,
  type RegistrationOutcome,
  type RegistrationSettings,
} from './registrations.schema.js';

/** Everything the registration form needs. */
export interface RegistrationForm {
  event: EventDetail;
  settings: RegistrationSettings;
  availability: Availability;
  /** a fresh idempotency key for the form's hidden field */
  idempotencyKey: string;
  retentionDays: number;
}

/**
 * Registration for public events, for visitors. A seat is taken by one conditional UPDATE
 * in the same transaction that inserts the registration, its audit entry and its mail, so
 * a 2xx means all of it is committed, and an error means none of it is. Nothing here
 * knows HTTP. Organisers' side: registrations-admin.service.ts; the jobs:
 * registrations-jobs.service.ts.
 */
export class RegistrationsService {
  constructor(private readonly c: RegistrationsContext) {}

  private get d(): RegistrationsDeps {
    return this.c.d;
  }

  /** What the public event page says about registering. */
  async availability(event: Pick<EventSummary, 'id' | 'startsAt' | 'status'>): Promise<Availability> {
    const settings = await this.d.repo.settings(this.d.repo.db, event.id);
    return availabilityOf(settings, event, this.c.now().toISOString());
  }

  /** The form for a public event whose registration is on (open or closed); otherwise not found. */
  async form(slug: string, locale: Locale): Promise<RegistrationForm> {
    const event = await this.d.events.detail(slug, locale);
    const settings = await this.d.repo.settings(this.d.repo.db, event.id);
    if (!settings?.enabled) throw notFound('registration');
    return {
      event,
      settings,
      availability: availabilityOf(settings, event, this.c.now().toISOString()),
      idempotencyKey: randomToken().slice(0, 32),
      retentionDays: this.d.retentionDays,
    };
  }

  /**
   * Registers an address for an event: a seat if one is free, else a place on the waiting
   * list (if it is on). The same address again gets the answer its registration already
   * has; the same form again (same idempotency key) creates nothing twice.
   */
  async register(slug: string, locale: Locale, raw: RawForm): Promise<{ event: EventDetail; outcome: RegistrationOutcome }> {
    const event = await this.d.events.detail(slug, locale);
    const settings = await this.d.repo.settings(this.d.repo.db, event.id);
    if (!settings?.enabled) throw notFound('registration');
    const input = parseRegistrationForm(raw, settings.questions);
    const emailHash = this.c.seals.emailHash(event.id, input.normalisedEmail);
    for (let attempt = 1; ; attempt++) {
      try {
        const { outcome, queued } = await this.d.repo.transaction((tx) => this.registerIn(tx, event, locale, input, emailHash));
        if (queued) this.d.onQueued?.();
        return { event, outcome };
      } catch (e) {
        // Two requests for the same address or form at once: the loser reads the winner's row.
        if (attempt < 3 && isUniqueViolation(e)) continue;
        throw e;
      }
    }
  }

  private async registerIn(
    tx: Tx,
    event: EventDetail,
    locale: Locale,
    input: ReturnType<typeof parseRegistrationForm>,
    emailHash: string,
  ): Promise<{ outcome: RegistrationOutcome; queued: boolean }> {
    const now = this.c.now();
    const nowIso = now.toISOString();
    const byKey = await this.d.repo.byIdempotencyKey(tx, event.id, input.idempotencyKey);
    if (byKey) {
      if (byKey.email_hash !== emailHash) throw invalid('form used', { form: 'registration.form-used' });
      return { outcome: await this.outcomeOf(tx, byKey), queued: false };
    }
    const existing = await this.d.repo.activeByEmailHash(tx, event.id, emailHash);
    if (existing) {
      // Mail the link again (a new one: only hashes are looked up), at most once an hour.
      const last = existing.link_sent_at ? new Date(existing.link_sent_at).getTime() : 0;
      let queued = false;
      if (now.getTime() - last >= LINK_RESEND_MS) {
        const token = this.c.seals.newToken(event.id);
        await this.d.repo.replaceToken(tx, existing.id, token.hash, token.sealed, nowIso);
        await this.c.queueMail(tx, nowIso, existing, event, 'again', { token: token.token, key: `again:${nowIso}` });
        await this.d.audit.record(tx, nowIso, { actorId: null, action: 'registration.link-resent', objectType: 'registration', objectId: existing.id });
        queued = true;
      }
      return { outcome: await this.outcomeOf(tx, existing), queued };
    }

    const state = await this.d.repo.eventState(tx, event.id);
    const settings = await this.d.repo.settings(tx, event.id);
    const open = state && state.hidden === 0 && availabilityOf(settings, { startsAt: state.startsAt, status: state.status }, nowIso).state;
    if (!settings || !open || open === 'none' || open === 'closed') throw invalid('registration closed', { form: 'registration.closed-error' });
    const known = new Set(settings.questions.map((q) => q.id));
    if (input.answers.some((a) => !known.has(a.questionId))) throw invalid('questions changed', { form: 'registration.form-stale' });

    const seat = await this.d.repo.takeSeat(tx, event.id);
    if (!seat && !settings.waitlist) throw invalid('full', { form: 'registration.full-error' });
    const token = this.c.seals.newToken(event.id);
    const row = {
      event_id: event.id,
      status: seat ? ('confirmed' as const) : ('waitlisted' as const),
      email_sealed: this.c.seals.seal(event.id, 'email', input.email),
      name_sealed: this.c.seals.seal(event.id, 'name', input.name),
      email_hash: emailHash,
      manage_token_hash: token.hash,
      manage_token_sealed: token.sealed,
      idempotency_key: input.idempotencyKey,
      locale,
      created_at: nowIso,
      updated_at: nowIso,
      cancelled_at: null,
      promoted_at: null,
      reminded_at: null,
      link_sent_at: nowIso,
      anonymised_at: null,
    };
    const id = await this.d.repo.insert(tx, row);
    await this.d.repo.insertAnswers(
      tx,
      id,
      input.answers.map((a) => ({ questionId: a.questionId, sealed: this.c.seals.seal(event.id, `answer:${a.questionId}`, a.value) })),
    );
    const position = seat ? null : await this.d.repo.waitlistPosition(tx, event.id, id);
    await this.c.queueMail(tx, nowIso, { ...row, id }, event, seat ? 'confirmed' : 'waitlisted', { token: token.token, ...(position ? { position } : {}) });
    await this.d.audit.record(tx, nowIso, {
      actorId: null,
      action: seat ? 'registration.confirmed' : 'registration.waitlisted',
      objectType: 'registration',
      objectId: id,
      details: { eventId: event.id },
    });
    return { outcome: { status: seat ? 'confirmed' : 'waitlisted', position }, queued: true };
  }

  private async outcomeOf(tx: Tx, row: RegistrationRow): Promise<RegistrationOutcome> {
    if (row.status === 'cancelled') throw invalid('form used', { form: 'registration.form-used' });
    return { status: row.status, position: row.status === 'waitlisted' ? await this.d.repo.waitlistPosition(tx, row.event_id, row.id) : null };
  }

  private async byToken(token: string): Promise<RegistrationRow> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound('registration');
    const row = await this.d.repo.byTokenHash(this.d.repo.db, hashToken(token));
    if (!row || row.anonymised_at) throw notFound('registration');
    return row;
  }

  /** The registration behind a private link, in the link's language; not found for an unknown, replaced or anonymised one. */
  async manage(token: string, locale: Locale): Promise<ManagedRegistration> {
    const row = await this.byToken(token);
    const event = await this.c.eventFor(this.d.repo.db, row.event_id, locale);
    if (!event) throw notFound('registration');
    const position = row.status === 'waitlisted' ? await this.d.repo.waitlistPosition(this.d.repo.db, row.event_id, row.id) : null;
    return {
      id: row.id,
      status: row.status,
      position,
      name: this.c.open(row, 'name'),
      eventSlug: event.slug,
      eventTitle: event.title,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timeZone: event.timeZone,
      cancellable: row.status !== 'cancelled' && this.c.now().toISOString() < event.startsAt,
      locale: this.c.localeOf(row),
    };
  }

  /** Cancels through the private link; the seat goes to the first on the waiting list. Cancelling twice is harmless. */
  async cancel(token: string, locale: Locale): Promise<ManagedRegistration> {
    const row = await this.byToken(token);
    const event = await this.c.eventFor(this.d.repo.db, row.event_id, this.c.localeOf(row));
    if (!event) throw notFound('registration');
    const nowIso = this.c.now().toISOString();
    if (row.status !== 'cancelled') {
      if (nowIso >= event.startsAt) throw new DomainError('conflict', 'event started');
      let queued = false;
      await this.d.repo.transaction(async (tx) => {
        if (!(await this.d.repo.changeStatus(tx, row.id, row.status, 'cancelled', nowIso))) return;
        await this.d.audit.record(tx, nowIso, {
          actorId: null,
          action: 'registration.cancelled',
          objectType: 'registration',
          objectId: row.id,
          details: { eventId: row.event_id },
        });
        await this.c.queueMail(tx, nowIso, row, event, 'cancelled');
        queued = true;
        if (row.status === 'confirmed') {
          await this.d.repo.releaseSeat(tx, row.event_id);
          await this.c.promote(tx, row.event_id, nowIso);
        }
      });
      if (queued) this.d.onQueued?.();
    }
    return this.manage(token, locale);
  }
}
