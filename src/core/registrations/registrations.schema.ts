import type { RegistrationStatus } from '../../db/schema.js';
import type { Locale } from '../../i18n/index.js';
import { isEmail, normaliseEmail } from '../accounts/accounts.schema.js';
import { checked, field, FormErrors, type RawForm } from '../shared/form-input.js';
import { localDateTime } from '../events/admin-events.schema.js';

export type { RegistrationStatus };

export const LIMITS = { name: 100, answer: 1000, label: 200, purpose: 300, message: 5000, questions: 5, capacity: 100_000, retentionDays: 3650 };

/** Personal data of registrants is deleted this many days after their event ends, unless configured otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;
/** A second registration with the same address mails the manage link again at most this often. */
export const LINK_RESEND_MS = 3_600_000;
/** Reminders go out this long before the start. */
export const REMINDER_BEFORE_MS = 24 * 3_600_000;

/** The idempotency key a registration form carries: random, made when the form is shown. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export interface QuestionTexts {
  label: string;
  purpose: string;
}

export interface Question {
  id: number;
  position: number;
  required: boolean;
  retentionDays: number;
  texts: { en: QuestionTexts; sv?: QuestionTexts };
}

export interface RegistrationSettings {
  enabled: boolean;
  /** null: no limit */
  capacity: number | null;
  taken: number;
  waitlist: boolean;
  /** ISO UTC; null: open until the event starts */
  deadline: string | null;
  aliasAllowed: boolean;
  questions: Question[];
}

export const defaultSettings = (): RegistrationSettings => ({
  enabled: false,
  capacity: null,
  taken: 0,
  waitlist: true,
  deadline: null,
  aliasAllowed: true,
  questions: [],
});

/** What the public event page says about registering. */
export type Availability = { state: 'none' } | { state: 'closed' } | { state: 'open'; seatsLeft: number | null } | { state: 'waitlist' } | { state: 'full' };

export function availabilityOf(s: RegistrationSettings | undefined, event: { startsAt: string; status: string }, nowIso: string): Availability {
  if (!s?.enabled) return { state: 'none' };
  if (event.status !== 'published' || nowIso >= (s.deadline && s.deadline < event.startsAt ? s.deadline : event.startsAt)) return { state: 'closed' };
  if (s.capacity === null) return { state: 'open', seatsLeft: null };
  const left = Math.max(0, s.capacity - s.taken);
  if (left > 0) return { state: 'open', seatsLeft: left };
  return s.waitlist ? { state: 'waitlist' } : { state: 'full' };
}

export interface RegistrationInput {
  email: string;
  /** the address as the hash sees it: trimmed, lower case */
  normalisedEmail: string;
  name: string;
  idempotencyKey: string;
  answers: { questionId: number; value: string }[];
}

/** Reads the public registration form: an address, a name or alias, the answers; nothing else. */
export function parseRegistrationForm(raw: RawForm, questions: Question[]): RegistrationInput {
  const errors = new FormErrors();
  const email = errors.text('email', field(raw, 'email'), { max: 254, required: 'registration.email-required' });
  if (email && !errors.has('email') && !isEmail(email)) errors.add('email', 'registration.email-invalid');
  const name = errors.text('name', field(raw, 'name'), { max: LIMITS.name, required: 'registration.name-required' });
  const idempotencyKey = field(raw, 'idem');
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) errors.add('form', 'registration.form-stale');
  const answers: RegistrationInput['answers'] = [];
  for (const q of questions) {
    const name = `q${q.id}`;
    const value = errors.text(name, field(raw, name), { max: LIMITS.answer, ...(q.required ? { required: 'registration.answer-required' } : {}) });
    if (value) answers.push({ questionId: q.id, value });
  }
  errors.throwIfAny('registration');
  return { email, normalisedEmail: normaliseEmail(email), name, idempotencyKey, answers };
}

export interface SettingsInput {
  enabled: boolean;
  capacity: number | null;
  waitlist: boolean;
  deadline: string | null;
  aliasAllowed: boolean;
  /** questions in order; an id keeps the existing question (and its answers) */
  questions: { id: number | null; required: boolean; retentionDays: number; texts: { en: QuestionTexts; sv?: QuestionTexts } }[];
}

