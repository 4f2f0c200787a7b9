import { checked, field, FormErrors, type RawForm } from '../shared/form-input.js';
import { zonedTimeToUtc } from '../shared/zoned-time.js';
import {
  conferenceParts,
  isSessionLanguage,
  isSessionRole,
  isSessionType,
  parseTexts,
  type ConferencePartName,
  type SessionLanguage,
  type SessionRole,
  type SessionType,
} from './conference.schema.js';
import type { Conflict } from './conflicts.js';
import { localDateTime } from './programme-grid.js';

/**
 * The session form of the programme editor: what it accepts, and what the editor's pages
 * read. Field names are the form's input names and ids, so an error lands next to its input.
 * Times are typed as a local day and clock times in the edition's time zone and stored as UTC.
 */

export const SESSION_LIMITS = { title: 200, description: 5_000, capacity: 100_000, parts: 9 } as const;
export const EMPTY_PERSON_ROWS = 3;
export const MAX_PERSON_ROWS = 30;

export const personFields = (i: number) => ({ person: `person_${i}`, role: `role_${i}`, named: `public_${i}` });

export interface SessionTexts {
  title: string;
  description: string;
}

export interface SessionPersonInput {
  personId: number;
  role: SessionRole;
  namedPublicly: boolean;
}

/** A valid session form, times in UTC. */
export interface SessionInput {
  part: ConferencePartName;
  startsAt: string;
  endsAt: string;
  trackId: number | null;
  roomId: number | null;
  type: SessionType;
  language: SessionLanguage;
  capacity: number | null;
  visibility: 'public' | 'participants';
  partNumber: number | null;
  partCount: number | null;
  requiresSessionId: number | null;
  people: SessionPersonInput[];
  texts: { en: SessionTexts; sv: SessionTexts | null };
}

