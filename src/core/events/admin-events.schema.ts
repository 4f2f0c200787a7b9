import { checked, field, fieldList, FormErrors, isCountryCode, SLUG, type RawForm } from '../shared/form-input.js';
import { isTimeZone, utcToZonedInput, zonedTimeToUtc } from '../shared/zoned-time.js';
import type { EventStatus } from '../../db/schema.js';
import { eventTypes, isEventType, speakerRoles, type EventType, type SpeakerRole } from './events.schema.js';

/**
 * The organiser's side of events: what the event form accepts and what the workspace
 * reads. Field names are the form's input names and ids, so an error on `title_en`
 * lands next to that input and the summary links to it.
 */

/** Slugs that would shadow a public URL under /events/ or mean something else. */
export const RESERVED_SLUGS = [
  'past',
  'new',
  'feed',
  'feeds',
  'calendar',
  'search',
  'archive',
  'videos',
  'admin',
  'api',
  'media',
  'assets',
  'en',
  'sv',
  'ru',
] as const;

/** Rows of speaker pickers shown on the form: the existing ones plus this many empty ones. */
export const EMPTY_SPEAKER_ROWS = 3;
export const MAX_SPEAKER_ROWS = 40;

export const LIMITS = { title: 200, summary: 600, body: 20_000, alt: 300, credit: 200, notice: 1_000, docTitle: 200 } as const;

export interface EventTexts {
  title: string;
  summary: string;
  body: string;
}

/** A valid event form, times in UTC. */
export interface EventInput {
  slug: string;
  type: EventType;
  seriesId: number | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueId: number | null;
  online: boolean;
  countries: string[];
  topicIds: number[];
  people: { personId: number; role: SpeakerRole }[];
  partnerIds: number[];
  liveStreamUrl: string | null;
  recordingUrl: string | null;
  texts: { en: EventTexts; sv: EventTexts | null };
}

/** What the form shows: the user's own text, exactly as typed or as loaded. */
export type EventFormValues = Record<string, string | string[]>;

export const speakerFields = (i: number) => ({ person: `speaker_person_${i}`, role: `speaker_role_${i}` });

/** The local date-time of the form ('YYYY-MM-DDTHH:mm'; browsers may add ':00' seconds). */
export function localDateTime(errors: FormErrors, name: string, value: string, timeZone: string | null): string | null {
  const v = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00(\.0+)?$/.test(value) ? value.slice(0, 16) : value;
  if (!value) {
    errors.add(name, 'event.time-required');
    return null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) || v < '1900' || v > '2200') {
    errors.add(name, 'event.time-invalid');
    return null;
  }
  if (!timeZone) return null;
  try {
    return zonedTimeToUtc(v, timeZone).toISOString();
  } catch {
    errors.add(name, 'event.time-invalid');
    return null;
  }
}

function texts(errors: FormErrors, raw: RawForm, locale: 'en' | 'sv'): EventTexts {
  return {
    title: errors.text(`title_${locale}`, field(raw, `title_${locale}`), {
      max: LIMITS.title,
      ...(locale === 'en' ? { required: 'event.title-required' } : {}),
    }),
    summary: errors.text(`summary_${locale}`, field(raw, `summary_${locale}`), { max: LIMITS.summary }),
    body: errors.text(`body_${locale}`, field(raw, `body_${locale}`), { max: LIMITS.body }),
  };
}

function speakers(errors: FormErrors, raw: RawForm): EventInput['people'] {
  const out: EventInput['people'] = [];
  for (let i = 0; i < MAX_SPEAKER_ROWS; i++) {
    const f = speakerFields(i);
    const person = field(raw, f.person);
    if (!person) continue;
    const personId = errors.optionalId(f.person, person);
    const role = field(raw, f.role);
    if (!(speakerRoles as readonly string[]).includes(role)) {
      errors.add(f.role, 'event.role-invalid');
      continue;
    }
    if (personId === null) continue;
    if (out.some((p) => p.personId === personId && p.role === role)) errors.add(f.person, 'event.speaker-twice');
    else out.push({ personId, role: role as SpeakerRole });
  }
  return out;
}

