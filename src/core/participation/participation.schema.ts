import type { Locale } from '../../i18n/index.js';
import { checkPassword } from '../../security/passwords.js';
import { isEmail } from '../accounts/accounts.schema.js';
import { isCountryCode, checked, field, FormErrors, isOneOf, type RawForm } from '../shared/form-input.js';
import type { ApplicationStatus, CallStatus, InvitationStatus, ParticipantRole, PhotoConsent } from '../../db/schema.js';

export type { ApplicationStatus, CallStatus, InvitationStatus, ParticipantRole, PhotoConsent };

export const participantRoles = ['defender', 'stakeholder', 'trainer', 'panellist'] as const satisfies readonly ParticipantRole[];
export const photoConsents = ['always', 'ask', 'never'] as const satisfies readonly PhotoConsent[];
export const callStatuses = ['draft', 'open', 'closed'] as const satisfies readonly CallStatus[];
export const decisions = ['accept', 'decline', 'waitlist'] as const;
export type Decision = (typeof decisions)[number];

export const isParticipantRole = isOneOf(participantRoles);
export const isPhotoConsent = isOneOf(photoConsents);
export const isCallStatus = isOneOf(callStatuses);
export const isDecision = isOneOf(decisions);

/** How long an invitation link works unless staff choose otherwise, and the longest they may choose. */
export const INVITATION_DAYS = 30;
export const INVITATION_MAX_DAYS = 120;
/** A participant's portal session ends after an hour without use or after 12 hours. */
export const PORTAL_IDLE_MS = 60 * 60_000;
export const PORTAL_ABSOLUTE_MS = 12 * 3_600_000;
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;
/**
 * Receipts for applications to an open call: at most one an hour to the same address for the
 * same call, and at most RECEIPTS_PER_CALL_HOUR an hour for a call as a whole (a stranger
 * typing many addresses). Past either limit the application is stored, only no receipt is mailed.
 */
export const RECEIPT_INTERVAL_MS = 3_600_000;
/**
 * The second secret an invitation may need: 8 characters of an unambiguous alphabet (40 bits),
 * shown to staff once. After INVITATION_CODE_TRIES wrong codes the invitation is frozen.
 */
export const INVITATION_CODE_LENGTH = 8;
export const INVITATION_CODE_TRIES = 5;
/** Random characters added to the word an invitee picks, so the sign-in name is never one that exists. */
export const SIGN_IN_SUFFIX_LENGTH = 4;
/** The longest word an invitee may pick: with the dash and the suffix it fits LIMITS.signIn. */
export const SIGN_IN_WORD_MAX = 64 - SIGN_IN_SUFFIX_LENGTH - 1;
export const RECEIPTS_PER_CALL_HOUR = 30;

/** The data key scope of an edition's participants. */
export const editionScope = (editionId: number) => `edition:${editionId}`;
/** Every outbox key for an edition's participants and applicants starts so, for the deletion job. */
export const mailKeyPrefix = (editionId: number) => `part:${editionId}:`;

// ---- what a participant tells us ------------------------------------------------------

/** Names as in the passport and the rest of the legal identity: asked only for travel support or a visa letter. */
export interface Identity {
  givenNames: string;
  familyNames: string;
  /** ISO 3166-1 alpha-2 */
  nationality: string;
  passportNumber: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
}
export interface Contact {
  /** where the organisers can write; optional */
  email: string;
  /** a name and a way to reach them */
  emergency: string;
}
export interface Travel {
  /** the city travelled from */
  from: string;
  /** YYYY-MM-DD, or '' */
  arrival: string;
  departure: string;
  /** the embassy or consulate that issues the visa, or other visa notes */
  visa: string;
}
export interface Needs {
  accommodation: string;
  access: string;
  dietary: string;
  interpretation: string;
}
export interface Profile {
  displayName: string;
  photoConsent: PhotoConsent;
  travelSupport: boolean;
  visaLetter: boolean;
  joinCommunity: boolean;
  identity: Identity | null;
  contact: Contact;
  travel: Travel;
  needs: Needs;
}