/** "Save anyway" on a form that listed soft conflicts, and the conflicts it listed. */
export interface Confirmation {
  saveAnyway: boolean;
  seen: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A whole number in a range, or null when empty. */
export function optionalCount(errors: FormErrors, name: string, value: string, min: number, max: number): number | null {
  if (!value) return null;
  if (!/^\d{1,7}$/.test(value) || Number(value) < min || Number(value) > max) {
    errors.add(name, 'cadmin.number-invalid');
    return null;
  }
  return Number(value);
}

/** A local day ('YYYY-MM-DD') that exists. */
export function isDay(value: string): boolean {
  if (!DAY.test(value) || value < '1900' || value > '2200') return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function instant(errors: FormErrors, day: string | null, name: string, value: string, timeZone: string): string | null {
  const time = /^\d{2}:\d{2}:00$/.test(value) ? value.slice(0, 5) : value;
  if (!time) {
    errors.add(name, 'cadmin.session.time-required');
    return null;
  }
  if (!TIME.test(time)) {
    errors.add(name, 'cadmin.session.time-invalid');
    return null;
  }
  if (!day) return null;
  try {
    return zonedTimeToUtc(`${day}T${time}`, timeZone).toISOString();
  } catch {
    errors.add(name, 'cadmin.session.time-invalid');
    return null;
  }
}

function people(errors: FormErrors, raw: RawForm): SessionPersonInput[] {
  const out: SessionPersonInput[] = [];
  for (let i = 0; i < MAX_PERSON_ROWS; i++) {
    const f = personFields(i);
    const person = field(raw, f.person);
    if (!person) continue;
    const personId = errors.optionalId(f.person, person);
    const role = field(raw, f.role);
    if (!isSessionRole(role)) {
      errors.add(f.role, 'cadmin.session.role-invalid');
      continue;
    }
    if (personId === null) continue;
    if (out.some((p) => p.personId === personId && p.role === role)) errors.add(f.person, 'cadmin.session.person-twice');
    else out.push({ personId, role, namedPublicly: checked(raw, f.named) });
  }
  return out;
}

function texts(errors: FormErrors, raw: RawForm, locale: 'en' | 'sv'): SessionTexts {
  return {
    title: errors.text(`title_${locale}`, field(raw, `title_${locale}`), {
      max: SESSION_LIMITS.title,
      ...(locale === 'en' ? { required: 'cadmin.session.title-required' } : {}),
    }),
    description: errors.text(`description_${locale}`, field(raw, `description_${locale}`), { max: SESSION_LIMITS.description }),
  };
}

/** Checks the session form; throws `invalid` with every field's message key, or returns the session. */
export function parseSessionForm(raw: RawForm, timeZone: string): SessionInput {
  const errors = new FormErrors();
  const part = field(raw, 'part');
  if (!(conferenceParts as readonly string[]).includes(part)) errors.add('part', 'form.choice-invalid');
  const dayText = field(raw, 'day');
  const day = isDay(dayText) ? dayText : null;
  if (!day) errors.add('day', dayText ? 'cadmin.session.day-invalid' : 'cadmin.session.day-required');
  const startsAt = instant(errors, day, 'starts_time', field(raw, 'starts_time'), timeZone);
  const endsAt = instant(errors, day, 'ends_time', field(raw, 'ends_time'), timeZone);
  const type = field(raw, 'type');
  if (!isSessionType(type)) errors.add('type', 'form.choice-invalid');
  const language = field(raw, 'language');
  if (!isSessionLanguage(language)) errors.add('language', 'form.choice-invalid');
  const visibility = field(raw, 'visibility');
  if (visibility !== 'public' && visibility !== 'participants') errors.add('visibility', 'form.choice-invalid');
  const partNumber = optionalCount(errors, 'part_number', field(raw, 'part_number'), 1, SESSION_LIMITS.parts);
  const partCount = optionalCount(errors, 'part_count', field(raw, 'part_count'), 2, SESSION_LIMITS.parts);
  if (!errors.has('part_number') && !errors.has('part_count') && (partNumber === null) !== (partCount === null))
    errors.add(partNumber === null ? 'part_number' : 'part_count', 'cadmin.session.parts-both');
  else if (partNumber !== null && partCount !== null && partNumber > partCount) errors.add('part_number', 'cadmin.session.part-over-count');

  const en = texts(errors, raw, 'en');
  const sv = texts(errors, raw, 'sv');
  const hasSv = Boolean(sv.title || sv.description);
  if (hasSv && !sv.title && !errors.has('title_sv')) errors.add('title_sv', 'cadmin.session.title-sv-required');

  const input: SessionInput = {
    part: part as ConferencePartName,
    startsAt: startsAt ?? '',
    endsAt: endsAt ?? '',
    trackId: errors.optionalId('track_id', field(raw, 'track_id')),
    roomId: errors.optionalId('room_id', field(raw, 'room_id')),
    type: type as SessionType,
    language: language as SessionLanguage,
    capacity: optionalCount(errors, 'capacity', field(raw, 'capacity'), 1, SESSION_LIMITS.capacity),
    visibility: visibility as SessionInput['visibility'],
    partNumber,
    partCount,
    requiresSessionId: errors.optionalId('requires_session_id', field(raw, 'requires_session_id')),
    people: people(errors, raw),
    texts: { en, sv: hasSv ? sv : null },
  };
  errors.throwIfAny('session form');
  return input;
}

export const confirmationOf = (raw: RawForm): Confirmation => ({ saveAnyway: checked(raw, 'save_anyway'), seen: field(raw, 'conflicts_seen').slice(0, 4_000) });

/** The names the session form sends, for showing what the user typed again. */
export function sessionFormValues(raw: RawForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === '_csrf' || k === 'save_anyway' || k === 'conflicts_seen') continue;
    if (typeof v === 'string' || Array.isArray(v)) out[k] = field(raw, k);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// What the programme editor reads

export interface AdminSessionPerson {
  personId: number;
  name: string;
  role: SessionRole;
  namedPublicly: boolean;
}

export interface AdminSession {
  id: number;
  editionId: number;
  part: ConferencePartName;
  startsAt: string;
  endsAt: string;
  trackId: number | null;
  roomId: number | null;
  type: string;
  language: string;
  capacity: number | null;
  visibility: 'public' | 'participants';
  partNumber: number | null;
  partCount: number | null;
  requiresSessionId: number | null;
  /** English title, for the editor's lists; the form has every language */
  title: string;
  texts: string;
  people: AdminSessionPerson[];
}

export interface ProgrammeRow extends Omit<AdminSession, 'people' | 'texts'> {
  trackName: string | null;
  roomName: string | null;
  people: number;
}

export interface SessionFormOptions {
  tracks: { id: number; name: string }[];
  rooms: { id: number; name: string; capacity: number | null }[];
  /** sessions this one may require: earlier ids of the same edition */
  sessions: { id: number; label: string }[];
  people: { id: number; name: string }[];
}

/** A conflict with what the page needs to say it in words. */
export interface ConflictView extends Conflict {
  other?: { id: number; title: string; startsAt: string; endsAt: string };
  personName?: string;
  roomName?: string;
  roomCapacity?: number | null;
}

export interface ConflictReport {
  conflicts: ConflictView[];
  /** the soft conflicts shown, for the "save anyway" confirmation */
  fingerprint: string;
}

const textsOf = (json: string, locale: 'en' | 'sv'): SessionTexts => {
  const t = parseTexts(json)?.[locale];
  const o = t && typeof t === 'object' ? (t as Record<string, unknown>) : {};
  return { title: typeof o.title === 'string' ? o.title : '', description: typeof o.description === 'string' ? o.description : '' };
};

/** The form's values of a saved session (times in the edition's time zone). */
export function valuesOfSession(s: AdminSession, timeZone: string): Record<string, string> {
  const start = localDateTime(s.startsAt, timeZone);
  const end = localDateTime(s.endsAt, timeZone);
  const en = textsOf(s.texts, 'en');
  const sv = textsOf(s.texts, 'sv');
  const out: Record<string, string> = {
    part: s.part,
    day: start.slice(0, 10),
    starts_time: start.slice(11),
    ends_time: end.slice(11),
    track_id: s.trackId === null ? '' : String(s.trackId),
    room_id: s.roomId === null ? '' : String(s.roomId),
    type: s.type,
    language: s.language,
    capacity: s.capacity === null ? '' : String(s.capacity),
    visibility: s.visibility,
    part_number: s.partNumber === null ? '' : String(s.partNumber),
    part_count: s.partCount === null ? '' : String(s.partCount),
    requires_session_id: s.requiresSessionId === null ? '' : String(s.requiresSessionId),
    title_en: en.title,
    description_en: en.description,
    title_sv: sv.title,
    description_sv: sv.description,
  };
  s.people.forEach((p, i) => {
    const f = personFields(i);
    out[f.person] = String(p.personId);
    out[f.role] = p.role;
    out[f.named] = p.namedPublicly ? '1' : '';
  });
  return out;
}

/** Stored JSON of a session's texts. */
export const sessionTextsJson = (t: SessionInput['texts']): string => JSON.stringify(t.sv ? { en: t.en, sv: t.sv } : { en: t.en });
