import type { Db, Tx } from '../../db/database.js';
import { isLocale, type Locale } from '../../i18n/index.js';
import type { SecretBox } from '../../security/secret-box.js';
import { hashToken, randomToken } from '../../security/tokens.js';
import { RegistrationSeals } from './registrations.sealing.js';
import { REAUTH_MS, type Principal } from '../accounts/accounts.schema.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { isUniqueViolation } from '../shared/db-errors.js';
import type { EventDetail, EventSummary } from '../events/events.schema.js';
import type { EventsService } from '../events/events.service.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { Clock } from '../shared/clock.js';
import { scrubAfterErasure, type ScrubErased } from '../shared/erasure.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { checked, field, FormErrors, type RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import { registrationMail, type RegistrationMailKind } from './registrations.mails.js';
import { ANONYMISED_TABLES, type RegistrationRow, type RegistrationsRepository } from './registrations.repository.js';
import {
  availabilityOf,
  csvLine,
  defaultSettings,
  IDEMPOTENCY_KEY,
  LIMITS,
  LINK_RESEND_MS,
  parseRegistrationForm,
  parseSettingsForm,
  REMINDER_BEFORE_MS,
  type Availability,
  type ManagedRegistration,
  type Question,
  type Registrant,
  type RegistrantCounts,
  type RegistrationOutcome,
  type RegistrationSettings,
} from './registrations.schema.js';

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
  publicUrl: string;
  /** days after an event that its registrants' personal data is kept */
  retentionDays: number;
  /** removes erased rows from the database files once the erasing transaction has committed */
  scrub: ScrubErased;
  onQueued?: () => void;
}

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
 * Registration for public events. A seat is taken by one conditional UPDATE in the same
 * transaction that inserts the registration, its audit entry and its mail, so a 2xx
 * means all of it is committed, and an error means none of it is. Nothing here knows HTTP.
 */
export class RegistrationsService {
  private readonly seals: RegistrationSeals;

  constructor(private readonly d: RegistrationsDeps) {
    this.seals = new RegistrationSeals(d.box);
  }

  private now(): Date {
    return this.d.clock.now();
  }

  private open(row: RegistrationRow, what: 'email' | 'name' | 'token'): string {
    const sealed = what === 'email' ? row.email_sealed : what === 'name' ? row.name_sealed : row.manage_token_sealed;
    return sealed ? this.seals.open(row.event_id, what, sealed) : '';
  }

  private localeOf(row: RegistrationRow): Locale {
    return isLocale(row.locale) ? row.locale : 'en';
  }

