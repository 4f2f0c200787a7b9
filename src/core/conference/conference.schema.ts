import type { Locale } from '../../i18n/index.js';
import { isOneOf } from '../shared/form-input.js';

/** Defenders' Days: the kinds of things a programme holds, and what the public pages get. */

export const sessionTypes = ['training', 'workshop', 'panel', 'keynote', 'presentation', 'commemoration', 'ceremony', 'social', 'break'] as const;
export type SessionType = (typeof sessionTypes)[number];

/** The language a session is held in; `en-ru` is English with Russian interpretation. */
export const sessionLanguages = ['en', 'en-ru', 'ru', 'sv', 'fr', 'es', 'ar', 'other'] as const;
export type SessionLanguage = (typeof sessionLanguages)[number];

export const sessionRoles = ['trainer', 'panellist', 'moderator', 'speaker'] as const;
export type SessionRole = (typeof sessionRoles)[number];

export const emptyChairReasons = ['imprisoned', 'travel-ban', 'other'] as const;
export type EmptyChairReason = (typeof emptyChairReasons)[number];

export const conferenceParts = ['closed', 'open'] as const;
export type ConferencePartName = (typeof conferenceParts)[number];

export const isSessionType = isOneOf(sessionTypes);
export const isSessionLanguage = isOneOf(sessionLanguages);
export const isSessionRole = isOneOf(sessionRoles);
export const isEmptyChairReason = isOneOf(emptyChairReasons);

/** Translatable text stored as JSON: English always, other languages where written. */
export type Texts<T> = { en: T } & Partial<Record<Locale, T>>;

/** A JSON `texts` column, parsed; undefined when it is not a JSON object. */
export function parseTexts(json: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One field of parsed texts in the visitor's language, or English where that is missing;
 * `lang` says which. Anything unreadable gives empty English text, never an error page.
 */
export function pickText(texts: Record<string, unknown> | undefined, locale: Locale, field: string): { text: string; lang: Locale } {
  const pick = (l: Locale): string | undefined => {
    const t = texts?.[l];
    const v = t && typeof t === 'object' ? (t as Record<string, unknown>)[field] : undefined;
    return typeof v === 'string' && v.trim() ? v : undefined;
  };
  const own = pick(locale);
  if (own !== undefined) return { text: own, lang: locale };
  return { text: pick('en') ?? '', lang: 'en' };
}

/** One field of a JSON `texts` column, as pickText reads it. */
export const localText = (json: string, locale: Locale, field: string): { text: string; lang: Locale } => pickText(parseTexts(json), locale, field);

// ---- figures

export interface EditionFigures {
  participants: number | null;
  defenders: number | null;
  countries: number | null;
  continents: number | null;
}

/** How many took part by the platform's own records: the participants' rows, and after their deletion the totals kept per role. */
export interface CountedParticipation {
  participants: number;
  defenders: number;
}

/** No published figure, and none that can be worked out from two published figures, is under this. */
export const MIN_PUBLIC_COUNT = 5;

const nonNegative = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null);
/** A count the public may see: a whole number of at least MIN_PUBLIC_COUNT. */
const safeCount = (n: number | null): number | null => (n !== null && n >= MIN_PUBLIC_COUNT ? n : null);
/** A difference of two published figures that would name a small group (1 to 4 people). */
const smallDifference = (whole: number, part: number): boolean => part > whole || (whole - part > 0 && whole - part < MIN_PUBLIC_COUNT);

/**
 * What the public may know of an edition's participation, totals only:
 * - nothing before the edition has ended (a list that is still growing names who is coming);
 * - participants and defenders from the platform's records when it has any for the edition
 *   (after deletion, the totals kept per role), otherwise what staff entered;
 * - never a count under MIN_PUBLIC_COUNT, and no defenders figure when the others (the total
 *   minus the defenders) would be 1 to 4 people, or when it does not fit the total;
 * - countries and continents as staff entered them, under the same floor, and only when they
 *   fit (no more countries than participants, no more continents than countries).
 * There is no breakdown by country: the platform keeps no country in plaintext.
 */