export const emptyProfile = (displayName: string): Profile => ({
  displayName,
  photoConsent: 'ask',
  travelSupport: false,
  visaLetter: false,
  joinCommunity: false,
  identity: null,
  contact: { email: '', emergency: '' },
  travel: { from: '', arrival: '', departure: '', visa: '' },
  needs: { accommodation: '', access: '', dietary: '', interpretation: '' },
});

export const LIMITS = { displayName: 60, signIn: 64, short: 100, long: 1000, label: 200 } as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function dateField(errors: FormErrors, raw: RawForm, name: string, required: boolean): string {
  const v = field(raw, name);
  if (!v) {
    if (required) errors.add(name, 'participation.required');
    return '';
  }
  if (!isDate(v)) errors.add(name, 'participation.date-invalid');
  return v;
}

/** The portal form. Identity is read only when travel support or a visa letter is asked for; otherwise it is dropped. */
export function parseProfileForm(raw: RawForm): Profile {
  const e = new FormErrors();
  const text = (name: string, max: number, required = false) =>
    e.text(name, field(raw, name), { max, ...(required ? { required: 'participation.required' } : {}) });
  const displayName = text('display_name', LIMITS.displayName, true);
  const consent = field(raw, 'photo_consent');
  if (!isPhotoConsent(consent)) e.add('photo_consent', 'form.choice-invalid');
  const travelSupport = checked(raw, 'travel_support');
  const visaLetter = checked(raw, 'visa_letter');
  let identity: Identity | null = null;
  if (travelSupport || visaLetter) {
    const nationality = field(raw, 'nationality').toUpperCase();
    if (nationality && !isCountryCode(nationality)) e.add('nationality', 'form.choice-invalid');
    else if (!nationality && visaLetter) e.add('nationality', 'participation.required');
    identity = {
      givenNames: text('given_names', LIMITS.short, true),
      familyNames: text('family_names', LIMITS.short, true),
      nationality,
      passportNumber: e.text('passport_number', field(raw, 'passport_number'), { max: 40, ...(visaLetter ? { required: 'participation.required' } : {}) }),
      dateOfBirth: dateField(e, raw, 'date_of_birth', visaLetter),
    };
  }
  const email = text('email', 254);
  if (email && !isEmail(email)) e.add('email', 'participation.email-invalid');
  const profile: Profile = {
    displayName,
    photoConsent: isPhotoConsent(consent) ? consent : 'ask',
    travelSupport,
    visaLetter,
    joinCommunity: checked(raw, 'join_community'),
    identity,
    contact: { email, emergency: text('emergency', LIMITS.long) },
    travel: {
      from: text('travel_from', LIMITS.short),
      arrival: dateField(e, raw, 'arrival', false),
      departure: dateField(e, raw, 'departure', false),
      visa: text('visa_notes', LIMITS.long),
    },
    needs: {
      accommodation: text('accommodation', LIMITS.long),
      access: text('access', LIMITS.long),
      dietary: text('dietary', LIMITS.long),
      interpretation: text('interpretation', LIMITS.long),
    },
  };
  if (profile.travel.arrival && profile.travel.departure && profile.travel.departure < profile.travel.arrival && !e.has('departure')) {
    e.add('departure', 'participation.departure-before-arrival');
  }
  e.throwIfAny('profile');
  return profile;
}

/** Sign-in names are compared without case and outer spaces. */
export const normaliseSignIn = (name: string): string => name.normalize('NFC').trim().toLowerCase();

export interface AcceptInput {
  signIn: string;
  passphrase: string;
  displayName: string;
}

/**
 * Accepting an invitation: a word that begins the sign-in name (the service adds random
 * characters), a passphrase (twice) and the name to show (a pseudonym is fine).
 */
