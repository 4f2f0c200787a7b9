import type { ConferenceEditionStatus, ConferenceVisibility } from '../../db/schema.js';
import { checked, field, FormErrors, isCountryCode, type RawForm } from '../shared/form-input.js';
import { isTimeZone } from '../shared/zoned-time.js';
import { isDay, optionalCount } from './admin-sessions.schema.js';
import { isEmptyChairReason, parseTexts, type EmptyChairReason } from './conference.schema.js';

/**
 * The organiser's side of Defenders' Days (except sessions, in admin-sessions.schema.ts):
 * the forms of an edition, a copy of its structure, a track, a room and an empty chair, and
 * what the workspace reads. Field names are the forms' input names and ids.
 */

export const CONF_LIMITS = { theme: 200, summary: 600, body: 20_000, trackName: 120, roomName: 120, chairName: 200, note: 1_000 } as const;
export const YEAR_MIN = 1990;
export const YEAR_MAX = 2200;

/** An edition's year from the URL or a form; undefined when it is not a plausible year. */
export function parseYear(value: string): number | undefined {
  if (!/^\d{4}$/.test(value)) return undefined;
  const y = Number(value);
  return y >= YEAR_MIN && y <= YEAR_MAX ? y : undefined;
}

function year(errors: FormErrors, name: string, value: string): number {
  const y = parseYear(value);
  if (y === undefined) errors.add(name, value ? 'cadmin.edition.year-invalid' : 'cadmin.edition.year-required');
  return y ?? 0;
}

function day(errors: FormErrors, name: string, value: string, required = false): string | null {
  if (!value) {
    if (required) errors.add(name, 'cadmin.edition.date-required');
    return null;
  }
  if (!isDay(value)) {
    errors.add(name, 'cadmin.edition.date-invalid');
    return null;
  }
  return value;
}

// ---- edition

export interface EditionTexts {
  theme: string;
  summary: string;
  body: string;
}

export interface EditionInput {
  year: number;
  startsOn: string | null;
  endsOn: string | null;
  timeZone: string;
  venueId: number | null;
  openEventId: number | null;
  participants: number | null;
  defenders: number | null;
  countries: number | null;
  continents: number | null;
  texts: { en: EditionTexts; sv: EditionTexts | null };
}

function editionTexts(errors: FormErrors, raw: RawForm, locale: 'en' | 'sv'): EditionTexts {
  return {
    theme: errors.text(`theme_${locale}`, field(raw, `theme_${locale}`), {
      max: CONF_LIMITS.theme,
      ...(locale === 'en' ? { required: 'cadmin.edition.theme-required' } : {}),
    }),
    summary: errors.text(`summary_${locale}`, field(raw, `summary_${locale}`), { max: CONF_LIMITS.summary }),
    body: errors.text(`body_${locale}`, field(raw, `body_${locale}`), { max: CONF_LIMITS.body }),
  };
}

export function parseEditionForm(raw: RawForm): EditionInput {
  const errors = new FormErrors();
  const y = year(errors, 'year', field(raw, 'year'));
  const startsOn = day(errors, 'starts_on', field(raw, 'starts_on'));
  const endsOn = day(errors, 'ends_on', field(raw, 'ends_on'));
  if (!errors.has('starts_on') && !errors.has('ends_on')) {
    if ((startsOn === null) !== (endsOn === null)) errors.add(startsOn === null ? 'starts_on' : 'ends_on', 'cadmin.edition.dates-both');
    else if (startsOn && endsOn && endsOn < startsOn) errors.add('ends_on', 'cadmin.edition.dates-order');
    else if (startsOn && y && !startsOn.startsWith(String(y))) errors.add('starts_on', 'cadmin.edition.dates-year');
  }
  const zone = field(raw, 'time_zone');
  if (!isTimeZone(zone)) errors.add('time_zone', 'form.choice-invalid');
  const figures = {
    participants: optionalCount(errors, 'participants', field(raw, 'participants'), 0, 100_000),
    defenders: optionalCount(errors, 'defenders', field(raw, 'defenders'), 0, 100_000),
    countries: optionalCount(errors, 'countries', field(raw, 'countries'), 0, 250),
    continents: optionalCount(errors, 'continents', field(raw, 'continents'), 0, 7),
  };
  if (figures.participants !== null && figures.defenders !== null && figures.defenders > figures.participants)
    errors.add('defenders', 'cadmin.edition.defenders-over');
  const en = editionTexts(errors, raw, 'en');
  const sv = editionTexts(errors, raw, 'sv');
  const hasSv = Boolean(sv.theme || sv.summary || sv.body);
  if (hasSv && !sv.theme && !errors.has('theme_sv')) errors.add('theme_sv', 'cadmin.edition.theme-sv-required');
  const input: EditionInput = {
    year: y,
    startsOn,
    endsOn,
    timeZone: zone,
    venueId: errors.optionalId('venue_id', field(raw, 'venue_id')),
    openEventId: errors.optionalId('open_event_id', field(raw, 'open_event_id')),
    ...figures,
    texts: { en, sv: hasSv ? sv : null },
  };
  errors.throwIfAny('edition form');
  return input;
}