  private async queueMail(
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
      publicUrl: this.d.publicUrl,
      retentionDays: this.d.retentionDays,
      ...(extra.token ? { token: extra.token } : {}),
      ...(extra.position !== undefined ? { position: extra.position } : {}),
      ...(extra.text !== undefined ? { text: extra.text } : {}),
    });
    // Every key starts reg:<id>: so the retention job can remove what is still queued for a registrant.
    await this.d.outbox.enqueue(tx, nowIso, 'mail', message, `reg:${row.id}:${extra.key ?? kind}`);
  }

  /** The event in the registrant's language, for a mail; undefined if the event is gone. */
  private eventFor(q: Db | Tx, eventId: number, locale: Locale): Promise<EventDetail | undefined> {
    return this.d.eventIn(q, eventId, locale);
  }

  // ---- visitors ------------------------------------------------------------------------

  /** What the public event page says about registering. */
  async availability(event: Pick<EventSummary, 'id' | 'startsAt' | 'status'>): Promise<Availability> {
    const settings = await this.d.repo.settings(this.d.repo.db, event.id);
    return availabilityOf(settings, event, this.now().toISOString());
  }

  /** The form for a public event whose registration is on (open or closed); otherwise not found. */
  async form(slug: string, locale: Locale): Promise<RegistrationForm> {
    const event = await this.d.events.detail(slug, locale);
    const settings = await this.d.repo.settings(this.d.repo.db, event.id);
    if (!settings?.enabled) throw notFound('registration');
    return {
      event,
      settings,
      availability: availabilityOf(settings, event, this.now().toISOString()),
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
    const emailHash = this.seals.emailHash(event.id, input.normalisedEmail);
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
    const now = this.now();
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
        const token = this.seals.newToken(event.id);
        await this.d.repo.replaceToken(tx, existing.id, token.hash, token.sealed, nowIso);
        await this.queueMail(tx, nowIso, existing, event, 'again', { token: token.token, key: `again:${nowIso}` });
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
    const token = this.seals.newToken(event.id);
    const row = {
      event_id: event.id,
      status: seat ? ('confirmed' as const) : ('waitlisted' as const),
      email_sealed: this.seals.seal(event.id, 'email', input.email),
      name_sealed: this.seals.seal(event.id, 'name', input.name),
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
      input.answers.map((a) => ({ questionId: a.questionId, sealed: this.seals.seal(event.id, `answer:${a.questionId}`, a.value) })),
    );
    const position = seat ? null : await this.d.repo.waitlistPosition(tx, event.id, id);
    await this.queueMail(tx, nowIso, { ...row, id }, event, seat ? 'confirmed' : 'waitlisted', { token: token.token, ...(position ? { position } : {}) });
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
    const event = await this.eventFor(this.d.repo.db, row.event_id, locale);
    if (!event) throw notFound('registration');
    const position = row.status === 'waitlisted' ? await this.d.repo.waitlistPosition(this.d.repo.db, row.event_id, row.id) : null;
    return {
      id: row.id,
      status: row.status,
      position,
      name: this.open(row, 'name'),
      eventSlug: event.slug,
      eventTitle: event.title,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timeZone: event.timeZone,
      cancellable: row.status !== 'cancelled' && this.now().toISOString() < event.startsAt,
      locale: this.localeOf(row),
    };
  }

  /** Cancels through the private link; the seat goes to the first on the waiting list. Cancelling twice is harmless. */
  async cancel(token: string, locale: Locale): Promise<ManagedRegistration> {
    const row = await this.byToken(token);
    const event = await this.eventFor(this.d.repo.db, row.event_id, this.localeOf(row));
    if (!event) throw notFound('registration');
    const nowIso = this.now().toISOString();
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
        await this.queueMail(tx, nowIso, row, event, 'cancelled');
        queued = true;
        if (row.status === 'confirmed') {
          await this.d.repo.releaseSeat(tx, row.event_id);
          await this.promote(tx, row.event_id, nowIso);
        }
      });
      if (queued) this.d.onQueued?.();
    }
    return this.manage(token, locale);
  }

  /**
   * Gives free seats to the waiting list in order, one conditional UPDATE per seat; each
   * promoted person gets a mail with the event attached. Returns how many moved up.
   */
  private async promote(tx: Tx, eventId: number, nowIso: string): Promise<number> {
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

  // ---- organisers ----------------------------------------------------------------------

  /** The settings of an event (defaults if never saved). */
  async settings(p: Principal, eventId: number): Promise<RegistrationSettings> {
    requirePermission(p, 'event.edit');
    await this.requireEvent(eventId);
    return (await this.d.repo.settings(this.d.repo.db, eventId)) ?? defaultSettings();
  }

  private async requireEvent(eventId: number): Promise<{ timeZone: string; startsAt: string }> {
    const event = await this.d.eventIn(this.d.repo.db, eventId, 'en');
    if (!event) throw notFound('event');
    return event;
  }

  /** Saves the settings; more seats (or none limit) promote from the waiting list at once. */
  async saveSettings(p: Principal, eventId: number, raw: RawForm): Promise<void> {
    requirePermission(p, 'event.edit');
    const { timeZone, startsAt } = await this.requireEvent(eventId);
    const input = parseSettingsForm(raw, timeZone);
    if (input.deadline && input.deadline > startsAt) throw invalid('deadline after start', { deadline: 'registration.deadline-after-start' });
    const nowIso = this.now().toISOString();
    let promoted = 0;
    await this.d.repo.transaction(async (tx) => {
      const ids = new Set(await this.d.repo.questionIds(tx, eventId));
      if (input.questions.some((q) => q.id !== null && !ids.has(q.id))) throw invalid('unknown question', { form: 'registration.form-stale' });
      await this.d.repo.saveSettings(tx, eventId, input, nowIso);
      if (input.enabled) promoted = await this.promote(tx, eventId, nowIso);
      await this.d.audit.record(tx, nowIso, {
        actorId: p.userId,
        action: 'registration.settings-changed',
        objectType: 'event',
        objectId: eventId,
        details: { enabled: input.enabled, capacity: input.capacity, questions: input.questions.length, promoted },
      });
    });
    if (promoted) this.d.onQueued?.();
  }

  /** The registrants of an event with their answers, oldest first; reading them is audited. */
  async registrants(p: Principal, eventId: number): Promise<{ counts: RegistrantCounts; registrants: Registrant[]; questions: Question[] }> {
    requirePermission(p, 'registrations.read');
    const result = await this.loadRegistrants(eventId);
    await this.d.audit.record(this.d.repo.db, this.now().toISOString(), {
      actorId: p.userId,
      action: 'registrations.read',
      objectType: 'event',
      objectId: eventId,
      details: { rows: result.registrants.length },
    });
    return result;
  }

  private async loadRegistrants(eventId: number): Promise<{ counts: RegistrantCounts; registrants: Registrant[]; questions: Question[] }> {
    await this.requireEvent(eventId);
    const db = this.d.repo.db;
    const rows = await this.d.repo.byEvent(db, eventId, ['confirmed', 'waitlisted', 'cancelled']);
    const answers = await this.d.repo.answersOf(db, eventId);
    const byReg = new Map<number, Record<number, string>>();
    for (const a of answers) {
      const m = byReg.get(a.registrationId) ?? {};
      m[a.questionId] = this.seals.open(eventId, `answer:${a.questionId}`, a.sealed);
      byReg.set(a.registrationId, m);
    }
    const registrants = rows.map((r) => ({
      id: r.id,
      status: r.status,
      name: this.open(r, 'name'),
      email: this.open(r, 'email'),
      createdAt: r.created_at,
      answers: byReg.get(r.id) ?? {},
    }));
    return { counts: await this.d.repo.counts(db, eventId), registrants, questions: await this.d.repo.questions(db, eventId) };
  }

  /** Counts only (no personal data), for the workspace's event page. */
  async counts(p: Principal, eventId: number): Promise<RegistrantCounts> {
    requirePermission(p, 'event.read-drafts');
    return this.d.repo.counts(this.d.repo.db, eventId);
  }

  /**
   * The registrants as CSV (status, name, address, time, answers). Needs the second factor
   * again within the last minutes, and is audited; cells that a spreadsheet would run as a
   * formula are neutralised.
   */
  async exportCsv(p: Principal, eventId: number): Promise<{ csv: string; rows: number }> {
    requirePermission(p, 'registrations.read');
    if (!p.reauthAt || this.now().getTime() - new Date(p.reauthAt).getTime() > REAUTH_MS) throw new DomainError('forbidden', 'reauthentication needed');
    const { registrants, questions } = await this.loadRegistrants(eventId);
    let csv = csvLine(['status', 'name', 'email', 'registered_at', ...questions.map((q) => q.texts.en.label)]);
    for (const r of registrants) csv += csvLine([r.status, r.name, r.email, r.createdAt, ...questions.map((q) => r.answers[q.id] ?? '')]);
    const nowIso = this.now().toISOString();
    await this.d.audit.record(this.d.repo.db, nowIso, {
      actorId: p.userId,
      action: 'export.registrants',
      objectType: 'event',
      objectId: eventId,
      details: { rows: registrants.length },
    });
    return { csv, rows: registrants.length };
  }

  /**
   * Mails the organisers' text to every confirmed and waiting registrant, one message each.
   * The form must be ticked as checked, and carries an idempotency key: sent twice, it
   * queues nothing the second time and answers how many went out the first time.
   */
  async message(p: Principal, eventId: number, raw: RawForm): Promise<number> {
    requirePermission(p, 'registrations.message');
    await this.requireEvent(eventId);
    const errors = new FormErrors();
    const texts = {
      en: errors.text('message_en', field(raw, 'message_en'), { max: LIMITS.message, required: 'registration.message-required' }),
      sv: errors.text('message_sv', field(raw, 'message_sv'), { max: LIMITS.message }),
    };
    if (!checked(raw, 'confirm')) errors.add('confirm', 'rega.message.confirm-required');
    const key = field(raw, 'idem');
    if (!IDEMPOTENCY_KEY.test(key)) errors.add('form', 'registration.form-stale');
    errors.throwIfAny('message');
    const nowIso = this.now().toISOString();
    let sent = 0;
    let fresh = false;
    await this.d.repo.transaction(async (tx) => {
      const already = await this.d.repo.countQueued(tx, `reg:%:message:${key}`);
      if (already) {
        sent = already;
        return;
      }
      for (const row of await this.d.repo.byEvent(tx, eventId, ['confirmed', 'waitlisted'])) {
        const locale = this.localeOf(row);
        const event = await this.eventFor(tx, eventId, locale);
        if (!event) continue;
        const text = locale === 'sv' && texts.sv ? texts.sv : texts.en;
        await this.queueMail(tx, nowIso, row, event, 'message', { text, token: this.open(row, 'token'), key: `message:${key}` });
        sent++;
      }
      fresh = true;
      await this.d.audit.record(tx, nowIso, {
        actorId: p.userId,
        action: 'registrations.messaged',
        objectType: 'event',
        objectId: eventId,
        details: { mails: sent },
      });
    });
    if (fresh && sent) this.d.onQueued?.();
    return sent;
  }

  // ---- for the events workspace --------------------------------------------------------

  /** Confirmed and waiting registrants, for a change notice (RegistrantSource of admin-events). */
  async forEvent(tx: Tx, eventId: number): Promise<{ id: number; email: string; locale: Locale }[]> {
    const rows = await this.d.repo.byEvent(tx, eventId, ['confirmed', 'waitlisted']);
    return rows.map((r) => ({ id: r.id, email: this.open(r, 'email'), locale: this.localeOf(r) }));
  }

  /** Queues the event-cancelled mail to every registrant, in the cancellation's transaction. */
  async eventCancelled(tx: Tx, eventId: number, nowIso: string): Promise<number> {
    let queued = 0;
    for (const row of await this.d.repo.byEvent(tx, eventId, ['confirmed', 'waitlisted'])) {
      const event = await this.eventFor(tx, eventId, this.localeOf(row));
      if (!event) continue;
      await this.queueMail(tx, nowIso, row, event, 'event-cancelled', { key: `event-cancelled:${nowIso}` });
      queued++;
    }
    return queued;
  }

  // ---- jobs ----------------------------------------------------------------------------

  /**
   * Queues the reminder for confirmed registrants of events that start within a day; each
   * gets one. Whoever registered within that last day has just had the confirmation and
   * gets no reminder.
   */
  async sendReminders(): Promise<number> {
    const now = this.now();
    const nowIso = now.toISOString();
    const due = await this.d.repo.dueReminders(nowIso, new Date(now.getTime() + REMINDER_BEFORE_MS).toISOString(), 1000);
    let queued = 0;
    for (const { id, eventId, createdAt, startsAt } of due) {
      const late = new Date(startsAt).getTime() - new Date(createdAt).getTime() < REMINDER_BEFORE_MS;
      await this.d.repo.transaction(async (tx) => {
        // Marked either way, so a late registrant is not looked at again every run.
        const row = await this.d.repo.markReminded(tx, id, nowIso);
        if (!row || late) return;
        const event = await this.eventFor(tx, eventId, this.localeOf(row));
        if (!event) return;
        await this.queueMail(tx, nowIso, row, event, 'reminder', { token: this.open(row, 'token') });
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
    const now = this.now();
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