export function parseAcceptForm(raw: RawForm): AcceptInput {
  const e = new FormErrors();
  const signIn = e.text('sign_in', field(raw, 'sign_in'), { max: SIGN_IN_WORD_MAX, required: 'participation.required' });
  if (signIn && [...signIn].length < 3) e.add('sign_in', 'participation.sign-in-short');
  const displayName = e.text('display_name', field(raw, 'display_name'), { max: LIMITS.displayName, required: 'participation.required' });
  // A passphrase is taken as typed: no trimming.
  const passphrase = typeof raw.passphrase === 'string' ? raw.passphrase : '';
  const again = typeof raw.passphrase_again === 'string' ? raw.passphrase_again : '';
  const problem = checkPassword(passphrase, [signIn, displayName]);
  if (problem) e.add('passphrase', problem);
  else if (passphrase !== again) e.add('passphrase_again', 'participation.passphrase-mismatch');
  e.throwIfAny('accept');
  return { signIn, passphrase, displayName };
}

export interface InvitationInput {
  role: ParticipantRole;
  /** staff's note on whom it is for; sealed */
  label: string;
  /** mail it here; '' to show the link once instead */
  email: string;
  days: number;
  locale: Locale;
  /** a second secret is asked for on acceptance, shown to staff once */
  requireCode: boolean;
}

export function parseInvitationForm(raw: RawForm, isLocale: (v: string) => v is Locale): InvitationInput {
  const e = new FormErrors();
  const role = field(raw, 'role');
  if (!isParticipantRole(role)) e.add('role', 'form.choice-invalid');
  const label = e.text('label', field(raw, 'label'), { max: LIMITS.label, required: 'participation.required' });
  const email = e.text('email', field(raw, 'email'), { max: 254 });
  if (email && !isEmail(email)) e.add('email', 'participation.email-invalid');
  const daysText = field(raw, 'days') || String(INVITATION_DAYS);
  const days = Number(daysText);
  if (!/^\d{1,3}$/.test(daysText) || days < 1 || days > INVITATION_MAX_DAYS) e.add('days', 'participation.days-invalid');
  const locale = field(raw, 'locale') || 'en';
  if (!isLocale(locale)) e.add('locale', 'form.choice-invalid');
  e.throwIfAny('invitation');
  return { role: role as ParticipantRole, label, email, days, locale: locale as Locale, requireCode: checked(raw, 'require_code') };
}

// ---- open calls and applications ------------------------------------------------------

export interface CallTexts {
  title: string;
  body: string;
}
export interface CallInput {
  role: ParticipantRole;
  status: CallStatus;
  /** ISO instant */
  deadline: string;
  texts: Partial<Record<Locale, CallTexts>>;
}

export function parseCallForm(raw: RawForm, locales: readonly Locale[]): CallInput {
  const e = new FormErrors();
  const role = field(raw, 'role');
  if (!isParticipantRole(role)) e.add('role', 'form.choice-invalid');
  const status = field(raw, 'status') || 'draft';
  if (!isCallStatus(status)) e.add('status', 'form.choice-invalid');
  const deadlineText = field(raw, 'deadline');
  let deadline = '';
  if (!deadlineText) e.add('deadline', 'participation.required');
  else if (!isDate(deadlineText)) e.add('deadline', 'participation.date-invalid');
  // The deadline is the end of that day, UTC (twelve hours' grace either side of the world).
  else deadline = new Date(`${deadlineText}T23:59:59Z`).toISOString();
  const texts: Partial<Record<Locale, CallTexts>> = {};
  for (const l of locales) {
    const title = e.text(`title_${l}`, field(raw, `title_${l}`), { max: 200, ...(l === 'en' ? { required: 'participation.required' } : {}) });
    const body = e.text(`body_${l}`, field(raw, `body_${l}`), { max: 5000 });
    if (title || body) texts[l] = { title, body };
  }
  e.throwIfAny('call');
  return { role: role as ParticipantRole, status: status as CallStatus, deadline, texts };
}