// ---- copy of an edition's structure

export interface CopyInput {
  fromYear: number;
  year: number;
  startsOn: string;
  theme: string;
}

export function parseCopyForm(raw: RawForm): CopyInput {
  const errors = new FormErrors();
  const from = parseYear(field(raw, 'from'));
  if (from === undefined) errors.add('from', 'form.choice-invalid');
  const input: CopyInput = {
    fromYear: from ?? 0,
    year: year(errors, 'year', field(raw, 'year')),
    startsOn: day(errors, 'starts_on', field(raw, 'starts_on'), true) ?? '',
    theme: errors.text('theme_en', field(raw, 'theme_en'), { max: CONF_LIMITS.theme, required: 'cadmin.edition.theme-required' }),
  };
  if (input.year && input.startsOn && !input.startsOn.startsWith(String(input.year))) errors.add('starts_on', 'cadmin.edition.dates-year');
  errors.throwIfAny('copy form');
  return input;
}

// ---- track, room, empty chair

export interface TrackInput {
  position: number;
  names: { en: string; sv: string | null };
}

export function parseTrackForm(raw: RawForm): TrackInput {
  const errors = new FormErrors();
  const en = errors.text('name_en', field(raw, 'name_en'), { max: CONF_LIMITS.trackName, required: 'cadmin.track.name-required' });
  const sv = errors.text('name_sv', field(raw, 'name_sv'), { max: CONF_LIMITS.trackName });
  const input = { position: optionalCount(errors, 'position', field(raw, 'position'), 0, 999) ?? 0, names: { en, sv: sv || null } };
  errors.throwIfAny('track form');
  return input;
}

export interface RoomInput {
  name: string;
  capacity: number | null;
  visibility: ConferenceVisibility;
}

export function parseRoomForm(raw: RawForm): RoomInput {
  const errors = new FormErrors();
  const name = errors.text('name', field(raw, 'name'), { max: CONF_LIMITS.roomName, required: 'cadmin.room.name-required' });
  const capacity = optionalCount(errors, 'capacity', field(raw, 'capacity'), 1, 100_000);
  const visibility = field(raw, 'visibility');
  if (visibility !== 'public' && visibility !== 'participants') errors.add('visibility', 'form.choice-invalid');
  errors.throwIfAny('room form');
  return { name, capacity, visibility: visibility as ConferenceVisibility };
}

export interface EmptyChairInput {
  name: string;
  countryCode: string | null;
  reason: EmptyChairReason;
  note: { en: string; sv: string | null };
  safeToShow: boolean;
  agreed: boolean;
  position: number;
}

export function parseEmptyChairForm(raw: RawForm): EmptyChairInput {
  const errors = new FormErrors();
  const name = errors.text('name', field(raw, 'name'), { max: CONF_LIMITS.chairName, required: 'cadmin.chair.name-required' });
  const country = field(raw, 'country_code').toUpperCase();
  if (country && !isCountryCode(country)) errors.add('country_code', 'form.choice-invalid');
  const reason = field(raw, 'reason');
  if (!isEmptyChairReason(reason)) errors.add('reason', 'form.choice-invalid');
  const en = errors.text('note_en', field(raw, 'note_en'), { max: CONF_LIMITS.note });
  const sv = errors.text('note_sv', field(raw, 'note_sv'), { max: CONF_LIMITS.note });
  const input: EmptyChairInput = {
    name,
    countryCode: country || null,
    reason: reason as EmptyChairReason,
    note: { en, sv: sv || null },
    safeToShow: checked(raw, 'safe_to_show'),
    agreed: checked(raw, 'agreed'),
    position: optionalCount(errors, 'position', field(raw, 'position'), 0, 999) ?? 0,
  };
  errors.throwIfAny('empty chair form');
  return input;
}