/** Checks the whole event form; throws `invalid` with every field's message key, or returns the event. */
export function parseEventForm(raw: RawForm): EventInput {
  const errors = new FormErrors();
  const slug = field(raw, 'slug').toLowerCase();
  if (!slug) errors.add('slug', 'event.slug-required');
  else if (!SLUG.test(slug)) errors.add('slug', 'event.slug-invalid');
  else if ((RESERVED_SLUGS as readonly string[]).includes(slug)) errors.add('slug', 'event.slug-reserved');

  const type = field(raw, 'type');
  if (!isEventType(type)) errors.add('type', 'event.type-invalid');

  const zoneText = field(raw, 'time_zone');
  const timeZone = isTimeZone(zoneText) ? zoneText : null;
  if (!timeZone) errors.add('time_zone', 'event.zone-invalid');
  const startsAt = localDateTime(errors, 'starts_local', field(raw, 'starts_local'), timeZone);
  const endsAt = localDateTime(errors, 'ends_local', field(raw, 'ends_local'), timeZone);
  if (startsAt && endsAt && endsAt <= startsAt) errors.add('ends_local', 'event.end-before-start');

  const venueId = errors.optionalId('venue_id', field(raw, 'venue_id'));
  const online = checked(raw, 'online');
  if (venueId === null && !online && !errors.has('venue_id')) errors.add('venue_id', 'event.venue-or-online');

  const countries = [
    ...new Set(
      field(raw, 'countries')
        .toUpperCase()
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ];
  if (countries.length > 60 || countries.some((c) => !isCountryCode(c))) errors.add('countries', 'event.countries-invalid');

  const en = texts(errors, raw, 'en');
  const svTexts = texts(errors, raw, 'sv');
  const hasSv = Boolean(svTexts.title || svTexts.summary || svTexts.body);
  if (hasSv && !svTexts.title && !errors.has('title_sv')) errors.add('title_sv', 'event.title-sv-required');

  const input: EventInput = {
    slug,
    type: type as EventType,
    seriesId: errors.optionalId('series_id', field(raw, 'series_id')),
    startsAt: startsAt ?? '',
    endsAt: endsAt ?? '',
    timeZone: timeZone ?? '',
    venueId,
    online,
    countries,
    topicIds: errors.ids('topic_ids', fieldList(raw, 'topic_ids')),
    people: speakers(errors, raw),
    partnerIds: errors.ids('partner_ids', fieldList(raw, 'partner_ids')),
    liveStreamUrl: errors.httpsUrl('live_stream_url', field(raw, 'live_stream_url')),
    recordingUrl: errors.httpsUrl('recording_url', field(raw, 'recording_url')),
    texts: { en, sv: hasSv ? svTexts : null },
  };
  errors.throwIfAny('event form');
  return input;
}

/** The names the event form sends, for re-rendering what the user typed. */
export function eventFormValues(raw: RawForm): EventFormValues {
  const out: EventFormValues = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === '_csrf') continue;
    if (k === 'topic_ids' || k === 'partner_ids') out[k] = fieldList(raw, k);
    else if (typeof v === 'string' || Array.isArray(v)) out[k] = field(raw, k);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// What the workspace reads

export type AdminStatusFilter = EventStatus | 'hidden' | 'all';
export const statusFilters: AdminStatusFilter[] = ['all', 'draft', 'published', 'cancelled', 'hidden'];

export interface AdminEventRow {
  id: number;
  slug: string;
  status: EventStatus;
  hidden: boolean;
  type: EventType;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  title: string;
}

export interface AdminEventDocument {
  id: number;
  key: string;
  bytes: number;
  titles: { en: string; sv: string };
}

export interface AdminEventNotice {
  id: number;
  createdAt: string;
  texts: { en: string; sv: string };
}

/** One event as the edit page needs it. */
export interface AdminEvent extends AdminEventRow {
  seriesId: number | null;
  venueId: number | null;
  online: boolean;
  countries: string[];
  topicIds: number[];
  people: { personId: number; role: SpeakerRole }[];
  partnerIds: number[];
  liveStreamUrl: string | null;
  recordingUrl: string | null;
  texts: { en: EventTexts; sv: EventTexts | null };
  image: { key: string; variants: number[]; credit: string; alt: { en: string; sv: string } } | null;
  documents: AdminEventDocument[];
  notices: AdminEventNotice[];
  publishedAt: string | null;
  updatedAt: string;
}

/** The stored event as form values, times shown in the event's own zone. */
export function valuesOfEvent(e: AdminEvent): EventFormValues {
  const v: EventFormValues = {
    slug: e.slug,
    type: e.type,
    series_id: e.seriesId ? String(e.seriesId) : '',
    starts_local: utcToZonedInput(new Date(e.startsAt), e.timeZone),
    ends_local: utcToZonedInput(new Date(e.endsAt), e.timeZone),
    time_zone: e.timeZone,
    venue_id: e.venueId ? String(e.venueId) : '',
    online: e.online ? '1' : '',
    countries: e.countries.join(', '),
    topic_ids: e.topicIds.map(String),
    partner_ids: e.partnerIds.map(String),
    live_stream_url: e.liveStreamUrl ?? '',
    recording_url: e.recordingUrl ?? '',
  };
  for (const locale of ['en', 'sv'] as const) {
    const t = e.texts[locale];
    v[`title_${locale}`] = t?.title ?? '';
    v[`summary_${locale}`] = t?.summary ?? '';
    v[`body_${locale}`] = t?.body ?? '';
  }
  e.people.forEach((p, i) => {
    const f = speakerFields(i);
    v[f.person] = String(p.personId);
    v[f.role] = p.role;
  });
  return v;
}

/** Choices the event form offers. */
export interface EventFormOptions {
  types: readonly EventType[];
  roles: readonly SpeakerRole[];
  series: { id: number; name: string }[];
  venues: { id: number; name: string }[];
  people: { id: number; name: string }[];
  partners: { id: number; name: string }[];
  topics: { id: number; name: string }[];
  timeZones: string[];
}

export const allEventTypes = eventTypes;

export interface DashboardFigures {
  drafts: number;
  upcoming: number;
  cancelled: number;
  next: AdminEventRow[];
}

/** What an image upload brings: the file (or none, to change only the texts) and its texts. */
export interface ImageUpload {
  file: Buffer | undefined;
  /** the upload went over the size limit and was cut short */
  truncated: boolean;
  altEn: string;
  altSv: string;
  credit: string;
}

export interface DocumentUpload {
  file: Buffer | undefined;
  truncated: boolean;
  titleEn: string;
  titleSv: string;
}
