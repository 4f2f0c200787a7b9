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

/** One participant as the figures see them (issue 6 feeds these); nothing that names anyone. */
export interface FigureParticipant {
  countryCode: string | null;
  continent: string | null;
  defender: boolean;
}

/** A country is never listed publicly with fewer participants than this. */
export const MIN_PUBLIC_COUNTRY_COUNT = 5;

export interface PublicFigures extends EditionFigures {
  /**
   * Countries with at least MIN_PUBLIC_COUNTRY_COUNT participants each, largest first.
   * The public pages show totals only today; this is what a later breakdown may show.
   */
  countryList: { countryCode: string; participants: number }[];
}

const nonNegative = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null);

/**
 * What the public may know of an edition's participation: totals only, computed from the
 * participants once there are any (issue 6), otherwise the figures staff entered for a
 * past edition. Never a country with fewer than MIN_PUBLIC_COUNTRY_COUNT participants.
 */
export function publicFigures(entered: EditionFigures, participants: readonly FigureParticipant[] = []): PublicFigures {
  if (!participants.length) {
    return {
      participants: nonNegative(entered.participants),
      defenders: nonNegative(entered.defenders),
      countries: nonNegative(entered.countries),
      continents: nonNegative(entered.continents),
      countryList: [],
    };
  }
  const byCountry = new Map<string, number>();
  const continents = new Set<string>();
  for (const p of participants) {
    if (p.countryCode) byCountry.set(p.countryCode, (byCountry.get(p.countryCode) ?? 0) + 1);
    if (p.continent) continents.add(p.continent);
  }
  return {
    participants: participants.length,
    defenders: participants.filter((p) => p.defender).length,
    countries: byCountry.size,
    continents: continents.size,
    countryList: [...byCountry]
      .filter(([, n]) => n >= MIN_PUBLIC_COUNTRY_COUNT)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([countryCode, n]) => ({ countryCode, participants: n })),
  };
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
  figures: PublicFigures;
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
  id: number;
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
  requires: { id: number; partNumber: number | null } | null;
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