/** The names a form sends, for showing what the user typed again (checkboxes absent when unticked). */
export function formValues(raw: RawForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (k !== '_csrf' && (typeof v === 'string' || Array.isArray(v))) out[k] = field(raw, k);
  return out;
}

// ---------------------------------------------------------------------------------------
// What the workspace reads

export interface AdminEditionRow {
  id: number;
  year: number;
  status: ConferenceEditionStatus;
  programmeStatus: ConferenceEditionStatus;
  startsOn: string | null;
  endsOn: string | null;
  timeZone: string;
  theme: string;
  sessions: number;
}

export interface AdminEdition extends AdminEditionRow {
  venueId: number | null;
  venueName: string | null;
  openEventId: number | null;
  openEventTitle: string | null;
  participants: number | null;
  defenders: number | null;
  countries: number | null;
  continents: number | null;
  texts: string;
}

export interface AdminTrack {
  id: number;
  position: number;
  name: string;
  nameSv: string;
  sessions: number;
}

export interface AdminRoom {
  id: number;
  name: string;
  capacity: number | null;
  visibility: ConferenceVisibility;
  sessions: number;
}

export interface AdminEmptyChair {
  id: number;
  name: string;
  countryCode: string | null;
  reason: EmptyChairReason;
  noteEn: string;
  noteSv: string;
  safeToShow: boolean;
  agreed: boolean;
  position: number;
}

/** An empty chair is on the public edition page only when staff recorded both. */
export const chairIsPublic = (c: Pick<AdminEmptyChair, 'safeToShow' | 'agreed'>): boolean => c.safeToShow && c.agreed;

export interface EditionFormOptions {
  venues: { id: number; name: string }[];
  events: { id: number; title: string; startsAt: string; timeZone: string }[];
  timeZones: string[];
}

/** One language's text of a JSON `texts` column, '' when missing. */
export function textOf(json: string, locale: 'en' | 'sv', name: string): string {
  const t = parseTexts(json)?.[locale];
  const v = t && typeof t === 'object' ? (t as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : '';
}

const num = (n: number | null) => (n === null ? '' : String(n));

export function valuesOfEdition(e: AdminEdition): Record<string, string> {
  const out: Record<string, string> = {
    year: String(e.year),
    starts_on: e.startsOn ?? '',
    ends_on: e.endsOn ?? '',
    time_zone: e.timeZone,
    venue_id: e.venueId === null ? '' : String(e.venueId),
    open_event_id: e.openEventId === null ? '' : String(e.openEventId),
    participants: num(e.participants),
    defenders: num(e.defenders),
    countries: num(e.countries),
    continents: num(e.continents),
  };
  for (const l of ['en', 'sv'] as const) for (const f of ['theme', 'summary', 'body']) out[`${f}_${l}`] = textOf(e.texts, l, f);
  return out;
}

export const valuesOfTrack = (t: AdminTrack): Record<string, string> => ({ position: String(t.position), name_en: t.name, name_sv: t.nameSv });
export const valuesOfRoom = (r: AdminRoom): Record<string, string> => ({ name: r.name, capacity: num(r.capacity), visibility: r.visibility });
export const valuesOfChair = (c: AdminEmptyChair): Record<string, string> => ({
  name: c.name,
  country_code: c.countryCode ?? '',
  reason: c.reason,
  note_en: c.noteEn,
  note_sv: c.noteSv,
  safe_to_show: c.safeToShow ? '1' : '',
  agreed: c.agreed ? '1' : '',
  position: String(c.position),
});

export const editionTextsJson = (t: EditionInput['texts']): string => JSON.stringify(t.sv ? { en: t.en, sv: t.sv } : { en: t.en });