export interface ApplicationAnswers {
  /** a name or an alias */
  name: string;
  email: string;
  /** ISO 3166-1 alpha-2, or '' */
  country: string;
  organisation: string;
  motivation: string;
}

export function parseApplicationForm(raw: RawForm): { answers: ApplicationAnswers; idempotencyKey: string } {
  const e = new FormErrors();
  const name = e.text('name', field(raw, 'name'), { max: LIMITS.short, required: 'participation.required' });
  const email = e.text('email', field(raw, 'email'), { max: 254, required: 'participation.required' });
  if (email && !isEmail(email)) e.add('email', 'participation.email-invalid');
  const country = field(raw, 'country').toUpperCase();
  if (country && !isCountryCode(country)) e.add('country', 'form.choice-invalid');
  const organisation = e.text('organisation', field(raw, 'organisation'), { max: LIMITS.short });
  const motivation = e.text('motivation', field(raw, 'motivation'), { max: 3000, required: 'participation.required' });
  const idempotencyKey = field(raw, 'idempotency_key');
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) e.add('form', 'participation.form-expired');
  e.throwIfAny('application');
  return { answers: { name, email, country, organisation, motivation }, idempotencyKey };
}

export function parseReviewForm(raw: RawForm): { score: number; comment: string } {
  const e = new FormErrors();
  const scoreText = field(raw, 'score');
  const score = Number(scoreText);
  if (!/^[1-5]$/.test(scoreText)) e.add('score', 'participation.score-invalid');
  const comment = e.text('comment', field(raw, 'comment'), { max: 2000 });
  e.throwIfAny('review');
  return { score, comment };
}

// ---- what the pages get -----------------------------------------------------------------

export interface InvitationSummary {
  id: number;
  role: ParticipantRole;
  status: InvitationStatus | 'expired';
  label: string;
  mailed: boolean;
  fromApplication: boolean;
  expiresAt: string;
  createdAt: string;
  acceptedAt: string | null;
  /** accepting needs the second secret */
  withCode: boolean;
}

/** What the invitee sees before accepting: the edition and the role, nothing about anyone else. */
export interface InvitationOffer {
  editionYear: number;
  role: ParticipantRole;
  expiresAt: string;
  /** the form asks for the code staff passed on by another channel */
  needsCode: boolean;
}

export interface CallSummary {
  id: number;
  editionId: number;
  editionYear: number;
  role: ParticipantRole;
  status: CallStatus;
  deadline: string;
  title: string;
  body: string;
  lang: Locale;
  /** open and before its deadline */
  accepting: boolean;
  applications?: number;
}

export interface ApplicationView {
  id: number;
  callId: number;
  status: ApplicationStatus;
  answers: ApplicationAnswers;
  createdAt: string;
  decidedAt: string | null;
  reviews: { reviewerId: number; reviewerName: string; score: number; comment: string }[];
  meanScore: number | null;
  invitationId: number | null;
}

/** The signed-in participant, as the portal routes see them. */
export interface PortalParticipant {
  id: number;
  editionId: number;
  editionYear: number;
  role: ParticipantRole;
  locale: Locale;
}

export interface PickOutcome {
  sessionId: number;
  picked: boolean;
}

/** A row of the logistics list (permission participant.read-identity). */
export interface ParticipantRow {
  id: number;
  role: ParticipantRole;
  displayName: string;
  photoConsent: PhotoConsent;
  travelSupport: boolean;
  visaLetter: boolean;
  joinCommunity: boolean;
  /** the needs, in one line each, empty ones left out */
  needs: Needs;
  picks: number;
  createdAt: string;
}

export interface ParticipantDetail extends ParticipantRow {
  profile: Profile;
  notes: string;
  locale: Locale;
}

/** What stays of an edition after its participants' data is destroyed. */
export interface ParticipationTotals {
  role: string;
  participants: number;
  applications: number;
  picks: number;
  purgedAt: string;
}