export function publicFigures(entered: EditionFigures, edition: { ended: boolean; counted: CountedParticipation | null }): EditionFigures {
  const none: EditionFigures = { participants: null, defenders: null, countries: null, continents: null };
  if (!edition.ended) return none;
  const counted = edition.counted && edition.counted.participants > 0 ? edition.counted : null;
  const participants = counted ? counted.participants : nonNegative(entered.participants);
  let defenders = counted ? counted.defenders : nonNegative(entered.defenders);
  if (participants !== null && defenders !== null && smallDifference(participants, defenders)) defenders = null;
  let countries = nonNegative(entered.countries);
  if (countries !== null && participants !== null && countries > participants) countries = null;
  let continents = nonNegative(entered.continents);
  if (continents !== null && countries !== null && continents > countries) continents = null;
  return { participants: safeCount(participants), defenders: safeCount(defenders), countries: safeCount(countries), continents: safeCount(continents) };
}

export const hasFigures = (f: EditionFigures): boolean => [f.participants, f.defenders, f.countries, f.continents].some((n) => n !== null);

// ---- what the public pages get

export interface EditionSummary {
  id: number;
  year: number;
  startsOn: string | null;
  endsOn: string | null;
  timeZone: string;
  theme: string;
  /** the language of the theme */
  lang: Locale;
  summary: string;
  summaryLang: Locale;
  venueName: string | null;
  city: string | null;
  updatedAt: string;
}

export interface EmptyChair {
  name: string;
  countryCode: string | null;
  reason: EmptyChairReason;
  note: string;
  lang: Locale;
}

export interface OpenSessionRef {
  slug: string;
}

export interface EditionDetail extends EditionSummary {
  body: string;
  bodyLang: Locale;
  venueAddress: string | null;
  venueCountry: string | null;
  figures: EditionFigures;
  emptyChairs: EmptyChair[];
  /** the open public session's event, when it is public */
  openSession: OpenSessionRef | null;
  /** whether the public programme has anything in it */
  programmePublished: boolean;
  publicSessions: number;
}

export interface ProgrammePerson {
  name: string;
  role: SessionRole;
}

export interface ProgrammeSession {
  /** the row id: for the participant's own forms, never shown on a public page */
  id: number;
  /** random: what anchors and calendar UIDs use, so no gap counts the closed sessions */
  publicId: string;
  part: ConferencePartName;
  startsAt: string;
  endsAt: string;
  /** the local date in the edition's time zone, 'YYYY-MM-DD' */
  day: string;
  trackId: number | null;
  room: string | null;
  type: SessionType;
  language: SessionLanguage;
  title: string;
  description: string;
  lang: Locale;
  partNumber: number | null;
  partCount: number | null;
  /** the session this one requires (part 1 of a workshop), when the viewer may see it */
  requires: { id: number; publicId: string; partNumber: number | null } | null;
  /** true when it requires a session the viewer may not see */
  requiresHidden: boolean;
  people: ProgrammePerson[];
  updatedAt: string;
}

export interface ProgrammeTrack {
  id: number;
  name: string;
  lang: Locale;
}

export interface ProgrammeFilter {
  track?: number | undefined;
  language?: SessionLanguage | undefined;
  type?: SessionType | undefined;
}

export interface Programme {
  edition: EditionSummary & { venueName: string | null };
  published: boolean;
  /** tracks that have at least one session the viewer may see, in their order */
  tracks: ProgrammeTrack[];
  /** every visible session, before the filter */
  all: ProgrammeSession[];
  /** the sessions the filter keeps */
  sessions: ProgrammeSession[];
  options: { languages: SessionLanguage[]; types: SessionType[] };
}

/** "1(2)": part 1 of 2. */
export const partLabel = (s: Pick<ProgrammeSession, 'partNumber' | 'partCount'>): string | null =>
  s.partNumber && s.partCount ? `${s.partNumber}(${s.partCount})` : null;