/**
 * Reads the organiser's registration settings. Question rows are q{n}_label_en, q{n}_purpose_en,
 * q{n}_label_sv, q{n}_purpose_sv, q{n}_retention, q{n}_required and q{n}_id (n = 0..4); a row
 * with an empty English label is left out (or removed). A question needs its purpose.
 */
export function parseSettingsForm(raw: RawForm, timeZone: string): SettingsInput {
  const errors = new FormErrors();
  const capacityText = field(raw, 'capacity');
  let capacity: number | null = null;
  if (capacityText) {
    if (!/^\d{1,6}$/.test(capacityText) || Number(capacityText) > LIMITS.capacity) errors.add('capacity', 'registration.capacity-invalid');
    else capacity = Number(capacityText);
  }
  const deadlineText = field(raw, 'deadline');
  const deadline = deadlineText ? localDateTime(errors, 'deadline', deadlineText, timeZone) : null;
  const questions: SettingsInput['questions'] = [];
  for (let n = 0; n < LIMITS.questions; n++) {
    const p = `q${n}_`;
    const en = {
      label: errors.text(`${p}label_en`, field(raw, `${p}label_en`), { max: LIMITS.label }),
      purpose: errors.text(`${p}purpose_en`, field(raw, `${p}purpose_en`), { max: LIMITS.purpose }),
    };
    const sv = {
      label: errors.text(`${p}label_sv`, field(raw, `${p}label_sv`), { max: LIMITS.label }),
      purpose: errors.text(`${p}purpose_sv`, field(raw, `${p}purpose_sv`), { max: LIMITS.purpose }),
    };
    if (!en.label) {
      if (en.purpose || sv.label || sv.purpose) errors.add(`${p}label_en`, 'registration.question-label-required');
      continue;
    }
    if (!en.purpose) errors.add(`${p}purpose_en`, 'registration.question-purpose-required');
    if (Boolean(sv.label) !== Boolean(sv.purpose)) errors.add(sv.label ? `${p}purpose_sv` : `${p}label_sv`, 'registration.question-sv-incomplete');
    const retentionText = field(raw, `${p}retention`) || '0';
    let retentionDays = 0;
    if (!/^\d{1,4}$/.test(retentionText) || Number(retentionText) > LIMITS.retentionDays) errors.add(`${p}retention`, 'registration.retention-invalid');
    else retentionDays = Number(retentionText);
    const idText = field(raw, `${p}id`);
    const id = errors.optionalId(`${p}id`, idText);
    questions.push({ id, required: checked(raw, `${p}required`), retentionDays, texts: { en, ...(sv.label ? { sv } : {}) } });
  }
  errors.throwIfAny('registration settings');
  return {
    enabled: checked(raw, 'enabled'),
    capacity,
    waitlist: checked(raw, 'waitlist'),
    deadline,
    aliasAllowed: checked(raw, 'alias_allowed'),
    questions,
  };
}

/** The answer a visitor sees after registering (or sending the form again). */
export interface RegistrationOutcome {
  status: Exclude<RegistrationStatus, 'cancelled'>;
  /** place on the waiting list, 1 = next */
  position: number | null;
}

/** A registration as its owner sees it through the private link. */
export interface ManagedRegistration {
  id: number;
  status: RegistrationStatus;
  position: number | null;
  name: string;
  eventSlug: string;
  eventTitle: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** cancelling is possible until the event starts */
  cancellable: boolean;
  locale: Locale;
}

/** One registrant as organisers see them. */
export interface Registrant {
  id: number;
  status: RegistrationStatus;
  name: string;
  email: string;
  createdAt: string;
  answers: Record<number, string>;
}

export interface RegistrantCounts {
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  /** registrations whose personal data the retention job has deleted */
  anonymised: number;
}

/**
 * A CSV cell: quoted, with a leading = + - @ (or tab or carriage return) neutralised by a
 * quote character, so a spreadsheet shows it as text and never runs it as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export const csvLine = (cells: string[]): string => `${cells.map(csvCell).join(',')}\r\n`;
