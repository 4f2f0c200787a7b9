import type { Tx } from '../../db/database.js';
import { type Locale } from '../../i18n/index.js';
import type { RegistrationsContext, RegistrationsDeps } from './registrations.context.js';
import { REAUTH_MS, type Principal } from '../accounts/accounts.schema.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { checked, field, FormErrors, type RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import {
  csvLine,
  defaultSettings,
  IDEMPOTENCY_KEY,
  LIMITS,
  parseSettingsForm,
  type Question,
  type Registrant,
  type RegistrantCounts,
  type RegistrationSettings,
} from './registrations.schema.js';

/** Registration for organisers: settings, the registrants (read and export audited), messages, and what the events workspace needs. */
export class RegistrationsAdminService {
  constructor(private readonly c: RegistrationsContext) {}

  private get d(): RegistrationsDeps {
    return this.c.d;
  }

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
    const nowIso = this.c.now().toISOString();
    let promoted = 0;
    await this.d.repo.transaction(async (tx) => {
      const ids = new Set(await this.d.repo.questionIds(tx, eventId));
      if (input.questions.some((q) => q.id !== null && !ids.has(q.id))) throw invalid('unknown question', { form: 'registration.form-stale' });
      await this.d.repo.saveSettings(tx, eventId, input, nowIso);
      if (input.enabled) promoted = await this.c.promote(tx, eventId, nowIso);
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
    await this.d.audit.record(this.d.repo.db, this.c.now().toISOString(), {
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
      m[a.questionId] = this.c.seals.open(eventId, `answer:${a.questionId}`, a.sealed);
      byReg.set(a.registrationId, m);
    }
    const registrants = rows.map((r) => ({
      id: r.id,
      status: r.status,
      name: this.c.open(r, 'name'),
      email: this.c.open(r, 'email'),
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
    if (!p.reauthAt || this.c.now().getTime() - new Date(p.reauthAt).getTime() > REAUTH_MS) throw new DomainError('forbidden', 'reauthentication needed');
    const { registrants, questions } = await this.loadRegistrants(eventId);
    let csv = csvLine(['status', 'name', 'email', 'registered_at', ...questions.map((q) => q.texts.en.label)]);
    for (const r of registrants) csv += csvLine([r.status, r.name, r.email, r.createdAt, ...questions.map((q) => r.answers[q.id] ?? '')]);
    const nowIso = this.c.now().toISOString();
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
    const nowIso = this.c.now().toISOString();
    let sent = 0;
    let fresh = false;
    await this.d.repo.transaction(async (tx) => {
      const already = await this.d.repo.countQueued(tx, `reg:%:message:${key}`);
      if (already) {
        sent = already;
        return;
      }
      for (const row of await this.d.repo.byEvent(tx, eventId, ['confirmed', 'waitlisted'])) {
        const locale = this.c.localeOf(row);
        const event = await this.c.eventFor(tx, eventId, locale);
        if (!event) continue;
        const text = locale === 'sv' && texts.sv ? texts.sv : texts.en;
        await this.c.queueMail(tx, nowIso, row, event, 'message', { text, token: this.c.open(row, 'token'), key: `message:${key}` });
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
    return rows.map((r) => ({ id: r.id, email: this.c.open(r, 'email'), locale: this.c.localeOf(r) }));
  }

  /** Queues the event-cancelled mail to every registrant, in the cancellation's transaction. */
  async eventCancelled(tx: Tx, eventId: number, nowIso: string): Promise<number> {
    let queued = 0;
    for (const row of await this.d.repo.byEvent(tx, eventId, ['confirmed', 'waitlisted'])) {
      const event = await this.c.eventFor(tx, eventId, this.c.localeOf(row));
      if (!event) continue;
      await this.c.queueMail(tx, nowIso, row, event, 'event-cancelled', { key: `event-cancelled:${nowIso}` });
      queued++;
    }
    return queued;
  }
}
